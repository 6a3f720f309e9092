/**
 * Meeting a target: per period, and "meeting targeted performance levels" over a run of periods.
 */
import type { Direction } from "../schema.ts";

/** One period of a metric: its value and the target in force for that period (null when absent). */
export interface PeriodPoint {
  readonly period: string;
  readonly value: number | null;
  readonly target: number | null;
}

// Values arrive as floating-point results of divisions (80.00000000000001); a value equal to target meets it.
const EPSILON = 1e-9;
const close = (a: number, b: number) => Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Whether a value meets its target: at or above for higher-is-better, at or below for lower-is-better.
 * A value equal to target meets it.
 *
 * @example isMet(80, 80, "higher") // true
 */
export function isMet(value: number, target: number, direction: Direction): boolean {
  if (direction === "none") throw new Error("a metric with no direction has no target to meet");
  return close(value, target) || (direction === "higher" ? value > target : value < target);
}

/** Whether `a` is strictly better than `b` in the given direction. */
export function isBetter(a: number, b: number, direction: Direction): boolean {
  if (direction === "none") throw new Error("a metric with no direction cannot be better or worse");
  return !close(a, b) && (direction === "higher" ? a > b : a < b);
}

export interface TargetedLevels {
  /** Per period: met, not met, or not evaluated (no value or no target). */
  readonly periods: readonly { period: string; met: boolean | null }[];
  readonly evaluated: number;
  readonly met: number;
  /** met / evaluated, or null when nothing was evaluated. */
  readonly share: number | null;
  /** Target met in at least `requiredShare` of the evaluated periods (3 of 4 in R7.0). */
  readonly meeting: boolean;
}

/**
 * Meeting targeted performance levels: the target is met in at least `requiredShare` (0.75) of the periods
 * that have both a value and a target. Periods missing either are reported but not evaluated.
 */
export function targetedLevels(
  points: readonly PeriodPoint[],
  direction: Direction,
  requiredShare = 0.75,
): TargetedLevels {
  const periods = points.map((p) => ({
    period: p.period,
    met: p.value === null || p.target === null ? null : isMet(p.value, p.target, direction),
  }));
  const evaluated = periods.filter((p) => p.met !== null).length;
  const met = periods.filter((p) => p.met === true).length;
  const share = evaluated === 0 ? null : met / evaluated;
  return { periods, evaluated, met, share, meeting: share !== null && share + EPSILON >= requiredShare };
}
