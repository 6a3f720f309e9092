/**
 * Computing metrics: components per day × program × queue are stored once; any period × scope is then an
 * exact sum of components, and a metric's value is its catalog formula applied to those sums.
 *
 * @example
 * ```ts
 * await recomputeComponents(warehouse);
 * const rows = await metricValues(warehouse, loadPack(), { by: "month", scope: "program" });
 * rows[0]; // { metric: "rt.service_level", period: "1999-01", scope: "PS", value: 52.3, components: {...} }
 * ```
 */
import { compileExpression } from "filtrex";
import { wilson } from "../../methods/sampling/proportion.ts";
import type { Pack } from "../../standard/pack.ts";
import type { Formula, Metric } from "../../standard/schema.ts";
import type { Warehouse } from "../warehouse.ts";
import { COMPONENT_GROUPS, type ComponentSettings, componentSql, DEFAULT_SETTINGS } from "./components/index.ts";

const TABLE = `CREATE TABLE IF NOT EXISTS metric_components (
  process_group VARCHAR NOT NULL,
  day DATE NOT NULL,
  program_id VARCHAR NOT NULL,
  queue_id VARCHAR NOT NULL,
  component VARCHAR NOT NULL,
  value DOUBLE NOT NULL
)`;

/** Rebuilds every component from the canonical tables, in one transaction. Returns the rows written. */
export async function recomputeComponents(
  warehouse: Warehouse,
  settings: ComponentSettings = DEFAULT_SETTINGS,
): Promise<number> {
  await warehouse.run(TABLE);
  return warehouse.transaction(async () => {
    await warehouse.run("DELETE FROM metric_components");
    for (const [group, queries] of Object.entries(COMPONENT_GROUPS)) {
      for (const query of queries) {
        await warehouse.run(
          `INSERT INTO metric_components SELECT '${group}', day, program_id, queue_id, component, value FROM (${componentSql(query, settings)})`,
        );
      }
    }
    const [row] = await warehouse.all<{ n: number }>("SELECT count(*) AS n FROM metric_components");
    return row?.n ?? 0;
  });
}

export type Period = "month" | "quarter";
export type ScopeLevel = "queue" | "program" | "location" | "region" | "service" | "entity";

export interface MetricQuery {
  readonly by?: Period;
  readonly scope?: ScopeLevel;
  /** First and last period, YYYY-MM (inclusive). */
  readonly from?: string;
  readonly to?: string;
  readonly metrics?: readonly string[];
}

export interface MetricValue {
  readonly metric: string;
  readonly name: string;
  readonly unit: string;
  readonly period: string;
  readonly scope: string;
  /** Null when the denominator is zero. */
  readonly value: number | null;
  /** The summed components behind the value. */
  readonly components: Readonly<Record<string, number>>;
  /** For sampled percentages (monitoring, surveys): the sample size and the 95% Wilson interval, in percent. */
  readonly interval?: { readonly n: number; readonly lower: number; readonly upper: number };
}

/** Components each formula needs. */
export function formulaComponents(formula: Formula): string[] {
  if (formula.kind === "ratio") return [formula.numerator.id, formula.denominator.id];
  if (formula.kind === "total") return [formula.component.id];
  return formula.components.map((c) => c.id);
}

/** Catalog metrics whose every component is registered for their group. */
export function computableMetrics(pack: Pack): Metric[] {
  return pack.metrics.filter((m) => {
    const available = new Set((COMPONENT_GROUPS[m.group] ?? []).flatMap((g) => Object.keys(g.components)));
    return formulaComponents(m.formula).every((c) => available.has(c));
  });
}

const PERIOD_SQL: Record<Period, string> = {
  month: "strftime(day, '%Y-%m')",
  quarter: "CAST(year(day) AS VARCHAR) || '-Q' || CAST(quarter(day) AS VARCHAR)",
};

const SCOPE_SQL: Record<ScopeLevel, string> = {
  queue: "mc.queue_id",
  program: "mc.program_id",
  location: "coalesce(p.location_id, '(unassigned)')",
  region: "coalesce(l.region, '(unassigned)')",
  service: "coalesce(p.service, '(unassigned)')",
  entity: "'entity'",
};

/** Metric values per period × scope, rolled up exactly from the stored components. */
export async function metricValues(warehouse: Warehouse, pack: Pack, query: MetricQuery = {}): Promise<MetricValue[]> {
  await warehouse.run(TABLE);
  const by = query.by ?? "month";
  const scope = query.scope ?? "program";
  const metrics = computableMetrics(pack).filter((m) => !query.metrics?.length || query.metrics.includes(m.id));
  const unknown = query.metrics?.filter((id) => !metrics.some((m) => m.id === id)) ?? [];
  if (unknown.length) {
    throw new Error(
      `cannot compute ${unknown.join(", ")}: not in the catalog, or its components are not available yet`,
    );
  }
  const conditions: string[] = [];
  const params: string[] = [];
  if (query.from) conditions.push(`strftime(day, '%Y-%m') >= $${params.push(query.from)}`);
  if (query.to) conditions.push(`strftime(day, '%Y-%m') <= $${params.push(query.to)}`);
  const sums = await warehouse.all<{
    period: string;
    scope: string;
    process_group: string;
    component: string;
    value: number;
  }>(
    `SELECT ${PERIOD_SQL[by]} AS period, ${SCOPE_SQL[scope]} AS scope, process_group, component, sum(value) AS value
     FROM metric_components mc
     LEFT JOIN programs p ON p.program_id = mc.program_id
     LEFT JOIN locations l ON l.location_id = p.location_id
     ${conditions.length ? `WHERE ${conditions.join(" AND ")}` : ""}
     GROUP BY ALL ORDER BY period, scope`,
    params,
  );

  const cells = new Map<string, { period: string; scope: string; group: string; values: Record<string, number> }>();
  for (const row of sums) {
    const key = `${row.period}\u0000${row.scope}\u0000${row.process_group}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { period: row.period, scope: row.scope, group: row.process_group, values: {} };
      cells.set(key, cell);
    }
    cell.values[row.component] = row.value;
  }

  const out: MetricValue[] = [];
  for (const metric of metrics) {
    const needs = formulaComponents(metric.formula);
    const evaluate = evaluator(metric.formula);
    for (const cell of cells.values()) {
      if (cell.group !== metric.group) continue;
      // A component missing from the cell was never recorded by the source: the metric is not measured there.
      if (needs.some((c) => cell.values[c] === undefined)) continue;
      const components = Object.fromEntries(needs.map((c) => [c, cell.values[c]!]));
      // No activity at all behind the metric in this cell: nothing to report.
      if (needs.every((c) => components[c] === 0)) continue;
      out.push({
        metric: metric.id,
        name: metric.name,
        unit: metric.unit,
        period: cell.period,
        scope: cell.scope,
        value: evaluate(components),
        components,
        ...sampledInterval(metric, components),
      });
    }
  }
  return out.sort(
    (a, b) => a.metric.localeCompare(b.metric) || a.period.localeCompare(b.period) || a.scope.localeCompare(b.scope),
  );
}

/** Sampled percentages of counts carry their precision (1.4.1): n and the 95% Wilson interval. */
function sampledInterval(metric: Metric, components: Record<string, number>) {
  const f = metric.formula;
  if (!metric.samplingAllowed || f.kind !== "ratio" || f.scale !== 100) return {};
  const k = components[f.numerator.id]!;
  const n = components[f.denominator.id]!;
  if (!(n > 0) || !Number.isInteger(k) || !Number.isInteger(n) || k > n) return {};
  const { lower, upper } = wilson(k, n);
  return { interval: { n, lower: lower * 100, upper: upper * 100 } };
}

function evaluator(formula: Formula): (c: Record<string, number>) => number | null {
  if (formula.kind === "ratio") {
    const { numerator, denominator, scale } = formula;
    return (c) => (c[denominator.id] ? (c[numerator.id]! / c[denominator.id]!) * scale : null);
  }
  if (formula.kind === "total") return (c) => c[formula.component.id] ?? 0;
  const fn = compileExpression(formula.expression);
  return (c) => {
    const value = fn(c);
    return typeof value === "number" && Number.isFinite(value) ? value : null;
  };
}
