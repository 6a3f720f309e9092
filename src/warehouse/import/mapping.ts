/**
 * Mappings: how a source export's columns become a canonical dataset. Written in YAML; see
 * `examples/mappings/README.md` for the format.
 */
import { readFileSync } from "node:fs";
import { compileExpression } from "filtrex";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { Table } from "../schema/define.ts";
import { DATASETS } from "../schema/tables.ts";

const ColumnRule = z.union([
  z.string().min(1),
  z
    .object({
      /** Source column to take the value from. */
      from: z.string().min(1).optional(),
      /** Expression over source columns (filtrex syntax plus concat, num, text, blank). */
      expr: z.string().min(1).optional(),
      /** A fixed value. */
      value: z.union([z.string(), z.number(), z.boolean()]).optional(),
      /** Timestamp or date format (Luxon tokens), e.g. `yyMMdd H:mm:ss`. */
      format: z.string().min(1).optional(),
      /** Durations written as `H:MM:SS` (clock) rather than seconds. */
      duration: z.enum(["seconds", "clock"]).optional(),
    })
    .refine((r) => [r.from, r.expr, r.value].filter((x) => x !== undefined).length === 1, {
      message: "give exactly one of from, expr or value",
    }),
]);

export const MappingFile = z.object({
  dataset: z.string().refine((d) => d in DATASETS, { message: `one of ${Object.keys(DATASETS).join(", ")}` }),
  description: z.string().optional(),
  /** Source file options; detected when absent. */
  source: z
    .object({
      format: z.enum(["csv", "json", "ndjson", "parquet"]).optional(),
      delimiter: z.string().length(1).optional(),
    })
    .default({}),
  /** IANA zone of timestamps that carry no offset. */
  timezone: z.string().default("UTC"),
  /** Rows to leave out, each with the reason counted in the summary. Evaluated in order. */
  exclude: z.array(z.object({ when: z.string().min(1), reason: z.string().min(1) })).default([]),
  /**
   * Rows that map to the same natural key (an event log): keep the one whose `by` is greatest, the later row
   * on a tie, and count the others as excluded under `reason`. Without it, a key twice in one load is an error.
   */
  keep_latest: z.object({ by: z.string().min(1), reason: z.string().min(1) }).optional(),
  /** Canonical column → rule. A bare string is the source column name. */
  columns: z.record(z.string(), ColumnRule),
});
export type MappingFile = z.infer<typeof MappingFile>;

export interface CompiledColumn {
  readonly name: string;
  readonly extract: (record: Record<string, unknown>) => unknown;
  /** Source column, for error messages. */
  readonly source: string;
  /** The source column, when the rule takes it as it is (a rename): bulk loads read such columns in SQL. */
  readonly from?: string;
  readonly format?: string;
  readonly duration?: "seconds" | "clock";
}

export interface Mapping {
  readonly table: Table;
  readonly file?: string;
  readonly timezone: string;
  readonly source: MappingFile["source"];
  readonly exclude: readonly { test: (record: Record<string, unknown>) => boolean; reason: string }[];
  /** Of rows with the same natural key, keep the one with the greatest `order` (see `keep_latest`). */
  readonly keepLatest?: { readonly order: (record: Record<string, unknown>) => unknown; readonly reason: string };
  readonly columns: readonly CompiledColumn[];
  /** The mapping's text, for fingerprints of repeated loads. */
  readonly text: string;
}

const functions = {
  concat: (...parts: unknown[]) => parts.map((p) => (p === null || p === undefined ? "" : String(p))).join(""),
  num: (x: unknown) => (x === null || x === undefined || x === "" ? null : Number(x)),
  text: (x: unknown) => (x === null || x === undefined ? null : String(x)),
  blank: (x: unknown) => x === null || x === undefined || x === "",
};

function compile(expression: string, where: string) {
  try {
    const fn = compileExpression(expression, {
      extraFunctions: functions,
      constants: { null: null, true: true, false: false },
      customProp: (name: string, get: (n: string) => unknown, record: Record<string, unknown>) => {
        if (!(name in record)) throw new Error(`no source column "${name}"`);
        return get(name) === "" ? null : get(name);
      },
    });
    return (record: Record<string, unknown>) => {
      const result = fn(record);
      if (result instanceof Error) throw result;
      return result;
    };
  } catch (error) {
    throw new Error(`${where}: cannot read the expression "${expression}": ${(error as Error).message}`);
  }
}

/** The identity mapping of a dataset: source columns named as the canonical ones, ISO timestamps. */
export function identityMapping(dataset: string): Mapping {
  const table = DATASETS[dataset];
  if (!table) throw new Error(`no dataset "${dataset}": one of ${Object.keys(DATASETS).join(", ")}`);
  return {
    table,
    timezone: "UTC",
    source: {},
    exclude: [],
    columns: Object.keys(table.columns).map((name) => ({ name, source: name, from: name, extract: (r) => r[name] })),
    text: `identity:${dataset}`,
  };
}

/** Reads and compiles a mapping file. Errors name the file and the place in it. */
export function loadMapping(file: string): Mapping {
  const text = readFileSync(file, "utf8");
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new Error(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  const parsed = MappingFile.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
    );
  }
  const m = parsed.data;
  const table = DATASETS[m.dataset]!;
  for (const name of Object.keys(m.columns)) {
    if (!(name in table.columns)) throw new Error(`${file}: columns.${name}: ${m.dataset} has no column "${name}"`);
  }
  for (const [name, c] of Object.entries(table.columns)) {
    if (c.required && !(name in m.columns))
      throw new Error(`${file}: columns: required column "${name}" is not mapped`);
  }
  return {
    table,
    file,
    timezone: m.timezone,
    source: m.source,
    text,
    exclude: m.exclude.map((e, i) => ({ test: compile(e.when, `${file}: exclude[${i}].when`), reason: e.reason })),
    ...(m.keep_latest
      ? { keepLatest: { order: compile(m.keep_latest.by, `${file}: keep_latest.by`), reason: m.keep_latest.reason } }
      : {}),
    columns: Object.entries(m.columns).map(([name, rule]): CompiledColumn => {
      if (typeof rule === "string") return { name, source: rule, from: rule, extract: (r) => r[rule] };
      const base = {
        name,
        ...(rule.format ? { format: rule.format } : {}),
        ...(rule.duration ? { duration: rule.duration } : {}),
      };
      if (rule.from !== undefined) {
        const from = rule.from;
        return { ...base, source: from, from, extract: (r) => r[from] };
      }
      if (rule.expr !== undefined)
        return { ...base, source: rule.expr, extract: compile(rule.expr, `${file}: columns.${name}.expr`) };
      const value = rule.value;
      return { ...base, source: "(constant)", extract: () => value };
    }),
  };
}
