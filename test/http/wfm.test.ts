/**
 * GET /api/wfm/… over a small demo operation (real DuckDB warehouse, PGlite app database with the demo's
 * targets): each answer is what the services in src/app compute, the routes are in the OpenAPI document, an
 * unknown queue is a 404 naming the queues there are, and a bad date or number is a 400 naming the field.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpDemo } from "../../src/app/demo.ts";
import { consistencyReport } from "../../src/app/wfm-consistency.ts";
import { forecastVsActual, wfmQueues } from "../../src/app/wfm-forecast.ts";
import { loadPack } from "../../src/standard/pack.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";
import { serverPerSuite } from "../support/server.ts";

const folder = mkdtempSync(join(tmpdir(), "cxpm-http-wfm-"));
const path = join(folder, "warehouse.duckdb");
const QUEUE = "contoso-support-manila-voice";

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("WFM API", () => {
  const api = serverPerSuite("pglite", { warehouse: path });
  const get = (url: string) => api().request("GET", url);

  // After the server's hooks: the demo's targets go into the server's own app database.
  beforeAll(async () => {
    const warehouse = await Warehouse.open(path);
    try {
      await setUpDemo(api().app.db, loadPack(), warehouse, { seed: 5, contacts: 6_000, months: 2, end: "2026-03" });
    } finally {
      warehouse.close();
    }
  }, 60_000);

  /** What the services compute on the same warehouse, as JSON. */
  async function computed<T>(work: (warehouse: Warehouse) => Promise<T>) {
    const warehouse = await Warehouse.open(path);
    try {
      return JSON.parse(JSON.stringify(await work(warehouse)));
    } finally {
      warehouse.close();
    }
  }

  it("queues: every queue with its program, kind, threshold and span, busiest first", async () => {
    const { status, body } = await get("/api/wfm/queues");
    expect(status).toBe(200);
    expect(body.queues).toEqual(await computed(wfmQueues));
    expect(body.queues.find((q: { id: string }) => q.id === QUEUE)).toMatchObject({
      program: "contoso-support-manila",
      kind: "real-time",
      slThresholdSeconds: 30,
      lastDay: "2026-03-31",
    });
  });

  it("forecast: by default the history's last week against its actuals, as the service computes it", async () => {
    const { status, body } = await get(`/api/wfm/forecast?queue=${QUEUE}`);
    expect(status).toBe(200);
    expect(body).toEqual(await computed((w) => forecastVsActual(w, { queue: QUEUE })));
    expect(body).toMatchObject({ from: "2026-03-25", to: "2026-03-31", intervalMinutes: 30 });
    expect(body.slots).toHaveLength(48);
    expect(body.days).toHaveLength(7);
    expect(body.days.every((d: { actual: unknown }) => d.actual !== null)).toBe(true);
    expect(body.backtest.scores.map((s: { method: string }) => s.method)).toContain(body.method);
  });

  it("forecast: the days and interval asked for, and past the history without actuals", async () => {
    const { status, body } = await get(`/api/wfm/forecast?queue=${QUEUE}&from=2026-03-30&days=3&interval=60`);
    expect(status).toBe(200);
    expect(body.slots).toHaveLength(24);
    expect(body.days.map((d: { day: string; actual: unknown }) => [d.day, d.actual !== null])).toEqual([
      ["2026-03-30", true],
      ["2026-03-31", true],
      ["2026-04-01", false],
    ]);
    expect(body.history).toEqual({ from: body.history.from, to: "2026-03-29" });
  });

  it("forecast: an unknown queue is a 404 naming the known ones; a bad date or number is a 400", async () => {
    const missing = await get("/api/wfm/forecast?queue=nowhere");
    expect(missing.status).toBe(404);
    expect(missing.body.details[0].field).toBe("queue");
    expect(missing.body.details[0].message).toMatch(
      /no queue "nowhere"; its queues are .*contoso-support-manila-voice/,
    );
    const badDate = await get(`/api/wfm/forecast?queue=${QUEUE}&from=2026-13-45`);
    expect(badDate.status).toBe(400);
    expect(badDate.body.details[0].field).toBe("from");
    const written = await get(`/api/wfm/forecast?queue=${QUEUE}&from=25.03.2026`);
    expect(written.status).toBe(400);
    expect(written.body.details[0]).toMatchObject({ field: "from", in: "query" });
    const early = await get(`/api/wfm/forecast?queue=${QUEUE}&from=2026-02-03`);
    expect(early.status).toBe(400);
    expect(early.body.details[0].message).toMatch(/needs 14 days of history/);
    expect((await get(`/api/wfm/forecast?queue=${QUEUE}&days=0`)).body.details[0].field).toBe("days");
    expect((await get("/api/wfm/forecast")).body.details[0].field).toBe("queue");
  });

  it("target consistency: the queue's month and targets, as the service judges them", async () => {
    const { status, body } = await get(`/api/wfm/target-consistency?queue=${QUEUE}`);
    expect(status).toBe(200);
    expect(body).toEqual(await computed((w) => consistencyReport(api().app.db, w, { queue: QUEUE })));
    expect(body.month).toBe("2026-03");
    expect(body.inputs.serviceLevelTarget.value).toBe(0.8);
    expect(body.inputs.abandonmentTarget.value).toBe(0.05);
    expect(body.explanation).toMatch(/^(Consistent|Inconsistent): /);
  });

  it("target consistency: the classic 100 calls, 180 s, 80/20 with 120 s patience implies 6.2% abandonment", async () => {
    const url =
      "/api/wfm/target-consistency?calls=100&ahtSeconds=180&thresholdSeconds=20&serviceLevelTarget=0.8" +
      "&patienceSeconds=120&abandonmentTarget=0.05";
    const { status, body } = await get(url);
    expect(status).toBe(200);
    expect(body.queue).toBeNull();
    expect(body.load).toBe(10);
    expect(body.result).toMatchObject({ agents: 12, consistent: false, verdict: "abandonment-target-tighter" });
    expect(body.result.impliedAbandonment).toBeCloseTo(0.062, 3);
    const whatIf = await get(`/api/wfm/target-consistency?queue=${QUEUE}&abandonmentTarget=0.2&calls=100`);
    expect(whatIf.body.inputs.calls).toEqual({ value: 100, source: "given" });
    expect(whatIf.body.inputs.thresholdSeconds.value).toBe(30);
  });

  it("target consistency: missing numbers, bad shares, unknown and deferred queues are named", async () => {
    const bare = await get("/api/wfm/target-consistency?calls=100");
    expect(bare.status).toBe(400);
    expect(bare.body.details.map((d: { field: string }) => d.field)).toEqual([
      "ahtSeconds",
      "patienceSeconds",
      "thresholdSeconds",
      "serviceLevelTarget",
      "abandonmentTarget",
    ]);
    const share = await get(`/api/wfm/target-consistency?queue=${QUEUE}&serviceLevelTarget=80`);
    expect(share.status).toBe(400);
    expect(share.body.details[0].field).toBe("serviceLevelTarget");
    expect((await get(`/api/wfm/target-consistency?queue=${QUEUE}&month=2026-3`)).body.details[0].field).toBe("month");
    const unknown = await get("/api/wfm/target-consistency?queue=nowhere");
    expect(unknown.status).toBe(404);
    expect(unknown.body.details[0].message).toMatch(/its queues are/);
    const deferred = await get("/api/wfm/target-consistency?queue=northwind-care-chicago-email");
    expect(deferred.status).toBe(400);
    expect(deferred.body.details[0].message).toMatch(/is deferred work/);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = (await get("/api/openapi.json")).body;
    for (const route of ["/api/wfm/queues", "/api/wfm/forecast", "/api/wfm/target-consistency"]) {
      expect(doc.paths[route]?.get?.tags).toEqual(["wfm"]);
    }
  });
});
