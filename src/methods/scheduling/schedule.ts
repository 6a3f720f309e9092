/**
 * Shift scheduling as an integer program (the covering model of Dantzig's shift-scheduling problem), solved
 * with HiGHS compiled to WebAssembly.
 *
 * Variables: x_j ≥ 0 integer, the agents working candidate shift j (a pattern, day, start and break
 * placement); u_t, o_t ≥ 0, the agents short and over in interval t; and, over whole weeks, A_p ≥ 0 integer,
 * the agents on pattern p.
 *
 *   minimise   Σ_t (underWeight · u_t + overWeight · o_t) · h  +  Σ_j costPerHour(p_j) · paidHours_j · x_j
 *   subject to Σ_j a_tj · x_j + u_t − o_t = r_t                  every interval t   (coverage)
 *              Σ_{j of p on day d} x_j ≤ A_p                     every pattern p, day d
 *              Σ_{j of p} x_j = daysPerWeek_p · weeks · A_p       every pattern p     (days off)
 *              minAgents_p ≤ A_p ≤ maxAgents_p
 *
 * where a_tj is the share of interval t that shift j works (breaks taken out) and h the interval in hours.
 * The two pattern constraints are exactly what lets A_p agents each work daysPerWeek days and take the rest
 * off: {@link roster} then assigns the days round-robin (McNaughton's wrap-around), which always succeeds
 * when no day needs more than A_p shifts. Over a horizon that is not whole weeks there are no days off to
 * plan; minAgents/maxAgents then bound the shifts of the pattern on each day.
 *
 * The LP relaxation (the same model without integrality) is solved first: its optimum is a lower bound on
 * any schedule, and the relative distance of the schedule's cost to it is the gap reported. The integer
 * program then chooses among the shifts the LP uses (its support, at most one per row in a basic solution).
 * Over every candidate, branch and cut drowns in near-identical columns (a week of half-hours with the default
 * patterns has 10,080 that differ by a break's placement) and its best schedule stays 15–20% above the bound
 * after minutes; over the LP's support it comes within about 1% of the bound in seconds. The bound is over
 * all candidates, so the gap reported is honest for the restriction too.
 */
import highsPackage, { type Highs, type ModelData } from "highs";
import type { ShiftPattern } from "./patterns.ts";
import { type CandidateShift, candidateShifts, type Horizon, type PlacedBreak } from "./shifts.ts";

export interface ScheduleWeights {
  /** Cost of one agent-hour short of the requirement; default 20. */
  readonly underPerHour?: number;
  /** Cost of one agent-hour above the requirement; default 1. */
  readonly overPerHour?: number;
}

export interface ScheduleInput {
  /** Agents required per interval, from the first interval of the first day; whole days of intervals. */
  readonly required: readonly number[];
  readonly intervalMinutes: number;
  readonly patterns: readonly ShiftPattern[];
  /** ISO weekday of the first day: 0 Monday … 6 Sunday; default 0. */
  readonly firstWeekday?: number;
  /** Whether the horizon wraps around (see {@link Horizon}); default: when it is whole weeks. */
  readonly cyclic?: boolean;
  readonly weights?: ScheduleWeights;
  /** Stop the integer search after this many seconds with the best schedule found; default 10. */
  readonly timeLimitSeconds?: number;
  /** Stop when HiGHS proves the schedule within this share of the best over the shifts searched; default 0.01. */
  readonly relativeGap?: number;
}

/** A shift on the schedule and how many agents work it. */
export interface ScheduledShift {
  readonly pattern: string;
  readonly day: number;
  /** Minutes after local midnight of `day`. */
  readonly startMinute: number;
  readonly lengthMinutes: number;
  readonly breaks: readonly PlacedBreak[];
  readonly paidHours: number;
  readonly agents: number;
}

export interface IntervalCoverage {
  readonly interval: number;
  readonly required: number;
  /** Agents working the interval (shares of an interval count as shares). */
  readonly scheduled: number;
  readonly short: number;
  readonly over: number;
}

export interface PatternTotals {
  readonly pattern: string;
  /** Agents on the pattern: over whole weeks with their days off, else the most shifts on one day. */
  readonly agents: number;
  readonly shifts: number;
  readonly paidHours: number;
}

export interface Schedule {
  readonly intervalMinutes: number;
  readonly days: number;
  readonly cyclic: boolean;
  /** Whether days off were planned (the horizon is whole weeks). */
  readonly daysOff: boolean;
  readonly shifts: readonly ScheduledShift[];
  readonly patterns: readonly PatternTotals[];
  readonly coverage: readonly IntervalCoverage[];
  readonly totals: {
    readonly requiredHours: number;
    readonly scheduledHours: number;
    readonly shortHours: number;
    readonly overHours: number;
    readonly paidHours: number;
    /** Required agent-hours met: Σ min(required, scheduled) / Σ required (1 when nothing is required). */
    readonly coveredShare: number;
    /** Intervals with fewer agents than required. */
    readonly intervalsShort: number;
    readonly agents: number;
    readonly shifts: number;
  };
  readonly solver: {
    /** HiGHS's model status for the integer program: "optimal", or "time limit" with the best found. */
    readonly status: string;
    readonly objective: number;
    /** Optimum of the LP relaxation: no schedule costs less. */
    readonly lpBound: number;
    /** (objective − lpBound) / objective: the gap to the LP bound: the schedule costs at most this share more than the best one. */
    readonly lpGap: number;
    readonly candidateShifts: number;
    /** Shifts the LP relaxation uses: the integer program chooses among these. */
    readonly shiftsSearched: number;
    readonly rows: number;
    readonly lpSeconds: number;
    readonly mipSeconds: number;
  };
}

// The package's types describe its CommonJS build (the loader under `default`); Node loads its ES module build,
// whose default export is the loader itself. Take whichever arrives.
const loadHighs = ((highsPackage as { default?: unknown }).default ?? highsPackage) as typeof highsPackage.default;

let highsRuntime: Promise<Highs> | undefined;

/** HiGHS, loaded once: instantiating the WebAssembly takes a few hundred milliseconds. */
function highs(): Promise<Highs> {
  highsRuntime ??= loadHighs();
  return highsRuntime;
}

function checkInput(input: ScheduleInput): { days: number } {
  const { required, intervalMinutes } = input;
  if (!(Number.isInteger(intervalMinutes) && intervalMinutes > 0 && 1440 % intervalMinutes === 0)) {
    throw new Error(`interval length: expected whole minutes dividing a day (15, 30, 60 …), got ${intervalMinutes}`);
  }
  const perDay = 1440 / intervalMinutes;
  if (required.length === 0 || required.length % perDay !== 0) {
    throw new Error(
      `requirements: expected whole days of ${perDay} intervals of ${intervalMinutes} minutes, got ${required.length} intervals`,
    );
  }
  for (const [i, r] of required.entries()) {
    if (!(Number.isFinite(r) && r >= 0))
      throw new Error(`requirement of interval ${i}: expected a number ≥ 0, got ${r}`);
  }
  if (input.patterns.length === 0) throw new Error("give at least one shift pattern");
  const names = new Set(input.patterns.map((p) => p.name));
  if (names.size !== input.patterns.length) throw new Error("shift patterns need distinct names");
  return { days: required.length / perDay };
}

const STATUS_NAMES: Record<number, string> = {
  7: "optimal",
  13: "time limit",
  14: "iteration limit",
  16: "solution limit",
  17: "interrupted",
};

/**
 * The schedule minimising under-coverage, over-coverage and paid hours, with its coverage per interval and
 * the gap to the LP bound. Deterministic: HiGHS runs single-threaded with its default seed.
 */
export async function schedule(input: ScheduleInput): Promise<Schedule> {
  const { days } = checkInput(input);
  const { required, intervalMinutes: step, patterns } = input;
  const weeks = days % 7 === 0 ? days / 7 : 0;
  const horizon: Horizon = {
    intervalMinutes: step,
    days,
    firstWeekday: input.firstWeekday ?? 0,
    cyclic: input.cyclic ?? weeks > 0,
  };
  const shifts = candidateShifts(patterns, horizon);
  const hours = step / 60;
  const under = (input.weights?.underPerHour ?? 20) * hours;
  const over = (input.weights?.overPerHour ?? 1) * hours;
  const runtime = await highs();
  const model = coveringModel(runtime, required, shifts, patterns, days, weeks, under, over);
  const lp = solve(runtime, model.data, {});
  const support = Float64Array.from(model.data.colUpper, (upper, j) =>
    j < shifts.length && (lp.values[j] as number) < 1e-6 ? 0 : upper,
  );
  // The LP rounded to a feasible schedule starts the search, so even a search cut short by the time limit ends
  // with a schedule at least that good.
  const start = roundedStart(lp.values, shifts, patterns, required, days, weeks, model.data.numCols);
  const mip = solve(
    runtime,
    { ...model.data, colUpper: support, integrality: model.integrality },
    { time_limit: input.timeLimitSeconds ?? 10, mip_rel_gap: input.relativeGap ?? 0.01 },
    start,
  );

  const counts = shifts.map((_, j) => Math.round(mip.values[j] as number));
  const scheduled = new Array<number>(required.length).fill(0);
  for (const [j, shift] of shifts.entries()) {
    const n = counts[j] as number;
    if (n === 0) continue;
    for (let k = 0; k < shift.intervals.length; k++) {
      const t = shift.intervals[k] as number;
      scheduled[t] = (scheduled[t] as number) + n * (shift.shares[k] as number);
    }
  }
  const coverage = required.map((r, t) => {
    const s = round(scheduled[t] as number);
    return {
      interval: t,
      required: r,
      scheduled: s,
      short: round(Math.max(0, r - s)),
      over: round(Math.max(0, s - r)),
    };
  });
  const onSchedule: ScheduledShift[] = [];
  for (const [j, shift] of shifts.entries()) {
    const agents = counts[j] as number;
    if (agents === 0) continue;
    const pattern = patterns[shift.pattern] as ShiftPattern;
    onSchedule.push({
      pattern: pattern.name,
      day: shift.day,
      startMinute: shift.startMinute,
      lengthMinutes: pattern.lengthMinutes,
      breaks: shift.breaks,
      paidHours: shift.paidHours,
      agents,
    });
  }
  onSchedule.sort((a, b) => a.day - b.day || a.startMinute - b.startMinute || a.pattern.localeCompare(b.pattern));
  const patternTotals = patterns.map((pattern, p) => {
    const mine = onSchedule.filter((s) => s.pattern === pattern.name);
    const perDay = new Array<number>(days).fill(0);
    for (const s of mine) perDay[s.day] = (perDay[s.day] as number) + s.agents;
    return {
      pattern: pattern.name,
      agents: weeks > 0 ? Math.round(mip.values[model.agentColumn(p)] as number) : Math.max(0, ...perDay),
      shifts: mine.reduce((sum, s) => sum + s.agents, 0),
      paidHours: round(mine.reduce((sum, s) => sum + s.agents * s.paidHours, 0)),
    };
  });
  const sum = (f: (c: IntervalCoverage) => number) => coverage.reduce((s, c) => s + f(c), 0);
  const requiredTotal = sum((c) => c.required);
  const objective = mip.objective;
  return {
    intervalMinutes: step,
    days,
    cyclic: horizon.cyclic,
    daysOff: weeks > 0,
    shifts: onSchedule,
    patterns: patternTotals,
    coverage,
    totals: {
      requiredHours: round(requiredTotal * hours),
      scheduledHours: round(sum((c) => c.scheduled) * hours),
      shortHours: round(sum((c) => c.short) * hours),
      overHours: round(sum((c) => c.over) * hours),
      paidHours: round(patternTotals.reduce((s, p) => s + p.paidHours, 0)),
      coveredShare: requiredTotal === 0 ? 1 : sum((c) => Math.min(c.required, c.scheduled)) / requiredTotal,
      intervalsShort: coverage.filter((c) => c.short > 1e-9).length,
      agents: patternTotals.reduce((s, p) => s + p.agents, 0),
      shifts: onSchedule.reduce((s, x) => s + x.agents, 0),
    },
    solver: {
      status: mip.status,
      objective,
      lpBound: lp.objective,
      lpGap: relativeGap(objective, lp.objective),
      candidateShifts: shifts.length,
      shiftsSearched: support.filter((upper, j) => j < shifts.length && upper > 0).length,
      rows: model.data.numRows,
      lpSeconds: lp.seconds,
      mipSeconds: mip.seconds,
    },
  };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const relativeGap = (value: number, bound: number) =>
  value <= 1e-9 ? 0 : Math.max(0, (value - bound) / Math.abs(value));

/** The covering model in compressed-column form: shift columns, then A_p, then u_t and o_t. */
function coveringModel(
  runtime: Highs,
  required: readonly number[],
  shifts: readonly CandidateShift[],
  patterns: readonly ShiftPattern[],
  days: number,
  weeks: number,
  under: number,
  over: number,
) {
  const T = required.length;
  const P = patterns.length;
  // Rows: coverage per interval, then per pattern its days (D rows) and its weekly total, or per pattern and
  // day the bounds on shifts when there are no days off to plan.
  const dayRow = (p: number, d: number) => T + p * (days + 1) + d;
  const totalRow = (p: number) => T + p * (days + 1) + days;
  const numRows = T + P * (days + 1);
  const agentColumn = (p: number) => shifts.length + p;
  const numCols = shifts.length + (weeks > 0 ? P : 0) + 2 * T;
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const colCost: number[] = [];
  const colLower: number[] = [];
  const colUpper: number[] = [];
  const integrality: (0 | 1)[] = [];
  const column = (entries: [number, number][], cost: number, lower: number, upper: number, integer: boolean) => {
    for (const [row, value] of entries) {
      indices.push(row);
      values.push(value);
    }
    starts.push(indices.length);
    colCost.push(cost);
    colLower.push(lower);
    colUpper.push(upper);
    integrality.push(integer ? 1 : 0);
  };
  for (const shift of shifts) {
    const entries: [number, number][] = [];
    for (let k = 0; k < shift.intervals.length; k++)
      entries.push([shift.intervals[k] as number, shift.shares[k] as number]);
    entries.push([dayRow(shift.pattern, shift.day), 1], [totalRow(shift.pattern), 1]);
    const pattern = patterns[shift.pattern] as ShiftPattern;
    column(entries, pattern.costPerHour * shift.paidHours, 0, runtime.infinity, true);
  }
  if (weeks > 0) {
    for (const [p, pattern] of patterns.entries()) {
      const entries: [number, number][] = [];
      for (let d = 0; d < days; d++) entries.push([dayRow(p, d), -1]);
      entries.push([totalRow(p), -pattern.daysPerWeek * weeks]);
      column(entries, 0, pattern.minAgents ?? 0, pattern.maxAgents ?? runtime.infinity, true);
    }
  }
  for (let t = 0; t < T; t++) column([[t, 1]], under, 0, runtime.infinity, false);
  for (let t = 0; t < T; t++) column([[t, -1]], over, 0, runtime.infinity, false);

  const rowLower: number[] = [...required];
  const rowUpper: number[] = [...required];
  for (const pattern of patterns) {
    for (let d = 0; d < days; d++) {
      // With days off: shifts of the day − A_p ≤ 0. Without: min ≤ shifts of the day ≤ max.
      rowLower.push(weeks > 0 ? -runtime.infinity : (pattern.minAgents ?? 0));
      rowUpper.push(weeks > 0 ? 0 : (pattern.maxAgents ?? runtime.infinity));
    }
    rowLower.push(weeks > 0 ? 0 : -runtime.infinity);
    rowUpper.push(weeks > 0 ? 0 : runtime.infinity);
  }
  const data: ModelData = {
    numCols,
    numRows,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: { format: "csc", numRows, numCols, starts, indices, values },
  };
  return { data, integrality, agentColumn };
}

interface Solved {
  status: string;
  objective: number;
  values: Float64Array;
  seconds: number;
}

/**
 * A feasible integer schedule near the LP's: each shift's count rounded down, then per pattern (with days off)
 * the LP's agents rounded up, or more for the busiest day, and shifts added where the LP wanted more, on days
 * with room, until the agents work exactly their days a week. Slacks make up the coverage rows.
 */
function roundedStart(
  lp: Float64Array,
  shifts: readonly CandidateShift[],
  patterns: readonly ShiftPattern[],
  required: readonly number[],
  days: number,
  weeks: number,
  numCols: number,
): Float64Array {
  const x = new Float64Array(numCols);
  for (let j = 0; j < shifts.length; j++) x[j] = Math.floor((lp[j] as number) + 1e-9);
  if (weeks > 0) {
    for (const [p, pattern] of patterns.entries()) {
      const mine = shifts.flatMap((shift, j) => (shift.pattern === p ? [j] : []));
      const perDay = new Array<number>(days).fill(0);
      for (const j of mine) perDay[(shifts[j] as CandidateShift).day]! += x[j] as number;
      const total = perDay.reduce((a, b) => a + b, 0);
      const shiftsPerAgent = pattern.daysPerWeek * weeks;
      const lpAgents = Math.ceil((lp[shifts.length + p] as number) - 1e-6);
      let agents = Math.max(...perDay, Math.ceil(total / shiftsPerAgent), lpAgents, pattern.minAgents ?? 0);
      if (pattern.maxAgents !== undefined && agents > pattern.maxAgents) agents = pattern.maxAgents;
      // Fewer shifts than the agents work: add the ones the LP leaned towards most, on days with room.
      for (let missing = shiftsPerAgent * agents - total; missing > 0; missing--) {
        let best = -1;
        for (const j of mine) {
          // Only shifts the LP used: the integer program searches no others.
          if ((lp[j] as number) < 1e-6 || (perDay[(shifts[j] as CandidateShift).day] as number) >= agents) continue;
          if (best < 0 || (lp[j] as number) - (x[j] as number) > (lp[best] as number) - (x[best] as number)) best = j;
        }
        if (best < 0) return x; // No room left: leave the start to HiGHS's judgement.
        x[best]! += 1;
        perDay[(shifts[best] as CandidateShift).day]! += 1;
      }
      x[shifts.length + p] = agents;
    }
  }
  const covered = new Float64Array(required.length);
  for (let j = 0; j < shifts.length; j++) {
    const n = x[j] as number;
    if (n === 0) continue;
    const shift = shifts[j] as CandidateShift;
    for (let k = 0; k < shift.intervals.length; k++) {
      covered[shift.intervals[k] as number]! += n * (shift.shares[k] as number);
    }
  }
  const slacks = numCols - 2 * required.length;
  for (let t = 0; t < required.length; t++) {
    const gap = (required[t] as number) - (covered[t] as number);
    x[slacks + t] = Math.max(0, gap);
    x[slacks + required.length + t] = Math.max(0, -gap);
  }
  return x;
}

function solve(runtime: Highs, data: ModelData, options: Record<string, number>, start?: Float64Array): Solved {
  const model = runtime.createModel(data);
  try {
    model.options.set({ output_flag: false, ...options });
    if (start) model.setSolution({ colValue: start });
    const started = performance.now();
    model.run();
    const seconds = (performance.now() - started) / 1000;
    const code = model.getModelStatus() as number;
    const status = STATUS_NAMES[code] ?? `HiGHS status ${code}`;
    const hasSolution = (model.info.get("primal_solution_status") as number) === 2;
    if (!hasSolution) {
      throw new Error(
        `the optimiser found no schedule (${status}): ${code === 13 ? "give it more time" : "check the patterns"}`,
      );
    }
    return { status, objective: model.getObjectiveValue(), values: model.getSolution().colValue, seconds };
  } finally {
    model.dispose();
  }
}
