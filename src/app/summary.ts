/**
 * The Performance Summary Table: metrics as rows (by Category 4 item and category), months as columns, each
 * cell the value against its target; per row the months met and whether targeted levels are met (3 of 4) or
 * the metric is improving. Exported as CSV or XLSX with the same rows.
 *
 * @example
 * ```ts
 * const table = summaryTable(await loadPerformance(db, pack, warehouse), { scopeLevel: "location", scopeId: "manila" });
 * const csv = summaryCsv(table);
 * ```
 */
import ExcelJS from "exceljs";
import type { Performance, ScopeInfo } from "./performance.ts";

export interface SummaryFilter {
  /** Only metrics measured within this scope: a program's own, or every program of a location, region or service. */
  readonly scopeLevel?: ScopeInfo["level"];
  readonly scopeId?: string;
  /** Only rows whose program has queues in this channel. */
  readonly channel?: string;
  readonly program?: string;
}

export interface SummaryCell {
  readonly period: string;
  readonly value: number | null;
  readonly target: number | null;
  readonly met: boolean | null;
  /** Part of a sustained-improvement window (three consecutive months better than the level before). */
  readonly improving: boolean;
  readonly n?: number;
  readonly lower?: number;
  readonly upper?: number;
}

export interface SummaryRow {
  readonly key: string;
  readonly metric: string;
  readonly name: string;
  readonly unit: string;
  readonly item: string;
  readonly itemName: string;
  readonly category: string;
  readonly direction: "higher" | "lower" | "none";
  readonly program: { readonly id: string; readonly name: string } | null;
  readonly channels: readonly string[];
  readonly benchmark: number | null;
  readonly targetSource: string | null;
  readonly cells: readonly SummaryCell[];
  /** Months with both a value and a target. */
  readonly evaluated: number;
  readonly met: number;
  /** Target met in at least three quarters of the evaluated months. */
  readonly meeting: boolean;
  /** Sustained improvement in the latest months. */
  readonly improving: boolean;
}

export interface SummaryTable {
  readonly asOf: string | null;
  readonly from: string;
  readonly to: string;
  readonly periods: readonly string[];
  readonly rows: readonly SummaryRow[];
  readonly filters: {
    readonly programs: readonly { id: string; name: string }[];
    readonly channels: readonly string[];
    readonly scopes: readonly ScopeInfo[];
  };
}

export function summaryTable(performance: Performance, filter: SummaryFilter = {}): SummaryTable {
  const { placement, judgement } = performance;
  const judged = new Map(judgement?.series.map((s) => [s.key, s]) ?? []);
  const inScope = (program: string | null): boolean => {
    const { scopeLevel, scopeId } = filter;
    if (!scopeLevel || scopeLevel === "entity" || !scopeId) return true;
    if (program === null) return false;
    if (scopeLevel === "program") return program === scopeId;
    const place = placement.get(program);
    return place?.[scopeLevel] === scopeId;
  };
  const rows: SummaryRow[] = [];
  for (const s of performance.series) {
    if (!inScope(s.program?.id ?? null)) continue;
    if (filter.program && s.program?.id !== filter.program) continue;
    if (filter.channel && !s.channels.includes(filter.channel)) continue;
    const j = judged.get(s.key);
    const improvingPeriods = new Set(j?.sustainedImprovement.windows.flatMap((w) => w.periods) ?? []);
    rows.push({
      key: s.key,
      metric: s.metric.id,
      name: s.metric.name,
      unit: s.metric.unit,
      item: s.item,
      itemName: performance.itemNames.get(s.item) ?? s.item,
      category: s.metric.category,
      direction: s.metric.direction,
      program: s.program,
      channels: s.channels,
      benchmark: s.benchmark,
      targetSource: s.latestTarget?.source ?? null,
      cells: s.points.map((p) => ({
        period: p.period,
        value: p.value,
        target: p.target,
        met: p.met,
        improving: improvingPeriods.has(p.period),
        ...(p.n !== undefined ? { n: p.n, lower: p.lower!, upper: p.upper! } : {}),
      })),
      evaluated: j?.evaluated ?? 0,
      met: j?.met ?? 0,
      meeting: j?.meeting ?? false,
      improving: j?.sustainedImprovement.current ?? false,
    });
  }
  return {
    asOf: judgement?.asOf ?? null,
    from: performance.from,
    to: performance.to,
    periods: performance.periods,
    rows,
    filters: {
      programs: performance.scopes.filter((s) => s.level === "program").map((s) => ({ id: s.id, name: s.name })),
      channels: [...new Set(performance.series.flatMap((s) => s.channels))].sort(),
      scopes: performance.scopes,
    },
  };
}

const HEADER = (periods: readonly string[]) => [
  "item",
  "metric",
  "name",
  "program",
  "unit",
  "direction",
  "benchmark",
  ...periods.flatMap((p) => [`${p} value`, `${p} target`, `${p} met`]),
  "months evaluated",
  "months met",
  "meeting targeted levels",
  "improving",
];

const cellMet = (met: boolean | null) => (met === null ? "" : met ? "met" : "not met");

function flatRows(table: SummaryTable): (string | number | null)[][] {
  return table.rows.map((r) => [
    r.item,
    r.metric,
    r.name,
    r.program?.id ?? "(entity)",
    r.unit,
    r.direction,
    r.benchmark,
    ...r.cells.flatMap((c) => [c.value, c.target, cellMet(c.met)]),
    r.evaluated,
    r.met,
    r.meeting ? "yes" : "no",
    r.improving ? "yes" : "no",
  ]);
}

const csvField = (v: string | number | null) => {
  if (v === null) return "";
  const text = String(v);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The table as CSV (RFC 4180): one line per row, three columns per month (value, target, met). */
export function summaryCsv(table: SummaryTable): string {
  return [HEADER(table.periods), ...flatRows(table)].map((line) => line.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** The table as an XLSX workbook: a frozen header, numbers as numbers, met / not met cells coloured. */
export async function summaryXlsx(table: SummaryTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "cxpm";
  const sheet = workbook.addWorksheet("Performance summary", { views: [{ state: "frozen", xSplit: 4, ySplit: 1 }] });
  sheet.addRow(HEADER(table.periods)).font = { bold: true };
  for (const line of flatRows(table)) {
    const row = sheet.addRow(line);
    row.eachCell((cell) => {
      if (cell.value === "met") cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD3F9D8" } };
      if (cell.value === "not met") cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFE3E3" } };
    });
  }
  sheet.columns.forEach((column, i) => {
    column.width = i === 2 ? 40 : i < 4 ? 24 : 12;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
