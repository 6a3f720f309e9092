/**
 * The component registry: for each process group of the catalog, the SQL that turns canonical rows into the
 * additive components its metrics are made of, per local day × program × queue.
 *
 * Component ids are the ones the pack's formulas name (`offered`, `answered_within_threshold` …), so a metric
 * is computable exactly when every component its formula names is registered for its group. A new source of
 * components is a file in this folder and an entry below.
 */
import { agentTime } from "./agent-time.ts";
import { deferred, deferredArrivals, deferredBacklog, realTime } from "./contacts.ts";
import type { ComponentGroup, ComponentSettings } from "./define.ts";
import { monitoring } from "./monitoring.ts";
import { absenteeism, attrition, recruitmentQuality, trainingQuality } from "./people.ts";
import { satisfaction } from "./surveys.ts";
import { forecastAccuracy, scheduleAdherence, scheduleAttainment, staffingPlanAttainment } from "./workforce.ts";

export { type ComponentGroup, type ComponentSettings, DEFAULT_SETTINGS } from "./define.ts";

/** Catalog process group → the component queries that serve it. */
export const COMPONENT_GROUPS: Readonly<Record<string, readonly ComponentGroup[]>> = {
  "human-real-time": [realTime, agentTime("real-time"), monitoring("real-time"), staffingPlanAttainment("real-time")],
  "human-deferred": [
    deferred,
    deferredArrivals,
    deferredBacklog,
    agentTime("deferred"),
    monitoring("deferred"),
    staffingPlanAttainment("deferred"),
  ],
  "customer-experience": [satisfaction],
  attrition: [attrition],
  absenteeism: [absenteeism],
  recruiting: [recruitmentQuality],
  training: [trainingQuality],
  forecasting: [forecastAccuracy],
  "scheduling-real-time": [scheduleAttainment, scheduleAdherence],
};

/** SQL computing every component of a group as long rows (day, program_id, queue_id, component, value). */
export function componentSql(group: ComponentGroup, settings: ComponentSettings): string {
  const names = Object.keys(group.components);
  const aggregate = `SELECT day, program_id, queue_id, ${names.map((c) => `${group.components[c]} AS ${c}`).join(", ")} FROM (${group.base(settings)}) AS base GROUP BY day, program_id, queue_id`;
  // UNION ALL rather than UNPIVOT keeps the query to portable SQL.
  return `WITH agg AS (${aggregate}) ${names
    .map(
      (c) =>
        `SELECT day, program_id, queue_id, '${c}' AS component, CAST(${c} AS DOUBLE) AS value FROM agg WHERE ${c} IS NOT NULL`,
    )
    .join(" UNION ALL ")}`;
}
