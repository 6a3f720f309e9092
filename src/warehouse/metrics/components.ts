/**
 * The component registry: for each process group of the catalog, the SQL that turns canonical rows into the
 * additive components its metrics are made of, per local day × program × queue.
 *
 * Component ids are the ones the pack's formulas name (`offered`, `answered_within_threshold` …), so a metric
 * is computable exactly when every component its formula names is registered for its group.
 */

/** Choices the Standard leaves open, with their defaults. */
export interface ComponentSettings {
  /** Answer threshold for service level when the queue sets none. */
  readonly serviceLevelThresholdSeconds: number;
  /**
   * Abandons faster than this are left out of offered and abandoned. Default 0 (none): the Standard says no
   * short-abandon threshold should be used where there is an IVR or message system.
   */
  readonly shortAbandonSeconds: number;
  /** Target cycle time for deferred work when neither the item (due_at) nor the queue sets one. */
  readonly cycleTimeSeconds: number;
  /** Satisfied: an answer in the top N boxes of its scale (top two box on a 1–5 scale: 4 or 5). */
  readonly satisfiedTopBoxes: number;
  /** Dissatisfied: an answer in the bottom N boxes (bottom box on a 1–5 scale: 1). */
  readonly dissatisfiedBottomBoxes: number;
}

export const DEFAULT_SETTINGS: ComponentSettings = {
  serviceLevelThresholdSeconds: 20,
  shortAbandonSeconds: 0,
  cycleTimeSeconds: 24 * 3600,
  satisfiedTopBoxes: 2,
  dissatisfiedBottomBoxes: 1,
};

export interface ComponentGroup {
  /** A query with columns day, program_id, queue_id and the fields the component expressions use. */
  readonly base: (settings: ComponentSettings) => string;
  /** Component id → aggregate SQL expression over `base`. */
  readonly components: Readonly<Record<string, string>>;
}

/** A count that is unknown (NULL, not stored) when the source never records `field`, rather than a false zero. */
const measured = (field: string, aggregate: string) => `CASE WHEN count(${field}) = 0 THEN NULL ELSE ${aggregate} END`;

const n = (x: number) => {
  if (!Number.isFinite(x) || x < 0) throw new Error(`setting must be a non-negative number, got ${x}`);
  return String(x);
};

/** Local calendar day of an instant: days are cut in the location's time zone. */
const localDay = (column: string) => `CAST(${column} AT TIME ZONE c.time_zone AS DATE)`;

const realTime: ComponentGroup = {
  base: (s) => `
    SELECT ${localDay("c.arrived_at")} AS day, c.program_id, coalesce(c.queue_id, '') AS queue_id,
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
      c.escalated, c.resolved, c.first_contact, c.sale, c.sale_value
    FROM contacts c LEFT JOIN queues q ON q.queue_id = c.queue_id
    WHERE c.kind = 'real-time'`,
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
  },
};

/** Deferred items, each counted on the local day of `dayOf` (completion for work done, arrival for work received). */
const deferredBase = (dayOf: string) => (s: ComponentSettings) =>
  `
    SELECT ${localDay(dayOf)} AS day, c.program_id, coalesce(c.queue_id, '') AS queue_id,
      c.completed_at IS NOT NULL AS processed,
      c.completed_at <= coalesce(c.due_at, c.arrived_at + to_seconds(coalesce(q.target_cycle_seconds, ${n(s.cycleTimeSeconds)}))) AS on_time,
      c.escalated, c.resolved, c.first_contact, c.sale, c.sale_value
    FROM contacts c LEFT JOIN queues q ON q.queue_id = c.queue_id
    WHERE c.kind = 'deferred'`;

const deferred: ComponentGroup = {
  base: deferredBase("coalesce(c.completed_at, c.arrived_at)"),
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
  },
};

const deferredArrivals: ComponentGroup = {
  base: deferredBase("c.arrived_at"),
  components: { received: "count(*)" },
};

/**
 * Backlog as the Standard's average time late: every day, each open item already past due contributes the
 * hours it is late at the end of that local day; the metric is late hours / late items over the period's
 * daily snapshots, a weighted average of the days.
 */
const deferredBacklog: ComponentGroup = {
  base: (s) => `
    WITH items AS (
      SELECT c.program_id, coalesce(c.queue_id, '') AS queue_id, c.time_zone, c.arrived_at, c.completed_at,
        coalesce(c.due_at, c.arrived_at + to_seconds(coalesce(q.target_cycle_seconds, ${n(s.cycleTimeSeconds)}))) AS due_at
      FROM contacts c LEFT JOIN queues q ON q.queue_id = c.queue_id
      WHERE c.kind = 'deferred'
    ), days AS (
      SELECT CAST(d AS DATE) AS day FROM generate_series(
        (SELECT min(CAST(arrived_at AT TIME ZONE time_zone AS DATE)) FROM items),
        (SELECT max(CAST(coalesce(completed_at, arrived_at) AT TIME ZONE time_zone AS DATE)) FROM items),
        INTERVAL 1 DAY) AS t(d)
    )
    SELECT days.day, i.program_id, i.queue_id,
      epoch(timezone(i.time_zone, CAST(days.day + 1 AS TIMESTAMP)) - i.due_at) / 3600 AS hours_late
    FROM days JOIN items i
      ON i.due_at < timezone(i.time_zone, CAST(days.day + 1 AS TIMESTAMP))
     AND i.arrived_at < timezone(i.time_zone, CAST(days.day + 1 AS TIMESTAMP))
     AND (i.completed_at IS NULL OR i.completed_at > timezone(i.time_zone, CAST(days.day + 1 AS TIMESTAMP)))`,
  components: {
    late_backlog_hours: "coalesce(sum(hours_late), 0)",
    late_backlog_items: "count(*)",
  },
};

/** How CSS paid time was spent (utilization, occupancy, efficiency), for one kind of work. */
const agentTime = (kind: string): ComponentGroup => ({
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

/** Monitored transactions and those free of each class of critical error, counted by unit (3.5.1.e). */
const monitoring = (kind: string): ComponentGroup => ({
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

/** Overall satisfaction: top boxes satisfied, bottom boxes dissatisfied, on each response's own scale. */
const satisfaction: ComponentGroup = {
  base: (s) => `
    SELECT ${localDay("c.answered_at")} AS day, c.program_id, '' AS queue_id,
      c.overall_satisfaction > c.scale_max - ${n(s.satisfiedTopBoxes)} AS satisfied,
      c.overall_satisfaction < 1 + ${n(s.dissatisfiedBottomBoxes)} AS dissatisfied
    FROM surveys c`,
  components: {
    csat_responses: "count(*)",
    csat_top_two_box: "count(*) FILTER (WHERE satisfied)",
    csat_bottom_box: "count(*) FILTER (WHERE dissatisfied)",
  },
};

/** Catalog process group → the component queries that serve it. */
export const COMPONENT_GROUPS: Readonly<Record<string, readonly ComponentGroup[]>> = {
  "human-real-time": [realTime, agentTime("real-time"), monitoring("real-time")],
  "human-deferred": [deferred, deferredArrivals, deferredBacklog, agentTime("deferred"), monitoring("deferred")],
  "customer-experience": [satisfaction],
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
