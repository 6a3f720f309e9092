/**
 * Components from QA evaluations: critical-error accuracies and defect rates.
 */
import { type ComponentGroup, localDay, nearDays } from "./define.ts";

/**
 * Monitored transactions and those free of each class of critical error, counted by unit (3.5.1.e). With
 * `defects` (the ids of items checked and of those with an error), also the defect rate over the evaluations
 * that record whether the item had any error.
 */
export const monitoring = (kind: string, defects?: readonly [checked: string, withError: string]): ComponentGroup => ({
  base: () => `
    SELECT ${localDay("c.evaluated_at")} AS day, c.program_id, coalesce(c.queue_id, '') AS queue_id, c.agent_id,
      c.customer_critical_error, c.business_critical_error, c.compliance_critical_error, c.defect
    FROM qa_evaluations c WHERE c.kind = '${kind}'`,
  byDay: { table: "qa_evaluations", near: (from, to) => nearDays("c.evaluated_at", from, to) },
  components: {
    monitored: "count(*)",
    monitored_without_customer_critical_error: "count(*) FILTER (WHERE NOT customer_critical_error)",
    monitored_without_business_critical_error: "count(*) FILTER (WHERE NOT business_critical_error)",
    monitored_without_compliance_critical_error: "count(*) FILTER (WHERE NOT compliance_critical_error)",
    ...(defects
      ? {
          [defects[0]]: "count(*) FILTER (WHERE defect IS NOT NULL)",
          [defects[1]]: "count(*) FILTER (WHERE defect)",
        }
      : {}),
  },
});
