/**
 * Reading source files as records with the line each came from: CSV/TSV, JSON, NDJSON and Parquet.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { DuckDBInstance, DuckDBTypeId } from "@duckdb/node-api";
import { parse as parseCsv } from "csv-parse";

export type SourceFormat = "csv" | "json" | "ndjson" | "parquet";

export interface SourceRecord {
  /** 1-based line in the file (CSV, NDJSON), element number (JSON array) or row number (Parquet). */
  readonly line: number;
  readonly values: Record<string, unknown>;
  /** Set when the line could not be read as a record (e.g. the wrong number of fields). */
  readonly problem?: string;
}

export interface ReadOptions {
  readonly format?: SourceFormat;
  readonly delimiter?: string;
  /** Parquet only: a SQL condition on the source columns; rows that do not meet it are skipped. */
  readonly where?: string;
  /** Called with how much is read so far and the total, for progress: bytes, or rows for Parquet. */
  readonly onProgress?: (bytes: number, total: number) => void;
}

export function detectFormat(file: string): SourceFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith(".parquet")) return "parquet";
  if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) return "ndjson";
  if (lower.endsWith(".json")) return "json";
  return "csv";
}

/** Picks the delimiter that splits the header line into the most fields: tab, comma, semicolon or pipe. */
export function detectDelimiter(file: string): string {
  const fd = openSync(file, "r");
  const buffer = Buffer.alloc(64 * 1024);
  const bytes = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  const header = buffer.subarray(0, bytes).toString("utf8").split(/\r?\n/)[0] ?? "";
  const counts = ["\t", ",", ";", "|"].map((d) => [d, header.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** The records of a file, in order. */
export async function* readRecords(file: string, options: ReadOptions = {}): AsyncGenerator<SourceRecord> {
  const format = options.format ?? detectFormat(file);
  const total = statSync(file).size;
  if (format === "parquet") {
    // Progress in rows rather than bytes: Parquet is read by row groups.
    yield* readParquet(file, options.where ?? "true", options.onProgress);
    return;
  }
  const stream = createReadStream(file);
  let bytes = 0;
  stream.on("data", (chunk) => {
    bytes += chunk.length;
    options.onProgress?.(bytes, total);
  });
  if (format === "csv") {
    const parser = stream.pipe(
      parseCsv({
        delimiter: options.delimiter ?? detectDelimiter(file),
        bom: true,
        columns: (header: string[]) => header.map((h) => h.trim()),
        info: true,
        trim: true,
        skip_empty_lines: true,
        // A line with the wrong number of fields becomes a record with a problem, not the end of the load.
        relax_column_count: true,
      }),
    );
    // invalid_field_length counts the malformed records so far: a rise marks this one.
    let invalid = 0;
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number; invalid_field_length: number; columns: unknown[] };
    }>) {
      const malformed = info.invalid_field_length > invalid;
      invalid = info.invalid_field_length;
      yield malformed
        ? {
            line: info.lines,
            values: record,
            problem: `has ${Object.keys(record).length} fields where the header has ${info.columns.length}`,
          }
        : { line: info.lines, values: record };
    }
    return;
  }
  if (format === "ndjson") {
    let line = 0;
    for await (const text of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
      line++;
      if (text.trim() === "") continue;
      try {
        yield { line, values: JSON.parse(text) as Record<string, unknown> };
      } catch (error) {
        yield { line, values: {}, problem: `is not valid JSON: ${(error as Error).message}` };
      }
    }
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const doc = JSON.parse(
    Buffer.concat(chunks)
      .toString("utf8")
      .replace(/^\uFEFF/, ""),
  ) as unknown;
  const rows = Array.isArray(doc) ? doc : (doc as { rows?: unknown[] }).rows;
  if (!Array.isArray(rows)) throw new Error(`${file}: expected a JSON array of objects, or { "rows": [...] }`);
  for (const [i, values] of rows.entries()) yield { line: i + 1, values: values as Record<string, unknown> };
}

/** Parquet rows, streamed one DuckDB chunk at a time so that files of any size read in flat memory. */
async function* readParquet(
  file: string,
  where: string,
  onProgress?: (rows: number, total: number) => void,
): AsyncGenerator<SourceRecord> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const [meta] = (
      await connection.runAndReadAll("SELECT count(*) AS n FROM read_parquet($1)", [file])
    ).getRowObjectsJS();
    const total = Number(meta?.n ?? 0);
    // The row's place in the file is its line, also when a condition skips rows.
    const result = await connection.stream(
      `SELECT * EXCLUDE (file_row_number), file_row_number FROM read_parquet($1, file_row_number = true) WHERE ${where}`,
      [file],
    );
    // Calendar dates read as midnight UTC; they are given on as the date alone (yyyy-MM-dd).
    const names = result.columnNames().slice(0, -1);
    const dates = new Set(names.filter((_, i) => result.columnTypes()[i]!.typeId === DuckDBTypeId.DATE));
    let line = 0;
    for await (const rows of result.yieldRowObjectJs()) {
      for (const row of rows) {
        const values: Record<string, unknown> = {};
        for (const k of names) {
          const v = row[k];
          values[k] =
            typeof v === "bigint"
              ? Number(v)
              : v instanceof Date
                ? dates.has(k)
                  ? v.toISOString().slice(0, 10)
                  : v.toISOString()
                : v;
        }
        line = Number(row.file_row_number) + 1;
        yield { line, values };
      }
      onProgress?.(line, total);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
