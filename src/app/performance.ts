/**
 * Performance: the warehouse's metric values, the targets in force each month and the organisation, judged by
 * the Standard's rules — the data behind the Overview, the Performance Summary Table and a metric's detail.
 *
 * A metric counted per program in Item 4.6 (or not counted) is a series per program; a metric counted once at
 * entity level is one series for the entity. The target of a program's month is the most specific one in force:
 * program, then its location, region, service, then the entity.
 *
 * @example
 * ```ts
 * const p = await loadPerformance(db, pack, warehouse, { from: "2026-01", to: "2026-06" });
 * p.judgement.scopes[0]; // { scope: { level: "entity", id: "acme" }, meetingShare: 0.62, met: true, ... }
 * ```
 */
import type { Kysely } from "kysely";
import { type Judgement, judge, type ScopeLevel } from "../standard/judge.ts";
import type { Pack } from "../standard/pack.ts";
import { applicableBenchmark } from "../standard/rules/target-governance.ts";
import type { Metric } from "../standard/schema.ts";
import { computableMetrics, type MetricValue, metricValues } from "../warehouse/metrics/compute.ts";
import type { Warehouse } from "../warehouse/warehouse.ts";
import type { Database } from "./db/schema.ts";
import { InvalidInputError } from "./errors.ts";
import { listOrganisation } from "./organisation.ts";
import { type Target, targetHistory } from "./targets.ts";

export interface PerformanceQuery {
  /** First and last month, YYYY-MM; by default the twelve months up to the latest with data. */
  readonly from?: string;
  readonly to?: string;
  /** Only these metrics (all computable metrics with data when left out). */
  readonly metrics?: readonly string[];
}

/** One month of one series: the value with what it is made of, and the target in force. */
export interface PerformancePoint {
  readonly period: string;
  readonly value: number | null;
  readonly target: number | null;
  readonly met: boolean | null;
  readonly components: Readonly<Record<string, number>>;
  readonly n?: number;
  readonly lower?: number;
  readonly upper?: number;
}

export interface PerformanceSeries {
  /** `metric@program`, or the metric id for an entity-level series. */
  readonly key: string;
  readonly metric: Metric;
  readonly program: { readonly id: string; readonly name: string } | null;
  /** Channels of the program's queues of the metric's kind. */
  readonly channels: readonly string[];
  /** The Category 4 item the metric reports under (4.1–4.5). */
  readonly item: string;
  readonly benchmark: number | null;
  readonly points: readonly PerformancePoint[];
  /** The target row in force in the last month, for its source and reason. */
  readonly latestTarget: Target | null;
}

export interface ScopeInfo {
  readonly level: ScopeLevel | "program";
  readonly id: string;
  readonly name: string;
}

export interface Performance {
  readonly provider: "csp" | "osp";
  readonly entity: ScopeInfo;
  readonly from: string;
  readonly to: string;
  readonly periods: readonly string[];
  readonly series: readonly PerformanceSeries[];
  readonly judgement: Judgement | null;
  /** Every scope the organisation has, for filters and names. */
  readonly scopes: readonly ScopeInfo[];
  /** Program → its location, region and service, for scope filters. */
  readonly placement: Placement;
  /** Item id → name, for grouping rows under items 4.1–4.5. */
  readonly itemNames: ReadonlyMap<string, string>;
  readonly freshness: {
    /** Where the data typically begins: the median of the process groups' first days. */
    earliestDay: string | null;
    latestDay: string | null;
    lastImportAt: string | null;
    batches: number;
  };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;

/** The kinds of queue whose channels a metric group reports on. */
const GROUP_KINDS: Record<string, readonly string[]> = {
  "human-real-time": ["real-time"],
  "human-deferred": ["deferred", "back-office"],
  outbound: ["outbound"],
  "face-to-face": ["face-to-face"],
};

export async function loadPerformance(
  db: Kysely<Database>,
  pack: Pack,
  warehouse: Warehouse,
  query: PerformanceQuery = {},
): Promise<Performance> {
  for (const [field, value] of [
    ["from", query.from],
    ["to", query.to],
  ] as const) {
    if (value !== undefined && !MONTH.test(value)) {
      throw new InvalidInputError([{ field, message: "expected a month as YYYY-MM, e.g. 2026-01" }]);
    }
  }
  const [entities, regions, locations, services, programs, queues] = await Promise.all([
    listOrganisation(db, "entity"),
    listOrganisation(db, "region"),
    listOrganisation(db, "location"),
    listOrganisation(db, "service"),
    listOrganisation(db, "program"),
    listOrganisation(db, "queue"),
  ]);
  const entityRecord = entities[0];
  const entity: ScopeInfo = {
    level: "entity",
    id: entityRecord?.id ?? "entity",
    name: entityRecord?.name ?? "The entity",
  };

  const freshness = await dataFreshness(warehouse);
  const latest = query.to ?? freshness.latestDay?.slice(0, 7) ?? new Date().toISOString().slice(0, 7);
  const to = latest;
  // Twelve months back, but not before the data begins.
  const earliest = freshness.earliestDay?.slice(0, 7);
  const from =
    query.from ??
    (earliest && earliest > monthOf(monthIndex(to) - 11) && earliest <= to ? earliest : monthOf(monthIndex(to) - 11));
  if (from > to) throw new InvalidInputError([{ field: "from", message: `must not be after to (${to})` }]);
  const periods: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) periods.push(monthOf(i));

  const wanted = computableMetrics(pack).filter((m) => !query.metrics?.length || query.metrics.includes(m.id));
  const ids = wanted.map((m) => m.id);
  const [byProgram, byEntity] = ids.length
    ? await Promise.all([
        metricValues(warehouse, pack, { by: "month", scope: "program", from, to, metrics: ids }),
        metricValues(warehouse, pack, { by: "month", scope: "entity", from, to, metrics: ids }),
      ])
    : [[], []];

  // Programs measured in the warehouse but not (yet) in the app database still show, under their own id.
  const programNames = new Map(programs.map((p) => [p.id, p.name]));
  const placement = new Map(
    programs.map((p) => {
      const location = locations.find((l) => l.id === p.locationId);
      return [p.id, { location: p.locationId, region: location?.regionId ?? null, service: p.serviceId }] as const;
    }),
  );

  const targetOf = targetResolver(await targetHistory(db), placement, locations, entity.id);

  const series: PerformanceSeries[] = [];
  const collect = (values: readonly MetricValue[], entityLevel: boolean) => {
    const grouped = new Map<string, MetricValue[]>();
    for (const v of values) {
      const metric = pack.findMetric(v.metric);
      if (!metric || (metric.item46 === "entity") !== entityLevel) continue;
      const key = entityLevel ? v.metric : `${v.metric}@${v.scope}`;
      grouped.set(key, [...(grouped.get(key) ?? []), v]);
    }
    for (const [key, values] of grouped) {
      const metric = pack.findMetric(values[0]!.metric)!;
      const program = entityLevel ? null : values[0]!.scope;
      const byPeriod = new Map(values.map((v) => [v.period, v]));
      const points = periods.map((period): PerformancePoint => {
        const v = byPeriod.get(period);
        const target = targetOf(metric.id, scopeOf(program), period);
        const value = v?.value ?? null;
        return {
          period,
          value,
          target: target?.value ?? null,
          met: null,
          components: v?.components ?? {},
          ...(v?.interval ? { n: v.interval.n, lower: v.interval.lower, upper: v.interval.upper } : {}),
        };
      });
      const kinds = GROUP_KINDS[metric.group] ?? [];
      series.push({
        key,
        metric,
        program: program ? { id: program, name: programNames.get(program) ?? program } : null,
        channels: [
          ...new Set(
            queues
              .filter((q) => (program === null || q.programId === program) && kinds.includes(q.kind))
              .map((q) => q.channel),
          ),
        ].sort(),
        item: metric.items.find((i) => i.startsWith("4.")) ?? metric.items[0]!,
        benchmark: applicableBenchmark(metric) ?? null,
        points,
        latestTarget: targetOf(metric.id, scopeOf(program), to),
      });
    }
  };
  const scopeOf = (program: string | null) =>
    program ? { level: "program" as const, id: program } : { level: "entity" as const, id: entity.id };
  collect(byProgram, false);
  collect(byEntity, true);
  series.sort(
    (a, b) => a.item.localeCompare(b.item) || a.metric.id.localeCompare(b.metric.id) || a.key.localeCompare(b.key),
  );

  const judgement = series.length
    ? judgeSeries(series, pack, entity.id, entityRecord?.provider ?? "csp", placement, locations)
    : null;
  const judged = new Map(judgement?.series.map((s) => [s.key, s]) ?? []);
  const withMet = series.map((s) => {
    const j = judged.get(s.key);
    return j ? { ...s, points: s.points.map((p, i) => ({ ...p, met: j.periods[i]?.met ?? null })) } : s;
  });

  const scopes: ScopeInfo[] = [
    entity,
    ...regions.map((r) => ({ level: "region" as const, id: r.id, name: r.name })),
    ...locations.map((l) => ({ level: "location" as const, id: l.id, name: l.name })),
    ...services.map((s) => ({ level: "service" as const, id: s.id, name: s.name })),
    ...programs.map((p) => ({ level: "program" as const, id: p.id, name: p.name })),
  ];
  return {
    provider: entityRecord?.provider ?? "csp",
    entity,
    from,
    to,
    periods,
    series: withMet,
    judgement,
    scopes,
    placement,
    itemNames: new Map(pack.items.map((i) => [i.id, i.name])),
    freshness,
  };
}

export type Placement = ReadonlyMap<string, { location: string; region: string | null; service: string }>;

/**
 * The target in force for a metric at a scope in a month: the scope's own, else the nearest enclosing scope's
 * (a queue's program; a program's location, region and service; a location's region), else the entity's.
 */
export function targetResolver(
  history: readonly Target[],
  placement: Placement,
  locations: readonly { id: string; regionId: string | null }[],
  entity: string,
) {
  const byMetric = new Map<string, Target[]>();
  for (const t of history) byMetric.set(t.metric, [...(byMetric.get(t.metric) ?? []), t]);
  const regionOf = new Map(locations.map((l) => [l.id, l.regionId]));
  const chainOf = (level: string, id: string, program?: string): [string, string | null | undefined][] => {
    const place = program ? placement.get(program) : undefined;
    switch (level) {
      case "queue":
        return [
          ["queue", id],
          ...(program ? chainOf("program", program, program) : [["entity", entity] as [string, string]]),
        ];
      case "program":
        return [
          ["program", id],
          ["location", place?.location],
          ["region", place?.region],
          ["service", place?.service],
          ["entity", entity],
        ];
      case "location":
        return [
          ["location", id],
          ["region", regionOf.get(id)],
          ["entity", entity],
        ];
      case "region":
      case "service":
        return [
          [level, id],
          ["entity", entity],
        ];
      default:
        return [["entity", entity]];
    }
  };
  return (metric: string, scope: { level: string; id: string; program?: string }, month: string): Target | null => {
    const rows = byMetric.get(metric) ?? [];
    for (const [level, id] of chainOf(
      scope.level,
      scope.id,
      scope.program ?? (scope.level === "program" ? scope.id : undefined),
    )) {
      if (!id) continue;
      const found = rows.find(
        (t) =>
          t.scope.level === level &&
          t.scope.id === id &&
          t.effectiveFrom <= month &&
          (t.effectiveTo === null || t.effectiveTo >= month),
      );
      if (found) return found;
    }
    return null;
  };
}

function judgeSeries(
  series: readonly PerformanceSeries[],
  pack: Pack,
  entity: string,
  provider: "csp" | "osp",
  placement: Placement,
  locations: readonly { id: string; regionId: string | null }[],
): Judgement {
  const programs = [...new Set(series.flatMap((s) => (s.program ? [s.program.id] : [])))];
  const unplaced = programs.filter((p) => !placement.has(p));
  return judge(
    {
      pack: pack.manifest.id,
      provider,
      organisation: {
        entity,
        locations: [
          ...locations.map((l) => ({ id: l.id, ...(l.regionId ? { region: l.regionId } : {}) })),
          ...(unplaced.length ? [{ id: "(unassigned)" }] : []),
        ],
        programs: programs.map((id) => {
          const place = placement.get(id);
          return { id, location: place?.location ?? "(unassigned)", service: place?.service ?? "(unassigned)" };
        }),
      },
      series: series.map((s) => ({
        metric: s.metric.id,
        ...(s.program ? { program: s.program.id } : {}),
        additional: false,
        smallVolume: false,
        ...(s.latestTarget
          ? {
              target: {
                source: s.latestTarget.source,
                ...(s.latestTarget.comparativeDataDate
                  ? { comparativeDataDate: s.latestTarget.comparativeDataDate }
                  : {}),
                ...(s.latestTarget.reason ? { reason: s.latestTarget.reason } : {}),
                ...(s.latestTarget.benchmarkCondition ? { benchmarkCondition: s.latestTarget.benchmarkCondition } : {}),
              },
            }
          : {}),
        periods: s.points.map((p) => ({ period: p.period, value: p.value, target: p.target })),
      })),
    },
    pack,
  );
}

/** The latest local day with data and the latest import. */
async function dataFreshness(warehouse: Warehouse): Promise<Performance["freshness"]> {
  const tables = new Set(
    (await warehouse.all<{ name: string }>("SELECT table_name AS name FROM duckdb_tables()")).map((t) => t.name),
  );
  const [components] = tables.has("metric_components")
    ? await warehouse.all<{ earliest: string | null; latest: string | null }>(
        // Typical start: the median of each process group's first day, so a long people history (hires years back)
        // does not stretch the window over months with no contacts, nor one new dataset shrink it.
        `SELECT CAST(quantile_disc(first, 0.5) AS VARCHAR) AS earliest, CAST(max(last) AS VARCHAR) AS latest
         FROM (SELECT process_group, min(day) AS first, max(day) AS last FROM metric_components GROUP BY ALL)`,
      )
    : [];
  const [imports] = await warehouse.all<{ last: number | null; batches: number | bigint }>(
    "SELECT max(epoch(started_at) + seconds) AS last, count(*) AS batches FROM import_batches",
  );
  return {
    earliestDay: components?.earliest ?? null,
    latestDay: components?.latest ?? null,
    lastImportAt: imports?.last ? new Date(imports.last * 1000).toISOString() : null,
    batches: Number(imports?.batches ?? 0),
  };
}
