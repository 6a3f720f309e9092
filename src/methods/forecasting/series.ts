/**
 * The shape every forecasting method reads and writes: values per interval on consecutive local days, the
 * intervals cut on the local clock (48 a day at 30 minutes). Interval i of a day starts at i × length after
 * local midnight; what a daylight-saving change does to real intervals is the warehouse's concern, which
 * maps each real interval to its clock slot.
 */
import { addDays, isDate, weekday } from "./calendar.ts";

/** Values per interval on consecutive local days. */
export interface DayGrid {
  /** The first local day, YYYY-MM-DD; the days run on from it without gaps. */
  readonly firstDay: string;
  /** Intervals in a day on the local clock, e.g. 48 at 30 minutes. */
  readonly intervalsPerDay: number;
  /**
   * Row-major: interval i of day d is at d × intervalsPerDay + i. `null` where nothing is known (a day the
   * source does not cover, a holiday left out of fitting, a clock slot a daylight-saving change skipped).
   * A closed interval is 0, not null.
   */
  readonly values: readonly (number | null)[];
}

/** A forecast: like a DayGrid, with every value known. */
export interface Forecast {
  readonly firstDay: string;
  readonly intervalsPerDay: number;
  readonly values: readonly number[];
}

/**
 * A day that does not behave like its weekday: a holiday, a campaign, a system change. It is left out when
 * methods fit the history, and its forecast is the ordinary forecast for the date times `factor`
 * (0 for a day the queue is closed, 0.6 for a quiet holiday, 1.3 for a mailing day).
 */
export interface SpecialDay {
  readonly date: string;
  readonly factor: number;
}

/** Days in the grid. */
export const dayCount = (grid: DayGrid | Forecast) => grid.values.length / grid.intervalsPerDay;

/** The local date of day `d` of the grid. */
export const dateOf = (grid: DayGrid | Forecast, d: number) => addDays(grid.firstDay, d);

/** The ISO weekday (0 Monday … 6 Sunday) of day `d` of the grid. */
export const weekdayOf = (grid: DayGrid | Forecast, d: number) => weekday(dateOf(grid, d));

/** The day after the grid's last day: where a forecast of it starts. */
export const dayAfter = (grid: DayGrid) => addDays(grid.firstDay, dayCount(grid));

/** Throws with a message a person can act on when the grid is malformed. */
export function checkGrid(grid: DayGrid): void {
  if (!isDate(grid.firstDay)) throw new Error(`firstDay: expected a date written YYYY-MM-DD, got "${grid.firstDay}"`);
  if (!Number.isInteger(grid.intervalsPerDay) || grid.intervalsPerDay < 1) {
    throw new Error(`intervalsPerDay: expected a whole number of at least 1, got ${grid.intervalsPerDay}`);
  }
  if (grid.values.length === 0 || grid.values.length % grid.intervalsPerDay !== 0) {
    throw new Error(
      `values: expected whole days of ${grid.intervalsPerDay} intervals, got ${grid.values.length} values`,
    );
  }
  for (const [i, v] of grid.values.entries()) {
    if (v !== null && !(Number.isFinite(v) && v >= 0)) {
      throw new Error(`values[${i}]: expected a count of at least 0 or null, got ${v}`);
    }
  }
}

/** The first `days` days of the grid. */
export function firstDays(grid: DayGrid, days: number): DayGrid {
  return { ...grid, values: grid.values.slice(0, days * grid.intervalsPerDay) };
}

/** The grid from day `from` on. */
export function daysFrom(grid: DayGrid, from: number): DayGrid {
  return { ...grid, firstDay: dateOf(grid, from), values: grid.values.slice(from * grid.intervalsPerDay) };
}

/** The grid with every special day's intervals set to null, so that no method fits to them. */
export function withoutSpecialDays(grid: DayGrid, specialDays: readonly SpecialDay[]): DayGrid {
  const dates = new Set(specialDays.map((s) => s.date));
  if (dates.size === 0) return grid;
  const n = grid.intervalsPerDay;
  const values = grid.values.map((v, i) => (dates.has(dateOf(grid, Math.floor(i / n))) ? null : v));
  return { ...grid, values };
}

/** The forecast with each special day's intervals multiplied by its factor. */
export function applySpecialDays(forecast: Forecast, specialDays: readonly SpecialDay[]): Forecast {
  const factors = new Map(specialDays.map((s) => [s.date, s.factor]));
  if (factors.size === 0) return forecast;
  const n = forecast.intervalsPerDay;
  const values = forecast.values.map((v, i) => v * (factors.get(dateOf(forecast, Math.floor(i / n))) ?? 1));
  return { ...forecast, values };
}
