/**
 * Components from surveys of customers, clients and staff: satisfaction and dissatisfaction on each response's
 * own scale, and the customer's experience of the service journey.
 */
import { type ComponentGroup, type ComponentSettings, localDay, n, nearDays } from "./define.ts";

/** Each response lands on the local day it was answered. */
const byAnswer = (table: string) => ({
  table,
  near: (from: string, to: string) => nearDays("c.answered_at", from, to),
});

/** Top boxes satisfied, bottom boxes dissatisfied, on each response's own scale (1 to scale_max). */
const boxes = (s: ComponentSettings) => `
  c.overall_satisfaction > c.scale_max - ${n(s.satisfiedTopBoxes)} AS satisfied,
  c.overall_satisfaction < 1 + ${n(s.dissatisfiedBottomBoxes)} AS dissatisfied`;

/** Overall customer satisfaction and dissatisfaction. */
export const satisfaction: ComponentGroup = {
  base: (s) => `
    SELECT ${localDay("c.answered_at")} AS day, c.program_id, '' AS queue_id, ${boxes(s)}
    FROM surveys c`,
  byDay: byAnswer("surveys"),
  components: {
    csat_responses: "count(*)",
    csat_top_two_box: "count(*) FILTER (WHERE satisfied)",
    csat_bottom_box: "count(*) FILTER (WHERE dissatisfied)",
  },
};

/** The service journey experience: the mean of the journey scores given (higher is better). */
export const journeyExperience: ComponentGroup = {
  base: () => `
    SELECT ${localDay("c.answered_at")} AS day, c.program_id, '' AS queue_id, c.journey_score
    FROM surveys c WHERE c.journey_score IS NOT NULL`,
  byDay: byAnswer("surveys"),
  components: {
    journey_experience_responses: "count(*)",
    journey_experience_score_sum: "sum(journey_score)",
  },
};

/** Overall client satisfaction with the entity as provider. */
export const clientSatisfaction: ComponentGroup = {
  base: (s) => `
    SELECT ${localDay("c.answered_at")} AS day, c.program_id, '' AS queue_id, ${boxes(s)}
    FROM client_surveys c`,
  byDay: byAnswer("client_surveys"),
  components: {
    client_survey_responses: "count(*)",
    client_top_two_box: "count(*) FILTER (WHERE satisfied)",
  },
};

/**
 * Employee satisfaction: the overall survey's top and bottom boxes, and satisfaction at the points of the
 * employee lifecycle (a lifecycle answer in the top boxes is satisfied).
 */
export const employeeSatisfaction: ComponentGroup = {
  base: (s) => `
    SELECT ${localDay("c.answered_at")} AS day, c.program_id, '' AS queue_id, c.survey = 'lifecycle' AS lifecycle,
      ${boxes(s)}
    FROM employee_surveys c`,
  byDay: byAnswer("employee_surveys"),
  components: {
    employee_surveys_completed: "count(*) FILTER (WHERE NOT lifecycle)",
    employee_surveys_top_two_box: "count(*) FILTER (WHERE NOT lifecycle AND satisfied)",
    employee_surveys_bottom_box: "count(*) FILTER (WHERE NOT lifecycle AND dissatisfied)",
    lifecycle_responses: "count(*) FILTER (WHERE lifecycle)",
    lifecycle_satisfied_responses: "count(*) FILTER (WHERE lifecycle AND satisfied)",
  },
};
