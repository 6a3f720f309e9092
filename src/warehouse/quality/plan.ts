/**
 * The monitoring sample plan and the precision it reached, per program × local month (2.7.1.a, 2.7.1.b,
 * 2.7.1.d, 1.4.1).
 *
 * For each program and month the plan compares:
 *
 * - **volume** N: the transactions that could have been monitored — contacts a CSS handled (human work), or
 *   digital sessions that finished (bots, self-service, back-stage automation) — counted in the local month of
 *   `arrived_at`;
 * - **required** n: the sample size for estimating a proportion within ±margin at the confidence level, with
 *   Cochran's finite-population correction for N (`sampleSize` of the methods layer, rounded up);
 * - **monitored** n: the systematic evaluations of the month (local month of `evaluated_at`). Investigative
 *   evaluations (`purpose = 'investigative'`) look at a CSS chosen for a known problem, so they are not a random
 *   draw: they are counted apart and left out of n and of the accuracies;
 * - the three **critical-error accuracies** (share of monitored transactions free of each class of critical
 *   error) with their Wilson score intervals;
 * - the **achieved margin** z·√(p(1−p)/n · (N−n)/(N−1)), the half-width the plan's formula gives for the n
 *   actually monitored, with the plan's p (0.5 unless told): worse than planned when it exceeds the margin;
 * - the **selection mix**: how the evaluations were made (side-by-side, remote, recorded, system), a check that
 *   the selection does not lean on one way of monitoring.
 *
 * Human and digital work are planned apart (2.7.1.d asks for both, as distinct components): a program with a
 * bot has a row per month for each.
 */
import { type ProportionInterval, wilson } from "../../methods/sampling/proportion.ts";
import { zFor } from "../../methods/sampling/quantiles.ts";
import { sampleSize } from "../../methods/sampling/sample-size.ts";
import type { Warehouse } from "../warehouse.ts";

/** Kinds of work done by CSSs; the others are digital. */
export const HUMAN_KINDS = ["real-time", "deferred", "outbound", "face-to-face"] as const;

export type Work = "human" | "digital";

export const MONITORING_MODES = ["side-by-side", "remote", "recorded", "system"] as const;
export type MonitoringMode = (typeof MONITORING_MODES)[number];

export interface PlanOptions {
  /** Confidence level of the plan and of the intervals; 0.95 by default. */
  readonly confidence?: number;
  /** Planned margin of error, an absolute proportion; 0.05 (±5 points) by default. */
  readonly margin?: number;
  /** Anticipated proportion for the plan; 0.5, the largest sample, by default. */
  readonly p?: number;
  /** First and last local month, YYYY-MM, both included. */
  readonly from?: string;
  readonly to?: string;
  readonly program?: string;
}

/** A critical-error accuracy: monitored transactions free of the error, with its interval. */
export interface Accuracy {
  readonly accurate: number;
  readonly monitored: number;
  /** accurate / monitored; null with nothing monitored. */
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface PlanRow {
  readonly program: string;
  readonly month: string;
  readonly work: Work;
  /** N: transactions that could be monitored. */
  readonly volume: number;
  /** n the plan needs for the margin at the confidence level; null without volume. */
  readonly required: number | null;
  /** Systematic evaluations of the month. */
  readonly monitored: number;
  /** Investigative evaluations, counted apart (not a random selection). */
  readonly investigative: number;
  /** monitored / required; null without a plan. */
  readonly coverage: number | null;
  /** Half-width the monitored n gives, with the finite-population correction; null with nothing monitored. */
  readonly achievedMargin: number | null;
  /** The achieved margin is wider than planned, or nothing was monitored against a plan. */
  readonly worseThanPlan: boolean;
  readonly accuracy: {
    readonly customer: Accuracy;
    readonly business: Accuracy;
    readonly compliance: Accuracy;
  };
  /** Systematic evaluations per mode; `unknown` where the source does not say. */
  readonly selection: Readonly<Record<MonitoringMode | "unknown", number>>;
}

export interface Plan {
  readonly confidence: number;
  readonly margin: number;
  readonly p: number;
  readonly z: number;
  readonly formula: string;
  readonly rows: readonly PlanRow[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Checks a YYYY-MM month, naming the option it came from. */
export function checkMonth(value: string, name: string): string {
  if (!MONTH.test(value)) throw new RangeError(`${name}: expected a month as YYYY-MM, got "${value}"`);
  return value;
}

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");
const localMonth = (instant: string) => `strftime(timezone(time_zone, ${instant}), '%Y-%m')`;
const workOf = `CASE WHEN kind IN (${list(HUMAN_KINDS)}) THEN 'human' ELSE 'digital' END`;

/**
 * The sample plan and its precision for every program × month × kind of work with transactions or evaluations.
 *
 * @example
 * const plan = await samplePlan(warehouse, { program: "northwind-care-chicago", margin: 0.05 });
 * plan.rows.filter((r) => r.worseThanPlan); // months whose sample was too small for ±5 points
 */
export async function samplePlan(warehouse: Warehouse, options: PlanOptions = {}): Promise<Plan> {
  const { confidence = 0.95, margin = 0.05, p = 0.5 } = options;
  // Validates confidence, margin and p up front, with the methods layer's messages.
  const basis = sampleSize({ confidence, margin, p });
  const filters: string[] = [];
  const params: string[] = [];
  if (options.program !== undefined) {
    params.push(options.program);
    filters.push(`program_id = $${params.length}`);
  }
  const monthFilters: string[] = [];
  if (options.from !== undefined) monthFilters.push(`month >= '${checkMonth(options.from, "from")}'`);
  if (options.to !== undefined) monthFilters.push(`month <= '${checkMonth(options.to, "to")}'`);
  const where = (extra: string) => `WHERE ${[extra, ...filters].join(" AND ")}`;

  const rows = await warehouse.all<{
    program: string;
    month: string;
    work: Work;
    volume: number;
    monitored: number;
    investigative: number;
    customer: number;
    business: number;
    compliance: number;
    side_by_side: number;
    remote: number;
    recorded: number;
    system: number;
    unknown: number;
  }>(
    `WITH volume AS (
       SELECT program_id AS program, ${localMonth("arrived_at")} AS month, ${workOf} AS work, count(*) AS volume
       FROM contacts
       ${where(`(CASE WHEN kind IN (${list(HUMAN_KINDS)}) THEN agent_id IS NOT NULL ELSE completed_at IS NOT NULL END)`)}
       GROUP BY ALL
     ),
     evaluations AS (
       SELECT program_id AS program, ${localMonth("evaluated_at")} AS month, ${workOf} AS work,
         coalesce(purpose, 'systematic') = 'investigative' AS investigative,
         customer_critical_error, business_critical_error, compliance_critical_error, mode
       FROM qa_evaluations ${filters.length ? where("true") : ""}
     ),
     monitored AS (
       SELECT program, month, work,
         count(*) FILTER (WHERE NOT investigative) AS monitored,
         count(*) FILTER (WHERE investigative) AS investigative,
         count(*) FILTER (WHERE NOT investigative AND NOT customer_critical_error) AS customer,
         count(*) FILTER (WHERE NOT investigative AND NOT business_critical_error) AS business,
         count(*) FILTER (WHERE NOT investigative AND NOT compliance_critical_error) AS compliance,
         count(*) FILTER (WHERE NOT investigative AND mode = 'side-by-side') AS side_by_side,
         count(*) FILTER (WHERE NOT investigative AND mode = 'remote') AS remote,
         count(*) FILTER (WHERE NOT investigative AND mode = 'recorded') AS recorded,
         count(*) FILTER (WHERE NOT investigative AND mode = 'system') AS system,
         count(*) FILTER (WHERE NOT investigative AND mode IS NULL) AS unknown
       FROM evaluations GROUP BY ALL
     )
     SELECT * FROM (
       SELECT program, month, work, coalesce(v.volume, 0) AS volume,
         coalesce(m.monitored, 0) AS monitored, coalesce(m.investigative, 0) AS investigative,
         coalesce(m.customer, 0) AS customer, coalesce(m.business, 0) AS business,
         coalesce(m.compliance, 0) AS compliance, coalesce(m.side_by_side, 0) AS side_by_side,
         coalesce(m.remote, 0) AS remote, coalesce(m.recorded, 0) AS recorded, coalesce(m.system, 0) AS system,
         coalesce(m.unknown, 0) AS unknown
       FROM volume v FULL OUTER JOIN monitored m USING (program, month, work)
     ) ${monthFilters.length ? `WHERE ${monthFilters.join(" AND ")}` : ""}
     ORDER BY program, month, work`,
    params,
  );

  const z = zFor(confidence);
  return {
    confidence,
    margin,
    p,
    z,
    formula: `${basis.formula}; achieved margin = z * sqrt(p * (1 - p) / n * (N - n) / (N - 1))`,
    rows: rows.map((r): PlanRow => {
      const required = r.volume > 0 ? sampleSize({ confidence, margin, p, population: r.volume }).n : null;
      const achievedMargin = r.monitored > 0 ? achieved(z, p, r.monitored, r.volume) : null;
      const accuracy = (accurate: number): Accuracy => {
        if (r.monitored === 0) return { accurate, monitored: 0, estimate: null, lower: null, upper: null };
        const i: ProportionInterval = wilson(accurate, r.monitored, confidence);
        return { accurate, monitored: r.monitored, estimate: i.estimate, lower: i.lower, upper: i.upper };
      };
      return {
        program: r.program,
        month: r.month,
        work: r.work,
        volume: r.volume,
        required,
        monitored: r.monitored,
        investigative: r.investigative,
        coverage: required ? r.monitored / required : null,
        achievedMargin,
        worseThanPlan: required !== null && (achievedMargin === null || achievedMargin > margin + 1e-12),
        accuracy: {
          customer: accuracy(r.customer),
          business: accuracy(r.business),
          compliance: accuracy(r.compliance),
        },
        selection: {
          "side-by-side": r.side_by_side,
          remote: r.remote,
          recorded: r.recorded,
          system: r.system,
          unknown: r.unknown,
        },
      };
    }),
  };
}

/**
 * The margin of error for n of N sampled without replacement: z·√(p(1−p)/n · (N−n)/(N−1)). Zero when the whole
 * population was monitored; also when more evaluations than transactions fall in a month (evaluations of the
 * previous month's contacts), which the correction cannot read otherwise.
 */
export function achieved(z: number, p: number, n: number, N: number): number {
  const fpc = N > 1 ? Math.max(0, (N - n) / (N - 1)) : N === 0 ? 1 : 0;
  return z * Math.sqrt(((p * (1 - p)) / n) * fpc);
}
