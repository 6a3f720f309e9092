/**
 * Bulk loading of typed Parquet gives exactly what the row-by-row path gives: the same rows stored, the same
 * problems in the same order, the same rejects file. fast-check writes Parquet files full of edge values (text
 * with spaces a trim removes, empty and missing values, unknown kinds and zones, NaN and infinite numbers,
 * instants before the year 1000, timestamps without a zone, repeated keys) and loads each twice. (Infinite
 * timestamps are left out: the row-by-row Parquet reader cannot turn them into JavaScript dates.)
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportError, type ImportSummary, importFiles } from "../../src/warehouse/import/load.ts";
import { identityMapping, type Mapping } from "../../src/warehouse/import/mapping.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";

let dir: string;
let writer: Warehouse;
let files = 0;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cxpm-bulk-"));
  writer = await Warehouse.open(":memory:");
});
afterAll(() => {
  writer.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A field: mostly an ordinary value, now and then an edge one, so that most rows are valid but for one field. */
const field = (ordinary: readonly string[], edges: readonly string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...ordinary), weight: 12 },
    { arbitrary: fc.constantFrom(...edges), weight: 1 },
  );
const quoted = (values: readonly (string | null)[]) => values.map((v) => (v === null ? "NULL" : `'${v}'`));

/** One row as SQL literals, typed as a contacts export would be. */
const row = fc.record({
  source: field(quoted(["acd"]), quoted([" acd", "", null])),
  source_id: field(quoted(["1", "2", "3", "4", "5", "6", "é"]), quoted(["7 ", "\u00a08", "\t9", ""])),
  program_id: field(quoted(["care"]), quoted(["care\ufeff", " care", null])),
  queue_id: field(quoted(["q", null]), quoted(["", "q\u3000", "\u2028q"])),
  channel: field(quoted(["voice", "email"]), quoted(["", null])),
  kind: field(quoted(["real-time", "deferred"]), quoted([" deferred", "bogus", null])),
  time_zone: field(quoted(["UTC", "Europe/Lisbon", "America/Chicago"]), quoted(["Mars/Base", " UTC", null])),
  arrived_at: field(
    ["TIMESTAMPTZ '2026-03-08 07:59:59.123456+00'", "TIMESTAMPTZ '2026-03-29 01:00:00+00'"],
    ["TIMESTAMPTZ '0900-01-01 00:00:00+00'", "NULL"],
  ),
  completed_at: field(["TIMESTAMP '2026-03-09 10:00:00.5'", "NULL"], ["TIMESTAMP '1969-12-31 23:59:59.9995'"]),
  wait_seconds: field(["1", "1.5", "-3", "NULL"], ["CAST('nan' AS DOUBLE)", "CAST('inf' AS DOUBLE)"]),
  sale_value: field(["CAST(12.3456 AS DECIMAL(18,4))", "CAST(0.1 AS DECIMAL(18,4))", "NULL"], ["NULL"]),
  resolved: field(["true", "false", "NULL"], ["NULL"]),
});
type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;

const TYPES: Record<keyof Row, string> = {
  source: "VARCHAR",
  source_id: "VARCHAR",
  program_id: "VARCHAR",
  queue_id: "VARCHAR",
  channel: "VARCHAR",
  kind: "VARCHAR",
  time_zone: "VARCHAR",
  arrived_at: "TIMESTAMPTZ",
  completed_at: "TIMESTAMP",
  wait_seconds: "DOUBLE",
  sale_value: "DECIMAL(18,4)",
  resolved: "BOOLEAN",
};

async function parquet(rows: readonly Row[]): Promise<string> {
  const file = join(dir, `contacts-${++files}.parquet`);
  const names = Object.keys(TYPES) as (keyof Row)[];
  const values = rows.map((r) => `(${names.map((n) => `CAST(${r[n]} AS ${TYPES[n]})`).join(", ")})`);
  await writer.run(
    `COPY (SELECT * FROM (VALUES ${values.join(", ")}) AS t(${names.join(", ")})) TO '${file}' (FORMAT parquet)`,
  );
  return file;
}

/** The identity mapping with an exclusion that never applies: the same load, read row by row. */
const rowByRow = (): Mapping => ({
  ...identityMapping("contacts"),
  exclude: [{ test: () => false, reason: "never" }],
});

interface Outcome {
  summary?: Omit<ImportSummary, "seconds" | "batchId" | "rejectsFile" | "components">;
  error?: { message: string; total: number };
  rows: unknown[];
  rejects: string;
}

async function load(file: string, mapping: Mapping, onError: "fail" | "quarantine"): Promise<Outcome> {
  const warehouse = await Warehouse.open(":memory:");
  const rejectsFile = join(dir, `rejects-${++files}.csv`);
  try {
    const out: Outcome = { rows: [], rejects: "" };
    try {
      const {
        seconds,
        batchId,
        rejectsFile: written,
        ...summary
      } = await importFiles(warehouse, {
        mapping,
        files: [file],
        onError,
        rejectsFile,
      });
      out.summary = summary;
      if (written) out.rejects = readFileSync(written, "utf8");
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      out.error = { message: error.message, total: error.total };
    }
    out.rows = await warehouse.all("SELECT * EXCLUDE (batch_id) FROM contacts ORDER BY source, source_id");
    return out;
  } finally {
    warehouse.close();
  }
}

describe("bulk loading of typed Parquet", () => {
  it("takes clean files in bulk and stores what the row-by-row path stores", async () => {
    const clean: Row = {
      source: "'acd'",
      source_id: "'1'",
      program_id: "'care'",
      queue_id: "NULL",
      channel: "'voice'",
      kind: "'real-time'",
      time_zone: "'Europe/Lisbon'",
      arrived_at: "TIMESTAMPTZ '2026-03-08 07:59:59.123456+00'",
      completed_at: "TIMESTAMP '2026-03-09 10:00:00.5'",
      wait_seconds: "1.5",
      sale_value: "CAST(12.3456 AS DECIMAL(18,4))",
      resolved: "true",
    };
    const file = await parquet([clean, { ...clean, source_id: "'2'", queue_id: "''" }]);
    const bulk = await load(file, identityMapping("contacts"), "fail");
    expect(bulk.summary).toMatchObject({ read: 2, loaded: 2 });
    expect(bulk).toEqual(await load(file, rowByRow(), "fail"));
  });

  it("gives the same rows, problems and rejects as the row-by-row path for any file", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 12 }),
        fc.constantFrom("fail", "quarantine"),
        async (rows, mode) => {
          const file = await parquet(rows);
          const bulk = await load(file, identityMapping("contacts"), mode as "fail" | "quarantine");
          const slow = await load(file, rowByRow(), mode as "fail" | "quarantine");
          expect(bulk).toEqual(slow);
        },
      ),
      { numRuns: 60, seed: 42 },
    );
  }, 120_000);
});
