/**
 * Calendar arithmetic on local dates written YYYY-MM-DD. Forecasts are laid out on local days, so a date here
 * is a day on the queue's own calendar: no time zone, no clock.
 */

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function dayNumber(date: string): number {
  if (!isDate(date)) throw new Error(`expected a date written YYYY-MM-DD, got "${date}"`);
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** The date `days` days after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`: 1 from a Monday to the Tuesday after it. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The ISO weekday: 0 for Monday through 6 for Sunday. */
export function weekday(date: string): number {
  // 1970-01-01, day 0, was a Thursday (ISO weekday 3).
  return (((dayNumber(date) + 3) % 7) + 7) % 7;
}

export const WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
