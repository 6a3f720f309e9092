import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { meanInterval, meanIntervalFromSummary, summarise } from "../../../src/methods/sampling/mean.ts";

// Student's (Cushny & Peebles) sleep data as shipped with R: extra hours of sleep with drug 2 minus drug 1.
// R's t.test(extra ~ group, data = sleep, paired = TRUE) prints mean −1.58 and the 95% confidence interval
// −2.4598858 to −0.7001142, i.e. 0.7001142 to 2.4598858 for drug 2 − drug 1.
const SLEEP_DIFFERENCES = [1.2, 2.4, 1.3, 1.3, 0, 1.0, 1.8, 0.8, 4.6, 1.4];

describe("t interval for a mean score", () => {
  it("reproduces R's t.test on the sleep data", () => {
    const result = meanInterval(SLEEP_DIFFERENCES);
    expect(result.mean).toBeCloseTo(1.58, 12);
    expect(result.df).toBe(9);
    expect(result.lower).toBeCloseTo(0.7001142, 7);
    expect(result.upper).toBeCloseTo(2.4598858, 7);
  });

  it("the summary form gives the same interval", () => {
    const summary = summarise(SLEEP_DIFFERENCES);
    expect(summary.sd).toBeCloseTo(1.2299955, 7);
    expect(meanIntervalFromSummary(summary)).toEqual(meanInterval(SLEEP_DIFFERENCES));
  });

  it("the finite-population correction shrinks the standard error by √(1 − n/N)", () => {
    const plain = meanInterval(SLEEP_DIFFERENCES);
    const corrected = meanInterval(SLEEP_DIFFERENCES, { population: 40 });
    expect(corrected.se).toBeCloseTo(plain.se * Math.sqrt(1 - 10 / 40), 14);
    expect(corrected.population).toBe(40);
  });

  it("a census has a zero-width interval", () => {
    const census = meanInterval(SLEEP_DIFFERENCES, { population: 10 });
    expect(census.lower).toBeCloseTo(census.mean, 12);
    expect(census.upper).toBeCloseTo(census.mean, 12);
  });

  it.each([
    [[1], {}, /at least 2/],
    [[1, Number.NaN], {}, /not a finite number/],
    [[1, 2, 3], { population: 2 }, /population/],
    [[1, 2, 3], { confidence: 95 }, /confidence/],
  ])("refuses %j with %j", (values, options, message) => {
    expect(() => meanInterval(values, options)).toThrow(message);
  });

  const scores = fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 2, maxLength: 60 });
  const confidence = fc.double({ min: 0.5, max: 0.999, noNaN: true });

  it("property: the interval is centred on the mean and widens with confidence", () => {
    fc.assert(
      fc.property(scores, confidence, confidence, (values, c1, c2) => {
        const [lo, hi] = c1 <= c2 ? [c1, c2] : [c2, c1];
        const narrow = meanInterval(values, { confidence: lo });
        const wide = meanInterval(values, { confidence: hi });
        expect(narrow.mean - narrow.lower).toBeCloseTo(narrow.upper - narrow.mean, 8);
        expect(wide.upper - wide.lower).toBeGreaterThanOrEqual(narrow.upper - narrow.lower - 1e-9);
      }),
    );
  });

  it("property: repeating the sample (same mean, more values) narrows it", () => {
    fc.assert(
      fc.property(scores, fc.integer({ min: 2, max: 5 }), (values, f) => {
        const once = meanInterval(values);
        const repeated = meanInterval(Array.from({ length: f }, () => values).flat());
        expect(repeated.upper - repeated.lower).toBeLessThanOrEqual(once.upper - once.lower + 1e-9);
      }),
    );
  });
});
