import { describe, expect, it } from "vitest";
import {
  type CoachingEvaluation,
  coachingConsequences,
  DEFAULT_COACHING_SETTINGS,
} from "../../src/standard/rules/coaching.ts";

const pass = (id: string, date: string, over: Partial<CoachingEvaluation> = {}): CoachingEvaluation => ({
  id,
  date,
  failed: false,
  coachedOn: null,
  ...over,
});
const fail = (id: string, date: string, coachedOn: string | null = null, over: Partial<CoachingEvaluation> = {}) =>
  pass(id, date, { failed: true, coachedOn, ...over });

describe("coaching and consequences (3.5.2)", () => {
  it("asks nothing of a CSS who passed everything", () => {
    const r = coachingConsequences(
      "ana",
      [pass("e1", "2026-03-02"), pass("e2", "2026-03-20")],
      "2026-03",
      "2026-04-30",
    );
    expect(r).toEqual({
      css: "ana",
      month: "2026-03",
      failed: [],
      followUp: null,
      correctiveAction: null,
      removeFromCustomers: false,
      problems: 0,
    });
  });

  it("after one failure: coaching on it, and closer monitoring the next month", () => {
    const history = [
      fail("e1", "2026-03-10", "2026-03-12"),
      pass("e2", "2026-04-03"),
      // Investigative sessions are not the closer systematic monitoring owed.
      pass("e3", "2026-04-09", { investigative: true }),
    ];
    const running = coachingConsequences("ana", history, "2026-03", "2026-04-15");
    expect(running.failed).toEqual([
      { evaluation: "e1", date: "2026-03-10", coachBy: "2026-03-17", coachedOn: "2026-03-12", status: "coached" },
    ]);
    expect(running.followUp).toEqual({ month: "2026-04", required: 2, monitored: 1, status: "due" });
    expect(running).toMatchObject({ correctiveAction: null, removeFromCustomers: false, problems: 0 });

    const ended = coachingConsequences("ana", history, "2026-03", "2026-04-30");
    expect(ended.followUp?.status).toBe("overdue");
    expect(ended.problems).toBe(1);

    const met = coachingConsequences("ana", [...history, pass("e4", "2026-04-20")], "2026-03", "2026-04-30");
    expect(met.followUp).toMatchObject({ monitored: 2, status: "met" });
  });

  it("tells coached, coached late, due and overdue apart, and ignores a coaching after as-of", () => {
    const r = coachingConsequences(
      "rui",
      [
        fail("a", "2026-03-01", "2026-03-08"),
        fail("b", "2026-03-02", "2026-03-10"),
        fail("c", "2026-03-25"),
        fail("d", "2026-03-30", "2026-04-02"),
      ],
      "2026-03",
      "2026-04-01",
      { ...DEFAULT_COACHING_SETTINGS, repeatFailures: 9 },
    );
    expect(r.failed.map((f) => [f.evaluation, f.coachBy, f.status])).toEqual([
      ["a", "2026-03-08", "coached"],
      ["b", "2026-03-09", "coached-late"],
      ["c", "2026-04-01", "due"],
      ["d", "2026-04-06", "due"],
    ]);
    const later = coachingConsequences("rui", [fail("c", "2026-03-25")], "2026-03", "2026-04-02");
    expect(later.failed[0]!.status).toBe("overdue");
    // A transaction with only non-critical errors is not failed: nothing is owed.
    expect(coachingConsequences("rui", [pass("x", "2026-03-03")], "2026-03", "2026-04-02").failed).toEqual([]);
  });

  it("raises a corrective action on two failures in 30 days and keeps the CSS off customers until it works", () => {
    const twice = [fail("e1", "2026-03-02", "2026-03-03"), fail("e2", "2026-03-31")];
    const open = coachingConsequences("eva", twice, "2026-03", "2026-04-05");
    expect(open.correctiveAction).toEqual({
      raisedOn: "2026-03-31",
      failures: ["e1", "e2"],
      resolved: false,
      resolvedOn: null,
    });
    expect(open.removeFromCustomers).toBe(true);

    // Coached on both, then a failure (the count starts again), then a pass: resolved on the pass.
    const coached = [
      fail("e1", "2026-03-02", "2026-03-03"),
      fail("e2", "2026-03-31", "2026-04-01"),
      fail("e3", "2026-04-10", "2026-04-11"),
      pass("e4", "2026-04-20"),
    ];
    const march = coachingConsequences("eva", coached, "2026-03", "2026-04-30");
    expect(march.correctiveAction).toMatchObject({ raisedOn: "2026-03-31", resolved: true, resolvedOn: "2026-04-20" });
    expect(march.removeFromCustomers).toBe(false);
    // Judged in April, the latest action is the one e3 raised (e2 and e3 within 30 days).
    const april = coachingConsequences("eva", coached, "2026-04", "2026-04-30");
    expect(april.correctiveAction).toMatchObject({
      raisedOn: "2026-04-10",
      failures: ["e2", "e3"],
      resolvedOn: "2026-04-20",
    });
    // Two passes needed: one is not enough.
    const strict = coachingConsequences("eva", coached, "2026-04", "2026-04-30", {
      ...DEFAULT_COACHING_SETTINGS,
      passesToResolve: 2,
    });
    expect(strict).toMatchObject({ removeFromCustomers: true, correctiveAction: { resolved: false } });
  });

  it("counts failures 30 days apart as not repeated, unless the window is longer; an open action carries over", () => {
    const apart = [fail("e1", "2026-03-01", "2026-03-02"), fail("e2", "2026-03-31", "2026-04-01")];
    expect(coachingConsequences("ana", apart, "2026-03", "2026-04-30").correctiveAction).toBeNull();
    const longer = { ...DEFAULT_COACHING_SETTINGS, repeatWindowDays: 31 };
    expect(coachingConsequences("ana", apart, "2026-03", "2026-04-30", longer).correctiveAction).toMatchObject({
      raisedOn: "2026-03-31",
      resolved: false,
    });
    // Raised in February, never coached: still open in March, with no failure of March.
    const carried = coachingConsequences(
      "rui",
      [fail("f1", "2026-02-10"), fail("f2", "2026-02-12"), pass("m1", "2026-03-05")],
      "2026-03",
      "2026-03-31",
    );
    expect(carried).toMatchObject({ failed: [], followUp: null, removeFromCustomers: true, problems: 1 });
  });

  it("refuses settings it cannot use", () => {
    expect(() =>
      coachingConsequences("ana", [], "2026-03", "2026-03-31", { ...DEFAULT_COACHING_SETTINGS, repeatFailures: 1 }),
    ).toThrow(/repeatFailures: expected a whole number of at least 2, got 1/);
  });
});
