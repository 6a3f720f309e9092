/**
 * Real-time alert rules: small frozen objects with a `kind`, raised when volume or handle time runs away from
 * the forecast over the last few intervals, when an interval has fewer staff than it needs, or when a CSS has
 * been out of adherence for longer than a tolerance.
 */

export interface DeviationAlert {
  readonly kind: "volume" | "handle-time";
  /** Actual over forecast, less 1: +0.18 is 18% above forecast. */
  readonly deviation: number;
  readonly threshold: number;
  /** The intervals looked at (indices in the day), first and last. */
  readonly fromInterval: number;
  readonly toInterval: number;
  readonly forecast: number;
  readonly actual: number;
}

export interface StaffingAlert {
  readonly kind: "understaffed";
  readonly interval: number;
  readonly required: number;
  readonly staff: number;
  /** Required less staff, > 0. */
  readonly short: number;
}

export interface AdherenceAlert {
  readonly kind: "out-of-adherence";
  readonly agentId: string;
  /** Start and end of the stretch (seconds, as given); `ongoing` when it reaches now. */
  readonly start: number;
  readonly end: number;
  readonly minutes: number;
  readonly ongoing: boolean;
}

export type Alert = DeviationAlert | StaffingAlert | AdherenceAlert;

export const DEFAULT_THRESHOLD = 0.1;
export const DEFAULT_LAST_INTERVALS = 3;
export const DEFAULT_ADHERENCE_MINUTES = 10;

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Volume or handle time against forecast over the last `last` elapsed intervals (default 3): an alert when
 * |actual / forecast − 1| exceeds `threshold` (default 0.1). `forecast` and `actual` are per interval for the
 * elapsed part of the day (handle time: total handle seconds forecast and actual, so busy intervals weigh more).
 * Null when nothing is out of bounds or nothing was forecast.
 */
export function deviationAlert(
  kind: DeviationAlert["kind"],
  forecast: readonly number[],
  actual: readonly number[],
  options: { threshold?: number; last?: number } = {},
): DeviationAlert | null {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const last = options.last ?? DEFAULT_LAST_INTERVALS;
  if (!(threshold > 0)) throw new Error(`the alert threshold must be above 0, got ${threshold}`);
  if (!(Number.isInteger(last) && last >= 1)) throw new Error(`the intervals looked at must be ≥ 1, got ${last}`);
  const n = Math.min(forecast.length, actual.length);
  if (n === 0) return null;
  const from = Math.max(0, n - last);
  const f = sum(forecast.slice(from, n));
  const a = sum(actual.slice(from, n));
  if (!(f > 0)) return null;
  const deviation = a / f - 1;
  if (Math.abs(deviation) <= threshold) return null;
  return Object.freeze({ kind, deviation, threshold, fromInterval: from, toInterval: n - 1, forecast: f, actual: a });
}

/** One alert per interval whose staff fall short of what it requires by more than `tolerance` (default 0.5). */
export function staffingAlerts(
  intervals: readonly { readonly interval: number; readonly required: number; readonly staff: number }[],
  tolerance = 0.5,
): StaffingAlert[] {
  return intervals
    .filter((i) => i.required - i.staff > tolerance)
    .map((i) =>
      Object.freeze({
        kind: "understaffed" as const,
        interval: i.interval,
        required: i.required,
        staff: i.staff,
        short: i.required - i.staff,
      }),
    );
}

/**
 * The latest stretch out of adherence of at least `minutes` (default 10) for one CSS, or null; `now` tells
 * whether it is still going on.
 */
export function adherenceAlert(
  agentId: string,
  outOfAdherence: readonly { readonly start: number; readonly end: number }[],
  now: number,
  minutes = DEFAULT_ADHERENCE_MINUTES,
): AdherenceAlert | null {
  const long = outOfAdherence.filter((s) => s.end - s.start >= minutes * 60);
  const latest = long[long.length - 1];
  if (!latest) return null;
  return Object.freeze({
    kind: "out-of-adherence" as const,
    agentId,
    start: latest.start,
    end: latest.end,
    minutes: (latest.end - latest.start) / 60,
    ongoing: latest.end >= now,
  });
}
