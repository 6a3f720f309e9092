/**
 * Capacity plans and schedules kept in the app database (Items 2.4.2 and 2.5.1).
 *
 * Making one reads the queue's history from the warehouse, forecasts it (the forecast `cxpm wfm forecast`
 * makes), and runs the pure methods on it: {@link capacityPlan} for weekly required against planned FTE, the
 * HiGHS shift scheduler for a week's shifts. The inputs and the whole result are stored as a draft.
 *
 * Publishing writes what was planned into the warehouse's `workforce_intervals` of the queue, so that the
 * workforce metrics are computed from it: a schedule's interval requirement (`planned_staff`, with the
 * `forecast_contacts` behind it) and its scheduled staff (`scheduled_staff`); a capacity plan's staff per
 * interval (`capacity_plan_staff`). Rows are upserted on their natural key keeping every other column (the
 * staff actually required and present stay), through the ordinary import in one transaction, which brings the
 * metric components of the touched days up to date. The latest published plan of a queue and period wins;
 * earlier ones of the same kind and first day go back to draft.
 *
 * Staff written are agents on the queue's work: the requirement before shrinkage (what the staff actually
 * required is compared with), and the agents the schedule has working each interval (breaks taken out).
 *
 * @example
 * ```ts
 * const plan = await createSchedule(db, warehouse, { queue: "bank-care-voice", timeLimitSeconds: 5 }, "ana");
 * plan.summary; // { agents: 61, coveredShare: 0.97, lpGap: 0.008, … }
 * await publishWfmPlan(db, warehouse, "schedule", plan.id, "ana"); // { rows: 168, inserted: 56, updated: 112, … } on an hourly warehouse
 * ```
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely, Selectable } from "kysely";
import { DateTime } from "luxon";
import { z } from "zod";
import { capacityPlan } from "../methods/capacity/index.ts";
import type { CapacityPlan } from "../methods/capacity/plan.ts";
import { addDays, isDate, weekday } from "../methods/forecasting/index.ts";
import { staffing } from "../methods/queueing/index.ts";
import {
  DEFAULT_PATTERNS,
  patternSchema,
  requirementsFromForecast,
  roster,
  type Schedule,
  schedule,
} from "../methods/scheduling/index.ts";
import { importFiles } from "../warehouse/import/load.ts";
import { identityMapping } from "../warehouse/import/mapping.ts";
import { DEFAULT_SETTINGS } from "../warehouse/metrics/components/index.ts";
import { shrinkageForecast } from "../warehouse/shrinkage.ts";
import type { Warehouse } from "../warehouse/warehouse.ts";
import {
  forecastPlanningPeriod,
  type QueueForecast,
  type QueueSettings,
  queueSettings,
  trainedHeadcount,
} from "../warehouse/wfm.ts";
import { recordAudit } from "./audit.ts";
import type { Database, WfmPlansTable } from "./db/schema.ts";
import { AppError, InvalidInputError, NotFoundError, parseInput, zodProblems } from "./errors.ts";
import { Id } from "./organisation.ts";

export const WFM_PLAN_KINDS = ["capacity", "schedule"] as const;
export type WfmPlanKind = (typeof WFM_PLAN_KINDS)[number];

const share = (what: string) =>
  z.number().min(0, `${what}: a share from 0, e.g. 0.15`).lt(1, `${what}: a share below 1, e.g. 0.15 for 15%`);
/** A share of paid time, or "forecast": the queue's shrinkage forecast from its agent time and absences. */
const shrinkageInput = z.union([share("shrinkage"), z.literal("forecast")], {
  error: 'shrinkage: a share from 0 and below 1, e.g. 0.15, or "forecast"',
});
const serviceLevel = z
  .number()
  .gt(0, "a share above 0, e.g. 0.8 for 80%")
  .lt(1, "a share below 1, e.g. 0.8 for 80%")
  .default(0.8)
  .describe("service-level target as a share, e.g. 0.8");
const thresholdSeconds = z
  .number()
  .positive()
  .max(3600)
  .optional()
  .describe("service-level threshold in seconds (default: the queue's, else 20)");
const intervalMinutes = z
  .union([z.literal(15), z.literal(30), z.literal(60)])
  .default(30)
  .describe("interval length of the forecast, minutes");
const Day = z.string().refine(isDate, "expected a date written YYYY-MM-DD, e.g. 2026-04-06");
const Name = z.string().trim().min(1).max(200).optional().describe("a name for the list (default: queue and dates)");

/** What is given to make a capacity plan; every setting but the queue has a default. */
export const CapacityPlanInput = z.strictObject({
  queue: Id.describe("the queue to plan (a queue of the warehouse)"),
  name: Name,
  weeks: z.number().int().min(1).max(104).default(26).describe("weeks to plan, from the Monday after the history"),
  headcount: z
    .number()
    .min(0)
    .optional()
    .describe("FTE working now (default: the program's trained CSSs on the roster's latest day)"),
  attritionMonthly: share("attritionMonthly").default(0.03).describe("share of staff leaving per month"),
  lagWeeks: z.number().int().min(0).max(52).default(6).describe("weeks from a hire's start to live work"),
  shrinkage: shrinkageInput
    .default(0.3)
    .describe('share of paid time not available for contacts, or "forecast": the queue\'s weekly shrinkage forecast'),
  method: z
    .enum(["erlang-c", "workload"])
    .default("erlang-c")
    .describe("erlang-c: per interval at the service-level target; workload: handle hours over occupancy"),
  serviceLevel,
  thresholdSeconds,
  occupancy: z.number().gt(0).max(1).default(0.85).describe("planned occupancy (workload method)"),
  hoursPerFte: z.number().gt(0).max(168).default(40).describe("paid hours of one FTE per week"),
  intervalMinutes,
});
export type CapacityPlanInput = z.input<typeof CapacityPlanInput>;

/** What is given to make a schedule; every setting but the queue has a default. */
export const ScheduleInput = z.strictObject({
  queue: Id.describe("the queue to schedule (a queue of the warehouse)"),
  name: Name,
  week: Day.optional().describe("first day of the week to schedule (default: the Monday after the history)"),
  patterns: z
    .array(z.record(z.string(), z.unknown()))
    .min(1)
    .optional()
    .describe(
      "shift patterns as in a patterns file (name, lengthMinutes, starts, breaks, daysPerWeek …); default: " +
        "full-time 8.5 h and part-time 4 h, five days a week",
    ),
  underWeight: z.number().min(0).default(20).describe("cost of one agent-hour short of the requirement"),
  overWeight: z.number().min(0).default(1).describe("cost of one agent-hour above the requirement"),
  timeLimitSeconds: z.number().min(1).max(120).default(10).describe("stop the integer search after this long"),
  serviceLevel,
  thresholdSeconds,
  shrinkage: shrinkageInput
    .default(0.15)
    .describe(
      'shrinkage besides the breaks the patterns place (absence, training, meetings), or "forecast": the ' +
        "queue's shrinkage forecast per weekday",
    ),
  intervalMinutes,
});
export type ScheduleInput = z.input<typeof ScheduleInput>;

/** The queue as planned: its program, kind and the zone its intervals are local to. */
interface PlannedQueue {
  readonly queue: string;
  readonly program: string;
  readonly kind: string;
  readonly timeZone: string;
  readonly forecast: { readonly method: string; readonly historyTo: string };
  readonly intervalMinutes: number;
  /**
   * The shrinkage allowed for: `given` (the input's share) or the forecast it came from, the weekly value and
   * one per weekday, Monday first. Absent from plans made before it was recorded.
   */
  readonly shrinkage?: PlannedShrinkage;
}

export interface PlannedShrinkage {
  readonly from: string;
  readonly weekly: number;
  readonly byWeekday: readonly number[];
}

/** A capacity plan's result: the plan of the methods, its settings, and the staff per interval it needs. */
export interface CapacityResult extends PlannedQueue, CapacityPlan {
  readonly settings: {
    readonly headcount: number;
    readonly headcountFrom: string;
    readonly thresholdSeconds: number;
  };
  /** Agents the forecast needs per interval from the first week on (before shrinkage): capacity_plan_staff. */
  readonly intervalStaff: readonly number[];
}

/** One interval of a schedule: the forecast, the agents it needs, and the agents scheduled. */
export interface ScheduleInterval {
  /** Local start, YYYY-MM-DDTHH:MM. */
  readonly start: string;
  readonly contacts: number;
  /** Agents the forecast needs before shrinkage (planned_staff). */
  readonly agents: number;
  /** Positions to schedule: the agents with shrinkage allowed for (what the scheduler covered). */
  readonly required: number;
  readonly scheduled: number;
  readonly short: number;
  readonly over: number;
}

export interface RosterDay {
  readonly day: string;
  readonly off?: true;
  readonly start?: string;
  readonly end?: string;
  readonly breaks?: readonly { readonly start: string; readonly minutes: number }[];
}

export interface ScheduleResult extends PlannedQueue {
  readonly firstDay: string;
  readonly days: number;
  readonly thresholdSeconds: number;
  readonly intervals: readonly ScheduleInterval[];
  readonly totals: Schedule["totals"];
  readonly solver: Schedule["solver"];
  readonly patterns: Schedule["patterns"];
  readonly roster: readonly { readonly id: string; readonly pattern: string; readonly days: readonly RosterDay[] }[];
}

export interface CapacitySummary {
  readonly weeks: number;
  readonly peakRequiredFte: number;
  readonly headcount: number;
  readonly weeksShort: number;
  readonly recommendedHires: number;
  /** The first week by which hiring must start, when the plan falls short. */
  readonly hireBy: string | null;
}

export interface ScheduleSummary {
  readonly agents: number;
  readonly coveredShare: number;
  readonly shortHours: number;
  readonly lpGap: number;
  readonly objective: number;
  readonly lpBound: number;
  readonly status: string;
  readonly solveSeconds: number;
}

/** A stored plan without its result, as lists show it. */
export interface WfmPlanSummary<K extends WfmPlanKind = WfmPlanKind> {
  readonly id: number;
  readonly kind: K;
  readonly queue: string;
  readonly name: string;
  readonly firstDay: string;
  readonly days: number;
  readonly status: "draft" | "published";
  readonly summary: K extends "capacity" ? CapacitySummary : ScheduleSummary;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly publishedBy: string | null;
  readonly publishedAt: string | null;
}

/** A stored plan with its inputs (defaults filled in) and its result. */
export interface WfmPlan<K extends WfmPlanKind = WfmPlanKind> extends WfmPlanSummary<K> {
  readonly inputs: K extends "capacity" ? z.output<typeof CapacityPlanInput> : z.output<typeof ScheduleInput>;
  readonly result: K extends "capacity" ? CapacityResult : ScheduleResult;
}

/** What publishing wrote to the warehouse. */
export interface PublishResult {
  readonly plan: WfmPlanSummary;
  /** Intervals written, of which new rows and rows updated in place (their other columns kept). */
  readonly rows: number;
  readonly inserted: number;
  readonly updated: number;
  /** Local days whose metric components were recomputed. */
  readonly daysRecomputed: number;
}

const clock = (minute: number) =>
  `${String(Math.floor(minute / 60) % 24).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Runs warehouse and method work, turning what they refuse (an unknown queue, too little history, patterns
 * the scheduler cannot use) into a 400 naming `field`.
 */
async function refusedAs<T>(field: string, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new InvalidInputError([{ field, message: (error as Error).message }]);
  }
}

/**
 * The shrinkage a plan allows for: the input's share every day, or the queue's forecast from its agent time
 * and absences up to the end of the history the contacts were forecast from.
 */
async function plannedShrinkage(
  warehouse: Warehouse,
  queueId: string,
  given: number | "forecast",
  historyTo: string,
): Promise<PlannedShrinkage> {
  if (given !== "forecast") return { from: "given", weekly: given, byWeekday: new Array<number>(7).fill(given) };
  const { forecast } = await refusedAs("shrinkage", () =>
    shrinkageForecast(warehouse, { queue: queueId, to: historyTo }),
  );
  return {
    from: `forecast by ${forecast.method} from history to ${forecast.historyTo}`,
    weekly: forecast.weekly,
    byWeekday: forecast.byWeekday,
  };
}

/** The queue's forecast from `from` for `days`, with the queue's settings; refusals name the queue. */
async function queueForecast(
  warehouse: Warehouse,
  queueId: string,
  options: { from?: string; days: number; intervalMinutes: number },
): Promise<{ queue: QueueSettings; forecast: QueueForecast; firstDay: string }> {
  const queue = await refusedAs("queue", () => queueSettings(warehouse, queueId));
  const forecast = await refusedAs(options.from === undefined ? "queue" : "week", () =>
    forecastPlanningPeriod(warehouse, { queue: queueId, ...options }),
  );
  const { firstDay } = forecast;
  // Staff follow from workload: contacts without a handle time (e.g. a queue whose contacts carry none) plan
  // nobody, which would look like a plan.
  const handled = forecast.days.some((d) => d.ahtSeconds.some((aht) => aht !== null && aht > 0));
  if (!handled) {
    throw new InvalidInputError([
      {
        field: "queue",
        message:
          `the history of ${queueId} has no handle time to forecast workload from; plan a queue whose ` +
          "contacts record handle time (e.g. a real-time voice queue)",
      },
    ]);
  }
  return { queue, forecast, firstDay };
}

const workloadOf = (forecast: QueueForecast) =>
  forecast.days.flatMap((d) => d.contacts.map((contacts, k) => ({ contacts, ahtSeconds: d.ahtSeconds[k] ?? null })));

/** Makes a capacity plan of a queue from its forecast and stores it as a draft. */
export async function createCapacityPlan(
  db: Kysely<Database>,
  warehouse: Warehouse,
  input: unknown,
  actor: string,
): Promise<WfmPlan<"capacity">> {
  const inputs = parseInput(CapacityPlanInput, input);
  const { queue, forecast, firstDay } = await queueForecast(warehouse, inputs.queue, {
    days: 7 * inputs.weeks,
    intervalMinutes: inputs.intervalMinutes,
  });
  let headcount = inputs.headcount;
  let headcountFrom = "given";
  if (headcount === undefined) {
    const trained = await trainedHeadcount(warehouse, queue.programId);
    if (trained === null) {
      throw new InvalidInputError([
        {
          field: "headcount",
          message: `the warehouse's people roster has no one in program ${queue.programId}: give the headcount`,
        },
      ]);
    }
    headcount = trained.heads;
    headcountFrom = `trained CSSs of ${queue.programId} on ${trained.asOf}`;
  }
  const threshold = inputs.thresholdSeconds ?? queue.slThresholdSeconds ?? 20;
  const targets = { serviceLevel: { target: inputs.serviceLevel, thresholdSeconds: threshold } };
  const shrinkage = await plannedShrinkage(warehouse, queue.queueId, inputs.shrinkage, forecast.historyTo);
  const intervals = workloadOf(forecast);
  const step = forecast.intervalMinutes;
  const plan = await refusedAs("", () =>
    capacityPlan({
      firstWeek: firstDay,
      weeks: Array.from({ length: inputs.weeks }, (_, w) => {
        const perWeek = intervals.length / inputs.weeks;
        return intervals.slice(w * perWeek, (w + 1) * perWeek);
      }),
      intervalMinutes: step,
      staffing:
        inputs.method === "workload"
          ? { method: "workload", occupancy: inputs.occupancy }
          : { method: "erlang-c", targets },
      shrinkage: shrinkage.weekly,
      hoursPerFte: inputs.hoursPerFte,
      headcount: headcount as number,
      attritionMonthly: inputs.attritionMonthly,
      lagWeeks: inputs.lagWeeks,
    }),
  );
  // The same staffing model per interval as the plan's weekly FTE, before shrinkage.
  const intervalStaff = intervals.map(({ contacts, ahtSeconds }) => {
    if (contacts <= 0 || ahtSeconds === null || ahtSeconds <= 0) return 0;
    const load = (contacts * ahtSeconds) / (step * 60);
    if (inputs.method === "workload") return round2(load / inputs.occupancy);
    return staffing({ model: "c", queue: { load, ahtSeconds }, targets }).agents;
  });
  const result: CapacityResult = {
    ...planned(queue, forecast),
    ...plan,
    shrinkage,
    settings: { headcount: headcount as number, headcountFrom, thresholdSeconds: threshold },
    intervalStaff,
  };
  const shortWeek = plan.weeks.find((w) => w.hireBy !== null);
  const summary: CapacitySummary = {
    weeks: plan.weeks.length,
    peakRequiredFte: Math.max(...plan.weeks.map((w) => w.requiredFte)),
    headcount: headcount as number,
    weeksShort: plan.weeksShort,
    recommendedHires: plan.recommendedHires,
    hireBy: shortWeek?.hireBy ?? null,
  };
  const lastWeek = plan.weeks.at(-1)?.week ?? firstDay;
  const name = inputs.name ?? `${queue.queueId}, ${firstDay} to ${addDays(lastWeek, 6)}`;
  return (await store(
    db,
    "capacity",
    { queue, name, firstDay, days: 7 * inputs.weeks, inputs, summary, result },
    actor,
  )) as WfmPlan<"capacity">;
}

/** Makes a week's schedule of a queue from its forecast with the HiGHS scheduler and stores it as a draft. */
export async function createSchedule(
  db: Kysely<Database>,
  warehouse: Warehouse,
  input: unknown,
  actor: string,
): Promise<WfmPlan<"schedule">> {
  const inputs = parseInput(ScheduleInput, input);
  const patterns = (inputs.patterns ?? DEFAULT_PATTERNS).map((p, i) => {
    const parsed = patternSchema.safeParse(p);
    if (!parsed.success) throw new InvalidInputError(zodProblems(parsed.error.issues, `patterns[${i}]`));
    return parsed.data;
  });
  const { queue, forecast, firstDay } = await queueForecast(warehouse, inputs.queue, {
    ...(inputs.week === undefined ? {} : { from: inputs.week }),
    days: 7,
    intervalMinutes: inputs.intervalMinutes,
  });
  const threshold = inputs.thresholdSeconds ?? queue.slThresholdSeconds ?? 20;
  const workload = workloadOf(forecast);
  const settings = {
    intervalMinutes: forecast.intervalMinutes,
    targets: { serviceLevel: { target: inputs.serviceLevel, thresholdSeconds: threshold } },
  };
  const agents = requirementsFromForecast(workload, settings);
  const shrinkage = await plannedShrinkage(warehouse, queue.queueId, inputs.shrinkage, forecast.historyTo);
  // Each day with its weekday's shrinkage.
  const required = forecast.days.flatMap((d, i) => {
    const perDay = workload.length / forecast.days.length;
    return requirementsFromForecast(workload.slice(i * perDay, (i + 1) * perDay), {
      ...settings,
      shrinkage: shrinkage.byWeekday[weekday(d.day)] as number,
    });
  });
  const solved = await refusedAs("patterns", () =>
    schedule({
      required,
      intervalMinutes: forecast.intervalMinutes,
      patterns,
      firstWeekday: weekday(firstDay),
      weights: { underPerHour: inputs.underWeight, overPerHour: inputs.overWeight },
      timeLimitSeconds: inputs.timeLimitSeconds,
    }).catch((error: Error) => {
      // No integer schedule within the limit: the limit is what to change, not the patterns.
      if (!/time limit/.test(error.message)) throw error;
      throw new InvalidInputError([
        {
          field: "timeLimitSeconds",
          message: `no schedule found in ${inputs.timeLimitSeconds} s; give the solver more time, e.g. ${Math.min(120, inputs.timeLimitSeconds * 3)}`,
        },
      ]);
    }),
  );
  const perDay = 1440 / solved.intervalMinutes;
  const startOf = (t: number) =>
    `${addDays(firstDay, Math.floor(t / perDay))}T${clock((t % perDay) * solved.intervalMinutes)}`;
  const result: ScheduleResult = {
    ...planned(queue, forecast),
    shrinkage,
    firstDay,
    days: solved.days,
    thresholdSeconds: threshold,
    intervals: solved.coverage.map((c, t) => ({
      start: startOf(t),
      contacts: round2(workload[t]?.contacts ?? 0),
      agents: agents[t] ?? 0,
      required: c.required,
      scheduled: round2(c.scheduled),
      short: round2(c.short),
      over: round2(c.over),
    })),
    totals: solved.totals,
    solver: solved.solver,
    patterns: solved.patterns,
    roster: roster(solved).map((a) => ({
      id: a.id,
      pattern: a.pattern,
      days: a.days.map((s, d): RosterDay => {
        const day = addDays(firstDay, d);
        if (s === null) return { day, off: true };
        return {
          day,
          start: clock(s.startMinute),
          end: clock(s.startMinute + s.lengthMinutes),
          breaks: s.breaks.map((b) => ({ start: clock(s.startMinute + b.offsetMinutes), minutes: b.minutes })),
        };
      }),
    })),
  };
  const summary: ScheduleSummary = {
    agents: solved.totals.agents,
    coveredShare: solved.totals.coveredShare,
    shortHours: solved.totals.shortHours,
    lpGap: solved.solver.lpGap,
    objective: solved.solver.objective,
    lpBound: solved.solver.lpBound,
    status: solved.solver.status,
    solveSeconds: solved.solver.lpSeconds + solved.solver.mipSeconds,
  };
  const name = inputs.name ?? `${queue.queueId}, week of ${firstDay}`;
  return (await store(
    db,
    "schedule",
    { queue, name, firstDay, days: solved.days, inputs, summary, result },
    actor,
  )) as WfmPlan<"schedule">;
}

const planned = (queue: QueueSettings, forecast: QueueForecast): PlannedQueue => ({
  queue: queue.queueId,
  program: queue.programId,
  kind: queue.kind,
  timeZone: forecast.timeZone,
  forecast: { method: forecast.method, historyTo: forecast.historyTo },
  intervalMinutes: forecast.intervalMinutes,
});

async function store(
  db: Kysely<Database>,
  kind: WfmPlanKind,
  plan: {
    queue: QueueSettings;
    name: string;
    firstDay: string;
    days: number;
    inputs: unknown;
    summary: unknown;
    result: unknown;
  },
  actor: string,
): Promise<WfmPlan> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("wfmPlans")
      .values({
        kind,
        queueId: plan.queue.queueId,
        name: plan.name,
        firstDay: plan.firstDay,
        days: plan.days,
        inputs: JSON.stringify(plan.inputs),
        summary: JSON.stringify(plan.summary),
        result: JSON.stringify(plan.result),
        createdBy: actor,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const stored = full(row);
    await recordAudit(trx, {
      actor,
      action: "create",
      subjectKind: auditKind(kind),
      subjectId: String(row.id),
      after: { ...summaryOf(row), inputs: plan.inputs },
    });
    return stored;
  });
}

const auditKind = (kind: WfmPlanKind) => (kind === "capacity" ? "capacity-plan" : "schedule");
const what = (kind: WfmPlanKind) => (kind === "capacity" ? "capacity plan" : "schedule");

type Row = Selectable<WfmPlansTable>;

function summaryOf(row: Omit<Row, "inputs" | "result">): WfmPlanSummary {
  return {
    id: row.id,
    kind: row.kind,
    queue: row.queueId,
    name: row.name,
    firstDay: row.firstDay,
    days: row.days,
    status: row.status,
    summary: row.summary as CapacitySummary & ScheduleSummary,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    publishedBy: row.publishedBy,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

/** The columns of a plan's summary: all but its inputs and result. */
const SUMMARY_COLUMNS = [
  "id",
  "kind",
  "queueId",
  "name",
  "firstDay",
  "days",
  "status",
  "summary",
  "createdBy",
  "createdAt",
  "publishedBy",
  "publishedAt",
] as const;

const full = (row: Row): WfmPlan => ({ ...summaryOf(row), inputs: row.inputs, result: row.result }) as WfmPlan;

/** The plans of a kind, newest first, optionally of one queue; without their results. */
export async function listWfmPlans<K extends WfmPlanKind>(
  db: Kysely<Database>,
  kind: K,
  filter: { queue?: string | undefined } = {},
): Promise<WfmPlanSummary<K>[]> {
  let query = db.selectFrom("wfmPlans").select(SUMMARY_COLUMNS).where("kind", "=", kind);
  if (filter.queue) query = query.where("queueId", "=", filter.queue);
  const rows = await query.orderBy("id", "desc").execute();
  return rows.map((r) => summaryOf(r) as WfmPlanSummary<K>);
}

/** One plan with its inputs and result; 404 when there is none of that kind and id. */
export async function getWfmPlan<K extends WfmPlanKind>(
  db: Kysely<Database>,
  kind: K,
  id: number,
): Promise<WfmPlan<K>> {
  const row = await db
    .selectFrom("wfmPlans")
    .selectAll()
    .where("kind", "=", kind)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound(kind, id);
  return full(row) as WfmPlan<K>;
}

const notFound = (kind: WfmPlanKind, id: number) =>
  new NotFoundError(
    `no ${what(kind)} ${id}; list them at GET /api/wfm/${kind === "capacity" ? "capacity-plans" : "schedules"}`,
    [{ field: "id", message: `no ${what(kind)} ${id}` }],
  );

/**
 * Deletes a plan. What a published plan wrote to the warehouse stays there (it is what the metrics of those
 * days were computed from) until another plan of the queue and period is published.
 */
export async function deleteWfmPlan(db: Kysely<Database>, kind: WfmPlanKind, id: number, actor: string) {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom("wfmPlans")
      .where("kind", "=", kind)
      .where("id", "=", id)
      .returning(SUMMARY_COLUMNS)
      .executeTakeFirst();
    if (!row) throw notFound(kind, id);
    await recordAudit(trx, {
      actor,
      action: "delete",
      subjectKind: auditKind(kind),
      subjectId: String(id),
      before: summaryOf(row),
    });
  });
}

/** Writes the plan's staff into the warehouse's workforce intervals and marks it published (see the top). */
export async function publishWfmPlan(
  db: Kysely<Database>,
  warehouse: Warehouse,
  kind: WfmPlanKind,
  id: number,
  actor: string,
): Promise<PublishResult> {
  const plan = await getWfmPlan(db, kind, id);
  const written =
    kind === "schedule"
      ? await writeWorkforceIntervals(warehouse, plan.result, scheduleColumns(plan.result as ScheduleResult))
      : await writeWorkforceIntervals(warehouse, plan.result, capacityColumns(plan as WfmPlan<"capacity">));
  const published = await db.transaction().execute(async (trx) => {
    // The warehouse now holds this plan for its queue and period: an earlier one published for the same is not.
    await trx
      .updateTable("wfmPlans")
      .set({ status: "draft", publishedAt: null, publishedBy: null })
      .where("kind", "=", kind)
      .where("queueId", "=", plan.queue)
      .where("firstDay", "=", plan.firstDay)
      .where("status", "=", "published")
      .where("id", "!=", id)
      .execute();
    const row = await trx
      .updateTable("wfmPlans")
      .set({ status: "published", publishedAt: new Date(), publishedBy: actor })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: "publish",
      subjectKind: auditKind(kind),
      subjectId: String(id),
      before: { status: plan.status },
      after: { status: "published", ...written },
    });
    return summaryOf(row);
  });
  return { plan: published, ...written };
}

/**
 * What a plan writes: per interval of its own length, from its first local day on, the column values. Contacts
 * add up when intervals are combined; staff (FTE over the interval) average.
 */
interface IntervalColumns {
  readonly firstDay: string;
  readonly intervalMinutes: number;
  readonly values: readonly Readonly<Record<string, number>>[];
}
const SUMMED = new Set(["forecast_contacts"]);

const scheduleColumns = (result: ScheduleResult): IntervalColumns => ({
  firstDay: result.firstDay,
  intervalMinutes: result.intervalMinutes,
  values: result.intervals.map((i) => ({
    forecast_contacts: i.contacts,
    planned_staff: i.agents,
    scheduled_staff: i.scheduled,
  })),
});

const capacityColumns = (plan: WfmPlan<"capacity">): IntervalColumns => ({
  firstDay: plan.firstDay,
  intervalMinutes: plan.result.intervalMinutes,
  values: plan.result.intervalStaff.map((staff) => ({ capacity_plan_staff: staff })),
});

/** The interval length the queue's workforce intervals already use (the most common), if it has any. */
async function warehouseGrid(warehouse: Warehouse, queue: PlannedQueue): Promise<number | null> {
  const [row] = await warehouse.all<{ minutes: number | null }>(
    "SELECT mode(interval_minutes) AS minutes FROM workforce_intervals WHERE program_id = ? AND queue_id = ?",
    [queue.program, queue.queue],
  );
  return row?.minutes ?? null;
}

/** The plan's intervals combined to `grid` minutes (a whole multiple of the plan's), keyed by local start. */
function onGrid(columns: IntervalColumns, grid: number): { start: string; values: Record<string, number> }[] {
  const per = grid / columns.intervalMinutes;
  const perDay = 1440 / grid;
  const out: { start: string; values: Record<string, number> }[] = [];
  for (let g = 0; g * per < columns.values.length; g++) {
    const values: Record<string, number> = {};
    const part = columns.values.slice(g * per, (g + 1) * per);
    for (const name of Object.keys(part[0] ?? {})) {
      const sum = part.reduce((s, v) => s + (v[name] ?? 0), 0);
      values[name] = round2(SUMMED.has(name) ? sum : sum / part.length);
    }
    out.push({ start: `${addDays(columns.firstDay, Math.floor(g / perDay))}T${clock((g % perDay) * grid)}`, values });
  }
  return out;
}

/**
 * Upserts the queue's workforce intervals on their natural key (program, queue, start): the columns given
 * are set, every other column of an existing row is kept. Intervals are written on the grid the queue's rows
 * already use (a half-hour plan on an hourly warehouse is combined to hours), so that one interval is one
 * row. One import, one transaction, with the components of the touched days recomputed in it.
 */
async function writeWorkforceIntervals(
  warehouse: Warehouse,
  queue: PlannedQueue,
  columns: IntervalColumns,
): Promise<{ rows: number; inserted: number; updated: number; daysRecomputed: number }> {
  const grid = (await warehouseGrid(warehouse, queue)) ?? columns.intervalMinutes;
  if (grid % columns.intervalMinutes !== 0 || 1440 % grid !== 0) {
    throw new InvalidInputError([
      {
        field: "intervalMinutes",
        message: `the warehouse holds ${queue.queue}'s workforce intervals in ${grid} minutes; make the plan again with intervalMinutes ${grid}`,
      },
    ]);
  }
  const intervals = onGrid(columns, grid);
  const names = Object.keys(identityMapping("workforce_intervals").table.columns);
  const instants = intervals.map(({ start }) => {
    const at = DateTime.fromISO(start, { zone: queue.timeZone });
    if (!at.isValid) throw new Error(`${start} is not a time in ${queue.timeZone}`);
    return at.toUTC().toISO({ suppressMilliseconds: true }) as string;
  });
  const sorted = [...instants].sort();
  const existing = await warehouse.all<Record<string, unknown>>(
    `SELECT ${names.join(", ")} FROM workforce_intervals
     WHERE program_id = ? AND queue_id = ? AND starts_at >= ?::TIMESTAMPTZ AND starts_at <= ?::TIMESTAMPTZ`,
    [queue.program, queue.queue, sorted[0] as string, sorted.at(-1) as string],
  );
  const byInstant = new Map(existing.map((r) => [Date.parse(String(r.starts_at)), r]));
  // A local time that happens twice (the hour clocks go back) is one instant: the first is written.
  const seen = new Set<number>();
  let updated = 0;
  const rows: Record<string, unknown>[] = [];
  for (const [i, { values }] of intervals.entries()) {
    const startsAt = instants[i] as string;
    const at = Date.parse(startsAt);
    if (seen.has(at)) continue;
    seen.add(at);
    const before = byInstant.get(at);
    if (before) updated++;
    const base = before ?? {
      program_id: queue.program,
      queue_id: queue.queue,
      kind: queue.kind,
      time_zone: queue.timeZone,
      interval_minutes: grid,
    };
    rows.push({ ...base, ...values, starts_at: startsAt });
  }
  const dir = mkdtempSync(join(tmpdir(), "cxpm-wfm-publish-"));
  try {
    const file = join(dir, "workforce_intervals.json");
    writeFileSync(file, JSON.stringify(rows));
    // A mapping text of its own: publishing the same plan again after another must load it again.
    const mapping = { ...identityMapping("workforce_intervals"), text: `app-wfm-plan:${Date.now()}` };
    const summary = await importFiles(warehouse, { mapping, files: [file], components: DEFAULT_SETTINGS });
    return {
      rows: rows.length,
      inserted: rows.length - updated,
      updated,
      daysRecomputed: summary.components?.days ?? 0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
