/**
 * Cohen's kappa: agreement between two raters beyond what chance would give, unweighted (Cohen 1960) or
 * weighted for ordered categories (Cohen 1968).
 *
 * On the k × k table of proportions p_ij (rater A's category i, rater B's category j) with agreement weights
 * w_ij (1 on the diagonal, 0 for the farthest categories):
 *
 *   po = Σ w_ij·p_ij,   pe = Σ w_ij·p_i.·p_.j,   κ = (po − pe) / (1 − pe)
 *
 * Unweighted kappa is the case w_ij = 1 if i = j, else 0. Weights over category scores s (positions 0, 1, …
 * unless given), scaled by the range R = max s − min s:
 *
 * - linear (Cicchetti–Allison): w_ij = 1 − |s_i − s_j| / R
 * - quadratic (Fleiss–Cohen): w_ij = 1 − (s_i − s_j)² / R²
 *
 * The standard error is the large-sample one of Fleiss, Cohen & Everitt (1969), the "ASE" SAS prints and the
 * one statsmodels' `cohens_kappa` computes:
 *
 *   var(κ) = [Σ p_ij (w_ij − (w̄_i. + w̄_.j)(1 − κ))² − (κ − pe(1 − κ))²] / (n (1 − pe)²)
 *
 * with w̄_i. = Σ_j p_.j w_ij and w̄_.j = Σ_i p_i. w_ij; the confidence interval is κ ± z·SE, cut to [−1, 1]
 * where κ lives. For the test of κ = 0 the variance under the null hypothesis is also given (the one R's
 * irr::kappa2 uses for its z):
 *
 *   var₀(κ) = [Σ p_i. p_.j (w_ij − (w̄_i. + w̄_.j))² − pe²] / (n (1 − pe)²)
 */
import { zFor } from "../sampling/quantiles.ts";

export type KappaWeights = "none" | "linear" | "quadratic";

export const KAPPA_WEIGHTS: readonly KappaWeights[] = ["none", "linear", "quadratic"];

/** Counts of (rater A, rater B) category pairs; rows are rater A, columns rater B, both in `categories` order. */
export interface CrossTable {
  readonly categories: readonly string[];
  readonly counts: readonly (readonly number[])[];
}

export interface CohensKappaOptions {
  readonly weights?: KappaWeights;
  /** Numeric score of each category for the weights; positions 0, 1, 2, … by default. */
  readonly scores?: readonly number[];
  readonly confidence?: number;
}

export interface CohensKappa {
  readonly weights: KappaWeights;
  /** Number of items rated by both raters. */
  readonly n: number;
  /** Observed agreement po (weighted when weights are used). */
  readonly observed: number;
  /** Agreement expected by chance pe. */
  readonly expected: number;
  /** κ, or null when it is undefined: chance agreement is already perfect (pe = 1, e.g. one category used). */
  readonly kappa: number | null;
  /** Fleiss–Cohen–Everitt large-sample standard error; null with κ. The interval is κ ± z·SE within [−1, 1]. */
  readonly se: number | null;
  readonly confidence: number;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Standard error under κ = 0, and z = κ / se₀ for the test of no agreement beyond chance. */
  readonly seUnderNull: number | null;
  readonly z: number | null;
}

/**
 * The ordered categories of two label lists: the given order, else numbers ascending when every label is a
 * number, else text in sort order.
 *
 * @example categoriesOf(["10", "9", "9"]) // ["9", "10"]
 */
export function categoriesOf(...lists: readonly (readonly string[])[]): string[] {
  const labels = [...new Set(lists.flat())];
  const numeric = labels.every((l) => l.trim() !== "" && Number.isFinite(Number(l)));
  return numeric ? labels.sort((a, b) => Number(a) - Number(b)) : labels.sort();
}

/**
 * Cross-tabulates two raters' labels for the same items (same order, same length).
 *
 * @example crossTable(["yes", "no", "yes"], ["yes", "yes", "yes"]) // categories no, yes; counts [[0, 1], [0, 2]]
 */
export function crossTable(a: readonly string[], b: readonly string[], categories?: readonly string[]): CrossTable {
  if (a.length !== b.length)
    throw new RangeError(`the raters rated different numbers of items: ${a.length} and ${b.length}`);
  const cats = categories ?? categoriesOf(a, b);
  const index = new Map(cats.map((c, i) => [c, i]));
  if (index.size !== cats.length) throw new RangeError("categories must not repeat");
  const counts = cats.map(() => cats.map(() => 0));
  a.forEach((label, item) => {
    const i = index.get(label);
    const j = index.get(b[item]!);
    if (i === undefined || j === undefined) {
      throw new RangeError(
        `item ${item + 1}: label "${i === undefined ? label : b[item]}" is not one of the categories`,
      );
    }
    counts[i]![j]!++;
  });
  return { categories: cats, counts };
}

/**
 * The k × k agreement weights for category scores.
 *
 * @example agreementWeights("linear", 3) // [[1, 0.5, 0], [0.5, 1, 0.5], [0, 0.5, 1]]
 */
export function agreementWeights(weights: KappaWeights, k: number, scores?: readonly number[]): number[][] {
  const s = scores ?? Array.from({ length: k }, (_, i) => i);
  if (s.length !== k) throw new RangeError(`expected ${k} category scores, got ${s.length}`);
  if (!s.every(Number.isFinite)) throw new RangeError("category scores must be finite numbers");
  const range = Math.max(...s) - Math.min(...s);
  return s.map((si, i) =>
    s.map((sj, j) => {
      if (weights === "none" || range === 0) return i === j ? 1 : 0;
      const d = Math.abs(si - sj) / range;
      return weights === "linear" ? 1 - d : 1 - d * d;
    }),
  );
}

/**
 * Cohen's kappa, unweighted or weighted, with its standard error and confidence interval.
 *
 * @example
 * // Wikipedia's worked example: 50 proposals, both yes 20, A yes B no 5, A no B yes 10, both no 15
 * cohensKappa({ categories: ["yes", "no"], counts: [[20, 5], [10, 15]] }).kappa // 0.4
 */
export function cohensKappa(table: CrossTable, options: CohensKappaOptions = {}): CohensKappa {
  const { weights = "none", confidence = 0.95 } = options;
  const k = table.categories.length;
  if (table.counts.length !== k || table.counts.some((row) => row.length !== k)) {
    throw new RangeError(`the table must be ${k} × ${k}, one row and column per category`);
  }
  if (table.counts.some((row) => row.some((c) => !(Number.isFinite(c) && c >= 0)))) {
    throw new RangeError("counts must be non-negative numbers");
  }
  const n = table.counts.flat().reduce((sum, c) => sum + c, 0);
  if (n === 0) throw new RangeError("no items were rated by both raters");
  const z = zFor(confidence);
  const w = agreementWeights(weights, k, options.scores);
  const p = table.counts.map((row) => row.map((c) => c / n));
  const rows = p.map((row) => row.reduce((sum, x) => sum + x, 0));
  const cols = p[0]!.map((_, j) => p.reduce((sum, row) => sum + row[j]!, 0));
  const cells = (f: (i: number, j: number) => number) => {
    let sum = 0;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) sum += f(i, j);
    return sum;
  };
  const observed = cells((i, j) => w[i]![j]! * p[i]![j]!);
  const expected = cells((i, j) => w[i]![j]! * rows[i]! * cols[j]!);
  const base = { weights, n, observed, expected, confidence };
  // pe = 1 (up to rounding): every item in one category for both raters, chance explains everything.
  if (1 - expected < 1e-12) {
    return { ...base, kappa: null, se: null, lower: null, upper: null, seUnderNull: null, z: null };
  }
  const kappa = (observed - expected) / (1 - expected);
  const wRow = w.map((wi) => wi.reduce((sum, wij, j) => sum + cols[j]! * wij, 0));
  const wCol = cols.map((_, j) => w.reduce((sum, wi, i) => sum + rows[i]! * wi[j]!, 0));
  const scale = n * (1 - expected) ** 2;
  const variance =
    (cells((i, j) => p[i]![j]! * (w[i]![j]! - (wRow[i]! + wCol[j]!) * (1 - kappa)) ** 2) -
      (kappa - expected * (1 - kappa)) ** 2) /
    scale;
  const varianceUnderNull =
    (cells((i, j) => rows[i]! * cols[j]! * (w[i]![j]! - (wRow[i]! + wCol[j]!)) ** 2) - expected ** 2) / scale;
  // Both are sums of squares minus a square; rounding can leave −1e-17 where the exact value is 0.
  const se = Math.sqrt(Math.max(0, variance));
  const seUnderNull = Math.sqrt(Math.max(0, varianceUnderNull));
  return {
    ...base,
    kappa,
    se,
    lower: Math.max(-1, kappa - z * se),
    upper: Math.min(1, kappa + z * se),
    seUnderNull,
    z: seUnderNull > 0 ? kappa / seUnderNull : null,
  };
}

/**
 * Cohen's kappa straight from two raters' labels for the same items.
 *
 * @example cohensKappaOf(["1", "2", "3"], ["1", "2", "2"], { weights: "linear" })
 */
export function cohensKappaOf(
  a: readonly string[],
  b: readonly string[],
  options: CohensKappaOptions & { categories?: readonly string[] } = {},
): CohensKappa {
  return cohensKappa(crossTable(a, b, options.categories), options);
}
