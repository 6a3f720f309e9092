/**
 * The demo's calibration sessions (2.7.3): once a quarter per program, the location's four evaluators and its
 * quality lead (the reference) score the same few monitored transactions on the demo's QA form.
 *
 * The reference's answers follow the transaction's evaluation (a customer-critical error fails accuracy or
 * resolution, a business-critical one the policy question, a compliance-critical one verification; the two
 * non-critical questions fail now and then). Each evaluator matches the reference with their own reliability:
 * evaluator 01 almost always, 04 often enough to fall under an 80% threshold; and now and then one misses the
 * quarter's session, so completeness has gaps to find. Everything is drawn from the seed, on a stream of its own.
 */
import type { Warehouse } from "../warehouse.ts";
import { DEMO_SOURCE, PROGRAMS } from "./organisation.ts";
import { Random } from "./random.ts";

/** The demo's QA form: attribute and the class of error a "no" is. */
export const DEMO_FORM = [
  { attribute: "greeting", errorClass: "non-critical" },
  { attribute: "verification", errorClass: "compliance" },
  { attribute: "accuracy", errorClass: "customer" },
  { attribute: "resolution", errorClass: "customer" },
  { attribute: "policy", errorClass: "business" },
  { attribute: "tone", errorClass: "non-critical" },
] as const;

/** How often each evaluator (01…04) answers as the reference does, before a little noise per quarter. */
const RELIABILITY = [0.97, 0.93, 0.87, 0.74];
const TRANSACTIONS_PER_SESSION = 6;
/** Chance that an evaluator misses a quarter's session. */
const ABSENCE = 0.12;
/** Chance that a non-critical question fails. */
const NON_CRITICAL_FAILS = 0.15;
/** Streams the simulation takes from the seed before this one (it takes six; room to grow). */
const STREAMS_BEFORE = 16;

/** A monitored transaction a session may score. */
interface Evaluated {
  program: string;
  contact: string;
  date: string;
  customer: boolean;
  business: boolean;
  compliance: boolean;
}

export interface CalibrationRow {
  readonly session_id: string;
  readonly session_date: string;
  readonly program_id: string;
  readonly contact_id: string;
  readonly evaluator_id: string;
  readonly reference: boolean;
  readonly attribute: string;
  readonly score: string;
}

const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

/** The sessions' rows for the demo's monitored transactions (in a stable order), drawn from the seed. */
export function calibrationRows(seed: number, evaluated: readonly Evaluated[]): CalibrationRow[] {
  const root = new Random(seed);
  for (let i = 1; i < STREAMS_BEFORE; i++) root.stream();
  const rng = root.stream();
  const groups = new Map<string, Evaluated[]>();
  for (const e of evaluated) {
    const key = `${e.program} ${quarterOf(e.date)}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const rows: CalibrationRow[] = [];
  for (const [key, pool] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const [program, quarter] = key.split(" ") as [string, string];
    const location = PROGRAMS.find((p) => p.id === program)?.location;
    if (!location) continue;
    // A few transactions of the quarter, chosen at random without replacement.
    const chosen = [...pool];
    for (let i = chosen.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [chosen[i], chosen[j]] = [chosen[j]!, chosen[i]!];
    }
    const scored = chosen.slice(0, TRANSACTIONS_PER_SESSION).sort((a, b) => a.contact.localeCompare(b.contact));
    const session = `cal-${program}-${quarter}`;
    const date = scored.map((e) => e.date).sort()[scored.length - 1]!;
    const row = (evaluator: string, reference: boolean, contact: string, attribute: string, score: string) =>
      rows.push({
        session_id: session,
        session_date: date,
        program_id: program,
        contact_id: contact,
        evaluator_id: evaluator,
        reference,
        attribute,
        score,
      });
    const truth = scored.map((e) => {
      const customerFails = e.customer ? (rng.chance(0.6) ? "accuracy" : "resolution") : "";
      return DEMO_FORM.map(({ attribute, errorClass }) => {
        const fails =
          errorClass === "non-critical"
            ? rng.chance(NON_CRITICAL_FAILS)
            : errorClass === "customer"
              ? attribute === customerFails
              : errorClass === "business"
                ? e.business
                : e.compliance;
        return fails ? "no" : "yes";
      });
    });
    scored.forEach((e, t) => {
      DEMO_FORM.forEach(({ attribute }, a) => {
        row(`qa-${location}-lead`, true, e.contact, attribute, truth[t]![a]!);
      });
    });
    RELIABILITY.forEach((base, i) => {
      const reliability = Math.min(0.995, base + 0.02 * rng.normal());
      if (rng.chance(ABSENCE)) return;
      const evaluator = `qa-${location}-${String(i + 1).padStart(2, "0")}`;
      scored.forEach((e, t) => {
        DEMO_FORM.forEach(({ attribute }, a) => {
          const answer = truth[t]![a]!;
          row(
            evaluator,
            false,
            e.contact,
            attribute,
            rng.chance(reliability) ? answer : answer === "yes" ? "no" : "yes",
          );
        });
      });
    });
  }
  return rows;
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Writes the demo's calibration sessions for the demo's monitored transactions already in the warehouse (human
 * work, not system checks) as import batch `batch`; returns the rows written.
 */
export async function loadDemoCalibration(warehouse: Warehouse, seed: number, batch: number): Promise<number> {
  const evaluated = await warehouse.all<Evaluated>(
    `SELECT program_id AS program, contact_id AS contact,
       strftime(timezone(time_zone, evaluated_at), '%Y-%m-%d') AS date,
       customer_critical_error AS customer, business_critical_error AS business,
       compliance_critical_error AS compliance
     FROM qa_evaluations
     WHERE source = $1 AND coalesce(mode, '') <> 'system' AND contact_id IS NOT NULL
     ORDER BY evaluation_id`,
    [DEMO_SOURCE],
  );
  const rows = calibrationRows(seed, evaluated);
  for (let i = 0; i < rows.length; i += 1000) {
    const values = rows
      .slice(i, i + 1000)
      .map(
        (r) =>
          `(${quote(DEMO_SOURCE)}, ${quote(r.session_id)}, DATE ${quote(r.session_date)}, ${quote(r.program_id)}, ` +
          `${quote(r.contact_id)}, ${quote(r.evaluator_id)}, ${r.reference}, ${quote(r.attribute)}, ${quote(r.score)}, ${batch})`,
      );
    await warehouse.run(
      `INSERT INTO calibration_scores (source, session_id, session_date, program_id, contact_id, evaluator_id,
         reference, attribute, score, batch_id) VALUES ${values.join(", ")}`,
    );
  }
  return rows.length;
}
