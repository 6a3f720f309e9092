/**
 * The routes that read the Standard and apply its rules: GET /api/standard and POST /api/judge. They write
 * nothing, so one server per engine serves every test.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { judge } from "../../src/standard/judge.ts";
import { loadPack } from "../../src/standard/pack.ts";
import { ENGINES } from "../support/app-db.ts";
import { serverPerSuite } from "../support/server.ts";

const pack = loadPack();
const example = JSON.parse(readFileSync("examples/judge/contact-center.json", "utf8"));

describe.each(ENGINES)("the Standard and its rules on %s", (engine) => {
  const api = serverPerSuite(engine);

  it("GET /api/standard: items, CSP and OSP totals, the metric catalog", async () => {
    const { status, body } = await api().request("GET", "/api/standard");
    expect(status).toBe(200);
    expect(body.pack.id).toBe("copc-cx-cc-7.0");
    expect(body.totals.csp.available).toBe(4000);
    expect(body.totals.osp.available).toBe(4360);
    expect(body.items).toHaveLength(pack.items.length);
    expect(body.metrics).toHaveLength(pack.metrics.length);
    expect(body.waivers).toBe(pack.waivers.length);
  });

  it("GET /api/standard?exhibit=3: only that exhibit's metrics", async () => {
    const { status, body } = await api().request("GET", "/api/standard?exhibit=3&pack=copc-cx-cc-7.0");
    expect(status).toBe(200);
    expect(body.metrics.length).toBeGreaterThan(0);
    expect(body.metrics.length).toBe(pack.metrics.filter((m) => m.exhibit === "3").length);
    expect(new Set(body.metrics.map((m: { exhibit: string }) => m.exhibit))).toEqual(new Set(["3"]));
  });

  it("GET /api/standard with bad parameters: a 400 naming each", async () => {
    const bad = await api().request("GET", "/api/standard?exhibit=9&pack=nope&colour=blue");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^invalid query: /);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(["colour", "exhibit", "pack"]);
    expect(bad.body.details.every((d: { in: string }) => d.in === "query")).toBe(true);
  });

  it("POST /api/judge: the judgement cxpm judge gives for the same file", async () => {
    const { status, body } = await api().request("POST", "/api/judge", example);
    expect(status).toBe(200);
    expect(body).toEqual(JSON.parse(JSON.stringify(judge(example, pack))));
    expect(typeof body.item46Met).toBe("boolean");
    expect(body.scopes.length).toBeGreaterThan(0);
  });

  it("POST /api/judge with bad series: a 400 naming the field", async () => {
    const broken = structuredClone(example);
    broken.series[0].periods[1].value = "eighty";
    broken.provider = "bpo";
    const { status, body } = await api().request("POST", "/api/judge", broken);
    expect(status).toBe(400);
    const fields = body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(["provider", "series[0].periods[1].value"]);
    expect(body.error).toContain("series[0].periods[1].value");

    const empty = await api().request("POST", "/api/judge", { series: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.details).toMatchObject([{ field: "series" }]);
    const unknownPack = await api().request("POST", "/api/judge", { ...example, pack: "copc-cx-cc-9.9" });
    expect(unknownPack.status).toBe(400);
    expect(unknownPack.body.details[0].field).toBe("pack");
  });

  it("POST /api/judge with no JSON: a 400 that says so", async () => {
    const response = await api().server.inject({
      method: "POST",
      url: "/api/judge",
      headers: { "content-type": "application/json" },
      payload: "{ not json",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: expect.stringMatching(/JSON/), details: [{ in: "body" }] });
  });
});
