import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clopperPearson,
  PROPORTION_METHODS,
  proportionInterval,
  wilson,
  wilsonCC,
} from "../../../src/methods/sampling/proportion.ts";

// Newcombe RG (1998). "Two-sided confidence intervals for the single proportion: comparison of seven methods."
// Statistics in Medicine 17:857–872, Table I, 95% limits to 4 decimals: method 3 (Wilson score), method 4
// (score with continuity correction), method 5 (Clopper–Pearson exact). The same values are asserted for 15/148,
// 0/20 and 1/29 by the R package ratesci (petelaud/ratesci, tests/testthat/test3.R, "Single proportion,
// Newcombe examples": wilsonci(cc = FALSE), wilsonci(cc = 0.5), exactci(midp = FALSE)).
const TABLE_I: [k: number, n: number, wilson: [number, number], cc: [number, number], exact: [number, number]][] = [
  [81, 263, [0.2553, 0.3662], [0.2535, 0.3682], [0.2527, 0.3676]],
  [15, 148, [0.0624, 0.1605], [0.0598, 0.1644], [0.0578, 0.1617]],
  [0, 20, [0, 0.1611], [0, 0.2005], [0, 0.1684]],
  [1, 29, [0.0061, 0.1718], [0.0018, 0.1963], [0.0009, 0.1776]],
];

// Published to 4 decimals: a value within half a unit of the last place.
const expectPublished = (actual: number, published: number) =>
  expect(Math.abs(actual - published)).toBeLessThanOrEqual(5e-5);

describe("single-proportion intervals against Newcombe (1998), Table I", () => {
  it.each(TABLE_I)("%d/%d: Wilson %j", (k, n, [lower, upper]) => {
    const result = wilson(k, n);
    expectPublished(result.lower, lower);
    expectPublished(result.upper, upper);
  });

  it.each(TABLE_I)("%d/%d: Wilson with continuity correction %j", (k, n, _w, [lower, upper]) => {
    const result = wilsonCC(k, n);
    expectPublished(result.lower, lower);
    expectPublished(result.upper, upper);
  });

  it.each(TABLE_I)("%d/%d: Clopper–Pearson %j", (k, n, _w, _cc, [lower, upper]) => {
    const result = clopperPearson(k, n);
    expectPublished(result.lower, lower);
    expectPublished(result.upper, upper);
  });
});

describe("proportionInterval", () => {
  it("defaults to Wilson at 95%", () => {
    expect(proportionInterval(81, 263)).toEqual(wilson(81, 263, 0.95));
    expect(proportionInterval(81, 263)).toMatchObject({ method: "wilson", confidence: 0.95, estimate: 81 / 263 });
  });

  it("dispatches on the method", () => {
    expect(proportionInterval(15, 148, { method: "exact" })).toEqual(clopperPearson(15, 148));
    expect(proportionInterval(15, 148, { method: "wilson-cc", confidence: 0.9 })).toEqual(wilsonCC(15, 148, 0.9));
  });

  it("is exactly 0 at k = 0 and exactly 1 at k = n", () => {
    for (const method of PROPORTION_METHODS) {
      expect(proportionInterval(0, 7, { method }).lower).toBe(0);
      expect(proportionInterval(7, 7, { method }).upper).toBe(1);
    }
  });

  it("k and n − k mirror each other", () => {
    for (const method of PROPORTION_METHODS) {
      const a = proportionInterval(3, 17, { method });
      const b = proportionInterval(14, 17, { method });
      expect(a.lower).toBeCloseTo(1 - b.upper, 12);
      expect(a.upper).toBeCloseTo(1 - b.lower, 12);
    }
  });

  it.each([
    [-1, 10, /successes/],
    [11, 10, /successes/],
    [1.5, 10, /successes/],
    [0, 0, /trials/],
  ])("refuses %d of %d", (k, n, message) => {
    expect(() => wilson(k, n)).toThrow(message);
  });

  it("refuses a confidence given as a percentage", () => {
    expect(() => proportionInterval(1, 10, { confidence: 95 })).toThrow(/confidence/);
    expect(() => proportionInterval(1, 10, { method: "exact", confidence: 95 })).toThrow(/confidence/);
  });

  const counts = fc
    .integer({ min: 1, max: 500 })
    .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
  const method = fc.constantFrom(...PROPORTION_METHODS);
  const confidence = fc.double({ min: 0.5, max: 0.999, noNaN: true });

  it("property: the interval lies within [0, 1] and contains the estimate", () => {
    fc.assert(
      fc.property(counts, method, confidence, ([k, n], m, c) => {
        const r = proportionInterval(k, n, { method: m, confidence: c });
        expect(r.lower).toBeGreaterThanOrEqual(0);
        expect(r.upper).toBeLessThanOrEqual(1);
        expect(r.lower).toBeLessThanOrEqual(r.estimate);
        expect(r.upper).toBeGreaterThanOrEqual(r.estimate);
        expect(r.upper).toBeGreaterThan(r.lower);
      }),
    );
  });

  it("property: a higher confidence gives a wider interval that contains the narrower one", () => {
    fc.assert(
      fc.property(counts, method, confidence, confidence, ([k, n], m, c1, c2) => {
        const [lo, hi] = c1 <= c2 ? [c1, c2] : [c2, c1];
        const narrow = proportionInterval(k, n, { method: m, confidence: lo });
        const wide = proportionInterval(k, n, { method: m, confidence: hi });
        expect(wide.lower).toBeLessThanOrEqual(narrow.lower + 1e-12);
        expect(wide.upper).toBeGreaterThanOrEqual(narrow.upper - 1e-12);
      }),
    );
  });

  it("property: at the same estimate, more trials give a narrower interval", () => {
    fc.assert(
      fc.property(counts, method, confidence, fc.integer({ min: 2, max: 10 }), ([k, n], m, c, factor) => {
        const small = proportionInterval(k, n, { method: m, confidence: c });
        const large = proportionInterval(k * factor, n * factor, { method: m, confidence: c });
        expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower);
      }),
    );
  });
});
