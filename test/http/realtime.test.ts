/**
 * GET /api/wfm/realtime over a small demo warehouse: the answer is what src/warehouse/realtime.ts computes, an
 * unknown queue is a 404 naming the queues there are, a malformed time or threshold a 400 naming the field.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../src/warehouse/demo/generate.ts";
import { realtimeReport } from "../../src/warehouse/realtime.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";
import { serverPerSuite } from "../support/server.ts";

const folder = mkdtempSync(join(tmpdir(), "cxpm-http-realtime-"));
const path = join(folder, "warehouse.duckdb");
const QUEUE = "contoso-support-manila-voice";

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("real-time API", () => {
  const api = serverPerSuite("pglite", { warehouse: path });
  const get = (url: string) => api().request("GET", url);

  beforeAll(async () => {
    const warehouse = await Warehouse.open(path);
    try {
      await generateDemo(warehouse, { seed: 5, contacts: 4_000, months: 2, end: "2026-03" });
    } finally {
      warehouse.close();
    }
  }, 60_000);

  it("answers the report of a queue's day at the time asked", async () => {
    const { status, body } = await get(`/api/wfm/realtime?queue=${QUEUE}&at=10:30&threshold=0.2`);
    expect(status).toBe(200);
    const warehouse = await Warehouse.open(path);
    try {
      const expected = await realtimeReport(warehouse, { queue: QUEUE, at: "10:30", threshold: 0.2 });
      expect(body).toEqual(JSON.parse(JSON.stringify(expected)));
    } finally {
      warehouse.close();
    }
    expect(body).toMatchObject({ queue: QUEUE, day: "2026-03-31", at: "10:30", timeZone: "Asia/Manila" });
    expect(body.intervals[21].phase).toBe("ahead");
  });

  it("says which field is wrong, and which queues there are", async () => {
    const unknown = await get("/api/wfm/realtime?queue=nowhere");
    expect(unknown.status).toBe(404);
    expect(unknown.body.details[0]).toMatchObject({ field: "queue" });
    expect(unknown.body.error).toMatch(/queues include/);
    const time = await get(`/api/wfm/realtime?queue=${QUEUE}&at=9:30`);
    expect(time.status).toBe(400);
    expect(time.body.details[0].field).toBe("at");
    const threshold = await get(`/api/wfm/realtime?queue=${QUEUE}&threshold=0`);
    expect(threshold.status).toBe(400);
    expect(threshold.body.details[0].field).toBe("threshold");
  });

  it("is described in the OpenAPI document", async () => {
    const doc = (await get("/api/openapi.json")).body;
    expect(doc.paths["/api/wfm/realtime"]?.get?.tags).toEqual(["wfm"]);
  });
});
