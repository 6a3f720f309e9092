/**
 * Imports started from the app: files uploaded with a chosen dataset and shipped mapping, loaded into the
 * warehouse in the background with the same functions `cxpm import` uses, and recorded in the app database's
 * `imports` table with who asked, progress, counts, timings and every row problem found.
 *
 * An import goes `queued` → `running` → `done` or `failed`. It is queued as soon as its files are saved; it runs
 * when the warehouse is free (imports and every other use of the warehouse take turns, see {@link WithWarehouse});
 * a load that changes anything brings the metric components up to date in its own transaction, as the command
 * line does. A load is all or nothing: with `onError: "fail"` one bad row fails the import and nothing is loaded; with `"quarantine"`
 * the good rows load and the bad ones are written, with their reasons, to a rejects file.
 *
 * Files live under the data folder: `<uploadsDir>/<id>/files/` holds the upload, `<uploadsDir>/<id>/rejects.csv`
 * the rejected rows.
 *
 * @example
 * ```ts
 * const staged = stageUpload(uploadsDir);               // a folder for the incoming files
 * writeFileSync(join(staged.folder, "january.tsv"), …);
 * const queued = await queueImport(db, uploadsDir, { dataset: "contacts", mapping: "anonymous-bank" },
 *   { folder: staged.folder, files: ["january.tsv"] }, "ana");
 * const done = await runImport(db, withWarehouse, uploadsDir, queued.id);
 * done.rows; // { read: 31599, loaded: 30869, rejected: 0, excluded: 730 }
 * ```
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Kysely, Updateable } from "kysely";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ImportError, importFiles } from "../warehouse/import/load.ts";
import { identityMapping, loadMapping, MappingFile } from "../warehouse/import/mapping.ts";
import { DEFAULT_SETTINGS } from "../warehouse/metrics/components/index.ts";
import { DATASETS } from "../warehouse/schema/tables.ts";
import type { Warehouse } from "../warehouse/warehouse.ts";
import type { Database, ImportProblem, ImportRow, ImportsTable } from "./db/schema.ts";
import { type FieldProblem, InvalidInputError, NotFoundError, parseInput } from "./errors.ts";

/** Runs work against the warehouse, one piece of work at a time (the server's queue). */
export type WithWarehouse = <T>(work: (warehouse: Warehouse) => Promise<T>) => Promise<T>;

/** The mappings shipped with cxpm, one YAML file each. */
export const MAPPINGS_DIR = fileURLToPath(new URL("../../examples/mappings/", import.meta.url));

/** How many row problems an import keeps; the count of all of them is kept too. */
export const PROBLEMS_KEPT = 1000;

/** A shipped mapping, as offered for an upload. */
export interface ShippedMapping {
  /** The file name without `.yaml`, e.g. anonymous-bank: what an import names. */
  readonly name: string;
  readonly dataset: string;
  readonly description: string;
}

/** The shipped mappings, by name. Throws when one of them does not parse: that is a defect of cxpm, not input. */
export function shippedMappings(dir: string = MAPPINGS_DIR): ShippedMapping[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".yaml"))
    .sort()
    .map((file) => {
      const parsed = MappingFile.parse(parseYaml(readFileSync(join(dir, file), "utf8")));
      return { name: file.slice(0, -".yaml".length), dataset: parsed.dataset, description: parsed.description ?? "" };
    });
}

/** What is asked for besides the files: the dataset, the shipped mapping (optional) and what to do with bad rows. */
export const ImportRequest = z.strictObject({
  dataset: z.string().refine((d) => Object.hasOwn(DATASETS, d), {
    message: `expected a canonical dataset: ${Object.keys(DATASETS).join(", ")}`,
  }),
  mapping: z
    .string()
    .min(1)
    .optional()
    .describe("a shipped mapping's name; without one, the files' columns are named as the dataset's"),
  onError: z.enum(["fail", "quarantine"]).default("fail"),
});
export type ImportRequest = z.input<typeof ImportRequest>;

const STATUSES = ["queued", "running", "done", "failed"] as const;

/** An import as the API shows it in the history. */
export const ImportSummary = z.object({
  id: z.number().int(),
  dataset: z.string(),
  mapping: z.string().nullable(),
  files: z.array(z.string()),
  onError: z.enum(["fail", "quarantine"]),
  status: z.enum(STATUSES),
  progress: z.number().describe("how far through the files the load is, 0 to 1"),
  batchId: z.number().int().nullable().describe("the warehouse's import batch"),
  alreadyLoaded: z.boolean().describe("the same files with the same mapping were loaded before: nothing changed"),
  rows: z.object({ read: z.number(), loaded: z.number(), rejected: z.number(), excluded: z.number() }),
  excludedBy: z.record(z.string(), z.number()).describe("rows left out by the mapping, per reason"),
  seconds: z.number().nullable().describe("how long the load took"),
  error: z.string().nullable().describe("why the import failed"),
  problemCount: z.number().int().describe("row problems found"),
  hasRejects: z.boolean().describe("rejected rows can be downloaded"),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

/** An import with its row problems. */
export const ImportDetail = ImportSummary.extend({
  problems: z
    .array(z.object({ file: z.string(), line: z.number(), field: z.string(), value: z.string(), expected: z.string() }))
    .describe(`each bad row's file, line, field, value and what was expected; the first ${PROBLEMS_KEPT}`),
});
export type ImportDetail = z.infer<typeof ImportDetail>;

const summaryOf = (row: ImportRow): ImportSummary => ({
  id: row.id,
  dataset: row.dataset,
  mapping: row.mapping,
  files: row.files,
  onError: row.onError,
  status: row.status,
  progress: row.progress,
  batchId: row.batchId,
  alreadyLoaded: row.alreadyLoaded,
  rows: { read: row.rowsRead, loaded: row.rowsLoaded, rejected: row.rowsRejected, excluded: row.rowsExcluded },
  excludedBy: row.excludedBy,
  seconds: row.seconds,
  error: row.error,
  problemCount: row.problemCount,
  hasRejects: row.rejectsFile !== null,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
  startedAt: row.startedAt?.toISOString() ?? null,
  finishedAt: row.finishedAt?.toISOString() ?? null,
});
const detailOf = (row: ImportRow): ImportDetail => ({ ...summaryOf(row), problems: row.problems });

/**
 * The name an uploaded file is saved under: its base name with anything but letters, digits (of any script), `.`,
 * `_`, `-` and spaces turned into `_`, and no leading dot. Problems name the file by it. Undefined when nothing usable is left.
 */
export function uploadName(original: string): string | undefined {
  const name = basename(original.replaceAll("\\", "/"))
    .replaceAll(/[^\p{L}\p{N}._ -]/gu, "_")
    .replace(/^[. ]+/, "")
    .trim()
    .slice(-200);
  return name === "" ? undefined : name;
}

/** A fresh folder under `uploadsDir` for files still arriving; {@link queueImport} adopts it, or remove it. */
export function stageUpload(uploadsDir: string): { folder: string; remove: () => void } {
  const folder = join(uploadsDir, `.incoming-${randomUUID()}`);
  mkdirSync(folder, { recursive: true });
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** Where an import's files and rejects live. */
export const importFolder = (uploadsDir: string, id: number) => join(uploadsDir, String(id));

/**
 * Checks an import request and records it as queued; the staged files move to `<uploadsDir>/<id>/files/`.
 * Throws {@link InvalidInputError} naming each field at fault, with nothing written (the staged folder is left
 * for the caller to remove).
 */
export async function queueImport(
  db: Kysely<Database>,
  uploadsDir: string,
  input: unknown,
  staged: { readonly folder: string; readonly files: readonly string[] },
  actor: string,
): Promise<ImportDetail> {
  const request = parseInput(ImportRequest, input);
  const problems: FieldProblem[] = [];
  if (request.mapping !== undefined) {
    const mapping = shippedMappings().find((m) => m.name === request.mapping);
    if (!mapping) {
      const names = shippedMappings().map((m) => m.name);
      problems.push({
        field: "mapping",
        message: `no shipped mapping "${request.mapping}"; one of: ${names.join(", ")}`,
      });
    } else if (mapping.dataset !== request.dataset) {
      problems.push({
        field: "mapping",
        message: `mapping "${mapping.name}" loads ${mapping.dataset}, not ${request.dataset}`,
      });
    }
  }
  if (staged.files.length === 0) problems.push({ field: "files", message: "expected at least one file" });
  if (new Set(staged.files).size !== staged.files.length) {
    problems.push({ field: "files", message: "two files have the same name" });
  }
  if (problems.length) throw new InvalidInputError(problems);

  const row = await db
    .insertInto("imports")
    .values({
      dataset: request.dataset,
      mapping: request.mapping ?? null,
      files: JSON.stringify(staged.files),
      onError: request.onError,
      createdBy: actor,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  try {
    const folder = importFolder(uploadsDir, row.id);
    // A folder left by an earlier database with the same ids (a data folder reset by hand) is stale.
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    renameSync(staged.folder, join(folder, "files"));
  } catch (error) {
    await db.deleteFrom("imports").where("id", "=", row.id).execute();
    throw error;
  }
  return detailOf(row);
}

/**
 * Runs a queued import when the warehouse is free: loads the files (and with them the metric components of
 * what changed), and records progress, counts and problems. A failed load is recorded as `failed` with its
 * reason (and each bad row), not thrown; the returned record is the import as it ended.
 */
export async function runImport(
  db: Kysely<Database>,
  withWarehouse: WithWarehouse,
  uploadsDir: string,
  id: number,
): Promise<ImportDetail> {
  const queued = await db.selectFrom("imports").selectAll().where("id", "=", id).executeTakeFirst();
  if (!queued) throw new NotFoundError(`no import ${id}`, [{ field: "id", message: `no import ${id}` }]);
  if (queued.status !== "queued") return detailOf(queued);
  const folder = importFolder(uploadsDir, id);
  const files = queued.files.map((name) => join(folder, "files", name));
  const rejectsFile = join(folder, "rejects.csv");

  // Progress is written at most a few times a second, each write after the one before, all before the end.
  let writes: Promise<unknown> = Promise.resolve();
  let lastWrite = 0;
  const progress = (done: number, total: number) => {
    const now = Date.now();
    if (now - lastWrite < 250) return;
    lastWrite = now;
    const fraction = Math.min(1, Math.max(0, done / Math.max(total, 1)));
    writes = writes.then(() =>
      db
        .updateTable("imports")
        .set({ progress: fraction })
        .where("id", "=", id)
        .execute()
        .catch(() => {}),
    );
  };

  // The outcome is settled inside the warehouse's turn, so an import ends before the next one starts.
  const outcome = await withWarehouse(async (warehouse): Promise<Updateable<ImportsTable>> => {
    await db.updateTable("imports").set({ status: "running", startedAt: new Date() }).where("id", "=", id).execute();
    try {
      const mapping = queued.mapping
        ? loadMapping(join(MAPPINGS_DIR, `${queued.mapping}.yaml`))
        : identityMapping(queued.dataset);
      const summary = await importFiles(warehouse, {
        mapping,
        files,
        onError: queued.onError,
        rejectsFile,
        onProgress: progress,
        // The metric components follow in the load's own transaction, as `cxpm import` does.
        components: DEFAULT_SETTINGS,
      });
      return {
        status: "done",
        progress: 1,
        batchId: summary.batchId,
        alreadyLoaded: summary.alreadyLoaded,
        rowsRead: summary.read,
        rowsLoaded: summary.loaded,
        rowsRejected: summary.rejected,
        rowsExcluded: summary.excluded,
        excludedBy: JSON.stringify(summary.excludedBy),
        seconds: summary.seconds,
        problems: JSON.stringify(summary.problems.slice(0, PROBLEMS_KEPT)),
        problemCount: summary.problems.length,
        rejectsFile: summary.rejectsFile,
        finishedAt: new Date(),
      };
    } catch (error) {
      return failure(error);
    }
  }).catch(failure);
  await writes;
  const ended = await db
    .updateTable("imports")
    .set(outcome)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return detailOf(ended);
}

/** How a failed import is recorded: bad rows with each problem, anything else with its message. */
function failure(error: unknown): Updateable<ImportsTable> {
  const finishedAt = new Date();
  if (!(error instanceof ImportError)) {
    return { status: "failed", error: `the import could not run: ${(error as Error).message}`, finishedAt };
  }
  const rows = new Set(error.problems.map((p) => `${p.file}:${p.line}`)).size;
  return {
    status: "failed",
    error:
      `${error.total} problem${error.total === 1 ? "" : "s"} in ${rows} row${rows === 1 ? "" : "s"}; nothing was ` +
      "loaded. Correct the rows listed, or import again with onError quarantine to load the good rows and " +
      "download the rest as a rejects file.",
    problems: JSON.stringify(error.problems.slice(0, PROBLEMS_KEPT) satisfies readonly ImportProblem[]),
    problemCount: error.total,
    finishedAt,
  };
}

/** The import history, newest first. */
export async function listImports(db: Kysely<Database>, options: { limit?: number } = {}): Promise<ImportSummary[]> {
  const rows = await db
    .selectFrom("imports")
    .selectAll()
    .orderBy("id", "desc")
    .limit(options.limit ?? 100)
    .execute();
  return rows.map(summaryOf);
}

/** One import with its problems; throws {@link NotFoundError}. */
export async function getImport(db: Kysely<Database>, id: number): Promise<ImportDetail> {
  const row = await db.selectFrom("imports").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new NotFoundError(`no import ${id}`, [{ field: "id", message: `no import ${id}` }]);
  return detailOf(row);
}

/** The path of an import's rejects file; throws {@link NotFoundError} when the import has none. */
export async function rejectsFileOf(db: Kysely<Database>, id: number): Promise<string> {
  const row = await db.selectFrom("imports").select("rejectsFile").where("id", "=", id).executeTakeFirst();
  if (!row) throw new NotFoundError(`no import ${id}`, [{ field: "id", message: `no import ${id}` }]);
  if (!row.rejectsFile || !existsSync(row.rejectsFile)) {
    throw new NotFoundError(`import ${id} has no rejected rows`, [
      { field: "id", message: `import ${id} has no rejected rows` },
    ]);
  }
  return row.rejectsFile;
}

/**
 * Marks imports left queued or running by a server that stopped as failed: nothing will run them. Their load is
 * one warehouse transaction, so each either landed whole (see its batch in the warehouse) or not at all.
 * Returns how many were marked.
 */
export async function failInterruptedImports(db: Kysely<Database>): Promise<number> {
  const rows = await db
    .updateTable("imports")
    .set({
      status: "failed",
      error: "the server stopped before this import finished; upload the files again",
      finishedAt: new Date(),
    })
    .where("status", "in", ["queued", "running"])
    .returning("id")
    .execute();
  return rows.length;
}
