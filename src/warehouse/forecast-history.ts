/**
 * Forecast history from the warehouse: contacts per local interval of a queue, a program or the whole
 * warehouse, laid out as the forecasting methods read them (a {@link DayGrid} of clock slots per local day).
 *
 * What counts as volume: for real-time work the contacts offered to the agent queue, in the interval they
 * were offered (callers who hung up in the IVR never reached the queue); for every other kind the arrivals.
 * Handle time (talk + hold + after-contact work) of the contacts answered, in the interval they were offered.
 *
 * Intervals are cut on the queue's local clock (its contacts' IANA zone), daylight saving included: a day
 * when clocks go forward has fewer real intervals (46 at 30 minutes), and the slots it skips are null; a day
 * when they go back has more (50), and the repeated hour's two real intervals share one clock slot, which
 * holds their average. {@link localIntervals} maps a day's real intervals to their slots and back.
 *
 * Days without a single contact: a gap in the data when other days of the same weekday have contacts (null,
 * so methods neither fit nor score them — the Anonymous Bank's January lacks the 11th and 12th), a closed day
 * when no day of that weekday has any (0 in every interval). Within a day that has contacts, an interval with
 * none is a quiet or closed interval and holds 0.
 */
import { DateTime } from "luxon";
import { addDays, type DayGrid, daysBetween, isDate, weekday } from "../methods/forecasting/index.ts";
import type { Warehouse } from "./warehouse.ts";

/** Whose contacts to forecast: a queue, a program, or (neither) the whole warehouse. */
export interface ForecastScope {
  readonly queue?: string;
  readonly program?: string;
}

export interface ForecastHistoryQuery extends ForecastScope {
  /** First local day, YYYY-MM-DD (default: the first day with contacts). */
  readonly from?: string;
  /** Last local day, inclusive (default: the last day with contacts). */
  readonly to?: string;
  /** Interval length in minutes; must divide a day (default 30). */
  readonly intervalMinutes?: number;
}

export interface ForecastHistory {
  /** The scope as people read it: "queue PS", "program care", "all contacts". */
  readonly scope: string;
  readonly timeZone: string;
  readonly kind: string;
  readonly intervalMinutes: number;
  /** Contacts offered (real-time) or arrived (other kinds) per interval. */
  readonly volume: DayGrid;
  /** Contacts answered per interval. */
  readonly handled: DayGrid;
  /** Their handle seconds per interval. */
  readonly handleSeconds: DayGrid;
  /** Days with at least one contact. */
  readonly daysWithData: number;
  /** Days without contacts treated as gaps in the data (null), not as closed days. */
  readonly gaps: readonly string[];
}

/** One real interval of a local day: where it starts, and the clock slot it belongs to. */
export interface LocalInterval {
  /** Clock slot: minutes after local midnight on the clock, divided by the interval length. */
  readonly slot: number;
  /** Start on the local clock with its UTC offset, e.g. 2026-10-25T01:30:00.000+00:00. */
  readonly start: string;
  /** Start in UTC. */
  readonly utc: string;
}

/**
 * The real intervals of a local day in a zone, in time order: 48 at 30 minutes on most days, 46 or 50 on
 * daylight-saving days.
 */
export function localIntervals(day: string, timeZone: string, intervalMinutes: number): LocalInterval[] {
  const start = DateTime.fromISO(day, { zone: timeZone }).startOf("day");
  if (!start.isValid) throw new Error(`cannot place ${day} in time zone "${timeZone}": ${start.invalidExplanation}`);
  const end = start.plus({ days: 1 }).startOf("day");
  const out: LocalInterval[] = [];
  // Adding minutes is absolute time in luxon, so the steps follow the real clock through a change.
  for (let t = start; t < end; t = t.plus({ minutes: intervalMinutes })) {
    out.push({
      slot: Math.floor((t.hour * 60 + t.minute) / intervalMinutes),
      start: t.toISO() as string,
      utc: t.toUTC().toISO() as string,
    });
  }
  return out;
}

function scopeSql(scope: ForecastScope): { where: string; params: string[]; label: string } {
  if (scope.queue !== undefined && scope.program !== undefined) {
    return {
      where: "queue_id = ? AND program_id = ?",
      params: [scope.queue, scope.program],
      label: `queue ${scope.queue} of program ${scope.program}`,
    };
  }
  if (scope.queue !== undefined) return { where: "queue_id = ?", params: [scope.queue], label: `queue ${scope.queue}` };
  if (scope.program !== undefined) {
    return { where: "program_id = ?", params: [scope.program], label: `program ${scope.program}` };
  }
  return { where: "TRUE", params: [], label: "all contacts" };
}

/** The interval length checked: a whole number of minutes that divides a day. */
export function checkIntervalMinutes(minutes: number): void {
  if (!(Number.isInteger(minutes) && minutes >= 1 && 1440 % minutes === 0)) {
    throw new Error(`interval length: expected whole minutes dividing a day (15, 30, 60 …), got ${minutes}`);
  }
}

/**
 * Reads the contacts of `query`'s scope into interval grids. Throws, saying what to do, when the scope has no
 * contacts, or mixes time zones or kinds of work (forecast one queue at a time then).
 */
export async function loadForecastHistory(warehouse: Warehouse, query: ForecastHistoryQuery): Promise<ForecastHistory> {
  const intervalMinutes = query.intervalMinutes ?? 30;
  checkIntervalMinutes(intervalMinutes);
  for (const [name, value] of [
    ["from", query.from],
    ["to", query.to],
  ] as const) {
    if (value !== undefined && !isDate(value))
      throw new Error(`${name}: expected a date written YYYY-MM-DD, got "${value}"`);
  }
  const scope = scopeSql(query);
  const kinds = await warehouse.all<{ time_zone: string; kind: string }>(
    `SELECT DISTINCT time_zone, kind FROM contacts WHERE ${scope.where} ORDER BY ALL`,
    scope.params,
  );
  if (kinds.length === 0) {
    throw new Error(`the warehouse holds no contacts for ${scope.label}: load some with \`cxpm import contacts\``);
  }
  if (kinds.length > 1) {
    throw new Error(
      `${scope.label} mixes ${kinds.map((k) => `${k.kind} work in ${k.time_zone}`).join(", ")}: forecast one queue (--queue) of one kind in one time zone`,
    );
  }
  const { time_zone: timeZone, kind } = kinds[0] as { time_zone: string; kind: string };
  const at = kind === "real-time" ? "offered_at" : "arrived_at";
  const rows = await warehouse.all<{
    day: string;
    slot: number;
    contacts: number;
    handled: number;
    handle_seconds: number;
  }>(
    `WITH c AS (
       SELECT ${at} AT TIME ZONE time_zone AS local, answered_at IS NOT NULL AS answered,
         coalesce(talk_seconds, 0) + coalesce(hold_seconds, 0) + coalesce(acw_seconds, 0) AS handle
       FROM contacts WHERE ${scope.where} AND ${at} IS NOT NULL
     )
     SELECT strftime(local, '%Y-%m-%d') AS day, (hour(local) * 60 + minute(local)) // ${intervalMinutes} AS slot,
       count(*) AS contacts, count(*) FILTER (WHERE answered) AS handled,
       coalesce(sum(handle) FILTER (WHERE answered), 0) AS handle_seconds
     FROM c
     WHERE (?::DATE IS NULL OR local >= ?::DATE) AND (?::DATE IS NULL OR local < ?::DATE + 1)
     GROUP BY ALL ORDER BY ALL`,
    [...scope.params, query.from ?? null, query.from ?? null, query.to ?? null, query.to ?? null],
  );
  const firstDay = query.from ?? rows[0]?.day;
  const lastDay = query.to ?? rows.at(-1)?.day;
  if (firstDay === undefined || lastDay === undefined) {
    throw new Error(`${scope.label} has no contacts to forecast from`);
  }
  const days = daysBetween(firstDay, lastDay) + 1;
  if (days < 1) throw new Error(`from ${firstDay} is after to ${lastDay}`);

  const perDay = 1440 / intervalMinutes;
  const byDay = new Map<string, typeof rows>();
  for (const row of rows) byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  const openWeekdays = new Set([...byDay.keys()].map(weekday));
  const volume: (number | null)[] = [];
  const handled: (number | null)[] = [];
  const handleSeconds: (number | null)[] = [];
  const gaps: string[] = [];
  for (let d = 0; d < days; d++) {
    const day = addDays(firstDay, d);
    const dayRows = byDay.get(day);
    if (!dayRows) {
      const gap = byDay.size === 0 || openWeekdays.has(weekday(day));
      if (gap) gaps.push(day);
      for (const grid of [volume, handled, handleSeconds]) grid.push(...new Array(perDay).fill(gap ? null : 0));
      continue;
    }
    // Real intervals per clock slot: 1, or 0 (skipped by a spring change) or 2 (repeated in autumn).
    const realIntervals = new Array<number>(perDay).fill(0);
    for (const interval of localIntervals(day, timeZone, intervalMinutes)) {
      realIntervals[interval.slot] = (realIntervals[interval.slot] as number) + 1;
    }
    const sums = [
      new Array<number>(perDay).fill(0),
      new Array<number>(perDay).fill(0),
      new Array<number>(perDay).fill(0),
    ];
    for (const row of dayRows) {
      (sums[0] as number[])[row.slot] = row.contacts;
      (sums[1] as number[])[row.slot] = row.handled;
      (sums[2] as number[])[row.slot] = row.handle_seconds;
    }
    for (const [k, grid] of [volume, handled, handleSeconds].entries()) {
      for (let slot = 0; slot < perDay; slot++) {
        const n = realIntervals[slot] as number;
        grid.push(n === 0 ? null : ((sums[k] as number[])[slot] as number) / n);
      }
    }
  }
  const grid = (values: (number | null)[]): DayGrid => ({ firstDay, intervalsPerDay: perDay, values });
  return {
    scope: scope.label,
    timeZone,
    kind,
    intervalMinutes,
    volume: grid(volume),
    handled: grid(handled),
    handleSeconds: grid(handleSeconds),
    daysWithData: byDay.size,
    gaps,
  };
}
