import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fitHoltWinters,
  forecastFrom,
  type HoltWintersSpec,
  initialStates,
  smooth,
} from "../../../src/methods/forecasting/holt-winters.ts";

const closeTo = (actual: readonly number[], expected: readonly number[], digits: number) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    expect(a, `index ${i}`).toBeCloseTo(expected[i] as number, digits);
  });
};

// Reference values published with statsmodels' Holt-Winters tests (statsmodels/tsa/holtwinters/tests/
// test_holtwinters.py), on datasets of Hyndman's fpp package; the damped case is R forecast's ets output.
describe("Holt-Winters against published reference values", () => {
  it("simple exponential smoothing, α = 0.2, ℓ0 = y1: oil production (fpp `oil`, 1996–2007)", () => {
    const oil = [
      446.6565229, 454.4733065, 455.662974, 423.6322388, 456.2713279, 440.5880501, 425.3325201, 485.1494479,
      506.0481621, 526.7919833, 514.268889, 494.2110193,
    ];
    const spec: HoltWintersSpec = { trend: "none", seasonality: "none", period: 1 };
    const parameters = { alpha: 0.2, beta: 0, gamma: 0, phi: 1 };
    const run = smooth(oil, spec, parameters, { level: oil[0] as number, trend: 0, season: [] });
    closeTo(
      run.level,
      [
        446.6565229, 448.21987962, 449.7084985, 444.49324656, 446.84886283, 445.59670028, 441.54386424, 450.26498098,
        461.4216172, 474.49569042, 482.45033014, 484.80246797,
      ],
      4,
    );
    closeTo(forecastFrom(run.final, spec, parameters, 1), [484.802468], 4);
  });

  it("Holt's linear trend, α = 0.8, β* = 0.2, ℓ0 = y1, b0 = y2 − y1: air passengers (fpp `ausair`, 1990–2004)", () => {
    const air = [
      17.5534, 21.8601, 23.8866, 26.9293, 26.8885, 28.8314, 30.0751, 30.9535, 30.1857, 31.5797, 32.577569, 33.477398,
      39.021581, 41.386432, 41.596552,
    ];
    const spec: HoltWintersSpec = { trend: "additive", seasonality: "none", period: 1 };
    const parameters = { alpha: 0.8, beta: 0.2, gamma: 0, phi: 1 };
    const run = smooth(air, spec, parameters, { level: 17.5534, trend: 21.8601 - 17.5534, season: [] });
    closeTo(
      run.trend,
      [
        3.617628, 3.59006512, 3.33438212, 3.23657639, 2.69263502, 2.46388914, 2.2229097, 1.95959226, 1.47054601,
        1.3604894, 1.28045881, 1.20355193, 1.88267152, 2.09564416, 1.83655482,
      ],
      4,
    );
    // One-step forecasts for years 2 … 15 (the first is ℓ0 + b0), then the forecast for year 16.
    closeTo(
      [...run.fitted, ...forecastFrom(run.final, spec, parameters, 1)],
      [
        21.8601, 22.032368, 25.48461872, 27.54058587, 30.28813356, 30.26106173, 31.58122149, 32.599234, 33.24223906,
        32.26755382, 33.07776017, 33.95806605, 34.77708354, 40.05535303, 43.21586036, 43.75696849,
      ],
      4,
    );
    closeTo(forecastFrom(run.final, spec, parameters, 5), [43.76, 45.59, 47.43, 49.27, 51.1], 2);
  });

  it("damped trend, φ = 0.98: livestock (fpp `livestock`, 1970–2000), R's ets(model = 'AAN', damped = TRUE)", () => {
    const livestock = [
      263.917747, 268.307222, 260.662556, 266.639419, 277.515778, 283.834045, 290.309028, 292.474198, 300.830694,
      309.286657, 318.331081, 329.37239, 338.883998, 339.244126, 328.600632, 314.255385, 314.459695, 321.413779,
      329.789292, 346.385165, 352.297882, 348.370515, 417.562922, 417.12357, 417.749459, 412.233904, 411.946817,
      394.697075, 401.49927, 408.270468, 414.2428,
    ];
    // ets reports α = 0.97402626 and β = 0.00010006 in its error-correction form, where β = α·β*.
    const alpha = 0.97402626;
    const parameters = { alpha, beta: 0.00010006 / alpha, gamma: 0, phi: 0.98 };
    const spec: HoltWintersSpec = { trend: "damped", seasonality: "none", period: 1 };
    const run = smooth(livestock, spec, parameters, { level: 252.59039965, trend: 6.90265918, season: [] });
    // res$states[, 'l'] and [, 'b'] (after the initial states) and res$fitted, to 1e-6: the initial states
    // are printed to 8 decimals.
    const levels = [263.7992355246843, 268.3623324350207, 261.0312983437606, 266.6590942700923];
    closeTo(run.level.slice(0, 4), levels, 6);
    expect(run.level.at(-1)).toBeCloseTo(414.1814574903921, 6);
    closeTo(run.trend.slice(0, 3), [6.765062519124909, 6.629548973536494, 6.495537532917715], 6);
    expect(run.trend.at(-1)).toBeCloseTo(3.690553892582855, 6);
    closeTo(run.fitted.slice(0, 3), [259.3550056432622, 270.4289967934267, 274.8592904290865], 6);
    expect(run.fitted.at(-1)).toBeCloseTo(411.8810877289437, 6);
    expect(run.sse / livestock.length).toBeCloseTo(195.4397924865488, 4); // res$mse
    closeTo(
      forecastFrom(run.final, spec, parameters, 10),
      [
        417.7982003051233, 421.3426082635598, 424.8161280628277, 428.2201774661102, 431.556145881327, 434.8253949282395,
        438.0292589942138, 441.1690457788685, 444.2460368278302, 447.2614880558126,
      ],
      4,
    );
  });
});

// No published table gives a seasonal run with fixed parameters and the initial states it started from, so
// these are worked by hand (and checked with exact fractions) on three seasons of four quarters.
describe("Holt-Winters seasonal recursions worked by hand", () => {
  const y = [10, 20, 15, 25, 12, 23, 16, 28, 14, 25, 19, 30];

  it("additive season, additive trend: α = 0.5, β* = 0.2, γ = 0.3", () => {
    const spec: HoltWintersSpec = { trend: "additive", seasonality: "additive", period: 4 };
    const parameters = { alpha: 0.5, beta: 0.2, gamma: 0.3, phi: 1 };
    // Initial states: season means 17.5 (10, 20, 15, 25) and 19.75 (12, 23, 16, 28).
    //   ℓ0 = 17.5, b0 = (19.75 − 17.5) / 4 = 0.5625
    //   s(−3 … 0) = mean of (10 − 17.5, 12 − 19.75) … = −7.625, 2.875, −3.125, 7.875
    const initial = initialStates(y, spec);
    expect(initial.level).toBe(17.5);
    expect(initial.trend).toBe(0.5625);
    expect(initial.season).toEqual([-7.625, 2.875, -3.125, 7.875]);
    const run = smooth(y, spec, parameters, initial);
    // t = 1: ℓ0 + b0 = 18.0625; ŷ1 = 18.0625 − 7.625 = 10.4375
    //   ℓ1 = 0.5 (10 + 7.625) + 0.5 × 18.0625 = 17.84375
    //   b1 = 0.2 (17.84375 − 17.5) + 0.8 × 0.5625 = 0.51875
    //   s1 = 0.3 (10 − 18.0625) + 0.7 × (−7.625) = −7.75625   (the level before the update: 18.0625)
    expect(run.fitted[0]).toBe(10.4375);
    expect(run.level[0]).toBe(17.84375);
    expect(run.trend[0]).toBeCloseTo(0.51875, 12);
    expect(run.season[0]).toBeCloseTo(-7.75625, 12);
    // t = 2: ℓ1 + b1 = 18.3625; ŷ2 = 18.3625 + 2.875 = 21.2375
    //   ℓ2 = 0.5 (20 − 2.875) + 0.5 × 18.3625 = 17.74375; b2 = 0.2 (−0.1) + 0.8 × 0.51875 = 0.395
    //   s2 = 0.3 (20 − 18.3625) + 0.7 × 2.875 = 2.50375
    expect(run.fitted[1]).toBeCloseTo(21.2375, 12);
    expect(run.level[1]).toBeCloseTo(17.74375, 12);
    expect(run.trend[1]).toBeCloseTo(0.395, 12);
    expect(run.season[1]).toBeCloseTo(2.50375, 12);
    // The rest of the run, continued the same way, to six decimals.
    closeTo(
      run.level,
      [
        17.84375, 17.74375, 18.131875, 17.82525, 18.917538, 19.917552, 19.791867, 20.370763, 21.031586, 21.832145,
        22.452983, 22.727654,
      ],
      6,
    );
    closeTo(
      run.trend,
      [
        0.51875, 0.395, 0.393625, 0.253575, 0.421318, 0.537057, 0.404509, 0.439386, 0.483673, 0.547051, 0.561808,
        0.504381,
      ],
      6,
    );
    closeTo(run.season.slice(8), [-7.12016, 3.0411, -3.482498, 7.3872], 6);
    closeTo(
      run.fitted,
      [
        10.4375, 21.2375, 15.01375, 26.4005, 10.322575, 21.842605, 17.325485, 27.651226, 13.557126, 24.366228,
        18.852425, 30.574273,
      ],
      6,
    );
    // ŷ(12 + h) = ℓ12 + h·b12 + s(8 + h)
    closeTo(forecastFrom(run.final, spec, parameters, 4), [16.111875, 26.777516, 20.758299, 32.132377], 6);
  });

  it("multiplicative season, damped trend: α = 0.5, β* = 0.2, γ = 0.3, φ = 0.9", () => {
    const spec: HoltWintersSpec = { trend: "damped", seasonality: "multiplicative", period: 4 };
    const parameters = { alpha: 0.5, beta: 0.2, gamma: 0.3, phi: 0.9 };
    // s(−3) = (10 / 17.5 + 12 / 19.75) / 2 = 0.589512, and so on.
    const initial = initialStates(y, spec);
    closeTo(initial.season, [0.589512, 1.153707, 0.833635, 1.423146], 6);
    const run = smooth(y, spec, parameters, initial);
    // t = 1: ℓ0 + φ·b0 = 17.5 + 0.9 × 0.5625 = 18.00625; ŷ1 = 18.00625 × 0.589512 = 10.614896
    //   ℓ1 = 0.5 × 10 / 0.589512 + 0.5 × 18.00625 = 17.484720
    //   b1 = 0.2 (17.484720 − 17.5) + 0.8 × 0.9 × 0.5625 = 0.401944
    //   s1 = 0.3 × 10 / 18.00625 + 0.7 × 0.589512 = 0.579267
    expect(run.fitted[0]).toBeCloseTo(10.614896, 6);
    expect(run.level[0]).toBeCloseTo(17.48472, 6);
    expect(run.trend[0]).toBeCloseTo(0.401944, 6);
    expect(run.season[0]).toBeCloseTo(0.579267, 6);
    closeTo(
      run.level,
      [
        17.48472, 17.590946, 17.93201, 17.880704, 19.38822, 19.948792, 19.745925, 19.935222, 21.646242, 21.928476,
        22.72956, 22.241938,
      ],
      6,
    );
    closeTo(run.season.slice(8), [0.63186, 1.14382, 0.830023, 1.373068], 6);
    // ŷ(12 + h) = (ℓ12 + (φ + … + φ^h)·b12) × s(8 + h)
    closeTo(forecastFrom(run.final, spec, parameters, 4), [14.188821, 25.905196, 18.942011, 31.548772], 6);
  });
});

describe("Holt-Winters properties", () => {
  const specs: HoltWintersSpec[] = (["none", "additive", "damped"] as const).flatMap((trend) =>
    (["none", "additive", "multiplicative"] as const).map((seasonality) => ({ trend, seasonality, period: 5 })),
  );

  it("forecasts a constant series as itself, whatever the parameters", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...specs),
        fc.double({ min: 0.5, max: 1000, noNaN: true }),
        fc.record({
          alpha: fc.double({ min: 0, max: 1, noNaN: true }),
          beta: fc.double({ min: 0, max: 1, noNaN: true }),
          gamma: fc.double({ min: 0, max: 1, noNaN: true }),
          phi: fc.double({ min: 0.8, max: 1, noNaN: true }),
        }),
        (spec, c, parameters) => {
          const y = new Array<number>(23).fill(c);
          const run = smooth(y, spec, parameters, initialStates(y, spec));
          for (const f of [...run.fitted, ...forecastFrom(run.final, spec, parameters, 12)]) {
            expect(Math.abs(f - c)).toBeLessThanOrEqual(1e-9 * c);
          }
        },
      ),
    );
  });

  it("with α = β* = γ = 0 forecasts a purely seasonal series as its pattern", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 2, maxLength: 12 }),
        fc.integer({ min: 2, max: 4 }),
        fc.constantFrom("additive" as const, "multiplicative" as const),
        (pattern, seasons, seasonality) => {
          fc.pre(seasonality === "additive" || pattern.some((p) => p > 0));
          const m = pattern.length;
          const y = Array.from({ length: m * seasons }, (_, t) => pattern[t % m] as number);
          const spec: HoltWintersSpec = { trend: "additive", seasonality, period: m };
          const zero = { alpha: 0, beta: 0, gamma: 0, phi: 1 };
          const run = smooth(y, spec, zero, initialStates(y, spec));
          const forecast = forecastFrom(run.final, spec, zero, 2 * m);
          forecast.forEach((f, h) => {
            expect(f).toBeCloseTo(pattern[h % m] as number, 9);
          });
        },
      ),
    );
  });

  it("runs through missing values on its forecast and leaves the states as they would be", () => {
    const spec: HoltWintersSpec = { trend: "additive", seasonality: "additive", period: 4 };
    const parameters = { alpha: 0.5, beta: 0.2, gamma: 0.3, phi: 1 };
    const y = [10, 20, 15, 25, 12, 23, 16, 28];
    const initial = initialStates(y, spec);
    const full = smooth(y, spec, parameters, initial);
    const gap = smooth([...y, null, null], spec, parameters, initial);
    closeTo(gap.fitted.slice(8), forecastFrom(full.final, spec, parameters, 2), 12);
    expect(gap.sse).toBe(full.sse);
  });

  it("fits parameters that lower the one-step error, and recovers a noisy weekly-like pattern", () => {
    const pattern = [0, 0, 5, 30, 50, 40, 20, 5];
    let seed = 7;
    const noise = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed / 2147483647 - 0.5) * 4;
    };
    const y = Array.from({ length: 8 * 12 }, (_, t) =>
      Math.max(0, (pattern[t % 8] as number) * (1 + t / 400) + noise()),
    );
    for (const seasonality of ["additive", "multiplicative"] as const) {
      const spec: HoltWintersSpec = { trend: "damped", seasonality, period: 8 };
      const fit = fitHoltWinters(y, spec);
      const start = smooth(y, spec, { alpha: 0.2, beta: 0.05, gamma: 0.1, phi: 0.9 }, fit.initial);
      expect(fit.run.sse).toBeLessThanOrEqual(start.sse);
      for (const key of ["alpha", "beta", "gamma"] as const) {
        expect(fit.parameters[key]).toBeGreaterThan(0);
        expect(fit.parameters[key]).toBeLessThan(1);
      }
      expect(fit.parameters.phi).toBeGreaterThanOrEqual(0.8);
      expect(fit.parameters.phi).toBeLessThanOrEqual(0.98);
      const next = fit.forecast(8);
      next.forEach((f, h) => {
        expect(Math.abs(f - (pattern[h] as number) * 1.24)).toBeLessThan(6);
      });
    }
  });

  it("refuses a history shorter than a season, and a multiplicative season starting from nothing", () => {
    expect(() => initialStates([1, 2, 3], { trend: "none", seasonality: "additive", period: 4 })).toThrow(
      /at least one full season of 4 values, got 3/,
    );
    expect(() => initialStates([0, 0, 0, 0, 1], { trend: "none", seasonality: "multiplicative", period: 4 })).toThrow(
      /averaging above 0/,
    );
  });

  it("refuses a multiplicative season on a sparse series, where the level collapses and one index explodes", () => {
    // One contact every 13 intervals of a 7-interval season: no parameters keep the indices within the period.
    const sparse = Array.from({ length: 84 }, (_, t) => (t % 13 === 5 ? 1 : 0));
    expect(() => fitHoltWinters(sparse, { trend: "damped", seasonality: "multiplicative", period: 7 })).toThrow(
      /degenerates/,
    );
    // The additive season is defined on it, and a dense series keeps its multiplicative fit.
    expect(() => fitHoltWinters(sparse, { trend: "damped", seasonality: "additive", period: 7 })).not.toThrow();
    const dense = Array.from({ length: 84 }, (_, t) => 5 + (t % 7) + (t % 11 === 0 ? 3 : 0));
    const fit = fitHoltWinters(dense, { trend: "damped", seasonality: "multiplicative", period: 7 });
    expect(Math.max(...fit.forecast(14))).toBeLessThan(20);
  });
});
