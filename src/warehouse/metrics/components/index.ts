/**
 * The component registry: for each process group of the catalog, the SQL that turns canonical rows into the
 * additive components its metrics are made of, per local day × program × queue.
 *
 * Component ids are the ones the pack's formulas name (`offered`, `answered_within_threshold` …), so a metric
 * is computable exactly when every component its formula names is registered for its group. A new source of
 * components is a file in this folder and an entry below.
 */
import { agentTime, chatEngagement } from "./agent-time.ts";
import { clientComplaints } from "./complaints.ts";
import { cases, deferred, deferredArrivals, deferredBacklog, ivr, outbound, realTime } from "./contacts.ts";
import { costDriverUnits, digitalServiceCost, serviceDeliveryCost } from "./costs.ts";
import type { ComponentGroup, ComponentSettings } from "./define.ts";
import { backStage, conversational, digitalForecastAccuracy, nonConversational } from "./digital.ts";
import { footfall, mysteryShopping, staffedHours, visits } from "./face-to-face.ts";
import { cycleCounts, outOfStock } from "./inventory.ts";
import { dialerEffectiveness, listBacklog, listRecords } from "./lists.ts";
import { monitoring } from "./monitoring.ts";
import { absenteeism, attrition, recruitmentQuality, trainingQuality } from "./people.ts";
import {
  blockedCalls,
  clientReportAccuracy,
  contentAccuracy,
  helpdeskQuality,
  invoiceAccuracy,
  onTime,
  recruitingOnTime,
  uptime,
} from "./support.ts";
import { clientSatisfaction, employeeSatisfaction, journeyExperience, satisfaction } from "./surveys.ts";
import { forecastAccuracy, scheduleAdherence, scheduleAttainment, staffingPlanAttainment } from "./workforce.ts";

export { type ComponentGroup, type ComponentSettings, DEFAULT_SETTINGS } from "./define.ts";

/** Catalog process group → the component queries that serve it. */
export const COMPONENT_GROUPS: Readonly<Record<string, readonly ComponentGroup[]>> = {
  "human-real-time": [
    realTime,
    agentTime("real-time"),
    chatEngagement,
    monitoring("real-time"),
    staffingPlanAttainment("real-time"),
  ],
  "human-deferred": [
    deferred,
    deferredArrivals,
    deferredBacklog,
    cases,
    agentTime("deferred"),
    monitoring("deferred", ["records_checked", "records_checked_with_error"]),
    staffingPlanAttainment("deferred"),
  ],
  outbound: [outbound, agentTime("outbound", "staff_hours"), monitoring("outbound"), listRecords, listBacklog],
  "face-to-face": [visits, footfall, staffedHours, monitoring("face-to-face"), mysteryShopping],
  "customer-experience": [satisfaction, journeyExperience, clientSatisfaction, clientComplaints],
  cost: [serviceDeliveryCost, costDriverUnits],
  "employee-experience": [employeeSatisfaction],
  attrition: [attrition],
  absenteeism: [absenteeism],
  recruiting: [recruitmentQuality, recruitingOnTime],
  training: [trainingQuality],
  forecasting: [forecastAccuracy],
  "scheduling-real-time": [scheduleAttainment, scheduleAdherence],
  content: [onTime("content-update", "content_updates_due", "content_updates_on_time"), contentAccuracy],
  helpdesk: [onTime("helpdesk-ticket", "helpdesk_tickets_due", "helpdesk_tickets_on_time"), helpdeskQuality],
  "digital-assisted-systems": [onTime("das-ticket", "das_tickets_due", "das_tickets_on_time"), digitalForecastAccuracy],
  ivr: [ivr],
  rfx: [onTime("rfx", "rfx_due", "rfx_responses_on_time")],
  "client-reporting": [onTime("client-report", "client_reports_due", "client_reports_on_time"), clientReportAccuracy],
  invoicing: [onTime("invoice", "invoices_due", "invoices_on_time"), invoiceAccuracy],
  implementation: [onTime("implementation-milestone", "milestones_due", "milestones_on_time")],
  // Chat availability shares the catalog's open_minutes with switch uptime, so it waits for its own denominator;
  // peak trunk utilization is a maximum, which no sum of daily components gives.
  telecoms: [uptime("telephony", "switch_up_open_minutes", "open_minutes"), blockedCalls],
  inventory: [cycleCounts, outOfStock],
  "production-systems": [uptime("production", "system_up_open_minutes", "system_open_minutes"), dialerEffectiveness],
  "digital-conversational": [
    conversational,
    monitoring("bot"),
    digitalServiceCost("digital-conversational"),
    uptime("bot", "fully_functional_minutes", "total_minutes"),
  ],
  "digital-non-conversational": [
    nonConversational,
    monitoring("self-service", ["checked", "checked_with_defect"]),
    digitalServiceCost("digital-non-conversational"),
    uptime("self-service", "fully_functional_minutes", "total_minutes"),
  ],
  "digital-back-stage": [
    backStage,
    monitoring("back-office", ["checked", "checked_with_defect"]),
    digitalServiceCost("digital-back-stage"),
    uptime("back-stage", "fully_functional_minutes", "total_minutes"),
  ],
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
