/**
 * GET /api/wfm/queues, /api/wfm/forecast and /api/wfm/target-consistency: the workforce manager's forecast
 * against what happened, and whether a real-time queue's service-level and abandonment targets agree (Item
 * 4.3.8). The work is done in src/app (wfm-forecast.ts, wfm-consistency.ts); these routes type and document it.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Month } from "../../../app/targets.ts";
import { BASES, consistencyReport } from "../../../app/wfm-consistency.ts";
import { forecastVsActual, wfmQueues } from "../../../app/wfm-forecast.ts";
import { METHODS } from "../../../methods/forecasting/index.ts";
import type { ServerContext } from "../context.ts";
import { errorResponses } from "../errors.ts";

const TAGS = ["wfm"];
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD");
const n = z.number().nullable();
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
const positive = (what: string) => z.coerce.number().positive().finite().describe(what);
const share = (what: string) => z.coerce.number().gt(0).lt(1).describe(what);

const Queue = z.object({
  id: z.string(),
  program: z.string(),
  channel: z.string(),
  kind: z.string(),
  slThresholdSeconds: n,
  timeZone: z.string().nullable(),
  contacts: z.number(),
  firstDay: z.string().nullable().describe("first local day with a contact"),
  lastDay: z.string().nullable().describe("last local day with a contact"),
});

const ErrorMeasures = z
  .object({ wape: n, mape: n })
  .describe("WAPE Σ|actual − forecast| / Σ actual and MAPE over intervals with contacts, as shares");
const Series = z.object({ contacts: list(z.number()), ahtSeconds: list(z.number().nullable()) });
const ForecastDay = z.object({
  day: z.string(),
  forecast: Series,
  actual: Series.nullable().describe("null after the history or on a gap in it"),
  totals: z.object({ forecast: z.number(), actual: n }),
  error: ErrorMeasures.nullable(),
});
const MethodScore = z.object({
  method: z.enum(METHODS),
  wape: n,
  mape: n,
  wapeVsBaseline: n,
  error: z.string().optional(),
});

const Sourced = z.object({ value: z.number(), source: z.string().describe("where the number came from") });
const QueueMonth = z.object({
  offered: z.number(),
  answered: z.number(),
  abandoned: z.number(),
  waitSeconds: z.number(),
  openIntervals: z.number(),
  busiest: z.object({ start: z.string(), calls: z.number(), ahtSeconds: n }).nullable(),
  average: z.object({ calls: z.number(), ahtSeconds: n }).nullable(),
  patienceSeconds: n,
});

export const wfmRoutes: FastifyPluginAsyncZod<ServerContext> = async (server, context) => {
  server.get(
    "/wfm/queues",
    {
      schema: {
        tags: TAGS,
        summary: "Queues for the WFM pages",
        description: "Every queue with its program, channel, kind, service-level threshold and span of history.",
        response: { 200: z.object({ queues: list(Queue) }) },
      },
    },
    async () => context.withWarehouse(async (warehouse) => ({ queues: await wfmQueues(warehouse) })),
  );

  server.get(
    "/wfm/forecast",
    {
      schema: {
        tags: TAGS,
        summary: "Forecast vs actual",
        description:
          "A queue's contacts and handle time per local interval forecast for `days` days from `from`, made from " +
          "its history before `from` with the method of lowest backtest WAPE (every method's score is given), " +
          "beside the actuals the warehouse holds for those days and the error per day and overall. Default " +
          "`from`: the last 7 days of the history.",
        querystring: z.strictObject({
          queue: z.string().min(1),
          from: Day.optional().describe("first local day forecast"),
          days: z.coerce.number().int().min(1).max(62).default(7),
          interval: z.coerce.number().int().min(5).max(60).default(30).describe("interval length in minutes"),
        }),
        response: {
          200: z.object({
            queue: z.string(),
            program: z.string(),
            kind: z.string(),
            timeZone: z.string(),
            intervalMinutes: z.number(),
            slots: list(z.string()).describe("local clock time each interval starts"),
            history: z.object({ from: z.string(), to: z.string() }).describe("the days the forecast was made from"),
            lastDay: z.string(),
            from: z.string(),
            to: z.string(),
            backtest: z.object({
              holdoutFirstDay: z.string(),
              holdoutDays: z.number(),
              scores: list(MethodScore),
            }),
            method: z.enum(METHODS).describe("the method chosen"),
            days: list(ForecastDay),
            error: ErrorMeasures.nullable(),
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const { interval, ...rest } = request.query;
      return context.withWarehouse((warehouse) => forecastVsActual(warehouse, { ...rest, intervalMinutes: interval }));
    },
  );

  server.get(
    "/wfm/target-consistency",
    {
      schema: {
        tags: TAGS,
        summary: "Service-level and abandonment targets consistent (4.3.8)",
        description:
          "For a real-time queue in a month: calls and handle time of its busiest (or average) interval, its " +
          "callers' patience estimated as total wait of all offered calls / calls abandoned, its threshold and " +
          "the targets in force for it; Erlang A staffs to the service-level target and the abandonment rate " +
          "it predicts there is the one the service-level target implies. Any number can be given instead, to " +
          "ask what if; without a queue every number must be given.",
        querystring: z
          .strictObject({
            queue: z.string().min(1).optional(),
            month: Month.optional().describe("local month; default the queue's latest"),
            basis: z.enum(BASES).default("busiest"),
            interval: z.coerce.number().int().min(5).max(60).default(30).describe("interval length in minutes"),
            calls: positive("calls offered in the interval"),
            ahtSeconds: positive("average handle time in seconds"),
            patienceSeconds: positive("callers' mean patience in seconds"),
            thresholdSeconds: z.coerce.number().min(0).finite().describe("service-level threshold in seconds"),
            serviceLevelTarget: share("service-level target as a share, 0.8 for 80%"),
            abandonmentTarget: share("abandonment target as a share, 0.05 for 5%"),
            tolerance: z.coerce.number().min(0).lt(1).default(0.01).describe("how far implied and target may differ"),
          })
          .partial({
            calls: true,
            ahtSeconds: true,
            patienceSeconds: true,
            thresholdSeconds: true,
            serviceLevelTarget: true,
            abandonmentTarget: true,
          }),
        response: {
          200: z.object({
            queue: z.string().nullable(),
            month: z.string().nullable(),
            basis: z.enum(BASES),
            intervalMinutes: z.number(),
            data: QueueMonth.nullable().describe("what the warehouse holds for the queue's month"),
            inputs: z.object({
              calls: Sourced,
              ahtSeconds: Sourced,
              patienceSeconds: Sourced,
              thresholdSeconds: Sourced,
              serviceLevelTarget: Sourced,
              abandonmentTarget: Sourced,
              tolerance: z.number(),
            }),
            load: z.number().describe("offered load in Erlangs"),
            result: z.object({
              consistent: z.boolean(),
              verdict: z.enum(["consistent", "abandonment-target-looser", "abandonment-target-tighter"]),
              agents: z.number().describe("agents that meet the service-level target"),
              serviceLevel: z.number(),
              impliedAbandonment: z.number().describe("abandonment Erlang A predicts with those agents"),
              agentsForAbandonmentTarget: z.number(),
              asaSeconds: z.number(),
              occupancy: z.number(),
            }),
            explanation: z.string(),
            curve: list(z.object({ agents: z.number(), serviceLevel: z.number(), abandonment: z.number() })),
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const { interval, ...rest } = request.query;
      return context.withWarehouse((warehouse) =>
        consistencyReport(context.app.db, warehouse, { ...rest, intervalMinutes: interval }),
      );
    },
  );
};
