/**
 * Sustained improvement, as the Standard's glossary defines it.
 *
 * Three consecutive data points are each better than the previous performance level, which is the average of
 * the three data points before them (or of all earlier points when fewer than three exist). The three need not
 * improve on one another. A point better than its target counts as better than the previous performance level.
 */
import type { Direction } from "../schema.ts";
import { isBetter, type PeriodPoint } from "./met.ts";

export interface ImprovementWindow {
  /** The three periods that each beat the previous performance level. */
  readonly periods: readonly [string, string, string];
  /** Average of the (up to three) data points before the window. */
  readonly previousLevel: number;
}

export interface SustainedImprovement {
  /** Every window of three consecutive data points that shows sustained improvement. */
  readonly windows: readonly ImprovementWindow[];
  /** The window ending at the latest data point shows it: what counts for Item 4.6 now. */
  readonly current: boolean;
}

/**
 * Finds sustained improvement in a chronological series. Periods without a value are skipped: data points
 * are the periods that have one.
 *
 * @example
 * sustainedImprovement([70, 72, 71, 74, 75, 73].map((value, i) => ({ period: `2026-0${i + 1}`, value, target: 80 })), "higher")
 * // previous level of Apr–Jun is avg(70, 72, 71) = 71; 74, 75 and 73 all beat it: current = true
 */
export function sustainedImprovement(points: readonly PeriodPoint[], direction: Direction): SustainedImprovement {
  const data = points.filter((p): p is PeriodPoint & { value: number } => p.value !== null);
  const windows: ImprovementWindow[] = [];
  let current = false;
  for (let start = 1; start + 3 <= data.length; start++) {
    const before = data.slice(Math.max(0, start - 3), start);
    const previousLevel = before.reduce((sum, p) => sum + p.value, 0) / before.length;
    const three = data.slice(start, start + 3);
    const beats = (p: PeriodPoint & { value: number }) =>
      isBetter(p.value, previousLevel, direction) || (p.target !== null && isBetter(p.value, p.target, direction));
    if (three.every(beats)) {
      windows.push({ periods: [three[0]!.period, three[1]!.period, three[2]!.period], previousLevel });
      if (start + 3 === data.length) current = true;
    }
  }
  return { windows, current };
}
