/**
 * The special functions the intervals need: normal, Student t and beta quantiles, and the two-sided critical
 * value for a confidence level.
 *
 * The quantiles come from stdlib (`@stdlib/stats-base-dists-*`), ports of the Boost and Cephes algorithms that
 * are accurate to a few units in the last place; this file only checks arguments and names things.
 */
import betaQuantileImpl from "@stdlib/stats-base-dists-beta-quantile";
import normalQuantileImpl from "@stdlib/stats-base-dists-normal-quantile";
import tQuantileImpl from "@stdlib/stats-base-dists-t-quantile";

/** Throws unless `confidence` is a level strictly between 0 and 1 (0.95, not 95). */
export function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1 (e.g. 0.95), got ${confidence}`);
  }
}

const checkProbability = (p: number) => {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a probability must be between 0 and 1, got ${p}`);
};

/**
 * The standard normal quantile Φ⁻¹(p).
 *
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  checkProbability(p);
  return normalQuantileImpl(p, 0, 1);
}

/**
 * The quantile of Student's t distribution with `df` degrees of freedom.
 *
 * @example tQuantile(0.975, 9) // 2.262157162798205
 */
export function tQuantile(p: number, df: number): number {
  checkProbability(p);
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, got ${df}`);
  return tQuantileImpl(p, df);
}

/**
 * The quantile of the beta distribution Beta(a, b): the inverse of the regularised incomplete beta function.
 *
 * @example betaQuantile(0.975, 2, 28) // 0.17764…, the Clopper–Pearson upper limit for 1/29
 */
export function betaQuantile(p: number, a: number, b: number): number {
  checkProbability(p);
  if (!(a > 0 && b > 0)) throw new RangeError(`beta parameters must be positive, got ${a} and ${b}`);
  return betaQuantileImpl(p, a, b);
}

/**
 * The two-sided critical value z = Φ⁻¹(1 − α/2) for a confidence level 1 − α; not rounded.
 *
 * @example zFor(0.95) // 1.959963984540054 (not 1.96)
 */
export function zFor(confidence: number): number {
  checkConfidence(confidence);
  return normalQuantile(1 - (1 - confidence) / 2);
}

/**
 * The two-sided critical value t(1 − α/2, df) for a confidence level 1 − α.
 *
 * @example tFor(0.95, 9) // 2.262157162798205
 */
export function tFor(confidence: number, df: number): number {
  checkConfidence(confidence);
  return tQuantile(1 - (1 - confidence) / 2, df);
}
