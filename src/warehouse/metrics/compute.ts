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
import { localDayMacro } from "./components/define.ts";
import {
  COMPONENT_GROUPS,
  type ComponentGroup,
  type ComponentSettings,
  componentSql,
  DEFAULT_SETTINGS,
} from "./components/index.ts";

const TABLE = `CREATE TABLE IF NOT EXISTS metric_components (
  process_group VARCHAR NOT NULL,
  day DATE NOT NULL,
  program_id VARCHAR NOT NULL,
  queue_id VARCHAR NOT NULL,
  component VARCHAR NOT NULL,
  value DOUBLE NOT NULL
)`;

/**
 * Rebuilds the components from the canonical tables, in one transaction: all of them, or with `days` (local
 * dates, YYYY-MM-DD) only those days' rows of every group. Returns the component rows written.
 */
export async function recomputeComponents(
  warehouse: Warehouse,
  settings: ComponentSettings = DEFAULT_SETTINGS,
  options: { readonly days?: readonly string[] } = {},
): Promise<number> {
  const { days } = options;
  const bad = days?.find((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d)));
  if (bad !== undefined) throw new Error(`days: expected dates as YYYY-MM-DD, got "${bad}"`);
  await warehouse.run(TABLE);
  return warehouse.transaction(async () => {
    if (!days) return (await updateComponents(warehouse, undefined, settings)).rows;
    await defineLocalDay(warehouse);
    const work = allQueries().map((q) => ({ ...q, days: [...new Set(days)].sort() }));
    return (await rebuild(warehouse, settings, work)).rows;
  });
}

/**
 * What a load changed in one dataset: the rows of its batch, and the previous versions of the rows it replaced
 * (a table with the dataset's columns, usually temporary). Both count as touched. Without `replaced`, every
 * query reading the dataset is rebuilt whole.
 */
export interface Change {
  readonly dataset: string;
  readonly batchId: number;
  readonly replaced?: string;
}

export interface ComponentUpdate {
  /** Distinct local days recomputed, over the groups updated day by day. */
  readonly days: number;
  /** Component queries updated day by day, and rebuilt whole. */
  readonly queriesByDay: number;
  readonly queriesRebuilt: number;
  /** Component rows written. */
  readonly rows: number;
  /** Each query run, in order, with what it cost. */
  readonly queries: readonly QueryTiming[];
}

/**
 * Brings the components up to date after `change`, inside the caller's transaction (a load's, so that facts
 * and components land together). Without a change, everything is rebuilt.
 *
 * Each component query that reads the changed dataset is handled one of two ways. A query declaring `byDay`
 * for that dataset has the days the change touched recomputed: the days its base gives the changed rows (old
 * and new versions), widened, when it declares a horizon, to the days between the old and the new end of the
 * data. Its rows for those days are deleted and computed again from the rows near them. Any other query reading
 * the dataset (a reference table such as queues, or a group without `byDay`) is rebuilt whole. Either way the
 * result is the rows a full rebuild would give; `test/warehouse/incremental.test.ts` checks it.
 */
export async function updateComponents(
  warehouse: Warehouse,
  change: Change | undefined,
  settings: ComponentSettings = DEFAULT_SETTINGS,
): Promise<ComponentUpdate> {
  await warehouse.run(TABLE);
  await defineLocalDay(warehouse);
  if (!change) {
    await warehouse.run("DELETE FROM metric_components");
    const work = allQueries().map((q) => ({ ...q, days: "all" as const }));
    const { rows, queries } = await rebuild(warehouse, settings, work);
    return { days: 0, queriesByDay: 0, queriesRebuilt: work.length, rows, queries };
  }
  const work: Work[] = [];
  const days = new Set<string>();
  for (const q of allQueries()) {
    if (!reads(q.query.base(settings), change.dataset)) continue;
    if (change.replaced === undefined || q.query.byDay?.table !== change.dataset) {
      work.push({ ...q, days: "all" });
      continue;
    }
    const touched = await touchedDays(warehouse, q.query, { ...change, replaced: change.replaced }, settings);
    for (const day of touched.days) days.add(day);
    work.push({ ...q, ...touched });
  }
  const { rows, queries: timings } = await rebuild(warehouse, settings, work);
  const byDay = work.filter((w) => w.days !== "all").length;
  return { days: days.size, queriesByDay: byDay, queriesRebuilt: work.length - byDay, rows, queries: timings };
}

interface Query {
  /** The catalog's process group the rows are stored under. */
  readonly group: string;
  readonly query: ComponentGroup;
}
interface Work extends Query {
  /** Sorted local dates to recompute, or every day. */
  readonly days: readonly string[] | "all";
  /** For a query with a horizon: the end of the data, when already known. */
  readonly end?: string | null;
}

/** Every registered component query with its process group, checked to own its component ids. */
function allQueries(): Query[] {
  const out: Query[] = [];
  for (const [group, list] of Object.entries(COMPONENT_GROUPS)) {
    const seen = new Set<string>();
    for (const query of list) {
      for (const id of Object.keys(query.components)) {
        // Rows are replaced by (group, component, day): two queries writing one component would erase each other.
        if (seen.has(id)) throw new Error(`component ${id} of ${group} comes from two queries; give each its own id`);
        seen.add(id);
      }
      out.push({ group, query });
    }
  }
  return out;
}

/** Defines the `local_day` macro the component queries cut days with, fast for the zones of the locations. */
export async function defineLocalDay(warehouse: Warehouse): Promise<void> {
  const zones = await warehouse.all<{ zone: string }>(
    `SELECT DISTINCT l.time_zone AS zone FROM locations l JOIN pg_timezone_names() z ON z.name = l.time_zone ORDER BY 1`,
  );
  await warehouse.run(localDayMacro(zones.map((z) => z.zone)));
}

/** Whether SQL reads a table: the name as a word of its text (a mention in a comment only costs a rebuild). */
const reads = (sql: string, table: string) => new RegExp(`\\b${table}\\b`, "i").test(sql);

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const dateSql = (day: string | null) => (day === null ? "CAST(NULL AS DATE)" : `DATE ${quote(day)}`);

/** A query of one row and column `day`, as YYYY-MM-DD or null. */
async function dayOf(warehouse: Warehouse, sql: string): Promise<string | null> {
  const [row] = await warehouse.all<{ day: string | null }>(`SELECT CAST(day AS VARCHAR) AS day FROM (${sql})`);
  return row?.day ?? null;
}

/**
 * The local days whose rows of `query` the change can alter, sorted; for a query with a horizon, also the end of
 * the data now.
 */
async function touchedDays(
  warehouse: Warehouse,
  query: ComponentGroup,
  change: Required<Change>,
  settings: ComponentSettings,
): Promise<{ days: string[]; end?: string | null }> {
  const { dataset, batchId, replaced } = change;
  const changed = `WITH ${dataset} AS (SELECT * FROM ${replaced} UNION ALL SELECT * FROM main.${dataset} WHERE batch_id = ${batchId})`;
  const horizon = query.byDay?.horizon?.(settings);
  let end: string | null = null;
  let after: string | null = null;
  let moved = "";
  if (horizon) {
    after = await dayOf(warehouse, horizon);
    // The end can only have moved if a changed row reaches it; else the rows that hold it are untouched. Only
    // then is the end before the load needed: the rows other batches left, and the rows this one replaced.
    const reached = await dayOf(warehouse, `${changed} ${horizon}`);
    const before =
      reached === null || (after !== null && reached < after)
        ? after
        : await dayOf(
            warehouse,
            `WITH ${dataset} AS (SELECT * FROM main.${dataset} WHERE batch_id <> ${batchId} UNION ALL SELECT * FROM ${replaced}) ${horizon}`,
          );
    end = before === null || (after !== null && after > before) ? after : before;
    // Open items stay late to the end of the data: when it moves, every day between changes.
    if (before !== null && after !== null && before !== after) {
      const [from, to] = before < after ? [before, after] : [after, before];
      moved = ` UNION SELECT CAST(unnest(generate_series(${dateSql(from)} + 1, ${dateSql(to)}, INTERVAL 1 DAY)) AS DATE)`;
    }
  }
  // The base over the changed rows alone gives the days they land on, old versions and new.
  const rows = await warehouse.all<{ day: string }>(
    `${changed}
     SELECT DISTINCT CAST(day AS VARCHAR) AS day FROM (
       SELECT day FROM (${query.base(settings, horizon ? dateSql(end) : undefined)}) AS base${moved}
     ) WHERE day IS NOT NULL ORDER BY day`,
  );
  return { days: rows.map((r) => r.day), ...(horizon ? { end: after } : {}) };
}

/** Deletes and recomputes each query's rows (every day, or the given days). Returns the rows written. */
async function rebuild(warehouse: Warehouse, settings: ComponentSettings, work: readonly Work[]): Promise<Rebuilt> {
  let written = 0;
  const timings: QueryTiming[] = [];
  for (const { group, query, days, end: known } of work) {
    const started = performance.now();
    const own = `process_group = ${quote(group)} AND component IN (${Object.keys(query.components).map(quote).join(", ")})`;
    const insert = async (sql: string) => {
      const result = await warehouse.connection.run(
        `INSERT INTO metric_components SELECT ${quote(group)}, day, program_id, queue_id, component, value FROM (${sql})`,
      );
      written += result.rowsChanged;
      timings.push({
        query: `${group}/${Object.keys(query.components)[0]}`,
        days: days === "all" ? "all" : days.length,
        rows: result.rowsChanged,
        seconds: (performance.now() - started) / 1000,
      });
    };
    if (days === "all") {
      await warehouse.run(`DELETE FROM metric_components WHERE ${own}`);
      await insert(componentSql(query, settings));
      continue;
    }
    if (days.length === 0) continue;
    await warehouse.run("CREATE OR REPLACE TEMP TABLE recompute_days (day DATE PRIMARY KEY)");
    await warehouse.run(`INSERT INTO recompute_days VALUES ${days.map((d) => `(${dateSql(d)})`).join(", ")}`);
    await warehouse.run(`DELETE FROM metric_components WHERE ${own} AND day IN (SELECT day FROM recompute_days)`);
    const { byDay } = query;
    // Rows that run to the end of the data need where it is, not where it is among the rows read here.
    const end = byDay?.horizon
      ? dateSql(known !== undefined ? known : await dayOf(warehouse, byDay.horizon(settings)))
      : undefined;
    const near = byDay?.near
      ? `WITH ${byDay.table} AS (SELECT * FROM main.${byDay.table} c WHERE ${byDay.near(dateSql(days[0]!), dateSql(days.at(-1)!))}) `
      : "";
    const sql = componentSql({ ...query, base: (s) => query.base(s, end) }, settings);
    await insert(`${near}SELECT * FROM (${sql}) WHERE day IN (SELECT day FROM recompute_days)`);
  }
  await warehouse.run("DROP TABLE IF EXISTS recompute_days");
  return { rows: written, queries: timings };
}

interface Rebuilt {
  readonly rows: number;
  readonly queries: readonly QueryTiming[];
}

/** What one component query cost: named by its process group and first component. */
export interface QueryTiming {
  readonly query: string;
  /** Days recomputed, or all of them. */
  readonly days: number | "all";
  readonly rows: number;
  readonly seconds: number;
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

/** A component row's period, and (below) its scope, over `metric_components mc` joined to programs p and locations l. */
export const PERIOD_SQL: Record<Period, string> = {
  month: "strftime(day, '%Y-%m')",
  quarter: "CAST(year(day) AS VARCHAR) || '-Q' || CAST(quarter(day) AS VARCHAR)",
};

export const SCOPE_SQL: Record<ScopeLevel, string> = {
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

/** The metric's value from its summed components; null when the denominator is zero. */
export function evaluator(formula: Formula): (c: Record<string, number>) => number | null {
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
