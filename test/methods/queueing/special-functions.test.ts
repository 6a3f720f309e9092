import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { harmonicDifference, logAddExp, logPochhammer } from "../../../src/methods/queueing/special-functions.ts";

/** Plain sums: slow but obviously right. */
const directLogPochhammer = (z: number, k: number) => {
  let s = 0;
  for (let i = 0; i < k; i++) s += Math.log(z + i);
  return s;
};
const directHarmonic = (z: number, k: number) => {
  let s = 0;
  for (let i = k - 1; i >= 0; i--) s += 1 / (z + i);
  return s;
};

describe("special functions", () => {
  it("log of factorials", () => {
    expect(logPochhammer(1, 0)).toBe(0);
    expect(Math.exp(logPochhammer(1, 5))).toBeCloseTo(120, 10);
    // log 100! = 363.739375555563…
    expect(logPochhammer(1, 100)).toBeCloseTo(363.73937555556347, 10);
  });

  it.each([
    [0.5, 65],
    [1, 1000],
    [3.7, 12_345],
    [20, 100],
    [1_000.25, 5_000],
    [1e6, 200],
    [1e8, 70_000],
  ])("log Pochhammer (%d)_%d agrees with the direct sum", (z, k) => {
    const direct = directLogPochhammer(z, k);
    expect(Math.abs(logPochhammer(z, k) - direct)).toBeLessThan(1e-11 * Math.max(1, Math.abs(direct)));
  });

  it.each([
    [0.5, 65],
    [1, 1000],
    [3.7, 12_345],
    [1_000.25, 5_000],
    [1e8, 70_000],
  ])("harmonic difference from %d over %d terms agrees with the direct sum", (z, k) => {
    const direct = directHarmonic(z, k);
    expect(Math.abs(harmonicDifference(z, k) - direct)).toBeLessThan(1e-12 * direct);
  });

  it("harmonic numbers", () => {
    expect(harmonicDifference(1, 4)).toBeCloseTo(25 / 12, 14);
    expect(harmonicDifference(5, 0)).toBe(0);
  });

  it("rejects arguments outside the domain", () => {
    expect(() => logPochhammer(0, 3)).toThrow(/z > 0/);
    expect(() => harmonicDifference(1, 1.5)).toThrow(/whole k/);
  });

  it("logAddExp adds without overflow", () => {
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 14);
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(Number.NEGATIVE_INFINITY, 7)).toBe(7);
  });

  it("property: the asymptotic form matches the direct sums across the switch-over", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 1e5, noNaN: true }), fc.integer({ min: 0, max: 3000 }), (z, k) => {
        const direct = directLogPochhammer(z, k);
        expect(Math.abs(logPochhammer(z, k) - direct)).toBeLessThan(1e-10 * Math.max(1, Math.abs(direct)));
        const harmonic = directHarmonic(z, k);
        expect(Math.abs(harmonicDifference(z, k) - harmonic)).toBeLessThan(1e-11 * Math.max(1e-300, harmonic));
      }),
    );
  });
});
