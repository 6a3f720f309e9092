/**
 * GET /api/metrics over a real warehouse: a DuckDB file in a temporary folder holding a small demo operation.
 * The route only reads, so one server per engine serves every test; what it answers must be what the warehouse
 * computes, and bad parameters are a 400 naming the field.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPack } from "../../src/standard/pack.ts";
import { generateDemo } from "../../src/warehouse/demo/generate.ts";
import { metricValues } from "../../src/warehouse/metrics/compute.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";
import { ENGINES } from "../support/app-db.ts";
import { serverPerSuite } from "../support/server.ts";

const pack = loadPack();
const folder = mkdtempSync(join(tmpdir(), "cxpm-http-metrics-"));
const path = join(folder, "warehouse.duckdb");

/** What the warehouse itself computes for a query, to compare the API's answer with. */
async function computed(query: Parameters<typeof metricValues>[2]) {
  const warehouse = await Warehouse.open(path);
  try {
    return JSON.parse(JSON.stringify(await metricValues(warehouse, pack, query)));
  } finally {
    warehouse.close();
  }
}

beforeAll(async () => {
  const warehouse = await Warehouse.open(path);
  try {
    await generateDemo(warehouse, { seed: 11, contacts: 1_500, months: 2, end: "2026-03" });
  } finally {
    warehouse.close();
  }
}, 60_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe.each(ENGINES)("metrics API on %s", (engine) => {
  const api = serverPerSuite(engine, { warehouse: path });

  it("gives each metric per month and program with the components behind it, as the warehouse computes them", async () => {
    const { status, body } = await api().request("GET", "/api/metrics");
    expect(status).toBe(200);
    expect(body).toMatchObject({ by: "month", scope: "program", from: null, to: null });
    expect(body.values.length).toBeGreaterThan(0);
    expect(body.values).toEqual(await computed({ by: "month", scope: "program" }));
    // The demo's two months, and for people metrics the months of its roster before them.
    const periods = new Set(body.values.map((v: { period: string }) => v.period));
    for (const month of ["2026-02", "2026-03"]) expect(periods).toContain(month);
    expect([...periods].every((p) => (p as string) <= "2026-03")).toBe(true);
  });

  it("rolls up to a quarter and the entity, for the metrics and months asked", async () => {
    const url = "/api/metrics?by=quarter&scope=entity&metric=rt.service_level,rt.abandonment_rate&from=2026-01";
    const { status, body } = await api().request("GET", url);
    expect(status).toBe(200);
    expect(body.values.map((v: { metric: string; period: string }) => `${v.metric} ${v.period}`).sort()).toEqual([
      "rt.abandonment_rate 2026-Q1",
      "rt.service_level 2026-Q1",
    ]);
    expect(body.values).toEqual(
      await computed({
        by: "quarter",
        scope: "entity",
        from: "2026-01",
        metrics: ["rt.service_level", "rt.abandonment_rate"],
      }),
    );
    const sl = body.values.find((v: { metric: string }) => v.metric === "rt.service_level");
    expect(sl.value).toBeCloseTo((100 * sl.components.answered_within_threshold) / sl.components.offered, 9);
    const march = await api().request("GET", "/api/metrics?from=2026-03&to=2026-03&metric=rt.service_level");
    expect(new Set(march.body.values.map((v: { period: string }) => v.period))).toEqual(new Set(["2026-03"]));
  });

  it("refuses bad parameters with a 400 naming each", async () => {
    const cases: [string, string[]][] = [
      ["/api/metrics?metric=rt.happiness", ["metric[0]"]],
      ["/api/metrics?from=2026-03&to=2026-01", ["from"]],
      ["/api/metrics?scope=galaxy&by=week", ["by", "scope"]],
      ["/api/metrics?from=2026-1", ["from"]],
      ["/api/metrics?colour=blue", ["colour"]],
    ];
    for (const [url, fields] of cases) {
      const response = await api().request("GET", url);
      expect(response.status, url).toBe(400);
      expect(response.body.details.map((d: { field: string }) => d.field).sort(), url).toEqual(fields);
    }
    const unknown = await api().request("GET", "/api/metrics?metric=rt.happiness");
    expect(unknown.body.error).toContain("not a metric the warehouse computes yet; one of: ");
  });
});
