/**
 * The few special functions the queueing formulas need, written so that they stay accurate when their arguments
 * run into the millions (offered loads of thousands of Erlangs divided by small abandonment ratios).
 *
 * Both are differences of two large values of a function (log Γ and ψ); taking the difference from the
 * asymptotic series term by term avoids subtracting two nearly equal large numbers.
 */

// Below this many terms a plain loop is exact enough and cheaper than the asymptotic series.
const DIRECT_TERMS = 64;
// The asymptotic series below are accurate to about 1e-15 from here on.
const ASYMPTOTIC_FROM = 20;

/** Stirling's series for log Γ(z) without (z − ½) log z − z + ½ log 2π. */
function stirlingCorrection(z: number): number {
  const w = 1 / (z * z);
  return (1 / z) * (1 / 12 - w * (1 / 360 - w * (1 / 1260 - w * (1 / 1680))));
}

/** The asymptotic series for ψ(z) without log z − 1/(2z). */
function digammaCorrection(z: number): number {
  const w = 1 / (z * z);
  return -w * (1 / 12 - w * (1 / 120 - w * (1 / 252 - w * (1 / 240))));
}

/**
 * log of the rising factorial z (z + 1) … (z + k − 1) = log Γ(z + k) − log Γ(z), for z > 0 and a whole k ≥ 0.
 *
 * @example logPochhammer(1, 5) // log 120 ≈ 4.787
 */
export function logPochhammer(z: number, k: number): number {
  if (!(z > 0) || !Number.isInteger(k) || k < 0) throw new Error("logPochhammer needs z > 0 and a whole k ≥ 0");
  let sum = 0;
  if (k <= DIRECT_TERMS) {
    for (let i = 0; i < k; i++) sum += Math.log(z + i);
    return sum;
  }
  // Shift z up to where Stirling's series is accurate.
  while (z < ASYMPTOTIC_FROM && k > 0) {
    sum += Math.log(z);
    z += 1;
    k -= 1;
  }
  const end = z + k;
  // (end − ½) log(end / z) + k (log z − 1): the leading terms of the difference, without cancellation.
  return (
    sum + (end - 0.5) * Math.log1p(k / z) + k * (Math.log(z) - 1) + stirlingCorrection(end) - stirlingCorrection(z)
  );
}

/**
 * The sum 1/z + 1/(z + 1) + … + 1/(z + k − 1) = ψ(z + k) − ψ(z), for z > 0 and a whole k ≥ 0.
 *
 * @example harmonicDifference(1, 4) // 1 + 1/2 + 1/3 + 1/4 ≈ 2.083
 */
export function harmonicDifference(z: number, k: number): number {
  if (!(z > 0) || !Number.isInteger(k) || k < 0) throw new Error("harmonicDifference needs z > 0 and a whole k ≥ 0");
  let sum = 0;
  if (k <= DIRECT_TERMS) {
    for (let i = k - 1; i >= 0; i--) sum += 1 / (z + i);
    return sum;
  }
  while (z < ASYMPTOTIC_FROM && k > 0) {
    sum += 1 / z;
    z += 1;
    k -= 1;
  }
  const end = z + k;
  return sum + Math.log1p(k / z) - (0.5 / end - 0.5 / z) + digammaCorrection(end) - digammaCorrection(z);
}

/**
 * log(eᵃ + eᵇ) without overflow.
 *
 * @example logAddExp(Math.log(2), Math.log(3)) // log 5
 */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const high = Math.max(a, b);
  return high + Math.log1p(Math.exp(Math.min(a, b) - high));
}
