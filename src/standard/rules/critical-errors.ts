/**
 * Critical errors from a QA form's answers (3.5.1.e): a monitored transaction holding any critical error fails.
 * Pure: the caller gives the answers of one evaluation with the class of each attribute on the form version
 * it was scored on.
 *
 * cxpm's reading:
 *
 * - An evaluation holds a customer-, business- or compliance-critical error when at least one attribute of that
 *   class was failed; an answer `not-applicable` is no error.
 * - It **fails** (3.5.1.e) when it holds any of the three; a failed non-critical attribute alone does not fail
 *   it, so the transaction still counts as accurate in all three critical-error accuracies.
 * - It is a **defect** when any attribute at all failed, critical or not: the base of the defect rates.
 * - Stored flags (`qa_evaluations`' three booleans, as a QA tool exported them) **disagree** with the answers
 *   when a flag is set without a failed attribute of its class, or a failed attribute's class is not flagged.
 */

/** How a failed attribute counts; the same values as the `class` of `qa_form_attributes`. */
export type AttributeClass = "customer-critical" | "business-critical" | "compliance-critical" | "non-critical";

export type AnswerResult = "pass" | "fail" | "not-applicable";

/** One answered attribute of an evaluation. */
export interface ClassifiedAnswer {
  readonly class: AttributeClass;
  readonly result: AnswerResult;
}

/** The three critical-error flags of one evaluation. */
export interface CriticalErrorFlags {
  readonly customer: boolean;
  readonly business: boolean;
  readonly compliance: boolean;
}

/** What an evaluation's answers say about the transaction. */
export interface TransactionErrors extends CriticalErrorFlags {
  /** Failed attributes that are not critical. */
  readonly nonCritical: number;
  /** Any critical error: the transaction fails (3.5.1.e). */
  readonly failed: boolean;
  /** Any failed attribute, critical or not. */
  readonly defect: boolean;
}

export const CRITICAL_CLASSES = {
  customer: "customer-critical",
  business: "business-critical",
  compliance: "compliance-critical",
} as const satisfies Record<keyof CriticalErrorFlags, AttributeClass>;

/**
 * Derives an evaluation's critical errors from its answers.
 *
 * @example
 * transactionErrors([{ class: "non-critical", result: "fail" }, { class: "customer-critical", result: "pass" }]);
 * // { customer: false, business: false, compliance: false, nonCritical: 1, failed: false, defect: true }
 */
export function transactionErrors(answers: readonly ClassifiedAnswer[]): TransactionErrors {
  const failed = (c: AttributeClass) => answers.some((a) => a.class === c && a.result === "fail");
  const customer = failed(CRITICAL_CLASSES.customer);
  const business = failed(CRITICAL_CLASSES.business);
  const compliance = failed(CRITICAL_CLASSES.compliance);
  const nonCritical = answers.filter((a) => a.class === "non-critical" && a.result === "fail").length;
  const critical = customer || business || compliance;
  return { customer, business, compliance, nonCritical, failed: critical, defect: critical || nonCritical > 0 };
}

/**
 * The flags on which stored critical-error booleans and the answers disagree; empty when they agree.
 *
 * @example
 * disagreements({ customer: true, business: false, compliance: false }, [{ class: "non-critical", result: "fail" }]);
 * // ["customer"]: flagged, but no customer-critical attribute failed
 */
export function disagreements(
  stored: CriticalErrorFlags,
  answers: readonly ClassifiedAnswer[],
): (keyof CriticalErrorFlags)[] {
  const derived = transactionErrors(answers);
  return (Object.keys(CRITICAL_CLASSES) as (keyof CriticalErrorFlags)[]).filter((k) => stored[k] !== derived[k]);
}
