/**
 * Components from agent time: utilization, occupancy, efficiency and chat concurrency.
 */
import { type ComponentGroup, localDay, measured, nearDays } from "./define.ts";

const byStart = { table: "agent_time", near: (from: string, to: string) => nearDays("c.starts_at", from, to) };

/**
 * How CSS paid time was spent (utilization, occupancy, efficiency), for one kind of work; paid on-site hours
 * are given as `hours` (css_hours, or staff_hours for outbound campaigns).
 */
export const agentTime = (kind: string, hours = "css_hours"): ComponentGroup => ({
  base: () => `
    SELECT ${localDay("c.starts_at")} AS day, c.program_id, '' AS queue_id, c.agent_id, c.paid_onsite_seconds,
      c.productive_seconds, c.available_seconds
    FROM agent_time c WHERE c.kind = '${kind}'`,
  byDay: byStart,
  components: {
    productive_seconds: "sum(productive_seconds)",
    available_seconds: "sum(available_seconds)",
    paid_onsite_seconds: "sum(paid_onsite_seconds)",
    [hours]: "sum(paid_onsite_seconds) / 3600",
  },
});

/** Real-time CSS time with one or more chats open: the base of chat concurrency. */
export const chatEngagement: ComponentGroup = {
  base: () => `
    SELECT ${localDay("c.starts_at")} AS day, c.program_id, '' AS queue_id, c.chat_engaged_seconds
    FROM agent_time c WHERE c.kind = 'real-time'`,
  byDay: byStart,
  components: {
    chat_engaged_seconds: measured("chat_engaged_seconds", "coalesce(sum(chat_engaged_seconds), 0)"),
  },
};
