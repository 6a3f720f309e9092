/**
 * The demo's schedules and agent states (agent_schedules, agent_states) for real-time adherence, over the last
 * 14 days of the window only, to keep the demo quick.
 *
 * Each day a CSS has in agent_time is a nine-hour shift from that row's start (the rota the simulation staffs):
 * work, a break, lunch, a second break, staggered per CSS so the floor never empties at once, now and then a
 * team meeting, coaching or a training hour. What the CSS actually did follows the schedule with the usual
 * deviations — a late log-in, a break taken late or returned from late, unplanned coaching, an early log-off —
 * and a CSS absent all day (no adherent time in agent_time) logs no state at all. Inside the stretches of work,
 * the contacts the CSS handled (talk, hold, after-contact work) are their states and the gaps are `available`,
 * so the states agree with the contacts wherever one contact does not overlap the next (chat concurrency).
 * Everything is drawn from the seed, on a stream of its own.
 */
import type { Warehouse } from "../warehouse.ts";
import { DEMO_SOURCE, PROGRAMS } from "./organisation.ts";
import { Random } from "./random.ts";

/** Days at the end of the window that get schedules and states. */
export const REALTIME_DAYS = 14;
/** Streams taken from the seed before this one (the simulation's and calibration's, with room to grow). */
const STREAMS_BEFORE = 20;
const MINUTE = 60;
const HOUR = 3600;

interface AgentDay {
  agent: string;
  program: string;
  zone: string;
  /** Shift start, epoch seconds. */
  start: number;
  /** Absent all day: scheduled but no state. */
  absent: boolean;
  queue: string | null;
}

interface Block {
  start: number;
  end: number;
  activity: string;
}

/** A handled contact of one CSS: when handling began and its parts, seconds. */
type Handled = readonly [start: number, talk: number, hold: number, acw: number];

/** The schedule of one nine-hour shift from `start`; `stagger` (0–3) moves breaks and lunch by 15-minute steps. */
export function demoShift(start: number, stagger: number, extra: string | null): Block[] {
  const s = stagger * 15 * MINUTE;
  const marks: [number, string][] = [
    [0, "work"],
    [1.75 * HOUR + s, "break"],
    [2 * HOUR + s, "work"],
    [4 * HOUR + s, "lunch"],
    [5 * HOUR + s, "work"],
    [6.75 * HOUR + s, "break"],
    [7 * HOUR + s, "work"],
  ];
  // A meeting, coaching or training in the first afternoon block of work.
  if (extra) marks.push([5.5 * HOUR + s, extra], [(extra === "training" ? 6.5 : 6) * HOUR + s, "work"]);
  marks.sort((a, b) => a[0] - b[0]);
  return marks.map(([at, activity], i) => ({
    start: start + at,
    end: start + (i + 1 < marks.length ? marks[i + 1]![0] : 9 * HOUR),
    activity,
  }));
}

/**
 * What the CSS actually did against `schedule`: a late or early log-in, each break or lunch left a little late
 * or early and returned from late now and then, sometimes unplanned coaching, sometimes an early log-off.
 */
export function demoActual(schedule: readonly Block[], rng: Random): Block[] {
  const actual: Block[] = schedule.map((b) => ({ ...b }));
  const first = actual[0]!;
  const last = actual[actual.length - 1]!;
  first.start += rng.chance(0.15)
    ? Math.round((1 + 11 * rng.uniform()) * MINUTE)
    : -Math.round(3 * MINUTE * rng.uniform());
  for (let i = 1; i < actual.length; i++) {
    const block = actual[i]!;
    const before = actual[i - 1]!;
    if (block.activity === "work") {
      // The return from the activity before: late one time in four.
      const late = rng.chance(0.25) ? (2 + 10 * rng.uniform()) * MINUTE : (rng.uniform() - 0.5) * 2 * MINUTE;
      block.start = Math.max(before.start + MINUTE, Math.round(block.start + late));
    } else {
      // Leaving for it: a couple of minutes either way.
      block.start = Math.max(before.start + MINUTE, Math.round(block.start + 2 * MINUTE * rng.normal()));
    }
    before.end = block.start;
  }
  last.end = rng.chance(0.1)
    ? Math.round(last.end - (5 + 35 * rng.uniform()) * MINUTE)
    : Math.round(last.end + (rng.uniform() - 0.5) * 4 * MINUTE);
  if (last.end <= last.start) last.end = last.start + MINUTE;
  // Unplanned coaching: 20 to 30 minutes cut out of the middle of a long block of work.
  if (rng.chance(0.06)) {
    const long = actual.filter((b) => b.activity === "work" && b.end - b.start > HOUR);
    const block = long[rng.int(long.length)];
    if (block) {
      const from = Math.round(block.start + (block.end - block.start) * (0.3 + 0.3 * rng.uniform()));
      const to = Math.min(block.end - MINUTE, from + Math.round((20 + 10 * rng.uniform()) * MINUTE));
      actual.splice(
        actual.indexOf(block) + 1,
        0,
        { start: from, end: to, activity: "coaching" },
        {
          start: to,
          end: block.end,
          activity: "work",
        },
      );
      block.end = from;
    }
  }
  return actual.filter((b) => b.end > b.start);
}

/** Work blocks become the contacts' talk, hold and after-contact work, with `available` between them. */
export function workStates(block: Block, handled: readonly Handled[]): Block[] {
  const states: Block[] = [];
  let cursor = block.start;
  const push = (start: number, end: number, activity: string) => {
    const to = Math.min(end, block.end);
    if (to > start) states.push({ start, end: to, activity });
  };
  for (const [start, talk, hold, acw] of handled) {
    if (start < cursor || start >= block.end) continue;
    push(cursor, start, "available");
    push(start, start + talk, "talk");
    push(start + talk, start + talk + hold, "hold");
    push(start + talk + hold, start + talk + hold + acw, "acw");
    cursor = Math.min(block.end, start + talk + hold + acw);
  }
  push(cursor, block.end, "available");
  return states;
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Rows through DuckDB's appender into a temporary table (far quicker than long INSERT … VALUES texts). */
async function appendRows(
  warehouse: Warehouse,
  table: string,
  columns: string,
  rows: readonly (readonly (string | number | null)[])[],
): Promise<void> {
  await warehouse.run(`CREATE OR REPLACE TEMP TABLE ${table} (${columns})`);
  const appender = await warehouse.connection.createAppender(table, "main", "temp");
  for (const row of rows) {
    for (const value of row) {
      if (value === null) appender.appendNull();
      else if (typeof value === "number") appender.appendDouble(value);
      else appender.appendVarchar(value);
    }
    appender.endRow();
  }
  appender.closeSync();
}

/**
 * Writes the demo's schedules and states for the last REALTIME_DAYS local days up to `lastDay` (YYYY-MM-DD) as
 * import batches `batches`, from the demo's agent time and contacts already in the warehouse; returns the rows.
 */
export async function loadDemoRealtime(
  warehouse: Warehouse,
  seed: number,
  lastDay: string,
  batches: { readonly agent_schedules: number; readonly agent_states: number },
): Promise<{ agent_schedules: number; agent_states: number }> {
  const programs = PROGRAMS.map((p) => quote(p.id)).join(", ");
  const window = `CAST(timezone(time_zone, starts_at) AS DATE) BETWEEN DATE ${quote(lastDay)} - INTERVAL ${REALTIME_DAYS - 1} DAY AND DATE ${quote(lastDay)}`;
  const days = await warehouse.all<AgentDay>(
    `WITH handled AS (
       SELECT agent_id, queue_id, count(*) AS n FROM contacts
       WHERE source = ${quote(DEMO_SOURCE)} AND agent_id IS NOT NULL AND queue_id IS NOT NULL
         AND CAST(timezone(time_zone, arrived_at) AS DATE) >= DATE ${quote(lastDay)} - INTERVAL ${REALTIME_DAYS} DAY
       GROUP BY ALL),
     main AS (SELECT agent_id, arg_max(queue_id, (n, queue_id)) AS queue FROM handled GROUP BY agent_id)
     SELECT a.agent_id AS agent, a.program_id AS program, a.time_zone AS zone,
       CAST(epoch(a.starts_at) AS DOUBLE) AS start, a.adherent_seconds IS NULL AS absent, main.queue AS queue
     FROM agent_time a LEFT JOIN main USING (agent_id)
     WHERE a.program_id IN (${programs}) AND a.kind IN ('real-time', 'deferred', 'outbound', 'face-to-face')
       AND ${window.replaceAll("time_zone", "a.time_zone").replaceAll("starts_at", "a.starts_at")}
     ORDER BY a.agent_id, a.starts_at`,
  );
  const contacts = await warehouse.all<{ agent: string; start: number; talk: number; hold: number; acw: number }>(
    `SELECT agent_id AS agent,
       CAST(coalesce(epoch(answered_at), epoch(completed_at) - coalesce(talk_seconds, 0) - coalesce(acw_seconds, 0)) AS DOUBLE) AS start,
       coalesce(talk_seconds, 0) AS talk, coalesce(hold_seconds, 0) AS hold, coalesce(acw_seconds, 0) AS acw
     FROM contacts
     WHERE source = ${quote(DEMO_SOURCE)} AND agent_id IS NOT NULL AND coalesce(answered_at, completed_at) IS NOT NULL
       AND arrived_at >= CAST(DATE ${quote(lastDay)} - INTERVAL ${REALTIME_DAYS + 2} DAY AS TIMESTAMPTZ)
       AND CAST(timezone(time_zone, arrived_at) AS DATE) >= DATE ${quote(lastDay)} - INTERVAL ${REALTIME_DAYS + 1} DAY
     ORDER BY agent_id, start, source_id`,
  );
  const byAgent = new Map<string, Handled[]>();
  for (const c of contacts) {
    const list = byAgent.get(c.agent) ?? [];
    list.push([Math.round(c.start), Math.round(c.talk), Math.round(c.hold), Math.round(c.acw)]);
    byAgent.set(c.agent, list);
  }

  const root = new Random(seed);
  for (let i = 1; i < STREAMS_BEFORE; i++) root.stream();
  const rng = root.stream();
  const scheduleRows: (string | number | null)[][] = [];
  const stateRows: (string | number)[][] = [];
  for (const day of days) {
    const draw = rng.uniform();
    const extra = draw < 0.08 ? "meeting" : draw < 0.14 ? "coaching" : draw < 0.17 ? "training" : null;
    const stagger = Number(day.agent.slice(-2)) % 4;
    const schedule = demoShift(day.start, Number.isNaN(stagger) ? 0 : stagger, extra);
    for (const b of schedule) {
      scheduleRows.push([day.agent, day.program, day.queue, day.zone, b.activity, b.start, b.end]);
    }
    if (day.absent) continue;
    const handled = byAgent.get(day.agent) ?? [];
    for (const block of demoActual(schedule, rng)) {
      const states = block.activity === "work" ? workStates(block, handled) : [block];
      for (const s of states) stateRows.push([day.agent, day.program, day.zone, s.activity, s.start, s.end]);
    }
  }
  const text = "agent VARCHAR, program VARCHAR";
  await appendRows(
    warehouse,
    "demo_schedules",
    `${text}, queue VARCHAR, zone VARCHAR, activity VARCHAR, s DOUBLE, e DOUBLE`,
    scheduleRows,
  );
  await appendRows(warehouse, "demo_states", `${text}, zone VARCHAR, state VARCHAR, s DOUBLE, e DOUBLE`, stateRows);
  await warehouse.run(
    `INSERT INTO agent_schedules (source, agent_id, program_id, queue_id, time_zone, activity, starts_at, ends_at, batch_id)
     SELECT ${quote(DEMO_SOURCE)}, agent, program, queue, zone, activity, to_timestamp(s), to_timestamp(e), ${batches.agent_schedules}
     FROM demo_schedules`,
  );
  await warehouse.run(
    `INSERT INTO agent_states (source, agent_id, program_id, time_zone, state, starts_at, ends_at, batch_id)
     SELECT ${quote(DEMO_SOURCE)}, agent, program, zone, state, to_timestamp(s), to_timestamp(e), ${batches.agent_states}
     FROM demo_states`,
  );
  await warehouse.run("DROP TABLE demo_schedules; DROP TABLE demo_states");
  return { agent_schedules: scheduleRows.length, agent_states: stateRows.length };
}
