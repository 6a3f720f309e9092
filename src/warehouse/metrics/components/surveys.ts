/**
 * Components from customer surveys: satisfaction and dissatisfaction.
 */
import { type ComponentGroup, localDay, n } from "./define.ts";

/** Overall satisfaction: top boxes satisfied, bottom boxes dissatisfied, on each response's own scale. */
export const satisfaction: ComponentGroup = {
  base: (s) => `
    SELECT ${localDay("c.answered_at")} AS day, c.program_id, '' AS queue_id,
      c.overall_satisfaction > c.scale_max - ${n(s.satisfiedTopBoxes)} AS satisfied,
      c.overall_satisfaction < 1 + ${n(s.dissatisfiedBottomBoxes)} AS dissatisfied
    FROM surveys c`,
  components: {
    csat_responses: "count(*)",
    csat_top_two_box: "count(*) FILTER (WHERE satisfied)",
    csat_bottom_box: "count(*) FILTER (WHERE dissatisfied)",
  },
};
