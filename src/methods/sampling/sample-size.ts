/**
 * How many contacts to sample to estimate a proportion (a pass rate, a compliance rate) within a margin.
 *
 * The starting point is the infinite-population size n₀ = z²·p(1−p)/e² (Cochran, Sampling Techniques, 3rd ed.
 * 1977, ch. 4). For a finite population of N contacts three forms are offered:
 *
 * - `cochran` (default when N is given): n = n₀ / (1 + (n₀ − 1)/N), Cochran's correction. Written the other
 *   way round this is n = n₀·N / (n₀ + N − 1), and also N·z²·p(1−p) / (e²·(N − 1) + z²·p(1−p)), the form
 *   used by Krejcie & Morgan (1970): all three are the same number. It solves e = z·√(p(1−p)/n · (N−n)/(N−1))
 *   exactly, i.e. it uses the finite-population correction of sampling without replacement.
 * - `simple`: n = n₀ / (1 + n₀/N), the common shortcut that drops the −1; a little smaller than `cochran`.
 * - `none`: n = n₀, the population ignored (but never more than N when N is given).
 *
 * The result is rounded up by default, so the margin is met; `nearest` (Krejcie & Morgan's table) and `none`
 * (the exact value) are options. z is the exact normal quantile, 1.959964 for 95%, unless `zDecimals` asks
 * for the rounded textbook value (2 → 1.96).
 */
import { zFor } from "./quantiles.ts";

export type FiniteCorrection = "cochran" | "simple" | "none";
export type Rounding = "up" | "nearest" | "none";

export interface SampleSizeOptions {
  /** Confidence level, 0.95 by default. */
  readonly confidence?: number;
  /** Margin of error e as an absolute proportion: 0.05 for ±5 percentage points. */
  readonly margin: number;
  /** The anticipated proportion; 0.5 (the default) gives the largest, safest sample. */
  readonly p?: number;
  /** Population size N (contacts in the period); leave out for an effectively infinite population. */
  readonly population?: number;
  /** Finite-population form; `cochran` by default, ignored without a population. */
  readonly correction?: FiniteCorrection;
  /** How the sample size is rounded; `up` by default. */
  readonly rounding?: Rounding;
  /** Round z to this many decimals before use (2 gives 1.96 for 95%); exact by default. */
  readonly zDecimals?: number;
}

export interface SampleSize {
  readonly confidence: number;
  readonly margin: number;
  readonly p: number;
  readonly population: number | null;
  /** The critical value used. */
  readonly z: number;
  /** z²·p(1−p)/e², unrounded. */
  readonly n0: number;
  /** The sample size after the finite-population correction, unrounded. */
  readonly exact: number;
  /** The sample size to draw, rounded as asked. */
  readonly n: number;
  /** The correction applied: `none` whenever there is no population. */
  readonly correction: FiniteCorrection;
  readonly rounding: Rounding;
  /** The formula applied, in words and symbols. */
  readonly formula: string;
}

const FORMULAS: Record<FiniteCorrection, string> = {
  cochran: "n = n0 / (1 + (n0 - 1) / N)",
  simple: "n = n0 / (1 + n0 / N)",
  none: "n = n0",
};

const ROUNDING_WORDS: Record<Rounding, string> = {
  up: "rounded up",
  nearest: "rounded to the nearest whole number",
  none: "not rounded",
};

// n₀ is often a whole number plus floating-point noise (100.00000000000001); that must not round up to 101.
const TOLERANCE = 1e-9;

function round(value: number, rounding: Rounding): number {
  if (rounding === "none") return value;
  if (rounding === "nearest") return Math.round(value);
  return Math.ceil(value - TOLERANCE * Math.max(1, value));
}

/**
 * The sample size for estimating a proportion within ±`margin` at a confidence level.
 *
 * @example
 * sampleSize({ margin: 0.05, population: 1000 })
 * // z = 1.959964, n0 = 384.15, n = 384.15 / (1 + 383.15 / 1000) = 277.74 → 278
 */
export function sampleSize(options: SampleSizeOptions): SampleSize {
  const { margin, confidence = 0.95, p = 0.5, population, rounding = "up", zDecimals } = options;
  if (!(margin > 0 && margin < 1)) throw new RangeError(`margin must be between 0 and 1 (e.g. 0.05), got ${margin}`);
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be strictly between 0 and 1, got ${p}`);
  if (population !== undefined && !(Number.isInteger(population) && population >= 1)) {
    throw new RangeError(`population must be a whole number of at least 1, got ${population}`);
  }
  if (zDecimals !== undefined && !(Number.isInteger(zDecimals) && zDecimals >= 0 && zDecimals <= 15)) {
    throw new RangeError(`zDecimals must be a whole number from 0 to 15, got ${zDecimals}`);
  }
  const exactZ = zFor(confidence);
  const z = zDecimals === undefined ? exactZ : Number(exactZ.toFixed(zDecimals));
  const n0 = (z * z * p * (1 - p)) / (margin * margin);
  const correction: FiniteCorrection = population === undefined ? "none" : (options.correction ?? "cochran");
  const N = population ?? Number.POSITIVE_INFINITY;
  const exact = correction === "cochran" ? n0 / (1 + (n0 - 1) / N) : correction === "simple" ? n0 / (1 + n0 / N) : n0;
  // Only the uncorrected form can exceed N; no sample is larger than the population.
  const n = Math.min(round(exact, rounding), N);
  return {
    confidence,
    margin,
    p,
    population: population ?? null,
    z,
    n0,
    exact,
    n,
    correction,
    rounding,
    formula: [
      "n0 = z^2 * p * (1 - p) / e^2",
      FORMULAS[correction] + (correction === "none" && population !== undefined ? ", at most N" : ""),
      ROUNDING_WORDS[rounding],
    ].join("; "),
  };
}
