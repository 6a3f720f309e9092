/**
 * The workforce-management part of the benchmark (`npm run bench`, see scripts/bench.ts): pure methods on
 * synthetic but realistic shapes, no warehouse.
 *
 * - **Staffing grid**: a year of 30-minute intervals for 20 queues, each interval staffed by Erlang C to 80% in
 *   20 s through `src/methods/queueing`'s `staffing` — 20 × 365 × 48 = 350,400 problems — timed as problems a
 *   second. Queues range from about 2 to 120 Erlangs at their peak, handle times 180–600 s; every interval has
 *   some load (nights a few percent of the peak), weekends 45% of weekdays, and a mild yearly season.
 * - **Scheduler**: a week of half-hours peaking at 300 agents (the "few hundred agents" shape of
 *   test/methods/scheduling/schedule.test.ts) scheduled with the default patterns by HiGHS: solve time, LP
 *   bound, objective and the gap between them.
 */
import { staffing } from "../src/methods/queueing/index.ts";
import { DEFAULT_PATTERNS, parsePatterns, schedule } from "../src/methods/scheduling/index.ts";

/** How big the WFM benchmark is. */
export interface WfmBenchOptions {
  readonly queues: number;
  readonly days: number;
  /** Peak agents required in the scheduler's week. */
  readonly schedulePeak: number;
  readonly scheduleTimeLimitSeconds: number;
}

export const WFM_BENCH_DEFAULTS: WfmBenchOptions = {
  queues: 20,
  days: 365,
  schedulePeak: 300,
  scheduleTimeLimitSeconds: 60,
};

/** Share of a day's peak in half-hour `t` (0–47): a morning and an afternoon hump, open 07:00–22:00. */
function dayShape(t: number): number {
  const hour = t / 2;
  if (hour < 7 || hour >= 22) return 0.04;
  return Math.min(1, 0.25 + 0.75 * Math.exp(-((hour - 11) ** 2) / 6) + 0.55 * Math.exp(-((hour - 16) ** 2) / 5));
}

/** A week of agents required per half-hour, Monday first, peaking at `peak`. */
export function weekOfRequirements(peak: number): number[] {
  const required: number[] = [];
  for (let day = 0; day < 7; day++) {
    for (let t = 0; t < 48; t++) required.push(Math.round(peak * (day >= 5 ? 0.45 : 1) * dayShape(t)));
  }
  return required;
}

export interface StaffingGridResult {
  readonly queues: number;
  readonly days: number;
  readonly problems: number;
  readonly seconds: number;
  readonly problemsPerSecond: number;
  /** Sum of agents over every interval: the same inputs give the same sum (a checksum of the work). */
  readonly agentIntervals: number;
  readonly peakAgents: number;
}

/** Staffs every half-hour of `days` days of `queues` queues by Erlang C (see the top). */
export function staffingGrid(options: Pick<WfmBenchOptions, "queues" | "days">): StaffingGridResult {
  const targets = { serviceLevel: { target: 0.8, thresholdSeconds: 20 } };
  let problems = 0;
  let agentIntervals = 0;
  let peakAgents = 0;
  const started = performance.now();
  for (let q = 0; q < options.queues; q++) {
    // Peaks spread geometrically from 2 to 120 Erlangs; handle times from 180 to 600 s.
    const share = options.queues > 1 ? q / (options.queues - 1) : 0;
    const peakLoad = 2 * 60 ** share;
    const ahtSeconds = 180 + (420 * ((q * 7) % options.queues)) / Math.max(1, options.queues - 1);
    for (let day = 0; day < options.days; day++) {
      const weekday = day % 7;
      const season = 1 + 0.15 * Math.sin((2 * Math.PI * day) / 365);
      const dayLoad = peakLoad * season * (weekday >= 5 ? 0.45 : 1);
      for (let t = 0; t < 48; t++) {
        const { agents } = staffing({ model: "c", queue: { load: dayLoad * dayShape(t), ahtSeconds }, targets });
        problems++;
        agentIntervals += agents;
        if (agents > peakAgents) peakAgents = agents;
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    queues: options.queues,
    days: options.days,
    problems,
    seconds,
    problemsPerSecond: Math.round(problems / seconds),
    agentIntervals,
    peakAgents,
  };
}

export interface SchedulerResult {
  readonly peak: number;
  readonly intervals: number;
  readonly timeLimitSeconds: number;
  readonly status: string;
  readonly candidateShifts: number;
  readonly shiftsSearched: number;
  readonly lpBound: number;
  readonly objective: number;
  readonly lpGap: number;
  readonly lpSeconds: number;
  readonly mipSeconds: number;
  readonly seconds: number;
  readonly agents: number;
  readonly coveredShare: number;
}

/** Schedules the week of {@link weekOfRequirements} with the default patterns (see the top). */
export async function schedulerBench(
  options: Pick<WfmBenchOptions, "schedulePeak" | "scheduleTimeLimitSeconds">,
): Promise<SchedulerResult> {
  const required = weekOfRequirements(options.schedulePeak);
  const started = performance.now();
  const s = await schedule({
    required,
    intervalMinutes: 30,
    patterns: parsePatterns({ patterns: DEFAULT_PATTERNS }),
    timeLimitSeconds: options.scheduleTimeLimitSeconds,
  });
  return {
    peak: options.schedulePeak,
    intervals: required.length,
    timeLimitSeconds: options.scheduleTimeLimitSeconds,
    status: s.solver.status,
    candidateShifts: s.solver.candidateShifts,
    shiftsSearched: s.solver.shiftsSearched,
    lpBound: s.solver.lpBound,
    objective: s.solver.objective,
    lpGap: s.solver.lpGap,
    lpSeconds: s.solver.lpSeconds,
    mipSeconds: s.solver.mipSeconds,
    seconds: (performance.now() - started) / 1000,
    agents: s.totals.agents,
    coveredShare: s.totals.coveredShare,
  };
}
