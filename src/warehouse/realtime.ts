/**
 * Real-time management (2.5.2) of one queue on one local day, as it stood at a moment "now": the intraday
 * reforecast of the rest of the day and the staff it needs, per interval the staff present against the staff
 * required (schedule attainment), per CSS their schedule against their logged states (schedule adherence),
 * and the alerts a real-time analyst acts on.
 *
 * Where each part comes from:
 * - the day's interval forecast is the one `cxpm wfm forecast` makes from the queue's history up to the day
 *   before (src/warehouse/wfm.ts); the actuals are the queue's contacts offered (real-time work) or arrived
 *   (other kinds) before now, as the forecast counts them;
 * - the reforecast, its handle time and the Erlang C requirement are the pure methods of
 *   src/methods/realtime/reforecast.ts, at the service-level goal given (default 80% within the queue's
 *   threshold, 20 seconds when it has none);
 * - the CSSs are those `agent_schedules` schedules for the queue (or for its program with no queue named) that
 *   day; their states are `agent_states`. Adherence is the glossary's, both methods (src/methods/realtime);
 * - staff present in an interval is the CSSs' time logged in a work state (available, talk, hold,
 *   after-contact work) over the interval's length, counting only time up to now; schedule attainment sets it
 *   against the forecast's requirement, the plan the day was staffed to, by both glossary methods.
 *
 * Intervals are the real intervals of the local day (46 or 50 on a daylight-saving day), each reading the
 * forecast of its clock slot.
 */
import { DateTime } from "luxon";
import { addDays, isDate } from "../methods/forecasting/index.ts";
import {
  type Activity,
  type Alert,
  activityOf,
  activityRuns,
  adherenceAlert,
  agentAdherence,
  DEFAULT_ADHERENCE_MINUTES,
  DEFAULT_LAST_INTERVALS,
  DEFAULT_THRESHOLD,
  deviationAlert,
  dominant,
  handleTimeFactor,
  reforecast,
  requiredAgents,
  type Segment,
  secondsIn,
  staffingAlerts,
} from "../methods/realtime/index.ts";
import { scheduleAttainment, scheduleAttainmentInBand } from "../standard/glossary.ts";
import { checkIntervalMinutes, localIntervals } from "./forecast-history.ts";
import type { Warehouse } from "./warehouse.ts";
import { forecastQueue, queueSettings } from "./wfm.ts";

export interface RealtimeQuery {
  readonly queue: string;
  /** Local day, YYYY-MM-DD; default the day of the queue's last contact. */
  readonly day?: string;
  /** Local time HH:MM that is "now"; default the last moment of data that day. */
  readonly at?: string;
  /** Volume and handle-time deviation that raises an alert, as a fraction (default 0.1). */
  readonly threshold?: number;
  /** Elapsed intervals the deviation alerts look at (default 3). */
  readonly lastIntervals?: number;
  /** Minutes out of adherence that raise an alert (default 10). */
  readonly adherenceMinutes?: number;
  /** Service-level goal the requirement is sized to (default 0.8 within the queue's threshold). */
  readonly serviceLevel?: number;
  readonly intervalMinutes?: number;
}

export interface RealtimeInterval {
  /** Local start, HH:MM. */
  readonly time: string;
  /** UTC start, ISO. */
  readonly startsAt: string;
  /** "elapsed" before now, "current" holding now, "ahead" after. */
  readonly phase: "elapsed" | "current" | "ahead";
  readonly forecast: number;
  /** Contacts so far (elapsed and current intervals), null ahead. */
  readonly actual: number | null;
  /** The day as now reforecast: the actual where elapsed, the re-scaled forecast from the current interval on. */
  readonly reforecast: number;
  readonly forecastAhtSeconds: number | null;
  readonly actualAhtSeconds: number | null;
  readonly reforecastAhtSeconds: number | null;
  /** Agents needed by Erlang C for the forecast (the plan) and for the reforecast. */
  readonly requiredForecast: number;
  readonly requiredReforecast: number;
  /** Agents scheduled to work in the interval, in FTE of the interval. */
  readonly scheduled: number;
  /** Agents logged in a work state, in FTE of the part of the interval before now; null ahead. */
  readonly present: number | null;
  /** Glossary deviation method for this interval: 1 − |present − required| / required; null without both. */
  readonly attainment: number | null;
  /** Present within 95–115% of the requirement (glossary band method); null without both. */
  readonly inBand: boolean | null;
}

export interface RealtimeAgent {
  readonly agentId: string;
  /** Adherence by the overlap and the deviation methods, fractions; null with nothing scheduled yet. */
  readonly overlap: number | null;
  readonly deviation: number | null;
  readonly scheduledMinutes: number;
  readonly outOfAdherenceMinutes: number;
  /** What the schedule says and what the CSS is doing at now (a raw state; "logged-off" without one). */
  readonly scheduledNow: Activity | null;
  readonly stateNow: string;
  readonly inAdherenceNow: boolean | null;
  /** Per interval of the day: the activity scheduled and the state logged that filled most of it. */
  readonly intervals: readonly { readonly scheduled: Activity | null; readonly actual: string | null }[];
}

export interface RealtimeReport {
  readonly queue: string;
  readonly program: string;
  readonly kind: string;
  readonly timeZone: string;
  readonly day: string;
  /** Now, local HH:MM and UTC ISO. */
  readonly at: string;
  readonly now: string;
  readonly intervalMinutes: number;
  readonly forecastMethod: string;
  readonly serviceLevel: { readonly target: number; readonly thresholdSeconds: number };
  readonly threshold: number;
  readonly reforecast: {
    /** Actual over forecast volume so far; null when nothing was forecast for it. */
    readonly ratio: number | null;
    /** Share of the day's forecast volume in the elapsed intervals. */
    readonly arrived: number;
    readonly volumeFactor: number;
    readonly handleTimeFactor: number;
    readonly dayForecast: number;
    readonly dayReforecast: number;
  };
  /** Schedule attainment of the elapsed intervals, both glossary methods; null when none had a requirement. */
  readonly attainment: { readonly deviation: number | null; readonly inBand: number | null };
  /** Adherence of all CSSs together (seconds-weighted overlap; scheduled-minutes-weighted deviation). */
  readonly adherence: { readonly overlap: number | null; readonly deviation: number | null };
  readonly intervals: readonly RealtimeInterval[];
  readonly agents: readonly RealtimeAgent[];
  readonly alerts: readonly Alert[];
}

/** Contacts an interval must expect to need staff (see `required` below). */
export const OPEN_CONTACTS = 0.5;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The report; throws, saying what to give instead, on an unknown queue, a malformed day or time. */
export async function realtimeReport(warehouse: Warehouse, query: RealtimeQuery): Promise<RealtimeReport> {
  const intervalMinutes = query.intervalMinutes ?? 30;
  checkIntervalMinutes(intervalMinutes);
  const threshold = query.threshold ?? DEFAULT_THRESHOLD;
  if (!(threshold > 0 && threshold < 10))
    throw new Error(`threshold: expected a fraction above 0, e.g. 0.1, got ${threshold}`);
  if (query.day !== undefined && !isDate(query.day)) {
    throw new Error(`day: expected a date written YYYY-MM-DD, got "${query.day}"`);
  }
  if (query.at !== undefined && !HHMM.test(query.at))
    throw new Error(`at: expected a local time HH:MM, got "${query.at}"`);
  const settings = await queueSettings(warehouse, query.queue);
  const at = settings.kind === "real-time" ? "offered_at" : "arrived_at";

  // The day: the queue's last contact's, in its zone.
  const [last] = await warehouse.all<{ zone: string | null; day: string | null }>(
    `SELECT arg_max(time_zone, ${at}) AS zone, strftime(max(timezone(time_zone, ${at})), '%Y-%m-%d') AS day
     FROM contacts WHERE queue_id = ? AND ${at} IS NOT NULL`,
    [query.queue],
  );
  if (!last?.zone || !last.day) {
    throw new Error(`queue ${query.queue} has no contacts: load some with \`cxpm import contacts\``);
  }
  const day = query.day ?? last.day;
  const forecast = await forecastQueue(warehouse, {
    queue: query.queue,
    from: day,
    days: 1,
    intervalMinutes,
    historyTo: addDays(day, -1),
  });
  const zone = forecast.timeZone;
  const real = localIntervals(day, zone, intervalMinutes);
  const length = intervalMinutes * 60;
  const dayStart = Date.parse(real[0]!.utc) / 1000;
  const dayEnd = dayStart + real.length * length;

  // Now: the time given, or the last moment of data that day.
  let now: number;
  if (query.at !== undefined) {
    now = DateTime.fromISO(`${day}T${query.at}`, { zone }).toSeconds();
  } else {
    const [latest] = await warehouse.all<{ t: number | null }>(
      `SELECT greatest(
         (SELECT max(epoch(${at})) FROM contacts WHERE queue_id = $1 AND ${at} >= to_timestamp($2) AND ${at} < to_timestamp($3)),
         (SELECT max(epoch(ends_at)) FROM agent_states s WHERE s.program_id = $4 AND ends_at > to_timestamp($2) AND starts_at < to_timestamp($3))
       ) AS t`,
      [query.queue, dayStart, dayEnd, settings.programId],
    );
    now = latest?.t === null || latest?.t === undefined ? dayEnd : Math.min(dayEnd, Number(latest.t));
  }
  const elapsed = Math.max(0, Math.min(real.length, Math.floor((now - dayStart) / length)));

  // Actuals per interval before now.
  const counted = await warehouse.all<{ i: number; contacts: number; handled: number; handle: number }>(
    `SELECT CAST(floor((epoch(${at}) - $2) / $4) AS INTEGER) AS i, count(*) AS contacts,
       count(*) FILTER (WHERE answered_at IS NOT NULL) AS handled,
       coalesce(sum(coalesce(talk_seconds, 0) + coalesce(hold_seconds, 0) + coalesce(acw_seconds, 0))
         FILTER (WHERE answered_at IS NOT NULL), 0) AS handle
     FROM contacts WHERE queue_id = $1 AND ${at} >= to_timestamp($2) AND ${at} < to_timestamp($3)
     GROUP BY 1`,
    [query.queue, dayStart, Math.min(now, dayEnd), length],
  );
  const actual = real.map(() => ({ contacts: 0, handled: 0, handle: 0 }));
  for (const c of counted) {
    actual[c.i] = { contacts: Number(c.contacts), handled: Number(c.handled), handle: Number(c.handle) };
  }

  // The reforecast: volume from the elapsed intervals, handle time from the contacts they handled.
  const plan = forecast.days[0]!;
  const forecastContacts = real.map((r) => plan.contacts[r.slot] ?? 0);
  const forecastAht = real.map((r) => plan.ahtSeconds[r.slot] ?? null);
  const volume = reforecast({ forecast: forecastContacts, actual: actual.slice(0, elapsed).map((a) => a.contacts) });
  let handled = 0;
  let forecastSeconds = 0;
  let actualSeconds = 0;
  for (let i = 0; i < elapsed; i++) {
    if (forecastAht[i] === null) continue;
    handled += actual[i]!.handled;
    forecastSeconds += actual[i]!.handled * forecastAht[i]!;
    actualSeconds += actual[i]!.handle;
  }
  const htFactor = handleTimeFactor({ handled, forecastSeconds, actualSeconds }, volume.arrived);
  const serviceLevel = {
    target: query.serviceLevel ?? 0.8,
    thresholdSeconds: settings.slThresholdSeconds ?? 20,
  };
  if (!(serviceLevel.target > 0 && serviceLevel.target < 1)) {
    throw new Error(`service level: expected a fraction between 0 and 1, got ${serviceLevel.target}`);
  }

  // The CSSs scheduled for the queue that day, and what they logged.
  const window = [dayStart, dayEnd];
  const scheduleRows = await warehouse.all<{ agent: string; activity: string; start: number; end: number }>(
    `SELECT agent_id AS agent, activity, greatest(epoch(starts_at), $3) AS start, least(epoch(ends_at), $4) AS end
     FROM agent_schedules
     WHERE (queue_id = $1 OR (queue_id IS NULL AND program_id = $2)) AND ends_at > to_timestamp($3) AND starts_at < to_timestamp($4)
     ORDER BY agent_id, starts_at`,
    [query.queue, settings.programId, ...window],
  );
  const stateRows = await warehouse.all<{ agent: string; activity: string; start: number; end: number }>(
    `SELECT agent_id AS agent, state AS activity, greatest(epoch(starts_at), $3) AS start, least(epoch(ends_at), $4) AS end
     FROM agent_states
     WHERE agent_id IN (SELECT agent_id FROM agent_schedules
                        WHERE (queue_id = $1 OR (queue_id IS NULL AND program_id = $2))
                          AND ends_at > to_timestamp($3) AND starts_at < to_timestamp($4))
       AND ends_at > to_timestamp($3) AND starts_at < to_timestamp($4)
     ORDER BY agent_id, starts_at`,
    [query.queue, settings.programId, ...window],
  );
  const group = (rows: typeof scheduleRows) => {
    const map = new Map<string, Segment[]>();
    for (const r of rows) {
      const list = map.get(r.agent) ?? [];
      list.push({ start: Number(r.start), end: Number(r.end), activity: r.activity });
      map.set(r.agent, list);
    }
    return map;
  };
  const schedules = group(scheduleRows);
  const states = group(stateRows);

  const agents: RealtimeAgent[] = [];
  const alerts: Alert[] = [];
  const scheduledWork = real.map(() => 0);
  const presentWork = real.map(() => 0);
  let overlapSeconds = 0;
  let scheduledSeconds = 0;
  let deviationWeighted = 0;
  let deviationWeight = 0;
  for (const [agentId, schedule] of schedules) {
    const logged = (states.get(agentId) ?? []).filter((s) => s.start < now);
    const runs = activityRuns(logged.map((s) => ({ ...s, end: Math.min(s.end, now) })));
    const planned = schedule.map((s) => ({ ...s, activity: activityOf(s.activity) }));
    const result = agentAdherence(schedule, logged, now);
    // "Now" is the instant just before `now`, so that at the last moment of data the states ending then count.
    const inForce = <T extends Segment>(segments: readonly T[]) => segments.find((s) => s.start < now && now <= s.end);
    const scheduledNow = inForce(planned)?.activity ?? null;
    const stateNow = inForce(logged)?.activity ?? "logged-off";
    agents.push({
      agentId,
      overlap: result.overlap,
      deviation: result.deviation,
      scheduledMinutes: result.scheduledSeconds / 60,
      outOfAdherenceMinutes: result.outOfAdherence.reduce((n, s) => n + s.end - s.start, 0) / 60,
      scheduledNow,
      stateNow,
      inAdherenceNow: scheduledNow === null ? null : stateNow !== "logged-off" && activityOf(stateNow) === scheduledNow,
      intervals: real.map((_, i) => {
        const from = dayStart + i * length;
        return {
          scheduled: dominant(planned, from, from + length),
          actual: dominant(logged, from, Math.min(from + length, now)),
        };
      }),
    });
    for (let i = 0; i < real.length; i++) {
      const from = dayStart + i * length;
      scheduledWork[i]! += secondsIn(planned, "work", from, from + length);
      if (from < now) presentWork[i]! += secondsIn(runs, "work", from, Math.min(from + length, now));
    }
    overlapSeconds += result.adherentSeconds;
    scheduledSeconds += result.scheduledSeconds;
    if (result.deviation !== null) {
      deviationWeighted += result.deviation * result.scheduledSeconds;
      deviationWeight += result.scheduledSeconds;
    }
    const alert = adherenceAlert(
      agentId,
      result.outOfAdherence,
      now,
      query.adherenceMinutes ?? DEFAULT_ADHERENCE_MINUTES,
    );
    if (alert) alerts.push(alert);
  }

  // Under half a contact expected, the interval is taken as closed: the forecasting methods leave a trace of
  // volume in closed hours, and Erlang C would staff each such interval with one agent.
  const required = (contacts: number, aht: number | null) =>
    contacts < OPEN_CONTACTS ? 0 : requiredAgents(contacts, aht, length, serviceLevel);
  const intervals: RealtimeInterval[] = real.map((r, i) => {
    const from = dayStart + i * length;
    const phase = i < elapsed ? "elapsed" : from < now ? "current" : "ahead";
    const aht = forecastAht[i] ?? null;
    const actualAht = phase !== "ahead" && actual[i]!.handled > 0 ? actual[i]!.handle / actual[i]!.handled : null;
    const reforecastAht = i < elapsed ? (actualAht ?? aht) : aht === null ? null : aht * htFactor;
    const requiredForecast = required(forecastContacts[i]!, aht);
    const requiredReforecast = required(volume.values[i]!, reforecastAht);
    const part = Math.min(length, now - from);
    const present = phase === "ahead" ? null : presentWork[i]! / part;
    const attained = present !== null && requiredForecast > 0;
    return {
      time: r.start.slice(11, 16),
      startsAt: r.utc,
      phase,
      forecast: forecastContacts[i]!,
      actual: phase === "ahead" ? null : actual[i]!.contacts,
      reforecast: volume.values[i]!,
      forecastAhtSeconds: aht,
      actualAhtSeconds: actualAht,
      reforecastAhtSeconds: reforecastAht,
      requiredForecast,
      requiredReforecast,
      scheduled: scheduledWork[i]! / length,
      present,
      attainment: attained ? 1 - Math.abs(present - requiredForecast) / requiredForecast : null,
      inBand: attained ? present >= 0.95 * requiredForecast - 1e-9 && present <= 1.15 * requiredForecast + 1e-9 : null,
    };
  });

  const done = intervals
    .slice(0, elapsed)
    .filter((i) => i.present !== null)
    .map((i) => ({ requiredFte: i.requiredForecast, actualFte: i.present! }));
  const staffed = done.some((i) => i.requiredFte > 0);
  const lastIntervals = query.lastIntervals ?? DEFAULT_LAST_INTERVALS;
  const elapsedForecastSeconds = intervals
    .slice(0, elapsed)
    .map((i, k) => (i.forecastAhtSeconds ?? 0) * actual[k]!.handled);
  const volumeAlert = deviationAlert(
    "volume",
    forecastContacts.slice(0, elapsed),
    actual.slice(0, elapsed).map((a) => a.contacts),
    { threshold, last: lastIntervals },
  );
  const handleAlert = deviationAlert(
    "handle-time",
    elapsedForecastSeconds,
    actual.slice(0, elapsed).map((a, k) => (forecastAht[k] === null ? 0 : a.handle)),
    { threshold, last: lastIntervals },
  );
  // Staffing: from the current interval on, the staff scheduled against what the reforecast requires.
  const short = staffingAlerts(
    intervals
      .map((x, i) => ({ interval: i, required: x.requiredReforecast, staff: x.scheduled }))
      .filter((x) => x.interval >= elapsed),
  );
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    queue: query.queue,
    program: settings.programId,
    kind: settings.kind,
    timeZone: zone,
    day,
    at: DateTime.fromSeconds(now, { zone }).toFormat("HH:mm"),
    now: new Date(now * 1000).toISOString(),
    intervalMinutes,
    forecastMethod: forecast.method,
    serviceLevel,
    threshold,
    reforecast: {
      ratio: volume.ratio,
      arrived: volume.arrived,
      volumeFactor: volume.factor,
      handleTimeFactor: htFactor,
      dayForecast: sum(forecastContacts),
      dayReforecast: sum(volume.values),
    },
    attainment: {
      deviation: staffed ? scheduleAttainment(done) : null,
      inBand: staffed ? scheduleAttainmentInBand(done) : null,
    },
    adherence: {
      overlap: scheduledSeconds > 0 ? overlapSeconds / scheduledSeconds : null,
      deviation: deviationWeight > 0 ? deviationWeighted / deviationWeight : null,
    },
    intervals,
    agents,
    alerts: [...(volumeAlert ? [volumeAlert] : []), ...(handleAlert ? [handleAlert] : []), ...short, ...alerts],
  };
}
