/**
 * The link between critical errors and the customer's experience (2.7.1.d.ii): for transactions that were both
 * monitored and surveyed, the share of satisfied customers (top boxes) when the transaction held a critical
 * error of a class and when it did not.
 *
 * A QA evaluation and a survey answer meet on the contact they are about: the same program and the same
 * `contact_id` (the contact's `source_id`); each such pair is one transaction here. Satisfied is the top
 * `topBoxes` answers of the response's own scale (two by default, as the satisfaction metrics count them).
 * Per class (customer-, business-, compliance-critical, and any of them) the report gives both top-box rates
 * with Wilson intervals and their difference, without minus with the error, with Newcombe's hybrid score
 * interval: a difference whose interval lies above zero says the error costs satisfaction. Investigative
 * evaluations are left out, as they are not a random selection. Months are the local months of the evaluation.
 *
 * Where evaluations carry their answers (`qa_answers`), the same comparison is made per attribute of the form:
 * transactions whose evaluation failed the attribute against those whose evaluation passed it (answers "not
 * applicable" are in neither group), worst first, so the attributes that cost satisfaction stand out.
 */
import { newcombeDifference } from "../../methods/sampling/difference.ts";
import { wilson } from "../../methods/sampling/proportion.ts";
import { DEFAULT_SETTINGS } from "../metrics/components/index.ts";
import type { Warehouse } from "../warehouse.ts";
import { checkMonth } from "./plan.ts";

export const ERROR_CLASSES = ["customer", "business", "compliance", "any"] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

export interface CxLinkOptions {
  readonly program?: string;
  /** First and last local month of the evaluations, YYYY-MM, both included. */
  readonly from?: string;
  readonly to?: string;
  /** Answers at the top of the scale that count as satisfied; 2 by default. */
  readonly topBoxes?: number;
  readonly confidence?: number;
}

/** Top-box rate of one group of transactions with its Wilson interval; nulls when the group is empty. */
export interface TopBoxRate {
  readonly transactions: number;
  readonly topBox: number;
  readonly rate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface ClassLink {
  readonly errorClass: ErrorClass;
  readonly withError: TopBoxRate;
  readonly withoutError: TopBoxRate;
  /** withoutError.rate − withError.rate with Newcombe's interval; null when either group is empty. */
  readonly difference: { readonly estimate: number; readonly lower: number; readonly upper: number } | null;
  /** The interval of the difference lies above zero: transactions with the error satisfy fewer customers. */
  readonly costsSatisfaction: boolean;
}

/** The top-box rates of transactions that failed one attribute and of those that passed it. */
export interface AttributeLink {
  readonly attribute: string;
  readonly label: string | null;
  /** Class of the attribute on the latest form version that holds it; null when no form lists it. */
  readonly class: string | null;
  readonly failed: TopBoxRate;
  readonly passed: TopBoxRate;
  /** passed.rate − failed.rate with Newcombe's interval; null when either group is empty. */
  readonly difference: { readonly estimate: number; readonly lower: number; readonly upper: number } | null;
  readonly costsSatisfaction: boolean;
}

export interface CxLink {
  readonly program: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly topBoxes: number;
  readonly confidence: number;
  /** Evaluation–survey pairs found. */
  readonly transactions: number;
  readonly classes: readonly ClassLink[];
  /** Per attribute answered in the paired evaluations, the largest difference first; empty without answers. */
  readonly attributes: readonly AttributeLink[];
}

/** A difference lies in [−1, 1]; attributes without one sort last. */
const gap = (a: AttributeLink) => a.difference?.estimate ?? -2;

const localMonth = (instant: string) => `strftime(timezone(e.time_zone, ${instant}), '%Y-%m')`;

/**
 * Top-box rates with and without each class of critical error.
 *
 * @example
 * const link = await cxLink(warehouse, { program: "northwind-care-chicago" });
 * link.classes.find((c) => c.errorClass === "customer")?.difference; // e.g. 0.42 (0.21 to 0.58)
 */
export async function cxLink(warehouse: Warehouse, options: CxLinkOptions = {}): Promise<CxLink> {
  const { topBoxes = DEFAULT_SETTINGS.satisfiedTopBoxes, confidence = 0.95 } = options;
  if (!(Number.isInteger(topBoxes) && topBoxes >= 1)) {
    throw new RangeError(`top boxes: expected a whole number of at least 1, got ${topBoxes}`);
  }
  const from = options.from === undefined ? null : checkMonth(options.from, "from");
  const to = options.to === undefined ? null : checkMonth(options.to, "to");
  const filters: string[] = [];
  const params: (string | number)[] = [topBoxes];
  if (options.program !== undefined) {
    params.push(options.program);
    filters.push(`e.program_id = $${params.length}`);
  }
  if (from) filters.push(`${localMonth("e.evaluated_at")} >= '${from}'`);
  if (to) filters.push(`${localMonth("e.evaluated_at")} <= '${to}'`);

  const where = `coalesce(e.purpose, 'systematic') <> 'investigative' ${filters.map((f) => `AND ${f}`).join(" ")}`;
  const satisfied = "s.overall_satisfaction > s.scale_max - $1";
  const counts = await warehouse.all<Record<string, number>>(
    `WITH pairs AS (
       SELECT e.customer_critical_error AS customer, e.business_critical_error AS business,
         e.compliance_critical_error AS compliance,
         e.customer_critical_error OR e.business_critical_error OR e.compliance_critical_error AS "any",
         ${satisfied} AS satisfied
       FROM qa_evaluations e
       JOIN surveys s ON s.program_id = e.program_id AND s.contact_id = e.contact_id
       WHERE ${where}
     )
     SELECT count(*) AS transactions,
       ${ERROR_CLASSES.map(
         (c) => `count(*) FILTER (WHERE "${c}") AS ${c}_n, count(*) FILTER (WHERE "${c}" AND satisfied) AS ${c}_top,
         count(*) FILTER (WHERE NOT "${c}") AS ${c}_clean_n, count(*) FILTER (WHERE NOT "${c}" AND satisfied) AS ${c}_clean_top`,
       ).join(",\n")}
     FROM pairs`,
    params,
  );
  const answered = await warehouse.all<{
    attribute: string;
    label: string | null;
    class: string | null;
    failed_n: number;
    failed_top: number;
    passed_n: number;
    passed_top: number;
  }>(
    `WITH pairs AS (
       SELECT e.source, e.evaluation_id, ${satisfied} AS satisfied
       FROM qa_evaluations e
       JOIN surveys s ON s.program_id = e.program_id AND s.contact_id = e.contact_id
       WHERE ${where}
     ), latest AS (
       SELECT attribute, arg_max(label, form_version) AS label, arg_max(class, form_version) AS class
       FROM qa_form_attributes GROUP BY attribute
     )
     SELECT a.attribute, any_value(l.label) AS label, any_value(l.class) AS class,
       count(*) FILTER (WHERE a.result = 'fail') AS failed_n,
       count(*) FILTER (WHERE a.result = 'fail' AND p.satisfied) AS failed_top,
       count(*) FILTER (WHERE a.result = 'pass') AS passed_n,
       count(*) FILTER (WHERE a.result = 'pass' AND p.satisfied) AS passed_top
     FROM pairs p
     JOIN qa_answers a ON a.source = p.source AND a.evaluation_id = p.evaluation_id
     LEFT JOIN latest l ON l.attribute = a.attribute
     GROUP BY a.attribute
     ORDER BY a.attribute`,
    params,
  );
  const row = counts[0]!;
  const rate = (transactions: number, topBox: number): TopBoxRate => {
    if (transactions === 0) return { transactions, topBox, rate: null, lower: null, upper: null };
    const i = wilson(topBox, transactions, confidence);
    return { transactions, topBox, rate: i.estimate, lower: i.lower, upper: i.upper };
  };
  /** Newcombe's interval of `good.rate − bad.rate`, or null when a group is empty. */
  const compare = (good: TopBoxRate, bad: TopBoxRate) => {
    if (good.transactions === 0 || bad.transactions === 0) return null;
    const d = newcombeDifference(good.topBox, good.transactions, bad.topBox, bad.transactions, { confidence });
    return { estimate: d.estimate, lower: d.lower, upper: d.upper };
  };
  const attributes = answered
    .map((a): AttributeLink => {
      const failed = rate(a.failed_n, a.failed_top);
      const passed = rate(a.passed_n, a.passed_top);
      const difference = compare(passed, failed);
      return {
        attribute: a.attribute,
        label: a.label,
        class: a.class,
        failed,
        passed,
        difference,
        costsSatisfaction: difference !== null && difference.lower > 0,
      };
    })
    .sort((x, y) => gap(y) - gap(x));
  return {
    program: options.program ?? null,
    from,
    to,
    topBoxes,
    confidence,
    transactions: row.transactions!,
    classes: ERROR_CLASSES.map((errorClass): ClassLink => {
      const withError = rate(row[`${errorClass}_n`]!, row[`${errorClass}_top`]!);
      const withoutError = rate(row[`${errorClass}_clean_n`]!, row[`${errorClass}_clean_top`]!);
      const difference = compare(withoutError, withError);
      return {
        errorClass,
        withError,
        withoutError,
        difference,
        costsSatisfaction: difference !== null && difference.lower > 0,
      };
    }),
    attributes,
  };
}
