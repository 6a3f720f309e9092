import { describe, expect, it } from "vitest";
import { demoWarehouse, runCxpm } from "../support/cli.ts";

const { db } = demoWarehouse();
const QUEUE = "tailspin-care-lisbon-voice";

const cxpm = (...args: string[]) => runCxpm("wfm", "shrinkage", "--db", db, ...args);

describe("cxpm wfm shrinkage", () => {
  it("prints a queue's weekly history with its parts and the forecast per weekday and week", () => {
    const result = cxpm("--queue", QUEUE, "--weeks", "3", "--json");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ program: "tailspin-care-lisbon", queue: QUEUE, kind: "real-time" });
    expect(doc.history.length).toBeGreaterThan(1);
    for (const w of doc.history) {
      // The parts add up to the shrinkage.
      const lost = w.plannedAbsenceHours + w.unplannedAbsenceHours + w.offsiteHours + w.offPhoneHours;
      expect(lost / w.paidHours).toBeCloseTo(w.shrinkage, 6);
    }
    const { forecast } = doc;
    expect(forecast.historyTo).toBe("2026-03-31");
    expect(forecast.byWeekday.map((d: { weekday: string }) => d.weekday)).toEqual([
      "Mon",
      "Tue",
      "Wed",
      "Thu",
      "Fri",
      "Sat",
      "Sun",
    ]);
    expect(forecast.weeks).toEqual([
      { week: "2026-04-06", shrinkage: forecast.weekly },
      { week: "2026-04-13", shrinkage: forecast.weekly },
      { week: "2026-04-20", shrinkage: forecast.weekly },
    ]);
    expect(forecast.weekly).toBeGreaterThan(0);
    expect(forecast.weekly).toBeLessThan(1);
    expect(forecast.backtest.scores.map((s: { method: string }) => s.method)).toContain(forecast.method);

    const text = cxpm("--program", "tailspin-care-lisbon");
    expect(text.status).toBe(0);
    expect(text.stdout).toContain("Shrinkage of program tailspin-care-lisbon");
    expect(text.stdout).toMatch(/Forecast by \S+ from history to 2026-03-31; backtest on 28 days/);
    expect(text.stdout).toMatch(/Each of the 4 weeks from 2026-04-06: [\d.]+%/);
  });

  it("says what to give and which programs there are", () => {
    const none = cxpm();
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("give --program ID or --queue ID");
    const unknown = cxpm("--program", "nope");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(
      /no agent time for program nope; programs with agent time include .*tailspin-care-lisbon/,
    );
  });
});
