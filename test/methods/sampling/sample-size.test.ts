import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sampleSize } from "../../../src/methods/sampling/sample-size.ts";

describe("sampleSize", () => {
  it("95% ± 5 points with p = 0.5 and no population: n0 = 384.15, 385 to sample", () => {
    const result = sampleSize({ margin: 0.05 });
    expect(result.z).toBeCloseTo(1.959964, 6);
    expect(result.n0).toBeCloseTo(384.1459, 4);
    expect(result).toMatchObject({ n: 385, correction: "none", population: null, rounding: "up" });
  });

  it("z is rounded only when asked: 1.96² × 0.25 / 0.0025 = 384.16", () => {
    const result = sampleSize({ margin: 0.05, zDecimals: 2 });
    expect(result.z).toBe(1.96);
    expect(result.n0).toBeCloseTo(384.16, 10);
  });

  it("Cochran's correction for 1,000 contacts: 384.15 / (1 + 383.15 / 1000) = 277.7 → 278", () => {
    const result = sampleSize({ margin: 0.05, population: 1000 });
    expect(result.exact).toBeCloseTo(277.73, 2);
    expect(result).toMatchObject({ n: 278, correction: "cochran", population: 1000 });
    expect(result.formula).toBe("n0 = z^2 * p * (1 - p) / e^2; n = n0 / (1 + (n0 - 1) / N); rounded up");
  });

  it("the two ways of writing Cochran's correction are the same number", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.2, noNaN: true }), fc.integer({ min: 1, max: 1e6 }), (e, N) => {
        const { n0, exact } = sampleSize({ margin: e, population: N, rounding: "none" });
        expect(exact).toBeCloseTo((n0 * N) / (n0 + N - 1), 8);
      }),
    );
  });

  it("the simple form n0 / (1 + n0/N) is a little smaller", () => {
    const simple = sampleSize({ margin: 0.05, population: 1000, correction: "simple" });
    expect(simple.exact).toBeCloseTo(384.1459 / 1.3841459, 3);
    expect(simple.n).toBe(278);
    expect(simple.formula).toContain("n = n0 / (1 + n0 / N)");
    expect(sampleSize({ margin: 0.05, population: 100, correction: "simple" }).n).toBe(80);
    expect(sampleSize({ margin: 0.05, population: 100 }).n).toBe(80);
  });

  it("without correction the sample is n0, but never more than the population", () => {
    expect(sampleSize({ margin: 0.05, population: 1000, correction: "none" }).n).toBe(385);
    const small = sampleSize({ margin: 0.05, population: 200, correction: "none" });
    expect(small.n).toBe(200);
    expect(small.formula).toContain("at most N");
  });

  it("a whole-number n0 with floating-point noise is not rounded up past itself", () => {
    // z = 2 (95.45% rounded to 0 decimals): 2² × 0.2 × 0.8 / 0.08² = 100, computed as 100.00000000000001.
    const result = sampleSize({ margin: 0.08, p: 0.2, confidence: 0.9545, zDecimals: 0 });
    expect(result.n0).toBeGreaterThan(100);
    expect(result.n).toBe(100);
  });

  it("rounding options", () => {
    expect(sampleSize({ margin: 0.05, population: 500, rounding: "up" }).n).toBe(218);
    expect(sampleSize({ margin: 0.05, population: 500, rounding: "nearest" }).n).toBe(217);
    expect(sampleSize({ margin: 0.05, population: 500, rounding: "none" }).n).toBeCloseTo(217.49, 2);
  });

  // Krejcie & Morgan (1970), "Determining sample size for research activities", Educational and Psychological
  // Measurement 30:607–610, Table 1: s = X²NP(1−P) / (d²(N−1) + X²P(1−P)) with X² = 3.841, P = 0.5,
  // d = 0.05, rounded to the nearest whole number. Their formula is Cochran's correction written the other way
  // round.
  it.each([
    [10, 10],
    [15, 14],
    [20, 19],
    [30, 28],
    [50, 44],
    [100, 80],
    [220, 140],
    [250, 152],
    [500, 217],
    [1000, 278],
    [1200, 291],
    [1500, 306],
    [2800, 338],
    [9000, 368],
  ])("Krejcie & Morgan Table 1: N = %d → s = %d", (N, s) => {
    expect(sampleSize({ margin: 0.05, population: N, rounding: "nearest" }).n).toBe(s);
  });

  it.each([
    [{ margin: 0 }, /margin/],
    [{ margin: 5 }, /margin/],
    [{ margin: 0.05, p: 1 }, /p must/],
    [{ margin: 0.05, population: 10.5 }, /population/],
    [{ margin: 0.05, population: 0 }, /population/],
    [{ margin: 0.05, confidence: 95 }, /confidence/],
    [{ margin: 0.05, zDecimals: -1 }, /zDecimals/],
  ])("refuses %j", (options, message) => {
    expect(() => sampleSize(options)).toThrow(message);
  });

  const margin = fc.double({ min: 0.005, max: 0.3, noNaN: true });
  const confidence = fc.double({ min: 0.5, max: 0.999, noNaN: true });
  const p = fc.double({ min: 0.01, max: 0.99, noNaN: true });
  const population = fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: undefined });
  const correction = fc.constantFrom("cochran" as const, "simple" as const, "none" as const);

  it("property: the sample rises with confidence", () => {
    fc.assert(
      fc.property(margin, confidence, confidence, p, population, correction, (e, c1, c2, pp, N, corr) => {
        const [lo, hi] = c1 <= c2 ? [c1, c2] : [c2, c1];
        const a = sampleSize({ margin: e, confidence: lo, p: pp, population: N, correction: corr });
        const b = sampleSize({ margin: e, confidence: hi, p: pp, population: N, correction: corr });
        expect(b.n).toBeGreaterThanOrEqual(a.n);
      }),
    );
  });

  it("property: the sample falls as the margin widens", () => {
    fc.assert(
      fc.property(margin, margin, confidence, p, population, correction, (e1, e2, c, pp, N, corr) => {
        const [narrow, wide] = e1 <= e2 ? [e1, e2] : [e2, e1];
        const a = sampleSize({ margin: narrow, confidence: c, p: pp, population: N, correction: corr });
        const b = sampleSize({ margin: wide, confidence: c, p: pp, population: N, correction: corr });
        expect(b.n).toBeLessThanOrEqual(a.n);
      }),
    );
  });

  it("property: the sample never exceeds the population and is at least 1", () => {
    fc.assert(
      fc.property(margin, confidence, p, fc.integer({ min: 1, max: 1_000_000 }), correction, (e, c, pp, N, corr) => {
        const { n } = sampleSize({ margin: e, confidence: c, p: pp, population: N, correction: corr });
        expect(n).toBeLessThanOrEqual(N);
        expect(n).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it("property: p and 1 − p need the same sample, and p = 0.5 the largest", () => {
    fc.assert(
      fc.property(margin, confidence, p, (e, c, pp) => {
        const a = sampleSize({ margin: e, confidence: c, p: pp, rounding: "none" });
        const b = sampleSize({ margin: e, confidence: c, p: 1 - pp, rounding: "none" });
        expect(a.n).toBeCloseTo(b.n, 6);
        expect(sampleSize({ margin: e, confidence: c, rounding: "none" }).n).toBeGreaterThanOrEqual(a.n * (1 - 1e-12));
      }),
    );
  });
});
