/**
 * Evaluator calibration (2.7.3): how closely each evaluator's scores match the reference's (the gauge) in the
 * calibration sessions of a program, quarter by quarter, and whether every evaluator was calibrated.
 *
 * A calibration session has evaluators score the same transactions, attribute by attribute, as one reference
 * evaluator (`calibration_scores.reference`). For each program × quarter (of the session's date) and each
 * evaluator who is not the reference:
 *
 * - **percent agreement** with the reference, overall and per attribute, with Wilson intervals: an answer counts
 *   where the reference answered the same attribute of the same transaction in the same session;
 * - **Cohen's kappa** (unweighted) over the same pairs, with its large-sample standard error and interval:
 *   agreement beyond what the two raters' answer frequencies give by chance. Null when chance already explains
 *   everything (both gave one answer throughout);
 * - **below threshold** when the overall agreement is under the threshold (0.8 unless told).
 *
 * **Completeness**: the evaluators expected in a program's quarter are those who scored its transactions then
 * (`qa_evaluations.evaluator_id`, leaving out system checks) and those who took part in its calibration
 * sessions; an expected evaluator who scored in no session of the quarter is missing.
 *
 * The computation is the pure {@link calibrate}; {@link calibrationReport} reads its input from the warehouse.
 */
import { cohensKappaOf } from "../../methods/agreement/cohen.ts";
import { agreementWithReference, type Rating } from "../../methods/agreement/percent.ts";
import type { Warehouse } from "../warehouse.ts";

/** One answer of a calibration session, as `calibration_scores` holds it. */
export interface CalibrationScore {
  readonly session: string;
  /** Local date, YYYY-MM-DD. */
  readonly date: string;
  readonly program: string;
  readonly transaction: string;
  readonly evaluator: string;
  readonly reference: boolean;
  readonly attribute: string;
  readonly score: string;
}

export interface CalibrationOptions {
  readonly program?: string;
  /** YYYY-Qn. */
  readonly quarter?: string;
  /** Lowest acceptable overall percent agreement with the reference, a proportion; 0.8 by default. */
  readonly threshold?: number;
  /** Confidence level of the intervals; 0.95 by default. */
  readonly confidence?: number;
}

/** Agreement with the reference: answers compared, answers equal, their share and its Wilson interval. */
export interface AgreementShare {
  readonly compared: number;
  readonly agreed: number;
  /** agreed / compared; null with nothing compared. */
  readonly share: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface EvaluatorKappa {
  /** Null when undefined: both raters gave one and the same answer throughout, so chance explains it all. */
  readonly kappa: number | null;
  readonly se: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface EvaluatorCalibration extends AgreementShare {
  readonly evaluator: string;
  /** Sessions of the quarter the evaluator scored in. */
  readonly sessions: number;
  /** Transactions the evaluator scored that the reference scored too. */
  readonly transactions: number;
  readonly byAttribute: readonly ({ readonly attribute: string } & AgreementShare)[];
  readonly kappa: EvaluatorKappa;
  /** Overall agreement under the threshold (false with nothing compared: see `compared`). */
  readonly belowThreshold: boolean;
}

export interface CalibrationQuarter {
  readonly program: string;
  readonly quarter: string;
  /** Session ids of the quarter, in date order. */
  readonly sessions: readonly string[];
  /** The sessions' reference evaluators. */
  readonly references: readonly string[];
  /** Every evaluator calibrated, lowest agreement first. */
  readonly evaluators: readonly EvaluatorCalibration[];
  /** Evaluators who should have been calibrated in the quarter. */
  readonly expected: readonly string[];
  /** Of those, the ones in no session of the quarter. */
  readonly missing: readonly string[];
  /** Every expected evaluator was calibrated. */
  readonly complete: boolean;
}

export interface CalibrationReport {
  readonly threshold: number;
  readonly confidence: number;
  readonly quarters: readonly CalibrationQuarter[];
}

const QUARTER = /^\d{4}-Q[1-4]$/;

/** Checks a YYYY-Qn quarter. */
export function checkQuarter(value: string): string {
  if (!QUARTER.test(value)) throw new RangeError(`quarter: expected YYYY-Qn, e.g. 2026-Q3, got "${value}"`);
  return value;
}

/** The quarter of a YYYY-MM-DD date. */
export const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

// Stands for each session's reference in the ratings handed to the methods layer; no evaluator id is empty.
const REFERENCE = "";

/**
 * Calibration per program × quarter from the scores of the sessions and the evaluators expected in each
 * program's quarter (keyed `program quarter`). Quarters with expected evaluators but no session are reported
 * too, with everyone missing.
 *
 * @example
 * const report = calibrate(scores, new Map([["care 2026-Q1", ["ana", "rui"]]]), { threshold: 0.8 });
 * report.quarters[0].evaluators.filter((e) => e.belowThreshold); // evaluators to recalibrate
 */
export function calibrate(
  scores: readonly CalibrationScore[],
  expected: ReadonlyMap<string, readonly string[]>,
  options: CalibrationOptions = {},
): CalibrationReport {
  const { threshold = 0.8, confidence = 0.95 } = options;
  if (!(threshold > 0 && threshold <= 1))
    throw new RangeError(`threshold: expected a share in (0, 1], got ${threshold}`);

  // The reference of each session: exactly one.
  const references = new Map<string, string>();
  for (const s of scores) {
    if (!s.reference) continue;
    const known = references.get(s.session);
    if (known !== undefined && known !== s.evaluator) {
      throw new RangeError(
        `calibration session ${s.session} has two references, ${known} and ${s.evaluator}: keep one`,
      );
    }
    references.set(s.session, s.evaluator);
  }
  const groups = new Map<string, CalibrationScore[]>();
  for (const s of scores) {
    if (!references.has(s.session)) {
      throw new RangeError(
        `calibration session ${s.session} (${s.program}, ${s.date}) has no reference: mark the gauge's scores reference = true`,
      );
    }
    const key = `${s.program} ${quarterOf(s.date)}`;
    const group = groups.get(key) ?? [];
    group.push(s);
    groups.set(key, group);
  }
  for (const key of expected.keys()) if (!groups.has(key)) groups.set(key, []);

  const quarters = [...groups]
    .map(([key, group]) => {
      const [program, quarter] = key.split(" ") as [string, string];
      return calibrateQuarter(program, quarter, group, expected.get(key) ?? [], references, threshold, confidence);
    })
    .filter((q) => options.program === undefined || q.program === options.program)
    .filter((q) => options.quarter === undefined || q.quarter === options.quarter)
    .sort((a, b) => a.program.localeCompare(b.program) || a.quarter.localeCompare(b.quarter));
  return { threshold, confidence, quarters };
}

function calibrateQuarter(
  program: string,
  quarter: string,
  scores: readonly CalibrationScore[],
  expected: readonly string[],
  references: ReadonlyMap<string, string>,
  threshold: number,
  confidence: number,
): CalibrationQuarter {
  const item = (s: CalibrationScore) => `${s.session}\u0000${s.transaction}`;
  const sessions = [...new Set([...scores].sort((a, b) => a.date.localeCompare(b.date)).map((s) => s.session))];
  const referenceIds = [...new Set(sessions.map((s) => references.get(s)!))].sort();
  const others = scores.filter((s) => !s.reference);
  const evaluatorIds = [...new Set(others.map((s) => s.evaluator))].sort();

  const ratings: Rating[] = scores.map((s) => ({
    item: item(s),
    attribute: s.attribute,
    rater: s.reference ? REFERENCE : s.evaluator,
    value: s.score,
  }));
  const truth = new Map(scores.filter((s) => s.reference).map((s) => [`${item(s)}\u0000${s.attribute}`, s.score]));
  const percent = ratings.some((r) => r.rater === REFERENCE)
    ? agreementWithReference(ratings, REFERENCE, confidence)
    : undefined;
  const share = (a: {
    compared: number;
    agreed: number;
    share: number | null;
    interval: { lower: number; upper: number } | null;
  }) => ({
    compared: a.compared,
    agreed: a.agreed,
    share: a.share,
    lower: a.interval?.lower ?? null,
    upper: a.interval?.upper ?? null,
  });

  const evaluators = evaluatorIds.map((evaluator): EvaluatorCalibration => {
    const theirs = others.filter((s) => s.evaluator === evaluator);
    const paired = theirs.filter((s) => truth.has(`${item(s)}\u0000${s.attribute}`));
    const agreement = percent?.byRater.find((r) => r.rater === evaluator);
    const overall = agreement ? share(agreement) : { compared: 0, agreed: 0, share: null, lower: null, upper: null };
    const kappa = paired.length
      ? cohensKappaOf(
          paired.map((s) => s.score),
          paired.map((s) => truth.get(`${item(s)}\u0000${s.attribute}`)!),
          { confidence },
        )
      : undefined;
    return {
      evaluator,
      sessions: new Set(theirs.map((s) => s.session)).size,
      transactions: new Set(paired.map(item)).size,
      ...overall,
      byAttribute: (agreement?.byAttribute ?? [])
        .filter((a) => a.compared > 0)
        .map((a) => ({ attribute: a.attribute, ...share(a) }))
        .sort((a, b) => a.attribute.localeCompare(b.attribute)),
      kappa: {
        kappa: kappa?.kappa ?? null,
        se: kappa?.se ?? null,
        lower: kappa?.lower ?? null,
        upper: kappa?.upper ?? null,
      },
      belowThreshold: overall.share !== null && overall.share < threshold,
    };
  });
  evaluators.sort((a, b) => (a.share ?? 2) - (b.share ?? 2) || a.evaluator.localeCompare(b.evaluator));

  const calibrated = new Set(evaluatorIds);
  const everyone = [...new Set([...expected, ...evaluatorIds])]
    .filter((e) => !referenceIds.includes(e) || calibrated.has(e))
    .sort();
  const missing = everyone.filter((e) => !calibrated.has(e));
  return {
    program,
    quarter,
    sessions,
    references: referenceIds,
    evaluators,
    expected: everyone,
    missing,
    complete: missing.length === 0,
  };
}

/**
 * Calibration per program × quarter from the warehouse's `calibration_scores`, with completeness against the
 * evaluators of `qa_evaluations`.
 *
 * @example
 * const report = await calibrationReport(warehouse, { program: "tailspin-care-lisbon", quarter: "2026-Q3" });
 * report.quarters[0]?.missing; // evaluators not calibrated that quarter
 */
export async function calibrationReport(
  warehouse: Warehouse,
  options: CalibrationOptions = {},
): Promise<CalibrationReport> {
  if (options.quarter !== undefined) checkQuarter(options.quarter);
  const params = options.program === undefined ? [] : [options.program];
  const filter = options.program === undefined ? "" : "AND program_id = $1";
  const scores = await warehouse.all<CalibrationScore>(
    `SELECT session_id AS session, strftime(session_date, '%Y-%m-%d') AS date, program_id AS program,
       contact_id AS transaction, evaluator_id AS evaluator, reference, attribute, score
     FROM calibration_scores WHERE true ${filter}
     ORDER BY session_date, session_id, contact_id, attribute, evaluator_id`,
    params,
  );
  const evaluators = await warehouse.all<{ program: string; quarter: string; evaluator: string }>(
    `SELECT DISTINCT program_id AS program,
       strftime(timezone(time_zone, evaluated_at), '%Y') || '-Q' || quarter(timezone(time_zone, evaluated_at)) AS quarter,
       evaluator_id AS evaluator
     FROM qa_evaluations
     WHERE evaluator_id IS NOT NULL AND coalesce(mode, '') <> 'system' ${filter}
     ORDER BY 1, 2, 3`,
    params,
  );
  const expected = new Map<string, string[]>();
  for (const e of evaluators) {
    const key = `${e.program} ${e.quarter}`;
    expected.set(key, [...(expected.get(key) ?? []), e.evaluator]);
  }
  return calibrate(scores, expected, options);
}
