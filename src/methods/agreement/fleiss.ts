/**
 * Fleiss' kappa (Fleiss 1971): agreement among m raters who each put every one of N items in one of k
 * categories, beyond what chance would give.
 *
 * With n_ij the number of raters who put item i in category j:
 *
 *   P_i = (Σ_j n_ij² − m) / (m(m − 1))    the share of agreeing rater pairs on item i
 *   P̄  = mean of P_i,   p_j = Σ_i n_ij / (N·m),   P̄e = Σ_j p_j²,   κ = (P̄ − P̄e) / (1 − P̄e)
 *
 * Each category also gets its own kappa, κ_j = 1 − Σ_i n_ij(m − n_ij) / (N·m(m − 1)·p_j·q_j), which shows
 * the categories raters confuse. The standard error given is the one under κ = 0 (Fleiss, Nee & Landis
 * 1979), for the test of no agreement beyond chance; it is not meant for a confidence interval.
 */

export interface FleissKappa {
  /** N, m and k. */
  readonly items: number;
  readonly raters: number;
  readonly categories: readonly string[];
  /** P̄: mean share of agreeing rater pairs per item (mean pairwise percent agreement). */
  readonly observed: number;
  /** P̄e: chance agreement. */
  readonly expected: number;
  /** κ, or null when chance agreement is already perfect (one category used throughout). */
  readonly kappa: number | null;
  /** Per category: the share of all ratings p_j and κ_j (null when the category was never or always used). */
  readonly byCategory: readonly { category: string; share: number; kappa: number | null }[];
  /** Standard error under κ = 0 and z = κ / se₀. */
  readonly seUnderNull: number | null;
  readonly z: number | null;
}

/**
 * Fleiss' kappa from an items × categories table of counts; every row must add up to the same number of
 * raters, at least 2.
 *
 * @example
 * // Fleiss 1971 / Wikipedia: 10 items, 14 raters, 5 categories → κ = 0.210
 * fleissKappa([[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], …])
 */
export function fleissKappa(counts: readonly (readonly number[])[], categories?: readonly string[]): FleissKappa {
  const N = counts.length;
  if (N === 0) throw new RangeError("no items to compare");
  const k = counts[0]!.length;
  const labels = categories ?? Array.from({ length: k }, (_, j) => String(j + 1));
  if (labels.length !== k || counts.some((row) => row.length !== k)) {
    throw new RangeError(`every item needs one count per category (${labels.length})`);
  }
  if (counts.some((row) => row.some((c) => !(Number.isInteger(c) && c >= 0)))) {
    throw new RangeError("counts must be non-negative whole numbers");
  }
  const m = counts[0]!.reduce((sum, c) => sum + c, 0);
  counts.forEach((row, i) => {
    const total = row.reduce((sum, c) => sum + c, 0);
    if (total !== m)
      throw new RangeError(`item ${i + 1} has ${total} ratings, item 1 has ${m}: every item needs all raters`);
  });
  if (m < 2) throw new RangeError(`Fleiss' kappa needs at least 2 raters per item, got ${m}`);

  const perItem = counts.map((row) => (row.reduce((sum, c) => sum + c * c, 0) - m) / (m * (m - 1)));
  const observed = perItem.reduce((sum, x) => sum + x, 0) / N;
  const shares = labels.map((_, j) => counts.reduce((sum, row) => sum + row[j]!, 0) / (N * m));
  const expected = shares.reduce((sum, pj) => sum + pj * pj, 0);
  const byCategory = labels.map((category, j) => {
    const pj = shares[j]!;
    const pq = pj * (1 - pj);
    const disagreement = counts.reduce((sum, row) => sum + row[j]! * (m - row[j]!), 0);
    return { category, share: pj, kappa: pq > 0 ? 1 - disagreement / (N * m * (m - 1) * pq) : null };
  });
  const base = { items: N, raters: m, categories: labels, observed, expected, byCategory };
  if (1 - expected < 1e-12) return { ...base, kappa: null, seUnderNull: null, z: null };

  const kappa = (observed - expected) / (1 - expected);
  const sumPQ = shares.reduce((sum, pj) => sum + pj * (1 - pj), 0);
  const sumPQQP = shares.reduce((sum, pj) => sum + pj * (1 - pj) * (1 - 2 * pj), 0);
  const seUnderNull = (Math.sqrt(2 / (N * m * (m - 1))) * Math.sqrt(Math.max(0, sumPQ * sumPQ - sumPQQP))) / sumPQ;
  return { ...base, kappa, seUnderNull, z: seUnderNull > 0 ? kappa / seUnderNull : null };
}

/**
 * Builds the items × categories table from each item's list of ratings (one label per rater).
 *
 * @example countsByItem([["a", "a", "b"], ["b", "b", "b"]]) // categories a, b; counts [[2, 1], [0, 3]]
 */
export function countsByItem(
  ratings: readonly (readonly string[])[],
  categories?: readonly string[],
): { categories: readonly string[]; counts: number[][] } {
  const cats = categories ?? [...new Set(ratings.flat())].sort();
  const index = new Map(cats.map((c, j) => [c, j]));
  const counts = ratings.map((labels, i) => {
    const row = cats.map(() => 0);
    for (const label of labels) {
      const j = index.get(label);
      if (j === undefined) throw new RangeError(`item ${i + 1}: label "${label}" is not one of the categories`);
      row[j]!++;
    }
    return row;
  });
  return { categories: cats, counts };
}

/**
 * Fleiss' kappa straight from each item's ratings (one label per rater, every item rated by all).
 *
 * @example fleissKappaOf([["a", "a", "b"], ["b", "b", "b"], ["a", "a", "a"]])
 */
export function fleissKappaOf(ratings: readonly (readonly string[])[], categories?: readonly string[]): FleissKappa {
  const table = countsByItem(ratings, categories);
  return fleissKappa(table.counts, table.categories);
}
