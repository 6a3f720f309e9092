/**
 * The warehouse: one DuckDB file holding the canonical datasets, the import history and the metric components.
 *
 * @example
 * ```ts
 * const warehouse = await Warehouse.open("data/warehouse.duckdb");
 * const rows = await warehouse.all("SELECT count(*) AS n FROM contacts");
 * warehouse.close();
 * ```
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";
import { createTableSql, sqlType } from "./schema/define.ts";
import { DATASETS } from "./schema/tables.ts";

const HISTORY = [
  `CREATE SEQUENCE IF NOT EXISTS batch_ids START 1`,
  `CREATE TABLE IF NOT EXISTS import_batches (
    batch_id BIGINT PRIMARY KEY,
    dataset VARCHAR NOT NULL,
    files VARCHAR NOT NULL,
    mapping VARCHAR,
    fingerprint VARCHAR NOT NULL,
    rows_read BIGINT NOT NULL,
    rows_loaded BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL,
    rows_excluded BIGINT NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    seconds DOUBLE NOT NULL
  )`,
];

export type Row = Record<string, unknown>;

export class Warehouse {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly path: string,
  ) {}

  /** Opens (creating if needed) the warehouse file and brings its schema up to date. `:memory:` for tests. */
  static async open(path: string): Promise<Warehouse> {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    const warehouse = new Warehouse(instance, connection, path);
    // Instants are shown and cut in UTC unless a query converts them to a location's zone.
    await warehouse.run("SET TimeZone = 'UTC'");
    for (const sql of [...HISTORY, ...Object.values(DATASETS).map(createTableSql)]) await warehouse.run(sql);
    await warehouse.addNewColumns();
    return warehouse;
  }

  /**
   * Datasets gain optional columns over time; a warehouse file made before gets them added, empty, so that it
   * keeps loading and computing without being rebuilt.
   */
  private async addNewColumns(): Promise<void> {
    const existing = new Set(
      (
        await this.all<{ name: string }>(
          "SELECT table_name || '.' || column_name AS name FROM information_schema.columns WHERE table_schema = 'main'",
        )
      ).map((c) => c.name),
    );
    for (const table of Object.values(DATASETS)) {
      for (const [name, column] of Object.entries(table.columns)) {
        if (existing.has(`${table.name}.${name}`)) continue;
        if (column.required) {
          throw new Error(
            `${this.path}: table ${table.name} lacks the required column ${name}; rebuild the warehouse from its sources`,
          );
        }
        await this.run(`ALTER TABLE ${table.name} ADD COLUMN ${name} ${sqlType(column)}`);
      }
    }
  }

  async run(sql: string, params?: DuckDBValue[]): Promise<void> {
    await this.connection.run(sql, params);
  }

  /** Rows as plain objects: integers and decimals as numbers, timestamps as ISO strings. */
  async all<T = Row>(sql: string, params?: DuckDBValue[]): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS().map((row) => {
      const out: Row = {};
      for (const [key, value] of Object.entries(row)) out[key] = plain(value);
      return out as T;
    });
  }

  /** Runs `work` in one transaction: all of it lands, or none of it. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.run("BEGIN TRANSACTION");
    try {
      const result = await work();
      await this.run("COMMIT");
      return result;
    } catch (error) {
      await this.run("ROLLBACK");
      throw error;
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  return value;
}
