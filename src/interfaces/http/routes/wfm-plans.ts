/**
 * Capacity plans and schedules kept in the app database (Items 2.4.2 and 2.5.1):
 *
 * - `/api/wfm/capacity-plans` and `/api/wfm/schedules`: POST makes one from the queue's warehouse forecast and
 *   stores it as a draft (201), GET lists them newest first (without results);
 * - `…/:id`: GET the plan with its inputs and result, DELETE it (204);
 * - `…/:id/publish`: POST writes it into the warehouse's workforce intervals of the queue and recomputes the
 *   metric components of the days touched.
 *
 * Making a schedule solves an integer program: the request waits for it, bounded by `timeLimitSeconds`
 * (10 s by default). The work is done in src/app/wfm-plans.ts; these routes type and document it.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  CapacityPlanInput,
  createCapacityPlan,
  createSchedule,
  deleteWfmPlan,
  getWfmPlan,
  listWfmPlans,
  publishWfmPlan,
  ScheduleInput,
  type WfmPlanKind,
} from "../../../app/wfm-plans.ts";
import { actorOf, type ServerContext } from "../context.ts";
import { errorResponses } from "../errors.ts";

const TAGS = ["wfm"];
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
const n = z.number();

const CapacitySummary = z.object({
  weeks: n,
  peakRequiredFte: n,
  headcount: n,
  weeksShort: n.describe("weeks whose planned FTE falls short of the required"),
  recommendedHires: n,
  hireBy: z.string().nullable().describe("the first week by which hiring must start, when the plan falls short"),
});

const ScheduleSummary = z.object({
  agents: n,
  coveredShare: n.describe("share of the required agent-hours covered"),
  shortHours: n,
  lpGap: n.describe("(objective − LP bound) / objective: how far the schedule may be from the best"),
  objective: n,
  lpBound: n,
  status: z.string().describe("the solver's status, e.g. Optimal or Time limit reached"),
  solveSeconds: n,
});

const planFields = {
  id: z.number().int(),
  queue: z.string(),
  name: z.string(),
  firstDay: z.string().describe("first local day planned"),
  days: z.number().int(),
  status: z.enum(["draft", "published"]),
  createdBy: z.string(),
  createdAt: z.string(),
  publishedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
};

const Planned = {
  queue: z.string(),
  program: z.string(),
  kind: z.string(),
  timeZone: z.string(),
  forecast: z.object({ method: z.string(), historyTo: z.string() }),
  intervalMinutes: n,
  shrinkage: z
    .object({
      from: z.string().describe('"given", or the shrinkage forecast it came from'),
      weekly: n,
      byWeekday: list(n).describe("Monday first"),
    })
    .optional()
    .describe("the shrinkage allowed for (absent from plans made before it was recorded)"),
};

const CapacityWeek = z.object({
  week: z.string(),
  contacts: n,
  workloadHours: n,
  requiredFte: n,
  leavers: n,
  hiresArriving: n,
  plannedFte: n,
  gapFte: n.describe("required − planned FTE: positive is short"),
  hireBy: z.string().nullable().describe("when the week is short: the week hires must start to be live in it"),
  late: z.boolean().describe("short, and too late to hire for"),
  recommendedStarts: n,
  recommendedFte: n,
});

const CapacityResult = z.object({
  ...Planned,
  method: z.enum(["erlang-c", "workload"]),
  weeklyAttrition: n,
  weeks: list(CapacityWeek),
  recommendedHires: n,
  weeksShort: n,
  weeksLate: n,
  settings: z.object({ headcount: n, headcountFrom: z.string(), thresholdSeconds: n }),
  intervalStaff: list(n).describe("agents the forecast needs per interval (capacity_plan_staff when published)"),
});

const ScheduleInterval = z.object({
  start: z.string().describe("local start, YYYY-MM-DDTHH:MM"),
  contacts: n,
  agents: n.describe("agents the forecast needs before shrinkage (planned_staff when published)"),
  required: n.describe("positions to schedule: the agents with shrinkage allowed for"),
  scheduled: n.describe("agents working the interval, breaks taken out (scheduled_staff when published)"),
  short: n,
  over: n,
});

const RosterDay = z.object({
  day: z.string(),
  off: z.literal(true).optional(),
  start: z.string().optional(),
  end: z.string().optional(),
  breaks: list(z.object({ start: z.string(), minutes: n })).optional(),
});

const ScheduleResult = z.object({
  ...Planned,
  firstDay: z.string(),
  days: n,
  thresholdSeconds: n,
  intervals: list(ScheduleInterval),
  totals: z.object({
    requiredHours: n,
    scheduledHours: n,
    shortHours: n,
    overHours: n,
    paidHours: n,
    coveredShare: n,
    intervalsShort: n,
    agents: n,
    shifts: n,
  }),
  solver: z.looseObject({ status: z.string(), objective: n, lpBound: n, lpGap: n }),
  patterns: z.array(z.unknown()),
  roster: list(z.object({ id: z.string(), pattern: z.string(), days: list(RosterDay) })),
});

const Publish = (Summary: z.ZodType) =>
  z.object({
    plan: Summary,
    rows: n.describe("workforce intervals written"),
    inserted: n.describe("of which new rows"),
    updated: n.describe("of which rows updated in place, their other columns kept"),
    daysRecomputed: n.describe("local days whose metric components were recomputed"),
  });

const IdParams = z.strictObject({ id: z.coerce.number().int().positive().describe("the plan's id") });
const ListQuery = z.strictObject({ queue: z.string().min(1).optional().describe("only this queue's") });

/** The five routes of one kind, under `path`. */
function kindRoutes(
  kind: WfmPlanKind,
  path: string,
  schemas: {
    what: string;
    make: string;
    body: z.ZodType;
    Summary: z.ZodType;
    Result: z.ZodType;
    create: (...args: Parameters<typeof createSchedule>) => Promise<unknown>;
  },
): FastifyPluginAsyncZod<ServerContext> {
  const Item = z.object({ ...planFields, kind: z.literal(kind), summary: schemas.Summary });
  const Plan = Item.extend({ inputs: z.record(z.string(), z.unknown()), result: schemas.Result });
  return async (server, context) => {
    const { db } = context.app;

    server.post(
      path,
      {
        schema: {
          tags: TAGS,
          summary: `Make a ${schemas.what}`,
          description: schemas.make,
          body: schemas.body,
          response: { 201: Plan, ...errorResponses(400, 404) },
        },
      },
      async (request, reply) => {
        const plan = await context.withWarehouse<unknown>((warehouse) =>
          schemas.create(db, warehouse, request.body, actorOf(request.headers)),
        );
        return reply.code(201).send(plan as z.infer<typeof Plan>);
      },
    );

    server.get(
      path,
      {
        schema: {
          tags: TAGS,
          summary: `List ${schemas.what}s`,
          description: `The stored ${schemas.what}s, newest first, with their headline numbers but not their results.`,
          querystring: ListQuery,
          response: { 200: z.object({ plans: list(Item) }), ...errorResponses(400) },
        },
      },
      async (request) => ({
        plans: (await listWfmPlans(db, kind, { queue: request.query.queue })) as z.infer<typeof Item>[],
      }),
    );

    server.get(
      `${path}/:id`,
      {
        schema: {
          tags: TAGS,
          summary: `One ${schemas.what}`,
          description: `The ${schemas.what} with its inputs (defaults filled in) and its whole result.`,
          params: IdParams,
          response: { 200: Plan, ...errorResponses(400, 404) },
        },
      },
      async (request) => (await getWfmPlan(db, kind, request.params.id)) as z.infer<typeof Plan>,
    );

    server.post(
      `${path}/:id/publish`,
      {
        schema: {
          tags: TAGS,
          summary: `Publish a ${schemas.what} to the warehouse`,
          description:
            `Writes the ${schemas.what}'s staff per interval into the queue's workforce intervals (upserted on ` +
            "program, queue and start, other columns kept, on the grid the queue's rows already use) in one " +
            "import, and recomputes the metric components of the days touched. An earlier plan of the same " +
            "kind, queue and first day published before goes back to draft.",
          params: IdParams,
          response: { 200: Publish(Item), ...errorResponses(400, 404) },
        },
      },
      async (request) => {
        const done = await context.withWarehouse((warehouse) =>
          publishWfmPlan(db, warehouse, kind, request.params.id, actorOf(request.headers)),
        );
        return done as z.infer<ReturnType<typeof Publish>> & { plan: z.infer<typeof Item> };
      },
    );

    server.delete(
      `${path}/:id`,
      {
        schema: {
          tags: TAGS,
          summary: `Delete a ${schemas.what}`,
          description: `What a published ${schemas.what} wrote to the warehouse stays there.`,
          params: IdParams,
          response: { 204: z.undefined().describe("deleted"), ...errorResponses(400, 404) },
        },
      },
      async (request, reply) => {
        await deleteWfmPlan(db, kind, request.params.id, actorOf(request.headers));
        return reply.code(204).send();
      },
    );
  };
}

export const wfmPlanRoutes: FastifyPluginAsyncZod<ServerContext> = async (server, context) => {
  await server.register(
    kindRoutes("capacity", "/wfm/capacity-plans", {
      what: "capacity plan",
      make:
        "Forecasts the queue from the Monday after its history for `weeks` weeks and plans weekly required " +
        "FTE (Erlang C per interval at the service-level target, or workload over occupancy, grossed up for " +
        "shrinkage) against the FTE left after monthly attrition, with the gap, the week by which hiring must " +
        "start (hiring lag) and the hires recommended. Stored as a draft.",
      body: CapacityPlanInput,
      Summary: CapacitySummary,
      Result: CapacityResult,
      create: createCapacityPlan,
    }),
    context,
  );
  await server.register(
    kindRoutes("schedule", "/wfm/schedules", {
      what: "schedule",
      make:
        "Forecasts the queue's week, staffs each interval by Erlang C with shrinkage allowed for, and chooses " +
        "shifts from the patterns by integer programming (HiGHS), stopping after `timeLimitSeconds` with the " +
        "best schedule found and its gap to the LP bound. The request waits for the solver. Stored as a draft.",
      body: ScheduleInput,
      Summary: ScheduleSummary,
      Result: ScheduleResult,
      create: createSchedule,
    }),
    context,
  );
};
