/**
 * Proportional allocation of a sample over strata with largest-remainder (Hamilton) rounding.
 *
 * Each stratum h of N_h units has the quota q_h = n·N_h/N. Every stratum first gets ⌊q_h⌋; the units still to
 * give (n − Σ⌊q_h⌋, fewer than the number of strata) go one each to the strata with the largest fractional
 * parts q_h − ⌊q_h⌋. So every stratum gets ⌊q_h⌋ or ⌈q_h⌉ — within one of its proportional share — never more
 * than it holds, and the allocation sums to n exactly.
 *
 * - **Ties** between equal fractional parts go to the larger stratum, then to the stratum listed first: the
 *   result depends only on the strata and n, never on chance.
 * - **Tiny strata**: a stratum whose quota is below one gets a unit only when its fractional part wins a
 *   leftover unit, so with n much smaller than the number of strata some strata get none. That is the price of
 *   proportionality; covering every CSS is what monitoring compliance (3.5.1.a) checks, not this draw.
 */

export interface StratumSize {
  readonly key: string;
  readonly size: number;
}

export interface Allocation extends StratumSize {
  /** n·N_h/N, the exact proportional share. */
  readonly quota: number;
  /** The units drawn from the stratum. */
  readonly allocated: number;
}

/**
 * Splits `n` units over `strata` in proportion to their sizes.
 *
 * @example
 * allocate([{ key: "a", size: 5 }, { key: "b", size: 3 }, { key: "c", size: 2 }], 3)
 * // quotas 1.5, 0.9, 0.6 → floors 1, 0, 0 → the two leftovers go to b (0.9) and c (0.6): 1, 1, 1
 */
export function allocate(strata: readonly StratumSize[], n: number): Allocation[] {
  const total = strata.reduce((sum, s) => sum + s.size, 0);
  for (const s of strata) {
    if (!(Number.isInteger(s.size) && s.size >= 0)) throw new RangeError(`stratum ${s.key}: size ${s.size}`);
  }
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`the sample size must be a whole number, got ${n}`);
  if (n > total) throw new RangeError(`cannot draw ${n} from ${total} contacts`);
  if (total === 0) return strata.map((s) => ({ ...s, quota: 0, allocated: 0 }));
  // Integer arithmetic for the remainders (n·N_h mod N), so equal fractions compare equal.
  const shares = strata.map((s, index) => ({
    index,
    floor: Math.floor((n * s.size) / total),
    remainder: (n * s.size) % total,
  }));
  let left = n - shares.reduce((sum, s) => sum + s.floor, 0);
  const order = [...shares].sort(
    (a, b) => b.remainder - a.remainder || strata[b.index]!.size - strata[a.index]!.size || a.index - b.index,
  );
  const extra = new Set<number>();
  for (const s of order) {
    if (left === 0) break;
    extra.add(s.index);
    left--;
  }
  return strata.map((s, i) => ({
    ...s,
    quota: (n * s.size) / total,
    allocated: shares[i]!.floor + (extra.has(i) ? 1 : 0),
  }));
}
