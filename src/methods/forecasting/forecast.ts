/**
 * The forecasting methods under one name each, special days, and the backtest that chooses between them.
 *
 * Every method reads a {@link DayGrid} of contacts per local interval and forecasts whole days after it.
 * Special days are left out of the history (set to null) before a method sees it, and their forecast is the
 * method's forecast for the date times the day's factor. Forecasts below 0 are raised to 0.
 */
import { mape, wape } from "./accuracy.ts";
import { dailyProfile } from "./daily-profile.ts";
import { fitHoltWinters, type Trend } from "./holt-winters.ts";
import { seasonalNaive } from "./seasonal-naive.ts";
import {
  applySpecialDays,
  type DayGrid,
  dayAfter,
  dayCount,
  daysFrom,
  type Forecast,
  firstDays,
  type SpecialDay,
  withoutSpecialDays,
} from "./series.ts";

/**
 * The methods, by name:
 * - `seasonal-naive-week`: the same interval last week (the baseline);
 * - `seasonal-naive-day`: the same interval yesterday;
 * - `holt-winters-additive`, `holt-winters-multiplicative`: Holt-Winters on the interval series with a
 *   weekly season (7 × intervals a day), parameters fitted by one-step squared error;
 * - `daily-profile`: daily totals per weekday by exponential smoothing × the weekday's intraday profile.
 */
export const METHODS = [
  "seasonal-naive-week",
  "seasonal-naive-day",
  "holt-winters-additive",
  "holt-winters-multiplicative",
  "daily-profile",
] as const;
export type MethodName = (typeof METHODS)[number];

/** The method every other is compared with. */
export const BASELINE: MethodName = "seasonal-naive-week";

export interface ForecastOptions {
  /** Days that do not behave like their weekday: left out of fitting, forecast × their factor. */
  readonly specialDays?: readonly SpecialDay[];
  /** Holt-Winters trend (default damped). */
  readonly trend?: Trend;
}

function holtWinters(history: DayGrid, horizonDays: number, seasonality: "additive" | "multiplicative", trend: Trend) {
  const period = 7 * history.intervalsPerDay;
  if (dayCount(history) < 7) throw new Error("Holt-Winters needs at least one full week of history");
  const fit = fitHoltWinters(history.values, { trend, seasonality, period });
  return {
    firstDay: dayAfter(history),
    intervalsPerDay: history.intervalsPerDay,
    values: fit.forecast(horizonDays * history.intervalsPerDay),
  };
}

/**
 * Forecasts the `horizonDays` days after `history` with `method`. Throws, with the reason, when the history
 * is too short for the method (Holt-Winters needs a full week).
 */
export function forecastWith(
  method: MethodName,
  history: DayGrid,
  horizonDays: number,
  options: ForecastOptions = {},
): Forecast {
  if (!(Number.isInteger(horizonDays) && horizonDays >= 1)) {
    throw new Error(`horizonDays: expected a whole number of at least 1, got ${horizonDays}`);
  }
  const specialDays = options.specialDays ?? [];
  const fitted = withoutSpecialDays(history, specialDays);
  const trend = options.trend ?? "damped";
  const raw =
    method === "seasonal-naive-week"
      ? seasonalNaive(fitted, horizonDays, 7)
      : method === "seasonal-naive-day"
        ? seasonalNaive(fitted, horizonDays, 1)
        : method === "holt-winters-additive"
          ? holtWinters(fitted, horizonDays, "additive", trend)
          : method === "holt-winters-multiplicative"
            ? holtWinters(fitted, horizonDays, "multiplicative", trend)
            : dailyProfile(fitted, horizonDays);
  const clamped = { ...raw, values: raw.values.map((v) => (Number.isFinite(v) && v > 0 ? v : 0)) };
  return applySpecialDays(clamped, specialDays);
}

/** How one method did on the holdout; `error` says why a method could not run. */
export interface MethodScore {
  readonly method: MethodName;
  /** Weighted absolute percentage error as a share; null when the method could not run or nothing arrived. */
  readonly wape: number | null;
  /** Mean absolute percentage error over intervals with contacts, as a share. */
  readonly mape: number | null;
  /** This method's WAPE over the baseline's (below 1 beats seasonal naive). */
  readonly wapeVsBaseline: number | null;
  readonly error?: string;
}

export interface BacktestResult {
  /** The first day held out. */
  readonly holdoutFirstDay: string;
  readonly holdoutDays: number;
  readonly scores: readonly MethodScore[];
  /** The method with the lowest WAPE; null when none could run. */
  readonly best: MethodName | null;
}

/** WAPE and MAPE of a forecast against actuals over the same days (known, non-special intervals only). */
export function accuracy(actual: DayGrid, forecast: Forecast): { wape: number | null; mape: number | null } {
  return {
    wape: wape(actual.values, forecast.values as number[]),
    mape: mape(actual.values, forecast.values as number[]),
  };
}

/**
 * Scores each method (and always the baseline) on a holdout: the history's last `holdoutDays` days are
 * forecast from the days before them and compared interval by interval. Special days are left out of the
 * training and of the scores. The method with the lowest WAPE is `best`; a tie goes to the earlier in
 * {@link METHODS}.
 */
export function backtest(
  history: DayGrid,
  holdoutDays: number,
  methods: readonly MethodName[] = METHODS,
  options: ForecastOptions = {},
): BacktestResult {
  const days = dayCount(history);
  if (!(Number.isInteger(holdoutDays) && holdoutDays >= 1 && holdoutDays < days)) {
    throw new Error(`holdoutDays: expected a whole number from 1 to ${days - 1} (the history has ${days} days)`);
  }
  const masked = withoutSpecialDays(history, options.specialDays ?? []);
  const training = firstDays(masked, days - holdoutDays);
  const actual = daysFrom(masked, days - holdoutDays);
  const chosen = METHODS.filter((m) => m === BASELINE || methods.includes(m));
  const raw = chosen.map((method) => {
    try {
      return { method, ...accuracy(actual, forecastWith(method, training, holdoutDays, options)) };
    } catch (error) {
      return { method, wape: null, mape: null, error: (error as Error).message };
    }
  });
  const baseline = raw.find((s) => s.method === BASELINE)?.wape ?? null;
  const scores = raw.map((s) => ({
    ...s,
    wapeVsBaseline: s.wape !== null && baseline !== null && baseline > 0 ? s.wape / baseline : null,
  }));
  let best: MethodName | null = null;
  let bestWape = Number.POSITIVE_INFINITY;
  for (const s of scores) {
    if (s.wape !== null && s.wape < bestWape && methods.includes(s.method)) {
      best = s.method;
      bestWape = s.wape;
    }
  }
  return { holdoutFirstDay: actual.firstDay, holdoutDays, scores, best };
}
