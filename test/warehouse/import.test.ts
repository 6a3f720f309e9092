import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ImportError, importFiles } from "../../src/warehouse/import/load.ts";
import { identityMapping, loadMapping } from "../../src/warehouse/import/mapping.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";

const BANK = "../shared/data/real/anonymous-bank-1999";
let dir: string;
let warehouse: Warehouse;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "cxpm-import-"));
  warehouse = await Warehouse.open(":memory:");
});
afterEach(() => warehouse.close());

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const count = async (sql = "SELECT count(*) AS n FROM contacts") => (await warehouse.all<{ n: number }>(sql))[0]!.n;

const HEADER =
  "source,source_id,program_id,channel,kind,time_zone,arrived_at,offered_at,answered_at,wait_seconds,talk_seconds";
const good = [
  "acd,1,care,voice,real-time,Europe/London,2026-03-29T00:30:00,2026-03-29T00:30:10,2026-03-29T00:30:25,15,200",
  "acd,2,care,voice,real-time,Europe/London,2026-03-29 02:30:00,,,,",
].join("\n");

describe("import", () => {
  it("loads CSV with a BOM and CRLF line ends, and cuts times in the row's zone", async () => {
    const path = file("contacts.csv", `\uFEFF${HEADER}\r\n${good.replaceAll("\n", "\r\n")}\r\n`);
    const summary = await importFiles(warehouse, { mapping: identityMapping("contacts"), files: [path] });
    expect(summary).toMatchObject({ read: 2, loaded: 2, rejected: 0, excluded: 0, alreadyLoaded: false });
    // British Summer Time starts at 01:00 GMT on 2026-03-29: 00:30 local is GMT, 02:30 local is BST.
    const rows = await warehouse.all<{ source_id: string; utc: string }>(
      "SELECT source_id, strftime(arrived_at, '%Y-%m-%d %H:%M') AS utc FROM contacts ORDER BY source_id",
    );
    expect(rows).toEqual([
      { source_id: "1", utc: "2026-03-29 00:30" },
      { source_id: "2", utc: "2026-03-29 01:30" },
    ]);
  });

  it("rejects the whole load and names file, line, field, value and what was expected", async () => {
    const path = file("bad.csv", `${HEADER}\n${good}\nacd,3,care,voice,real-tme,Europe/London,yesterday,,,abc,\n`);
    const load = importFiles(warehouse, { mapping: identityMapping("contacts"), files: [path] });
    await expect(load).rejects.toThrow(ImportError);
    await load.catch((error: ImportError) => {
      expect(error.message).toContain('bad.csv:4: kind: "real-tme", expected one of real-time, deferred');
      expect(error.message).toContain('bad.csv:4: arrived_at: "yesterday", expected an ISO 8601 timestamp');
      expect(error.message).toContain('bad.csv:4: wait_seconds: "abc", expected a number');
    });
    expect(await count()).toBe(0);
    expect(await count("SELECT count(*) AS n FROM import_batches")).toBe(0);
  });

  it("quarantines bad rows to a rejects file and loads the good ones", async () => {
    const path = file("bad.csv", `${HEADER}\n${good}\nacd,3,care,voice,real-time,Europe/London,,,,,\n`);
    const rejectsFile = join(dir, "rejects.csv");
    const summary = await importFiles(warehouse, {
      mapping: identityMapping("contacts"),
      files: [path],
      onError: "quarantine",
      rejectsFile,
    });
    expect(summary).toMatchObject({ loaded: 2, rejected: 1 });
    expect(readFileSync(rejectsFile, "utf8")).toContain(
      "bad.csv:4: arrived_at: empty, expected a value (timestamp, required)",
    );
  });

  it("is idempotent: the same file twice changes nothing, a corrected file replaces rows by natural key", async () => {
    const path = file("contacts.csv", `${HEADER}\n${good}\n`);
    await importFiles(warehouse, { mapping: identityMapping("contacts"), files: [path] });
    const again = await importFiles(warehouse, { mapping: identityMapping("contacts"), files: [path] });
    expect(again.alreadyLoaded).toBe(true);
    const changed = file("contacts2.csv", `${HEADER}\n${good.replace(",15,200", ",16,200")}\n`);
    await importFiles(warehouse, { mapping: identityMapping("contacts"), files: [changed] });
    expect(await count()).toBe(2);
    expect(await count("SELECT wait_seconds AS n FROM contacts WHERE source_id = '1'")).toBe(16);
  });

  it("refuses a natural key twice in one load", async () => {
    const path = file("dupe.csv", `${HEADER}\n${good}\n${good.split("\n")[0]}\n`);
    await expect(importFiles(warehouse, { mapping: identityMapping("contacts"), files: [path] })).rejects.toThrow(
      /dupe\.csv:4: source\+source_id: "acd\+1", expected a unique key, but dupe\.csv:2 has it too/,
    );
  });

  it("reads NDJSON and JSON", async () => {
    const record = {
      source: "crm",
      source_id: "a",
      program_id: "p",
      channel: "email",
      kind: "deferred",
      time_zone: "UTC",
      arrived_at: "2026-01-05T10:00:00Z",
    };
    const ndjson = file("c.ndjson", `${JSON.stringify(record)}\n${JSON.stringify({ ...record, source_id: "b" })}\n`);
    const json = file("c.json", JSON.stringify([{ ...record, source_id: "c" }]));
    const summary = await importFiles(warehouse, { mapping: identityMapping("contacts"), files: [ndjson, json] });
    expect(summary.loaded).toBe(3);
  });
});

describe("the Anonymous Bank mapping", () => {
  const mapping = loadMapping("examples/mappings/anonymous-bank.yaml");

  it.runIf(existsSync(BANK))("loads January with phantom and serverless calls excluded and counted", async () => {
    const summary = await importFiles(warehouse, { mapping, files: [join(BANK, "january_1999.tsv")] });
    expect(summary).toMatchObject({ read: 31599, loaded: 30869, excluded: 730 });
    expect(summary.excludedBy).toEqual({
      "phantom call (a virtual record the source says to ignore)": 240,
      "served call with no agent recorded": 490,
    });
  });

  it.runIf(existsSync(BANK))("reports October's two malformed lines by number and loads nothing", async () => {
    const load = importFiles(warehouse, { mapping, files: [join(BANK, "october_1999.tsv")] });
    await expect(load).rejects.toThrow(/october_1999\.tsv:7315: .*16 fields where the header has 17/);
    await load.catch((error: ImportError) => {
      expect(error.problems.map((p) => p.line)).toEqual([7315, 14247]);
    });
    expect(await count()).toBe(0);
  });
});
