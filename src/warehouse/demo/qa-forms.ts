/**
 * The demo's QA forms and the answers of every evaluation (qa_form_attributes, qa_answers; 2.7.2 and 3.5.1.e).
 *
 * Each program scores on its own form, `qa-<program>`: version 1, the six questions the calibration sessions
 * use (calibration.ts), is in force from the window's first day; version 2 adds "next-steps" from the first day
 * of the window's middle month (in a one-month window, from its middle day) and moves points to it.
 *
 * The answers agree with each evaluation's stored critical-error flags: a customer-critical error fails
 * accuracy, resolution or both; a business-critical one fails policy; a compliance-critical one verification;
 * without the flag those pass (verification is now and then not applicable). Non-critical questions fail on
 * their own, concentrated the way real forms are: each question has a base rate, each CSS and each team
 * (people.team_id) a factor per question, and each CSS one weak spot that fails much more often; "next-steps",
 * new in version 2, starts high and improves month by month as the CSSs learn it. Work checked for any error
 * (`defect` set) stays consistent with it: no failed question when there was no defect, and at least one when
 * the only error was not critical.
 *
 * Everything is computed in one INSERT … SELECT from hashes of the seed and the ids, so it is deterministic,
 * costs about a second at ten million contacts, and takes nothing from the simulation's random streams.
 */
import type { AttributeClass } from "../../standard/rules/critical-errors.ts";
import type { Warehouse } from "../warehouse.ts";
import type { DemoWindow } from "./calendar.ts";
import { DEMO_FORM } from "./calibration.ts";
import { DEMO_SOURCE, PROGRAMS } from "./organisation.ts";

/** One question of a demo form version. */
export interface DemoFormAttribute {
  readonly attribute: string;
  readonly label: string;
  readonly class: AttributeClass;
  readonly weight: number;
  /** Chance a non-critical question fails for an average CSS and team; unused for critical ones. */
  readonly baseRate: number;
}

const CLASS_OF = {
  customer: "customer-critical",
  business: "business-critical",
  compliance: "compliance-critical",
  "non-critical": "non-critical",
} as const satisfies Record<(typeof DEMO_FORM)[number]["errorClass"], AttributeClass>;

const LABELS: Readonly<Record<string, string>> = {
  greeting: "Opened the contact by name and offered help",
  verification: "Checked the customer's identity before touching the account",
  accuracy: "Everything the customer was told was correct and complete",
  resolution: "Solved the need, or set up the right follow-up",
  policy: "Applied the client's rules on credits, refunds and offers",
  tone: "Courteous, patient and clear throughout",
  "next-steps": "Told the customer what happens next and when",
};
const WEIGHTS_V1: Readonly<Record<string, number>> = {
  greeting: 5,
  verification: 20,
  accuracy: 25,
  resolution: 20,
  policy: 20,
  tone: 10,
};
const WEIGHTS_V2: Readonly<Record<string, number>> = { ...WEIGHTS_V1, accuracy: 20, resolution: 15, "next-steps": 10 };
const BASE_RATES: Readonly<Record<string, number>> = { greeting: 0.025, tone: 0.06, "next-steps": 0.16 };

/** The demo form's versions: version 1 as calibrated, version 2 with "next-steps" added. */
export const DEMO_FORM_VERSIONS: readonly (readonly DemoFormAttribute[])[] = [
  DEMO_FORM.map((q) => question(q.attribute, CLASS_OF[q.errorClass], WEIGHTS_V1)),
  [
    ...DEMO_FORM.map((q) => question(q.attribute, CLASS_OF[q.errorClass], WEIGHTS_V2)),
    question("next-steps", "non-critical", WEIGHTS_V2),
  ],
];

function question(
  attribute: string,
  errorClass: AttributeClass,
  weights: Readonly<Record<string, number>>,
): DemoFormAttribute {
  return {
    attribute,
    label: LABELS[attribute]!,
    class: errorClass,
    weight: weights[attribute]!,
    baseRate: BASE_RATES[attribute] ?? 0,
  };
}

/** The demo form of a program. */
export const demoFormId = (program: string) => `qa-${program}`;

/** First local day of each version in the window, YYYY-MM-DD. */
export function demoFormValidFrom(window: DemoWindow): readonly [string, string] {
  const pad = (n: number) => String(n).padStart(2, "0");
  const first = window.dates[0]!;
  const middle = window.dates[Math.floor(window.dates.length / 2)]!;
  const v2 =
    window.months === 1
      ? `${middle.year}-${pad(middle.month)}-${pad(middle.day)}`
      : `${middle.year}-${pad(middle.month)}-01`;
  return [`${first.year}-${pad(first.month)}-${pad(first.day)}`, v2];
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const list = (values: readonly string[]) => `[${values.map(quote).join(", ")}]`;
/** A uniform number in (0, 1) from a hash of the seed and the given SQL values. */
const uniform = (seed: number, ...values: string[]) =>
  `((hash(${seed}, ${values.join(", ")}) % 1000003) + 1) / 1000004.0`;

/**
 * Writes every program's demo form (batch `formBatch`), names each demo evaluation's form and version, and
 * writes the answers of every demo evaluation (batch `answerBatch`). Run after the evaluations and the people
 * roster are loaded; returns the rows written per table.
 */
export async function loadDemoQaForms(
  warehouse: Warehouse,
  seed: number,
  window: DemoWindow,
  formBatch: number,
  answerBatch: number,
): Promise<{ qa_form_attributes: number; qa_answers: number }> {
  const validFrom = demoFormValidFrom(window);
  const forms = PROGRAMS.flatMap((p) =>
    DEMO_FORM_VERSIONS.flatMap((attributes, v) =>
      attributes.map(
        (a) =>
          `(${quote(DEMO_SOURCE)}, ${quote(demoFormId(p.id))}, ${v + 1}, ${quote(a.attribute)}, ${quote(a.label)}, ` +
          `${quote(a.class)}, ${a.weight}, DATE ${quote(validFrom[v]!)}, ${formBatch})`,
      ),
    ),
  );
  await warehouse.run(
    `INSERT INTO qa_form_attributes (source, form_id, form_version, attribute, label, class, weight, valid_from,
       batch_id) VALUES ${forms.join(", ")}`,
  );
  await warehouse.run(
    `UPDATE qa_evaluations SET form_id = 'qa-' || program_id,
       form_version = CASE WHEN CAST(timezone(time_zone, evaluated_at) AS DATE) >= DATE ${quote(validFrom[1])}
         THEN 2 ELSE 1 END
     WHERE source = ${quote(DEMO_SOURCE)}`,
  );
  const rates = DEMO_FORM_VERSIONS[1]!.map((a) => `(${quote(a.attribute)}, ${a.baseRate})`).join(", ");
  const nonCritical = DEMO_FORM_VERSIONS[1]!.filter((a) => a.class === "non-critical").map((a) => a.attribute);
  await warehouse.run(
    `INSERT INTO qa_answers (source, evaluation_id, form_id, form_version, attribute, result, batch_id)
     WITH teams AS (
       SELECT person_id, program_id, arg_max(team_id, starts_on) AS team_id
       FROM people WHERE team_id IS NOT NULL GROUP BY ALL
     ),
     evaluated AS (
       SELECT e.evaluation_id, e.form_id, e.form_version, e.customer_critical_error AS customer,
         e.business_critical_error AS business, e.compliance_critical_error AS compliance, e.defect,
         coalesce(e.agent_id, '') AS agent, coalesce(t.team_id, '') AS team,
         -- Which customer-critical question a customer-critical error fails: accuracy, resolution or both.
         hash(${seed}, e.evaluation_id, 'customer') % 10 AS customer_pick,
         greatest(0, date_diff('month', DATE ${quote(validFrom[1])}, CAST(timezone(e.time_zone, e.evaluated_at) AS DATE)))
           AS months_on_v2
       FROM qa_evaluations e
       LEFT JOIN teams t ON t.person_id = e.agent_id AND t.program_id = e.program_id
       WHERE e.source = ${quote(DEMO_SOURCE)}
     ),
     drawn AS (
       SELECT e.*, f.attribute, f.class, ${uniform(seed, "e.evaluation_id", "f.attribute")} AS u,
         least(0.6, r.base
           * exp(2 * (${uniform(seed, "'agent'", "e.agent", "f.attribute")} - 0.5))
           * exp(1.2 * (${uniform(seed, "'team'", "e.team", "f.attribute")} - 0.5))
           * CASE WHEN e.agent <> '' AND f.attribute = ${list(nonCritical)}[CAST(1 + hash(${seed}, 'weak spot', e.agent) % ${nonCritical.length} AS BIGINT)]
               THEN 3 ELSE 1 END
           * CASE WHEN f.attribute = 'next-steps' THEN greatest(0.45, 1 - 0.12 * e.months_on_v2) ELSE 1 END) AS p
       FROM evaluated e
       JOIN qa_form_attributes f ON f.source = ${quote(DEMO_SOURCE)} AND f.form_id = e.form_id
         AND f.form_version = e.form_version
       JOIN (VALUES ${rates}) AS r(attribute, base) ON r.attribute = f.attribute
     ),
     ranked AS (
       -- The non-critical question a defect without a critical error fails: drawn in proportion to p.
       SELECT *, row_number() OVER (PARTITION BY evaluation_id, class = 'non-critical' ORDER BY -ln(u) / p) AS race
       FROM drawn
     )
     SELECT ${quote(DEMO_SOURCE)}, evaluation_id, form_id, form_version, attribute,
       CASE
         WHEN attribute = 'accuracy' THEN CASE WHEN customer AND (customer_pick < 6 OR customer_pick = 9) THEN 'fail' ELSE 'pass' END
         WHEN attribute = 'resolution' THEN CASE WHEN customer AND customer_pick >= 6 THEN 'fail' ELSE 'pass' END
         WHEN class = 'business-critical' THEN CASE WHEN business THEN 'fail' ELSE 'pass' END
         WHEN class = 'compliance-critical' THEN
           CASE WHEN compliance THEN 'fail' WHEN u < 0.12 THEN 'not-applicable' ELSE 'pass' END
         WHEN defect IS NOT NULL AND NOT defect THEN 'pass'
         WHEN defect AND NOT (customer OR business OR compliance) AND race = 1 THEN 'fail'
         WHEN u < p THEN 'fail'
         ELSE 'pass'
       END,
       ${answerBatch}
     FROM ranked`,
  );
  const count = async (table: string) =>
    Number(
      (await warehouse.all<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE source = $1`, [DEMO_SOURCE]))[0]
        ?.n ?? 0,
    );
  return { qa_form_attributes: await count("qa_form_attributes"), qa_answers: await count("qa_answers") };
}
