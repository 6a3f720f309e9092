/**
 * Components from the people roster and absences: attrition, recruitment quality, training quality and
 * absenteeism (Exhibit 2, Item 3.8). People metrics are kept per program; entity-level attrition is the sum
 * over programs of the people who left the entity from each, so its queue is always ''.
 */
import { type ComponentGroup, localDay } from "./define.ts";

/** Days in the month of `day`: a day's head counts 1/days toward that month's average headcount. */
const daysInMonth = (day: string) =>
  `extract(day FROM date_trunc('month', ${day}) + INTERVAL '1 month' - INTERVAL '1 day')`;

/**
 * CSS attrition, annualised in heads (3.8.2). Headcount: every day a CSS past training holds an assignment adds
 * 1 / (days in the month), so a month sums to its average daily headcount and a quarter to the sum of its
 * monthly headcounts, the base the catalog's ×12 annualises. Leavers count on their last day when their place
 * was backfilled, they had finished training, and (for a temporary position) they left before its end date.
 * Every such leaver counts for the program; only those who left the entity count for the entity, so a move to
 * another program or a promotion counts at program level alone.
 */
export const attrition: ComponentGroup = {
  base: () => `
    WITH css AS (
      SELECT c.program_id, c.starts_on, c.trained_on, c.left_on, c.as_of,
        c.leave_reason IN ('voluntary', 'involuntary', 'end-of-contract')
          OR (c.leave_reason IS NULL AND NOT EXISTS (
            SELECT 1 FROM people n WHERE n.person_id = c.person_id AND n.starts_on > c.left_on)) AS left_entity,
        coalesce(c.backfilled, false)
          AND c.trained_on IS NOT NULL AND c.trained_on <= c.left_on
          AND coalesce(c.leave_reason, '') <> 'end-of-contract'
          AND NOT coalesce(c.left_on >= c.position_ends_on, false) AS counted
      FROM people c WHERE c.role = 'css'
    ), heads AS (
      SELECT program_id,
        CAST(unnest(generate_series(greatest(starts_on, trained_on), coalesce(left_on, as_of), INTERVAL 1 DAY)) AS DATE) AS day
      FROM css WHERE trained_on IS NOT NULL AND greatest(starts_on, trained_on) <= coalesce(left_on, as_of)
    )
    SELECT day, program_id, '' AS queue_id, 1.0 / ${daysInMonth("day")} AS head_months,
      false AS program_leaver, false AS entity_leaver
    FROM heads
    UNION ALL
    SELECT left_on, program_id, '', 0, counted, counted AND left_entity
    FROM css WHERE left_on IS NOT NULL`,
  components: {
    css_headcount_months: "sum(head_months)",
    css_program_leavers_backfilled: "count(*) FILTER (WHERE program_leaver)",
    css_entity_leavers_backfilled: "count(*) FILTER (WHERE entity_leaver)",
  },
};

/**
 * Recruitment quality, reported in the month of hire: of the CSSs hired (their first assignment, as a CSS),
 * those still employed by the entity three months after their first day. A hire counts once that day has been
 * reached in the roster (as_of), so a month's figure appears when its whole outcome can be known rather than
 * early from its first leavers alone.
 */
export const recruitmentQuality: ComponentGroup = {
  base: () => `
    WITH employment AS (
      SELECT person_id, max(as_of) AS as_of,
        CASE WHEN count(*) FILTER (WHERE left_on IS NULL) > 0 THEN NULL ELSE max(left_on) END AS ended_on
      FROM people GROUP BY person_id
    )
    SELECT c.hired_on AS day, c.program_id, '' AS queue_id,
      e.ended_on IS NULL OR e.ended_on >= c.hired_on + INTERVAL '3 months' AS retained
    FROM people c JOIN employment e ON e.person_id = c.person_id
    WHERE c.role = 'css' AND c.starts_on = c.hired_on AND c.hired_on + INTERVAL '3 months' <= e.as_of`,
  components: {
    new_css_hired: "count(*)",
    new_css_retained_3_months: "count(*) FILTER (WHERE retained)",
  },
};

/** Training quality: CSSs judged 30 days after training, counted on that day. */
export const trainingQuality: ComponentGroup = {
  base: () => `
    SELECT CAST(c.trained_on + INTERVAL '30 days' AS DATE) AS day, c.program_id, '' AS queue_id,
      c.met_performance_after_training AS met
    FROM people c
    WHERE c.role = 'css' AND c.trained_on IS NOT NULL AND c.met_performance_after_training IS NOT NULL`,
  components: {
    trained_css_evaluated: "count(*)",
    trained_css_meeting_performance: "count(*) FILTER (WHERE met)",
  },
};

/**
 * Absenteeism: unplanned short-term absence hours over scheduled hours (agent_time), per program. The
 * glossary's exclusions are applied: planned leave, long-term absence, staff sent home or told to stay home,
 * and shift swaps agreed 24 hours or more ahead. A program whose absences are never loaded has no absence
 * component, so it shows no absenteeism rather than a false 0%.
 */
export const absenteeism: ComponentGroup = {
  base: () => `
    SELECT ${localDay("c.starts_at")} AS day, c.program_id, '' AS queue_id, c.scheduled_seconds / 3600 AS scheduled,
      CASE WHEN c.program_id IN (SELECT program_id FROM absences) THEN 0 END AS absent
    FROM agent_time c WHERE c.scheduled_seconds IS NOT NULL
    UNION ALL
    SELECT c.absent_on, c.program_id, '', NULL,
      CASE WHEN c.reason IN ('vacation', 'long-term', 'sent-home', 'stay-home') OR coalesce(c.planned, false)
          OR (c.reason = 'shift-swap' AND coalesce(c.notice_hours, 0) >= 24)
        THEN 0 ELSE c.hours END
    FROM absences c`,
  components: {
    scheduled_hours: "sum(scheduled)",
    unplanned_absence_hours: "sum(absent)",
  },
};
