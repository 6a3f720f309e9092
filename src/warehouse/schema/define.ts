/**
 * Canonical tables as data: one definition gives the DDL, the row validation of importers and the
 * documentation (`cxpm schema`).
 */

export type ColumnType = "text" | "integer" | "double" | "boolean" | "timestamp" | "date" | "decimal";

export interface Column {
  readonly type: ColumnType;
  readonly required: boolean;
  readonly description: string;
  /** Unit of a number (seconds, currency…), shown in the documentation. */
  readonly unit?: string;
  /** Allowed values of a text column. */
  readonly values?: readonly string[];
}

export interface Table {
  readonly name: string;
  readonly description: string;
  /** Columns that identify a row; re-loading a row with the same key replaces it. */
  readonly naturalKey: readonly string[];
  readonly columns: Readonly<Record<string, Column>>;
}

type ColumnOptions = Omit<Column, "type" | "required"> | string;
const column =
  (type: ColumnType, required: boolean) =>
  (options: ColumnOptions): Column => ({
    type,
    required,
    ...(typeof options === "string" ? { description: options } : options),
  });

/** Column builders: `col.text("…")` is optional, `col.text.required("…")` is not. */
export const col = Object.fromEntries(
  (["text", "integer", "double", "boolean", "timestamp", "date", "decimal"] as const).map((type) => [
    type,
    Object.assign(column(type, false), { required: column(type, true) }),
  ]),
) as Record<ColumnType, ((o: ColumnOptions) => Column) & { required: (o: ColumnOptions) => Column }>;

export function table(definition: Table): Table {
  for (const key of definition.naturalKey) {
    const c = definition.columns[key];
    if (!c?.required) throw new Error(`${definition.name}: natural key column ${key} must be a required column`);
  }
  return definition;
}

const SQL_TYPES: Record<ColumnType, string> = {
  text: "VARCHAR",
  integer: "BIGINT",
  double: "DOUBLE",
  boolean: "BOOLEAN",
  // Instants are stored in UTC; the row's time zone says how to cut local days and intervals.
  timestamp: "TIMESTAMPTZ",
  date: "DATE",
  decimal: "DECIMAL(18,4)",
};

export const sqlType = (c: Column) => SQL_TYPES[c.type];

/** CREATE TABLE for a canonical table, with the import batch that loaded each row. */
export function createTableSql(t: Table): string {
  const columns = Object.entries(t.columns).map(
    ([name, c]) => `  ${name} ${sqlType(c)}${c.required ? " NOT NULL" : ""}`,
  );
  return `CREATE TABLE IF NOT EXISTS ${t.name} (\n${[...columns, "  batch_id BIGINT NOT NULL", `  PRIMARY KEY (${t.naturalKey.join(", ")})`].join(",\n")}\n)`;
}
