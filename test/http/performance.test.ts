/**
 * The performance routes over a small demo operation: what they answer agrees with the services, exports are
 * well-formed, bad queries get a 400 naming the field, and setting a target moves the verdict.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppDb, openAppDb } from "../../src/app/db/connect.ts";
import { DEMO_ENTITY, setUpDemo } from "../../src/app/demo.ts";
import { warehouseAt } from "../../src/interfaces/http/context.ts";
import { buildServer } from "../../src/interfaces/http/server.ts";
import { loadPack } from "../../src/standard/pack.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";

const pack = loadPack();
let app: AppDb;
let server: FastifyInstance;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "cxpm-http-performance-"));
  const path = join(dir, "warehouse.duckdb");
  app = await openAppDb();
  const warehouse = await Warehouse.open(path);
  try {
    await setUpDemo(app.db, pack, warehouse, { contacts: 20_000, months: 4, end: "2026-06" });
  } finally {
    warehouse.close();
  }
  server = await buildServer({ app, withWarehouse: warehouseAt(path), pack, dataDir: dir });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await app?.close();
});

const get = async (url: string) => {
  const response = await server.inject({ method: "GET", url });
  return { status: response.statusCode, body: response.body, json: () => response.json(), headers: response.headers };
};

describe("GET /api/overview", () => {
  it("judges the entity and every region, location and service of the demo", async () => {
    const response = await get("/api/overview");
    expect(response.status).toBe(200);
    const body = response.json();
    expect(body.periods).toEqual(["2026-03", "2026-04", "2026-05", "2026-06"]);
    const levels = new Set(body.scopes.map((s: { scope: { level: string } }) => s.scope.level));
    expect([...levels].sort()).toEqual(["entity", "location", "region", "service"]);
    const entity = body.scopes[0];
    expect(entity.scope).toMatchObject({ level: "entity", id: DEMO_ENTITY.id, name: DEMO_ENTITY.name });
    expect(entity.counted).toBeGreaterThan(20);
    expect(entity.meetingShare).toBeCloseTo(entity.meeting / entity.counted, 12);
    expect(entity.met).toBe(entity.meetingShare >= 0.5 && entity.meetingOrImprovingShare >= 0.75);
    expect(body.freshness.latestDay).toBe("2026-06-30");
  });

  it("refuses a window that ends before it begins, naming the field", async () => {
    const response = await get("/api/overview?from=2026-06&to=2026-03");
    expect(response.status).toBe(400);
    expect(response.json().details[0].field).toBe("from");
    expect((await get("/api/overview?from=June")).status).toBe(400);
  });
});

describe("GET /api/summary", () => {
  it("gives one row per metric and program with a cell per month, filtered by scope", async () => {
    const all = (await get("/api/summary")).json();
    expect(all.rows.length).toBeGreaterThan(50);
    for (const row of all.rows) expect(row.cells.map((c: { period: string }) => c.period)).toEqual(all.periods);
    const manila = (await get("/api/summary?scopeLevel=location&scopeId=manila")).json();
    expect(manila.rows.length).toBeGreaterThan(0);
    expect(manila.rows.every((r: { program: { id: string } | null }) => r.program?.id.endsWith("-manila"))).toBe(true);
    const chat = (await get("/api/summary?channel=chat")).json();
    expect(chat.rows.every((r: { channels: string[] }) => r.channels.includes("chat"))).toBe(true);
  });

  it("exports CSV and XLSX", async () => {
    const csv = await get("/api/summary.csv?program=northwind-care-chicago");
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.body.split("\r\n")[0]).toMatch(/^item,metric,name,program/);
    const xlsx = await server.inject({ method: "GET", url: "/api/summary.xlsx" });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
  });

  it("refuses a scope level without its id and unknown parameters", async () => {
    const response = await get("/api/summary?scopeLevel=location");
    expect(response.status).toBe(400);
    expect(response.json().details[0].field).toBe("scopeId");
    expect((await get("/api/summary?colour=red")).status).toBe(400);
  });
});

describe("GET /api/metrics/:id/detail", () => {
  it("gives the definition, the points with their components and the drill-down", async () => {
    const response = await get("/api/metrics/rt.service_level/detail?scopeLevel=location&scopeId=chicago");
    expect(response.status).toBe(200);
    const body = response.json();
    expect(body.metric.id).toBe("rt.service_level");
    const point = body.points.at(-1);
    expect(point.value).toBeCloseTo((point.components.answered_within_threshold / point.components.offered) * 100, 9);
    expect(point.target).toBe(80);
    expect(body.breakdown.programs.every((p: { id: string }) => p.id.endsWith("-chicago"))).toBe(true);
    expect(body.breakdown.queues.length).toBeGreaterThan(0);
    const offered = body.breakdown.agents.reduce(
      (sum: number, a: { components: { offered: number } }) => sum + a.components.offered,
      0,
    );
    expect(offered).toBeGreaterThan(0);
  });

  it("answers 404 for a metric not in the catalog", async () => {
    const response = await get("/api/metrics/no.such/detail");
    expect(response.status).toBe(404);
    expect(response.json().error).toMatch(/no metric "no.such"/);
  });
});

describe("setting a target", () => {
  it("changes the summary and the verdict", async () => {
    const verdictBefore = (await get("/api/overview")).json().scopes[0];
    const before = (await get("/api/summary?program=northwind-care-chicago")).json();
    const row = before.rows.find((r: { metric: string }) => r.metric === "rt.service_level");
    expect(row.meeting).toBe(true);
    const set = await server.inject({
      method: "POST",
      url: "/api/targets",
      payload: {
        metric: "rt.service_level",
        scope: { level: "program", id: "northwind-care-chicago" },
        value: 99.9,
        effectiveFrom: "2026-03",
        source: "client",
      },
    });
    expect(set.statusCode).toBe(201);
    const after = (await get("/api/summary?program=northwind-care-chicago")).json();
    const changed = after.rows.find((r: { metric: string }) => r.metric === "rt.service_level");
    expect(changed.cells.every((c: { target: number }) => c.target === 99.9)).toBe(true);
    expect(changed.meeting).toBe(false);
    const verdictAfter = (await get("/api/overview")).json().scopes[0];
    expect(verdictAfter.meeting).toBe(verdictBefore.meeting - 1);
    expect(verdictAfter.meetingShare).toBeCloseTo((verdictBefore.meeting - 1) / verdictBefore.counted, 12);
  });
});

describe("changing a queue in the organisation", () => {
  it("recomputes the metrics with its new service-level threshold", async () => {
    const url = "/api/metrics/rt.service_level/detail?scopeLevel=program&scopeId=northwind-care-chicago";
    const before = (await get(url)).json().points.at(-1);
    const patch = await server.inject({
      method: "PATCH",
      url: "/api/organisation/queues/northwind-care-chicago-voice",
      payload: { slThresholdSeconds: 1 },
    });
    expect(patch.statusCode).toBe(200);
    const after = (await get(url)).json().points.at(-1);
    expect(after.components.offered).toBe(before.components.offered);
    expect(after.components.answered_within_threshold).toBeLessThan(before.components.answered_within_threshold);
  });
});

describe("the demo's loads", () => {
  it("are in the import history, one per dataset, with the rows the warehouse holds", async () => {
    const { imports } = (await get("/api/imports")).json() as {
      imports: { dataset: string; status: string; files: string[]; rows: { loaded: number }; createdBy: string }[];
    };
    const contacts = imports.find((i) => i.dataset === "contacts");
    expect(contacts).toMatchObject({ status: "done", files: [expect.stringMatching(/^cxpm demo --seed \d+/)] });
    expect(contacts!.rows.loaded).toBeGreaterThan(15_000);
    expect(new Set(imports.map((i) => i.dataset)).size).toBe(imports.length);
    expect(imports.map((i) => i.dataset)).toEqual(expect.arrayContaining(["queues", "people", "qa_evaluations"]));
  });
});
