/**
 * Monitoring compliance per CSS, Item 3.5.1: what monitoring a CSS was due in a month and its quarter, what was
 * done, and what is overdue. Pure: the caller gives the CSS's history; dates are local calendar dates
 * (YYYY-MM-DD) of the CSS's location.
 *
 * The checks, with cxpm's reading where the Standard leaves room:
 *
 * - **3.5.1.a monthly**: at least one systematic session in every calendar month on the job. The month a CSS
 *   starts in is judged only when they started on its first day; a CSS who starts mid-month is covered by the
 *   weekly new-CSS sessions instead (below), so a start on the 30th is not overdue on the 31st.
 * - **3.5.1.a each transaction type quarterly**: every transaction type (queue or KCRP) the CSS handled in the
 *   calendar quarter has at least one systematic session of that type in the quarter.
 * - **3.5.1.b side-by-side and remote**: at least one systematic side-by-side and one systematic remote session
 *   per quarter. Reviewing a recording is remote monitoring unless `recordedIsRemote` is false; a system check
 *   (mode `system`) is neither. For face-to-face location CSSs remote monitoring is not required (3.5.1.b.i).
 * - **3.5.1.c new CSSs**: a systematic session in every week of the first month on the job. The first month runs
 *   from the start day to the day before the same date a month later; its weeks are the 7-day windows from the
 *   start day, the last one running past the month's end when the month is not a whole number of weeks.
 * - **3.5.1.d investigative** sessions (looking into a known issue) count toward none of the above; they are
 *   reported apart.
 * - **3.5.1.e pass or fail**: a session fails when it holds any customer-, business- or compliance-critical
 *   error; non-critical errors alone do not fail it.
 *
 * A period with a qualifying session is `met`. One without is `overdue` once it has ended (its last day is on
 * or before `asOf`, the last day the data covers), `due` while it runs, and `upcoming` before it starts.
 */

export type MonitoringMode = "side-by-side" | "remote" | "recorded" | "system";

/** One monitored transaction of the CSS. */
export interface MonitoringSession {
  /** Local date of the monitoring, YYYY-MM-DD. */
  readonly date: string;
  /** Queue or KCRP of the monitored transaction. */
  readonly transactionType: string;
  /** How it was monitored; null when the source does not say (counts as neither side-by-side nor remote). */
  readonly mode: MonitoringMode | null;
  /** Monitoring to investigate a known issue (3.5.1.d); systematic when false or absent. */
  readonly investigative?: boolean;
  readonly customerCriticalError?: boolean;
  readonly businessCriticalError?: boolean;
  readonly complianceCriticalError?: boolean;
  /** Errors that are not critical: recorded, never a reason to fail. */
  readonly nonCriticalErrors?: number;
}

export interface CssHistory {
  readonly css: string;
  /** First day on the job (live work), YYYY-MM-DD; null when unknown, and the new-CSS check is not judged. */
  readonly startedOn: string | null;
  /** Transaction types the CSS handled, per local month (YYYY-MM). */
  readonly handled: readonly { readonly month: string; readonly transactionType: string }[];
  readonly sessions: readonly MonitoringSession[];
  /** A face-to-face location CSS: remote monitoring is not required (3.5.1.b.i). */
  readonly faceToFace?: boolean;
}

export interface ComplianceSettings {
  /** A review of a recorded transaction counts as remote monitoring. Default true. */
  readonly recordedIsRemote: boolean;
}

export const DEFAULT_COMPLIANCE_SETTINGS: ComplianceSettings = { recordedIsRemote: true };

export type ComplianceStatus = "met" | "due" | "overdue" | "upcoming" | "not-applicable";

export type CheckKind = "monthly" | "transaction-type" | "side-by-side" | "remote" | "new-css-week";

export interface ComplianceCheck {
  /** The requirement checked. */
  readonly requirement: "3.5.1.a" | "3.5.1.b" | "3.5.1.c";
  readonly check: CheckKind;
  /** The period: a month (2026-03), a quarter (2026-Q1) or a week (2026-03-15/2026-03-21). */
  readonly period: string;
  readonly from: string;
  readonly to: string;
  /** For `transaction-type`: the type. */
  readonly transactionType?: string;
  readonly status: ComplianceStatus;
  /** Systematic sessions in the period that satisfy the check. */
  readonly sessions: number;
  /** Why a check is not applicable. */
  readonly note?: string;
}

export interface CssCompliance {
  readonly css: string;
  readonly month: string;
  readonly quarter: string;
  readonly checks: readonly ComplianceCheck[];
  /** Sessions in the month: systematic and investigative, and of all of them those passed and failed (3.5.1.e). */
  readonly systematic: number;
  readonly investigative: number;
  readonly passed: number;
  readonly failed: number;
  /** Checks overdue and due, for sorting and flagging. */
  readonly overdue: number;
  readonly due: number;
}

/** 3.5.1.e: a monitored transaction passes unless it holds a critical error of any class. */
export function passes(session: MonitoringSession): boolean {
  return !(session.customerCriticalError || session.businessCriticalError || session.complianceCriticalError);
}

// Dates as days since 1970-01-01, computed in UTC so that no clock's daylight saving moves them.
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const dayOf = (date: string) => {
  if (!DATE.test(date)) throw new RangeError(`expected a date as YYYY-MM-DD, got "${date}"`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
};
const dateOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
/** The same day of the month `months` later, clamped to that month's last day (31 Jan + 1 month = 28/29 Feb). */
const addMonths = (date: string, months: number) => {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return dateOf(Date.UTC(y, m, Math.min(Number(date.slice(8, 10)), last)) / 86_400_000);
};

interface Period {
  readonly label: string;
  readonly from: string;
  readonly to: string;
}

const monthPeriod = (month: string): Period => ({
  label: month,
  from: `${month}-01`,
  to: dateOf(dayOf(addMonths(`${month}-01`, 1)) - 1),
});

const quarterPeriod = (month: string): Period => {
  const year = month.slice(0, 4);
  const q = Math.floor((Number(month.slice(5, 7)) - 1) / 3);
  const first = `${year}-${String(3 * q + 1).padStart(2, "0")}`;
  return {
    label: `${year}-Q${q + 1}`,
    from: `${first}-01`,
    to: monthPeriod(`${year}-${String(3 * q + 3).padStart(2, "0")}`).to,
  };
};

const within = (date: string, p: Period) => date >= p.from && date <= p.to;

/**
 * What monitoring the CSS was due in `month` (and in its quarter), and its status as of `asOf`.
 *
 * @example
 * monitoringCompliance(
 *   { css: "ana", startedOn: "2025-01-06", handled: [{ month: "2026-03", transactionType: "voice" }], sessions: [] },
 *   "2026-03",
 *   "2026-03-31",
 * ).checks.filter((c) => c.status === "overdue").map((c) => c.check)
 * // ["monthly", "transaction-type", "side-by-side", "remote"]
 */
export function monitoringCompliance(
  history: CssHistory,
  month: string,
  asOf: string,
  settings: ComplianceSettings = DEFAULT_COMPLIANCE_SETTINGS,
): CssCompliance {
  if (!MONTH.test(month)) throw new RangeError(`expected a month as YYYY-MM, got "${month}"`);
  dayOf(asOf);
  const monthP = monthPeriod(month);
  const quarterP = quarterPeriod(month);
  const systematic = history.sessions.filter((s) => !s.investigative);
  const status = (period: Period, sessions: number): ComplianceStatus =>
    sessions > 0 ? "met" : asOf >= period.to ? "overdue" : asOf < period.from ? "upcoming" : "due";
  const check = (
    requirement: ComplianceCheck["requirement"],
    kind: CheckKind,
    period: Period,
    qualifies: (s: MonitoringSession) => boolean,
    extra: Partial<ComplianceCheck> = {},
  ): ComplianceCheck => {
    const sessions = systematic.filter((s) => within(s.date, period) && qualifies(s)).length;
    return {
      requirement,
      check: kind,
      period: period.label,
      from: period.from,
      to: period.to,
      ...extra,
      status: extra.status ?? status(period, sessions),
      sessions,
    };
  };

  const startedOn = history.startedOn;
  const checks: ComplianceCheck[] = [];
  if (startedOn !== null && startedOn > monthP.from) {
    checks.push(
      check("3.5.1.a", "monthly", monthP, () => true, {
        status: "not-applicable",
        note:
          startedOn > monthP.to
            ? `started on ${startedOn}, after the month`
            : `started on ${startedOn}: the weekly new-CSS monitoring covers the first month`,
      }),
    );
  } else checks.push(check("3.5.1.a", "monthly", monthP, () => true));

  const types = [
    ...new Set(history.handled.filter((h) => within(`${h.month}-01`, quarterP)).map((h) => h.transactionType)),
  ].sort();
  for (const type of types) {
    checks.push(
      check("3.5.1.a", "transaction-type", quarterP, (s) => s.transactionType === type, { transactionType: type }),
    );
  }

  checks.push(check("3.5.1.b", "side-by-side", quarterP, (s) => s.mode === "side-by-side"));
  const remote = (s: MonitoringSession) => s.mode === "remote" || (settings.recordedIsRemote && s.mode === "recorded");
  checks.push(
    history.faceToFace
      ? check("3.5.1.b", "remote", quarterP, remote, {
          status: "not-applicable",
          note: "remote monitoring is not required for location CSSs (3.5.1.b.i)",
        })
      : check("3.5.1.b", "remote", quarterP, remote),
  );

  if (startedOn !== null) {
    const start = dayOf(startedOn);
    const firstMonthDays = dayOf(addMonths(startedOn, 1)) - start;
    for (let week = 0; week < Math.ceil(firstMonthDays / 7); week++) {
      const from = dateOf(start + 7 * week);
      const to = dateOf(start + 7 * week + 6);
      if (to < monthP.from || from > monthP.to) continue;
      checks.push(check("3.5.1.c", "new-css-week", { label: `${from}/${to}`, from, to }, () => true));
    }
  }

  const inMonth = history.sessions.filter((s) => within(s.date, monthP));
  const passed = inMonth.filter(passes).length;
  return {
    css: history.css,
    month,
    quarter: quarterP.label,
    checks,
    systematic: inMonth.filter((s) => !s.investigative).length,
    investigative: inMonth.filter((s) => s.investigative).length,
    passed,
    failed: inMonth.length - passed,
    overdue: checks.filter((c) => c.status === "overdue").length,
    due: checks.filter((c) => c.status === "due").length,
  };
}
