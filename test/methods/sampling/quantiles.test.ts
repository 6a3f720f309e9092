import { describe, expect, it } from "vitest";
import { betaQuantile, normalQuantile, tFor, tQuantile, zFor } from "../../../src/methods/sampling/quantiles.ts";

describe("quantiles", () => {
  it.each([
    // Φ⁻¹ to 9 decimals (R qnorm, scipy.stats.norm.ppf).
    [0.9, 1.644853627],
    [0.95, 1.959963985],
    [0.99, 2.575829304],
  ])("z for %d confidence is %d, not the rounded table value", (confidence, z) => {
    expect(zFor(confidence)).toBeCloseTo(z, 9);
  });

  it("the normal quantile is symmetric and 0 at the median", () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.025)).toBeCloseTo(-normalQuantile(0.975), 14);
  });

  it.each([
    // Closed forms: df = 1 is Cauchy, tan(π(p − ½)); df = 2 is (2p − 1) / √(2p(1 − p)).
    [0.975, 1, Math.tan(Math.PI * 0.475), 12],
    [0.995, 2, 0.99 / Math.sqrt(2 * 0.995 * 0.005), 12],
    // Printed t tables to three decimals (NIST/SEMATECH e-Handbook, section 1.3.6.7.2).
    [0.975, 9, 2.262, 3],
    [0.975, 30, 2.042, 3],
    [0.995, 4, 4.604, 3],
  ])("t quantile %d with %d degrees of freedom is %d", (p, df, t, digits) => {
    expect(tQuantile(p, df)).toBeCloseTo(t, digits);
  });

  it("t approaches z as the degrees of freedom grow", () => {
    expect(tFor(0.95, 1e7)).toBeCloseTo(zFor(0.95), 5);
  });

  it.each([
    [0.5, 1, 1, 0.5],
    [0.025, 1, 29, 1 - 0.975 ** (1 / 29)], // Beta(1, b) has the closed form 1 − (1 − p)^(1/b)
    [0.975, 30, 1, 0.975 ** (1 / 30)], // Beta(a, 1): p^(1/a)
  ])("beta quantile %d of Beta(%d, %d) is %d", (p, a, b, x) => {
    expect(betaQuantile(p, a, b)).toBeCloseTo(x, 12);
  });

  it("refuses confidence given as a percentage and impossible arguments", () => {
    expect(() => zFor(95)).toThrow(/between 0 and 1/);
    expect(() => zFor(0)).toThrow(/between 0 and 1/);
    expect(() => tQuantile(0.5, 0)).toThrow(/degrees of freedom/);
    expect(() => betaQuantile(0.5, 0, 1)).toThrow(/positive/);
    expect(() => normalQuantile(1.5)).toThrow(/probability/);
  });
});
