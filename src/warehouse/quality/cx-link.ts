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

export interface CxLink {
  readonly program: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly topBoxes: number;
  readonly confidence: number;
  /** Evaluation–survey pairs found. */
  readonly transactions: number;
  readonly classes: readonly ClassLink[];
}

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

  const counts = await warehouse.all<Record<string, number>>(
    `WITH pairs AS (
       SELECT e.customer_critical_error AS customer, e.business_critical_error AS business,
         e.compliance_critical_error AS compliance,
         e.customer_critical_error OR e.business_critical_error OR e.compliance_critical_error AS "any",
         s.overall_satisfaction > s.scale_max - $1 AS satisfied
       FROM qa_evaluations e
       JOIN surveys s ON s.program_id = e.program_id AND s.contact_id = e.contact_id
       WHERE coalesce(e.purpose, 'systematic') <> 'investigative' ${filters.map((f) => `AND ${f}`).join(" ")}
     )
     SELECT count(*) AS transactions,
       ${ERROR_CLASSES.map(
         (c) => `count(*) FILTER (WHERE "${c}") AS ${c}_n, count(*) FILTER (WHERE "${c}" AND satisfied) AS ${c}_top,
         count(*) FILTER (WHERE NOT "${c}") AS ${c}_clean_n, count(*) FILTER (WHERE NOT "${c}" AND satisfied) AS ${c}_clean_top`,
       ).join(",\n")}
     FROM pairs`,
    params,
  );
  const row = counts[0]!;
  const rate = (transactions: number, topBox: number): TopBoxRate => {
    if (transactions === 0) return { transactions, topBox, rate: null, lower: null, upper: null };
    const i = wilson(topBox, transactions, confidence);
    return { transactions, topBox, rate: i.estimate, lower: i.lower, upper: i.upper };
  };
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
      const d =
        withError.transactions > 0 && withoutError.transactions > 0
          ? newcombeDifference(
              withoutError.topBox,
              withoutError.transactions,
              withError.topBox,
              withError.transactions,
              {
                confidence,
              },
            )
          : null;
      const difference = d && { estimate: d.estimate, lower: d.lower, upper: d.upper };
      return { errorClass, withError, withoutError, difference, costsSatisfaction: d !== null && d.lower > 0 };
    }),
  };
}
