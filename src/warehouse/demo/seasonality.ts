/**
 * When contacts arrive: relative arrival rates by local hour, day of the week and month of the year for each
 * pattern. Voice peaks mid-morning and again early in the afternoon on weekdays and is lower and flatter at
 * weekends; chat peaks later and keeps an evening shoulder; email arrives around the clock but mostly in the
 * day; back-office work arrives on weekdays in office hours; the collections dialer works office hours.
 */
import type { OpeningHours, Pattern } from "./organisation.ts";

type Hours = readonly number[];

/** Relative arrivals per local hour 0–23 on weekdays and at weekends. */
const INTRADAY: Readonly<Record<Pattern, { weekday: Hours; weekend: Hours }>> = {
  voice: {
    weekday: [
      0.06, 0.04, 0.03, 0.03, 0.04, 0.09, 0.25, 0.6, 1.15, 1.6, 1.85, 1.72, 1.32, 1.45, 1.62, 1.48, 1.22, 0.98, 0.78,
      0.6, 0.45, 0.3, 0.18, 0.1,
    ],
    weekend: [
      0.08, 0.05, 0.04, 0.03, 0.04, 0.06, 0.14, 0.32, 0.62, 0.95, 1.15, 1.22, 1.18, 1.1, 1.02, 0.94, 0.85, 0.75, 0.62,
      0.5, 0.4, 0.3, 0.2, 0.12,
    ],
  },
  chat: {
    weekday: [
      0.1, 0.06, 0.04, 0.03, 0.03, 0.05, 0.12, 0.32, 0.72, 1.1, 1.38, 1.45, 1.3, 1.36, 1.45, 1.4, 1.3, 1.2, 1.12, 1.1,
      1.14, 0.92, 0.55, 0.24,
    ],
    weekend: [
      0.12, 0.07, 0.05, 0.04, 0.03, 0.05, 0.1, 0.22, 0.5, 0.85, 1.1, 1.2, 1.2, 1.16, 1.12, 1.1, 1.06, 1.04, 1.02, 1.04,
      1.06, 0.86, 0.55, 0.26,
    ],
  },
  email: {
    weekday: [
      0.25, 0.18, 0.14, 0.12, 0.12, 0.16, 0.3, 0.6, 1.1, 1.45, 1.55, 1.5, 1.3, 1.35, 1.45, 1.4, 1.3, 1.15, 0.95, 0.8,
      0.7, 0.6, 0.45, 0.32,
    ],
    weekend: [
      0.25, 0.18, 0.14, 0.12, 0.12, 0.14, 0.2, 0.35, 0.6, 0.85, 1.0, 1.05, 1.0, 0.95, 0.92, 0.9, 0.85, 0.8, 0.75, 0.7,
      0.65, 0.55, 0.42, 0.3,
    ],
  },
  "back-office": {
    weekday: [0, 0, 0, 0, 0, 0, 0, 0.2, 1.4, 1.8, 1.6, 1.4, 0.8, 1.1, 1.5, 1.4, 1.1, 0.6, 0.2, 0.05, 0, 0, 0, 0],
    weekend: [0, 0, 0, 0, 0, 0, 0, 0, 0.1, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.1, 0.05, 0, 0, 0, 0, 0, 0, 0],
  },
  outbound: {
    weekday: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1.1, 1.1, 0.8, 0.9, 1.1, 1.1, 1, 1.1, 1.3, 1.3, 0, 0, 0, 0],
    weekend: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1.1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
  },
};

/** Relative arrivals Monday … Sunday. */
const WEEKLY: Readonly<Record<Pattern, readonly number[]>> = {
  voice: [1.18, 1.06, 1.0, 0.98, 0.94, 0.56, 0.4],
  chat: [1.1, 1.04, 1.0, 1.0, 0.96, 0.78, 0.72],
  email: [1.22, 1.05, 1.0, 0.98, 0.94, 0.46, 0.4],
  "back-office": [1.25, 1.1, 1.05, 1.0, 0.95, 0.1, 0.05],
  outbound: [1.05, 1.0, 1.0, 1.0, 0.95, 0.6, 0],
};

/** Relative volume January … December: a January surge after the holidays, a quiet spring, a December peak. */
const YEARLY = [1.08, 1.0, 1.0, 0.97, 0.96, 0.98, 1.02, 1.03, 1.0, 1.0, 1.04, 1.1];

/** Relative arrival rate of `pattern` in local hour `hour` of a day, before opening hours. */
export function arrivalRate(pattern: Pattern, weekday: number, month: number, hour: number): number {
  const shape = INTRADAY[pattern];
  const hours = weekday >= 5 ? shape.weekend : shape.weekday;
  return (hours[hour] ?? 0) * (WEEKLY[pattern][weekday] ?? 0) * (YEARLY[month - 1] ?? 1);
}

/** Whether local hour `hour` of a day is within the opening hours. */
export function isOpen(hours: OpeningHours, weekday: number, hour: number): boolean {
  const span = weekday === 6 ? hours.sunday : weekday === 5 ? hours.saturday : hours.weekday;
  return span !== null && hour >= span[0] && hour < span[1];
}

/** Outbound: share of dials answered rises in the evening, when people are home. */
export function connectFactor(hour: number): number {
  return hour >= 17 ? 1.25 : hour < 12 ? 0.9 : 1;
}
