/**
 * Real-time management (2.5.2): the intraday reforecast and its Erlang C staffing, adherence of each CSS to
 * their schedule by both of the glossary's methods, and the alert rules a real-time analyst watches.
 */
export {
  ACTIVITIES,
  type Activity,
  type AdherenceResult,
  AGENT_STATES,
  type AgentState,
  activityOf,
  activityRuns,
  agentAdherence,
  dominant,
  type Segment,
  secondsIn,
  WORK_STATES,
} from "./adherence.ts";
export {
  type AdherenceAlert,
  type Alert,
  adherenceAlert,
  DEFAULT_ADHERENCE_MINUTES,
  DEFAULT_LAST_INTERVALS,
  DEFAULT_THRESHOLD,
  type DeviationAlert,
  deviationAlert,
  type StaffingAlert,
  staffingAlerts,
} from "./alerts.ts";
export {
  DEFAULT_CAP,
  dampedFactor,
  handleTimeFactor,
  type Reforecast,
  type ReforecastCap,
  type ReforecastInput,
  reforecast,
  requiredAgents,
} from "./reforecast.ts";
