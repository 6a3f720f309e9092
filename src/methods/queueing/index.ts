/**
 * Queueing for workforce management: Erlang B, C and A, staffing to targets, and the consistency of
 * service-level and abandonment targets (Item 4.3.8). Pure functions; times in seconds, shares as fractions.
 */
export {
  type ErlangAMeasures,
  erlangAMeasures,
  SERVICE_LEVEL_DEFINITIONS,
  type ServiceLevelDefinition,
  serviceLevels,
} from "./erlang-a.ts";
export { type ErlangBMeasures, erlangB, erlangBMeasures } from "./erlang-b.ts";
export { type ErlangCMeasures, erlangC, erlangCMeasures } from "./erlang-c.ts";
export {
  type BacklogInput,
  type BacklogStaffing,
  type BindingTarget,
  backlogStaffing,
  type Staffing,
  type StaffingInput,
  type StaffingModel,
  type StaffingTargets,
  scheduledPositions,
  staffing,
} from "./staffing.ts";
export {
  type ConsistencyVerdict,
  type TargetConsistency,
  type TargetConsistencyInput,
  targetConsistency,
} from "./target-consistency.ts";
export { offeredLoad, type Queue, queueOf, type Workload } from "./workload.ts";
