/**
 * Components of the digital groups (Exhibit 1a): conversational systems (bots), non-conversational self-service
 * (app, web, USSD) and back-stage automation, from their contacts; and the forecast accuracy of the digital
 * assisted systems (Exhibit 2) from their workforce intervals.
 */
import { type ComponentGroup, localDay, measured, n, nearDays } from "./define.ts";

/** Every component a digital contact can give; each group takes the ones its metrics name. */
const DIGITAL_COMPONENTS = {
  initiated_interactions: "count(*)",
  contacts_received: "count(*)",
  eligible_transactions: "count(*) FILTER (WHERE eligible)",
  eligible_conversations: "count(*) FILTER (WHERE eligible)",
  eligible_tasks: "count(*) FILTER (WHERE eligible)",
  completed_in_service: "count(*) FILTER (WHERE eligible AND completed_in_service)",
  // End to end with no human: not transferred, not escalated.
  handled_autonomously: measured(
    "transferred_to_human",
    "count(*) FILTER (WHERE NOT transferred_to_human AND NOT coalesce(escalated, false))",
  ),
  deflected_from_human: measured("deflected", "count(*) FILTER (WHERE eligible AND deflected)"),
  conversations: "count(*) FILTER (WHERE done)",
  handled_conversations: "count(*) FILTER (WHERE done)",
  handled: "count(*) FILTER (WHERE done)",
  tasks_processed: "count(*) FILTER (WHERE done)",
  conversation_seconds: "coalesce(sum(duration) FILTER (WHERE done), 0)",
  processing_seconds: "coalesce(sum(duration) FILTER (WHERE done), 0)",
  bot_messages: measured("messages", "coalesce(sum(messages) FILTER (WHERE done), 0)"),
  inputs_evaluated: measured("inputs_recognized", "sum(inputs) FILTER (WHERE inputs_recognized IS NOT NULL)"),
  inputs_correctly_recognized: measured("inputs_recognized", "sum(inputs_recognized)"),
  inputs_scored: measured("confidence_sum", "sum(inputs) FILTER (WHERE confidence_sum IS NOT NULL)"),
  confidence_sum: measured("confidence_sum", "sum(confidence_sum)"),
  resolved: measured("resolved", "count(*) FILTER (WHERE done AND resolved)"),
  resolved_first_contact: measured("first_contact", "count(*) FILTER (WHERE done AND first_contact)"),
  sales_objective_achieved: measured("sale", "count(*) FILTER (WHERE sale)"),
  sales_value: measured("sale_value", "coalesce(sum(sale_value), 0)"),
} as const;

type DigitalComponent = keyof typeof DIGITAL_COMPONENTS;

/**
 * Digital contacts of one kind on the local day they began. A contact is done when it ended; its duration is
 * its active time where recorded, else its span from start to end.
 */
const digital = (kind: string, ids: readonly DigitalComponent[]): ComponentGroup => ({
  base: () => `
    SELECT ${localDay("c.arrived_at")} AS day, c.program_id, coalesce(c.queue_id, '') AS queue_id,
      c.completed_at IS NOT NULL AS done,
      coalesce(c.talk_seconds, epoch(c.completed_at - c.arrived_at)) AS duration,
      coalesce(c.eligible, false) AS eligible, c.completed_in_service, c.transferred_to_human, c.escalated,
      c.deflected, c.messages, c.inputs, c.inputs_recognized, c.confidence_sum, c.resolved, c.first_contact,
      c.sale, c.sale_value
    FROM contacts c WHERE c.kind = '${kind}'`,
  byDay: { table: "contacts", near: (from, to) => nearDays("c.arrived_at", from, to) },
  components: Object.fromEntries(ids.map((id) => [id, DIGITAL_COMPONENTS[id]])),
});

export const conversational = digital("bot", [
  "eligible_transactions",
  "eligible_conversations",
  "completed_in_service",
  "initiated_interactions",
  "handled_autonomously",
  "conversations",
  "handled_conversations",
  "handled",
  "conversation_seconds",
  "bot_messages",
  "inputs_evaluated",
  "inputs_correctly_recognized",
  "inputs_scored",
  "confidence_sum",
  "resolved",
  "resolved_first_contact",
  "contacts_received",
  "sales_objective_achieved",
  "sales_value",
  "deflected_from_human",
]);

export const nonConversational = digital("self-service", [
  "eligible_transactions",
  "completed_in_service",
  "handled",
  "resolved",
  "resolved_first_contact",
  "contacts_received",
  "sales_objective_achieved",
  "sales_value",
  "deflected_from_human",
]);

export const backStage = digital("back-office", [
  "eligible_tasks",
  "tasks_processed",
  "processing_seconds",
  "handled_conversations",
  "bot_messages",
]);

/**
 * Forecast accuracy of the digital assisted systems, per day: whether the day's arrivals (run rate) and its
 * busiest interval (peak) came within the tolerance of their forecasts. The tolerance scales each forecast in
 * the base, so the day's sums and maxima compare directly.
 */
export const digitalForecastAccuracy: ComponentGroup = {
  base: (s) => `
    SELECT ${localDay("c.starts_at")} AS day, c.program_id, c.queue_id, c.forecast_contacts AS forecast,
      c.actual_contacts AS arrived,
      ${n(1 - s.forecastTolerance.under)} * c.forecast_contacts AS forecast_low,
      ${n(1 + s.forecastTolerance.over)} * c.forecast_contacts AS forecast_high
    FROM workforce_intervals c
    WHERE c.kind IN ('bot', 'self-service') AND c.forecast_contacts IS NOT NULL AND c.actual_contacts IS NOT NULL`,
  byDay: { table: "workforce_intervals", near: (from, to) => nearDays("c.starts_at", from, to) },
  components: {
    days_forecast: "CASE WHEN sum(forecast) > 0 THEN 1 END",
    days_run_rate_within_tolerance: `CASE WHEN sum(forecast) > 0 THEN CASE WHEN
      sum(arrived) >= sum(forecast_low) - 1e-9 AND sum(arrived) <= sum(forecast_high) + 1e-9 THEN 1 ELSE 0 END END`,
    days_peak_within_tolerance: `CASE WHEN sum(forecast) > 0 THEN CASE WHEN
      max(arrived) >= max(forecast_low) - 1e-9 AND max(arrived) <= max(forecast_high) + 1e-9 THEN 1 ELSE 0 END END`,
  },
};
