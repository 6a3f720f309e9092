/**
 * Holt-Winters exponential smoothing: level, trend (none, additive or damped) and seasonality (none, additive
 * or multiplicative), on a sequence with missing values.
 *
 * **Convention.** The component form of Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*
 * (sections 8.1–8.3 of the 3rd edition), with damping φ (φ = 1 undamped; no trend: b ≡ 0). With
 * ŷ_t = ℓ_{t−1} + φ·b_{t−1} the level-and-trend forecast of y_t:
 *
 * ```
 * additive:        forecast  ŷ_t + s_{t−m}
 *                  ℓ_t = α (y_t − s_{t−m}) + (1 − α) ŷ_t
 *                  s_t = γ (y_t − ŷ_t)     + (1 − γ) s_{t−m}
 * multiplicative:  forecast  ŷ_t · s_{t−m}
 *                  ℓ_t = α y_t / s_{t−m}   + (1 − α) ŷ_t
 *                  s_t = γ y_t / ŷ_t       + (1 − γ) s_{t−m}
 * both:            b_t = β* (ℓ_t − ℓ_{t−1}) + (1 − β*) φ b_{t−1}
 * h steps ahead:   ℓ_n + (φ + φ² + … + φ^h) b_n, with the latest seasonal index of that phase
 * ```
 *
 * The seasonal update uses the level and trend **before** the update (ℓ_{t−1} + φb_{t−1}), as in the book,
 * not the updated level ℓ_t as R's `HoltWinters` does. β* is the book's trend smoothing; R's `ets` reports
 * β = α·β*.
 *
 * **Missing values** (null) leave the states to run on as forecast: ℓ_t = ŷ_t, b_t = φ·b_{t−1},
 * s_t = s_{t−m}. In the multiplicative form an interval whose seasonal index is 0 (a closed hour) carries no
 * information about the level, so the level and trend run on there too, while its index is still updated.
 *
 * **Initial states** ({@link initialStates}) follow the book's classical heuristic: ℓ_0 is the mean of the
 * first season; b_0 is the difference between the means of the second and first seasons divided by m (0 with
 * one season or no trend); the initial seasonal indices are each phase's deviation from (additive) or ratio
 * to (multiplicative) its season's mean, averaged over the first two seasons. Missing values are left out of
 * those means.
 */
import { type Bounds, nelderMead } from "./nelder-mead.ts";

export type Trend = "none" | "additive" | "damped";
export type Seasonality = "none" | "additive" | "multiplicative";

export interface HoltWintersSpec {
  readonly trend: Trend;
  readonly seasonality: Seasonality;
  /** The season's length m in steps, e.g. 336 half-hours in a week (ignored without seasonality). */
  readonly period: number;
}

export interface HoltWintersParameters {
  /** Level smoothing, 0–1. */
  readonly alpha: number;
  /** Trend smoothing β*, 0–1 (unused without trend). */
  readonly beta: number;
  /** Seasonal smoothing, 0–1 (unused without seasonality). */
  readonly gamma: number;
  /** Damping, 0–1; 1 for an undamped trend (unused without trend). */
  readonly phi: number;
}

export interface HoltWintersStates {
  readonly level: number;
  readonly trend: number;
  /** The last m seasonal indices, oldest first: s_{t−m+1} … s_t (empty without seasonality). */
  readonly season: readonly number[];
}

export interface HoltWintersRun {
  /** ℓ_1 … ℓ_n. */
  readonly level: number[];
  /** b_1 … b_n. */
  readonly trend: number[];
  /** s_1 … s_n (empty without seasonality). */
  readonly season: number[];
  /** One-step forecasts ŷ_{t|t−1} for t = 1 … n. */
  readonly fitted: number[];
  /** Sum of squared one-step errors over the known values. */
  readonly sse: number;
  /** The states after the last step, where forecasts start. */
  readonly final: HoltWintersStates;
}

/** The smallest seasonal index a multiplicative level update divides by; below it the interval is closed. */
const CLOSED_INDEX = 1e-9;

function checkSpec(spec: HoltWintersSpec): void {
  if (spec.seasonality !== "none" && !(Number.isInteger(spec.period) && spec.period >= 2)) {
    throw new Error(`period: expected a whole number of at least 2 steps, got ${spec.period}`);
  }
}

/**
 * Runs the smoothing equations over `y` from the `initial` states with fixed `parameters`.
 *
 * @example
 * const run = smooth([10, 12, 11], { trend: "none", seasonality: "none", period: 1 },
 *   { alpha: 0.5, beta: 0, gamma: 0, phi: 1 }, { level: 10, trend: 0, season: [] });
 * run.level // [10, 11, 11]
 */
export function smooth(
  y: readonly (number | null)[],
  spec: HoltWintersSpec,
  parameters: HoltWintersParameters,
  initial: HoltWintersStates,
): HoltWintersRun {
  checkSpec(spec);
  const seasonal = spec.seasonality !== "none";
  const m = seasonal ? spec.period : 0;
  if (seasonal && initial.season.length !== m) {
    throw new Error(`initial.season: expected ${m} seasonal indices (one period), got ${initial.season.length}`);
  }
  const { alpha, gamma } = parameters;
  const beta = spec.trend === "none" ? 0 : parameters.beta;
  const phi = spec.trend === "damped" ? parameters.phi : 1;
  const multiplicative = spec.seasonality === "multiplicative";
  // ring[t mod m] holds s_{t−m} when step t (0-based) is processed, and s_t after it.
  const ring = [...initial.season];
  let level = initial.level;
  let trend = spec.trend === "none" ? 0 : initial.trend;
  const out = { level: [] as number[], trend: [] as number[], season: [] as number[], fitted: [] as number[] };
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const yt = y[t] ?? null;
    const base = level + phi * trend;
    const s = seasonal ? (ring[t % m] as number) : multiplicative ? 1 : 0;
    const fitted = multiplicative ? base * s : base + s;
    let nextLevel = base;
    let nextSeason = s;
    if (yt !== null) {
      sse += (yt - fitted) ** 2;
      if (multiplicative) {
        if (s > CLOSED_INDEX) nextLevel = (alpha * yt) / s + (1 - alpha) * base;
        nextSeason = (gamma * yt) / base + (1 - gamma) * s;
      } else {
        nextLevel = alpha * (yt - s) + (1 - alpha) * base;
        if (seasonal) nextSeason = gamma * (yt - base) + (1 - gamma) * s;
      }
    }
    trend = beta * (nextLevel - level) + (1 - beta) * phi * trend;
    level = nextLevel;
    if (seasonal) {
      ring[t % m] = nextSeason;
      out.season.push(nextSeason);
    }
    out.level.push(level);
    out.trend.push(trend);
    out.fitted.push(fitted);
  }
  const next = seasonal ? y.length % m : 0;
  const season = seasonal ? [...ring.slice(next), ...ring.slice(0, next)] : [];
  return { ...out, sse, final: { level, trend, season } };
}

/**
 * Forecasts 1 … `horizon` steps after the `final` states of a run: ℓ_n + (φ + … + φ^h) b_n, plus or times
 * the latest seasonal index of the step's phase.
 */
export function forecastFrom(
  final: HoltWintersStates,
  spec: HoltWintersSpec,
  parameters: HoltWintersParameters,
  horizon: number,
): number[] {
  const phi = spec.trend === "damped" ? parameters.phi : 1;
  const trend = spec.trend === "none" ? 0 : final.trend;
  const m = final.season.length;
  const out: number[] = [];
  let damped = 0;
  for (let h = 1; h <= horizon; h++) {
    damped += phi ** h;
    const base = final.level + damped * trend;
    if (spec.seasonality === "none") out.push(base);
    else {
      const s = final.season[(h - 1) % m] as number;
      out.push(spec.seasonality === "multiplicative" ? base * s : base + s);
    }
  }
  return out;
}

function mean(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v === null) continue;
    sum += v;
    n++;
  }
  return n > 0 ? sum / n : null;
}

/**
 * The classical starting states (see the module's doc): needs one full season with at least one known value,
 * and for a multiplicative season a first-season mean above 0.
 */
export function initialStates(y: readonly (number | null)[], spec: HoltWintersSpec): HoltWintersStates {
  checkSpec(spec);
  const m = spec.seasonality === "none" ? 1 : spec.period;
  const seasons = Math.min(2, Math.floor(y.length / m));
  if (seasons < 1) throw new Error(`expected at least one full season of ${m} values, got ${y.length}`);
  const means = Array.from({ length: seasons }, (_, k) => mean(y.slice(k * m, (k + 1) * m)));
  const first = means[0] ?? null;
  if (first === null) throw new Error("the first season has no known value to start the level from");
  if (spec.seasonality === "multiplicative" && !(first > 0)) {
    throw new Error("a multiplicative season needs a first season averaging above 0");
  }
  const second = means[1] ?? null;
  const trend = spec.trend === "none" || second === null ? 0 : (second - first) / m;
  if (spec.seasonality === "none") return { level: first, trend, season: [] };
  const multiplicative = spec.seasonality === "multiplicative";
  const season = Array.from({ length: m }, (_, j) => {
    const deviations: number[] = [];
    for (let k = 0; k < seasons; k++) {
      const v = y[k * m + j] ?? null;
      const mk = means[k] ?? null;
      if (v === null || mk === null || (multiplicative && !(mk > 0))) continue;
      deviations.push(multiplicative ? v / mk : v - mk);
    }
    return mean(deviations) ?? (multiplicative ? 1 : 0);
  });
  return { level: first, trend, season };
}

/** A fitted model: its parameters, starting states, the run over the history, and its forecasts. */
export interface HoltWintersFit {
  readonly spec: HoltWintersSpec;
  readonly parameters: HoltWintersParameters;
  readonly initial: HoltWintersStates;
  readonly run: HoltWintersRun;
  /** Forecasts 1 … `horizon` steps after the history. */
  forecast(horizon: number): number[];
}

/**
 * A multiplicative run whose level leaves the positive numbers, or whose seasonal index exceeds the period: the
 * indices of a season average about 1, so one above m means the level has collapsed towards 0 and a single
 * interval's index carries the volume — on sparse series its forecasts explode.
 */
function degenerate(run: HoltWintersRun, spec: HoltWintersSpec): boolean {
  if (spec.seasonality !== "multiplicative") return false;
  return run.level.some((l) => !(l > 0)) || run.season.some((s) => !(s <= spec.period));
}

/** Damping is searched within 0.8–0.98, the range Hyndman & Athanasopoulos recommend. */
const PHI_BOUNDS = [0.8, 0.98] as const;

/**
 * Fits α, β*, γ (and φ for a damped trend) by minimising the one-step sum of squared errors over the known
 * values with {@link nelderMead}, from the classical initial states, which are not re-estimated. Each
 * parameter is searched within its bounds (0–1; φ 0.8–0.98). A multiplicative fit whose level leaves the
 * positive numbers or whose seasonal index exceeds the period is refused (see {@link degenerate}); when no
 * parameters avoid it, the fit throws.
 */
export function fitHoltWinters(y: readonly (number | null)[], spec: HoltWintersSpec): HoltWintersFit {
  const initial = initialStates(y, spec);
  const names: (keyof HoltWintersParameters)[] = ["alpha"];
  if (spec.trend !== "none") names.push("beta");
  if (spec.seasonality !== "none") names.push("gamma");
  if (spec.trend === "damped") names.push("phi");
  const start = { alpha: 0.2, beta: 0.05, gamma: 0.1, phi: 0.9 };
  const bounds: Bounds = {
    lower: names.map((n) => (n === "phi" ? PHI_BOUNDS[0] : 0)),
    upper: names.map((n) => (n === "phi" ? PHI_BOUNDS[1] : 1)),
  };
  const parametersOf = (x: readonly number[]): HoltWintersParameters => {
    const p = { alpha: 0, beta: 0, gamma: 0, phi: 1 };
    names.forEach((n, i) => {
      p[n] = x[i] as number;
    });
    return p;
  };
  const objective = (x: number[]) => {
    const run = smooth(y, spec, parametersOf(x), initial);
    return degenerate(run, spec) ? Number.NaN : run.sse;
  };
  const best = nelderMead(
    objective,
    names.map((n) => start[n]),
    bounds,
  );
  const parameters = parametersOf(best.x);
  const run = smooth(y, spec, parameters, initial);
  if (degenerate(run, spec)) {
    throw new Error(
      "the multiplicative season degenerates on this series (its level falls towards 0): too many empty intervals",
    );
  }
  return {
    spec,
    parameters,
    initial,
    run,
    forecast: (horizon) => forecastFrom(run.final, spec, parameters, horizon),
  };
}
