import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../../../src/methods/forecasting/calendar.ts";
import {
  backtestShrinkage,
  forecastShrinkage,
  type ShrinkageDay,
  shrinkageOn,
} from "../../../src/methods/forecasting/shrinkage.ts";

const MONDAY = "2026-03-02";
/** Three weeks in which only Mondays are paid, with the Mondays' paid and lost hours given. */
const mondays = (...days: [number, number][]): ShrinkageDay[] =>
  days.map(([paidHours, lostHours], k) => ({ day: addDays(MONDAY, 7 * k), paidHours, lostHours }));

describe("shrinkage forecast", () => {
  it("backtests every method on the last week, by hand", () => {
    // Train: Mondays 30 of 100 and 20 of 100 lost; held out: the third Monday, 5 of 50 (10%).
    const scores = backtestShrinkage(mondays([100, 30], [100, 20], [50, 5]), 1);
    const mae = Object.fromEntries(scores.map((s) => [s.method, s.maePoints]));
    expect(mae["seasonal-naive"]).toBeCloseTo(10, 9); // 20% − 10%
    expect(mae["weighted-0.5"]).toBeCloseTo(100 * (35 / 150 - 0.1), 9); // (20 + 0.5·30) / (100 + 0.5·100)
    expect(mae["weighted-0.9"]).toBeCloseTo(100 * (47 / 190 - 0.1), 9);
  });

  it("chooses the lowest error and refits on the whole history", () => {
    const baseline = forecastShrinkage(mondays([100, 30], [100, 20], [50, 5]));
    expect(baseline.method).toBe("seasonal-naive");
    expect(baseline.backtest).toMatchObject({ from: "2026-03-10", days: 7 });
    expect(baseline.byWeekday[0]).toBeCloseTo(0.1, 12);
    // A weekday never paid in the window takes the window's overall shrinkage.
    expect(shrinkageOn(baseline, "2026-03-18")).toBeCloseTo(0.1, 12);
    expect(baseline.historyTo).toBe("2026-03-16");

    // 10%, 30%, then 20%: the longest memory forecasts the held-out 20% best (30·1 + 10·0.9) / 190.
    const weighted = forecastShrinkage(mondays([100, 10], [100, 30], [100, 20]));
    expect(weighted.method).toBe("weighted-0.9");
    expect(weighted.byWeekday[0]).toBeCloseTo((20 + 0.9 * 30 + 0.81 * 10) / (100 + 90 + 81), 12);
    expect(weighted.weekly).toBeCloseTo(weighted.byWeekday[0] as number, 12);
  });

  it("weighs a week's days by their paid hours: a ratio of sums", () => {
    // One week: Monday 10 of 100 lost, Tuesday 5 of 10. Too short to backtest: the baseline.
    const f = forecastShrinkage([
      { day: "2026-03-02", paidHours: 100, lostHours: 10 },
      { day: "2026-03-03", paidHours: 10, lostHours: 5 },
    ]);
    expect(f.backtest).toBeNull();
    expect(f.byWeekday.slice(0, 2)).toEqual([0.1, 0.5]);
    expect(f.weekly).toBeCloseTo(15 / 110, 12); // not the mean of the ratios, 30%
  });

  it("refuses a history without paid hours and lost hours beyond the paid", () => {
    expect(() => forecastShrinkage([])).toThrow(/no paid hours/);
    expect(() => forecastShrinkage([{ day: MONDAY, paidHours: 0, lostHours: 0 }])).toThrow(/no paid hours/);
    expect(() => forecastShrinkage([{ day: MONDAY, paidHours: 1, lostHours: 2 }])).toThrow(/between 0 and the paid/);
  });

  const history = fc
    .array(
      fc.record({
        paid: fc.double({ min: 1, max: 500, noNaN: true }),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { minLength: 1, maxLength: 60 },
    )
    .map((days) =>
      days.map(({ paid, share }, i) => ({ day: addDays(MONDAY, i), paidHours: paid, lostHours: paid * share })),
    );

  it("forecasts a constant history as that constant", () => {
    fc.assert(
      fc.property(history, fc.double({ min: 0, max: 1, noNaN: true }), (days, share) => {
        const f = forecastShrinkage(days.map((d) => ({ ...d, lostHours: d.paidHours * share })));
        for (const x of [...f.byWeekday, f.weekly]) expect(x).toBeCloseTo(share, 9);
      }),
    );
  });

  it("forecasts within the range of the daily history", () => {
    fc.assert(
      fc.property(history, (days) => {
        const ratios = days.map((d) => d.lostHours / d.paidHours);
        const f = forecastShrinkage(days);
        for (const x of [...f.byWeekday, f.weekly]) {
          expect(x).toBeGreaterThanOrEqual(Math.min(...ratios) - 1e-12);
          expect(x).toBeLessThanOrEqual(Math.max(...ratios) + 1e-12);
        }
      }),
    );
  });
});
