/**
 * A confidence interval for a mean score from a sample: the average quality score of evaluated contacts.
 *
 * Student's t interval, x̄ ± t(1 − α/2, n − 1) · s/√n, with s the sample standard deviation (divisor n − 1).
 * When the sample was drawn without replacement from a known population of N contacts, the standard error
 * may carry the finite-population correction √(1 − n/N) (Cochran, Sampling Techniques, 1977, ch. 2); a census
 * (n = N) then has a zero-width interval.
 */
import { tFor } from "./quantiles.ts";

export interface MeanSummary {
  readonly mean: number;
  /** Sample standard deviation, divisor n − 1. */
  readonly sd: number;
  readonly n: number;
}

export interface MeanInterval extends MeanSummary {
  /** Standard error of the mean, after any finite-population correction. */
  readonly se: number;
  readonly df: number;
  /** The critical value t(1 − α/2, n − 1). */
  readonly t: number;
  readonly lower: number;
  readonly upper: number;
  readonly confidence: number;
  readonly population: number | null;
}

export interface MeanIntervalOptions {
  readonly confidence?: number;
  /** Population size N for the finite-population correction; none when left out. */
  readonly population?: number;
}

/**
 * Mean and sample standard deviation of a list of scores, by Welford's update (stable for large, close values).
 *
 * @example summarise([1, 2, 3, 4]) // { mean: 2.5, sd: 1.2909…, n: 4 }
 */
export function summarise(values: readonly number[]): MeanSummary {
  let mean = 0;
  let m2 = 0;
  values.forEach((x, i) => {
    if (!Number.isFinite(x)) throw new RangeError(`value ${i + 1} is not a finite number: ${x}`);
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  });
  const n = values.length;
  return { mean, sd: n > 1 ? Math.sqrt(m2 / (n - 1)) : Number.NaN, n };
}

/**
 * The t interval for a mean from its summary statistics.
 *
 * @example meanIntervalFromSummary({ mean: 1.58, sd: 1.2300, n: 10 }) // 0.700 to 2.460
 */
export function meanIntervalFromSummary(summary: MeanSummary, options: MeanIntervalOptions = {}): MeanInterval {
  const { mean, sd, n } = summary;
  const { confidence = 0.95, population } = options;
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError(`a t interval needs at least 2 values, got ${n}`);
  if (!Number.isFinite(mean)) throw new RangeError(`mean must be a finite number, got ${mean}`);
  if (!(sd >= 0 && Number.isFinite(sd))) throw new RangeError(`sd must be a non-negative number, got ${sd}`);
  if (population !== undefined && !(Number.isInteger(population) && population >= n)) {
    throw new RangeError(`population must be a whole number no smaller than the sample (${n}), got ${population}`);
  }
  const fpc = population === undefined ? 1 : Math.sqrt(1 - n / population);
  const se = (sd / Math.sqrt(n)) * fpc;
  const df = n - 1;
  const t = tFor(confidence, df);
  return {
    mean,
    sd,
    n,
    se,
    df,
    t,
    lower: mean - t * se,
    upper: mean + t * se,
    confidence,
    population: population ?? null,
  };
}

/**
 * The t interval for the mean of a list of scores.
 *
 * @example
 * // Student's sleep data, paired differences (R: t.test(extra ~ group, data = sleep, paired = TRUE))
 * meanInterval([1.2, 2.4, 1.3, 1.3, 0, 1.0, 1.8, 0.8, 4.6, 1.4]) // mean 1.58, 0.7001142 to 2.4598858
 */
export function meanInterval(values: readonly number[], options: MeanIntervalOptions = {}): MeanInterval {
  return meanIntervalFromSummary(summarise(values), options);
}
