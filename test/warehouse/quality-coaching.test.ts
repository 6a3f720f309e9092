import { describe, expect, it } from "vitest";
import { coachingReport } from "../../src/warehouse/quality/coaching.ts";
import { metricFixture } from "./fixtures.ts";

const fixture = metricFixture();

const evaluation = (id: string, agent: string, at: string, over: Record<string, unknown> = {}) => ({
  source: "qa",
  evaluation_id: id,
  program_id: "care",
  kind: "real-time",
  time_zone: "America/Chicago",
  evaluated_at: at,
  agent_id: agent,
  mode: "remote",
  customer_critical_error: false,
  business_critical_error: false,
  compliance_critical_error: false,
  ...over,
});

describe("coaching and consequences from the warehouse", () => {
  it("lists the CSSs who failed or face a corrective action, with their coaching, follow-up and flag", async () => {
    await fixture.load("qa_evaluations", [
      // Ana failed once, coached two days later (in Chicago), and was monitored twice in April.
      evaluation("a1", "ana", "2026-03-10T15:00:00Z", {
        customer_critical_error: true,
        coached_at: "2026-03-13T03:00:00Z",
      }),
      evaluation("a2", "ana", "2026-04-02T15:00:00Z"),
      evaluation("a3", "ana", "2026-04-16T15:00:00Z"),
      // Rui failed twice within 30 days, coached on neither: a corrective action, off customers.
      evaluation("r1", "rui", "2026-03-05T15:00:00Z", { compliance_critical_error: true }),
      evaluation("r2", "rui", "2026-03-25T15:00:00Z", { business_critical_error: true, purpose: "investigative" }),
      // Old failed twice in January, was coached and then passed: an action of January, not of March.
      evaluation("o1", "old", "2026-01-05T15:00:00Z", {
        customer_critical_error: true,
        coached_at: "2026-01-06T15:00:00Z",
      }),
      evaluation("o2", "old", "2026-01-10T15:00:00Z", {
        customer_critical_error: true,
        coached_at: "2026-01-11T15:00:00Z",
      }),
      evaluation("o3", "old", "2026-01-20T15:00:00Z"),
      // Eva passed: nothing owed, not listed.
      evaluation("e1", "eva", "2026-03-11T15:00:00Z"),
      // Another program's failure does not count.
      evaluation("x1", "ana", "2026-03-12T15:00:00Z", { program_id: "sales", customer_critical_error: true }),
    ]);

    const report = await coachingReport(fixture.warehouse, { program: "care", month: "2026-03" });
    expect(report).toMatchObject({ program: "care", month: "2026-03", asOf: "2026-04-16" });
    expect(report.csss.map((c) => c.css)).toEqual(["rui", "ana"]);
    const [rui, ana] = report.csss;
    expect(ana!.failed).toEqual([
      { evaluation: "qa:a1", date: "2026-03-10", coachBy: "2026-03-17", coachedOn: "2026-03-12", status: "coached" },
    ]);
    expect(ana!.followUp).toEqual({ month: "2026-04", required: 2, monitored: 2, status: "met" });
    expect(ana!.removeFromCustomers).toBe(false);

    expect(rui!.failed.map((f) => f.status)).toEqual(["overdue", "overdue"]);
    expect(rui!.followUp).toMatchObject({ monitored: 0, status: "due" });
    expect(rui!.correctiveAction).toEqual({
      raisedOn: "2026-03-25",
      failures: ["qa:r1", "qa:r2"],
      resolved: false,
      resolvedOn: null,
    });
    expect(rui!.removeFromCustomers).toBe(true);
    expect(report.summary).toEqual({
      failed: 3,
      coached: 1,
      coachedLate: 0,
      due: 0,
      overdue: 2,
      followUps: 2,
      followUpsOverdue: 0,
      correctiveActions: 1,
      removeFromCustomers: 1,
    });

    const january = await coachingReport(fixture.warehouse, { program: "care", month: "2026-01" });
    expect(january.csss.map((c) => [c.css, c.correctiveAction?.resolvedOn])).toEqual([["old", "2026-01-20"]]);

    // Three failures needed: no corrective action; judged on 31 March, Rui's second coaching is still due.
    const lenient = await coachingReport(fixture.warehouse, {
      program: "care",
      month: "2026-03",
      asOf: "2026-03-31",
      settings: { repeatFailures: 3 },
    });
    expect(lenient.summary).toMatchObject({ overdue: 1, due: 1, correctiveActions: 0, removeFromCustomers: 0 });
  });

  it("refuses a program without data and a malformed date", async () => {
    await expect(coachingReport(fixture.warehouse, { program: "none", month: "2026-03" })).rejects.toThrow(
      /program none has no contacts or QA evaluations/,
    );
    await expect(
      coachingReport(fixture.warehouse, { program: "care", month: "2026-03", asOf: "31/03/2026" }),
    ).rejects.toThrow(/expected a date as YYYY-MM-DD/);
  });
});
