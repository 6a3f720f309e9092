/**
 * Shrinkage forecasts: the share of paid time in which CSSs will not be available to handle work, per weekday
 * and per week, from the daily history of hours paid and hours lost.
 *
 * Shrinkage of a set of days is a ratio of sums, Σ lost hours / Σ paid hours, never the mean of the daily
 * ratios: a Sunday with three CSSs on the floor would otherwise weigh as much as a Monday with eighty, and the
 * capacity plan needs the hours lost out of the hours paid, which only the ratio of sums gives.
 *
 * Two methods, the better one chosen by a backtest on the last weeks of the history:
 * - `seasonal-naive`: each weekday takes the shrinkage of the same weekday a week before (the baseline);
 * - `weighted-<w>`: each weekday takes the ratio of sums over every past same weekday, the day `k` weeks back
 *   weighted `w^k`, so recent weeks count most while a single odd day cannot swing the forecast.
 *
 * The error is the mean absolute error in percentage points over the held-out days (a day with no paid hours
 * is left out). Pure functions; no I/O.
 */
import { addDays, daysBetween, weekday } from "./calendar.ts";

/** One local day's hours: paid (the base) and lost (paid hours not spent productive or available). */
export interface ShrinkageDay {
  /** Local day, YYYY-MM-DD. */
  readonly day: string;
  readonly paidHours: number;
  readonly lostHours: number;
}

/** The forecasting methods, the baseline first. */
export const SHRINKAGE_METHODS = ["seasonal-naive", "weighted-0.5", "weighted-0.7", "weighted-0.9"] as const;
export type ShrinkageMethod = (typeof SHRINKAGE_METHODS)[number];

export interface ShrinkageScore {
  readonly method: ShrinkageMethod;
  /** Mean absolute error of the daily shrinkage in percentage points (null when no held-out day had paid hours). */
  readonly maePoints: number | null;
}

export interface ShrinkageForecast {
  readonly method: ShrinkageMethod;
  /** Forecast shrinkage per ISO weekday, Monday first. */
  readonly byWeekday: readonly number[];
  /** Forecast shrinkage of a whole week: the weekdays weighted by their usual paid hours. */
  readonly weekly: number;
  /** Last day of the history the forecast was made from. */
  readonly historyTo: string;
  /** Days held out by the backtest, and each method's error on them; null when the history is too short. */
  readonly backtest: {
    readonly from: string;
    readonly days: number;
    readonly scores: readonly ShrinkageScore[];
  } | null;
}

/** One method's forecast per weekday from a contiguous daily history, with the paid hours it weighted. */
function fitMethod(
  method: ShrinkageMethod,
  days: readonly ShrinkageDay[],
): { byWeekday: number[]; weekly: number } | null {
  const lost = new Array<number>(7).fill(0);
  const paid = new Array<number>(7).fill(0);
  const last = days.at(-1);
  if (!last) return null;
  const decay = method === "seasonal-naive" ? 0 : Number(method.slice("weighted-".length));
  for (const d of days) {
    if (!(d.paidHours > 0)) continue;
    const weeksBack = Math.floor(daysBetween(d.day, last.day) / 7);
    // Seasonal naive keeps only the latest week; 0^0 = 1 gives it that.
    const w = decay ** weeksBack;
    if (w === 0) continue;
    const wd = weekday(d.day);
    lost[wd] = (lost[wd] as number) + w * d.lostHours;
    paid[wd] = (paid[wd] as number) + w * d.paidHours;
  }
  const totalPaid = paid.reduce((a, b) => a + b, 0);
  if (!(totalPaid > 0)) return null;
  const overall = lost.reduce((a, b) => a + b, 0) / totalPaid;
  // A weekday with no paid hours in the window takes the shrinkage of all the days.
  const byWeekday = paid.map((p, wd) => (p > 0 ? (lost[wd] as number) / p : overall));
  return { byWeekday, weekly: overall };
}

/** Sorts the days and fills the gaps with days of no paid hours, so weeks back count from the calendar. */
function contiguous(history: readonly ShrinkageDay[]): ShrinkageDay[] {
  const sorted = [...history].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return [];
  const byDay = new Map<string, ShrinkageDay>();
  for (const d of sorted) {
    if (!(d.paidHours >= 0 && d.lostHours >= 0 && d.lostHours <= d.paidHours)) {
      throw new Error(
        `${d.day}: lost hours must be between 0 and the paid hours, got ${d.lostHours} of ${d.paidHours}`,
      );
    }
    const seen = byDay.get(d.day);
    byDay.set(
      d.day,
      seen ? { day: d.day, paidHours: seen.paidHours + d.paidHours, lostHours: seen.lostHours + d.lostHours } : d,
    );
  }
  const span = daysBetween(first.day, last.day) + 1;
  return Array.from({ length: span }, (_, i) => {
    const day = addDays(first.day, i);
    return byDay.get(day) ?? { day, paidHours: 0, lostHours: 0 };
  });
}

/**
 * Each method's error on the last `weeks` whole weeks of the history, forecast from the days before them:
 * mean absolute error in percentage points over the held-out days with paid hours.
 */
export function backtestShrinkage(history: readonly ShrinkageDay[], weeks: number): ShrinkageScore[] {
  const days = contiguous(history);
  const holdout = weeks * 7;
  const train = days.slice(0, days.length - holdout);
  const heldOut = days.slice(days.length - holdout).filter((d) => d.paidHours > 0);
  return SHRINKAGE_METHODS.map((method) => {
    const model = fitMethod(method, train);
    if (!model || heldOut.length === 0) return { method, maePoints: null };
    const error = heldOut.reduce(
      (sum, d) => sum + Math.abs((model.byWeekday[weekday(d.day)] as number) - d.lostHours / d.paidHours),
      0,
    );
    return { method, maePoints: (100 * error) / heldOut.length };
  });
}

/**
 * Forecasts shrinkage per weekday and per week from a daily history (any order; days missing count as no paid
 * hours). With two weeks or more, the last `holdoutWeeks` (at most, default 4, keeping a week to fit) are held
 * out and the method with the lowest error is refitted on the whole history; with less, the baseline is used.
 * Throws when no day has paid hours.
 */
export function forecastShrinkage(history: readonly ShrinkageDay[], holdoutWeeks = 4): ShrinkageForecast {
  const days = contiguous(history);
  const last = days.at(-1);
  if (!last || !days.some((d) => d.paidHours > 0)) {
    throw new Error("the shrinkage history has no paid hours: nothing to forecast from");
  }
  const weeks = Math.min(holdoutWeeks, Math.floor(days.length / 7) - 1);
  let method: ShrinkageMethod = "seasonal-naive";
  let backtest: ShrinkageForecast["backtest"] = null;
  if (weeks >= 1) {
    const scores = backtestShrinkage(days, weeks);
    let best: ShrinkageScore | null = null;
    for (const s of scores) {
      if (s.maePoints !== null && (best?.maePoints == null || s.maePoints < best.maePoints)) best = s;
    }
    if (best) method = best.method;
    backtest = { from: addDays(last.day, 1 - 7 * weeks), days: 7 * weeks, scores };
  }
  // The latest week may hold no paid day of some weekday; fitMethod() falls back to the window's overall ratio.
  const model = fitMethod(method, days) as { byWeekday: number[]; weekly: number };
  return { method, byWeekday: model.byWeekday, weekly: model.weekly, historyTo: last.day, backtest };
}

/** The forecast shrinkage of a local day: its weekday's. */
export const shrinkageOn = (forecast: ShrinkageForecast, day: string): number =>
  forecast.byWeekday[weekday(day)] as number;
