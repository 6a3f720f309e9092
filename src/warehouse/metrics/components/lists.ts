/**
 * Components from outbound calling lists: the records supplied (the base of completion rate and dialer
 * effectiveness), tracing, and the list backlog as the average days late of records not yet attempted.
 */
import { type ComponentGroup, localDay, nearDays } from "./define.ts";

const bySupply = { table: "list_records", near: (from: string, to: string) => nearDays("c.supplied_at", from, to) };

/** Records on the lists, on the local day supplied, and the tracing of those without good contact details. */
export const listRecords: ComponentGroup = {
  base: () => `
    SELECT ${localDay("c.supplied_at")} AS day, c.program_id, '' AS queue_id, c.trace_attempted, c.traced
    FROM list_records c`,
  byDay: bySupply,
  components: {
    list_records: "count(*)",
    prospects_trace_attempted: "count(*) FILTER (WHERE trace_attempted)",
    prospects_traced: "count(*) FILTER (WHERE trace_attempted AND traced)",
  },
};

/** Dialer effectiveness: of the records supplied on a local day, those the dialer contacted. */
export const dialerEffectiveness: ComponentGroup = {
  base: () => `
    SELECT ${localDay("c.supplied_at")} AS day, c.program_id, '' AS queue_id, c.contacted
    FROM list_records c WHERE c.contacted IS NOT NULL`,
  byDay: bySupply,
  components: {
    dialer_records_supplied: "count(*)",
    dialer_records_contacted: "count(*) FILTER (WHERE contacted)",
  },
};

/**
 * List backlog as average days late, like the deferred backlog: at the end of each local day, every record
 * past its plan date and not yet attempted is late by the days from that date; records never attempted stay
 * late to the last day of the list data. Late days and late records are summed over the daily snapshots.
 */
export const listBacklog: ComponentGroup = {
  base: () => `
    WITH records AS (
      SELECT c.program_id, c.time_zone, c.plan_by, c.first_attempt_at FROM list_records c WHERE c.plan_by IS NOT NULL
    ), last_day AS (
      SELECT max(CAST(coalesce(c.closed_at, c.first_attempt_at, c.supplied_at) AT TIME ZONE c.time_zone AS DATE)) AS day
      FROM list_records c
    ), spans AS (
      SELECT program_id, time_zone, plan_by,
        CAST(plan_by AT TIME ZONE time_zone AS DATE) AS first_day,
        CASE WHEN first_attempt_at IS NULL THEN (SELECT day FROM last_day)
          ELSE CAST((first_attempt_at - INTERVAL 1 MICROSECOND) AT TIME ZONE time_zone AS DATE) - 1 END AS last_day
      FROM records WHERE first_attempt_at IS NULL OR first_attempt_at > plan_by
    ), days AS (
      SELECT program_id, time_zone, plan_by,
        CAST(unnest(generate_series(first_day, last_day, INTERVAL 1 DAY)) AS DATE) AS day
      FROM spans WHERE first_day <= last_day
    )
    SELECT day, program_id, '' AS queue_id,
      epoch(timezone(time_zone, CAST(day + 1 AS TIMESTAMP)) - plan_by) / 86400 AS days_late
    FROM days`,
  components: {
    late_record_days: "coalesce(sum(days_late), 0)",
    late_records: "count(*)",
  },
};
