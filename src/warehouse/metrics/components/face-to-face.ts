/**
 * Components of face-to-face service (Exhibit 1c): visits registered at a location's ticketing or queue system
 * (contacts of kind face-to-face), the people its door counter saw come in, the CSS hours staffed there, and
 * mystery shopping.
 */
import { type ComponentGroup, localDay, measured, nearDays } from "./define.ts";

/**
 * Visits on the local day the visitor came in. Registration is offered_at, the start of service answered_at,
 * leaving unserved abandoned_at. Time to serve runs from registration to the end of service (wait, treatment
 * and any hold), handle time from the start of service through work done after the visitor left.
 */
export const visits: ComponentGroup = {
  base: () => `
    SELECT ${localDay("c.arrived_at")} AS day, c.program_id, coalesce(c.queue_id, '') AS queue_id,
      c.offered_at IS NOT NULL AS registered, c.answered_at IS NOT NULL AS served,
      c.abandoned_at IS NOT NULL AS abandoned, coalesce(c.wait_seconds, 0) AS wait,
      coalesce(c.talk_seconds, 0) + coalesce(c.hold_seconds, 0) AS treatment, coalesce(c.acw_seconds, 0) AS after,
      c.escalated, c.escalated_correctly, c.resolved, c.sale, c.sale_value, c.rework
    FROM contacts c WHERE c.kind = 'face-to-face'`,
  byDay: { table: "contacts", near: (from, to) => nearDays("c.arrived_at", from, to) },
  components: {
    visitors_registered: "count(*) FILTER (WHERE registered)",
    served: "count(*) FILTER (WHERE registered AND served)",
    wait_seconds: "coalesce(sum(wait) FILTER (WHERE registered AND served), 0)",
    time_to_serve_seconds: "coalesce(sum(wait + treatment) FILTER (WHERE registered AND served), 0)",
    visitors_abandoned: "count(*) FILTER (WHERE registered AND abandoned AND NOT served)",
    visitors_escalated: measured("escalated", "count(*) FILTER (WHERE registered AND escalated)"),
    escalations_reviewed: "count(*) FILTER (WHERE served AND escalated AND escalated_correctly IS NOT NULL)",
    escalations_reviewed_correct: "count(*) FILTER (WHERE served AND escalated AND escalated_correctly)",
    escalations_reviewed_incorrect: "count(*) FILTER (WHERE served AND escalated AND NOT escalated_correctly)",
    resolution_assessed: "count(*) FILTER (WHERE registered AND resolved IS NOT NULL)",
    resolved: "count(*) FILTER (WHERE registered AND resolved)",
    repairs_completed: "count(*) FILTER (WHERE rework IS NOT NULL)",
    repairs_reworked: "count(*) FILTER (WHERE rework)",
    visits_with_sale: measured("sale", "count(*) FILTER (WHERE registered AND sale)"),
    sales_value: measured("sale_value", "coalesce(sum(sale_value), 0)"),
    handled: "count(*) FILTER (WHERE served)",
    handle_seconds: "coalesce(sum(treatment + after) FILTER (WHERE served), 0)",
  },
};

/**
 * Footfall, and the people who came in but never registered: the door count less the visits registered, per
 * program and local day. A day without a door count has neither.
 */
export const footfall: ComponentGroup = {
  base: () => `
    SELECT ${localDay("c.starts_at")} AS day, c.program_id, '' AS queue_id, c.people AS entered, 0 AS registered
    FROM footfall c
    UNION ALL
    SELECT ${localDay("c.arrived_at")}, c.program_id, '', NULL, 1
    FROM contacts c WHERE c.kind = 'face-to-face' AND c.offered_at IS NOT NULL`,
  components: {
    footfall: "sum(entered)",
    footfall_not_registered: "CASE WHEN count(entered) > 0 THEN sum(entered) - sum(registered) END",
  },
};

/** CSS hours staffed at the locations; agent time records paid time on site, lunch breaks being unpaid. */
export const staffedHours: ComponentGroup = {
  base: () => `
    SELECT ${localDay("c.starts_at")} AS day, c.program_id, '' AS queue_id, c.paid_onsite_seconds
    FROM agent_time c WHERE c.kind = 'face-to-face'`,
  byDay: { table: "agent_time", near: (from, to) => nearDays("c.starts_at", from, to) },
  components: { staffed_hours: "sum(paid_onsite_seconds) / 3600" },
};

/** Mystery-shopping scores, each visit on its local day. */
export const mysteryShopping: ComponentGroup = {
  base: () => `
    SELECT ${localDay("c.shopped_at")} AS day, c.program_id, '' AS queue_id, c.score FROM mystery_shops c`,
  byDay: { table: "mystery_shops", near: (from, to) => nearDays("c.shopped_at", from, to) },
  components: {
    locations_mystery_shopped: "count(*)",
    mystery_shop_score_sum: "sum(score)",
  },
};
