/**
 * Coaching and consequences per CSS of a program in a month (3.5.2), from the warehouse's QA evaluations: the
 * histories the pure rules of `standard/rules/coaching.ts` judge.
 *
 * Every evaluation of the program naming a CSS counts, on the local date of `evaluated_at`; it failed when it
 * holds any critical error, and `coached_at` (local date) says when the CSS was coached on it. The report lists
 * the CSSs with a failure in the month or a corrective action that is open or was raised or resolved in the
 * month, those with the most problems first, and sums up the month.
 */
import {
  type CoachingSettings,
  type CssCoaching,
  coachingConsequences,
  DEFAULT_COACHING_SETTINGS,
} from "../../standard/rules/coaching.ts";
import type { Warehouse } from "../warehouse.ts";
import { checkMonth } from "./plan.ts";

export interface CoachingOptions {
  readonly program: string;
  /** Local month, YYYY-MM. */
  readonly month: string;
  /** Last day the data covers, YYYY-MM-DD; by default the program's latest contact or evaluation. */
  readonly asOf?: string;
  readonly settings?: Partial<CoachingSettings>;
}

export interface CoachingSummary {
  /** Failed evaluations of the month, and how their coaching stands. */
  readonly failed: number;
  readonly coached: number;
  readonly coachedLate: number;
  readonly due: number;
  readonly overdue: number;
  /** CSSs owed closer monitoring next month, and those who did not get it. */
  readonly followUps: number;
  readonly followUpsOverdue: number;
  /** Corrective actions raised by the end of the month (latest per CSS), and CSSs to keep off customers. */
  readonly correctiveActions: number;
  readonly removeFromCustomers: number;
}

export interface CoachingReport {
  readonly program: string;
  readonly month: string;
  readonly asOf: string;
  readonly settings: CoachingSettings;
  readonly summary: CoachingSummary;
  readonly csss: readonly CssCoaching[];
}

/** An action matters to the month while open, and in the months it was raised or resolved. */
const touches = (action: NonNullable<CssCoaching["correctiveAction"]>, month: string) =>
  !action.resolved || action.raisedOn.startsWith(month) || (action.resolvedOn ?? "") >= month;

const localDate = (instant: string) => `strftime(timezone(time_zone, ${instant}), '%Y-%m-%d')`;

/**
 * Judges the program's CSSs for the month.
 *
 * @example
 * const report = await coachingReport(warehouse, { program: "tailspin-care-lisbon", month: "2026-10" });
 * report.csss.filter((c) => c.removeFromCustomers).map((c) => c.css);
 */
export async function coachingReport(warehouse: Warehouse, options: CoachingOptions): Promise<CoachingReport> {
  const { program } = options;
  const month = checkMonth(options.month, "month");
  if (options.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) {
    throw new RangeError(`as of: expected a date as YYYY-MM-DD, got "${options.asOf}"`);
  }
  const settings = { ...DEFAULT_COACHING_SETTINGS, ...options.settings };
  const [latest] = await warehouse.all<{ day: string | null }>(
    `SELECT max(day) AS day FROM (
       SELECT max(${localDate("arrived_at")}) AS day FROM contacts WHERE program_id = $1
       UNION ALL SELECT max(${localDate("evaluated_at")}) FROM qa_evaluations WHERE program_id = $1
     )`,
    [program],
  );
  if (!latest?.day) throw new RangeError(`program ${program} has no contacts or QA evaluations in the warehouse`);
  const asOf = options.asOf ?? latest.day;

  const rows = await warehouse.all<{
    css: string;
    id: string;
    date: string;
    failed: boolean;
    investigative: boolean;
    coached: string | null;
  }>(
    `SELECT agent_id AS css, source || ':' || evaluation_id AS id, ${localDate("evaluated_at")} AS date,
       customer_critical_error OR business_critical_error OR compliance_critical_error AS failed,
       coalesce(purpose = 'investigative', false) AS investigative,
       ${localDate("coached_at")} AS coached
     FROM qa_evaluations
     WHERE program_id = $1 AND agent_id IS NOT NULL AND ${localDate("evaluated_at")} <= $2
     ORDER BY css, date, id`,
    [program, asOf],
  );
  const byCss = new Map<string, typeof rows>();
  for (const r of rows) byCss.set(r.css, [...(byCss.get(r.css) ?? []), r]);

  const csss = [...byCss]
    .map(([css, evaluations]) =>
      coachingConsequences(
        css,
        evaluations.map((e) => ({
          id: e.id,
          date: e.date,
          failed: e.failed,
          investigative: e.investigative,
          coachedOn: e.coached,
        })),
        month,
        asOf,
        settings,
      ),
    )
    .filter((c) => c.failed.length > 0 || (c.correctiveAction !== null && touches(c.correctiveAction, month)))
    .sort((a, b) => b.problems - a.problems || b.failed.length - a.failed.length || a.css.localeCompare(b.css));

  const failed = csss.flatMap((c) => c.failed);
  const count = (status: string) => failed.filter((f) => f.status === status).length;
  return {
    program,
    month,
    asOf,
    settings,
    summary: {
      failed: failed.length,
      coached: count("coached"),
      coachedLate: count("coached-late"),
      due: count("due"),
      overdue: count("overdue"),
      followUps: csss.filter((c) => c.followUp !== null).length,
      followUpsOverdue: csss.filter((c) => c.followUp?.status === "overdue").length,
      correctiveActions: csss.filter((c) => c.correctiveAction !== null).length,
      removeFromCustomers: csss.filter((c) => c.removeFromCustomers).length,
    },
    csss,
  };
}
