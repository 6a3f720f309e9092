import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mape, wape } from "../../../src/methods/forecasting/accuracy.ts";

const counts = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 50 });

describe("WAPE and MAPE", () => {
  it("match worked examples", () => {
    expect(wape([10, 20], [12, 17])).toBeCloseTo(5 / 30, 15);
    expect(mape([10, 20], [12, 17])).toBeCloseTo(0.175, 15);
  });

  it("MAPE skips zero actuals; both skip unknown ones", () => {
    expect(mape([10, 20, 0], [12, 17, 5])).toBeCloseTo(0.175, 15);
    expect(wape([10, 20, 0], [12, 17, 5])).toBeCloseTo(10 / 30, 15);
    expect(wape([10, null, 20], [12, 99, 17])).toBeCloseTo(5 / 30, 15);
    expect(mape([0, 0], [1, 2])).toBeNull();
    expect(wape([0, null], [1, 2])).toBeNull();
  });

  it("WAPE is 0 on a perfect forecast", () => {
    fc.assert(
      fc.property(counts, (actual) => {
        fc.pre(actual.some((a) => a > 0));
        expect(wape(actual, actual)).toBe(0);
        expect(mape(actual, actual)).toBe(0);
      }),
    );
  });

  it("WAPE is scale-invariant", () => {
    fc.assert(
      fc.property(counts, counts, fc.double({ min: 0.01, max: 1000, noNaN: true }), (actual, raw, k) => {
        fc.pre(actual.some((a) => a > 0));
        const forecast = actual.map((_, i) => raw[i % raw.length] as number);
        const scaled = wape(
          actual.map((a) => a * k),
          forecast.map((f) => f * k),
        ) as number;
        expect(scaled).toBeCloseTo(wape(actual, forecast) as number, 9);
      }),
    );
  });

  it("refuses series of different lengths", () => {
    expect(() => wape([1, 2], [1])).toThrow(/1 forecasts for 2/);
  });
});
