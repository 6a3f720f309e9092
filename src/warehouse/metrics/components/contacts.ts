/**
 * Components from contacts: real-time (voice, chat), deferred (email, cases, back office) and outbound
 * transactions.
 */
import { contacts } from "../../schema/tables.ts";
import { type ComponentGroup, type ComponentSettings, localDay, measured, n, nearDays } from "./define.ts";

/** Contacts whose outcome repeat-contact analysis reads: the customer's human contacts with the program. */
const HUMAN = "('real-time', 'deferred')";
/** What places a contact on its day; an echo row (below) keeps these and nothing else. */
const PLACING = new Set([
  "source",
  "source_id",
  "program_id",
  "queue_id",
  "kind",
  "time_zone",
  "arrived_at",
  "completed_at",
]);
const COLUMNS = [...Object.keys(contacts.columns), "batch_id"];

/**
 * Bounds, in seconds, of the answer-time distribution that goes with ASA: answered (or, for chat, first
 * responded to) within each. Counts are cumulative and additive, so any period and scope has its distribution.
 */
export const ANSWER_TIME_BOUNDS = [10, 20, 30, 45, 60, 90, 120, 180, 300, 600] as const;

/** The distribution's components; a zero count is not stored (absent counts as zero). */
const answerTimes = (prefix: string, chat: boolean) =>
  Object.fromEntries(
    ANSWER_TIME_BOUNDS.map((bound) => [
      `${prefix}_within_${bound}s`,
      `nullif(count(*) FILTER (WHERE offered AND answered AND wait <= ${bound} AND ${chat ? "" : "NOT "}chat), 0)`,
    ]),
  );

const repeatWindow = (s: ComponentSettings) => {
  if (!Number.isInteger(s.repeatContactDays)) {
    throw new Error(`repeatContactDays must be a whole number of days, got ${s.repeatContactDays}`);
  }
  return `INTERVAL '${n(s.repeatContactDays)} days'`;
};

/**
 * The contacts a query with resolution components reads, as `c`, with an `echo` flag. With repeat-contact
 * analysis on, a contact's outcome depends on the customer's other contacts in the window, so each contact is
 * joined by an echo of every such neighbour: a row that keeps only the neighbour's day and contributes nothing
 * (its facts are empty). The echoes make a query computed from a few changed contacts name the neighbours'
 * days too, so a day-by-day update recomputes every day the change can alter.
 */
const subjects = (s: ComponentSettings) => {
  if (!(s.repeatContactDays > 0)) return "(SELECT *, false AS echo FROM contacts)";
  const w = repeatWindow(s);
  return `(
    SELECT ${COLUMNS.join(", ")}, false AS echo FROM contacts
    UNION ALL
    SELECT ${COLUMNS.map((col) => (PLACING.has(col) ? `e.${col}` : `NULL AS ${col}`)).join(", ")}, true
    FROM contacts c JOIN main.contacts e
      ON e.program_id = c.program_id AND e.customer_id = c.customer_id AND e.kind IN ${HUMAN}
      AND e.arrived_at BETWEEN c.arrived_at - ${w} AND c.arrived_at + ${w}
      AND NOT (e.source = c.source AND e.source_id = c.source_id)
    WHERE c.customer_id IS NOT NULL AND c.kind IN ${HUMAN})`;
};

/** Whether the customer of `c` made another human contact with the program in the window after (or before) it. */
const repeated = (s: ComponentSettings, direction: "after" | "before") =>
  `EXISTS (SELECT 1 FROM main.contacts r
    WHERE r.program_id = c.program_id AND r.customer_id = c.customer_id AND r.kind IN ${HUMAN} AND ${
      direction === "after"
        ? `r.arrived_at > c.arrived_at AND r.arrived_at <= c.arrived_at + ${repeatWindow(s)}`
        : `r.arrived_at < c.arrived_at AND r.arrived_at >= c.arrived_at - ${repeatWindow(s)}`
    })`;

/** The resolved and first_contact columns: as recorded, else by repeat-contact analysis when it is on. */
const resolution = (s: ComponentSettings) =>
  s.repeatContactDays > 0
    ? `coalesce(c.resolved, CASE WHEN c.customer_id IS NOT NULL THEN NOT ${repeated(s, "after")} END) AS resolved,
      coalesce(c.first_contact, CASE WHEN c.customer_id IS NOT NULL
        THEN NOT ${repeated(s, "after")} AND NOT ${repeated(s, "before")} AND NOT coalesce(c.escalated, false) END) AS first_contact`
    : "c.resolved, c.first_contact";

export const realTime: ComponentGroup = {
  base: (s) => `
    SELECT ${localDay("c.arrived_at")} AS day, c.program_id, coalesce(c.queue_id, '') AS queue_id, c.agent_id,
      c.channel = 'chat' AS chat,
      -- A caller unreachable at callback, or who asked to be called later, counts as abandoned (4.3.1.b).
      (c.abandoned_at IS NOT NULL OR coalesce(c.callback, 'none') IN ('unreachable', 'later')) AS abandoned,
      c.answered_at IS NOT NULL AS answered,
      c.offered_at IS NOT NULL
        AND NOT (c.abandoned_at IS NOT NULL AND coalesce(c.wait_seconds, 0) < ${n(s.shortAbandonSeconds)}) AS offered,
      -- Callers who kept their place in a callback queue are still waiting until answered: wait runs to the answer.
      coalesce(c.wait_seconds, 0) AS wait,
      coalesce(q.sl_threshold_seconds, ${n(s.serviceLevelThresholdSeconds)}) AS threshold,
      coalesce(c.talk_seconds, 0) + coalesce(c.hold_seconds, 0) + coalesce(c.acw_seconds, 0) AS handle,
      c.escalated, c.escalated_correctly, ${resolution(s)}, c.sale, c.sale_value, c.session_abandoned,
      c.agent_replies, c.reply_wait_seconds, c.chat_invitation
    FROM ${subjects(s)} c LEFT JOIN queues q ON q.queue_id = c.queue_id
    WHERE c.kind = 'real-time'`,
  byDay: { table: "contacts", near: (from, to) => nearDays("c.arrived_at", from, to) },
  components: {
    offered: "count(*) FILTER (WHERE offered AND NOT chat)",
    answered: "count(*) FILTER (WHERE offered AND answered AND NOT chat)",
    answered_within_threshold: "count(*) FILTER (WHERE offered AND answered AND wait <= threshold AND NOT chat)",
    answer_wait_seconds: "coalesce(sum(wait) FILTER (WHERE offered AND answered AND NOT chat), 0)",
    abandoned: "count(*) FILTER (WHERE offered AND abandoned AND NOT answered AND NOT chat)",
    handled: "count(*) FILTER (WHERE answered)",
    handle_seconds: "coalesce(sum(handle) FILTER (WHERE answered), 0)",
    escalated: measured("escalated", "count(*) FILTER (WHERE answered AND escalated)"),
    resolution_assessed: "count(*) FILTER (WHERE answered AND resolved IS NOT NULL)",
    resolved: "count(*) FILTER (WHERE answered AND resolved)",
    resolved_first_contact: measured("first_contact", "count(*) FILTER (WHERE answered AND first_contact)"),
    sales_objective_achieved: measured("sale", "count(*) FILTER (WHERE answered AND sale)"),
    sales_value: measured("sale_value", "coalesce(sum(sale_value) FILTER (WHERE answered), 0)"),
    chat_requests: "count(*) FILTER (WHERE offered AND chat)",
    chat_first_responses: "count(*) FILTER (WHERE offered AND answered AND chat)",
    chat_first_response_within_threshold: "count(*) FILTER (WHERE offered AND answered AND wait <= threshold AND chat)",
    chat_first_response_wait_seconds: "coalesce(sum(wait) FILTER (WHERE offered AND answered AND chat), 0)",
    chat_abandoned_before_dialogue: "count(*) FILTER (WHERE offered AND abandoned AND NOT answered AND chat)",
    // Session abandonment shares chat requests as its base, so the two chat losses add up.
    chat_abandoned_after_dialogue: measured(
      "session_abandoned",
      "count(*) FILTER (WHERE offered AND answered AND chat AND session_abandoned)",
    ),
    chat_replies: measured("agent_replies", "coalesce(sum(agent_replies) FILTER (WHERE answered AND chat), 0)"),
    chat_reply_gap_seconds: measured(
      "reply_wait_seconds",
      "coalesce(sum(reply_wait_seconds) FILTER (WHERE answered AND chat), 0)",
    ),
    chat_handle_wrap_seconds: "coalesce(sum(handle) FILTER (WHERE answered AND chat), 0)",
    chat_offers: "count(*) FILTER (WHERE chat AND chat_invitation IS NOT NULL)",
    chat_offers_accepted: "count(*) FILTER (WHERE chat AND chat_invitation = 'accepted')",
    chat_offers_declined: "count(*) FILTER (WHERE chat AND chat_invitation = 'declined')",
    ...escalationReview("answered"),
    ...answerTimes("answered", false),
    ...answerTimes("chat_first_response", true),
  },
};

/** Escalations whose correctness was checked, among the transactions counted as `done`. */
function escalationReview(done: string) {
  const reviewed = `${done} AND escalated AND escalated_correctly IS NOT NULL`;
  return {
    escalations_reviewed: `count(*) FILTER (WHERE ${reviewed})`,
    escalations_reviewed_correct: `count(*) FILTER (WHERE ${reviewed} AND escalated_correctly)`,
    escalations_reviewed_incorrect: `count(*) FILTER (WHERE ${reviewed} AND NOT escalated_correctly)`,
  };
}

/**
 * Deferred items, each counted on the local day of `dayOf` (completion for work done, arrival for work
 * received); with `outcomes`, their resolution too (see `subjects` for the echo rows that may come with it).
 */
const deferredBase = (dayOf: string, outcomes: boolean) => (s: ComponentSettings) =>
  `
    SELECT ${localDay(dayOf)} AS day, c.program_id, coalesce(c.queue_id, '') AS queue_id, c.agent_id,
      NOT c.echo AND c.completed_at IS NOT NULL AS processed,
      c.completed_at <= coalesce(c.due_at, c.arrived_at + to_seconds(coalesce(q.target_cycle_seconds, ${n(s.cycleTimeSeconds)}))) AS on_time,
      c.escalated, c.escalated_correctly, ${outcomes ? resolution(s) : "c.resolved, c.first_contact"},
      c.sale, c.sale_value, c.lead, c.lead_qualifying
    FROM ${outcomes ? subjects(s) : "(SELECT *, false AS echo FROM contacts)"} c LEFT JOIN queues q ON q.queue_id = c.queue_id
    WHERE c.kind = 'deferred'`;

export const deferred: ComponentGroup = {
  base: deferredBase("coalesce(c.completed_at, c.arrived_at)", true),
  byDay: {
    table: "contacts",
    near: (from, to) =>
      `(${nearDays("c.completed_at", from, to)} OR (c.completed_at IS NULL AND ${nearDays("c.arrived_at", from, to)}))`,
  },
  components: {
    processed: "count(*) FILTER (WHERE processed)",
    processed_within_cycle_time: "count(*) FILTER (WHERE processed AND on_time)",
    handled: "count(*) FILTER (WHERE processed)",
    escalated: measured("escalated", "count(*) FILTER (WHERE processed AND escalated)"),
    resolution_assessed: "count(*) FILTER (WHERE processed AND resolved IS NOT NULL)",
    resolved: "count(*) FILTER (WHERE processed AND resolved)",
    resolved_first_contact: measured("first_contact", "count(*) FILTER (WHERE processed AND first_contact)"),
    sales_objective_achieved: measured("sale", "count(*) FILTER (WHERE processed AND sale)"),
    sales_value: measured("sale_value", "coalesce(sum(sale_value) FILTER (WHERE processed), 0)"),
    leads_generated: measured("lead", "count(*) FILTER (WHERE processed AND lead)"),
    qualifying_transactions: measured("lead_qualifying", "count(*) FILTER (WHERE processed AND lead_qualifying)"),
    ...escalationReview("processed"),
  },
};

/**
 * Multi-interaction cases (4.3.1.c): a case is its deferred transactions with one case_id, from the first one's
 * arrival, due when that one was (its due time, or arrival plus the target cycle time). It closes when its
 * last transaction completes with none left open, and resolves when the first transaction marked resolved
 * completes. Each case counts once, on the local day it closed (or resolved), in its first transaction's
 * program, queue and zone.
 */
export const cases: ComponentGroup = {
  base: (s) => `
    WITH items AS (
      SELECT c.case_id, c.program_id, coalesce(c.queue_id, '') AS queue_id, c.time_zone, c.arrived_at, c.completed_at,
        c.resolved, coalesce(c.due_at, c.arrived_at + to_seconds(coalesce(q.target_cycle_seconds, ${n(s.cycleTimeSeconds)}))) AS due,
        row_number() OVER (PARTITION BY c.case_id ORDER BY c.arrived_at, c.source, c.source_id) AS step
      FROM contacts c LEFT JOIN queues q ON q.queue_id = c.queue_id
      WHERE c.kind = 'deferred' AND c.case_id IS NOT NULL
    ), c AS (
      SELECT case_id,
        max(program_id) FILTER (WHERE step = 1) AS program_id, max(queue_id) FILTER (WHERE step = 1) AS queue_id,
        max(time_zone) FILTER (WHERE step = 1) AS time_zone, max(due) FILTER (WHERE step = 1) AS due,
        CASE WHEN count(completed_at) = count(*) THEN max(completed_at) END AS closed_at,
        min(completed_at) FILTER (WHERE resolved) AS resolved_at
      FROM items GROUP BY case_id
    )
    SELECT ${localDay("c.closed_at")} AS day, c.program_id, c.queue_id, true AS closing, c.closed_at <= c.due AS on_time
    FROM c WHERE c.closed_at IS NOT NULL
    UNION ALL
    SELECT ${localDay("c.resolved_at")}, c.program_id, c.queue_id, false, c.resolved_at <= c.due
    FROM c WHERE c.resolved_at IS NOT NULL`,
  components: {
    cases_closed: "count(*) FILTER (WHERE closing)",
    cases_closed_within_cycle_time: "count(*) FILTER (WHERE closing AND on_time)",
    cases_resolved: "count(*) FILTER (WHERE NOT closing)",
    cases_resolved_within_cycle_time: "count(*) FILTER (WHERE NOT closing AND on_time)",
  },
};

/**
 * Outbound dial attempts, on the local day dialled: calls handled and their outcomes, and list records closed
 * out with whether the right party was reached. Closing counts calls handled where the source records whether
 * the objective was met.
 */
export const outbound: ComponentGroup = {
  base: () => `
    SELECT ${localDay("c.arrived_at")} AS day, c.program_id, coalesce(c.queue_id, '') AS queue_id,
      c.answered_at IS NOT NULL AS answered,
      coalesce(c.talk_seconds, 0) + coalesce(c.hold_seconds, 0) + coalesce(c.acw_seconds, 0) AS handle,
      c.sale, c.sale_value, c.right_party, c.record_closed
    FROM contacts c WHERE c.kind = 'outbound'`,
  byDay: { table: "contacts", near: (from, to) => nearDays("c.arrived_at", from, to) },
  components: {
    dial_attempts: "count(*)",
    handled: "count(*) FILTER (WHERE answered)",
    handle_seconds: "coalesce(sum(handle) FILTER (WHERE answered), 0)",
    sales_objective_achieved: measured("sale", "count(*) FILTER (WHERE answered AND sale)"),
    sales_value: measured("sale_value", "coalesce(sum(sale_value) FILTER (WHERE answered), 0)"),
    closable_transactions: measured("sale", "count(*) FILTER (WHERE answered AND sale IS NOT NULL)"),
    closed_transactions: measured("sale", "count(*) FILTER (WHERE answered AND sale)"),
    records_processed: measured("record_closed", "count(*) FILTER (WHERE record_closed)"),
    right_party_connects: measured("record_closed", "count(*) FILTER (WHERE record_closed AND right_party)"),
  },
};

/**
 * How voice calls left the IVR (Exhibit 2), on the local day they arrived: calls the IVR answered, those that
 * hung up without completing any task, asked for a CSS at once, or failed the menu, and the calls it routed,
 * with whether each reached the designed queue and whether the path matched the real reason for the call.
 */
export const ivr: ComponentGroup = {
  base: () => `
    SELECT ${localDay("c.arrived_at")} AS day, c.program_id, coalesce(c.queue_id, '') AS queue_id,
      c.ivr_outcome AS outcome, c.routed_as_designed, c.intent_matched
    FROM contacts c WHERE c.ivr_outcome IS NOT NULL`,
  byDay: { table: "contacts", near: (from, to) => nearDays("c.arrived_at", from, to) },
  components: {
    ivr_answered: "count(*)",
    ivr_abandoned_no_task: "count(*) FILTER (WHERE outcome = 'abandoned')",
    ivr_opt_outs: "count(*) FILTER (WHERE outcome = 'opted-out')",
    ivr_error_outs: "count(*) FILTER (WHERE outcome = 'errored-out')",
    ivr_routed: "count(*) FILTER (WHERE outcome = 'routed')",
    ivr_routed_as_designed: "count(*) FILTER (WHERE outcome = 'routed' AND routed_as_designed)",
    ivr_routed_intent_matched: "count(*) FILTER (WHERE outcome = 'routed' AND intent_matched)",
  },
};

export const deferredArrivals: ComponentGroup = {
  base: deferredBase("c.arrived_at", false),
  byDay: { table: "contacts", near: (from, to) => nearDays("c.arrived_at", from, to) },
  components: { received: "count(*)" },
};

/**
 * The last local day of deferred work (its latest arrival or completion), to which open items stay late. Only
 * the rows of the last two days (UTC) can hold it, as zone offsets differ by at most 26 hours, so the time
 * zone conversion is done for those alone.
 */
const deferredLastDay = () => `
  SELECT max(CAST(instant AT TIME ZONE time_zone AS DATE)) AS day
  FROM (SELECT coalesce(c.completed_at, c.arrived_at) AS instant, c.time_zone FROM contacts c WHERE c.kind = 'deferred')
  WHERE instant >= (SELECT max(coalesce(c.completed_at, c.arrived_at)) FROM contacts c WHERE c.kind = 'deferred') - INTERVAL 2 DAY`;

/**
 * Backlog as the Standard's average time late: every day, each open item already past due contributes the
 * hours it is late at the end of that local day; the metric is late hours / late items over the period's
 * daily snapshots, a weighted average of the days.
 */
export const deferredBacklog: ComponentGroup = {
  // Each late item is expanded to the days whose end finds it open and past due: linear in item-days, where a
  // join of every day with every item would be quadratic.
  base: (s, horizon) => `
    WITH items AS (
      SELECT c.program_id, coalesce(c.queue_id, '') AS queue_id, c.time_zone, c.arrived_at, c.completed_at,
        coalesce(c.due_at, c.arrived_at + to_seconds(coalesce(q.target_cycle_seconds, ${n(s.cycleTimeSeconds)}))) AS due_at
      FROM contacts c LEFT JOIN queues q ON q.queue_id = c.queue_id
      WHERE c.kind = 'deferred'
    ), last_day AS (
      SELECT ${horizon ?? `(${deferredLastDay()})`} AS day
    ), spans AS (
      SELECT program_id, queue_id, time_zone, due_at,
        -- The first day-end after the due time is the end of the due time's own local day.
        CAST(due_at AT TIME ZONE time_zone AS DATE) AS first_day,
        -- The last day-end strictly before completion; open items stay late to the end of the data.
        CASE WHEN completed_at IS NULL THEN (SELECT day FROM last_day)
          ELSE CAST((completed_at - INTERVAL 1 MICROSECOND) AT TIME ZONE time_zone AS DATE) - 1 END AS last_day
      FROM items
      WHERE completed_at IS NULL OR completed_at > due_at
    ), days AS (
      SELECT program_id, queue_id, time_zone, due_at,
        CAST(unnest(generate_series(first_day, last_day, INTERVAL 1 DAY)) AS DATE) AS day
      FROM spans WHERE first_day <= last_day
    )
    SELECT day, program_id, queue_id,
      epoch(timezone(time_zone, CAST(day + 1 AS TIMESTAMP)) - due_at) / 3600 AS hours_late
    FROM days`,
  byDay: {
    table: "contacts",
    // An item is in the snapshot of a day whose end finds it open and past due: it closes after that day began,
    // and it is due before that day ends (its own due time, else arrival plus a cycle time, never negative).
    near: (from, to) => `
      (c.completed_at IS NULL OR c.completed_at >= (CAST(${from} AS TIMESTAMP) AT TIME ZONE 'UTC') - INTERVAL 1 DAY)
      AND coalesce(c.due_at, c.arrived_at) < (CAST(${to} AS TIMESTAMP) AT TIME ZONE 'UTC') + INTERVAL 2 DAY`,
    horizon: deferredLastDay,
  },
  components: {
    late_backlog_hours: "coalesce(sum(hours_late), 0)",
    late_backlog_items: "count(*)",
  },
};
