/**
 * The candidate shifts of a planning horizon: every pattern × day × start time × placement of its breaks, with
 * the share of each interval it works. Placements that work exactly the same intervals (two starts of a
 * 15-minute break inside one 30-minute interval) are one candidate: they are the same column to the optimiser.
 */
import { type ShiftPattern, WEEKDAYS } from "./patterns.ts";

/** One break as placed in a shift: its start in minutes after the shift starts. */
export interface PlacedBreak {
  readonly offsetMinutes: number;
  readonly minutes: number;
  readonly paid: boolean;
}

/** A candidate shift. Coverage is sparse: intervals of the horizon and the share of each worked (0–1]. */
export interface CandidateShift {
  /** Index into the patterns given. */
  readonly pattern: number;
  /** Day of the horizon the shift starts on, from 0. */
  readonly day: number;
  /** Minutes after that day's midnight. */
  readonly startMinute: number;
  readonly breaks: readonly PlacedBreak[];
  readonly paidHours: number;
  /** Interval indices (ascending) and the share of each the shift works. */
  readonly intervals: Int32Array;
  readonly shares: Float64Array;
}

export interface Horizon {
  /** Interval length in minutes; divides a day. */
  readonly intervalMinutes: number;
  /** Days in the horizon. */
  readonly days: number;
  /** ISO weekday of the first day: 0 Monday … 6 Sunday. */
  readonly firstWeekday: number;
  /**
   * Whether the horizon wraps around: a shift starting late on the last day works the first day's early
   * intervals, as the same shift would in the following week. Without it, shifts must end inside the horizon.
   */
  readonly cyclic: boolean;
}

/** Every way to place a pattern's breaks: in the order listed, none overlapping, each inside its window. */
export function breakPlacements(pattern: ShiftPattern): PlacedBreak[][] {
  const out: PlacedBreak[][] = [];
  const place = (i: number, from: number, placed: PlacedBreak[]) => {
    const b = pattern.breaks[i];
    if (!b) {
      out.push(placed);
      return;
    }
    for (let t = b.earliest; t <= b.latest; t += b.every) {
      if (t >= from) place(i + 1, t + b.minutes, [...placed, { offsetMinutes: t, minutes: b.minutes, paid: b.paid }]);
    }
  };
  place(0, 0, []);
  return out;
}

/** The candidate shifts of every pattern over the horizon. Throws when a pattern can place no shift. */
export function candidateShifts(patterns: readonly ShiftPattern[], horizon: Horizon): CandidateShift[] {
  const { intervalMinutes: step, days, cyclic } = horizon;
  const horizonMinutes = days * 1440;
  const count = horizonMinutes / step;
  const out: CandidateShift[] = [];
  for (const [p, pattern] of patterns.entries()) {
    const placements = breakPlacements(pattern);
    if (placements.length === 0) {
      throw new Error(`pattern "${pattern.name}": its breaks cannot be placed without overlapping one another`);
    }
    const allowed = new Set(pattern.days.map((d) => WEEKDAYS.indexOf(d)));
    const before = out.length;
    for (let day = 0; day < days; day++) {
      if (!allowed.has((horizon.firstWeekday + day) % 7)) continue;
      for (const startMinute of pattern.starts) {
        const start = day * 1440 + startMinute;
        if (!cyclic && start + pattern.lengthMinutes > horizonMinutes) continue;
        const seen = new Set<string>();
        for (const breaks of placements) {
          const worked = new Map<number, number>();
          let at = start;
          for (const b of [...breaks, { offsetMinutes: pattern.lengthMinutes, minutes: 0 }]) {
            addWork(worked, at, start + b.offsetMinutes, step, count);
            at = start + b.offsetMinutes + b.minutes;
          }
          const intervals = Int32Array.from([...worked.keys()].sort((a, b) => a - b));
          const shares = Float64Array.from(intervals, (i) => (worked.get(i) as number) / step);
          const key = `${intervals.join(",")}|${shares.join(",")}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const unpaid = breaks.reduce((sum, b) => sum + (b.paid ? 0 : b.minutes), 0);
          out.push({
            pattern: p,
            day,
            startMinute,
            breaks,
            paidHours: (pattern.lengthMinutes - unpaid) / 60,
            intervals,
            shares,
          });
        }
      }
    }
    if (out.length === before) {
      throw new Error(
        `pattern "${pattern.name}": no shift fits the ${days}-day horizon on the days and start times allowed`,
      );
    }
  }
  return out;
}

/** Adds the minutes worked from `from` to `to` (absolute minutes) to the intervals they fall in, wrapping. */
function addWork(worked: Map<number, number>, from: number, to: number, step: number, count: number): void {
  for (let t = from; t < to; ) {
    const interval = Math.floor(t / step);
    const end = Math.min(to, (interval + 1) * step);
    const k = interval % count;
    worked.set(k, (worked.get(k) ?? 0) + (end - t));
    t = end;
  }
}
