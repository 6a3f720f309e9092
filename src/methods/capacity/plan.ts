/**
 * The capacity plan (Item 2.4.2): week by week for the coming months, the FTE the forecast workload needs
 * against the FTE the operation will have as people leave and trained hires arrive — the gap, and the week by
 * which hiring must start to close it.
 *
 * Required FTE per week, by either staffing method:
 * - `erlang-c` (the default): for every interval of the week, the fewest agents meeting the targets by
 *   Erlang C ({@link staffing}); their agent-hours summed over the week. Honest about intraday peaks and the
 *   economies of scale of large queues: the same weekly volume needs more FTE when it arrives in peaks.
 * - `workload`: the week's handle hours divided by a planned occupancy. Simpler and blind to how the volume
 *   falls within the week; for deferred work, or when no interval forecast exists.
 * Either way the agent-hours are then grossed up for shrinkage and divided by the paid hours of one FTE:
 * required = agent-hours / (1 − shrinkage) / hoursPerFte.
 *
 * Planned FTE: the headcount now, minus leavers at the monthly attrition rate turned weekly
 * (1 − (1 − monthly)^(12/52), so twelve months compound to the yearly rate), plus planned hires once trained:
 * a cohort starting training in week w is productive from week w + lagWeeks and attrits only from then on.
 * Staff are FTE throughout; a hire is one FTE.
 */
import { addDays, daysBetween, isDate } from "../forecasting/index.ts";
import { type StaffingTargets, staffing } from "../queueing/index.ts";

/** Contacts and handle time of one interval. */
export interface IntervalLoad {
  readonly contacts: number;
  /** Null when nothing is handled in the interval. */
  readonly ahtSeconds: number | null;
}

export type CapacityStaffing =
  | { readonly method: "erlang-c"; readonly targets: StaffingTargets }
  | { readonly method: "workload"; readonly occupancy: number };

export interface CapacityInput {
  /** First day of the first week, YYYY-MM-DD. */
  readonly firstWeek: string;
  /** Per week, its intervals' forecast (any number of intervals; only their sums count for `workload`). */
  readonly weeks: readonly (readonly IntervalLoad[])[];
  readonly intervalMinutes: number;
  readonly staffing: CapacityStaffing;
  /** Share of paid time not available for contacts (breaks, absence, training, coaching); 0 ≤ s < 1. */
  readonly shrinkage: number;
  /** Paid hours of one FTE per week; default 40. */
  readonly hoursPerFte?: number;
  /** FTE trained and working at the start of the first week. */
  readonly headcount: number;
  /** Share of staff leaving per month, e.g. 0.03. */
  readonly attritionMonthly: number;
  /** Weeks from a hire's start to working live: recruiting and training. */
  readonly lagWeeks: number;
  /** Cohorts already planned: the week (its first day) they start training, and how many. */
  readonly plannedHires?: readonly { readonly week: string; readonly heads: number }[];
}

export interface CapacityWeek {
  /** First day of the week. */
  readonly week: string;
  readonly contacts: number;
  /** Handle hours of the week's forecast contacts. */
  readonly workloadHours: number;
  readonly requiredFte: number;
  /** Leavers in the week, from the planned staff. */
  readonly leavers: number;
  /** Planned hires who finish training and start this week. */
  readonly hiresArriving: number;
  readonly plannedFte: number;
  /** requiredFte − plannedFte: positive is short, negative is surplus. */
  readonly gapFte: number;
  /** When short: the week by which hires must start to close the gap (lagWeeks before). */
  readonly hireBy: string | null;
  /** Short, and hireBy has passed: hires started now arrive too late for this week. */
  readonly late: boolean;
  /** The recommended plan: hires to start training this week so that no reachable week is short. */
  readonly recommendedStarts: number;
  /** Planned FTE with the recommended hires as well. */
  readonly recommendedFte: number;
}

export interface CapacityPlan {
  readonly method: CapacityStaffing["method"];
  readonly weeklyAttrition: number;
  readonly weeks: readonly CapacityWeek[];
  /** Heads the recommended plan starts over the horizon (cohorts arriving after it are not counted). */
  readonly recommendedHires: number;
  /** Weeks where the planned FTE fall short of the required. */
  readonly weeksShort: number;
  /** Of those, the weeks no hire started now can reach. */
  readonly weeksLate: number;
}

const EPS = 1e-9;
const round = (x: number) => Math.round(x * 100) / 100;

function check(input: CapacityInput): void {
  if (!isDate(input.firstWeek)) throw new Error(`first week: expected a date YYYY-MM-DD, got "${input.firstWeek}"`);
  if (input.weeks.length === 0) throw new Error("give at least one week of forecast");
  if (!(input.shrinkage >= 0 && input.shrinkage < 1)) {
    throw new Error(`shrinkage must be at least 0 and below 1, got ${input.shrinkage}`);
  }
  if (!(input.attritionMonthly >= 0 && input.attritionMonthly < 1)) {
    throw new Error(`monthly attrition must be a share at least 0 and below 1, got ${input.attritionMonthly}`);
  }
  if (!(Number.isInteger(input.lagWeeks) && input.lagWeeks >= 0)) {
    throw new Error(`the recruiting and training lag must be whole weeks ≥ 0, got ${input.lagWeeks}`);
  }
  if (!(input.headcount >= 0 && Number.isFinite(input.headcount))) {
    throw new Error(`headcount must be a number ≥ 0, got ${input.headcount}`);
  }
  const hours = input.hoursPerFte ?? 40;
  if (!(hours > 0 && hours <= 168)) throw new Error(`hours per FTE must be above 0 and at most 168, got ${hours}`);
  if (input.staffing.method === "workload" && !(input.staffing.occupancy > 0 && input.staffing.occupancy <= 1)) {
    throw new Error(`occupancy must be above 0 and at most 1, got ${input.staffing.occupancy}`);
  }
}

/** Agent-hours the week's intervals need before shrinkage, by the chosen staffing method. */
function agentHours(intervals: readonly IntervalLoad[], intervalMinutes: number, method: CapacityStaffing): number {
  let hours = 0;
  for (const { contacts, ahtSeconds } of intervals) {
    if (contacts <= 0 || ahtSeconds === null || ahtSeconds <= 0) continue;
    const handleHours = (contacts * ahtSeconds) / 3600;
    if (method.method === "workload") {
      hours += handleHours / method.occupancy;
    } else {
      const load = handleHours / (intervalMinutes / 60);
      hours +=
        staffing({ model: "c", queue: { load, ahtSeconds }, targets: method.targets }).agents * (intervalMinutes / 60);
    }
  }
  return hours;
}

/** The weekly capacity plan: required against planned FTE, the gaps, and when to hire. */
export function capacityPlan(input: CapacityInput): CapacityPlan {
  check(input);
  const hoursPerFte = input.hoursPerFte ?? 40;
  const stay = (1 - input.attritionMonthly) ** (12 / 52);
  const n = input.weeks.length;
  const lag = input.lagWeeks;
  const weekOf = (t: number) => addDays(input.firstWeek, 7 * t);

  const arriving = new Array<number>(n).fill(0);
  for (const cohort of input.plannedHires ?? []) {
    if (!isDate(cohort.week))
      throw new Error(`planned hires: expected a week written YYYY-MM-DD, got "${cohort.week}"`);
    if (!(cohort.heads >= 0)) throw new Error(`planned hires starting ${cohort.week}: heads must be ≥ 0`);
    const at = Math.floor(daysBetween(input.firstWeek, cohort.week) / 7) + lag;
    if (at < 0) {
      throw new Error(
        `planned hires starting ${cohort.week} are trained before the plan's first week: count them in the headcount`,
      );
    }
    if (at < n) arriving[at] = (arriving[at] as number) + cohort.heads;
  }

  const recommendedArriving = new Array<number>(n).fill(0);
  const rows: CapacityWeek[] = [];
  let planned = input.headcount;
  let recommended = input.headcount;
  for (let t = 0; t < n; t++) {
    const intervals = input.weeks[t] as readonly IntervalLoad[];
    const contacts = intervals.reduce((s, i) => s + Math.max(0, i.contacts), 0);
    const workloadHours = intervals.reduce((s, i) => s + (i.ahtSeconds ? (i.contacts * i.ahtSeconds) / 3600 : 0), 0);
    const required = agentHours(intervals, input.intervalMinutes, input.staffing) / (1 - input.shrinkage) / hoursPerFte;

    const leavers = planned * (1 - stay);
    planned = planned - leavers + (arriving[t] as number);
    recommended = recommended * stay + (arriving[t] as number);
    // Hires that could still arrive this week close its remaining gap in the recommended plan.
    if (t >= lag && required - recommended > EPS) {
      const heads = Math.ceil(required - recommended - 1e-6);
      recommendedArriving[t] = heads;
      recommended += heads;
    }
    const gap = required - planned;
    const hireBy = gap > EPS ? addDays(input.firstWeek, 7 * (t - lag)) : null;
    rows.push({
      week: weekOf(t),
      contacts: round(contacts),
      workloadHours: round(workloadHours),
      requiredFte: round(required),
      leavers: round(leavers),
      hiresArriving: arriving[t] as number,
      plannedFte: round(planned),
      gapFte: round(gap),
      hireBy,
      late: gap > EPS && t < lag,
      recommendedStarts: 0,
      recommendedFte: round(recommended),
    });
  }
  // A cohort arriving in week t starts training lagWeeks earlier.
  const withStarts = rows.map((row, t) => ({ ...row, recommendedStarts: recommendedArriving[t + lag] ?? 0 }));
  return {
    method: input.staffing.method,
    weeklyAttrition: 1 - stay,
    weeks: withStarts,
    recommendedHires: recommendedArriving.reduce((s, h) => s + h, 0),
    weeksShort: rows.filter((r) => r.gapFte > 0).length,
    weeksLate: rows.filter((r) => r.late).length,
  };
}
