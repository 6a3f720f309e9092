import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const cxpm = (...args: string[]) => spawnSync("node", ["bin/cxpm.js", ...args], { encoding: "utf8" });
const json = (...args: string[]) =>
  JSON.parse(execFileSync("node", ["bin/cxpm.js", ...args, "--json"], { encoding: "utf8" }));

describe("cxpm standard", () => {
  it("prints the pack as one JSON document", () => {
    const doc = json("standard");
    expect(doc.pack.id).toBe("copc-cx-cc-7.0");
    expect(doc.totals.csp.available).toBe(4000);
    expect(doc.totals.osp.available).toBe(4360);
    expect(doc.totals.osp.categories.map((c: { points: number }) => c.points)).toEqual([400, 1360, 600, 2000]);
    expect(doc.metrics.length).toBeGreaterThan(100);
  });

  it("filters the catalog by exhibit", () => {
    const doc = json("standard", "--exhibit", "3");
    expect(doc.metrics.every((m: { exhibit: string }) => m.exhibit === "3")).toBe(true);
  });

  it("prints tables for people", () => {
    const result = cxpm("standard");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Total\s*│\s*4000\s*│\s*4360/);
    expect(result.stdout).toContain("rt.service_level");
  });

  it("names an unknown pack on stderr with a non-zero exit", () => {
    const result = cxpm("standard", "--pack", "copc-9");
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/no pack named "copc-9"; shipped packs: copc-cx-cc-7.0/);
  });
});

describe("cxpm judge", () => {
  it("judges the example file", () => {
    const doc = json("judge", "examples/judge/contact-center.json");
    expect(doc.scopes[0].scope).toEqual({ level: "entity", id: "Northwind CX" });
    expect(doc.series.length).toBeGreaterThan(20);
    const scopeLevels = new Set(doc.scopes.map((s: { scope: { level: string } }) => s.scope.level));
    expect([...scopeLevels].sort()).toEqual(["entity", "location", "region", "service"]);
  });

  it("reports bad input with the path and a non-zero exit", () => {
    const dir = mkdtempSync(join(tmpdir(), "cxpm-"));
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ series: [{ metric: "rt.aht", periods: [{ period: "2026-1", value: 3 }] }] }));
    const result = cxpm("judge", file, "--json");
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("series[0].periods[0].period: expected a period");
    writeFileSync(file, "{ not json");
    expect(cxpm("judge", file).stderr).toMatch(/bad\.json is not valid JSON/);
    expect(cxpm("judge", join(dir, "missing.json")).stderr).toMatch(/cannot read .*missing\.json: ENOENT/);
  });

  it("reads standard input with -", () => {
    const input = JSON.stringify({
      series: [{ metric: "rt.aht", periods: [{ period: "2026-01", value: 300, target: 320 }] }],
    });
    const out = execFileSync("node", ["bin/cxpm.js", "judge", "-", "--json"], { input, encoding: "utf8" });
    expect(JSON.parse(out).series[0].periods[0].met).toBe(true);
  });

  it("exits 2 on a command line it does not understand", () => {
    const result = cxpm("judge");
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/missing required argument 'file'/);
  });
});
