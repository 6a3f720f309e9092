/**
 * The import routes on both engines, each test with its own app database, data folder and warehouse file:
 * uploads that load, fail and quarantine, the history, rejects, the shipped mappings, and bad uploads that are
 * refused with nothing saved.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DATASETS } from "../../src/warehouse/schema/tables.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";
import { ENGINES } from "../support/app-db.ts";
import { serverPerTest, type TestServer } from "../support/server.ts";

const HEADER =
  "source,source_id,program_id,queue_id,channel,kind,time_zone,arrived_at,offered_at,answered_at,wait_seconds,talk_seconds";
const GOOD = [
  "acd,1,care,care-voice,voice,real-time,Europe/London,2026-03-02T09:00:00,2026-03-02T09:00:05,2026-03-02T09:00:15,10,200",
  "acd,2,care,care-voice,voice,real-time,Europe/London,2026-03-02T09:01:00,2026-03-02T09:01:05,2026-03-02T09:01:50,45,180",
];
const BAD = "acd,3,care,care-voice,voice,real-tme,Europe/London,yesterday,,,abc,";
const csv = (...rows: string[]) => `${HEADER}\n${rows.join("\n")}\n`;

/** The first lines of a month of the Anonymous Bank's calls (read from shared/, never copied into the repo). */
const bankSample = () =>
  readFileSync("../shared/data/real/anonymous-bank-1999/january_1999.tsv", "utf8").split("\n").slice(0, 301).join("\n");

function form(fields: Record<string, string>, files: Record<string, string>) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const [name, text] of Object.entries(files)) body.append("file", new Blob([text], { type: "text/csv" }), name);
  return body;
}

/** Polls an import until it has ended. */
async function ended(api: TestServer, id: number) {
  for (let i = 0; i < 400; i++) {
    const { body } = await api.request("GET", `/api/imports/${id}`);
    if (body.status === "done" || body.status === "failed") return body;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`import ${id} did not end in 10 s`);
}

async function upload(api: TestServer, fields: Record<string, string>, files: Record<string, string>, user = "ana") {
  const response = await api.request("POST", "/api/imports", form(fields, files), user);
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  return ended(api, response.body.id);
}

async function warehouseCount(api: TestServer, sql: string) {
  const warehouse = await Warehouse.open(api.warehouse);
  try {
    return (await warehouse.all<{ n: number }>(sql))[0]!.n;
  } finally {
    warehouse.close();
  }
}

describe.each(ENGINES)("imports API on %s", (engine) => {
  const api = serverPerTest(engine);

  it("GET /api/mappings lists the shipped mappings with the dataset each loads", async () => {
    const { status, body } = await api().request("GET", "/api/mappings");
    expect(status).toBe(200);
    expect(body.mappings).toContainEqual({
      name: "anonymous-bank",
      dataset: "contacts",
      description: "Anonymous Bank inbound calls, one row per call",
    });
    const files = readdirSync("examples/mappings").filter((f) => f.endsWith(".yaml"));
    expect(body.mappings.map((m: { name: string }) => `${m.name}.yaml`)).toEqual(files.sort());
  });

  it("GET /api/datasets lists every canonical dataset with its natural key", async () => {
    const { status, body } = await api().request("GET", "/api/datasets");
    expect(status).toBe(200);
    expect(body.datasets.map((d: { name: string }) => d.name)).toEqual(Object.keys(DATASETS));
    expect(body.datasets[0]).toMatchObject({ name: "locations", naturalKey: ["location_id"] });
  });

  it("POST /api/imports answers 202 at once, loads in the background, and the metrics follow", async () => {
    const response = await api().request(
      "POST",
      "/api/imports",
      form({ dataset: "contacts" }, { "march.csv": csv(...GOOD) }),
      "ana",
    );
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ id: expect.any(Number), status: "queued", files: ["march.csv"] });
    const done = await ended(api(), response.body.id);
    expect(done).toMatchObject({
      status: "done",
      dataset: "contacts",
      mapping: null,
      onError: "fail",
      progress: 1,
      alreadyLoaded: false,
      rows: { read: 2, loaded: 2, rejected: 0, excluded: 0 },
      error: null,
      problems: [],
      problemCount: 0,
      hasRejects: false,
      createdBy: "ana",
    });
    expect(done.batchId).toBeGreaterThan(0);
    expect(done.seconds).toBeGreaterThanOrEqual(0);
    expect(Date.parse(done.finishedAt)).toBeGreaterThanOrEqual(Date.parse(done.startedAt));
    expect(Date.parse(done.startedAt)).toBeGreaterThanOrEqual(Date.parse(done.createdAt));
    expect(readFileSync(join(api().dataDir, "uploads", String(done.id), "files", "march.csv"), "utf8")).toBe(
      csv(...GOOD),
    );
    expect(await warehouseCount(api(), "SELECT count(*) AS n FROM contacts")).toBe(2);
    // The components were brought up to date: one of two calls answered within 20 s.
    const metrics = await api().request("GET", "/api/metrics?metric=rt.service_level&scope=program");
    expect(metrics.body.values).toMatchObject([{ metric: "rt.service_level", period: "2026-03", scope: "care" }]);
    expect(metrics.body.values[0].value).toBeCloseTo(50, 9);
  });

  it("runs imports one at a time, lists them newest first, and recognises files already loaded", async () => {
    const post = (files: Record<string, string>) =>
      api().request("POST", "/api/imports", form({ dataset: "contacts" }, files), "ben");
    const first = await post({ "a.csv": csv(GOOD[0]!) });
    const second = await post({ "b.csv": csv(GOOD[1]!) });
    const [a, b] = [await ended(api(), first.body.id), await ended(api(), second.body.id)];
    expect([a.status, b.status]).toEqual(["done", "done"]);
    expect(Date.parse(b.startedAt)).toBeGreaterThanOrEqual(Date.parse(a.finishedAt));
    const again = await upload(api(), { dataset: "contacts" }, { "a.csv": csv(GOOD[0]!) });
    expect(again).toMatchObject({ status: "done", alreadyLoaded: true, batchId: a.batchId });

    const history = await api().request("GET", "/api/imports");
    expect(history.status).toBe(200);
    expect(history.body.imports.map((i: { id: number }) => i.id)).toEqual([again.id, b.id, a.id]);
    expect(history.body.imports[2]).toMatchObject({ files: ["a.csv"], rows: { loaded: 1 }, createdBy: "ben" });
    expect(history.body.imports[0]).not.toHaveProperty("problems");
    expect((await api().request("GET", "/api/imports?limit=1")).body.imports).toHaveLength(1);
  });

  it("fails an import with bad rows, naming file, line, field, value and expectation, and loads nothing", async () => {
    const failed = await upload(api(), { dataset: "contacts", onError: "fail" }, { "bad.csv": csv(...GOOD, BAD) });
    expect(failed).toMatchObject({ status: "failed", rows: { loaded: 0 }, problemCount: 3, hasRejects: false });
    expect(failed.error).toMatch(/^3 problems in 1 row; nothing was loaded\. .*onError quarantine/);
    expect(failed.problems).toEqual(
      expect.arrayContaining([
        { file: "bad.csv", line: 4, field: "kind", value: "real-tme", expected: expect.stringMatching(/^one of /) },
        { file: "bad.csv", line: 4, field: "arrived_at", value: "yesterday", expected: expect.any(String) },
        { file: "bad.csv", line: 4, field: "wait_seconds", value: "abc", expected: "a number" },
      ]),
    );
    expect(await warehouseCount(api(), "SELECT count(*) AS n FROM contacts")).toBe(0);
    expect((await api().request("GET", `/api/imports/${failed.id}/rejects`)).status).toBe(404);
  });

  it("quarantines bad rows: the good ones load and the rest can be downloaded with their reasons", async () => {
    const done = await upload(
      api(),
      { dataset: "contacts", onError: "quarantine" },
      { "mixed.csv": csv(...GOOD, BAD) },
    );
    expect(done).toMatchObject({ status: "done", rows: { read: 3, loaded: 2, rejected: 1 }, hasRejects: true });
    expect(done.problems).toHaveLength(3);
    const rejects = await api().request("GET", `/api/imports/${done.id}/rejects`);
    expect(rejects.status).toBe(200);
    expect(rejects.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(rejects.headers["content-disposition"]).toBe(`attachment; filename="import-${done.id}-rejects.csv"`);
    const lines = rejects.text.trim().split("\n");
    expect(lines[0]).toBe("file,line,problems,record");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('mixed.csv,4,"mixed.csv:4: kind: ""real-tme"", expected one of');
  });

  it("loads a real export with a shipped mapping, counting the rows it leaves out", async () => {
    const done = await upload(api(), { dataset: "contacts", mapping: "anonymous-bank" }, { "jan.tsv": bankSample() });
    expect(done).toMatchObject({ status: "done", mapping: "anonymous-bank", rows: { read: 300, rejected: 0 } });
    expect(done.rows.loaded + done.rows.excluded).toBe(300);
    expect(Object.values(done.excludedBy).reduce((a: number, b) => a + (b as number), 0)).toBe(done.rows.excluded);
    expect(await warehouseCount(api(), "SELECT count(*) AS n FROM contacts WHERE source = 'anonymous-bank'")).toBe(
      done.rows.loaded,
    );
  });

  it("refuses bad uploads with a 4xx naming the field, and saves and records nothing", async () => {
    const refused = async (body: FormData | object, fields: string[], status = 400) => {
      const response = await api().request("POST", "/api/imports", body);
      expect(response.status, JSON.stringify(response.body)).toBe(status);
      expect(response.body.error).toEqual(expect.any(String));
      expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual(fields);
      return response.body;
    };
    const file = { "x.csv": csv(...GOOD) };
    const unknown = await refused(form({ dataset: "calls" }, file), ["dataset"]);
    expect(unknown.error).toMatch(/dataset: expected a canonical dataset: .*contacts/);
    const noMapping = await refused(form({ dataset: "contacts", mapping: "acme-acd" }, file), ["mapping"]);
    expect(noMapping.error).toContain('no shipped mapping "acme-acd"; one of: anonymous-bank');
    const otherDataset = await refused(form({ dataset: "queues", mapping: "anonymous-bank" }, file), ["mapping"]);
    expect(otherDataset.error).toContain('mapping "anonymous-bank" loads contacts, not queues');
    await refused(form({ dataset: "contacts", onError: "ignore" }, file), ["onError"]);
    await refused(form({ dataset: "contacts", colour: "blue" }, file), ["colour"]);
    await refused(form({ dataset: "contacts" }, {}), ["files"]);
    await refused(form({}, file), ["dataset"]);
    const twice = new FormData();
    twice.append("dataset", "contacts");
    twice.append("file", new Blob(["a"]), "same.csv");
    twice.append("file", new Blob(["b"]), "same.csv");
    await refused(twice, ["file"]);
    await refused({ dataset: "contacts" }, [""], 415);

    expect((await api().request("GET", "/api/imports")).body.imports).toEqual([]);
    expect(await api().app.db.selectFrom("imports").selectAll().execute()).toEqual([]);
    const uploads = join(api().dataDir, "uploads");
    expect(existsSync(uploads) ? readdirSync(uploads) : []).toEqual([]);
  });

  it("answers 404 for an import that does not exist and 400 for an id that is not one", async () => {
    const missing = await api().request("GET", "/api/imports/999");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: "no import 999", details: [{ field: "id", message: "no import 999" }] });
    expect((await api().request("GET", "/api/imports/999/rejects")).status).toBe(404);
    const notAnId = await api().request("GET", "/api/imports/first");
    expect(notAnId.status).toBe(400);
    expect(notAnId.body.details).toMatchObject([{ field: "id", in: "params" }]);
    const badLimit = await api().request("GET", "/api/imports?limit=0");
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.details).toMatchObject([{ field: "limit", in: "query" }]);
  });
});
