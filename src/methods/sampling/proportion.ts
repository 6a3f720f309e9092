/**
 * Confidence intervals for a proportion estimated from a sample: k of n evaluated contacts passed.
 *
 * Three of the methods Newcombe (1998, "Two-sided confidence intervals for the single proportion: comparison
 * of seven methods", Stat Med 17:857–872) compares, with his numbering:
 *
 * - `wilson` (method 3, the default): the score interval of Wilson (1927). Good coverage, never outside
 *   [0, 1], never of zero width, and defined at k = 0 and k = n, where the textbook Wald interval fails.
 * - `wilson-cc` (method 4): the score interval with continuity correction; wider, closer to the exact one.
 * - `exact` (method 5): Clopper–Pearson (1934), from beta quantiles. Guarantees at least the nominal coverage
 *   and is conservative for it.
 */
import { betaQuantile, checkConfidence, zFor } from "./quantiles.ts";

export type ProportionMethod = "wilson" | "wilson-cc" | "exact";

export const PROPORTION_METHODS: readonly ProportionMethod[] = ["wilson", "wilson-cc", "exact"];

export interface ProportionInterval {
  readonly successes: number;
  readonly trials: number;
  /** k / n. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly confidence: number;
  readonly method: ProportionMethod;
}

/** Throws unless k and n are whole numbers with 0 ≤ k ≤ n and n ≥ 1. */
export function checkCounts(successes: number, trials: number): void {
  if (!(Number.isInteger(trials) && trials >= 1)) {
    throw new RangeError(`trials must be a whole number of at least 1, got ${trials}`);
  }
  if (!(Number.isInteger(successes) && successes >= 0 && successes <= trials)) {
    throw new RangeError(`successes must be a whole number from 0 to trials (${trials}), got ${successes}`);
  }
}

// Rounding can push a limit a hair past the estimate or outside [0, 1]; the maths cannot.
const bounded = (successes: number, trials: number, lower: number, upper: number) => {
  const estimate = successes / trials;
  return {
    estimate,
    lower: successes === 0 ? 0 : Math.min(estimate, Math.max(0, lower)),
    upper: successes === trials ? 1 : Math.max(estimate, Math.min(1, upper)),
  };
};

/**
 * Wilson's score interval: the proportions π for which |k/n − π| ≤ z·√(π(1−π)/n).
 *
 * @example wilson(81, 263) // { lower: 0.2553…, upper: 0.3662… } (Newcombe 1998, Table I)
 */
export function wilson(successes: number, trials: number, confidence = 0.95): ProportionInterval {
  checkCounts(successes, trials);
  const z = zFor(confidence);
  const n = trials;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { successes, trials, ...bounded(successes, n, centre - half, centre + half), confidence, method: "wilson" };
}

/**
 * Wilson's score interval with continuity correction (Newcombe 1998, method 4, his equations for L and U).
 *
 * @example wilsonCC(15, 148) // { lower: 0.0598…, upper: 0.1644… } (Newcombe 1998, Table I)
 */
export function wilsonCC(successes: number, trials: number, confidence = 0.95): ProportionInterval {
  checkCounts(successes, trials);
  const z = zFor(confidence);
  const n = trials;
  const p = successes / n;
  const q = 1 - p;
  const z2 = z * z;
  const denominator = 2 * (n + z2);
  const lower = (2 * n * p + z2 - 1 - z * Math.sqrt(z2 - 2 - 1 / n + 4 * p * (n * q + 1))) / denominator;
  const upper = (2 * n * p + z2 + 1 + z * Math.sqrt(z2 + 2 - 1 / n + 4 * p * (n * q - 1))) / denominator;
  return { successes, trials, ...bounded(successes, n, lower, upper), confidence, method: "wilson-cc" };
}

/**
 * The Clopper–Pearson "exact" interval: lower = Beta⁻¹(α/2; k, n−k+1), upper = Beta⁻¹(1−α/2; k+1, n−k),
 * with 0 and 1 at k = 0 and k = n.
 *
 * @example clopperPearson(1, 29) // { lower: 0.00087…, upper: 0.1776… } (Newcombe 1998, Table I)
 */
export function clopperPearson(successes: number, trials: number, confidence = 0.95): ProportionInterval {
  checkCounts(successes, trials);
  checkConfidence(confidence);
  const alpha = 1 - confidence;
  const k = successes;
  const n = trials;
  const lower = k === 0 ? 0 : betaQuantile(alpha / 2, k, n - k + 1);
  const upper = k === n ? 1 : betaQuantile(1 - alpha / 2, k + 1, n - k);
  return { successes, trials, ...bounded(k, n, lower, upper), confidence, method: "exact" };
}

/**
 * The interval for k of n by the named method (Wilson by default).
 *
 * @example proportionInterval(15, 148, { method: "exact" }) // 0.0578 to 0.1617
 */
export function proportionInterval(
  successes: number,
  trials: number,
  options: { method?: ProportionMethod; confidence?: number } = {},
): ProportionInterval {
  const { method = "wilson", confidence = 0.95 } = options;
  switch (method) {
    case "wilson":
      return wilson(successes, trials, confidence);
    case "wilson-cc":
      return wilsonCC(successes, trials, confidence);
    case "exact":
      return clopperPearson(successes, trials, confidence);
  }
}
