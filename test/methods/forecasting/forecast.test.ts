import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  backtest,
  type DayGrid,
  dailyProfileModel,
  forecastWith,
  handleTimeForecast,
  METHODS,
  seasonalNaive,
} from "../../../src/methods/forecasting/index.ts";

/** A grid of `weeks` weeks from Monday 2026-01-05, each day `daily[weekday]` × `shape`. */
function weekly(
  weeks: number,
  daily: number[],
  shape: number[],
): { firstDay: string; intervalsPerDay: number; values: number[] } {
  const values: number[] = [];
  for (let d = 0; d < 7 * weeks; d++) for (const s of shape) values.push((daily[d % 7] as number) * s);
  return { firstDay: "2026-01-05", intervalsPerDay: shape.length, values };
}
const DAILY = [100, 90, 95, 80, 60, 10, 40];
const SHAPE = [0, 0.1, 0.3, 0.4, 0.2, 0];

describe("seasonal naive", () => {
  it("reproduces the last week, then repeats it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 3 * 14, maxLength: 3 * 14 }),
        fc.integer({ min: 1, max: 21 }),
        (values, horizon) => {
          const history: DayGrid = { firstDay: "2026-03-02", intervalsPerDay: 3, values };
          const forecast = seasonalNaive(history, horizon, 7);
          expect(forecast.firstDay).toBe("2026-03-16");
          const lastWeek = values.slice(-21);
          forecast.values.forEach((v, i) => {
            expect(v).toBe(lastWeek[i % 21]);
          });
        },
      ),
    );
  });

  it("same interval yesterday repeats the last day; an unknown interval falls back a lag", () => {
    const history: DayGrid = { firstDay: "2026-03-02", intervalsPerDay: 2, values: [1, 2, 3, null, 5, 6] };
    expect(seasonalNaive(history, 2, 1).values).toEqual([5, 6, 5, 6]);
    const gap: DayGrid = { firstDay: "2026-03-02", intervalsPerDay: 2, values: [1, 2, 3, 4, null, null] };
    expect(seasonalNaive(gap, 1, 1).values).toEqual([3, 4]);
    expect(seasonalNaive(gap, 1, 7).values).toEqual([0, 0]);
  });
});

describe("daily total × intraday profile", () => {
  it("forecasts an unchanging weekly pattern exactly", () => {
    const history = weekly(3, DAILY, SHAPE);
    const forecast = forecastWith("daily-profile", history, 7);
    expect(forecast.firstDay).toBe("2026-01-26");
    forecast.values.forEach((v, i) => {
      expect(v).toBeCloseTo(weekly(1, DAILY, SHAPE).values[i] as number, 9);
    });
  });

  it("smooths the daily totals per weekday and skips days without data", () => {
    const history = weekly(3, DAILY, SHAPE);
    const values: (number | null)[] = [...history.values];
    // Wednesday of week 2 missing; Mondays at 100, 100, 130.
    for (let i = 0; i < 6; i++) values[(7 + 2) * 6 + i] = null;
    for (let i = 0; i < 6; i++) values[14 * 6 + i] = 130 * (SHAPE[i] as number);
    const model = dailyProfileModel({ ...history, values });
    expect(model.dailyTotals[2]).toBeCloseTo(95, 9);
    const a = model.alpha;
    expect(model.dailyTotals[0]).toBeCloseTo(a * 130 + (1 - a) * 100, 9);
    model.profiles.forEach((p) => {
      expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    });
  });
});

describe("forecasts with special days and the backtest", () => {
  it("leaves special days out of fitting and forecasts them with their factor", () => {
    const history = weekly(3, DAILY, SHAPE);
    const values = [...history.values];
    // The last Monday was a holiday with next to nothing; next Monday is a holiday at 40%.
    for (let i = 0; i < 6; i++) values[14 * 6 + i] = 1;
    const specialDays = [
      { date: "2026-01-19", factor: 0 },
      { date: "2026-01-26", factor: 0.4 },
    ];
    for (const method of METHODS) {
      const forecast = forecastWith(method, { ...history, values }, 7, { specialDays });
      const monday = forecast.values.slice(0, 6).reduce((s, v) => s + v, 0);
      if (method === "seasonal-naive-day") continue; // yesterday was a Sunday
      expect(monday, method).toBeCloseTo(0.4 * 100, method.startsWith("holt") ? 0 : 9);
    }
  });

  it("never forecasts below zero", () => {
    const values = weekly(2, DAILY, SHAPE).values.map((v, i) => (i < 7 * 6 ? v * 3 : v));
    for (const method of METHODS) {
      const forecast = forecastWith(method, { firstDay: "2026-01-05", intervalsPerDay: 6, values }, 14);
      expect(Math.min(...forecast.values), method).toBeGreaterThanOrEqual(0);
    }
  });

  it("scores every method on the holdout against seasonal naive and picks the lowest WAPE", () => {
    // Volume grows 2% a day: seasonal naive lags behind, the trend and the daily smoothing do better.
    const base = weekly(5, DAILY, SHAPE);
    const values = base.values.map((v, i) => (v as number) * 1.02 ** Math.floor(i / 6));
    const result = backtest({ ...base, values }, 7);
    expect(result.holdoutFirstDay).toBe("2026-02-02");
    expect(result.scores.map((s) => s.method)).toEqual([...METHODS]);
    const naive = result.scores.find((s) => s.method === "seasonal-naive-week");
    expect(naive?.wapeVsBaseline).toBe(1);
    // Seven days at 2% a day: the naive forecast is 1 − 1.02^−7 ≈ 13% low everywhere.
    expect(naive?.wape).toBeCloseTo(1 - 1.02 ** -7, 9);
    const best = result.scores.find((s) => s.method === result.best);
    for (const s of result.scores) expect(best?.wape).toBeLessThanOrEqual(s.wape ?? Number.POSITIVE_INFINITY);
    expect(best?.wapeVsBaseline).toBeLessThan(1);
  });

  it("says why a method could not run, and chooses among the methods asked for", () => {
    const result = backtest(weekly(1, DAILY, SHAPE), 2, ["holt-winters-additive"]);
    expect(result.scores.map((s) => s.method)).toEqual(["seasonal-naive-week", "holt-winters-additive"]);
    expect(result.scores[1]?.error).toMatch(/at least one full week/);
    expect(result.best).toBeNull();
    expect(() => backtest(weekly(1, DAILY, SHAPE), 7)).toThrow(/from 1 to 6/);
  });
});

describe("handle time", () => {
  it("is volume-weighted per weekday and interval, falling back to the weekday and the history", () => {
    // Two Mondays: interval 0 handled 10 calls at 100 s and 30 calls at 200 s → 7000 / 40 = 175 s.
    const days = 8; // Monday to the next Monday
    const handled = new Array<number | null>(days * 2).fill(0);
    const seconds = new Array<number | null>(days * 2).fill(0);
    handled[0] = 10;
    seconds[0] = 1000;
    handled[14] = 30;
    seconds[14] = 6000;
    handled[3] = 5; // Tuesday, interval 1: 5 calls, 300 s each
    seconds[3] = 1500;
    const grid = (values: (number | null)[]) => ({ firstDay: "2026-01-05", intervalsPerDay: 2, values });
    const aht = handleTimeForecast(grid(handled), grid(seconds), 7);
    expect(aht.firstDay).toBe("2026-01-13"); // Tuesday
    expect(aht.values.slice(0, 2)).toEqual([300, 300]); // Tuesday: interval 0 from the weekday's average
    expect(aht.values.slice(12, 14)).toEqual([175, 175]); // Monday: interval 1 from the weekday's average
    expect(aht.values[2]).toBe((7000 + 1500) / 45); // Wednesday never handled anything: the history's average
  });
});
