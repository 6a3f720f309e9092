/**
 * Components from QA evaluations: critical-error accuracies.
 */
import { type ComponentGroup, localDay } from "./define.ts";

/** Monitored transactions and those free of each class of critical error, counted by unit (3.5.1.e). */
export const monitoring = (kind: string): ComponentGroup => ({
  base: () => `
    SELECT ${localDay("c.evaluated_at")} AS day, c.program_id, coalesce(c.queue_id, '') AS queue_id,
      c.customer_critical_error, c.business_critical_error, c.compliance_critical_error
    FROM qa_evaluations c WHERE c.kind = '${kind}'`,
  components: {
    monitored: "count(*)",
    monitored_without_customer_critical_error: "count(*) FILTER (WHERE NOT customer_critical_error)",
    monitored_without_business_critical_error: "count(*) FILTER (WHERE NOT business_critical_error)",
    monitored_without_compliance_critical_error: "count(*) FILTER (WHERE NOT compliance_critical_error)",
  },
});
