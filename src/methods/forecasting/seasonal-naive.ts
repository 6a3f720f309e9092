/**
 * Seasonal naive forecasts, the baseline every other method must beat: each interval is forecast as the same
 * interval one week (or one day) before.
 */
import { type DayGrid, dayAfter, dayCount, type Forecast } from "./series.ts";

/**
 * Each interval of the `horizonDays` days after the history is the same clock interval `lagDays` days
 * earlier (7: same interval last week; 1: same interval yesterday). Past the lag the history repeats: with a
 * 7-day lag, every Monday of the horizon is the history's last Monday. Where that interval is unknown (a day
 * without data, a holiday left out) it goes back another lag, and is 0 when the history holds none.
 *
 * @example seasonalNaive(history, 14, 7) // the last week of the history, twice
 */
export function seasonalNaive(history: DayGrid, horizonDays: number, lagDays: 1 | 7): Forecast {
  const n = history.intervalsPerDay;
  const days = dayCount(history);
  const values: number[] = [];
  for (let d = days; d < days + horizonDays; d++) {
    for (let i = 0; i < n; i++) {
      let value: number | null = null;
      // The latest history day with the same phase: d − k·lag for the smallest k that lands inside it.
      for (let source = d - lagDays * Math.ceil((d - days + 1) / lagDays); source >= 0; source -= lagDays) {
        value = history.values[source * n + i] ?? null;
        if (value !== null) break;
      }
      values.push(value ?? 0);
    }
  }
  return { firstDay: dayAfter(history), intervalsPerDay: n, values };
}
