/**
 * Bulk loading of typed Parquet. A Parquet column already typed like its canonical column (text as VARCHAR,
 * numbers as integers or doubles, instants as timestamps …) reads to the same value in SQL as through the
 * row-by-row path, so DuckDB can check and stage the rows that are certainly valid in one INSERT … SELECT. The
 * other rows, usually none, go through the row-by-row path, which stays the one judge of problems and of how
 * they are reported.
 *
 * A mapping qualifies when it has no exclusions and no keep_latest and each column is a plain rename (no
 * expression, constant, format or duration); a file, when each mapped source column has a type listed below.
 * Anything else is read row by row, as before: the bulk path only ever makes a load faster.
 */
import type { Column } from "../schema/define.ts";
import type { Warehouse } from "../warehouse.ts";
import type { Mapping } from "./mapping.ts";
import { detectFormat } from "./readers.ts";
import { isZone } from "./timestamps.ts";

/** How one Parquet file is staged in bulk. */
export interface BulkPlan {
  /** One SQL expression over the source columns per canonical column, in order: the value staged. */
  readonly staged: readonly string[];
  /** A condition, never null, met by exactly the rows the row-by-row path would load without a problem. */
  readonly valid: string;
  /** Rows in the file. */
  readonly rows: number;
}

const INTEGERS = ["TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"];

/** Whether a Parquet type reads to the value the row path would give for a column. */
function accepts(column: Column, type: string): boolean {
  switch (column.type) {
    case "text":
      return type === "VARCHAR";
    case "integer":
    case "double":
      return INTEGERS.includes(type) || type === "FLOAT" || type === "DOUBLE";
    case "decimal":
      // Decimals are staged as doubles and stored back as DECIMAL(18,4), so both paths store the same value.
      return INTEGERS.includes(type) || type === "FLOAT" || type === "DOUBLE" || type.startsWith("DECIMAL");
    case "boolean":
      return type === "BOOLEAN";
    case "timestamp":
      // A timestamp without a zone reads as UTC on both paths.
      return type === "TIMESTAMP WITH TIME ZONE" || type === "TIMESTAMP";
    case "date":
      return type === "DATE";
  }
}

/** Code points above 32 that JavaScript's trim() removes (it removes every one up to 32 that is a space too). */
const SPACES = [160, 5760, ...Array.from({ length: 11 }, (_, i) => 8192 + i), 8232, 8233, 8239, 8287, 12288, 65279];
/** A character nothing trims: a text starting or ending otherwise goes row by row, which trims it. */
const solid = (char: string) => `(ascii(${char}) > 32 AND ascii(${char}) NOT IN (${SPACES.join(", ")}))`;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
/**
 * Instants and dates of the years 1000 to 9999, which print as ISO 8601 with four digits as the row path reads
 * them. Compared as values: year() of an instant converts it to the session's zone, which costs far more.
 */
const ordinaryYear = (src: string, type: string) => {
  const [from, to] =
    type === "DATE"
      ? ["DATE '1000-01-01'", "DATE '9999-12-31'"]
      : type === "TIMESTAMP"
        ? ["TIMESTAMP '1000-01-01 00:00:00'", "TIMESTAMP '9999-12-31 23:59:59.999999'"]
        : ["TIMESTAMPTZ '1000-01-01 00:00:00+00'", "TIMESTAMPTZ '9999-12-31 23:59:59.999999+00'"];
  return `${src} BETWEEN ${from} AND ${to}`;
};

/** The bulk plan for `file`, or undefined when the mapping or the file's column types need the row-by-row path. */
export async function bulkPlan(warehouse: Warehouse, mapping: Mapping, file: string): Promise<BulkPlan | undefined> {
  if ((mapping.source.format ?? detectFormat(file)) !== "parquet") return undefined;
  if (mapping.exclude.length > 0 || mapping.keepLatest) return undefined;
  const described = await warehouse.all<{ column_name: string; column_type: string }>(
    `DESCRIBE SELECT * FROM read_parquet(${literal(file)})`,
  );
  const types = new Map(described.map((d) => [d.column_name, d.column_type]));
  const rules = new Map(mapping.columns.map((c) => [c.name, c]));
  const staged: string[] = [];
  const valid: string[] = [];
  for (const [name, column] of Object.entries(mapping.table.columns)) {
    const rule = rules.get(name);
    const type = rule?.from === undefined ? undefined : types.get(rule.from);
    if (rule && (rule.from === undefined || rule.format || rule.duration)) return undefined;
    if (!rule || type === undefined) {
      // Not mapped, or not in the file: empty on both paths.
      staged.push("NULL");
      valid.push(column.required ? "false" : "true");
      continue;
    }
    if (!accepts(column, type)) return undefined;
    const src = ident(rule.from!);
    const empty = column.required ? "false" : "true";
    if (column.type === "text") {
      let check = `${solid(src)} AND ${solid(`${src}[-1]`)}`;
      if (column.values) check = `${src} IN (${column.values.map(literal).join(", ")})`;
      if (name === "time_zone") {
        const zones = await warehouse.all<{ zone: string }>(
          `SELECT DISTINCT ${src} AS zone FROM read_parquet(${literal(file)}) WHERE ${src} IS NOT NULL`,
        );
        const known = zones.map((z) => z.zone).filter(isZone);
        check = known.length ? `${src} IN (${known.map(literal).join(", ")})` : "false";
      }
      staged.push(`nullif(${src}, '')`);
      valid.push(`CASE WHEN ${src} IS NULL OR ${src} = '' THEN ${empty} ELSE ${check} END`);
    } else if (column.type === "boolean") {
      staged.push(src);
      valid.push(`CASE WHEN ${src} IS NULL THEN ${empty} ELSE true END`);
    } else if (column.type === "timestamp") {
      // Milliseconds, truncated toward zero, as a JavaScript Date holds them.
      staged.push(`CAST(epoch_ms(${src}) AS DOUBLE) / 1000`);
      valid.push(`CASE WHEN ${src} IS NULL THEN ${empty} ELSE ${ordinaryYear(src, type)} END`);
    } else if (column.type === "date") {
      staged.push(`strftime(${src}, '%Y-%m-%d')`);
      valid.push(`CASE WHEN ${src} IS NULL THEN ${empty} ELSE ${ordinaryYear(src, type)} END`);
    } else {
      const number = `CAST(${src} AS DOUBLE)`;
      const whole = column.type === "integer" ? ` AND ${number} = trunc(${number})` : "";
      staged.push(number);
      valid.push(`CASE WHEN ${src} IS NULL THEN ${empty} ELSE isfinite(${number})${whole} END`);
    }
  }
  const [count] = await warehouse.all<{ n: number }>(`SELECT count(*) AS n FROM read_parquet(${literal(file)})`);
  return { staged, valid: valid.map((v) => `(${v})`).join(" AND "), rows: count?.n ?? 0 };
}
