/**
 * Coaching and consequences after failed monitoring, Item 3.5.2.c–d: what a CSS who failed in a month is owed
 * (closer monitoring, one-on-one coaching on each failed transaction) and when repeated failures call for a
 * corrective action that keeps the CSS away from customers until it works. Pure: the caller gives the CSS's
 * evaluations; dates are local calendar dates (YYYY-MM-DD).
 *
 * cxpm's reading, every number a setting:
 *
 * - **Failed**: an evaluation with any customer-, business- or compliance-critical error (3.5.1.e). Systematic
 *   and investigative evaluations both count: a failed transaction is failed however it was found.
 * - **Coaching on each failed transaction** (3.5.2.c.ii): `coached` when coached within `coachingDays` of the
 *   evaluation, `coached-late` when later, `due` while that time runs, `overdue` after.
 * - **Monitored more often** (3.5.2.c.i): after a failing month, at least `followUpSessions` systematic
 *   sessions in the next month (two by default: twice the monthly minimum of 3.5.1.a). `due` while the next
 *   month runs, `overdue` once it has ended short.
 * - **Repeated failures** (3.5.2.d): `repeatFailures` failed evaluations within `repeatWindowDays` days (two in
 *   30 by default) raise a corrective action on the day of the last of them. The latest one raised by the end of
 *   the month is reported, even when raised in an earlier month.
 * - **Until effective**: the action is resolved once every failure behind it was coached and, after the last of
 *   those coachings, the CSS passed `passesToResolve` systematic evaluations in a row (a failure starts the
 *   count again). Until then the CSS is flagged for removal from handling customers.
 */

export interface CoachingSettings {
  /** Failed evaluations within the window that count as repeated failure. Default 2. */
  readonly repeatFailures: number;
  /** Length of the window, in days, the last failure's day included. Default 30. */
  readonly repeatWindowDays: number;
  /** Days after a failed evaluation by which the CSS must have been coached on it. Default 7. */
  readonly coachingDays: number;
  /** Systematic sessions needed in the month after a failure. Default 2. */
  readonly followUpSessions: number;
  /** Passed systematic evaluations in a row, after the coaching, that show the corrective action worked. Default 1. */
  readonly passesToResolve: number;
}

export const DEFAULT_COACHING_SETTINGS: CoachingSettings = {
  repeatFailures: 2,
  repeatWindowDays: 30,
  coachingDays: 7,
  followUpSessions: 2,
  passesToResolve: 1,
};

/** One evaluation of the CSS. */
export interface CoachingEvaluation {
  readonly id: string;
  /** Local date of the evaluation. */
  readonly date: string;
  /** Any critical error. */
  readonly failed: boolean;
  /** Investigative monitoring (3.5.1.d); systematic when false or absent. */
  readonly investigative?: boolean;
  /** Local date the CSS was coached on it; null when not (yet). */
  readonly coachedOn: string | null;
}

export type CoachingStatus = "coached" | "coached-late" | "due" | "overdue";

export interface FailedTransaction {
  readonly evaluation: string;
  readonly date: string;
  /** Last day for the coaching. */
  readonly coachBy: string;
  readonly coachedOn: string | null;
  readonly status: CoachingStatus;
}

export interface FollowUp {
  /** The month after the failing month, YYYY-MM. */
  readonly month: string;
  readonly required: number;
  /** Systematic sessions in that month up to as-of. */
  readonly monitored: number;
  readonly status: "met" | "due" | "overdue";
}

export interface CorrectiveAction {
  /** Day of the failure that made the failures repeated. */
  readonly raisedOn: string;
  /** The failed evaluations in the window ending that day. */
  readonly failures: readonly string[];
  readonly resolved: boolean;
  /** Day of the pass that showed the action worked; null while unresolved. */
  readonly resolvedOn: string | null;
}

export interface CssCoaching {
  readonly css: string;
  readonly month: string;
  /** Failed evaluations of the month and their coaching. */
  readonly failed: readonly FailedTransaction[];
  /** Closer monitoring owed next month; null without a failure this month. */
  readonly followUp: FollowUp | null;
  /** The latest corrective action raised by the end of the month; null when none. */
  readonly correctiveAction: CorrectiveAction | null;
  /** Keep the CSS away from customer transactions: a corrective action is open. */
  readonly removeFromCustomers: boolean;
  /** Coachings overdue, plus an overdue follow-up and an open corrective action: 0 when all is in order. */
  readonly problems: number;
}

const DAY = 86_400_000;
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const nextMonth = (month: string) => {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1));
  return d.toISOString().slice(0, 7);
};
const lastDayOf = (month: string) =>
  new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

function checkSettings(s: CoachingSettings): void {
  for (const [name, value, min] of [
    ["repeatFailures", s.repeatFailures, 2],
    ["repeatWindowDays", s.repeatWindowDays, 1],
    ["coachingDays", s.coachingDays, 0],
    ["followUpSessions", s.followUpSessions, 1],
    ["passesToResolve", s.passesToResolve, 0],
  ] as const) {
    if (!(Number.isInteger(value) && value >= min)) {
      throw new RangeError(`${name}: expected a whole number of at least ${min}, got ${value}`);
    }
  }
}

/**
 * What a CSS's failures of `month` call for, judged with the data up to `asOf`.
 *
 * @example
 * coachingConsequences("ana", [
 *   { id: "e1", date: "2026-03-02", failed: true, coachedOn: "2026-03-03" },
 *   { id: "e2", date: "2026-03-20", failed: true, coachedOn: null },
 * ], "2026-03", "2026-03-31").removeFromCustomers // true: two failures in 30 days, the second not coached
 */
export function coachingConsequences(
  css: string,
  evaluations: readonly CoachingEvaluation[],
  month: string,
  asOf: string,
  settings: CoachingSettings = DEFAULT_COACHING_SETTINGS,
): CssCoaching {
  checkSettings(settings);
  const known = [...evaluations].filter((e) => e.date <= asOf).sort((a, b) => a.date.localeCompare(b.date));
  const failures = known.filter((e) => e.failed);

  const failed = failures
    .filter((e) => e.date.startsWith(month))
    .map((e): FailedTransaction => {
      const coachBy = addDays(e.date, settings.coachingDays);
      const coached = e.coachedOn !== null && e.coachedOn <= asOf ? e.coachedOn : null;
      const status: CoachingStatus =
        coached !== null ? (coached <= coachBy ? "coached" : "coached-late") : asOf > coachBy ? "overdue" : "due";
      return { evaluation: e.id, date: e.date, coachBy, coachedOn: coached, status };
    });

  let followUp: FollowUp | null = null;
  if (failed.length > 0) {
    const next = nextMonth(month);
    const monitored = known.filter((e) => !e.investigative && e.date.startsWith(next)).length;
    const status = monitored >= settings.followUpSessions ? "met" : asOf >= lastDayOf(next) ? "overdue" : "due";
    followUp = { month: next, required: settings.followUpSessions, monitored, status };
  }

  const correctiveAction = latestAction(known, failures, lastDayOf(month), asOf, settings);
  const removeFromCustomers = correctiveAction !== null && !correctiveAction.resolved;
  return {
    css,
    month,
    failed,
    followUp,
    correctiveAction,
    removeFromCustomers,
    problems:
      failed.filter((f) => f.status === "overdue").length +
      (followUp?.status === "overdue" ? 1 : 0) +
      (removeFromCustomers ? 1 : 0),
  };
}

function latestAction(
  known: readonly CoachingEvaluation[],
  failures: readonly CoachingEvaluation[],
  monthEnd: string,
  asOf: string,
  s: CoachingSettings,
): CorrectiveAction | null {
  const upTo = failures.filter((f) => f.date <= monthEnd);
  for (let i = upTo.length - 1; i >= 0; i--) {
    const last = upTo[i]!;
    const start = addDays(last.date, 1 - s.repeatWindowDays);
    const window = upTo.slice(0, i + 1).filter((f) => f.date >= start);
    if (window.length < s.repeatFailures) continue;
    const coachings = window.map((f) => (f.coachedOn !== null && f.coachedOn <= asOf ? f.coachedOn : null));
    if (coachings.some((c) => c === null)) {
      return { raisedOn: last.date, failures: window.map((f) => f.id), resolved: false, resolvedOn: null };
    }
    // ISO dates sort as text: the last coaching is the greatest.
    const coachedBy = (coachings as string[]).sort().at(-1)!;
    let passes = 0;
    let resolvedOn: string | null = s.passesToResolve === 0 ? coachedBy : null;
    for (const e of known) {
      if (resolvedOn !== null || e.date <= coachedBy || e.investigative) continue;
      passes = e.failed ? 0 : passes + 1;
      if (passes >= s.passesToResolve) resolvedOn = e.date;
    }
    return { raisedOn: last.date, failures: window.map((f) => f.id), resolved: resolvedOn !== null, resolvedOn };
  }
  return null;
}
