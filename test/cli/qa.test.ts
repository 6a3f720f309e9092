import { describe, expect, it } from "vitest";
import { demoWarehouse, runCxpm, runCxpmJson } from "../support/cli.ts";

const { db } = demoWarehouse();
const PROGRAM = "tailspin-care-lisbon";

const cxpm = (...args: string[]) => runCxpm("qa", ...args, "--db", db);
const json = (...args: string[]) => runCxpmJson("qa", ...args, "--db", db);

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
    // The roster and the contacts name a CSS alike, so the CSSs have their start dates and their sessions.
    expect(result.stdout).toMatch(/emp-\d{6} +│ \d{4}-\d{2}-\d{2}/);
    const report = json("compliance", "--program", PROGRAM, "--month", "2026-03");
    expect(report.csss.every((c: { startedOn: string | null }) => c.startedOn !== null)).toBe(true);
    expect(report.csss.some((c: { systematic: number }) => c.systematic > 0)).toBe(true);
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

  it("pareto: failed attributes most frequent first, with the trend and the 3.5.1.e check, JSON and CSV", () => {
    const report = json("pareto", "--from", "2026-02", "--to", "2026-03");
    expect(report).toMatchObject({ program: null, from: "2026-02", to: "2026-03", classes: "all" });
    expect(report.months).toEqual(["2026-02", "2026-03"]);
    expect(report.evaluations).toBeGreaterThan(0);
    const failures = report.attributes.map((a: { failures: number }) => a.failures);
    expect(failures).toEqual([...failures].sort((a, b) => b - a));
    expect(failures.reduce((a: number, b: number) => a + b, 0)).toBe(report.failures);
    expect(report.attributes.at(-1).cumulativeShare).toBeCloseTo(1, 10);
    // The demo's form version 2 adds next-steps from the window's middle month: it cannot fail before.
    const next = report.attributes.find((a: { attribute: string }) => a.attribute === "next-steps");
    expect(next.months[0]).toEqual({ month: "2026-02", failures: 0, ratePer100: 0 });
    expect(next.months[1].failures).toBeGreaterThan(0);
    // The demo's answers agree with its stored critical-error flags.
    expect(report.consistency).toMatchObject({ evaluations: report.evaluations, disagreeing: 0, unknownAttributes: 0 });
    expect(report.consistency.nonCriticalOnly).toBeGreaterThan(0);

    const critical = json("pareto", "--program", PROGRAM, "--class", "critical");
    for (const a of critical.attributes) expect(a.class).toMatch(/^(customer|business|compliance)-critical$/);

    const table = cxpm("pareto", "--csv");
    expect(table.status).toBe(0);
    expect(table.stdout.split("\n")[0]).toBe(
      "attribute,label,class,failures,share,cumulative_share,month,month_failures,rate_per_100",
    );
  });

  it("refuses a draw larger than the month's contacts, exit 1, nothing on stdout", () => {
    const result = cxpm("draw", "--program", PROGRAM, "--month", "2026-03", "--n", "999999");
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/cxpm: cannot draw 999999 contacts: program tailspin-care-lisbon handled \d+/);
  });
});
