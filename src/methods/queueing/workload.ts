/**
 * What a queue is asked to carry: offered load in Erlangs, handle time and (for Erlang A) patience.
 */

/** The contacts offered to one queue in one interval. */
export interface Workload {
  /** Contacts offered in the interval (reaching the agent queue, answered or abandoned). */
  readonly calls: number;
  /** Length of the interval in seconds: 1,800 for half an hour. */
  readonly intervalSeconds: number;
  /** Average handle time in seconds: talk, hold and after-contact work. */
  readonly ahtSeconds: number;
}

/** A queue as the Erlang formulas see it. */
export interface Queue {
  /** Offered load in Erlangs: arrival rate × average handle time. */
  readonly load: number;
  /** Average handle time in seconds; sets the time scale of waits. */
  readonly ahtSeconds: number;
  /**
   * Erlang A only: mean time in seconds a caller is willing to wait before hanging up (exponential patience).
   * Often estimated as total waiting time of all offered calls divided by the number abandoned.
   */
  readonly patienceSeconds?: number;
}

/**
 * Offered load in Erlangs: calls × AHT / interval length.
 *
 * @example offeredLoad({ calls: 100, intervalSeconds: 1800, ahtSeconds: 180 }) // 10
 */
export function offeredLoad(workload: Workload): number {
  const { calls, intervalSeconds, ahtSeconds } = workload;
  if (!(calls >= 0) || !Number.isFinite(calls)) throw new Error("calls must be a finite number ≥ 0");
  positive("intervalSeconds", intervalSeconds);
  positive("ahtSeconds", ahtSeconds);
  return (calls * ahtSeconds) / intervalSeconds;
}

/** A queue from a workload, with patience when given. */
export function queueOf(workload: Workload, patienceSeconds?: number): Queue {
  return {
    load: offeredLoad(workload),
    ahtSeconds: workload.ahtSeconds,
    ...(patienceSeconds === undefined ? {} : { patienceSeconds }),
  };
}

/** Throws unless `value` is a finite number > 0. */
export function positive(name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`${name} must be a finite number > 0, got ${value}`);
}

/** Throws unless the queue's load is finite and ≥ 0 and its handle time positive. */
export function checkQueue(queue: Queue): void {
  if (!(queue.load >= 0) || !Number.isFinite(queue.load)) {
    throw new Error(`load must be a finite number ≥ 0, got ${queue.load}`);
  }
  positive("ahtSeconds", queue.ahtSeconds);
}

/** Throws unless `agents` is a whole number ≥ 1 and `thresholdSeconds` a finite number ≥ 0. */
export function checkAgentsAndThreshold(agents: number, thresholdSeconds: number): void {
  if (!Number.isInteger(agents) || agents < 1) throw new Error(`agents must be a whole number ≥ 1, got ${agents}`);
  if (!(thresholdSeconds >= 0) || !Number.isFinite(thresholdSeconds)) {
    throw new Error(`thresholdSeconds must be a finite number ≥ 0, got ${thresholdSeconds}`);
  }
}
