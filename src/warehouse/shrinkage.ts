/**
 * Shrinkage history and forecast from the warehouse.
 *
 * Shrinkage is the share of the CSSs' paid time in which they were not there for customer work: away on leave
 * or off sick, on breaks, in training, coaching or meetings, or otherwise off the phones. In hours,
 *
 *   shrinkage = 1 − (productive + available) / paid
 *
 * where paid = the paid hours of agent_time (paid_seconds, else paid_onsite_seconds) plus the absence hours of
 * the absences table. The absences are added because an absentee logs no time: agent_time holds the time
 * worked, absences the scheduled hours missed. (A warehouse that also books paid leave into agent_time's
 * paid_seconds counts that leave twice; load the leave in one of the two.) Its parts add up to it:
 *
 * - absence, planned (agreed ahead, vacation, long-term leave) and unplanned (illness, no-shows, lateness …):
 *   absence hours / paid;
 * - paid off site: paid time that was not on site or logged in (paid − paid on site) / paid;
 * - on site, off the phones: breaks, training, coaching, meetings, other auxiliary time — paid on site but
 *   neither productive nor available, (paid on site − productive − available) / paid.
 *
 * The last part, taken over paid on-site time instead of all paid time, is 1 − utilization as the metrics
 * compute it ((productive + available) / paid on site).
 *
 * agent_time carries a program and a kind of work but no queue, so a queue's shrinkage is that of its program's
 * agent time of the queue's kind, with the absences of the CSSs who logged time of that kind. Days are local:
 * agent time cut in each row's own zone, absences on the local day they carry.
 */
import { addDays, forecastShrinkage, type ShrinkageForecast, weekday } from "../methods/forecasting/index.ts";
import type { Warehouse } from "./warehouse.ts";

/** Hours of one local day (or week) and the shrinkage they make. */
export interface ShrinkageHours {
  /** Paid hours: agent_time's paid hours plus the absence hours. */
  readonly paidHours: number;
  /** Productive and available hours: the time there for customer work. */
  readonly workingHours: number;
  readonly plannedAbsenceHours: number;
  readonly unplannedAbsenceHours: number;
  /** Paid hours not on site (or logged in). */
  readonly offsiteHours: number;
  /** Paid on-site hours neither productive nor available: breaks, training, coaching, meetings … */
  readonly offPhoneHours: number;
  /** 1 − working / paid; null with no paid hours. */
  readonly shrinkage: number | null;
}

export interface ShrinkageDayHours extends ShrinkageHours {
  /** Local day, YYYY-MM-DD. */
  readonly day: string;
}

export interface ShrinkageWeekHours extends ShrinkageHours {
  /** Monday of the week, YYYY-MM-DD. */
  readonly week: string;
  /** Days of the week in the history (fewer than 7 at its ends). */
  readonly days: number;
}

export interface ShrinkageScope {
  /** The program; or give `queue` to read its program and kind of work. */
  readonly program?: string;
  readonly queue?: string;
  /** Last local day to read (default: all). */
  readonly to?: string;
}

export interface ShrinkageHistory {
  /** "program P" or "queue Q (program P, real-time agent time)". */
  readonly scope: string;
  readonly programId: string;
  readonly queueId: string | null;
  readonly kind: string | null;
  readonly days: readonly ShrinkageDayHours[];
}

const PLANNED = "(coalesce(planned, false) OR reason IN ('vacation', 'long-term'))";

/** Adds up hours and computes the shrinkage they make. */
function totals(rows: readonly ShrinkageHours[]): ShrinkageHours {
  const sum = (f: (r: ShrinkageHours) => number) => rows.reduce((x, r) => x + f(r), 0);
  const paidHours = sum((r) => r.paidHours);
  const workingHours = sum((r) => r.workingHours);
  return {
    paidHours,
    workingHours,
    plannedAbsenceHours: sum((r) => r.plannedAbsenceHours),
    unplannedAbsenceHours: sum((r) => r.unplannedAbsenceHours),
    offsiteHours: sum((r) => r.offsiteHours),
    offPhoneHours: sum((r) => r.offPhoneHours),
    shrinkage: paidHours > 0 ? 1 - workingHours / paidHours : null,
  };
}

/**
 * Paid, working and absence hours per local day of a program (or a queue's program and kind of work), with the
 * shrinkage they make. Throws, naming the programs there are, when the scope has no agent time.
 */
export async function shrinkageHistory(warehouse: Warehouse, scope: ShrinkageScope): Promise<ShrinkageHistory> {
  let programId = scope.program;
  let kind: string | null = null;
  if (scope.queue !== undefined) {
    const rows = await warehouse.all<{ program_id: string; kind: string }>(
      "SELECT program_id, kind FROM queues WHERE queue_id = ?",
      [scope.queue],
    );
    const row = rows[0];
    if (!row) throw new Error(`the warehouse has no queue "${scope.queue}"`);
    if (programId !== undefined && programId !== row.program_id) {
      throw new Error(`queue ${scope.queue} belongs to program ${row.program_id}, not ${programId}`);
    }
    programId = row.program_id;
    kind = row.kind;
  }
  if (programId === undefined) throw new Error("give a program or a queue");
  const byKind = kind === null ? "" : "AND kind = ?";
  const program: string = programId;
  const params = [
    ...(kind === null ? [program] : [program, kind]),
    ...(kind === null ? [program] : [program, program, kind]),
    ...(scope.to === undefined ? [] : [scope.to]),
  ];
  // Absences booked ahead, beyond the agent time, are plans, not history.
  const upTo = scope.to === undefined ? "" : "AND day <= CAST(? AS DATE)";
  const rows = await warehouse.all<{
    day: string;
    paid: number | null;
    onsite: number | null;
    working: number | null;
    planned: number | null;
    unplanned: number | null;
  }>(
    `WITH t AS (
       SELECT CAST(timezone(time_zone, starts_at) AS DATE) AS day,
         sum(coalesce(paid_seconds, paid_onsite_seconds)) / 3600 AS paid,
         sum(paid_onsite_seconds) / 3600 AS onsite,
         sum(productive_seconds + available_seconds) / 3600 AS working
       FROM agent_time WHERE program_id = ? ${byKind} GROUP BY 1),
     a AS (
       SELECT absent_on AS day,
         coalesce(sum(hours) FILTER (WHERE ${PLANNED}), 0) AS planned,
         coalesce(sum(hours) FILTER (WHERE NOT ${PLANNED}), 0) AS unplanned
       FROM absences WHERE program_id = ?
         ${kind === null ? "" : "AND person_id IN (SELECT DISTINCT agent_id FROM agent_time WHERE program_id = ? AND kind = ?)"}
       GROUP BY 1),
     joined AS (
       SELECT coalesce(t.day, a.day) AS day, t.paid, t.onsite, t.working, a.planned, a.unplanned
       FROM t FULL JOIN a ON t.day = a.day)
     SELECT strftime(day, '%Y-%m-%d') AS day, paid, onsite, working, planned, unplanned
     FROM joined WHERE day BETWEEN (SELECT min(day) FROM t) AND (SELECT max(day) FROM t) ${upTo} ORDER BY day`,
    params,
  );
  if (!rows.some((r) => r.paid !== null)) {
    const known = await warehouse.all<{ program_id: string }>(
      "SELECT DISTINCT program_id FROM agent_time ORDER BY 1 LIMIT 12",
    );
    throw new Error(
      `the warehouse has no agent time for program ${programId}${kind === null ? "" : ` of kind ${kind}`}${
        scope.to === undefined ? "" : ` up to ${scope.to}`
      }${known.length ? `; programs with agent time include ${known.map((k) => k.program_id).join(", ")}` : ""}`,
    );
  }
  const days = rows.map((r): ShrinkageDayHours => {
    const worked = Number(r.paid ?? 0);
    const onsite = Number(r.onsite ?? 0);
    const working = Number(r.working ?? 0);
    const planned = Number(r.planned ?? 0);
    const unplanned = Number(r.unplanned ?? 0);
    const paidHours = worked + planned + unplanned;
    return {
      day: r.day,
      paidHours,
      workingHours: working,
      plannedAbsenceHours: planned,
      unplannedAbsenceHours: unplanned,
      offsiteHours: Math.max(0, worked - onsite),
      offPhoneHours: Math.max(0, onsite - working),
      shrinkage: paidHours > 0 ? 1 - working / paidHours : null,
    };
  });
  return {
    scope:
      scope.queue === undefined
        ? `program ${programId}`
        : `queue ${scope.queue} (program ${programId}, ${kind} agent time)`,
    programId,
    queueId: scope.queue ?? null,
    kind,
    days,
  };
}

/** The days added up per week, Monday to Sunday. */
export function shrinkageWeeks(days: readonly ShrinkageDayHours[]): ShrinkageWeekHours[] {
  const weeks = new Map<string, ShrinkageDayHours[]>();
  for (const d of days) {
    const monday = addDays(d.day, -weekday(d.day));
    weeks.set(monday, [...(weeks.get(monday) ?? []), d]);
  }
  return [...weeks].map(([week, group]) => ({ week, days: group.length, ...totals(group) }));
}

/**
 * The scope's history and the shrinkage forecast from it (see `forecastShrinkage`): per weekday and per week,
 * the method chosen by backtest on the last weeks.
 */
export async function shrinkageForecast(
  warehouse: Warehouse,
  scope: ShrinkageScope,
): Promise<{ history: ShrinkageHistory; forecast: ShrinkageForecast }> {
  const history = await shrinkageHistory(warehouse, scope);
  const forecast = forecastShrinkage(
    history.days.map((d) => ({
      day: d.day,
      paidHours: d.paidHours,
      // Rounding in the sums can leave working a hair above paid.
      lostHours: Math.min(d.paidHours, Math.max(0, d.paidHours - d.workingHours)),
    })),
  );
  return { history, forecast };
}
