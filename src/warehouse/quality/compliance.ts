/**
 * Monitoring compliance of every CSS of a program in a month (3.5.1), from the warehouse: the histories the
 * pure rules of `standard/rules/monitoring-compliance.ts` judge.
 *
 * - **The CSSs**: everyone who handled a contact of the program in the month, was monitored for it in the
 *   month, or is on the `people` roster as a CSS of the program in live work during the month (trained, not
 *   yet left) — so a CSS who was never monitored still appears.
 * - **Transaction types** are queues: those each CSS handled in the month's quarter.
 * - **Sessions** are the CSS's QA evaluations for the program (local date of `evaluated_at`); `purpose =
 *   'investigative'` keeps one apart from systematic monitoring.
 * - **First day on the job**, for the weekly new-CSS check: from `people`, the earliest day the person began
 *   live work as a CSS (`trained_on`, else `starts_on`) in any program. A CSS the roster does not know has no
 *   start date, and the new-CSS check is not made for them.
 * - **Location CSSs** (remote monitoring not required): those whose handled work in the quarter was all
 *   face-to-face.
 * - **As of**: the last local day the program's contacts or evaluations reach, unless given; periods ending on
 *   or before it are judged overdue when nothing qualified.
 */
import {
  type ComplianceSettings,
  type CssCompliance,
  DEFAULT_COMPLIANCE_SETTINGS,
  type MonitoringMode,
  type MonitoringSession,
  monitoringCompliance,
} from "../../standard/rules/monitoring-compliance.ts";
import type { Warehouse } from "../warehouse.ts";
import { checkMonth } from "./plan.ts";

export interface ComplianceOptions {
  readonly program: string;
  /** Local month, YYYY-MM. */
  readonly month: string;
  /** Last day the data covers, YYYY-MM-DD; by default the program's latest contact or evaluation. */
  readonly asOf?: string;
  readonly settings?: ComplianceSettings;
}

export interface CssComplianceRow extends CssCompliance {
  /** First day of live work as a CSS, from the people roster; null when the roster does not know the CSS. */
  readonly startedOn: string | null;
  /** Contacts of the program the CSS handled in the month: 0 for a roster CSS the contacts do not name. */
  readonly handled: number;
}

export interface ComplianceReport {
  readonly program: string;
  readonly month: string;
  readonly quarter: string;
  readonly asOf: string;
  /** Every CSS, those with the most overdue checks first. */
  readonly csss: readonly CssComplianceRow[];
}

const localDate = (instant: string) => `strftime(timezone(time_zone, ${instant}), '%Y-%m-%d')`;
const localMonth = (instant: string) => `strftime(timezone(time_zone, ${instant}), '%Y-%m')`;

/**
 * Judges every CSS of the program in the month.
 *
 * @example
 * const report = await monitoringComplianceReport(warehouse, { program: "tailspin-care-lisbon", month: "2026-10" });
 * report.csss.filter((c) => c.overdue > 0).map((c) => c.css);
 */
export async function monitoringComplianceReport(
  warehouse: Warehouse,
  options: ComplianceOptions,
): Promise<ComplianceReport> {
  const { program } = options;
  const month = checkMonth(options.month, "month");
  if (options.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) {
    throw new RangeError(`as of: expected a date as YYYY-MM-DD, got "${options.asOf}"`);
  }
  const year = Number(month.slice(0, 4));
  const firstOfQuarter = 3 * Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1;
  const quarterMonths = [0, 1, 2].map((i) => `${year}-${String(firstOfQuarter + i).padStart(2, "0")}`);
  const monthStart = `${month}-01`;
  const monthEnd = lastDay(month);

  const [latest] = await warehouse.all<{ day: string | null }>(
    `SELECT max(day) AS day FROM (
       SELECT max(${localDate("arrived_at")}) AS day FROM contacts WHERE program_id = $1
       UNION ALL SELECT max(${localDate("evaluated_at")}) FROM qa_evaluations WHERE program_id = $1
     )`,
    [program],
  );
  if (!latest?.day) throw new RangeError(`program ${program} has no contacts or QA evaluations in the warehouse`);
  const asOf = options.asOf ?? latest.day;

  const people = await warehouse.all<{ css: string }>(
    `SELECT DISTINCT agent_id AS css FROM contacts
       WHERE program_id = $1 AND agent_id IS NOT NULL AND ${localMonth("arrived_at")} = $2
     UNION SELECT DISTINCT agent_id FROM qa_evaluations
       WHERE program_id = $1 AND agent_id IS NOT NULL AND ${localMonth("evaluated_at")} = $2
     UNION SELECT DISTINCT person_id FROM people
       WHERE program_id = $1 AND role = 'css' AND trained_on <= CAST($4 AS DATE)
         AND (left_on IS NULL OR left_on >= CAST($3 AS DATE))`,
    [program, month, monthStart, monthEnd],
  );
  const csss = people.map((p) => p.css).sort();

  const handled = await warehouse.all<{
    css: string;
    month: string;
    queue: string;
    contacts: number;
    face_to_face: boolean;
  }>(
    `SELECT agent_id AS css, ${localMonth("arrived_at")} AS month, coalesce(queue_id, '') AS queue,
       count(*) AS contacts, bool_and(kind = 'face-to-face') AS face_to_face
     FROM contacts
     WHERE program_id = $1 AND agent_id IS NOT NULL AND ${localMonth("arrived_at")} IN ($2, $3, $4)
     GROUP BY ALL`,
    [program, ...quarterMonths],
  );
  // New-CSS weeks that touch the month may start up to six days before it; the quarter runs to its end.
  const sessions = await warehouse.all<{
    css: string;
    date: string;
    queue: string;
    mode: MonitoringMode | null;
    investigative: boolean;
    customer: boolean;
    business: boolean;
    compliance: boolean;
  }>(
    `SELECT agent_id AS css, ${localDate("evaluated_at")} AS date, coalesce(queue_id, '') AS queue, mode,
       coalesce(purpose = 'investigative', false) AS investigative, customer_critical_error AS customer,
       business_critical_error AS business, compliance_critical_error AS compliance
     FROM qa_evaluations
     WHERE program_id = $1 AND agent_id IS NOT NULL
       AND ${localDate("evaluated_at")} BETWEEN $2 AND $3
     ORDER BY 1, 2`,
    [program, shiftDays(`${quarterMonths[0]}-01`, -7), lastDay(quarterMonths[2]!)],
  );
  const starts = await warehouse.all<{ css: string; started: string }>(
    `SELECT person_id AS css, strftime(min(coalesce(trained_on, starts_on)), '%Y-%m-%d') AS started
     FROM people WHERE role = 'css' GROUP BY person_id`,
  );
  const startOf = new Map(starts.map((s) => [s.css, s.started]));

  const settings = options.settings ?? DEFAULT_COMPLIANCE_SETTINGS;
  const rows = csss.map((css): CssComplianceRow => {
    const theirs = handled.filter((h) => h.css === css);
    const startedOn = startOf.get(css) ?? null;
    const result = monitoringCompliance(
      {
        css,
        startedOn,
        handled: theirs.map((h) => ({ month: h.month, transactionType: h.queue })),
        sessions: sessions
          .filter((s) => s.css === css)
          .map(
            (s): MonitoringSession => ({
              date: s.date,
              transactionType: s.queue,
              mode: s.mode,
              investigative: s.investigative,
              customerCriticalError: s.customer,
              businessCriticalError: s.business,
              complianceCriticalError: s.compliance,
            }),
          ),
        faceToFace: theirs.length > 0 && theirs.every((h) => h.face_to_face),
      },
      month,
      asOf,
      settings,
    );
    const contacts = theirs.filter((h) => h.month === month).reduce((sum, h) => sum + h.contacts, 0);
    return { ...result, startedOn, handled: contacts };
  });
  rows.sort((a, b) => b.overdue - a.overdue || b.due - a.due || a.css.localeCompare(b.css));
  return {
    program,
    month,
    quarter: rows[0]?.quarter ?? `${year}-Q${(firstOfQuarter + 2) / 3}`,
    asOf,
    csss: rows,
  };
}

function lastDay(month: string): string {
  const date = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
  return date.toISOString().slice(0, 10);
}

function shiftDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
