/**
 * Components from agent time: utilization, occupancy and efficiency.
 */
import { type ComponentGroup, localDay } from "./define.ts";

/** How CSS paid time was spent (utilization, occupancy, efficiency), for one kind of work. */
export const agentTime = (kind: string): ComponentGroup => ({
  base: () => `
    SELECT ${localDay("c.starts_at")} AS day, c.program_id, '' AS queue_id, c.paid_onsite_seconds, c.productive_seconds, c.available_seconds
    FROM agent_time c WHERE c.kind = '${kind}'`,
  components: {
    productive_seconds: "sum(productive_seconds)",
    available_seconds: "sum(available_seconds)",
    paid_onsite_seconds: "sum(paid_onsite_seconds)",
    css_hours: "sum(paid_onsite_seconds) / 3600",
  },
});
