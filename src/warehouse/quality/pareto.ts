/**
 * The frequent errors (2.7.2): which attributes of the QA form fail most, as a Pareto, with each one's trend.
 *
 * - **Scope**: QA evaluations with answers in `qa_answers`, narrowed by program, queue, team and agent, in the
 *   local months `from`–`to` of `evaluated_at`. Investigative evaluations are left out, as they look into a
 *   known issue and would inflate its attributes. A team is the `people.team_id` of the assignment the agent
 *   held in the evaluation's program on its local day.
 * - **Per attribute**: the failed answers, their share of all failures in scope and the cumulative share in
 *   descending order (the "vital few" are those up to and including the one that reaches 80%), its class, and per
 *   month the failures and the failure rate per 100 evaluations in scope. Attributes are matched by their id
 *   across forms and versions; the class and label shown are those of the latest version a failure was scored
 *   on. `classes: "critical"` counts only failures of customer-, business- and compliance-critical attributes.
 * - **Consistency with 3.5.1.e**: for the same evaluations, the critical errors their answers imply (the pure
 *   rule of `standard/rules/critical-errors.ts`) against the three booleans stored on the evaluation; answers to
 *   attributes missing from their form version are counted apart.
 */
import {
  type AttributeClass,
  type ClassifiedAnswer,
  type CriticalErrorFlags,
  disagreements,
  transactionErrors,
} from "../../standard/rules/critical-errors.ts";
import type { Warehouse } from "../warehouse.ts";
import { checkMonth } from "./plan.ts";

export const PARETO_CLASSES = ["all", "critical"] as const;
export type ParetoClasses = (typeof PARETO_CLASSES)[number];

/** Cumulative share of failures the "vital few" attributes reach. */
export const VITAL_FEW_SHARE = 0.8;

export interface ParetoOptions {
  readonly program?: string;
  readonly queue?: string;
  readonly team?: string;
  readonly agent?: string;
  /** First and last local month, YYYY-MM, both included; by default every month with evaluations. */
  readonly from?: string;
  readonly to?: string;
  /** Failures of every class (default) or of the three critical classes only. */
  readonly classes?: ParetoClasses;
}

export interface ParetoMonth {
  readonly month: string;
  readonly failures: number;
  /** Failures per 100 evaluations in scope that month; null in a month without evaluations. */
  readonly ratePer100: number | null;
}

export interface ParetoAttribute {
  readonly attribute: string;
  readonly label: string | null;
  /** Null when the attribute is missing from the form version it was answered on. */
  readonly class: AttributeClass | null;
  readonly failures: number;
  /** Of all failures in scope. */
  readonly share: number;
  /** This attribute's share and those of every attribute above it. */
  readonly cumulativeShare: number;
  /** Among the attributes that together make the first 80% of failures. */
  readonly vitalFew: boolean;
  /** Failures per 100 evaluations in scope over the whole period. */
  readonly ratePer100: number;
  readonly months: readonly ParetoMonth[];
}

/** How the evaluations' stored critical-error flags compare with what their answers imply (3.5.1.e). */
export interface CriticalErrorConsistency {
  readonly evaluations: number;
  /** Answers imply a critical error: the transaction fails. */
  readonly failed: number;
  /** Only non-critical attributes failed: the transaction passes every critical-error accuracy but is a defect. */
  readonly nonCriticalOnly: number;
  /** Evaluations whose stored flags disagree with their answers, in all and per flag. */
  readonly disagreeing: number;
  readonly disagreeingBy: Readonly<Record<keyof CriticalErrorFlags, number>>;
  /** A few disagreeing evaluation ids, to look at first. */
  readonly examples: readonly string[];
  /** Answers to an attribute the form version does not hold. */
  readonly unknownAttributes: number;
}

export interface ParetoReport {
  readonly program: string | null;
  readonly queue: string | null;
  readonly team: string | null;
  readonly agent: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly classes: ParetoClasses;
  /** The months of the trend: from–to when given, else the first to the last month with evaluations. */
  readonly months: readonly string[];
  /** Evaluations in scope (with answers), in all and per month. */
  readonly evaluations: number;
  readonly evaluationsByMonth: readonly { readonly month: string; readonly evaluations: number }[];
  /** Failed answers counted. */
  readonly failures: number;
  /** Most failed first; equal counts by attribute id. */
  readonly attributes: readonly ParetoAttribute[];
  readonly consistency: CriticalErrorConsistency;
}

const CRITICAL = ["customer-critical", "business-critical", "compliance-critical"];

/**
 * The Pareto of failed attributes in scope.
 *
 * @example
 * const report = await paretoReport(warehouse, { program: "northwind-care-chicago", from: "2026-08", to: "2026-10" });
 * report.attributes[0]; // { attribute: "hold-procedure", failures: 41, share: 0.31, cumulativeShare: 0.31, … }
 */
export async function paretoReport(warehouse: Warehouse, options: ParetoOptions = {}): Promise<ParetoReport> {
  const classes = options.classes ?? "all";
  if (!PARETO_CLASSES.includes(classes)) {
    throw new RangeError(`class: expected one of ${PARETO_CLASSES.join(", ")}, got "${classes}"`);
  }
  const from = options.from === undefined ? null : checkMonth(options.from, "from");
  const to = options.to === undefined ? null : checkMonth(options.to, "to");
  if (from && to && from > to) throw new RangeError(`from ${from} is after to ${to}`);

  const params: string[] = [];
  const where: string[] = [];
  const equals = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  equals("e.program_id", options.program);
  equals("e.queue_id", options.queue);
  equals("e.agent_id", options.agent);
  if (from) where.push(`month >= '${from}'`);
  if (to) where.push(`month <= '${to}'`);
  const team = options.team;
  if (team !== undefined) params.push(team);
  const scope = `
    WITH evaluated AS (
      SELECT e.*, strftime(timezone(e.time_zone, e.evaluated_at), '%Y-%m') AS month,
        CAST(timezone(e.time_zone, e.evaluated_at) AS DATE) AS day
      FROM qa_evaluations e
      WHERE coalesce(e.purpose, 'systematic') <> 'investigative'
        AND EXISTS (SELECT 1 FROM qa_answers a WHERE a.source = e.source AND a.evaluation_id = e.evaluation_id)
    ),
    scoped AS (
      SELECT e.source, e.evaluation_id, e.month, e.customer_critical_error, e.business_critical_error,
        e.compliance_critical_error
      FROM evaluated e
      ${
        team === undefined
          ? ""
          : `JOIN people p ON p.person_id = e.agent_id AND p.program_id = e.program_id
               AND e.day BETWEEN p.starts_on AND coalesce(p.left_on, p.as_of) AND p.team_id = $${params.length}`
      }
      ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
      ${team === undefined ? "" : "GROUP BY ALL"}
    ),
    answered AS (
      SELECT s.*, a.attribute, a.result, a.form_version, f.class, f.label
      FROM scoped s
      JOIN qa_answers a ON a.source = s.source AND a.evaluation_id = s.evaluation_id
      LEFT JOIN qa_form_attributes f ON f.source = a.source AND f.form_id = a.form_id
        AND f.form_version = a.form_version AND f.attribute = a.attribute
    )`;
  const counted = classes === "critical" ? `AND class IN (${CRITICAL.map((c) => `'${c}'`).join(", ")})` : "";

  const perMonth = await warehouse.all<{ month: string; evaluations: number }>(
    `${scope} SELECT month, count(*) AS evaluations FROM scoped GROUP BY month ORDER BY month`,
    params,
  );
  const totals = await warehouse.all<{
    attribute: string;
    label: string | null;
    class: AttributeClass | null;
    failures: number;
  }>(
    `${scope} SELECT attribute, arg_max(label, form_version) AS label, arg_max(class, form_version) AS class,
       count(*) AS failures
     FROM answered WHERE result = 'fail' ${counted}
     GROUP BY attribute ORDER BY failures DESC, attribute`,
    params,
  );
  const trend = await warehouse.all<{ attribute: string; month: string; failures: number }>(
    `${scope} SELECT attribute, month, count(*) AS failures FROM answered WHERE result = 'fail' ${counted}
     GROUP BY ALL`,
    params,
  );
  const groups = await warehouse.all<FlagGroup>(
    `${scope}, per_evaluation AS (
       SELECT source, evaluation_id,
         any_value(customer_critical_error) AS stored_customer,
         any_value(business_critical_error) AS stored_business,
         any_value(compliance_critical_error) AS stored_compliance,
         bool_or(result = 'fail' AND class = 'customer-critical') AS customer,
         bool_or(result = 'fail' AND class = 'business-critical') AS business,
         bool_or(result = 'fail' AND class = 'compliance-critical') AS compliance,
         bool_or(result = 'fail' AND class = 'non-critical') AS non_critical,
         count(*) FILTER (WHERE class IS NULL) AS unknown
       FROM answered GROUP BY ALL
     )
     SELECT stored_customer, stored_business, stored_compliance, customer, business, compliance, non_critical,
       sum(unknown) AS unknown, count(*) AS evaluations, min(evaluation_id) AS example
     FROM per_evaluation GROUP BY ALL ORDER BY example`,
    params,
  );

  const months =
    from && to ? monthsBetween(from, to) : monthsBetween(perMonth[0]?.month ?? from, perMonth.at(-1)?.month ?? to);
  const evaluationsIn = new Map(perMonth.map((m) => [m.month, m.evaluations]));
  const evaluations = perMonth.reduce((sum, m) => sum + m.evaluations, 0);
  const failures = totals.reduce((sum, t) => sum + t.failures, 0);
  const byAttributeMonth = new Map(trend.map((t) => [`${t.attribute}\n${t.month}`, t.failures]));
  let cumulative = 0;
  const attributes = totals.map((t): ParetoAttribute => {
    const before = cumulative;
    cumulative += t.failures;
    return {
      attribute: t.attribute,
      label: t.label,
      class: t.class,
      failures: t.failures,
      share: t.failures / failures,
      cumulativeShare: cumulative / failures,
      vitalFew: before / failures < VITAL_FEW_SHARE,
      ratePer100: (100 * t.failures) / evaluations,
      months: months.map((month): ParetoMonth => {
        const n = byAttributeMonth.get(`${t.attribute}\n${month}`) ?? 0;
        const base = evaluationsIn.get(month) ?? 0;
        return { month, failures: n, ratePer100: base > 0 ? (100 * n) / base : null };
      }),
    };
  });

  return {
    program: options.program ?? null,
    queue: options.queue ?? null,
    team: team ?? null,
    agent: options.agent ?? null,
    from,
    to,
    classes,
    months,
    evaluations,
    evaluationsByMonth: months.map((month) => ({ month, evaluations: evaluationsIn.get(month) ?? 0 })),
    failures,
    attributes,
    consistency: consistencyOf(groups),
  };
}

/** Evaluations with the same stored flags and the same classes of failed attributes, counted. */
interface FlagGroup {
  stored_customer: boolean;
  stored_business: boolean;
  stored_compliance: boolean;
  customer: boolean;
  business: boolean;
  compliance: boolean;
  non_critical: boolean;
  unknown: number;
  evaluations: number;
  example: string;
}

/** Judges each group of evaluations with the same stored flags and failed classes by the pure rule. */
function consistencyOf(groups: readonly FlagGroup[]): CriticalErrorConsistency {
  const disagreeingBy = { customer: 0, business: 0, compliance: 0 };
  let evaluations = 0;
  let failed = 0;
  let nonCriticalOnly = 0;
  let disagreeing = 0;
  let unknownAttributes = 0;
  const examples: string[] = [];
  for (const g of groups) {
    // The failed classes stand for the answers: the rule looks at nothing else.
    const answers: ClassifiedAnswer[] = [];
    if (g.customer) answers.push({ class: "customer-critical", result: "fail" });
    if (g.business) answers.push({ class: "business-critical", result: "fail" });
    if (g.compliance) answers.push({ class: "compliance-critical", result: "fail" });
    if (g.non_critical) answers.push({ class: "non-critical", result: "fail" });
    const errors = transactionErrors(answers);
    const n = Number(g.evaluations);
    evaluations += n;
    unknownAttributes += Number(g.unknown);
    if (errors.failed) failed += n;
    else if (errors.defect) nonCriticalOnly += n;
    const off = disagreements(
      { customer: g.stored_customer, business: g.stored_business, compliance: g.stored_compliance },
      answers,
    );
    if (off.length === 0) continue;
    disagreeing += n;
    for (const flag of off) disagreeingBy[flag] += n;
    if (examples.length < 5) examples.push(g.example);
  }
  return { evaluations, failed, nonCriticalOnly, disagreeing, disagreeingBy, examples, unknownAttributes };
}

/** Every month from `from` to `to`, both included; empty when either is missing. */
function monthsBetween(from: string | null, to: string | null): string[] {
  if (!from || !to) return [];
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (;;) {
    const m = `${year}-${String(month).padStart(2, "0")}`;
    if (m > to) return months;
    months.push(m);
    month = (month % 12) + 1;
    if (month === 1) year++;
  }
}
