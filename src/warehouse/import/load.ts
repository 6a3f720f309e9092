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
import { closeSync, createReadStream, openSync, writeSync } from "node:fs";
import { basename } from "node:path";
import type { ComponentSettings } from "../metrics/components/index.ts";
import { type ComponentUpdate, updateComponents } from "../metrics/compute.ts";
import type { Column } from "../schema/define.ts";
import type { Warehouse } from "../warehouse.ts";
import { bulkPlan } from "./bulk.ts";
import type { Mapping } from "./mapping.ts";
import { readRecords } from "./readers.ts";
import { Stage } from "./stage.ts";
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

/** Row problems a summary or error keeps in full; all of them are counted. */
const KEPT_PROBLEMS = 1000;

/**
 * Loads `files` into the mapping's dataset. Rows are validated and staged as they are read (memory stays flat
 * for files of any size); keys repeated within the load are then resolved, and the staged rows replace the
 * dataset's rows of the same keys in one transaction.
 */
export async function importFiles(warehouse: Warehouse, options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const { mapping, files } = options;
  const table = mapping.table;
  const columns = Object.entries(table.columns);
  const mapped = new Map(mapping.columns.map((c) => [c.name, c]));
  const quarantine = options.onError === "quarantine";

  const print = await fingerprint(mapping.text, files);
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

  const problems: RowProblem[] = [];
  let problemCount = 0;
  const rejects = new Rejects(options.rejectsFile ?? `${table.name}.rejects.csv`);
  /** A rejected row: its problems are reported, and in quarantine it goes to the rejects file. */
  const reject = (file: string, line: number, rowProblems: RowProblem[], values: Record<string, unknown>) => {
    problemCount += rowProblems.length;
    problems.push(...rowProblems.slice(0, Math.max(0, KEPT_PROBLEMS - problems.length)));
    if (quarantine) rejects.write(file, line, rowProblems, values);
  };
  const excludedBy: Record<string, number> = {};
  let read = 0;
  let excluded = 0;
  const latest = mapping.keepLatest;
  const stage = await Stage.open(warehouse, table, latest !== undefined);

  try {
    for (const [index, file] of files.entries()) {
      const name = basename(file);
      // Typed Parquet: the rows DuckDB finds certainly valid are staged in bulk, the others read row by row.
      const bulk = await bulkPlan(warehouse, mapping, file);
      if (bulk) {
        const staged = await stage.insert(
          `SELECT ${bulk.staged.join(", ")}, ${index}, file_row_number + 1
           FROM read_parquet('${file.replaceAll("'", "''")}', file_row_number = true) WHERE ${bulk.valid}`,
        );
        read += staged;
        if (staged === bulk.rows) continue;
      }
      const reader = readRecords(file, {
        ...(mapping.source.format ? { format: mapping.source.format } : {}),
        ...(mapping.source.delimiter ? { delimiter: mapping.source.delimiter } : {}),
        ...(bulk ? { where: `NOT (${bulk.valid})` } : {}),
        onProgress: (done, total) => options.onProgress?.(index + done / Math.max(total, 1), files.length),
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
          const order = latest && rowProblems.length === 0 ? orderOf(latest.order, record.values, problem) : undefined;
          // Once a failing load has a problem nothing will be written: the rest is read only to report.
          if (rowProblems.length === 0 && (quarantine || problemCount === 0)) {
            stage.append(row, index, record.line, order);
          }
        }
        if (rowProblems.length > 0) reject(name, record.line, rowProblems, record.values);
      }
    }
    stage.finish();

    // Keys repeated within the load: an error, or with keep_latest the latest row of each key is kept.
    if (problemCount === 0 || quarantine) {
      const at = (file: number, line: number) => `${basename(files[file]!)}:${line}`;
      const refused = (await stage.repeats()).filter(
        (r) => !latest || (typeof r.order === "number") !== r.firstNumeric,
      );
      for (const r of refused) {
        const problem: RowProblem = latest
          ? {
              file: basename(files[r.file]!),
              line: r.line,
              field: "(keep_latest)",
              value: String(r.order),
              expected: `a ${r.firstNumeric ? "number" : "text"} to order by, as ${at(r.firstFile, r.firstLine)} has`,
            }
          : {
              file: basename(files[r.file]!),
              line: r.line,
              field: table.naturalKey.join("+"),
              value: r.key.map(String).join("+"),
              expected: `a unique key, but ${at(r.firstFile, r.firstLine)} has it too`,
            };
        reject(problem.file, problem.line, [problem], r.values);
      }
      if (quarantine) await stage.remove(refused);
      if (latest && (problemCount === 0 || quarantine)) {
        const superseded = await stage.keepLatest();
        excluded += superseded;
        if (superseded > 0) excludedBy[latest.reason] = (excludedBy[latest.reason] ?? 0) + superseded;
      }
    }
    rejects.close();
    if (problemCount > 0 && !quarantine) throw new ImportError(problems, problemCount);
    const loaded = await stage.count();

    let components: ImportSummary["components"];
    const batchId = await warehouse.transaction(async () => {
      const [{ id }] = (await warehouse.all<{ id: number }>("SELECT nextval('batch_ids') AS id")) as [{ id: number }];
      const key = table.naturalKey.join(", ");
      const stagedKey = table.naturalKey.map((k) => CAST(k, table.columns[k]!)).join(", ");
      const replacing = `FROM ${table.name} WHERE (${key}) IN (SELECT ${stagedKey} FROM ${stage.name})`;
      const insert = `INTO ${table.name} (${columns.map(([n]) => n).join(", ")}, batch_id) SELECT ${columns.map(([n, c]) => CAST(n, c)).join(", ")}, ${id} FROM ${stage.name}`;
      // A load that replaces a small share of the dataset updates the components of the days it touched; the
      // rows it replaces are kept aside for that, as their days count as touched too. Such a load also replaces
      // rows in place (a delete costs DuckDB several times more per row); a large one deletes and inserts, as a
      // conflict check per row would cost it more.
      const small = await boundedShare(warehouse, table.name, loaded);
      const byDay = small && options.components !== undefined;
      if (byDay) await warehouse.run(`CREATE OR REPLACE TEMP TABLE import_replaced AS SELECT * ${replacing}`);
      if (small) {
        await warehouse.run(`INSERT OR REPLACE ${insert}`);
      } else {
        await warehouse.run(`DELETE ${replacing}`);
        await warehouse.run(`INSERT ${insert}`);
      }
      await stage.drop();
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
          loaded,
          rejects.rows,
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
      loaded,
      rejected: rejects.rows,
      excluded,
      excludedBy,
      problems,
      rejectsFile: rejects.rows > 0 ? rejects.file : null,
      seconds: (Date.now() - started) / 1000,
      ...(components ? { components } : {}),
    };
  } finally {
    rejects.close();
    await stage.drop();
  }
}

/** The load's fingerprint: the mapping and every file's bytes, read as a stream. */
async function fingerprint(mappingText: string, files: readonly string[]): Promise<string> {
  const hash = createHash("sha256").update(mappingText);
  for (const file of files) {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  }
  return hash.digest("hex");
}

/**
 * Loads of up to this share of the dataset (rows loaded over rows there after the load) replace rows in place
 * and update components day by day; larger ones delete and insert, and rebuild the components they touch.
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

/** The rejects file of a quarantined load, written as rows are rejected and created with the first. */
class Rejects {
  rows = 0;
  private fd: number | undefined;

  constructor(readonly file: string) {}

  write(file: string, line: number, problems: readonly RowProblem[], values: Record<string, unknown>) {
    if (this.fd === undefined) {
      this.fd = openSync(this.file, "w");
      writeSync(this.fd, "file,line,problems,record\n");
    }
    const fields = [file, line, problems.map(describeProblem).join("; "), JSON.stringify(values)];
    writeSync(this.fd, `${fields.map(csvField).join(",")}\n`);
    this.rows++;
  }

  close() {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
