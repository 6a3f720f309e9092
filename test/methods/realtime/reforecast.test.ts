import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dampedFactor, handleTimeFactor, reforecast, requiredAgents } from "../../../src/methods/realtime/index.ts";

describe("intraday reforecast", () => {
  it("scales the rest of the day by the ratio so far, damped by the share arrived (worked by hand)", () => {
    // Ratio (130 + 110) / 200 = 1.2; half the day's forecast is in; factor 1 + 0.5 × 0.2 = 1.1.
    const r = reforecast({ forecast: [100, 100, 100, 100], actual: [130, 110] });
    expect(r.ratio).toBeCloseTo(1.2, 12);
    expect(r.arrived).toBeCloseTo(0.5, 12);
    expect(r.factor).toBeCloseTo(1.1, 12);
    expect(r.values.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([130, 110, 110, 110]);
  });

  it("moves little early in the day and much late: 40% above with 10% in is 4%, with 80% in is 32%", () => {
    expect(reforecast({ forecast: [10, 90], actual: [14] }).factor).toBeCloseTo(1.04, 12);
    expect(reforecast({ forecast: [80, 20], actual: [112] }).factor).toBeCloseTo(1.32, 12);
  });

  it("holds the factor inside its cap", () => {
    expect(reforecast({ forecast: [10, 10], actual: [100] }).factor).toBe(2);
    expect(reforecast({ forecast: [10, 10], actual: [0] }).factor).toBe(0.5);
    expect(dampedFactor(3, 1, { low: 0.8, high: 1.25 })).toBe(1.25);
  });

  it("keeps the forecast when nothing has elapsed or nothing was forecast so far", () => {
    expect(reforecast({ forecast: [5, 6], actual: [] }).values).toEqual([5, 6]);
    expect(reforecast({ forecast: [0, 6], actual: [3] })).toMatchObject({ ratio: null, factor: 1, values: [3, 6] });
  });

  it("refuses negative volumes and more actuals than intervals", () => {
    expect(() => reforecast({ forecast: [1, -1], actual: [] })).toThrow(/interval 2/);
    expect(() => reforecast({ forecast: [1], actual: [1, 2] })).toThrow(/2 intervals of actuals/);
  });

  it("re-scales handle time by the same rule", () => {
    // 100 handled forecast at 200 s, took 240 s: ratio 1.2, a quarter in: 1.05.
    expect(handleTimeFactor({ handled: 100, forecastSeconds: 20_000, actualSeconds: 24_000 }, 0.25)).toBeCloseTo(1.05);
    expect(handleTimeFactor({ handled: 0, forecastSeconds: 0, actualSeconds: 0 }, 0.5)).toBe(1);
  });

  it("re-staffs by Erlang C: 100 calls in 30 minutes at 180 s, 80% in 20 s, need 14 agents", () => {
    expect(requiredAgents(100, 180, 1800, { target: 0.8, thresholdSeconds: 20 })).toBe(14);
    expect(requiredAgents(0, 180, 1800, { target: 0.8, thresholdSeconds: 20 })).toBe(0);
  });

  const day = fc.array(fc.double({ min: 0.1, max: 500, noNaN: true }), { minLength: 2, maxLength: 48 });

  it("equals the forecast when the actuals equal it (property)", () => {
    fc.assert(
      fc.property(day, fc.nat(), (forecast, k) => {
        const elapsed = k % (forecast.length + 1);
        const r = reforecast({ forecast, actual: forecast.slice(0, elapsed) });
        expect(r.factor).toBeCloseTo(1, 9);
        for (const [i, v] of r.values.entries()) expect(v).toBeCloseTo(forecast[i]!, 6);
      }),
    );
  });

  it("never lowers the rest of the day when more arrives (property)", () => {
    fc.assert(
      fc.property(day, fc.nat(), fc.double({ min: 0, max: 3, noNaN: true }), (forecast, k, more) => {
        const elapsed = 1 + (k % (forecast.length - 1));
        const actual = forecast.slice(0, elapsed).map((f) => f * 0.9);
        const higher = actual.map((a, i) => (i === 0 ? a * (1 + more) : a));
        const low = reforecast({ forecast, actual });
        const high = reforecast({ forecast, actual: higher });
        expect(high.factor).toBeGreaterThanOrEqual(low.factor - 1e-12);
        for (let i = elapsed; i < forecast.length; i++)
          expect(high.values[i]!).toBeGreaterThanOrEqual(low.values[i]! - 1e-9);
      }),
    );
  });
});
