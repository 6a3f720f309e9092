/**
 * Intraday reforecast: the rest of a day's interval forecast re-scaled by what has arrived so far, and the
 * agents each interval then needs by Erlang C.
 *
 * The method is the usual intraday practice of real-time analysts, written down so it can be checked:
 *
 * 1. ratio = actual contacts so far / forecast contacts for the same intervals;
 * 2. arrived = forecast contacts for the elapsed intervals / forecast contacts for the whole day — the share of
 *    the day's volume that has had its chance to arrive;
 * 3. factor = 1 + arrived × (ratio − 1), held between `cap.low` and `cap.high`.
 *
 * The damping in step 3 is the point: at 08:30, with 5% of the day in, a 40% surge over two intervals moves the
 * rest of the day by 2%; by 15:00, with 70% in, the same surge is evidence and moves it by 28%. The cap keeps
 * one odd interval (an outage, a mass mailing) from doubling a whole afternoon. Handle time is re-scaled the
 * same way, with its own ratio (actual over forecast handle time of the contacts handled so far).
 */
import { staffing } from "../queueing/index.ts";

/** Bounds of the factor applied to the rest of the day; default 0.5 to 2. */
export interface ReforecastCap {
  readonly low: number;
  readonly high: number;
}

export const DEFAULT_CAP: ReforecastCap = { low: 0.5, high: 2 };

export interface ReforecastInput {
  /** Forecast contacts per interval of the whole day. */
  readonly forecast: readonly number[];
  /** Contacts that arrived in each elapsed interval, from the day's first; its length is how many have elapsed. */
  readonly actual: readonly number[];
  readonly cap?: ReforecastCap;
}

export interface Reforecast {
  /** Actual over forecast contacts of the elapsed intervals; null when none were forecast for them. */
  readonly ratio: number | null;
  /** Share of the day's forecast volume in the elapsed intervals (0–1). */
  readonly arrived: number;
  /** What the remaining intervals were multiplied by. */
  readonly factor: number;
  /** The day per interval: the actuals where elapsed, the re-scaled forecast after. */
  readonly values: readonly number[];
}

const finiteAtLeastZero = (what: string, values: readonly number[]) => {
  for (const [i, x] of values.entries()) {
    if (!(x >= 0) || !Number.isFinite(x))
      throw new Error(`${what} of interval ${i + 1} must be a number ≥ 0, got ${x}`);
  }
};

/** The damped, capped factor of step 3 from a ratio and the share arrived; 1 when there is no ratio. */
export function dampedFactor(ratio: number | null, arrived: number, cap: ReforecastCap = DEFAULT_CAP): number {
  if (!(cap.low > 0 && cap.low <= 1 && cap.high >= 1)) {
    throw new Error(`the cap must hold 1 and be above 0, got ${cap.low} to ${cap.high}`);
  }
  if (ratio === null) return 1;
  return Math.min(cap.high, Math.max(cap.low, 1 + Math.min(1, Math.max(0, arrived)) * (ratio - 1)));
}

/**
 * Re-scales the rest of the day by the volume so far (see the module's comment).
 *
 * @example
 * // 100 contacts forecast in each of 4 intervals; the first two brought 130 and 110: ratio 1.2, half the day
 * // in, factor 1.1, so the last two are reforecast at 110 each.
 * reforecast({ forecast: [100, 100, 100, 100], actual: [130, 110] }).values // [130, 110, 110, 110]
 */
export function reforecast(input: ReforecastInput): Reforecast {
  const { forecast, actual } = input;
  finiteAtLeastZero("the forecast", forecast);
  finiteAtLeastZero("the actual volume", actual);
  if (actual.length > forecast.length) {
    throw new Error(`${actual.length} intervals of actuals for a day forecast in ${forecast.length}`);
  }
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const day = sum(forecast);
  const elapsedForecast = sum(forecast.slice(0, actual.length));
  const ratio = elapsedForecast > 0 ? sum(actual) / elapsedForecast : null;
  const arrived = day > 0 ? elapsedForecast / day : 0;
  const factor = dampedFactor(ratio, arrived, input.cap);
  return {
    ratio,
    arrived,
    factor,
    values: forecast.map((f, i) => (i < actual.length ? actual[i]! : f * factor)),
  };
}

/**
 * The handle-time factor for the rest of the day: the ratio of the handle time of the contacts handled so far
 * to what was forecast for them, damped by the same share arrived. `handled` and `forecastSeconds` are the
 * contacts handled so far and their forecast handle seconds in all; `actualSeconds` their actual handle seconds.
 */
export function handleTimeFactor(
  so: { readonly handled: number; readonly forecastSeconds: number; readonly actualSeconds: number },
  arrived: number,
  cap: ReforecastCap = DEFAULT_CAP,
): number {
  const ratio = so.handled > 0 && so.forecastSeconds > 0 ? so.actualSeconds / so.forecastSeconds : null;
  return dampedFactor(ratio, arrived, cap);
}

/**
 * Agents an interval needs by Erlang C to answer `target` of its contacts within `thresholdSeconds`; 0 when no
 * contact or no handle time is expected.
 *
 * @example requiredAgents(100, 180, 1800, { target: 0.8, thresholdSeconds: 20 }) // 14
 */
export function requiredAgents(
  contacts: number,
  ahtSeconds: number | null,
  intervalSeconds: number,
  serviceLevel: { readonly target: number; readonly thresholdSeconds: number },
): number {
  if (!(contacts > 0) || ahtSeconds === null || !(ahtSeconds > 0)) return 0;
  return staffing({
    model: "c",
    queue: { load: (contacts * ahtSeconds) / intervalSeconds, ahtSeconds },
    targets: { serviceLevel },
  }).agents;
}
