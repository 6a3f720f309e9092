/**
 * The demo's calendar: which months it covers and where each local hour of each day falls in UTC, per time zone.
 * Days and hours are local to the location: on the day daylight saving starts the local hour that does not
 * exist is zero seconds long, and on the day it ends the repeated hour is two hours long.
 */
import { DateTime } from "luxon";

export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** 0 Monday … 6 Sunday. */
  readonly weekday: number;
  /** Months since the window's first month: 0, 1, … */
  readonly monthIndex: number;
}

export interface DemoWindow {
  /** First and last month, YYYY-MM. */
  readonly from: string;
  readonly to: string;
  readonly months: number;
  readonly dates: readonly LocalDate[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The `months` calendar months ending with `end` (YYYY-MM), by default the last full month before `today`.
 *
 * @example demoWindow(2, "2026-03") // { from: "2026-02", to: "2026-03", dates: [59 days] }
 */
export function demoWindow(months: number, end?: string, today: Date = new Date()): DemoWindow {
  if (!Number.isInteger(months) || months < 1 || months > 120) throw new Error(`months must be 1–120, got ${months}`);
  let year: number;
  let month: number;
  if (end !== undefined) {
    const match = MONTH.exec(end);
    if (!match) throw new Error(`end must be a month as YYYY-MM, got "${end}"`);
    year = Number(match[1]);
    month = Number(match[2]);
  } else {
    // The month before today's (UTC) month.
    year = today.getUTCFullYear();
    month = today.getUTCMonth();
    if (month === 0) {
      year--;
      month = 12;
    }
  }
  const first = new Date(Date.UTC(year, month - months, 1));
  const stop = Date.UTC(year, month, 1);
  const dates: LocalDate[] = [];
  for (let t = first.getTime(); t < stop; t += 86_400_000) {
    const d = new Date(t);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + 1;
    dates.push({
      year: y,
      month: m,
      day: d.getUTCDate(),
      weekday: (d.getUTCDay() + 6) % 7,
      monthIndex: (y - first.getUTCFullYear()) * 12 + (m - 1 - first.getUTCMonth()),
    });
  }
  return {
    from: `${first.getUTCFullYear()}-${pad(first.getUTCMonth() + 1)}`,
    to: `${year}-${pad(month)}`,
    months,
    dates,
  };
}

/**
 * Epoch seconds at which local hours 0…24 of `date` begin in `zone` (index 24 is the next local midnight).
 * A local time that does not exist (the spring-forward gap) maps to the first instant after it, as Luxon does.
 */
export function hourStarts(date: LocalDate, zone: string): Float64Array {
  const starts = new Float64Array(25);
  for (let hour = 0; hour < 24; hour++) {
    starts[hour] = DateTime.fromObject(
      { year: date.year, month: date.month, day: date.day, hour },
      { zone },
    ).toSeconds();
  }
  starts[24] = DateTime.fromObject({ year: date.year, month: date.month, day: date.day }, { zone })
    .plus({ days: 1 })
    .toSeconds();
  return starts;
}
