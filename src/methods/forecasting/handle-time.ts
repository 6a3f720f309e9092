/**
 * Handle-time forecasts per interval, volume-weighted: each interval's average handle time is the handle
 * seconds of every contact handled in that weekday's interval over the history divided by their number, so
 * a busy Monday counts for more than a quiet one.
 */
import { addDays, weekday } from "./calendar.ts";
import { type DayGrid, dateOf, dayAfter, dayCount } from "./series.ts";

/**
 * Forecasts the average handle time (seconds per handled contact) of each interval of the `horizonDays` days
 * after the history, from contacts handled and their handle seconds per interval (two grids over the same
 * days; special days should already be left out as null). Per weekday and interval: Σ handle seconds / Σ
 * contacts handled. Where that weekday's interval handled nothing, the weekday's whole-day average is used,
 * then the history's; null only when the history handled nothing at all.
 */
export function handleTimeForecast(handled: DayGrid, handleSeconds: DayGrid, horizonDays: number): DayGrid {
  const n = handled.intervalsPerDay;
  if (handleSeconds.intervalsPerDay !== n || handleSeconds.values.length !== handled.values.length) {
    throw new Error("handled and handleSeconds must cover the same days and intervals");
  }
  const contacts = Array.from({ length: 7 }, () => new Array<number>(n).fill(0));
  const seconds = Array.from({ length: 7 }, () => new Array<number>(n).fill(0));
  for (let d = 0; d < dayCount(handled); d++) {
    const w = weekday(dateOf(handled, d));
    for (let i = 0; i < n; i++) {
      const c = handled.values[d * n + i] ?? null;
      const s = handleSeconds.values[d * n + i] ?? null;
      if (c === null || s === null || c === 0) continue;
      (contacts[w] as number[])[i] = ((contacts[w] as number[])[i] as number) + c;
      (seconds[w] as number[])[i] = ((seconds[w] as number[])[i] as number) + s;
    }
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const allContacts = sum(contacts.map(sum));
  const overall = allContacts > 0 ? sum(seconds.map(sum)) / allContacts : null;
  const firstDay = dayAfter(handled);
  const values: (number | null)[] = [];
  for (let d = 0; d < horizonDays; d++) {
    const w = weekday(addDays(firstDay, d));
    const dayContacts = sum(contacts[w] as number[]);
    const dayAverage = dayContacts > 0 ? sum(seconds[w] as number[]) / dayContacts : overall;
    for (let i = 0; i < n; i++) {
      const c = (contacts[w] as number[])[i] as number;
      values.push(c > 0 ? ((seconds[w] as number[])[i] as number) / c : dayAverage);
    }
  }
  return { firstDay, intervalsPerDay: n, values };
}
