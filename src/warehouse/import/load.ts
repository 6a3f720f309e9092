/**
 * Loading source files into a canonical dataset: every row validated, the load one transaction, repeated
 * loads replace rows by natural key, and an identical repeat is recognised and skipped.
 *
 * @example
 * ```ts
 * const summary = await importFiles(warehouse, {
 *   mapping: loadMapping("examples/mappings/anonymous-bank.yaml"),
 *   files: ["january_1999.tsv"],
 * });
 * summary.loaded; // 30,000-odd calls
 * ```
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import type { ComponentSettings } from "../metrics/components/index.ts";
import { type ComponentUpdate, updateComponents } from "../metrics/compute.ts";
import type { Column } from "../schema/define.ts";
import type { Warehouse } from "../warehouse.ts";
import type { Mapping } from "./mapping.ts";
import { readRecords } from "./readers.ts";
import { isZone } from "./timestamps.ts";
import { parseValue, type Value } from "./values.ts";

export interface RowProblem {
  readonly file: string;
  readonly line: number;
  readonly field: string;
  readonly value: string;
  readonly expected: string;
}

export interface ImportOptions {
  readonly mapping: Mapping;
  readonly files: readonly string[];
  /** `fail` (default): any bad row rejects the whole load. `quarantine`: good rows load, bad rows go to `rejectsFile`. */
  readonly onError?: "fail" | "quarantine";
  readonly rejectsFile?: string;
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Bring the metric components up to date in the load's own transaction, with these settings: only the local
   * days the load touched when it replaced a bounded share of the dataset, else all components read from it.
   * Without it, components are left to the caller.
   */
  readonly components?: ComponentSettings;
}

export interface ImportSummary {
  readonly dataset: string;
  readonly batchId: number | null;
  /** True when the same files were already loaded with the same mapping: nothing was changed. */
  readonly alreadyLoaded: boolean;
  readonly read: number;
  readonly loaded: number;
  readonly rejected: number;
  readonly excluded: number;
  readonly excludedBy: Readonly<Record<string, number>>;
  readonly problems: readonly RowProblem[];
  readonly rejectsFile: string | null;
  readonly seconds: number;
  /** How the metric components were brought up to date, when `components` was given and the load changed rows. */
  readonly components?: ComponentUpdate & { readonly seconds: number };
}

/** A load refused because of bad rows. Nothing was written. */
export class ImportError extends Error {
  constructor(
    readonly problems: readonly RowProblem[],
    readonly total: number,
  ) {
    const shown = problems.slice(0, 20).map(describeProblem);
    super(
      `${total} row problem${total === 1 ? "" : "s"}; nothing was loaded:\n  ${shown.join("\n  ")}${total > shown.length ? `\n  … and ${total - shown.length} more (use --on-error quarantine to load the good rows and write the rest to a rejects file)` : ""}`,
    );
    this.name = "ImportError";
  }
}

export const describeProblem = (p: RowProblem) =>
  p.field === "(line)"
    ? `${p.file}:${p.line}: expected ${p.expected}`
    : `${p.file}:${p.line}: ${p.field}: ${p.value === "" ? "empty" : `"${p.value}"`}, expected ${p.expected}`;

// Staging keeps to three portable types; the merge casts to the canonical ones.
const STAGE_TYPE = (c: Column) =>
  c.type === "boolean" ? "BOOLEAN" : c.type === "text" || c.type === "date" ? "VARCHAR" : "DOUBLE";
const CAST = (name: string, c: Column) =>
  c.type === "timestamp"
    ? `to_timestamp(${name})`
    : c.type === "integer"
      ? `CAST(${name} AS BIGINT)`
      : c.type === "decimal"
        ? `CAST(${name} AS DECIMAL(18,4))`
        : c.type === "date"
          ? `CAST(${name} AS DATE)`
          : name;

export async function importFiles(warehouse: Warehouse, options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const { mapping, files } = options;
  const table = mapping.table;
  const columns = Object.entries(table.columns);
  const mapped = new Map(mapping.columns.map((c) => [c.name, c]));

  const fingerprint = createHash("sha256").update(mapping.text);
  for (const file of files) fingerprint.update(readFileSync(file));
  const print = fingerprint.digest("hex");
  const previous = await warehouse.all<{ batch_id: number }>(
    "SELECT batch_id FROM import_batches WHERE dataset = $1 AND fingerprint = $2",
    [table.name, print],
  );
  if (previous.length > 0) {
    return {
      dataset: table.name,
      batchId: previous[0]!.batch_id,
      alreadyLoaded: true,
      read: 0,
      loaded: 0,
      rejected: 0,
      excluded: 0,
      excludedBy: {},
      problems: [],
      rejectsFile: null,
      seconds: (Date.now() - started) / 1000,
    };
  }

  const rows: Value[][] = [];
  const problems: RowProblem[] = [];
  const rejects: { file: string; line: number; problems: RowProblem[]; values: Record<string, unknown> }[] = [];
  const excludedBy: Record<string, number> = {};
  const keys = new Map<string, { at: string; index: number; order: number | string | undefined }>();
  let read = 0;
  let excluded = 0;

  for (const [index, file] of files.entries()) {
    const name = basename(file);
    const reader = readRecords(file, {
      ...(mapping.source.format ? { format: mapping.source.format } : {}),
      ...(mapping.source.delimiter ? { delimiter: mapping.source.delimiter } : {}),
      onProgress: (bytes, total) => options.onProgress?.(index + bytes / Math.max(total, 1), files.length),
    });
    for await (const record of reader) {
      read++;
      const rowProblems: RowProblem[] = [];
      const problem = (field: string, value: unknown, expected: string) =>
        rowProblems.push({
          file: name,
          line: record.line,
          field,
          value: value === null || value === undefined ? "" : String(value),
          expected,
        });
      if (record.problem) {
        problem("(line)", "", `a record like the header, but the line ${record.problem}`);
      } else {
        const reason = exclusion(mapping, record.values, problem);
        if (reason !== undefined) {
          excluded++;
          excludedBy[reason] = (excludedBy[reason] ?? 0) + 1;
          continue;
        }
        const row: Value[] = [];
        // Timestamps without an offset are local time of the row's own zone when it has one.
        let zone = mapping.timezone;
        for (const [name, column] of columns) {
          const rule = mapped.get(name);
          let raw: unknown = null;
          if (rule) {
            try {
              raw = rule.extract(record.values);
            } catch (error) {
              problem(name, "", `a value from ${rule.source}: ${(error as Error).message}`);
              continue;
            }
          }
          const parsed = parseValue(typeof raw === "string" ? raw.trim() : raw, column, {
            zone,
            ...(rule?.format ? { format: rule.format } : {}),
            ...(rule?.duration ? { duration: rule.duration } : {}),
          });
          if (parsed.ok && name === "time_zone" && typeof parsed.value === "string") {
            if (!isZone(parsed.value)) {
              problem(name, raw, "an IANA time zone such as Europe/London");
              continue;
            }
            zone = parsed.value;
          }
          if (parsed.ok) row.push(parsed.value);
          else problem(rule && rule.source !== name ? `${name} (from ${rule.source})` : name, raw, parsed.expected);
        }
        const latest = mapping.keepLatest;
        const order = latest && rowProblems.length === 0 ? orderOf(latest.order, record.values, problem) : undefined;
        if (rowProblems.length === 0) {
          const key = table.naturalKey.map((k) => row[columns.findIndex(([n]) => n === k)]).join("\u0000");
          const first = keys.get(key);
          const at = `${name}:${record.line}`;
          if (!first) {
            keys.set(key, { at, index: rows.length, order });
            rows.push(row);
          } else if (!latest) {
            problem(
              table.naturalKey.join("+"),
              key.replaceAll("\u0000", "+"),
              `a unique key, but ${first.at} has it too`,
            );
          } else if (typeof order !== typeof first.order) {
            problem("(keep_latest)", order, `a ${typeof first.order} to order by, as ${first.at} has`);
          } else {
            // Of rows with one key, the greatest order wins, the later row on a tie; the other counts as excluded.
            excluded++;
            excludedBy[latest.reason] = (excludedBy[latest.reason] ?? 0) + 1;
            if ((order ?? 0) >= (first.order ?? 0)) {
              keys.set(key, { at, index: first.index, order });
              rows[first.index] = row;
            }
          }
        }
      }
      if (rowProblems.length > 0) {
        problems.push(...rowProblems);
        rejects.push({ file: name, line: record.line, problems: rowProblems, values: record.values });
      }
    }
  }

  if (problems.length > 0 && (options.onError ?? "fail") === "fail") throw new ImportError(problems, problems.length);
  const rejectsFile = rejects.length > 0 ? (options.rejectsFile ?? `${table.name}.rejects.csv`) : null;
  if (rejectsFile) writeRejects(rejectsFile, rejects);

  let components: ImportSummary["components"];
  const batchId = await warehouse.transaction(async () => {
    const [{ id }] = (await warehouse.all<{ id: number }>("SELECT nextval('batch_ids') AS id")) as [{ id: number }];
    await warehouse.run("DROP TABLE IF EXISTS import_stage");
    await warehouse.run(
      `CREATE TEMP TABLE import_stage (${columns.map(([n, c]) => `${n} ${STAGE_TYPE(c)}`).join(", ")})`,
    );
    const appender = await warehouse.connection.createAppender("import_stage", "main", "temp");
    for (const row of rows) {
      for (const [i, [, column]] of columns.entries()) {
        const value = row[i];
        if (value === null || value === undefined) appender.appendNull();
        else if (column.type === "boolean") appender.appendBoolean(value as boolean);
        else if (STAGE_TYPE(column) === "VARCHAR") appender.appendVarchar(String(value));
        else appender.appendDouble(value as number);
      }
      appender.endRow();
    }
    appender.closeSync();
    const key = table.naturalKey.join(", ");
    const stagedKey = table.naturalKey.map((k) => CAST(k, table.columns[k]!)).join(", ");
    const replacing = `FROM ${table.name} WHERE (${key}) IN (SELECT ${stagedKey} FROM import_stage)`;
    // A load that replaces a small share of the dataset updates the components of the days it touched; the
    // rows it replaces are kept aside for that, as their days count as touched too.
    const byDay = options.components !== undefined && (await boundedShare(warehouse, table.name, rows.length));
    if (byDay) await warehouse.run(`CREATE OR REPLACE TEMP TABLE import_replaced AS SELECT * ${replacing}`);
    await warehouse.run(`DELETE ${replacing}`);
    await warehouse.run(
      `INSERT INTO ${table.name} (${columns.map(([n]) => n).join(", ")}, batch_id) SELECT ${columns.map(([n, c]) => CAST(n, c)).join(", ")}, ${id} FROM import_stage`,
    );
    await warehouse.run("DROP TABLE import_stage");
    if (options.components) {
      const started = performance.now();
      const change = { dataset: table.name, batchId: id, ...(byDay ? { replaced: "import_replaced" } : {}) };
      const update = await updateComponents(warehouse, change, options.components);
      components = { ...update, seconds: (performance.now() - started) / 1000 };
      await warehouse.run("DROP TABLE IF EXISTS import_replaced");
    }
    await warehouse.run(
      "INSERT INTO import_batches VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, to_timestamp($10), $11)",
      [
        id,
        table.name,
        files.map((f) => basename(f)).join(", "),
        mapping.file ? basename(mapping.file) : null,
        print,
        read,
        rows.length,
        rejects.length,
        excluded,
        started / 1000,
        (Date.now() - started) / 1000,
      ],
    );
    return id;
  });

  return {
    dataset: table.name,
    batchId,
    alreadyLoaded: false,
    read,
    loaded: rows.length,
    rejected: rejects.length,
    excluded,
    excludedBy,
    problems,
    rejectsFile,
    seconds: (Date.now() - started) / 1000,
    ...(components ? { components } : {}),
  };
}

/**
 * Loads of up to this share of the dataset (rows loaded over rows there after the load) update components day
 * by day; larger ones rebuild them, which is then as fast and needs no copy of the replaced rows.
 */
const BY_DAY_SHARE = 0.2;

async function boundedShare(warehouse: Warehouse, table: string, loaded: number): Promise<boolean> {
  const [row] = await warehouse.all<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return loaded <= BY_DAY_SHARE * ((row?.n ?? 0) + loaded);
}

function exclusion(
  mapping: Mapping,
  values: Record<string, unknown>,
  problem: (f: string, v: unknown, e: string) => void,
) {
  for (const rule of mapping.exclude) {
    try {
      if (rule.test(values) === true) return rule.reason;
    } catch (error) {
      problem("(exclude)", "", `a row the rule "${rule.reason}" can read: ${(error as Error).message}`);
      return undefined;
    }
  }
  return undefined;
}

/** The value `keep_latest` orders rows of one key by: a number or text. */
function orderOf(
  order: (record: Record<string, unknown>) => unknown,
  values: Record<string, unknown>,
  problem: (f: string, v: unknown, e: string) => void,
) {
  let value: unknown;
  try {
    value = order(values);
  } catch (error) {
    problem("(keep_latest)", "", `a value to order by: ${(error as Error).message}`);
    return undefined;
  }
  if ((typeof value === "number" && !Number.isNaN(value)) || typeof value === "string") return value;
  problem("(keep_latest)", value, "a number or text to order by");
  return undefined;
}

const csvField = (value: unknown) => {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

function writeRejects(
  file: string,
  rejects: readonly { file: string; line: number; problems: RowProblem[]; values: Record<string, unknown> }[],
) {
  const lines = ["file,line,problems,record"];
  for (const r of rejects) {
    lines.push(
      [r.file, r.line, r.problems.map(describeProblem).join("; "), JSON.stringify(r.values)].map(csvField).join(","),
    );
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
}
