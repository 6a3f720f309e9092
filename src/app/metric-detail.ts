/**
 * One metric in depth: its catalog definition, its monthly values at a scope against the target in force, the
 * components and sample sizes behind every point, and the same series for each program and queue below the
 * scope (the drill-down).
 *
 * @example
 * ```ts
 * const d = await metricDetail(db, pack, warehouse, { metric: "rt.service_level", scopeLevel: "location", scopeId: "manila" });
 * d.points.at(-1); // { period: "2026-10", value: 78.4, target: 80, met: false, components: { offered: 41210, ... } }
 * ```
 */
import type { Kysely } from "kysely";
import type { Pack } from "../standard/pack.ts";
import { isMet } from "../standard/rules/met.ts";
import { applicableBenchmark } from "../standard/rules/target-governance.ts";
import type { Metric } from "../standard/schema.ts";
import { type AgentValue, agentValues } from "../warehouse/metrics/agents.ts";
import { computableMetrics, type MetricValue, metricValues } from "../warehouse/metrics/compute.ts";
import type { Warehouse } from "../warehouse/warehouse.ts";
import type { Database } from "./db/schema.ts";
import { InvalidInputError, NotFoundError } from "./errors.ts";
import { listOrganisation } from "./organisation.ts";
import { loadPerformance, type PerformancePoint, type ScopeInfo, targetResolver } from "./performance.ts";
import { targetHistory } from "./targets.ts";

export interface MetricDetailQuery {
  readonly metric: string;
  readonly scopeLevel?: ScopeInfo["level"];
  readonly scopeId?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface MetricDetail {
  readonly metric: Metric;
  readonly scope: ScopeInfo;
  readonly from: string;
  readonly to: string;
  readonly periods: readonly string[];
  readonly benchmark: number | null;
  readonly points: readonly PerformancePoint[];
  readonly breakdown: {
    readonly programs: readonly { id: string; name: string; points: readonly PerformancePoint[] }[];
    readonly queues: readonly { id: string; name: string; program: string; points: readonly PerformancePoint[] }[];
    /** Each CSS over the whole window, best first; null when the metric is not made of one CSS's work. */
    readonly agents: readonly AgentValue[] | null;
  };
}

export async function metricDetail(
  db: Kysely<Database>,
  pack: Pack,
  warehouse: Warehouse,
  query: MetricDetailQuery,
): Promise<MetricDetail> {
  const metric = pack.findMetric(query.metric);
  if (!metric) throw new NotFoundError(`no metric "${query.metric}" in the ${pack.manifest.id} catalog`);
  if (!computableMetrics(pack).some((m) => m.id === metric.id)) {
    throw new InvalidInputError([
      { field: "metric", message: `${metric.id} is in the catalog but not computed from the warehouse's data yet` },
    ]);
  }
  const performance = await loadPerformance(db, pack, warehouse, {
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
    metrics: [metric.id],
  });
  const level = query.scopeLevel ?? "entity";
  const id = level === "entity" ? performance.entity.id : query.scopeId;
  const scope = performance.scopes.find((s) => s.level === level && s.id === id);
  if (!scope) {
    throw new InvalidInputError([
      { field: "scopeId", message: id ? `no ${level} "${id}" in the organisation` : `give the ${level}'s id` },
    ]);
  }
  const { from, to, periods, placement } = performance;
  const [locations, programs, queues] = await Promise.all([
    listOrganisation(db, "location"),
    listOrganisation(db, "program"),
    listOrganisation(db, "queue"),
  ]);
  const targetOf = targetResolver(await targetHistory(db), placement, locations, performance.entity.id);
  const inScope = (program: string) => {
    if (level === "entity") return true;
    if (level === "program") return program === id;
    return (placement.get(program) as Record<string, string | null> | undefined)?.[level] === id;
  };
  const pointsOf = (values: readonly MetricValue[], target: (period: string) => number | null): PerformancePoint[] => {
    const byPeriod = new Map(values.map((v) => [v.period, v]));
    return periods.map((period) => {
      const v = byPeriod.get(period);
      const value = v?.value ?? null;
      const t = target(period);
      return {
        period,
        value,
        target: t,
        met: value === null || t === null || metric.direction === "none" ? null : isMet(value, t, metric.direction),
        components: v?.components ?? {},
        ...(v?.interval ? { n: v.interval.n, lower: v.interval.lower, upper: v.interval.upper } : {}),
      };
    });
  };
  const values = (scope: "queue" | "program" | "location" | "region" | "service" | "entity") =>
    metricValues(warehouse, pack, { by: "month", scope, from, to, metrics: [metric.id] });

  const own = (await values(level)).filter((v) => level === "entity" || v.scope === id);
  const points = pointsOf(own, (period) => targetOf(metric.id, { level, id: id! }, period)?.value ?? null);

  const programNames = new Map(programs.map((p) => [p.id, p.name]));
  const programValues = groupBy(await values("program"), (v) => v.scope);
  const programRows = [...programValues.entries()]
    .filter(([program]) => inScope(program))
    .map(([program, vs]) => ({
      id: program,
      name: programNames.get(program) ?? program,
      points: pointsOf(vs, (period) => targetOf(metric.id, { level: "program", id: program }, period)?.value ?? null),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));

  const queueInfo = new Map(queues.map((q) => [q.id, q]));
  const queueRows = [...groupBy(await values("queue"), (v) => v.scope).entries()]
    .map(([queue, vs]) => ({ queue, vs, program: queueInfo.get(queue)?.programId ?? vs[0]?.scope ?? "" }))
    .filter(({ queue, program }) => queue !== "" && queueInfo.has(queue) && inScope(program))
    .map(({ queue, vs, program }) => ({
      id: queue,
      name: queueInfo.get(queue)?.name ?? queue,
      program,
      points: pointsOf(
        vs,
        (period) => targetOf(metric.id, { level: "queue", id: queue, program }, period)?.value ?? null,
      ),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));

  return {
    metric,
    scope,
    from,
    to,
    periods,
    benchmark: applicableBenchmark(metric) ?? null,
    points,
    breakdown: {
      programs: programRows,
      queues: queueRows,
      agents: await agentValues(warehouse, pack, {
        metric: metric.id,
        from,
        to,
        ...(level === "entity" ? {} : { programs: programRows.map((p) => p.id) }),
      }),
    },
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}
