/**
 * Components from workforce intervals and agent schedules: forecast accuracy (Item 2.4), schedule attainment
 * against the staffing plan (Exhibit 1a, shared queues) and against the schedule, schedule conformance and
 * schedule adherence (Item 2.5).
 */
import { type ComponentGroup, type ComponentSettings, localDay, nearDays, within } from "./define.ts";

/**
 * Workforce intervals with short names and, from the settings, whether each is within tolerance: the staff
 * required against the scheduling forecast, the staff present against the plan and against the schedule.
 */
const intervals = (s: ComponentSettings, where = "") => {
  const { low, high } = s.staffingBand;
  const { under, over } = s.forecastTolerance;
  return `
    SELECT ${localDay("c.starts_at")} AS day, c.program_id, c.queue_id, c.interval_minutes / 60 AS hours,
      c.capacity_plan_staff AS capacity, c.planned_staff AS planned, c.required_staff AS required,
      c.scheduled_staff AS scheduled, c.actual_staff AS present,
      ${within("c.required_staff", "c.planned_staff", 1 - under, 1 + over)} AS forecast_within,
      ${within("c.actual_staff", "c.planned_staff", low, high)} AS plan_within,
      ${within("c.actual_staff", "c.scheduled_staff", low, high)} AS schedule_within
    FROM workforce_intervals c ${where}`;
};

/** Each interval lands on the local day it starts. */
const byInterval = {
  table: "workforce_intervals",
  near: (from: string, to: string) => nearDays("c.starts_at", from, to),
};

const compared = "capacity IS NOT NULL AND required IS NOT NULL";
const capacityHours = `sum(capacity * hours) FILTER (WHERE ${compared})`;

/**
 * Forecast accuracy (2.4). Staffing, per day: |capacity-plan staff hours − required staff hours| over the
 * capacity-plan staff hours (the glossary takes the percentage of the forecast), summed over the days compared,
 * so the metric is the mean daily gap. Scheduling, per interval: the staff actually required within the
 * tolerance around the staff the scheduling forecast required.
 */
export const forecastAccuracy: ComponentGroup = {
  base: (s) => intervals(s),
  byDay: byInterval,
  components: {
    staffing_forecast_abs_pct_variance_sum: `CASE WHEN ${capacityHours} > 0
      THEN 100 * abs(sum((capacity - required) * hours) FILTER (WHERE ${compared})) / ${capacityHours} END`,
    staffing_forecast_periods: `CASE WHEN ${capacityHours} > 0 THEN 1 END`,
    intervals_forecast: "count(*) FILTER (WHERE planned > 0 AND required IS NOT NULL)",
    intervals_within_forecast_tolerance: "count(*) FILTER (WHERE planned > 0 AND forecast_within)",
  },
};

/**
 * Schedule attainment of a shared queue, by the glossary's two methods: staff present against the staffing
 * plan weighted by planned FTE (Σ planned − Σ |present − planned|, over Σ planned), and the share of intervals
 * staffed within the band.
 */
export const staffingPlanAttainment = (kind: string): ComponentGroup => {
  const staffed = "planned > 0 AND present IS NOT NULL";
  return {
    base: (s) => intervals(s, `WHERE c.kind = '${kind}'`),
    byDay: byInterval,
    components: {
      required_fte: `sum(planned) FILTER (WHERE ${staffed})`,
      fte_deviation: `sum(abs(present - planned)) FILTER (WHERE ${staffed})`,
      staffing_intervals: `count(*) FILTER (WHERE ${staffed})`,
      staffing_intervals_within_band: `count(*) FILTER (WHERE ${staffed} AND plan_within)`,
    },
  };
};

const scheduled = "scheduled > 0 AND present IS NOT NULL";

/** Real-time management (2.5): staff present against the schedule, per interval and in hours over the day. */
export const scheduleAttainment: ComponentGroup = {
  base: (s) => intervals(s),
  byDay: byInterval,
  components: {
    scheduled_fte: `sum(scheduled) FILTER (WHERE ${scheduled})`,
    scheduled_fte_deviation: `sum(abs(present - scheduled)) FILTER (WHERE ${scheduled})`,
    schedule_intervals: `count(*) FILTER (WHERE ${scheduled})`,
    schedule_intervals_within_band: `count(*) FILTER (WHERE ${scheduled} AND schedule_within)`,
    available_hours_worked: "sum(present * hours) FILTER (WHERE scheduled IS NOT NULL AND present IS NOT NULL)",
    scheduled_hours: "sum(scheduled * hours) FILTER (WHERE scheduled IS NOT NULL AND present IS NOT NULL)",
  },
};

/** Schedule adherence: each CSS's time on the scheduled activity at its scheduled time, over scheduled time. */
export const scheduleAdherence: ComponentGroup = {
  base: () => `
    SELECT ${localDay("c.starts_at")} AS day, c.program_id, '' AS queue_id, c.scheduled_seconds, c.adherent_seconds
    FROM agent_time c WHERE c.adherent_seconds IS NOT NULL AND c.scheduled_seconds IS NOT NULL`,
  byDay: { table: "agent_time", near: (from, to) => nearDays("c.starts_at", from, to) },
  components: {
    minutes_in_adherence: "sum(adherent_seconds) / 60",
    scheduled_activity_minutes: "sum(scheduled_seconds) / 60",
  },
};
