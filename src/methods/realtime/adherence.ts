/**
 * Real-time adherence of one CSS: their schedule of activities set against the states they were actually in,
 * up to a moment "now". Times are seconds from any fixed origin (epoch seconds in the warehouse).
 *
 * Both of the glossary's methods are given, through `scheduleAdherence` in standard/glossary.ts:
 * - overlap: seconds in which the CSS was doing the scheduled activity / scheduled seconds;
 * - deviation: per scheduled activity, its actual run (the longest stretch of the same activity that overlaps
 *   it) scored by minutes less late or early start and end, weighted by scheduled length.
 */
import { scheduleAdherence } from "../../standard/glossary.ts";

/** What a CSS is scheduled to do. */
export const ACTIVITIES = ["work", "break", "lunch", "meeting", "coaching", "training", "off-phone"] as const;
export type Activity = (typeof ACTIVITIES)[number];

/** States a phone or chat system reports while the CSS handles contacts; each counts as `work`. */
export const WORK_STATES = ["available", "talk", "hold", "acw"] as const;
export const AGENT_STATES = [...ACTIVITIES, ...WORK_STATES] as const;
export type AgentState = (typeof AGENT_STATES)[number];

/** The activity a state counts as: available, talk, hold and after-contact work are all `work`. */
export function activityOf(state: string): Activity {
  if ((WORK_STATES as readonly string[]).includes(state)) return "work";
  if ((ACTIVITIES as readonly string[]).includes(state)) return state as Activity;
  throw new Error(`unknown agent state "${state}": one of ${AGENT_STATES.join(", ")}`);
}

/** A stretch of time in one activity or state, [start, end). */
export interface Segment<T extends string = string> {
  readonly start: number;
  readonly end: number;
  readonly activity: T;
}

export interface AdherenceResult {
  /** Scheduled seconds up to now. */
  readonly scheduledSeconds: number;
  /** Of those, seconds in the scheduled activity. */
  readonly adherentSeconds: number;
  /** Overlap method, as a fraction; null with nothing scheduled yet. */
  readonly overlap: number | null;
  /** Deviation method, as a fraction; null with nothing scheduled yet. */
  readonly deviation: number | null;
  /** Stretches in which the CSS was not doing what the schedule said, in order. */
  readonly outOfAdherence: readonly Segment<"out">[];
}

const clip = <T extends string>(segments: readonly Segment<T>[], until: number): Segment<T>[] =>
  segments
    .filter((s) => s.start < until && s.end > s.start)
    .map((s) => (s.end > until ? { ...s, end: until } : s))
    .sort((a, b) => a.start - b.start);

/** Consecutive states of the same activity merged into runs (a talk–acw–available stretch is one run of work). */
export function activityRuns(states: readonly Segment[]): Segment<Activity>[] {
  const runs: Segment<Activity>[] = [];
  for (const s of [...states].sort((a, b) => a.start - b.start)) {
    const activity = activityOf(s.activity);
    const last = runs[runs.length - 1];
    if (last && last.activity === activity && s.start <= last.end) {
      runs[runs.length - 1] = { ...last, end: Math.max(last.end, s.end) };
    } else runs.push({ start: s.start, end: s.end, activity });
  }
  return runs;
}

/** The activity in force at `t`, or null (not scheduled, or logged off). */
const at = (segments: readonly Segment<Activity>[], t: number) =>
  segments.find((s) => s.start <= t && t < s.end)?.activity ?? null;

/**
 * Adherence of one CSS from the start of their schedule to `now`: the schedule's activities and the states the
 * CSS was in (any AGENT_STATES; time in no state is logged off). Activities after `now` do not count yet; the
 * one under way counts up to `now`.
 */
export function agentAdherence(schedule: readonly Segment[], states: readonly Segment[], now: number): AdherenceResult {
  const planned = clip(schedule, now).map((s) => ({ ...s, activity: activityOf(s.activity) }));
  const runs = activityRuns(clip(states, now));
  // Overlap and out-of-adherence, piece by piece between every boundary of either timeline.
  const cuts = [...new Set([...planned, ...runs].flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b);
  let scheduledSeconds = 0;
  let adherentSeconds = 0;
  const out: Segment<"out">[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i]!, cuts[i + 1]!];
    const scheduled = at(planned, from);
    if (scheduled === null) continue;
    scheduledSeconds += to - from;
    if (at(runs, from) === scheduled) {
      adherentSeconds += to - from;
      continue;
    }
    const last = out[out.length - 1];
    if (last && last.end === from) out[out.length - 1] = { ...last, end: to };
    else out.push({ start: from, end: to, activity: "out" });
  }
  // Deviation: each scheduled activity against its longest overlapping run of the same activity.
  let weighted = 0;
  let weight = 0;
  for (const p of planned) {
    const minutes = (p.end - p.start) / 60;
    let best: Segment<Activity> | undefined;
    let bestOverlap = 0;
    for (const r of runs) {
      if (r.activity !== p.activity) continue;
      const overlap = Math.min(p.end, r.end) - Math.max(p.start, r.start);
      if (overlap > bestOverlap) [best, bestOverlap] = [r, overlap];
    }
    const score = best
      ? scheduleAdherence({ start: p.start / 60, end: p.end / 60 }, { start: best.start / 60, end: best.end / 60 })
      : 0;
    weighted += score * minutes;
    weight += minutes;
  }
  return {
    scheduledSeconds,
    adherentSeconds,
    overlap: scheduledSeconds > 0 ? adherentSeconds / scheduledSeconds : null,
    deviation: weight > 0 ? weighted / weight : null,
    outOfAdherence: out,
  };
}

/**
 * The activity or state that filled most of [from, to), or null when none covers any of it; ties go to the
 * earliest. Used to show one scheduled activity and one actual state per interval.
 */
export function dominant<T extends string>(segments: readonly Segment<T>[], from: number, to: number): T | null {
  const seconds = new Map<T, number>();
  for (const s of segments) {
    const overlap = Math.min(to, s.end) - Math.max(from, s.start);
    if (overlap > 0) seconds.set(s.activity, (seconds.get(s.activity) ?? 0) + overlap);
  }
  let best: T | null = null;
  let most = 0;
  for (const [activity, n] of seconds) if (n > most) [best, most] = [activity, n];
  return best;
}

/** Seconds of [from, to) the segments of `activity` cover (segments of one timeline do not overlap). */
export function secondsIn(segments: readonly Segment[], activity: string, from: number, to: number): number {
  let n = 0;
  for (const s of segments) {
    if (s.activity === activity) n += Math.max(0, Math.min(to, s.end) - Math.max(from, s.start));
  }
  return n;
}
