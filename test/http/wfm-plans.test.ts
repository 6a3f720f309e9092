/**
 * /api/wfm/capacity-plans and /api/wfm/schedules over a real warehouse holding a small demo operation and a
 * PGlite app database: make, list, read, publish and delete, and the 400s and 404s a caller can act on. The
 * services themselves are tested on both engines in test/app/wfm-plans.test.ts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../src/warehouse/demo/generate.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";
import { serverPerSuite } from "../support/server.ts";

const folder = mkdtempSync(join(tmpdir(), "cxpm-http-wfm-plans-"));
const path = join(folder, "warehouse.duckdb");
const QUEUE = "tailspin-care-lisbon-voice";

beforeAll(async () => {
  const warehouse = await Warehouse.open(path);
  try {
    await generateDemo(warehouse, { seed: 3, contacts: 4_000, months: 2, end: "2026-03" });
  } finally {
    warehouse.close();
  }
}, 60_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("capacity plans and schedules API", () => {
  const api = serverPerSuite("pglite", { warehouse: path });

  it("schedules: make one with a time limit, list it, read it, publish it, delete it", async () => {
    const made = await api().request(
      "POST",
      "/api/wfm/schedules",
      { queue: QUEUE, week: "2026-03-16", timeLimitSeconds: 2 },
      "ana",
    );
    expect(made.status).toBe(201);
    const plan = made.body;
    expect(plan).toMatchObject({ kind: "schedule", queue: QUEUE, firstDay: "2026-03-16", status: "draft" });
    expect(plan.createdBy).toBe("ana");
    expect(plan.inputs).toMatchObject({ timeLimitSeconds: 2, underWeight: 20, overWeight: 1 });
    expect(plan.result.intervals).toHaveLength(336);
    expect(plan.result.roster).toHaveLength(plan.summary.agents);
    expect(plan.summary.solveSeconds).toBeLessThan(10);
    expect(plan.summary.lpBound).toBeLessThanOrEqual(plan.summary.objective);

    const listed = await api().request("GET", `/api/wfm/schedules?queue=${QUEUE}`);
    expect(listed.status).toBe(200);
    expect(listed.body.plans).toEqual([expect.objectContaining({ id: plan.id, summary: plan.summary })]);
    expect(listed.body.plans[0].result).toBeUndefined();
    expect((await api().request("GET", "/api/wfm/schedules?queue=other")).body.plans).toEqual([]);
    expect((await api().request("GET", `/api/wfm/schedules/${plan.id}`)).body).toEqual(plan);

    const published = await api().request("POST", `/api/wfm/schedules/${plan.id}/publish`, undefined, "ben");
    expect(published.status).toBe(200);
    // Half-hours onto the demo's hourly workforce intervals: 168 hours.
    expect(published.body).toMatchObject({ rows: 168, plan: { status: "published", publishedBy: "ben" } });
    expect(published.body.inserted + published.body.updated).toBe(168);
    expect(published.body.daysRecomputed).toBeGreaterThanOrEqual(7);

    expect((await api().request("DELETE", `/api/wfm/schedules/${plan.id}`)).status).toBe(204);
    const gone = await api().request("GET", `/api/wfm/schedules/${plan.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatch(/GET \/api\/wfm\/schedules/);
  }, 60_000);

  it("capacity plans: defaults filled in, a weekly plan with the hiring week, publish and 404s", async () => {
    const made = await api().request("POST", "/api/wfm/capacity-plans", { queue: QUEUE, weeks: 4, lagWeeks: 2 });
    expect(made.status).toBe(201);
    const plan = made.body;
    expect(plan).toMatchObject({ kind: "capacity", firstDay: "2026-04-06", days: 28, createdBy: "anonymous" });
    expect(plan.inputs).toMatchObject({
      shrinkage: 0.3,
      attritionMonthly: 0.03,
      method: "erlang-c",
      serviceLevel: 0.8,
    });
    expect(plan.result.weeks).toHaveLength(4);
    for (const w of plan.result.weeks) expect(w.gapFte).toBeCloseTo(w.requiredFte - w.plannedFte, 1);
    expect(plan.summary.peakRequiredFte).toBe(
      Math.max(...plan.result.weeks.map((w: { requiredFte: number }) => w.requiredFte)),
    );

    const published = await api().request("POST", `/api/wfm/capacity-plans/${plan.id}/publish`);
    expect(published.body).toMatchObject({ rows: 4 * 7 * 24, inserted: 4 * 7 * 24, updated: 0 });
    // A schedule's id is not a capacity plan's.
    expect((await api().request("GET", `/api/wfm/schedules/${plan.id}`)).status).toBe(404);
    expect((await api().request("POST", "/api/wfm/capacity-plans/999/publish")).status).toBe(404);
  }, 60_000);

  it("400 names the field at fault", async () => {
    const field = async (url: string, body: unknown) => {
      const response = await api().request("POST", url, body);
      expect(response.status).toBe(400);
      return response.body.details.map((d: { field: string }) => d.field);
    };
    expect(await field("/api/wfm/schedules", { queue: "nowhere" })).toEqual(["queue"]);
    expect(await field("/api/wfm/schedules", { queue: QUEUE, timeLimitSeconds: 0 })).toEqual(["timeLimitSeconds"]);
    expect(
      await field("/api/wfm/schedules", { queue: QUEUE, patterns: [{ name: "x", lengthMinutes: 480, starts: [] }] }),
    ).toEqual(["patterns[0].starts"]);
    expect(await field("/api/wfm/capacity-plans", { weeks: 4 })).toEqual(["queue"]);
    expect(await field("/api/wfm/capacity-plans", { queue: QUEUE, shrinkage: 1.5 })).toEqual(["shrinkage"]);
    expect((await api().request("GET", "/api/wfm/schedules/abc")).status).toBe(400);
    expect((await api().request("GET", "/api/wfm/capacity-plans")).body.plans).toHaveLength(1);
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await api().request("GET", "/api/openapi.json")).body;
    for (const p of ["/api/wfm/schedules", "/api/wfm/schedules/{id}", "/api/wfm/capacity-plans/{id}/publish"]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});
