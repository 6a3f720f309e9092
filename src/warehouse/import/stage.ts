/**
 * The staging table of a load. Validated rows are appended as they are read, so memory stays flat however
 * large the files are; natural keys repeated within the load are then found in SQL, once every row is in.
 *
 * Staging keeps to three portable types (text, double, boolean); the merge into the canonical table casts.
 * Each row also carries where it came from (`_file`, the index of its file, and `_line`) and, for mappings
 * that keep the latest row of a key, the value it is ordered by (`_order_num` or `_order_text`).
 */
import type { DuckDBAppender } from "@duckdb/node-api";
import type { Column, Table } from "../schema/define.ts";
import type { Warehouse } from "../warehouse.ts";
import type { Value } from "./values.ts";

export const stageType = (c: Column) =>
  c.type === "boolean" ? "BOOLEAN" : c.type === "text" || c.type === "date" ? "VARCHAR" : "DOUBLE";

/** A staged row whose natural key an earlier row of the load already has. */
export interface Repeat {
  readonly file: number;
  readonly line: number;
  /** The key's values. */
  readonly key: readonly unknown[];
  readonly firstFile: number;
  readonly firstLine: number;
  /** With `keep_latest`: this row's order and whether the first row's order is a number. */
  readonly order: number | string | null;
  readonly firstNumeric: boolean;
  /** The staged row's canonical values, for a rejects file. */
  readonly values: Record<string, unknown>;
}

const NAME = "import_stage";

export class Stage {
  private rows = 0;
  private finished = false;

  private constructor(
    private readonly warehouse: Warehouse,
    private readonly table: Table,
    private readonly ordered: boolean,
    private readonly appender: DuckDBAppender,
  ) {}

  /** Creates an empty staging table for `table` (a temporary one: gone if the process dies). */
  static async open(warehouse: Warehouse, table: Table, ordered: boolean): Promise<Stage> {
    const columns = Object.entries(table.columns).map(([n, c]) => `${n} ${stageType(c)}`);
    columns.push("_file INTEGER", "_line DOUBLE");
    if (ordered) columns.push("_order_num DOUBLE", "_order_text VARCHAR");
    await warehouse.run(`DROP TABLE IF EXISTS ${NAME}`);
    await warehouse.run(`CREATE TEMP TABLE ${NAME} (${columns.join(", ")})`);
    const appender = await warehouse.connection.createAppender(NAME, "main", "temp");
    return new Stage(warehouse, table, ordered, appender);
  }

  /** The name to read staged rows from. */
  get name(): string {
    return NAME;
  }

  /** Appends one validated row, in the order of the table's columns. */
  append(row: readonly Value[], file: number, line: number, order?: number | string): void {
    const a = this.appender;
    let i = 0;
    for (const column of Object.values(this.table.columns)) {
      const value = row[i++];
      if (value === null || value === undefined) a.appendNull();
      else if (column.type === "boolean") a.appendBoolean(value as boolean);
      else if (stageType(column) === "VARCHAR") a.appendVarchar(String(value));
      else a.appendDouble(value as number);
    }
    a.appendInteger(file);
    a.appendDouble(line);
    if (this.ordered) {
      if (typeof order === "number") a.appendDouble(order);
      else a.appendNull();
      if (typeof order === "string") a.appendVarchar(order);
      else a.appendNull();
    }
    a.endRow();
    this.rows++;
  }

  /** Stages the rows of a query (canonical columns in order, then file index and line). Returns how many. */
  async insert(select: string): Promise<number> {
    this.appender.flushSync();
    const result = await this.warehouse.connection.run(`INSERT INTO ${NAME} ${select}`);
    this.rows += result.rowsChanged;
    return result.rowsChanged;
  }

  /** Writes what the appender holds; call once every row is appended. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.appender.closeSync();
  }

  private get key(): string {
    return this.table.naturalKey.join(", ");
  }

  /** Rows whose natural key an earlier row (by file, then line) already has, in file and line order. */
  async repeats(): Promise<Repeat[]> {
    if (this.rows < 2) return [];
    const key = this.key;
    const rows = await this.warehouse.all<Record<string, unknown>>(
      `WITH repeated AS (SELECT ${key} FROM ${NAME} GROUP BY ${key} HAVING count(*) > 1)
       SELECT * FROM (
         SELECT s.*, row_number() OVER w AS _nth, first_value(_file) OVER w AS _first_file,
           first_value(_line) OVER w AS _first_line
           ${this.ordered ? ", first_value(_order_num IS NOT NULL) OVER w AS _first_numeric" : ""}
         FROM ${NAME} s SEMI JOIN repeated USING (${key})
         WINDOW w AS (PARTITION BY ${key} ORDER BY _file, _line)
       ) WHERE _nth > 1 ORDER BY _file, _line`,
    );
    const names = Object.keys(this.table.columns);
    return rows.map((r) => ({
      file: r._file as number,
      line: r._line as number,
      key: this.table.naturalKey.map((k) => r[k]),
      firstFile: r._first_file as number,
      firstLine: r._first_line as number,
      order: (r._order_num ?? r._order_text ?? null) as number | string | null,
      firstNumeric: r._first_numeric === true,
      values: Object.fromEntries(names.map((n) => [n, r[n]])),
    }));
  }

  /** Removes rows by where they came from. */
  async remove(rows: readonly { file: number; line: number }[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 10_000) {
      const list = rows
        .slice(i, i + 10_000)
        .map((r) => `(${r.file}, ${r.line})`)
        .join(", ");
      await this.warehouse.run(`DELETE FROM ${NAME} WHERE (_file, _line) IN (${list})`);
    }
  }

  /**
   * Of the rows of each key, keeps the one with the greatest order, the later row on a tie, and removes the
   * others. Returns how many were removed.
   */
  async keepLatest(): Promise<number> {
    const result = await this.warehouse.connection.run(
      `DELETE FROM ${NAME} WHERE (_file, _line) IN (
         SELECT _file, _line FROM ${NAME}
         QUALIFY row_number() OVER (
           PARTITION BY ${this.key} ORDER BY _order_num DESC, _order_text DESC, _file DESC, _line DESC) > 1)`,
    );
    return result.rowsChanged;
  }

  /** Rows staged now. */
  async count(): Promise<number> {
    const [row] = await this.warehouse.all<{ n: number }>(`SELECT count(*) AS n FROM ${NAME}`);
    return row?.n ?? 0;
  }

  async drop(): Promise<void> {
    this.finish();
    await this.warehouse.run(`DROP TABLE IF EXISTS ${NAME}`);
  }
}
