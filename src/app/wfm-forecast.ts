/**
 * Forecast vs actual for the workforce manager: a queue's contacts and handle time per interval forecast for
 * some days from the history before them, set beside what the warehouse holds for those days, with the error
 * per day and overall. The method is the one `cxpm wfm forecast` would choose: every method backtested on the
 * last week of the history before the forecast, the lowest WAPE wins; handle time is forecast per weekday
 * and interval from its own history.
 *
 * The default shows the forecast against the actuals out of the box: the last 7 days of the queue's history,
 * forecast from everything before them.
 */
import {
  addDays,
  daysBetween,
  daysFrom,
  firstDays,
  isDate,
  type MethodName,
  type MethodScore,
  mape,
  wape,
} from "../methods/forecasting/index.ts";
import { checkIntervalMinutes, loadForecastHistory } from "../warehouse/forecast-history.ts";
import type { Warehouse } from "../warehouse/warehouse.ts";
import { forecastFromHistory, type IntervalForecastDay, type QueueForecast } from "../warehouse/wfm.ts";
import { InvalidInputError, NotFoundError } from "./errors.ts";

/** A queue as the WFM pickers offer it, with the span of its history on its local clock. */
export interface WfmQueue {
  readonly id: string;
  readonly program: string;
  readonly channel: string;
  readonly kind: string;
  readonly slThresholdSeconds: number | null;
  readonly timeZone: string | null;
  /** Contacts the warehouse holds for the queue. */
  readonly contacts: number;
  /** First and last local day with a contact; null when it has none. */
  readonly firstDay: string | null;
  readonly lastDay: string | null;
}

/** Every queue of the warehouse (of the queues dataset or only of contacts), busiest first. */
export async function wfmQueues(warehouse: Warehouse): Promise<WfmQueue[]> {
  const rows = await warehouse.all<{
    queue_id: string;
    program_id: string;
    channel: string;
    kind: string;
    sl_threshold_seconds: number | null;
    time_zone: string | null;
    contacts: bigint | number;
    first_day: string | null;
    last_day: string | null;
  }>(
    // A queue known only from its contacts (no queues dataset loaded) is listed too, without a threshold.
    `WITH c AS (
       SELECT queue_id, any_value(program_id) AS program_id, any_value(channel) AS channel,
         any_value(kind) AS kind, any_value(time_zone) AS time_zone, count(*) AS contacts,
         strftime(min(arrived_at AT TIME ZONE time_zone), '%Y-%m-%d') AS first_day,
         strftime(max(arrived_at AT TIME ZONE time_zone), '%Y-%m-%d') AS last_day
       FROM contacts WHERE queue_id IS NOT NULL GROUP BY queue_id
     )
     SELECT queue_id, coalesce(q.program_id, c.program_id) AS program_id, coalesce(q.channel, c.channel) AS channel,
       coalesce(q.kind, c.kind) AS kind, q.sl_threshold_seconds, c.time_zone,
       coalesce(c.contacts, 0) AS contacts, c.first_day, c.last_day
     FROM queues q FULL JOIN c USING (queue_id)
     ORDER BY contacts DESC, queue_id`,
  );
  return rows.map((r) => ({
    id: r.queue_id,
    program: r.program_id,
    channel: r.channel,
    kind: r.kind,
    slThresholdSeconds: r.sl_threshold_seconds === null ? null : Number(r.sl_threshold_seconds),
    timeZone: r.time_zone,
    contacts: Number(r.contacts),
    firstDay: r.first_day,
    lastDay: r.last_day,
  }));
}

/** The queue, or a 404 naming the queues there are. */
export async function findQueue(warehouse: Warehouse, id: string): Promise<WfmQueue> {
  const queues = await wfmQueues(warehouse);
  const queue = queues.find((q) => q.id === id);
  if (queue) return queue;
  const known = queues.map((q) => q.id).sort();
  const message = known.length
    ? `the warehouse has no queue "${id}"; its queues are ${known.join(", ")}`
    : `the warehouse has no queue "${id}" and no queues at all: load queues and contacts on the Data page`;
  throw new NotFoundError(message, [{ field: "queue", message }]);
}

export interface ForecastVsActualQuery {
  readonly queue: string;
  /** First local day forecast, YYYY-MM-DD (default: 6 days before the history's last day). */
  readonly from?: string | undefined;
  /** Days forecast (default 7). */
  readonly days?: number | undefined;
  /** Interval length in minutes (default 30). */
  readonly intervalMinutes?: number | undefined;
}

/** Forecast error of contacts over some intervals: WAPE and MAPE as shares, null when nothing arrived. */
export interface ForecastError {
  readonly wape: number | null;
  readonly mape: number | null;
}

export interface ForecastDay {
  /** Local day, YYYY-MM-DD. */
  readonly day: string;
  /** Forecast per interval (clock slot) of the day. */
  readonly forecast: { readonly contacts: readonly number[]; readonly ahtSeconds: readonly (number | null)[] };
  /**
   * What the warehouse holds per interval: contacts (offered for real-time work, else arrived) and the average
   * handle time of those answered (null where none was). Null for a day after the history or a gap in it.
   */
  readonly actual: { readonly contacts: readonly number[]; readonly ahtSeconds: readonly (number | null)[] } | null;
  readonly totals: { readonly forecast: number; readonly actual: number | null };
  /** The day's contacts forecast against its actuals, interval by interval; null without actuals. */
  readonly error: ForecastError | null;
}

export interface ForecastVsActual {
  readonly queue: string;
  readonly program: string;
  readonly kind: string;
  readonly timeZone: string;
  readonly intervalMinutes: number;
  /** Clock time at which each interval of a day starts, "HH:MM". */
  readonly slots: readonly string[];
  /** The history the forecast was made from: its first and last local day. */
  readonly history: { readonly from: string; readonly to: string };
  /** The last day the warehouse holds for the queue. */
  readonly lastDay: string;
  readonly from: string;
  readonly to: string;
  /** How each method did on the last days of the history, and which was chosen (lowest WAPE). */
  readonly backtest: {
    readonly holdoutFirstDay: string;
    readonly holdoutDays: number;
    readonly scores: readonly MethodScore[];
  };
  readonly method: MethodName;
  readonly days: readonly ForecastDay[];
  /** Every interval with an actual, over all days. */
  readonly error: ForecastError | null;
}

const DEFAULT_DAYS = 7;
/** Days of history a forecast needs: a week to fit and a week to backtest on. */
const MIN_HISTORY_DAYS = 14;

const clock = (slot: number, minutes: number) =>
  `${String(Math.floor((slot * minutes) / 60)).padStart(2, "0")}:${String((slot * minutes) % 60).padStart(2, "0")}`;

const error = (actual: readonly (number | null)[], forecast: readonly number[]): ForecastError => ({
  wape: wape(actual, forecast),
  mape: mape(actual, forecast),
});

/**
 * The queue's contacts and handle time forecast per interval for `days` days from `from`, made from its
 * history before `from`, beside the actuals of those days and the error. Throws a 404 for an unknown queue
 * and a 400 naming the field for a bad date, a history too short or a forecast starting before it.
 */
export async function forecastVsActual(warehouse: Warehouse, query: ForecastVsActualQuery): Promise<ForecastVsActual> {
  const days = query.days ?? DEFAULT_DAYS;
  const intervalMinutes = query.intervalMinutes ?? 30;
  const problems = [];
  if (query.from !== undefined && !isDate(query.from)) {
    problems.push({ field: "from", message: `expected a date written YYYY-MM-DD, got "${query.from}"` });
  }
  if (!(Number.isInteger(days) && days >= 1 && days <= 62)) {
    problems.push({ field: "days", message: `expected a whole number of days from 1 to 62, got ${days}` });
  }
  try {
    checkIntervalMinutes(intervalMinutes);
  } catch (e) {
    problems.push({ field: "interval", message: (e as Error).message });
  }
  if (problems.length) throw new InvalidInputError(problems);

  const queue = await findQueue(warehouse, query.queue);
  if (queue.contacts === 0) {
    const message = `queue ${queue.id} has no contacts in the warehouse to forecast from`;
    throw new InvalidInputError([{ field: "queue", message }], message);
  }
  const history = await loadForecastHistory(warehouse, { queue: queue.id, intervalMinutes });
  const perDay = history.volume.intervalsPerDay;
  const historyDays = history.volume.values.length / perDay;
  const firstDay = history.volume.firstDay;
  const lastDay = addDays(firstDay, historyDays - 1);
  const from = query.from ?? addDays(lastDay, 1 - DEFAULT_DAYS);

  // The forecast is made from the days before `from` (all of them when `from` lies after the history).
  const trainingDays = Math.min(daysBetween(firstDay, from), historyDays);
  if (trainingDays < MIN_HISTORY_DAYS) {
    const earliest = addDays(firstDay, MIN_HISTORY_DAYS);
    const message = `a forecast needs ${MIN_HISTORY_DAYS} days of history before it; queue ${queue.id}'s history starts ${firstDay}, so from must be ${earliest} or later`;
    throw new InvalidInputError([{ field: "from", message }], message);
  }
  const trainingTo = addDays(firstDay, trainingDays - 1);
  const training = {
    ...history,
    volume: firstDays(history.volume, trainingDays),
    handled: firstDays(history.handled, trainingDays),
    handleSeconds: firstDays(history.handleSeconds, trainingDays),
  };
  let forecast: QueueForecast;
  try {
    forecast = forecastFromHistory(training, { from, days });
  } catch (e) {
    const message = `queue ${queue.id}'s history to ${trainingTo}: ${(e as Error).message}`;
    throw new InvalidInputError([{ field: "queue", message }], message);
  }
  const skip = daysBetween(trainingTo, from) - 1;

  const out: ForecastDay[] = [];
  const allActual: (number | null)[] = [];
  const allForecast: number[] = [];
  for (let d = 0; d < days; d++) {
    const { contacts, ahtSeconds } = forecast.days[d] as IntervalForecastDay;
    const index = trainingDays + skip + d;
    const actualVolume = index < historyDays ? daysFrom(history.volume, index).values.slice(0, perDay) : [];
    const known = actualVolume.some((v) => v !== null);
    let actual: ForecastDay["actual"] = null;
    if (known) {
      const handled = daysFrom(history.handled, index).values.slice(0, perDay);
      const seconds = daysFrom(history.handleSeconds, index).values.slice(0, perDay);
      actual = {
        // A slot a spring clock change skips has no actual: it counts as 0 contacts, as it had none.
        contacts: actualVolume.map((v) => v ?? 0),
        ahtSeconds: handled.map((h, k) => (h !== null && h > 0 ? (seconds[k] as number) / h : null)),
      };
      allActual.push(...actualVolume);
      allForecast.push(...contacts);
    }
    const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
    out.push({
      day: addDays(from, d),
      forecast: { contacts, ahtSeconds },
      actual,
      totals: { forecast: sum(contacts), actual: actual ? sum(actual.contacts) : null },
      error: known ? error(actualVolume, contacts) : null,
    });
  }
  return {
    queue: queue.id,
    program: queue.program,
    kind: history.kind,
    timeZone: history.timeZone,
    intervalMinutes,
    slots: Array.from({ length: perDay }, (_, k) => clock(k, intervalMinutes)),
    history: { from: firstDay, to: trainingTo },
    lastDay,
    from,
    to: addDays(from, days - 1),
    backtest: {
      holdoutFirstDay: forecast.backtest.holdoutFirstDay,
      holdoutDays: forecast.backtest.holdoutDays,
      scores: forecast.backtest.scores,
    },
    method: forecast.method,
    days: out,
    error: allActual.length ? error(allActual, allForecast) : null,
  };
}
