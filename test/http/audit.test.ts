/**
 * GET /api/audit on both engines: the changes made through the API, newest first, with who made them and the
 * record before and after; filters; bad parameters are a 400 naming the field.
 */
import { describe, expect, it } from "vitest";
import { ENGINES } from "../support/app-db.ts";
import { serverPerTest } from "../support/server.ts";

describe.each(ENGINES)("audit API on %s", (engine) => {
  const api = serverPerTest(engine);

  it("lists the changes made through the API, newest first, filtered by subject", async () => {
    await api().request("POST", "/api/organisation/entities", { id: "acme" }, "ana");
    await api().request("POST", "/api/organisation/regions", { id: "apac" }, "ana");
    await api().request("PATCH", "/api/organisation/regions/apac", { name: "Asia Pacific" }, "ben");
    const all = await api().request("GET", "/api/audit");
    expect(all.status).toBe(200);
    expect(all.body.entries.map((e: { actor: string; action: string; subjectId: string }) => e)).toMatchObject([
      { actor: "ben", action: "update", subjectKind: "region", subjectId: "apac", before: { name: "apac" } },
      { actor: "ana", action: "create", subjectKind: "region", subjectId: "apac", before: null },
      { actor: "ana", action: "create", subjectKind: "entity", subjectId: "acme", after: { id: "acme" } },
    ]);
    expect(Date.parse(all.body.entries[0].at)).not.toBeNaN();
    const regions = await api().request("GET", "/api/audit?subjectKind=region&subjectId=apac&limit=1");
    expect(regions.body.entries).toMatchObject([{ action: "update" }]);
    expect((await api().request("GET", "/api/audit?subjectKind=queue")).body.entries).toEqual([]);
  });

  it("refuses bad parameters with a 400 naming each", async () => {
    const response = await api().request("GET", "/api/audit?limit=5000&colour=blue");
    expect(response.status).toBe(400);
    expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual(["colour", "limit"]);
    expect((await api().request("GET", "/api/audit?limit=ten")).status).toBe(400);
  });
});
