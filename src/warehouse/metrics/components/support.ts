/**
 * Components from support-process work and system availability (Exhibit 2): on time and accuracy of the key
 * support processes, and uptime over the periods each system must be available.
 */
import { type ComponentGroup, localDay, nearDays } from "./define.ts";

/**
 * Work of one support process due on each local day, and how much of it was done by its deadline. Counting on
 * the deadline's day puts work still undone (or done late) against the period it was due in.
 */
export const onTime = (process: string, due: string, done: string): ComponentGroup => ({
  base: () => `
    SELECT ${localDay("c.due_at")} AS day, c.program_id, '' AS queue_id,
      coalesce(c.completed_at <= c.due_at, false) AS on_time
    FROM support_events c WHERE c.process = '${process}' AND c.due_at IS NOT NULL`,
  byDay: { table: "support_events", near: (from, to) => nearDays("c.due_at", from, to) },
  components: {
    [due]: "count(*)",
    [done]: "count(*) FILTER (WHERE on_time)",
  },
});

/** Work of one process completed on each local day, with what its outcome columns say. */
const completed = (process: string, components: Record<string, string>): ComponentGroup => ({
  base: () => `
    SELECT ${localDay("c.completed_at")} AS day, c.program_id, '' AS queue_id, c.passed, c.reopened,
      coalesce(c.units, 1) AS units, c.units_ok, c.amount, c.credited_amount
    FROM support_events c WHERE c.process = '${process}' AND c.completed_at IS NOT NULL`,
  byDay: { table: "support_events", near: (from, to) => nearDays("c.completed_at", from, to) },
  components,
});

/** Content checks made, and those that found the item complete and accurate. */
export const contentAccuracy = completed("content-check", {
  content_checks: "count(*) FILTER (WHERE passed IS NOT NULL)",
  content_checks_complete_accurate: "count(*) FILTER (WHERE passed)",
});

/** Resolved helpdesk tickets, and those not reopened; tickets whose reopening is not recorded are left out. */
export const helpdeskQuality = completed("helpdesk-ticket", {
  helpdesk_tickets_resolved: "count(*) FILTER (WHERE reopened IS NOT NULL)",
  helpdesk_tickets_not_reopened: "count(*) FILTER (WHERE NOT reopened)",
});

/**
 * Client reports sent and their error-free units: the opportunities without error where counted, else the
 * whole report when it passed. A report whose errors are not recorded is left out.
 */
export const clientReportAccuracy = completed("client-report", {
  client_report_units: "coalesce(sum(units) FILTER (WHERE units_ok IS NOT NULL OR passed IS NOT NULL), 0)",
  client_report_units_error_free: `coalesce(sum(CASE WHEN units_ok IS NOT NULL THEN units_ok WHEN passed THEN units ELSE 0 END)
    FILTER (WHERE units_ok IS NOT NULL OR passed IS NOT NULL), 0)`,
});

/** Value invoiced and credited back, both in the month the invoice was sent (credits go to the invoice's month). */
export const invoiceAccuracy = completed("invoice", {
  invoiced_value: "coalesce(sum(amount), 0)",
  credited_value: "coalesce(sum(credited_amount), 0)",
});

/**
 * Recruiting on time: CSS positions requested with a target date on the day, and those filled by it, at most
 * as many as requested on each request so that over-hiring cannot lift the rate above 100%.
 */
export const recruitingOnTime: ComponentGroup = {
  base: () => `
    SELECT ${localDay("c.due_at")} AS day, c.program_id, '' AS queue_id, c.units AS requested,
      least(coalesce(c.units_ok, 0), c.units) AS filled
    FROM support_events c WHERE c.process = 'recruiting-request' AND c.due_at IS NOT NULL AND c.units IS NOT NULL`,
  byDay: { table: "support_events", near: (from, to) => nearDays("c.due_at", from, to) },
  components: {
    css_positions_requested: "sum(requested)",
    css_positions_filled_by_target: "sum(filled)",
  },
};

/**
 * Minutes a system of `kind` had to be available and minutes it was fully working in them, per local day of
 * each period's start. An outage counts where it overlaps the period; one still going on runs to the period's
 * end; overlapping outages of one system never take more than the whole period.
 */
export const uptime = (kind: string, up: string, total: string): ComponentGroup => ({
  base: () => `
    SELECT ${localDay("c.opens_at")} AS day, c.program_id, '' AS queue_id,
      epoch(c.closes_at - c.opens_at) / 60 AS open_minutes,
      least(epoch(c.closes_at - c.opens_at), coalesce((
        SELECT sum(epoch(least(coalesce(o.ended_at, c.closes_at), c.closes_at) - greatest(o.started_at, c.opens_at)))
        FROM system_outages o
        WHERE o.system_id = c.system_id AND o.started_at < c.closes_at AND coalesce(o.ended_at, c.closes_at) > c.opens_at
      ), 0)) / 60 AS down_minutes
    FROM system_hours c WHERE c.kind = '${kind}' AND c.closes_at > c.opens_at`,
  // Day by day for changed opening periods; a change of outages rebuilds the query.
  byDay: { table: "system_hours", near: (from, to) => nearDays("c.opens_at", from, to) },
  components: {
    [total]: "sum(open_minutes)",
    [up]: "sum(open_minutes - down_minutes)",
  },
});

/** Calls presented to the lines and those blocked, per local day of the interval. */
export const blockedCalls: ComponentGroup = {
  base: () => `
    SELECT ${localDay("c.starts_at")} AS day, c.program_id, '' AS queue_id, c.calls_offered, c.calls_blocked
    FROM network_intervals c`,
  byDay: { table: "network_intervals", near: (from, to) => nearDays("c.starts_at", from, to) },
  components: {
    calls_offered_network: "sum(calls_offered)",
    calls_blocked: "sum(calls_blocked)",
  },
};
