/**
 * Daily total × intraday profile: how many contacts a day brings, forecast per weekday, spread over the day
 * with that weekday's average shape. Intraday noise averages out in both parts, which is what makes the
 * method hold up on a short history of small interval counts.
 */
import { addDays, weekday } from "./calendar.ts";
import { type DayGrid, dateOf, dayAfter, dayCount, type Forecast } from "./series.ts";

/** The smoothing constants tried for the daily totals; the one with the least one-step error is used. */
const ALPHAS = Array.from({ length: 20 }, (_, k) => (k + 1) / 20);

/** What the method learnt from a history, for reports. */
export interface DailyProfileModel {
  /** The smoothing constant chosen for the daily totals, shared by all weekdays. */
  readonly alpha: number;
  /** Forecast daily total per ISO weekday (0 Monday … 6 Sunday); null for a weekday never seen. */
  readonly dailyTotals: readonly (number | null)[];
  /** Share of the day's contacts per interval, per weekday: each row adds up to 1 (or is all 0). */
  readonly profiles: readonly (readonly number[])[];
}

/**
 * Learns the daily totals and intraday profiles from the history.
 *
 * - **Daily totals**: the days of each weekday form their own series, smoothed by simple exponential smoothing
 *   started at its first day; one smoothing constant for all seven, chosen from 0.05, 0.10, … 1 by the least
 *   one-step squared error over all weekdays. A day whose intervals are all unknown (no data, a special day)
 *   is skipped; unknown intervals within a day (clock slots a daylight-saving change skipped) add nothing.
 * - **Profiles**: per weekday, each interval's contacts over all that weekday's days divided by those days'
 *   total contacts (a volume-weighted average shape; closed days add nothing).
 */
export function dailyProfileModel(history: DayGrid): DailyProfileModel {
  const n = history.intervalsPerDay;
  const totals: { weekday: number; total: number; day: number }[] = [];
  for (let d = 0; d < dayCount(history); d++) {
    const row = history.values.slice(d * n, (d + 1) * n);
    // A day with no known interval has no data; one with a few null slots (a daylight-saving day) still counts.
    if (row.every((v) => v === null)) continue;
    totals.push({ weekday: weekday(dateOf(history, d)), total: row.reduce<number>((s, v) => s + (v ?? 0), 0), day: d });
  }
  const byWeekday = Array.from({ length: 7 }, (_, w) => totals.filter((t) => t.weekday === w).map((t) => t.total));
  const smoothed = (alpha: number) => {
    let sse = 0;
    const levels = byWeekday.map((series) => {
      if (series.length === 0) return null;
      let level = series[0] as number;
      for (const y of series.slice(1)) {
        sse += (y - level) ** 2;
        level = alpha * y + (1 - alpha) * level;
      }
      return level;
    });
    return { sse, levels };
  };
  let alpha = 1;
  let best = Number.POSITIVE_INFINITY;
  for (const a of ALPHAS) {
    const { sse } = smoothed(a);
    if (sse < best - 1e-12) {
      best = sse;
      alpha = a;
    }
  }
  const profiles = Array.from({ length: 7 }, (_, w) => {
    const sums = new Array<number>(n).fill(0);
    let total = 0;
    for (const t of totals) {
      if (t.weekday !== w) continue;
      for (let i = 0; i < n; i++) sums[i] = (sums[i] as number) + (history.values[t.day * n + i] ?? 0);
      total += t.total;
    }
    return sums.map((s) => (total > 0 ? s / total : 0));
  });
  return { alpha, dailyTotals: smoothed(alpha).levels, profiles };
}

/**
 * Forecasts `horizonDays` days after the history: each day's forecast total for its weekday times that
 * weekday's profile. A weekday the history never saw is forecast at 0.
 */
export function dailyProfile(history: DayGrid, horizonDays: number): Forecast {
  const model = dailyProfileModel(history);
  const firstDay = dayAfter(history);
  const values: number[] = [];
  for (let d = 0; d < horizonDays; d++) {
    const w = weekday(addDays(firstDay, d));
    const total = model.dailyTotals[w] ?? 0;
    for (const share of model.profiles[w] as number[]) values.push(total * share);
  }
  return { firstDay, intervalsPerDay: history.intervalsPerDay, values };
}
