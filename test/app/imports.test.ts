/**
 * The import service on both engines: names of uploaded files, queueing with its checks, a run that cannot
 * start, and imports a stopped server left unfinished. (Loads themselves are tested through the API in
 * test/http/imports.test.ts.)
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InvalidInputError, NotFoundError } from "../../src/app/errors.ts";
import {
  failInterruptedImports,
  getImport,
  listImports,
  queueImport,
  runImport,
  shippedMappings,
  stageUpload,
  uploadName,
} from "../../src/app/imports.ts";
import { warehouseAt } from "../../src/interfaces/http/context.ts";
import { appDbPerTest, ENGINES } from "../support/app-db.ts";

describe("uploaded file names", () => {
  it("keep the base name, turn other characters into _, and drop leading dots", () => {
    expect(uploadName("january_1999.tsv")).toBe("january_1999.tsv");
    expect(uploadName("C:\\exports\\calls (March).csv")).toBe("calls _March_.csv");
    expect(uploadName("../../etc/passwd")).toBe("passwd");
    expect(uploadName(".hidden.csv")).toBe("hidden.csv");
    expect(uploadName("Überstunden 2026|03.csv")).toBe("Überstunden 2026_03.csv");
    expect(uploadName("")).toBeUndefined();
    expect(uploadName("...")).toBeUndefined();
  });
});

describe("shipped mappings", () => {
  it("are every YAML file of examples/mappings, each naming its dataset", () => {
    const mappings = shippedMappings();
    expect(mappings.map((m) => `${m.name}.yaml`)).toEqual(
      readdirSync("examples/mappings")
        .filter((f) => f.endsWith(".yaml"))
        .sort(),
    );
    for (const m of mappings) expect(m.dataset).toBe("contacts");
  });
});

describe.each(ENGINES)("the import service on %s", (engine) => {
  const app = appDbPerTest(engine);
  let uploads: string;
  beforeEach(() => {
    uploads = mkdtempSync(join(tmpdir(), "cxpm-imports-"));
  });
  afterEach(() => rmSync(uploads, { recursive: true, force: true }));

  const stage = (files: Record<string, string>) => {
    const staged = stageUpload(uploads);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(staged.folder, name), text);
    return { folder: staged.folder, files: Object.keys(files) };
  };

  it("queues an import and moves its files under its id", async () => {
    const queued = await queueImport(app().db, uploads, { dataset: "queues" }, stage({ "q.csv": "x" }), "ana");
    expect(queued).toMatchObject({ status: "queued", dataset: "queues", onError: "fail", createdBy: "ana" });
    expect(readdirSync(join(uploads, String(queued.id), "files"))).toEqual(["q.csv"]);
    expect(readdirSync(uploads)).toEqual([String(queued.id)]);
  });

  it("refuses a bad request naming each field, recording nothing", async () => {
    const error = await queueImport(
      app().db,
      uploads,
      { dataset: "queues", mapping: "anonymous-bank", onError: "skip" },
      stage({}),
      "ana",
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).details.map((d) => d.field)).toEqual(["onError"]);
    const mismatch = await queueImport(
      app().db,
      uploads,
      { dataset: "queues", mapping: "anonymous-bank" },
      stage({}),
      "ana",
    ).catch((e: InvalidInputError) => e);
    expect((mismatch as InvalidInputError).details).toEqual([
      { field: "mapping", message: 'mapping "anonymous-bank" loads contacts, not queues' },
      { field: "files", message: "expected at least one file" },
    ]);
    expect(await listImports(app().db)).toEqual([]);
  });

  it("records an import that cannot run as failed, with the reason", async () => {
    const queued = await queueImport(app().db, uploads, { dataset: "contacts" }, stage({ "gone.csv": "x" }), "ana");
    rmSync(join(uploads, String(queued.id)), { recursive: true });
    const warehouse = warehouseAt(join(uploads, "warehouse.duckdb"));
    const failed = await runImport(app().db, warehouse, uploads, queued.id);
    expect(failed).toMatchObject({ status: "failed", problems: [], problemCount: 0 });
    expect(failed.error).toMatch(/^the import could not run: .*gone\.csv/);
    expect(failed.startedAt).not.toBeNull();
    // An import that has ended is not run again.
    expect(await runImport(app().db, warehouse, uploads, queued.id)).toEqual(failed);
    await expect(runImport(app().db, warehouse, uploads, 999)).rejects.toThrow(NotFoundError);
    expect(existsSync(join(uploads, "warehouse.duckdb"))).toBe(true);
  });

  it("marks imports a stopped server left queued as failed, and leaves ended ones alone", async () => {
    const left = await queueImport(app().db, uploads, { dataset: "contacts" }, stage({ "a.csv": "x" }), "ana");
    expect(await failInterruptedImports(app().db)).toBe(1);
    expect(await getImport(app().db, left.id)).toMatchObject({
      status: "failed",
      error: "the server stopped before this import finished; upload the files again",
    });
    expect(await failInterruptedImports(app().db)).toBe(0);
  });
});
