/**
 * Schedules (Item 2.5.1): interval requirements from a forecast and the staffing model, shifts chosen from
 * configurable shift patterns by an integer program solved with HiGHS, the gap to its LP bound, and a roster
 * of agents with their days off.
 */
export {
  breakSchema,
  DEFAULT_PATTERNS,
  parsePatterns,
  patternSchema,
  patternsFileSchema,
  type ShiftPattern,
  type ShiftPatternInput,
  WEEKDAYS,
} from "./patterns.ts";
export { type IntervalWorkload, type RequirementSettings, requirementsFromForecast } from "./requirements.ts";
export { type RosterAgent, roster } from "./roster.ts";
export {
  type IntervalCoverage,
  type PatternTotals,
  type Schedule,
  type ScheduledShift,
  type ScheduleInput,
  type ScheduleWeights,
  schedule,
} from "./schedule.ts";
export { breakPlacements, type CandidateShift, candidateShifts, type Horizon, type PlacedBreak } from "./shifts.ts";
