/**
 * Nelder–Mead minimisation inside a box, for fitting smoothing parameters. Written here rather than taken from
 * npm: the one package that does this (fmin) has had no release since 2016 and ships no types, and the
 * method is forty lines.
 *
 * The box is handled by a change of variable: the simplex moves in unbounded u, and the objective sees
 * lower + (upper − lower) / (1 + e^−u), so every point tried lies within the bounds.
 */

export interface Bounds {
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

export interface Minimum {
  /** The best point found, inside the bounds. */
  readonly x: number[];
  /** The objective there. */
  readonly value: number;
  /** Objective evaluations spent. */
  readonly evaluations: number;
}

export interface NelderMeadOptions {
  /** Stop when the simplex's values differ by less than this, relative to the best (default 1e-10). */
  readonly tolerance?: number;
  /** Stop after this many evaluations (default 200 per dimension). */
  readonly maxEvaluations?: number;
}

const toBox = (u: readonly number[], b: Bounds) =>
  u.map((ui, i) => (b.lower[i] as number) + ((b.upper[i] as number) - (b.lower[i] as number)) / (1 + Math.exp(-ui)));

const fromBox = (x: readonly number[], b: Bounds) =>
  x.map((xi, i) => {
    const lo = b.lower[i] as number;
    const p = Math.min(Math.max((xi - lo) / ((b.upper[i] as number) - lo), 1e-6), 1 - 1e-6);
    return Math.log(p / (1 - p));
  });

/**
 * Minimises `f` over the box from `start` (inside the bounds) with the standard coefficients: reflection 1,
 * expansion 2, contraction ½, shrink ½. Non-finite objective values count as +∞, so an objective can refuse
 * a point by returning NaN or Infinity.
 */
export function nelderMead(
  f: (x: number[]) => number,
  start: readonly number[],
  bounds: Bounds,
  options: NelderMeadOptions = {},
): Minimum {
  const n = start.length;
  const tolerance = options.tolerance ?? 1e-10;
  const maxEvaluations = options.maxEvaluations ?? 200 * n;
  let evaluations = 0;
  const g = (u: number[]) => {
    evaluations++;
    const value = f(toBox(u, bounds));
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  const u0 = fromBox(start, bounds);
  // The first simplex: the start and one step of 1 (a fair move on the logistic scale) along each axis.
  const simplex = [u0, ...u0.map((_, i) => u0.map((v, j) => (i === j ? v + 1 : v)))].map((u) => ({ u, v: g(u) }));
  const along = (from: number[], to: number[], t: number) => from.map((x, i) => x + t * ((to[i] as number) - x));

  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0] as { u: number[]; v: number };
    const worst = simplex[n] as { u: number[]; v: number };
    if (Math.abs(worst.v - best.v) <= tolerance * (Math.abs(best.v) + tolerance)) break;
    const centroid = u0.map((_, j) => simplex.slice(0, n).reduce((s, p) => s + (p.u[j] as number), 0) / n);
    const reflected = along(centroid, worst.u, -1);
    const r = g(reflected);
    if (r < best.v) {
      const expanded = along(centroid, worst.u, -2);
      const e = g(expanded);
      simplex[n] = e < r ? { u: expanded, v: e } : { u: reflected, v: r };
    } else if (r < (simplex[n - 1] as { v: number }).v) {
      simplex[n] = { u: reflected, v: r };
    } else {
      const outside = r < worst.v;
      const contracted = along(centroid, outside ? reflected : worst.u, 0.5);
      const c = g(contracted);
      if (c < (outside ? r : worst.v)) {
        simplex[n] = { u: contracted, v: c };
      } else {
        for (let i = 1; i <= n; i++) {
          const u = along(best.u, (simplex[i] as { u: number[] }).u, 0.5);
          simplex[i] = { u, v: g(u) };
        }
      }
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  const best = simplex[0] as { u: number[]; v: number };
  return { x: toBox(best.u, bounds), value: best.v, evaluations };
}
