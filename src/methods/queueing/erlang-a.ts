/**
 * Erlang A: M/M/N+M, the delay system with abandonment. Callers have exponential patience with mean
 * `patienceSeconds`; a caller still waiting when patience runs out hangs up.
 *
 * How it is computed. Write r = AHT / patience, a = N / r and x = A / r. In the stationary distribution, relative
 * to the probability πN that exactly N are in the system, states below N add 1/B(A, N) − 1 (Erlang B) and
 * states with j callers waiting add tⱼ(x) = xʲ / ((a + 1)(a + 2)…(a + j)). With Sₘ(y) = Σⱼ jᵐ tⱼ(y) (the
 * Kummer function M(1, a + 1, y) and its derivative, i.e. the incomplete-gamma form of Garnett, Mandelbaum
 * and Reiman, and of Mandelbaum and Zeltyn), and y = x·e^(−T/patience):
 *
 * - P(wait) = πN S₀(x), with πN = 1 / (1/B − 1 + S₀(x));
 * - P(abandon) = πN S₁(x) / x;
 * - P(answered after T) = πN E (N/A)(S₀(y) − 1) and P(abandon after T) = πN E S₁(y) / x, where
 *   E = exp(x(1 − e^(−T/patience)) − N·T/AHT) — both from the waiting-time tail, which for this queue is
 *   P(V > t | V > 0) = P(a, x e^(−t/patience)) / P(a, x) with P the regularized incomplete gamma function;
 * - P(answered within T) = 1 − P(abandon) − P(answered after T), immediate answers included, and
 *   P(abandon within T) = P(abandon) − P(abandon after T);
 * - the mean wait of answered callers from Σⱼ tⱼ(x)(1/(a + 1) + … + 1/(a + j)).
 *
 * Every series has positive terms only and is summed in log-space outward from its largest term, so nothing
 * overflows or cancels at thousands of agents, and a series needs at most about 9√max(a, y) terms.
 *
 * Accuracy: the logarithms being combined grow with x = load × patience / AHT, and a double holds them to
 * about 1e-16 of their size, so shares carry an absolute error of roughly 1e-16 × x (1e-12 at x = 10⁴, as in a
 * deeply overloaded queue of 700 Erlangs with 20-minute patience); shares smaller than that are rounding noise.
 */
import { erlangBWithLog } from "./erlang-b.ts";
import { harmonicDifference, logAddExp, logPochhammer } from "./special-functions.ts";
import { checkAgentsAndThreshold, checkQueue, positive, type Queue } from "./workload.ts";

const CUTOFF = 1e-17;
// Largest patience × max(agents, load) / AHT evaluated: at most a few million terms per series.
const MAX_SCALE = 1e12;

/**
 * How service level counts abandoned calls. All four are in use in the industry; the measures report every one.
 *
 * - `offered` (default): answered within T / offered. Abandoned calls, early or late, count as not answered in
 *   time. This is the pack's `rt.service_level` (denominator: transactions offered, answered or abandoned),
 *   and matches the pack's reading of the abandonment rate, which applies no short-abandon exclusion.
 * - `exclude-short-abandons`: answered within T / (offered − abandoned within T). Callers who hang up before the
 *   threshold are left out of the count entirely.
 * - `answered`: answered within T / answered. Abandoned calls are ignored.
 * - `short-abandons-met`: (answered within T + abandoned within T) / offered. A caller who hangs up before the
 *   threshold counts as served in time.
 *
 * With no abandonment (Erlang C) all four are the same number.
 */
export type ServiceLevelDefinition = "offered" | "exclude-short-abandons" | "answered" | "short-abandons-met";

export const SERVICE_LEVEL_DEFINITIONS: readonly ServiceLevelDefinition[] = [
  "offered",
  "exclude-short-abandons",
  "answered",
  "short-abandons-met",
];

/** What Erlang A predicts for one interval. Shares are of offered calls unless said otherwise. */
export interface ErlangAMeasures {
  readonly model: "a";
  readonly load: number;
  readonly agents: number;
  readonly thresholdSeconds: number;
  readonly patienceSeconds: number;
  /** Share of calls that find every agent busy and wait (they may then be answered or abandon). */
  readonly probabilityOfWait: number;
  /** Share of calls that abandon. */
  readonly probabilityOfAbandon: number;
  /** Share that abandon at or before the threshold. */
  readonly abandonedWithinThreshold: number;
  /** Share that abandon after the threshold. */
  readonly abandonedAfterThreshold: number;
  /** Share answered at or before the threshold, immediate answers included. */
  readonly answeredWithinThreshold: number;
  /** Share answered after the threshold. */
  readonly answeredAfterThreshold: number;
  /** Service level by the chosen definition. */
  readonly serviceLevel: number;
  readonly serviceLevelDefinition: ServiceLevelDefinition;
  /** Service level by each definition, for comparison. */
  readonly serviceLevels: Readonly<Record<ServiceLevelDefinition, number>>;
  /** Average speed of answer: mean wait of answered calls, zero waits included (the pack's `rt.asa`). */
  readonly asaSeconds: number;
  /** Mean wait of all offered calls, until answer or abandonment: P(abandon) × patience. */
  readonly averageWaitSeconds: number;
  /** Average number of callers waiting. */
  readonly averageQueueLength: number;
  /** Share of staffed time agents spend handling calls: carried load A (1 − P(abandon)) / N. */
  readonly occupancy: number;
}

/** The four service levels from the shares of offered calls answered and abandoned within the threshold. */
export function serviceLevels(shares: {
  answeredWithinThreshold: number;
  abandonedWithinThreshold: number;
  probabilityOfAbandon: number;
}): Record<ServiceLevelDefinition, number> {
  const { answeredWithinThreshold: answered, abandonedWithinThreshold: shortAbandons, probabilityOfAbandon } = shares;
  const ratio = (numerator: number, denominator: number) =>
    denominator > 0 ? Math.min(1, numerator / denominator) : 1;
  return {
    offered: answered,
    "exclude-short-abandons": ratio(answered, 1 - shortAbandons),
    answered: ratio(answered, 1 - probabilityOfAbandon),
    "short-abandons-met": Math.min(1, answered + shortAbandons),
  };
}

/**
 * The measures of an Erlang A queue: `agents` agents, callers with mean patience `queue.patienceSeconds`, and a
 * service-level threshold of `thresholdSeconds`. Stable at any load, overload included.
 *
 * @example
 * // 10 Erlangs at 180 s AHT, callers patient for 120 s on average, 14 agents:
 * erlangAMeasures({ load: 10, ahtSeconds: 180, patienceSeconds: 120 }, 14, 20).probabilityOfAbandon // 0.0228
 */
export function erlangAMeasures(
  queue: Queue,
  agents: number,
  thresholdSeconds: number,
  options: { readonly serviceLevelDefinition?: ServiceLevelDefinition } = {},
): ErlangAMeasures {
  checkQueue(queue);
  checkAgentsAndThreshold(agents, thresholdSeconds);
  const patience = queue.patienceSeconds;
  if (patience === undefined) throw new Error("Erlang A needs the callers' mean patience (patienceSeconds)");
  positive("patienceSeconds", patience);
  const definition = options.serviceLevelDefinition ?? "offered";
  if (!SERVICE_LEVEL_DEFINITIONS.includes(definition)) {
    throw new Error(`unknown service level definition ${definition}`);
  }
  const { load, ahtSeconds: aht } = queue;

  if (load === 0) {
    const levels = serviceLevels({ answeredWithinThreshold: 1, abandonedWithinThreshold: 0, probabilityOfAbandon: 0 });
    return {
      model: "a",
      load,
      agents,
      thresholdSeconds,
      patienceSeconds: patience,
      serviceLevelDefinition: definition,
      probabilityOfWait: 0,
      probabilityOfAbandon: 0,
      abandonedWithinThreshold: 0,
      abandonedAfterThreshold: 0,
      answeredWithinThreshold: 1,
      answeredAfterThreshold: 0,
      serviceLevel: 1,
      serviceLevels: levels,
      asaSeconds: 0,
      averageWaitSeconds: 0,
      averageQueueLength: 0,
      occupancy: 0,
    };
  }

  const a = (agents * patience) / aht;
  const x = (load * patience) / aht;
  // The series need up to about 9√max(a, x) terms; past this, patience is so long that Erlang C applies.
  if (Math.max(a, x) > MAX_SCALE) {
    throw new Error(
      `patienceSeconds ${patience} is too long for Erlang A at this size (patience × max(agents, load) / AHT must stay below ${MAX_SCALE}); callers this patient never abandon: use Erlang C`,
    );
  }
  const logX = Math.log(x);
  const logAgentsPerLoad = Math.log(agents / load);

  const { logB } = erlangBWithLog(load, agents);
  // log(1/B − 1): the states with fewer than N in the system, relative to πN.
  const logBelow = Math.log(-Math.expm1(logB)) - logB;
  const atX = logSums(a, x);
  const logPiN = -logAddExp(logBelow, atX.s0);

  const probabilityOfWait = Math.exp(logPiN + atX.s0);
  const probabilityOfAbandon = Math.exp(logPiN + atX.s1 - logX);

  // The tail at the threshold: y = x e^(−T/patience), E = exp(x (1 − e^(−T/patience)) − N T / AHT).
  const decay = thresholdSeconds / patience;
  const y = x * Math.exp(-decay);
  const logE = -x * Math.expm1(-decay) - (agents * thresholdSeconds) / aht;
  const atY = thresholdSeconds === 0 ? atX : logSums(a, y);
  const abandonedAfterThreshold = Math.exp(logPiN + logE + atY.s1 - logX);
  const answeredAfterThreshold = Math.exp(logPiN + logE + logAgentsPerLoad + atY.s0m1);
  // Differences of two accurate positive numbers: absolute error ~1e-16, clamped against rounding below zero.
  const abandonedWithinThreshold = Math.max(0, probabilityOfAbandon - abandonedAfterThreshold);
  const answered = 1 - probabilityOfAbandon;
  const answeredWithinThreshold = Math.max(0, answered - answeredAfterThreshold);

  const answeredWaitSum = Math.exp(logPiN + logAgentsPerLoad + atX.sd) * patience;
  const levels = serviceLevels({ answeredWithinThreshold, abandonedWithinThreshold, probabilityOfAbandon });
  // Plain literals, not spreads of a shared base: this runs in staffing searches, where V8's spread is slow.
  return {
    model: "a",
    load,
    agents,
    thresholdSeconds,
    patienceSeconds: patience,
    serviceLevelDefinition: definition,
    probabilityOfWait,
    probabilityOfAbandon,
    abandonedWithinThreshold,
    abandonedAfterThreshold,
    answeredWithinThreshold,
    answeredAfterThreshold,
    serviceLevel: levels[definition],
    serviceLevels: levels,
    asaSeconds: answered > 0 ? answeredWaitSum / answered : Number.POSITIVE_INFINITY,
    averageWaitSeconds: probabilityOfAbandon * patience,
    averageQueueLength: probabilityOfAbandon * x,
    occupancy: Math.min(1, (load * answered) / agents),
  };
}

/** Logarithms of S₀(y), S₀(y) − 1, S₁(y) and Σⱼ tⱼ(y) Dⱼ with Dⱼ = 1/(a + 1) + … + 1/(a + j). */
interface LogSums {
  readonly s0: number;
  readonly s0m1: number;
  readonly s1: number;
  readonly sd: number;
}

/**
 * The series of tⱼ(y) = yʲ / ((a + 1)…(a + j)), j ≥ 0, summed outward from the largest term, j* = ⌊y − a⌋ (or 0).
 * The ratio of successive terms, y / (a + j + 1), falls with j, so past j* the terms shrink at least
 * geometrically and the rest of a series is bounded by its current term: summation stops when that bound is
 * below 1e-17 of the sum, for every one of the four sums.
 */
function logSums(a: number, y: number): LogSums {
  if (y === 0)
    return { s0: 0, s0m1: Number.NEGATIVE_INFINITY, s1: Number.NEGATIVE_INFINITY, sd: Number.NEGATIVE_INFINITY };
  const mode = y > a ? Math.floor(y - a) : 0;
  const logModeTerm = mode === 0 ? 0 : mode * Math.log(y) - logPochhammer(a + 1, mode);
  const modeD = harmonicDifference(a + 1, mode);
  let s0 = 0;
  let s0m1 = 0;
  let s1 = 0;
  let sd = 0;

  // Upward from the mode; terms are relative to the mode's.
  let term = 1;
  let d = modeD;
  for (let j = mode; ; j++) {
    s0 += term;
    if (j > 0) {
      s0m1 += term;
      s1 += j * term;
      sd += d * term;
    }
    const ratio = y / (a + j + 1);
    if (ratio < 1) {
      // Σ_{i≥1} tⱼ ratioⁱ bounds the rest; weighted by j + i and by Dⱼ + i/(a + j + 1) for S₁ and the D-sum.
      const tail = (term * ratio) / (1 - ratio);
      if (
        tail <= CUTOFF * s0 &&
        tail * (j + 1 / (1 - ratio)) <= CUTOFF * s1 &&
        tail * (d + 1 / ((1 - ratio) * (a + j + 1))) <= CUTOFF * sd
      ) {
        break;
      }
    }
    term *= ratio;
    d += 1 / (a + j + 1);
  }

  // Downward from the mode: the ratio t(j − 1)/t(j) = (a + j)/y is at most 1 and shrinks further down.
  term = 1;
  d = modeD;
  for (let j = mode; j > 0; j--) {
    const ratio = (a + j) / y;
    const tail = (term * ratio) / (1 - ratio);
    if (tail <= CUTOFF * s0 && tail * j <= CUTOFF * s1 && tail * d <= CUTOFF * sd) break;
    term *= ratio;
    d = Math.max(0, d - 1 / (a + j));
    // j − 1 ≥ 0 here; the j − 1 = 0 term belongs to S₀ only.
    s0 += term;
    if (j > 1) {
      s0m1 += term;
      s1 += (j - 1) * term;
      sd += d * term;
    }
  }

  return {
    s0: logModeTerm + Math.log(s0),
    s0m1: logModeTerm + Math.log(s0m1),
    s1: logModeTerm + Math.log(s1),
    sd: logModeTerm + Math.log(sd),
  };
}
