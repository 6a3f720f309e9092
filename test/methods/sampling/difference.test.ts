import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newcombeDifference } from "../../../src/methods/sampling/difference.ts";

// Newcombe RG (1998). "Interval estimation for the difference between independent proportions: comparison of
// eleven methods." Statistics in Medicine 17:873–890, Table II, examples (a)–(h), 95% limits for p1 − p2 to
// 4 decimals, method 10 (hybrid score). The same method-10 values are asserted by the R package ratesci
// (petelaud/ratesci, tests/testthat/test3.R, example (d)) and by capeconomics/mergeron-extra
// (tests/test_proportions_tests.py), which also lists other methods of the table: 0.0342 to 0.8534 for (c) is
// the Miettinen–Nurminen interval, not method 10. Method 11 (continuity-corrected) is checked only where a second
// source gives it: (a), (b), (g), from the WUSS 2016 paper 127 (SAS), which reproduces Table II.
const TABLE_II: [string, [number, number, number, number], [number, number], [number, number] | null][] = [
  ["(a)", [56, 70, 48, 80], [0.0524, 0.3339], [0.0428, 0.3422]],
  ["(b)", [9, 10, 3, 10], [0.1705, 0.809], [0.1013, 0.8387]],
  ["(c)", [6, 7, 2, 7], [0.0582, 0.8062], null],
  ["(d)", [5, 56, 0, 29], [-0.0381, 0.1926], null],
  ["(e)", [0, 10, 0, 20], [-0.1611, 0.2775], null],
  ["(f)", [0, 10, 0, 10], [-0.2775, 0.2775], null],
  ["(g)", [10, 10, 0, 20], [0.6791, 1], [0.6014, 1]],
  ["(h)", [10, 10, 0, 10], [0.6075, 1], null],
];

const expectPublished = (actual: number, published: number) =>
  expect(Math.abs(actual - published)).toBeLessThanOrEqual(5e-5);

describe("Newcombe's hybrid score interval for a difference of proportions", () => {
  it.each(TABLE_II)("Table II %s %j: method 10 %j", (_, [k1, n1, k2, n2], [lower, upper]) => {
    const result = newcombeDifference(k1, n1, k2, n2);
    expect(result.estimate).toBeCloseTo(k1 / n1 - k2 / n2, 14);
    expectPublished(result.lower, lower);
    expectPublished(result.upper, upper);
    expect(result.method).toBe("newcombe");
  });

  it.each(TABLE_II.filter((row) => row[3] !== null))(
    "Table II %s %j: method 11 %j",
    (_, [k1, n1, k2, n2], _m10, m11) => {
      const [lower, upper] = m11!;
      const result = newcombeDifference(k1, n1, k2, n2, { continuityCorrection: true });
      expectPublished(result.lower, lower);
      expectPublished(result.upper, upper);
      expect(result.method).toBe("newcombe-cc");
    },
  );

  it("swapping the groups mirrors the interval", () => {
    const ab = newcombeDifference(56, 70, 48, 80);
    const ba = newcombeDifference(48, 80, 56, 70);
    expect(ba.lower).toBeCloseTo(-ab.upper, 14);
    expect(ba.upper).toBeCloseTo(-ab.lower, 14);
  });

  it("refuses impossible counts, naming them", () => {
    expect(() => newcombeDifference(11, 10, 1, 10)).toThrow(/successes/);
    expect(() => newcombeDifference(1, 10, 1, 0)).toThrow(/trials/);
  });

  const group = fc.integer({ min: 1, max: 300 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
  const confidence = fc.double({ min: 0.5, max: 0.999, noNaN: true });
  const cc = fc.boolean();

  it("property: within [−1, 1] and containing the estimate", () => {
    fc.assert(
      fc.property(group, group, confidence, cc, ([k1, n1], [k2, n2], c, continuityCorrection) => {
        const r = newcombeDifference(k1, n1, k2, n2, { confidence: c, continuityCorrection });
        expect(r.lower).toBeGreaterThanOrEqual(-1);
        expect(r.upper).toBeLessThanOrEqual(1);
        expect(r.lower).toBeLessThanOrEqual(r.estimate);
        expect(r.upper).toBeGreaterThanOrEqual(r.estimate);
      }),
    );
  });

  it("property: a higher confidence widens it", () => {
    fc.assert(
      fc.property(group, group, confidence, confidence, cc, ([k1, n1], [k2, n2], c1, c2, continuityCorrection) => {
        const [lo, hi] = c1 <= c2 ? [c1, c2] : [c2, c1];
        const narrow = newcombeDifference(k1, n1, k2, n2, { confidence: lo, continuityCorrection });
        const wide = newcombeDifference(k1, n1, k2, n2, { confidence: hi, continuityCorrection });
        expect(wide.lower).toBeLessThanOrEqual(narrow.lower + 1e-12);
        expect(wide.upper).toBeGreaterThanOrEqual(narrow.upper - 1e-12);
      }),
    );
  });

  it("property: at the same proportions, larger groups give a narrower interval", () => {
    fc.assert(
      fc.property(group, group, fc.integer({ min: 2, max: 10 }), ([k1, n1], [k2, n2], f) => {
        const small = newcombeDifference(k1, n1, k2, n2);
        const large = newcombeDifference(k1 * f, n1 * f, k2 * f, n2 * f);
        expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower);
      }),
    );
  });
});
