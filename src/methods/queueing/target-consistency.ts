/**
 * Item 4.3.8: speed-of-answer and abandonment targets for a real-time queue must be mathematically consistent.
 *
 * cxpm's reading: staff the queue to its service-level target with Erlang A; the abandonment rate Erlang A then
 * predicts is the rate the service-level target implies. The targets are consistent when the abandonment target
 * is within a tolerance of that rate. A looser abandonment target is never the one that binds (it says nothing
 * the service-level target does not); a tighter one cannot be met at the staffing the service-level target asks
 * for, so one of the two targets is not the real one.
 */
import type { ErlangAMeasures, ServiceLevelDefinition } from "./erlang-a.ts";
import { staffing } from "./staffing.ts";
import type { Queue } from "./workload.ts";

export interface TargetConsistencyInput {
  /** The queue, with the callers' mean patience. */
  readonly queue: Queue;
  /** Service-level target: a share (0.8) within `thresholdSeconds`. */
  readonly serviceLevel: { readonly target: number; readonly thresholdSeconds: number };
  /** Abandonment target: the largest acceptable share of offered calls abandoned. */
  readonly abandonmentTarget: number;
  /** How far (absolute, as a share) the implied abandonment may lie from the target; default 0.01 (one point). */
  readonly tolerance?: number;
  readonly serviceLevelDefinition?: ServiceLevelDefinition;
}

export type ConsistencyVerdict = "consistent" | "abandonment-target-looser" | "abandonment-target-tighter";

export interface TargetConsistency {
  /** Agents that meet the service-level target (Erlang A). */
  readonly agents: number;
  /** Service level achieved with those agents. */
  readonly serviceLevel: number;
  /** The abandonment rate the service-level target implies: Erlang A's prediction at `agents`. */
  readonly impliedAbandonment: number;
  readonly abandonmentTarget: number;
  readonly tolerance: number;
  readonly consistent: boolean;
  /**
   * `abandonment-target-looser`: the target is above the implied rate by more than the tolerance;
   * `abandonment-target-tighter`: below it by more than the tolerance.
   */
  readonly verdict: ConsistencyVerdict;
  /** Agents that meet the abandonment target alone, for comparison. */
  readonly agentsForAbandonmentTarget: number;
  readonly measures: ErlangAMeasures;
}

/**
 * Whether a service-level target and an abandonment target agree for a queue (Item 4.3.8).
 *
 * @example
 * // 10 Erlangs, AHT 180 s, patience 120 s: 80% in 20 s takes 12 agents, at which 6.2% abandon. A 6% target
 * // is consistent with it; a 5% target is tighter than the service-level target implies.
 * targetConsistency({ queue: { load: 10, ahtSeconds: 180, patienceSeconds: 120 },
 *   serviceLevel: { target: 0.8, thresholdSeconds: 20 }, abandonmentTarget: 0.05 }).verdict // "abandonment-target-tighter"
 */
export function targetConsistency(input: TargetConsistencyInput): TargetConsistency {
  const { queue, serviceLevel, abandonmentTarget } = input;
  const tolerance = input.tolerance ?? 0.01;
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new Error(`tolerance must be a finite share ≥ 0, got ${tolerance}`);
  }
  const definition =
    input.serviceLevelDefinition === undefined ? {} : { serviceLevelDefinition: input.serviceLevelDefinition };
  const bySl = staffing({ model: "a", queue, targets: { serviceLevel }, ...definition });
  const byAbandonment = staffing({ model: "a", queue, targets: { maxAbandonment: abandonmentTarget }, ...definition });
  const measures = bySl.measures as ErlangAMeasures | null;
  if (!measures) throw new Error("a queue with no calls offered has no abandonment to compare");
  const implied = measures.probabilityOfAbandon;
  const gap = abandonmentTarget - implied;
  const verdict: ConsistencyVerdict =
    Math.abs(gap) <= tolerance + 1e-12
      ? "consistent"
      : gap > 0
        ? "abandonment-target-looser"
        : "abandonment-target-tighter";
  return {
    agents: bySl.agents,
    serviceLevel: measures.serviceLevel,
    impliedAbandonment: implied,
    abandonmentTarget,
    tolerance,
    consistent: verdict === "consistent",
    verdict,
    agentsForAbandonmentTarget: byAbandonment.agents,
    measures,
  };
}
