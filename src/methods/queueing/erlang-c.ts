/**
 * Erlang C: the delay system M/M/N. Contacts wait as long as it takes; nobody abandons.
 *
 * C(A, N) comes from Erlang B, C = N·B / (N − A (1 − B)), so it inherits B's stability. With N ≤ A the queue
 * grows without bound: every contact waits, and the waits have no finite mean.
 */
import { erlangB } from "./erlang-b.ts";
import { checkAgentsAndThreshold, checkQueue, type Queue } from "./workload.ts";

/**
 * Erlang C from Erlang B at the same load and servers: the probability that a contact has to wait.
 * 1 when `servers` ≤ `load` (no steady state).
 */
export function erlangCFromB(load: number, servers: number, b: number): number {
  if (servers <= load) return 1;
  return (servers * b) / (servers - load * (1 - b));
}

/**
 * Erlang C: the probability that a contact offered `load` Erlangs finds all `servers` busy and waits.
 *
 * @example erlangC(10, 14) // 0.1741
 */
export function erlangC(load: number, servers: number): number {
  return erlangCFromB(load, servers, erlangB(load, servers));
}

/** What Erlang C predicts for one interval. */
export interface ErlangCMeasures {
  readonly model: "c";
  readonly load: number;
  readonly agents: number;
  readonly thresholdSeconds: number;
  /** Whether agents > load. When false the queue grows without bound and waits have no finite mean. */
  readonly stable: boolean;
  /** Share of contacts that wait at all (all agents busy on arrival). */
  readonly probabilityOfWait: number;
  /** Share of contacts answered within the threshold: 1 − C·e^(−(N − A)·T / AHT). Every contact is answered. */
  readonly serviceLevel: number;
  /** Average speed of answer over all (answered) contacts, zero waits included: C·AHT / (N − A). */
  readonly asaSeconds: number;
  /** Average number of contacts waiting: C·A / (N − A). */
  readonly averageQueueLength: number;
  /** Share of staffed time agents spend handling contacts: A / N (1 when unstable). */
  readonly occupancy: number;
}

/**
 * The measures of an Erlang C queue with `agents` agents and a service-level threshold of `thresholdSeconds`.
 * With agents ≤ load: probability of wait 1, service level 0, ASA and queue length Infinity (null in JSON).
 *
 * @example
 * // 100 calls in 30 minutes at 180 s AHT is 10 Erlangs; 14 agents answer 88.8% within 20 s.
 * erlangCMeasures({ load: 10, ahtSeconds: 180 }, 14, 20).serviceLevel // 0.8884
 */
export function erlangCMeasures(queue: Queue, agents: number, thresholdSeconds: number): ErlangCMeasures {
  checkQueue(queue);
  checkAgentsAndThreshold(agents, thresholdSeconds);
  return erlangCMeasuresFromB(queue, agents, thresholdSeconds, erlangB(queue.load, agents));
}

/** The Erlang C measures given B(A, N), for searches that step B along. */
export function erlangCMeasuresFromB(
  queue: Queue,
  agents: number,
  thresholdSeconds: number,
  b: number,
): ErlangCMeasures {
  const { load, ahtSeconds } = queue;
  // Plain literals, not spreads of a shared base: this runs in staffing searches, where V8's spread is slow.
  if (agents <= load) {
    return {
      model: "c",
      load,
      agents,
      thresholdSeconds,
      stable: false,
      probabilityOfWait: 1,
      serviceLevel: 0,
      asaSeconds: Number.POSITIVE_INFINITY,
      averageQueueLength: Number.POSITIVE_INFINITY,
      occupancy: 1,
    };
  }
  const c = erlangCFromB(load, agents, b);
  const spare = agents - load;
  return {
    model: "c",
    load,
    agents,
    thresholdSeconds,
    stable: true,
    probabilityOfWait: c,
    serviceLevel: 1 - c * Math.exp((-spare * thresholdSeconds) / ahtSeconds),
    asaSeconds: (c * ahtSeconds) / spare,
    averageQueueLength: (c * load) / spare,
    occupancy: load / agents,
  };
}
