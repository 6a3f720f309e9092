/**
 * Seeded random draws for the demo operation. Everything random in the demo comes from here, so one seed gives
 * one dataset: the generator is pure-rand's xoroshiro128+, and independent streams are made by jumping 2⁶⁴
 * draws ahead rather than by guessing unrelated seeds.
 *
 * @example
 * ```ts
 * const rng = new Random(42);
 * rng.lognormal(300, 0.5); // a handle time around five minutes
 * const other = rng.stream(); // independent of rng from here on
 * ```
 */

import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { JumpableRandomGenerator } from "pure-rand/types/JumpableRandomGenerator";

const TWO_POW_53 = 2 ** 53;

export class Random {
  private readonly generator: JumpableRandomGenerator;
  private spareNormal = Number.NaN;

  constructor(seed: number | JumpableRandomGenerator) {
    if (typeof seed === "number") {
      if (!Number.isSafeInteger(seed)) throw new Error(`seed must be a whole number, got ${seed}`);
      // pure-rand seeds with 32 bits; fold larger seeds in rather than dropping their high bits.
      this.generator = xoroshiro128plus((seed ^ Math.floor(seed / 2 ** 32)) | 0);
    } else this.generator = seed;
  }

  /** A new, independent stream: a copy of this one jumped 2⁶⁴ draws ahead; this one jumps too. */
  stream(): Random {
    this.generator.jump();
    return new Random(this.generator.clone());
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const high = this.generator.next() >>> 6; // 26 bits
    const low = this.generator.next() >>> 5; // 27 bits
    return (high * 2 ** 27 + low) / TWO_POW_53;
  }

  /** Uniform in (0, 1]: safe under a logarithm. */
  private open(): number {
    return 1 - this.uniform();
  }

  /** A whole number in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.uniform() < p;
  }

  /** Standard normal (Marsaglia's polar method; the second value of each pair is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const spare = this.spareNormal;
      this.spareNormal = Number.NaN;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    return u * factor;
  }

  /** Lognormal with the given median and log-scale standard deviation. Its mean is median·e^(σ²/2). */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(this.open());
  }

  /** Poisson with mean `mean`: by inversion up to 30, by the normal approximation (rounded, ≥ 0) beyond. */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    let k = 0;
    let p = Math.exp(-mean);
    let cumulative = p;
    const u = this.uniform();
    while (u > cumulative && k < 200) {
      k++;
      p *= mean / k;
      cumulative += p;
    }
    return k;
  }

  /** Binomial(n, p): counted for small n, by the normal approximation (rounded, clamped) for large n. */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n > 60) {
      const mean = n * p;
      return Math.min(n, Math.max(0, Math.round(mean + Math.sqrt(mean * (1 - p)) * this.normal())));
    }
    let k = 0;
    for (let i = 0; i < n; i++) if (this.uniform() < p) k++;
    return k;
  }
}
