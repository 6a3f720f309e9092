/**
 * The target routes on both engines, each test with its own app database: set targets, read those in force and
 * the history; bad input is a 400 naming the field, with nothing written.
 */
import { describe, expect, it } from "vitest";
import { ENGINES } from "../support/app-db.ts";
import { seedOrganisation } from "../support/organisation.ts";
import { serverPerTest, type TestServer } from "../support/server.ts";

const SL = { metric: "rt.service_level", scope: { level: "program", id: "nw-care" }, source: "client" };
const UTIL = { metric: "rt.css_utilization", scope: { level: "entity", id: "acme" }, source: "internal" };

const history = async (api: TestServer) => (await api.request("GET", "/api/targets/history")).body.targets;

describe.each(ENGINES)("targets API on %s", (engine) => {
  const api = serverPerTest(engine);

  it("sets targets, closes the one in force, and answers per month and in full", async () => {
    await seedOrganisation(api().app.db);
    const first = await api().request("POST", "/api/targets", { ...SL, value: 80, effectiveFrom: "2026-01" }, "ana");
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      ...SL,
      value: 80,
      effectiveFrom: "2026-01",
      effectiveTo: null,
      changedBy: "ana",
    });
    const second = await api().request("POST", "/api/targets", { ...SL, value: 85, effectiveFrom: "2026-04" }, "ben");
    expect(second.status).toBe(201);
    const util = await api().request("POST", "/api/targets", {
      ...UTIL,
      value: 80,
      effectiveFrom: "2026-01",
      reason: "new site ramping up",
    });
    expect(util.body).toMatchObject({ benchmark: 86, reason: "new site ramping up", changedBy: "anonymous" });

    const march = await api().request("GET", "/api/targets?month=2026-03");
    expect(march.body.month).toBe("2026-03");
    expect(march.body.targets.map((t: { metric: string; value: number }) => `${t.metric}=${t.value}`)).toEqual([
      "rt.css_utilization=80",
      "rt.service_level=80",
    ]);
    const april = await api().request("GET", "/api/targets?month=2026-04&scopeLevel=program&scopeId=nw-care");
    expect(april.body.targets).toMatchObject([{ id: second.body.id, value: 85 }]);
    const thisMonth = await api().request("GET", "/api/targets");
    expect(thisMonth.body.month).toMatch(/^\d{4}-\d{2}$/);

    const all = await api().request("GET", "/api/targets/history?metric=rt.service_level");
    expect(all.body.targets).toEqual([
      { ...first.body, effectiveTo: "2026-03", closedBy: second.body.id },
      second.body,
    ]);
  });

  it("refuses bad targets with a 400 naming the field, and writes nothing", async () => {
    await seedOrganisation(api().app.db);
    const refused = async (body: unknown, expected: string[]) => {
      const response = await api().request("POST", "/api/targets", body);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.error).toEqual(expect.any(String));
      expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual(expected);
      return response.body;
    };
    const below = await refused({ ...UTIL, value: 80, effectiveFrom: "2026-01" }, ["reason"]);
    expect(below.error).toContain("below the benchmark 86");
    await refused({ ...SL, value: 80, effectiveFrom: "2026-01", source: "comparative" }, ["comparativeDataDate"]);
    await refused({ ...SL, scope: { level: "program", id: "nw-sales" }, value: 80, effectiveFrom: "2026-01" }, [
      "scope.id",
    ]);
    await refused({ ...SL, metric: "rt.happiness", value: 80, effectiveFrom: "2026-01" }, ["metric"]);
    await refused({ ...SL, value: "high", effectiveFrom: "January", extra: true }, ["effectiveFrom", "extra", "value"]);
    await refused({ ...SL, scope: { level: "planet", id: "earth" }, value: 80, effectiveFrom: "2026-01" }, [
      "scope.level",
    ]);
    expect(await history(api())).toEqual([]);
    expect((await api().request("GET", "/api/audit?subjectKind=target")).body.entries).toEqual([]);
  });

  it("refuses bad queries with a 400 naming the parameter", async () => {
    const cases: [string, string][] = [
      ["/api/targets?month=2026-13", "month"],
      ["/api/targets?scopeId=nw-care", "scopeLevel"],
      ["/api/targets/history?scopeLevel=galaxy", "scopeLevel"],
      ["/api/targets/history?colour=blue", "colour"],
    ];
    for (const [url, field] of cases) {
      const response = await api().request("GET", url);
      expect(response.status, url).toBe(400);
      expect(response.body.details, url).toMatchObject([{ field, in: "query" }]);
    }
  });
});
