/**
 * What capacity plans and schedules read from the warehouse: a queue's settings, the trained agents of its
 * program today, and an interval forecast of its contacts and handle time from its history.
 *
 * The forecast is the one `cxpm wfm forecast` makes: every method backtested on the last week of the history,
 * the lowest WAPE chosen, handle time forecast from its own history.
 */
import {
  addDays,
  type BacktestResult,
  backtest,
  daysBetween,
  forecastWith,
  handleTimeForecast,
  METHODS,
  type MethodName,
  weekday,
} from "../methods/forecasting/index.ts";
import { type ForecastHistory, loadForecastHistory } from "./forecast-history.ts";
import type { Warehouse } from "./warehouse.ts";

export interface QueueSettings {
  readonly queueId: string;
  readonly programId: string;
  readonly kind: string;
  readonly slThresholdSeconds: number | null;
}

/** The queue's row; throws, naming the queues there are, when it is unknown. */
export async function queueSettings(warehouse: Warehouse, queueId: string): Promise<QueueSettings> {
  const rows = await warehouse.all<{ program_id: string; kind: string; sl_threshold_seconds: number | null }>(
    "SELECT program_id, kind, sl_threshold_seconds FROM queues WHERE queue_id = ?",
    [queueId],
  );
  const row = rows[0];
  if (!row) {
    const known = await warehouse.all<{ queue_id: string }>("SELECT queue_id FROM queues ORDER BY 1 LIMIT 12");
    throw new Error(
      `the warehouse has no queue "${queueId}"${known.length ? `; queues include ${known.map((q) => q.queue_id).join(", ")}` : ""}`,
    );
  }
  return {
    queueId,
    programId: row.program_id,
    kind: row.kind,
    slThresholdSeconds: row.sl_threshold_seconds === null ? null : Number(row.sl_threshold_seconds),
  };
}

/**
 * CSSs of a program trained and working on the roster's latest day (its `as_of`): the headcount a capacity
 * plan starts from. Null when the roster holds no one for the program.
 */
export async function trainedHeadcount(
  warehouse: Warehouse,
  programId: string,
): Promise<{ heads: number; asOf: string } | null> {
  const rows = await warehouse.all<{ heads: bigint | number; as_of: string | null }>(
    `WITH latest AS (SELECT max(as_of) AS as_of FROM people WHERE program_id = ?)
     SELECT count(*) AS heads, strftime(any_value(latest.as_of), '%Y-%m-%d') AS as_of
     FROM people, latest
     WHERE program_id = ? AND role = 'css' AND trained_on IS NOT NULL AND trained_on <= latest.as_of
       AND starts_on <= latest.as_of AND (left_on IS NULL OR left_on >= latest.as_of)`,
    [programId, programId],
  );
  const row = rows[0];
  if (!row?.as_of) return null;
  return { heads: Number(row.heads), asOf: row.as_of };
}

export interface IntervalForecastDay {
  /** Local day, YYYY-MM-DD. */
  readonly day: string;
  /** Per clock slot of the day: contacts and handle seconds (null when none are handled). */
  readonly contacts: readonly number[];
  readonly ahtSeconds: readonly (number | null)[];
}

export interface QueueForecast {
  readonly scope: string;
  readonly timeZone: string;
  readonly intervalMinutes: number;
  readonly historyTo: string;
  readonly method: MethodName;
  /** How every method did on the last week of the history; `method` is its best. */
  readonly backtest: BacktestResult;
  readonly days: readonly IntervalForecastDay[];
}

/**
 * Contacts and handle time per local interval of a queue from `from` through `to`, forecast from its history
 * up to the day before `from` (the whole history when `from` is after it). Clock slots: a daylight-saving
 * day has the same slots as any other.
 */
export async function forecastQueue(
  warehouse: Warehouse,
  query: { queue: string; from?: string; days: number; intervalMinutes?: number; historyTo?: string },
): Promise<QueueForecast> {
  const history = await loadForecastHistory(warehouse, {
    queue: query.queue,
    intervalMinutes: query.intervalMinutes ?? 30,
    ...(query.historyTo === undefined ? {} : { to: query.historyTo }),
  });
  return forecastFromHistory(history, query);
}

/** {@link forecastQueue} from a history already loaded (and perhaps cut short). */
export function forecastFromHistory(history: ForecastHistory, query: { from?: string; days: number }): QueueForecast {
  const perDay = history.volume.intervalsPerDay;
  const historyDays = history.volume.values.length / perDay;
  const historyTo = addDays(history.volume.firstDay, historyDays - 1);
  const from = query.from ?? addDays(historyTo, 1);
  const skip = daysBetween(historyTo, from) - 1;
  if (skip < 0) throw new Error(`the forecast must start after the history, which runs to ${historyTo}`);
  const horizon = skip + query.days;
  const holdout = Math.min(7, historyDays - 7);
  if (holdout < 1) throw new Error(`${history.scope} has ${historyDays} days of history: forecasting needs two weeks`);
  const scored = backtest(history.volume, holdout, METHODS, {});
  if (scored.best === null) throw new Error(`no forecasting method could be fitted to ${history.scope}`);
  const volume = forecastWith(scored.best, history.volume, horizon, {});
  const aht = handleTimeForecast(history.handled, history.handleSeconds, horizon);
  const days: IntervalForecastDay[] = [];
  for (let d = skip; d < horizon; d++) {
    const at = d * perDay;
    days.push({
      day: addDays(historyTo, d + 1),
      contacts: Array.from({ length: perDay }, (_, k) => Math.max(0, (volume.values[at + k] as number | null) ?? 0)),
      ahtSeconds: Array.from({ length: perDay }, (_, k) => (aht.values[at + k] as number | null) ?? null),
    });
  }
  return {
    scope: history.scope,
    timeZone: history.timeZone,
    intervalMinutes: history.intervalMinutes,
    historyTo,
    method: scored.best,
    backtest: scored,
    days,
  };
}

/**
 * The forecast a plan of `days` days is made on: from `from`, by default the Monday after the queue's history.
 * A period inside the history is forecast from the history before it, as it would have been planned then.
 */
export async function forecastPlanningPeriod(
  warehouse: Warehouse,
  query: { queue: string; from?: string; days: number; intervalMinutes?: number },
): Promise<QueueForecast & { readonly firstDay: string }> {
  const scope = { queue: query.queue, intervalMinutes: query.intervalMinutes ?? 30 };
  const history = await loadForecastHistory(warehouse, scope);
  const lastDay = addDays(history.volume.firstDay, history.volume.values.length / history.volume.intervalsPerDay - 1);
  const firstDay = query.from ?? mondayFrom(addDays(lastDay, 1));
  const training =
    daysBetween(lastDay, firstDay) > 0
      ? history
      : await loadForecastHistory(warehouse, { ...scope, to: addDays(firstDay, -1) });
  return { firstDay, ...forecastFromHistory(training, { from: firstDay, days: query.days }) };
}

/** The Monday on or after `day`. */
export const mondayFrom = (day: string) => addDays(day, (7 - weekday(day)) % 7);
