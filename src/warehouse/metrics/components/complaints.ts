/**
 * Components from complaints: client complaints answered and resolved in time (Exhibit 3).
 */
import { type ComponentGroup, localDay, n, nearDays } from "./define.ts";

/**
 * Client complaints received on each local day, and those answered and resolved by their deadlines (or, for a
 * complaint without one, within the default target times). Ones not yet answered or resolved count as late.
 */
export const clientComplaints: ComponentGroup = {
  base: (s) => `
    SELECT ${localDay("c.received_at")} AS day, c.program_id, '' AS queue_id,
      coalesce(c.responded_at <= coalesce(c.respond_by, c.received_at + to_seconds(${n(s.complaintResponseSeconds)})), false) AS responded,
      coalesce(c.resolved_at <= coalesce(c.resolve_by, c.received_at + to_seconds(${n(s.complaintResolutionSeconds)})), false) AS resolved
    FROM complaints c WHERE c.complainant = 'client'`,
  byDay: { table: "complaints", near: (from, to) => nearDays("c.received_at", from, to) },
  components: {
    client_complaints: "count(*)",
    client_complaints_responded_on_time: "count(*) FILTER (WHERE responded)",
    client_complaints_resolved_on_time: "count(*) FILTER (WHERE resolved)",
  },
};
