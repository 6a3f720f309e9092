/**
 * GET /api/quality/… over a real warehouse holding a small demo operation. The routes only read the warehouse
 * (the app database plays no part), so one server on PGlite serves every test; each answer must be what the
 * warehouse's quality reports compute, and bad parameters are a 400 naming the field.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../src/warehouse/demo/generate.ts";
import { calibrationReport } from "../../src/warehouse/quality/calibration.ts";
import { coachingReport } from "../../src/warehouse/quality/coaching.ts";
import { monitoringComplianceReport } from "../../src/warehouse/quality/compliance.ts";
import { cxLink } from "../../src/warehouse/quality/cx-link.ts";
import { paretoReport } from "../../src/warehouse/quality/pareto.ts";
import { samplePlan } from "../../src/warehouse/quality/plan.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";
import { serverPerSuite } from "../support/server.ts";

const folder = mkdtempSync(join(tmpdir(), "cxpm-http-quality-"));
const path = join(folder, "warehouse.duckdb");
const PROGRAM = "northwind-care-chicago";

/** What the warehouse itself computes, as JSON, to compare the API's answer with. */
async function computed<T>(report: (warehouse: Warehouse) => Promise<T>) {
  const warehouse = await Warehouse.open(path);
  try {
    return JSON.parse(JSON.stringify(await report(warehouse)));
  } finally {
    warehouse.close();
  }
}

beforeAll(async () => {
  const warehouse = await Warehouse.open(path);
  try {
    await generateDemo(warehouse, { seed: 5, contacts: 6_000, months: 2, end: "2026-03" });
  } finally {
    warehouse.close();
  }
}, 60_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("quality API", () => {
  const api = serverPerSuite("pglite", { warehouse: path });
  const get = (url: string) => api().request("GET", url);

  it("plan: the sample plan and accuracies per program and month, as the warehouse computes them", async () => {
    const { status, body } = await get(`/api/quality/plan?program=${PROGRAM}&margin=0.1`);
    expect(status).toBe(200);
    expect(body).toEqual(await computed((w) => samplePlan(w, { program: PROGRAM, margin: 0.1 })));
    expect(body.rows.map((r: { month: string; work: string }) => `${r.month} ${r.work}`)).toEqual([
      "2026-02 digital",
      "2026-02 human",
      "2026-03 digital",
      "2026-03 human",
    ]);
    expect((await get("/api/quality/plan?margin=5")).body.details[0]).toMatchObject({ field: "margin", in: "query" });
  });

  it("compliance: every CSS of the program in the month; a program without data is a 404", async () => {
    const { status, body } = await get(`/api/quality/compliance?program=${PROGRAM}&month=2026-03`);
    expect(status).toBe(200);
    expect(body).toEqual(await computed((w) => monitoringComplianceReport(w, { program: PROGRAM, month: "2026-03" })));
    expect(body.csss.length).toBeGreaterThan(0);
    const missing = await get("/api/quality/compliance?program=nowhere&month=2026-03");
    expect(missing.status).toBe(404);
    expect(missing.body.details[0].field).toBe("program");
    expect((await get(`/api/quality/compliance?program=${PROGRAM}`)).body.details[0].field).toBe("month");
  });

  it("coaching: the month's failures and their consequences", async () => {
    const { status, body } = await get(`/api/quality/coaching?program=${PROGRAM}&month=2026-02&repeatWindowDays=45`);
    expect(status).toBe(200);
    expect(body).toEqual(
      await computed((w) =>
        coachingReport(w, { program: PROGRAM, month: "2026-02", settings: { repeatWindowDays: 45 } }),
      ),
    );
    expect(body.settings.repeatWindowDays).toBe(45);
    expect((await get(`/api/quality/coaching?program=${PROGRAM}&month=2026-02&repeatFailures=1`)).status).toBe(400);
  });

  it("calibration: each evaluator against the reference, per quarter", async () => {
    const { status, body } = await get(`/api/quality/calibration?program=${PROGRAM}&threshold=0.9`);
    expect(status).toBe(200);
    expect(body).toEqual(await computed((w) => calibrationReport(w, { program: PROGRAM, threshold: 0.9 })));
    expect(body.quarters.map((q: { quarter: string }) => q.quarter)).toEqual(["2026-Q1"]);
    expect(body.quarters[0].references).toEqual(["qa-chicago-lead"]);
    const bad = await get("/api/quality/calibration?quarter=2026-5");
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe("quarter");
  });

  it("cx-link: top-box rates with and without each class of critical error", async () => {
    const { status, body } = await get("/api/quality/cx-link?from=2026-02&to=2026-03");
    expect(status).toBe(200);
    expect(body).toEqual(await computed((w) => cxLink(w, { from: "2026-02", to: "2026-03" })));
    expect(body.transactions).toBeGreaterThan(0);
    expect((await get("/api/quality/cx-link?from=2026-03&to=2026-02")).body.details[0].field).toBe("from");
  });

  it("pareto: the program's failed attributes, most frequent first, with the 3.5.1.e check", async () => {
    const { status, body } = await get(`/api/quality/pareto?program=${PROGRAM}&from=2026-02&to=2026-03`);
    expect(status).toBe(200);
    expect(body).toEqual(await computed((w) => paretoReport(w, { program: PROGRAM, from: "2026-02", to: "2026-03" })));
    expect(body.attributes.length).toBeGreaterThan(0);
    expect(body.consistency.disagreeing).toBe(0);
    const critical = (await get(`/api/quality/pareto?program=${PROGRAM}&class=critical`)).body;
    expect(critical.classes).toBe("critical");
    for (const a of critical.attributes) expect(a.class).not.toBe("non-critical");
    expect((await get("/api/quality/pareto?class=some")).body.details[0]).toMatchObject({
      field: "class",
      in: "query",
    });
  });
});
