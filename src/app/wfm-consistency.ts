/**
 * Target consistency for a real-time queue (Item 4.3.8): whether its service-level and abandonment targets can
 * both be the real targets, judged by Erlang A on the queue's own month — its busiest (or average) interval's
 * calls and handle time, its callers' patience, its threshold — and the targets in force for it in the app.
 *
 * Patience is estimated from the month's data by the maximum-likelihood estimate for exponential patience:
 * every offered caller waited until answered or until they gave up, so the total time all of them waited
 * divided by the number who abandoned is the mean patience (callers answered are censored observations).
 *
 * Every input can also be given explicitly, to ask "what if": the answer says where each number came from.
 */
import type { Kysely } from "kysely";
import { type ErlangAMeasures, erlangAMeasures, queueOf, targetConsistency } from "../methods/queueing/index.ts";
import type { Warehouse } from "../warehouse/warehouse.ts";
import type { Database } from "./db/schema.ts";
import { type FieldProblem, InvalidInputError } from "./errors.ts";
import { listOrganisation } from "./organisation.ts";
import { targetResolver } from "./performance.ts";
import { targetHistory } from "./targets.ts";
import { findQueue } from "./wfm-forecast.ts";

/** Which interval of the month stands for the queue: the one with the most calls offered, or the average one. */
export const BASES = ["busiest", "average"] as const;
export type Basis = (typeof BASES)[number];

export interface ConsistencyQuery {
  /** The queue whose month, patience and targets are used; optional when every number is given. */
  readonly queue?: string | undefined;
  /** Local month, YYYY-MM (default: the month of the queue's last contact). */
  readonly month?: string | undefined;
  readonly basis?: Basis | undefined;
  readonly intervalMinutes?: number | undefined;
  /** Explicit numbers ("what if"); each replaces what the queue's data or targets would give. */
  readonly calls?: number | undefined;
  readonly ahtSeconds?: number | undefined;
  readonly patienceSeconds?: number | undefined;
  readonly thresholdSeconds?: number | undefined;
  /** Shares: 0.8 for 80% answered within the threshold, 0.05 for 5% abandoned. */
  readonly serviceLevelTarget?: number | undefined;
  readonly abandonmentTarget?: number | undefined;
  /** How far (a share) the implied abandonment may lie from the target; default 0.01. */
  readonly tolerance?: number | undefined;
}

/** One number the judgement used and where it came from, in words. */
export interface Sourced {
  readonly value: number;
  readonly source: string;
}

/** What the warehouse holds for the queue's month. */
export interface QueueMonth {
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  /** Seconds waited by every offered caller until answer or abandonment. */
  readonly waitSeconds: number;
  /** Intervals of the month with at least one call offered. */
  readonly openIntervals: number;
  readonly busiest: { readonly start: string; readonly calls: number; readonly ahtSeconds: number | null } | null;
  readonly average: { readonly calls: number; readonly ahtSeconds: number | null } | null;
  /** Patience estimate: waitSeconds / abandoned; null when nobody abandoned. */
  readonly patienceSeconds: number | null;
}

export interface CurvePoint {
  readonly agents: number;
  readonly serviceLevel: number;
  readonly abandonment: number;
}

export interface ConsistencyReport {
  readonly queue: string | null;
  readonly month: string | null;
  readonly basis: Basis;
  readonly intervalMinutes: number;
  readonly data: QueueMonth | null;
  readonly inputs: {
    readonly calls: Sourced;
    readonly ahtSeconds: Sourced;
    readonly patienceSeconds: Sourced;
    readonly thresholdSeconds: Sourced;
    readonly serviceLevelTarget: Sourced;
    readonly abandonmentTarget: Sourced;
    readonly tolerance: number;
  };
  /** Offered load in Erlangs. */
  readonly load: number;
  readonly result: {
    readonly consistent: boolean;
    readonly verdict: "consistent" | "abandonment-target-looser" | "abandonment-target-tighter";
    /** Agents that meet the service-level target, and what Erlang A predicts with them. */
    readonly agents: number;
    readonly serviceLevel: number;
    /** The abandonment rate the service-level target implies. */
    readonly impliedAbandonment: number;
    readonly agentsForAbandonmentTarget: number;
    readonly asaSeconds: number;
    readonly occupancy: number;
  };
  /** The verdict in one or two sentences. */
  readonly explanation: string;
  /** Service level and abandonment by agents (Erlang A), around the two staffing answers. */
  readonly curve: readonly CurvePoint[];
}

const pct = (share: number) => `${(share * 100).toFixed(1).replace(/\.0$/, "")}%`;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month's calls per interval, waits and abandonment of a queue, from the warehouse. */
export async function queueMonth(
  warehouse: Warehouse,
  queue: string,
  month: string,
  intervalMinutes: number,
): Promise<QueueMonth> {
  const rows = await warehouse.all<{
    day: string;
    slot: number;
    offered: bigint | number;
    answered: bigint | number;
    abandoned: bigint | number;
    handle: number | null;
    wait: number | null;
  }>(
    `WITH c AS (
       SELECT offered_at AT TIME ZONE time_zone AS local, answered_at IS NOT NULL AS answered,
         abandoned_at IS NOT NULL AS abandoned, wait_seconds,
         coalesce(talk_seconds, 0) + coalesce(hold_seconds, 0) + coalesce(acw_seconds, 0) AS handle
       FROM contacts WHERE queue_id = ? AND offered_at IS NOT NULL
     )
     SELECT strftime(local, '%Y-%m-%d') AS day, (hour(local) * 60 + minute(local)) // ${intervalMinutes} AS slot,
       count(*) AS offered, count(*) FILTER (WHERE answered) AS answered,
       count(*) FILTER (WHERE abandoned) AS abandoned,
       sum(handle) FILTER (WHERE answered) AS handle, sum(coalesce(wait_seconds, 0)) AS wait
     FROM c WHERE strftime(local, '%Y-%m') = ?
     GROUP BY ALL ORDER BY ALL`,
    [queue, month],
  );
  let offered = 0;
  let answered = 0;
  let abandoned = 0;
  let handle = 0;
  let wait = 0;
  let busiest: QueueMonth["busiest"] = null;
  for (const r of rows) {
    const calls = Number(r.offered);
    const handled = Number(r.answered);
    offered += calls;
    answered += handled;
    abandoned += Number(r.abandoned);
    handle += Number(r.handle ?? 0);
    wait += Number(r.wait ?? 0);
    if (busiest === null || calls > busiest.calls) {
      const minutes = Number(r.slot) * intervalMinutes;
      const start = `${r.day} ${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
      busiest = { start, calls, ahtSeconds: handled > 0 ? Number(r.handle ?? 0) / handled : null };
    }
  }
  const aht = answered > 0 ? handle / answered : null;
  return {
    offered,
    answered,
    abandoned,
    waitSeconds: wait,
    openIntervals: rows.length,
    // The busiest interval's own handle time is a handful of calls; the month's is steadier when it has none.
    busiest: busiest && { ...busiest, ahtSeconds: busiest.ahtSeconds ?? aht },
    average: rows.length ? { calls: offered / rows.length, ahtSeconds: aht } : null,
    patienceSeconds: abandoned > 0 ? wait / abandoned : null,
  };
}

/** The metrics whose targets a queue's channel answers to. */
const targetMetrics = (channel: string) =>
  channel === "chat"
    ? { serviceLevel: "rt.chat_service_level", abandonment: "rt.chat_abandonment_rate" }
    : { serviceLevel: "rt.service_level", abandonment: "rt.abandonment_rate" };

/** The queue's service-level and abandonment targets in force in the month, as shares, with where each was set. */
async function queueTargets(
  db: Kysely<Database>,
  queue: { id: string; program: string; channel: string },
  month: string,
) {
  const [entities, locations, programs] = await Promise.all([
    listOrganisation(db, "entity"),
    listOrganisation(db, "location"),
    listOrganisation(db, "program"),
  ]);
  const placement = new Map(
    programs.map((p) => {
      const location = locations.find((l) => l.id === p.locationId);
      return [p.id, { location: p.locationId, region: location?.regionId ?? null, service: p.serviceId }] as const;
    }),
  );
  const targetOf = targetResolver(await targetHistory(db), placement, locations, entities[0]?.id ?? "entity");
  const metrics = targetMetrics(queue.channel);
  const resolve = (metric: string): Sourced | null => {
    const t = targetOf(metric, { level: "queue", id: queue.id, program: queue.program }, month);
    return (
      t && {
        value: t.value / 100,
        source: `target for ${metric} set at ${t.scope.level} ${t.scope.id} from ${t.effectiveFrom}`,
      }
    );
  };
  return { metrics, serviceLevel: resolve(metrics.serviceLevel), abandonment: resolve(metrics.abandonment) };
}

/** Erlang A's service level and abandonment for a span of agents around the answers. */
function curve(queue: ReturnType<typeof queueOf>, thresholdSeconds: number, low: number, high: number): CurvePoint[] {
  const from = Math.max(1, low);
  const step = Math.max(1, Math.ceil((high - from + 1) / 120));
  const out: CurvePoint[] = [];
  for (let n = from; n <= high; n += step) {
    const m: ErlangAMeasures = erlangAMeasures(queue, n, thresholdSeconds);
    out.push({ agents: n, serviceLevel: m.serviceLevel, abandonment: m.probabilityOfAbandon });
  }
  return out;
}

/**
 * Whether the queue's service-level and abandonment targets agree by Erlang A (Item 4.3.8), with the
 * abandonment rate the service-level target implies. 404 for an unknown queue; 400 naming the field for a
 * number that is missing (no target set, nobody abandoned so no patience estimate) or out of range.
 */
export async function consistencyReport(
  db: Kysely<Database>,
  warehouse: Warehouse,
  query: ConsistencyQuery,
): Promise<ConsistencyReport> {
  const basis = query.basis ?? "busiest";
  const intervalMinutes = query.intervalMinutes ?? 30;
  const problems: FieldProblem[] = [];
  if (query.month !== undefined && !MONTH.test(query.month)) {
    problems.push({ field: "month", message: `expected a month as YYYY-MM, e.g. 2026-01, got "${query.month}"` });
  }
  if (!(Number.isInteger(intervalMinutes) && intervalMinutes >= 1 && 1440 % intervalMinutes === 0)) {
    problems.push({ field: "interval", message: "expected whole minutes dividing a day (15, 30, 60 …)" });
  }
  if (problems.length) throw new InvalidInputError(problems);

  let data: QueueMonth | null = null;
  let month: string | null = null;
  let threshold: Sourced | null = null;
  let targets: Awaited<ReturnType<typeof queueTargets>> | null = null;
  if (query.queue !== undefined) {
    const queue = await findQueue(warehouse, query.queue);
    if (queue.kind !== "real-time") {
      const message = `queue ${queue.id} is ${queue.kind} work: targets for speed of answer and abandonment are set for real-time queues`;
      throw new InvalidInputError([{ field: "queue", message }], message);
    }
    month = query.month ?? queue.lastDay?.slice(0, 7) ?? null;
    if (month !== null) data = await queueMonth(warehouse, queue.id, month, intervalMinutes);
    if (queue.slThresholdSeconds !== null) {
      threshold = { value: queue.slThresholdSeconds, source: `queue ${queue.id}'s service-level threshold` };
    }
    targets = await queueTargets(db, queue, month ?? new Date().toISOString().slice(0, 7));
  }

  const explicit = (value: number | undefined): Sourced | null =>
    value === undefined ? null : { value, source: "given" };
  const interval = data && (basis === "busiest" ? data.busiest : data.average);
  const where =
    basis === "busiest" && data?.busiest
      ? `the busiest ${intervalMinutes}-minute interval of ${month} (${data.busiest.start} local)`
      : `the average open ${intervalMinutes}-minute interval of ${month} (${data?.openIntervals ?? 0} with calls)`;
  const inputs = {
    calls: explicit(query.calls) ?? (interval ? { value: interval.calls, source: `calls offered in ${where}` } : null),
    ahtSeconds:
      explicit(query.ahtSeconds) ??
      (interval?.ahtSeconds
        ? { value: interval.ahtSeconds, source: `handle time of calls answered in ${where}` }
        : null),
    patienceSeconds:
      explicit(query.patienceSeconds) ??
      (data?.patienceSeconds
        ? {
            value: data.patienceSeconds,
            source: `estimated from ${month}: ${Math.round(data.waitSeconds)} s waited by all ${data.offered} calls offered / ${data.abandoned} abandoned (exponential patience)`,
          }
        : null),
    thresholdSeconds: explicit(query.thresholdSeconds) ?? threshold,
    serviceLevelTarget: explicit(query.serviceLevelTarget) ?? targets?.serviceLevel ?? null,
    abandonmentTarget: explicit(query.abandonmentTarget) ?? targets?.abandonment ?? null,
  };
  const missing: Record<keyof typeof inputs, string> = {
    calls: query.queue
      ? `queue ${query.queue} offered no calls in ${month ?? "any month"}; pick another month or give calls`
      : "give calls per interval, or a queue",
    ahtSeconds: query.queue
      ? `queue ${query.queue} answered no calls in ${month ?? "any month"}; give ahtSeconds`
      : "give the average handle time in seconds, or a queue",
    patienceSeconds: query.queue
      ? `no caller of queue ${query.queue} abandoned in ${month ?? "any month"}, so patience cannot be estimated; give patienceSeconds`
      : "give the callers' mean patience in seconds, or a queue",
    thresholdSeconds: query.queue
      ? `queue ${query.queue} has no service-level threshold; give thresholdSeconds`
      : "give the service-level threshold in seconds, or a queue",
    serviceLevelTarget: query.queue
      ? `no ${targets?.metrics.serviceLevel} target is in force for queue ${query.queue} in ${month}; set one on the Targets page or give serviceLevelTarget`
      : "give the service-level target as a share (0.8), or a queue",
    abandonmentTarget: query.queue
      ? `no ${targets?.metrics.abandonment} target is in force for queue ${query.queue} in ${month}; set one on the Targets page or give abandonmentTarget`
      : "give the abandonment target as a share (0.05), or a queue",
  };
  const absent = (Object.keys(inputs) as (keyof typeof inputs)[]).filter((k) => inputs[k] === null);
  if (absent.length) throw new InvalidInputError(absent.map((field) => ({ field, message: missing[field] })));
  const known = inputs as { [K in keyof typeof inputs]: Sourced };

  const tolerance = query.tolerance ?? 0.01;
  const queue = queueOf(
    { calls: known.calls.value, intervalSeconds: intervalMinutes * 60, ahtSeconds: known.ahtSeconds.value },
    known.patienceSeconds.value,
  );
  const serviceLevel = { target: known.serviceLevelTarget.value, thresholdSeconds: known.thresholdSeconds.value };
  const judged = targetConsistency({
    queue,
    serviceLevel,
    abandonmentTarget: known.abandonmentTarget.value,
    tolerance,
  });
  const slText = `${pct(serviceLevel.target)} in ${serviceLevel.thresholdSeconds} s`;
  const implied = pct(judged.impliedAbandonment);
  const target = pct(judged.abandonmentTarget);
  const explanation =
    judged.verdict === "consistent"
      ? `Consistent: staffing to ${slText} takes ${judged.agents} agents, at which ${implied} of calls abandon — within ${pct(tolerance)} of the ${target} abandonment target.`
      : judged.verdict === "abandonment-target-looser"
        ? `Inconsistent: the ${target} abandonment target is looser than the ${implied} that ${slText} implies. Staffing to the service-level target (${judged.agents} agents) already keeps abandonment near ${implied}; ${
            judged.agentsForAbandonmentTarget < judged.agents
              ? `the abandonment target alone would allow ${judged.agentsForAbandonmentTarget}, so it never binds.`
              : "the abandonment target never binds."
          }`
        : `Inconsistent: the ${target} abandonment target is tighter than the ${implied} that ${slText} implies. Meeting it takes ${judged.agentsForAbandonmentTarget} agents, more than the ${judged.agents} the service-level target asks for, so one of the two is not the real target.`;
  const high = Math.max(judged.agents, judged.agentsForAbandonmentTarget);
  const low = Math.min(judged.agents, judged.agentsForAbandonmentTarget);
  const spread = Math.max(4, Math.ceil(high * 0.25));
  return {
    queue: query.queue ?? null,
    month,
    basis,
    intervalMinutes,
    data,
    inputs: { ...known, tolerance },
    load: queue.load,
    result: {
      consistent: judged.consistent,
      verdict: judged.verdict,
      agents: judged.agents,
      serviceLevel: judged.serviceLevel,
      impliedAbandonment: judged.impliedAbandonment,
      agentsForAbandonmentTarget: judged.agentsForAbandonmentTarget,
      asaSeconds: judged.measures.asaSeconds,
      occupancy: judged.measures.occupancy,
    },
    explanation,
    curve: curve(queue, serviceLevel.thresholdSeconds, low - spread, high + spread),
  };
}
