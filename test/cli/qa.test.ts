import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../src/warehouse/demo/generate.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";

const dir = mkdtempSync(join(tmpdir(), "cxpm-qa-"));
const db = join(dir, "warehouse.duckdb");
const PROGRAM = "tailspin-care-lisbon";

const cxpm = (...args: string[]) => spawnSync("node", ["bin/cxpm.js", "qa", ...args, "--db", db], { encoding: "utf8" });
const json = (...args: string[]) => {
  const result = cxpm(...args, "--json");
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
};

beforeAll(async () => {
  const warehouse = await Warehouse.open(db);
  try {
    await generateDemo(warehouse, { seed: 3, contacts: 4_000, months: 2, end: "2026-03" });
  } finally {
    warehouse.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each command line starts a Node process (seconds on a busy machine): a few, each checking much. The
// behaviour behind them is tested in test/warehouse/quality-*.test.ts.
describe("cxpm qa", () => {
  it("plan: one JSON document with a row per program, month and kind of work", () => {
    const plan = json("plan", "--program", PROGRAM, "--margin", "0.1");
    expect(plan).toMatchObject({ confidence: 0.95, margin: 0.1, p: 0.5 });
    expect(plan.rows.map((r: { month: string }) => r.month)).toEqual(["2026-02", "2026-03"]);
    for (const r of plan.rows) {
      expect(r.volume).toBeGreaterThan(0);
      expect(r.monitored).toBeGreaterThan(0);
      expect(r.worseThanPlan).toBe(r.achievedMargin > 0.1);
      expect(r.accuracy.customer.lower).toBeLessThanOrEqual(r.accuracy.customer.estimate);
    }
  });

  it("draw: the chosen contacts as CSV, with the seed that repeats the draw", () => {
    const result = cxpm("draw", "--program", PROGRAM, "--month", "2026-03", "--n", "12", "--seed", "11", "--csv");
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toBe("source,source_id,agent_id,queue_id,arrived_at,seed");
    expect(lines).toHaveLength(13);
    expect(new Set(lines.slice(1)).size).toBe(12);
    for (const line of lines.slice(1)) expect(line.endsWith(",11")).toBe(true);
  });

  it("compliance: every CSS with what is met, due or overdue", () => {
    const result = cxpm("compliance", "--program", PROGRAM, "--month", "2026-03");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Monitoring compliance of ${PROGRAM}'s CSSs in 2026-03 (quarter 2026-Q1)`);
    expect(result.stdout).toContain(`${PROGRAM}-r0001`);
  });

  it("calibration: each evaluator of the demo's session against the quality lead, JSON", () => {
    const report = json("calibration", "--program", PROGRAM, "--quarter", "2026-Q1", "--threshold", "0.85");
    expect(report).toMatchObject({ threshold: 0.85, confidence: 0.95 });
    expect(report.quarters).toHaveLength(1);
    const [q] = report.quarters;
    expect(q).toMatchObject({ program: PROGRAM, quarter: "2026-Q1", references: ["qa-lisbon-lead"] });
    expect(q.evaluators.length + q.missing.length).toBe(q.expected.length);
    for (const e of q.evaluators) {
      expect(e.compared).toBe(6 * e.transactions);
      expect(e.belowThreshold).toBe(e.share < 0.85);
    }
  });

  it("coaching: the month's failed evaluations, their coaching and the consequences, JSON", () => {
    const report = json("coaching", "--program", PROGRAM, "--month", "2026-02", "--repeat-days", "60");
    expect(report).toMatchObject({ program: PROGRAM, month: "2026-02", asOf: "2026-03-31" });
    expect(report.settings).toMatchObject({ repeatFailures: 2, repeatWindowDays: 60, coachingDays: 7 });
    const { summary, csss } = report;
    expect(summary.failed).toBe(csss.reduce((n: number, c: { failed: unknown[] }) => n + c.failed.length, 0));
    expect(summary.coached + summary.coachedLate + summary.due + summary.overdue).toBe(summary.failed);
  });

  it("cx-link: top-box rates with and without each class of critical error, JSON", () => {
    const link = json("cx-link", "--from", "2026-02", "--to", "2026-03");
    expect(link).toMatchObject({ program: null, from: "2026-02", to: "2026-03", topBoxes: 2 });
    expect(link.transactions).toBeGreaterThan(0);
    expect(link.classes.map((c: { errorClass: string }) => c.errorClass)).toEqual([
      "customer",
      "business",
      "compliance",
      "any",
    ]);
    for (const c of link.classes) {
      expect(c.withError.transactions + c.withoutError.transactions).toBe(link.transactions);
    }
  });

  it("refuses a draw larger than the month's contacts, exit 1, nothing on stdout", () => {
    const result = cxpm("draw", "--program", PROGRAM, "--month", "2026-03", "--n", "999999");
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/cxpm: cannot draw 999999 contacts: program tailspin-care-lisbon handled \d+/);
  });
});
