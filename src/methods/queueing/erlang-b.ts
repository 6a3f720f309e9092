/**
 * Erlang B: the loss system M/M/N/N. A contact that finds every agent (line, trunk) busy is lost.
 *
 * B(A, N) is computed without factorials or powers: from the series 1/B(A, m) = Σⱼ m!/((m − j)! Aʲ) at
 * m = min(N, ⌊A⌋), whose terms only shrink and can be cut off after about 9√A of them, then up to N with the
 * classic recursion B(A, n) = A·B(A, n − 1) / (n + A·B(A, n − 1)), which is stable. The cost is O(√A + N − A)
 * rather than O(N), and nothing overflows at 5,000 Erlangs or 50,000 servers.
 */
import { checkAgentsAndThreshold, checkQueue, type Queue } from "./workload.ts";

// Relative size below which the rest of a series no longer changes a double.
const CUTOFF = 1e-17;

/** B(A, n) and log B(A, n): the logarithm stays finite where B underflows (many more servers than load). */
export interface ErlangBValue {
  readonly b: number;
  readonly logB: number;
}

/**
 * Erlang B with its logarithm, for a load ≥ 0 and a whole number of servers ≥ 0.
 *
 * @example erlangBWithLog(5, 5).b // 0.2849…
 */
export function erlangBWithLog(load: number, servers: number): ErlangBValue {
  if (!(load >= 0) || !Number.isFinite(load)) throw new Error(`load must be a finite number ≥ 0, got ${load}`);
  if (!Number.isInteger(servers) || servers < 0) throw new Error(`servers must be a whole number ≥ 0, got ${servers}`);
  const start = Math.min(servers, Math.floor(load));
  // 1/B(A, start) as a sum of shrinking terms: each is the previous one times (start − j)/A ≤ 1.
  let sum = 1;
  let term = 1;
  for (let j = 0; j < start; j++) {
    term *= (start - j) / load;
    sum += term;
    // Later ratios are smaller than `next`, so the rest is at most term·next/(1 − next).
    const next = (start - j - 1) / load;
    if (term * next < CUTOFF * sum * (1 - next)) break;
  }
  let b = 1 / sum;
  let logB = -Math.log(sum);
  for (let n = start + 1; n <= servers; n++) {
    const denominator = n + load * b;
    logB += Math.log(load / denominator);
    b = (load * b) / denominator;
  }
  return { b, logB };
}

/**
 * Erlang B: the probability that a contact finds all `servers` busy and is lost, at `load` Erlangs offered.
 *
 * @example erlangB(10, 15) // 0.0365 (the textbook table value)
 */
export function erlangB(load: number, servers: number): number {
  return erlangBWithLog(load, servers).b;
}

/** B(A, n + 1) from B(A, n): one step of the recursion, for searches that add one agent at a time. */
export function nextErlangB(load: number, n: number, b: number): number {
  return (load * b) / (n + 1 + load * b);
}

/** What Erlang B predicts for a loss system (no queue: a contact is answered at once or lost). */
export interface ErlangBMeasures {
  readonly model: "b";
  readonly load: number;
  readonly agents: number;
  readonly thresholdSeconds: number;
  /** Share of offered contacts lost because every agent was busy. */
  readonly blocking: number;
  /** Nobody waits in a loss system. */
  readonly probabilityOfWait: 0;
  /** Share of offered contacts answered within the threshold: all answered ones are answered at once, so 1 − B. */
  readonly serviceLevel: number;
  /** Answered contacts never wait. */
  readonly asaSeconds: 0;
  /** Carried load per agent: A (1 − B) / N. */
  readonly occupancy: number;
}

/**
 * The measures of a loss system with `agents` servers.
 *
 * @example erlangBMeasures({ load: 10, ahtSeconds: 180 }, 15).blocking // 0.0365
 */
export function erlangBMeasures(queue: Queue, agents: number, thresholdSeconds = 0): ErlangBMeasures {
  checkQueue(queue);
  checkAgentsAndThreshold(agents, thresholdSeconds);
  const blocking = erlangB(queue.load, agents);
  return {
    model: "b",
    load: queue.load,
    agents,
    thresholdSeconds,
    blocking,
    probabilityOfWait: 0,
    serviceLevel: 1 - blocking,
    asaSeconds: 0,
    occupancy: (queue.load * (1 - blocking)) / agents,
  };
}
