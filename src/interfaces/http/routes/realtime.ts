/**
 * GET /api/wfm/realtime: a queue's day at a moment (2.5.2) — the intraday reforecast and the staff it needs,
 * staff present against the plan (schedule attainment), each CSS's schedule adherence, and the alerts. It
 * answers what `cxpm wfm realtime --json` prints; the work is src/warehouse/realtime.ts.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { InvalidInputError, NotFoundError } from "../../../app/errors.ts";
import { ACTIVITIES } from "../../../methods/realtime/index.ts";
import { realtimeReport } from "../../../warehouse/realtime.ts";
import { queueSettings } from "../../../warehouse/wfm.ts";
import type { ServerContext } from "../context.ts";
import { errorResponses } from "../errors.ts";

const n = z.number().nullable();
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
const Activity = z.enum(ACTIVITIES);

const Interval = z.object({
  time: z.string().describe("local start, HH:MM"),
  startsAt: z.string().describe("UTC start"),
  phase: z.enum(["elapsed", "current", "ahead"]),
  forecast: z.number(),
  actual: n.describe("contacts so far; null ahead"),
  reforecast: z.number().describe("the actual where elapsed, the re-scaled forecast after"),
  forecastAhtSeconds: n,
  actualAhtSeconds: n,
  reforecastAhtSeconds: n,
  requiredForecast: z.number().describe("agents Erlang C requires for the forecast (the plan)"),
  requiredReforecast: z.number().describe("agents Erlang C requires for the reforecast"),
  scheduled: z.number().describe("agents scheduled to work, FTE of the interval"),
  present: n.describe("agents logged in a work state, FTE of the part before now; null ahead"),
  attainment: n.describe("1 − |present − required| / required (glossary deviation method)"),
  inBand: z.boolean().nullable().describe("present within 95–115% of required (glossary band method)"),
});

const Agent = z.object({
  agentId: z.string(),
  overlap: n.describe("adherence by the overlap method, share"),
  deviation: n.describe("adherence by the deviation method, share"),
  scheduledMinutes: z.number(),
  outOfAdherenceMinutes: z.number(),
  scheduledNow: Activity.nullable(),
  stateNow: z.string().describe('the logged state at now, "logged-off" without one'),
  inAdherenceNow: z.boolean().nullable(),
  intervals: list(z.object({ scheduled: Activity.nullable(), actual: z.string().nullable() })),
});

const Alert = z.discriminatedUnion("kind", [
  z.object({
    kind: z.enum(["volume", "handle-time"]),
    deviation: z.number().describe("actual / forecast − 1"),
    threshold: z.number(),
    fromInterval: z.number(),
    toInterval: z.number(),
    forecast: z.number(),
    actual: z.number(),
  }),
  z.object({
    kind: z.literal("understaffed"),
    interval: z.number(),
    required: z.number(),
    staff: z.number(),
    short: z.number(),
  }),
  z.object({
    kind: z.literal("out-of-adherence"),
    agentId: z.string(),
    start: z.number().describe("epoch seconds"),
    end: z.number(),
    minutes: z.number(),
    ongoing: z.boolean(),
  }),
]);

export const RealtimeResponse = z.object({
  queue: z.string(),
  program: z.string(),
  kind: z.string(),
  timeZone: z.string(),
  day: z.string(),
  at: z.string().describe("now, local HH:MM"),
  now: z.string().describe("now, UTC"),
  intervalMinutes: z.number(),
  forecastMethod: z.string(),
  serviceLevel: z.object({ target: z.number(), thresholdSeconds: z.number() }),
  threshold: z.number(),
  reforecast: z.object({
    ratio: n,
    arrived: z.number(),
    volumeFactor: z.number(),
    handleTimeFactor: z.number(),
    dayForecast: z.number(),
    dayReforecast: z.number(),
  }),
  attainment: z.object({ deviation: n, inBand: n }),
  adherence: z.object({ overlap: n, deviation: n }),
  intervals: list(Interval),
  agents: list(Agent),
  alerts: list(Alert),
});

export const realtimeRoutes: FastifyPluginAsyncZod<ServerContext> = async (server, context) => {
  server.get(
    "/wfm/realtime",
    {
      schema: {
        tags: ["wfm"],
        summary: "Real-time management (2.5.2)",
        description:
          "A queue's local day as it stood at `at` (default: the last moment of data): per interval the " +
          "forecast, the actuals so far and the intraday reforecast (the rest of the day scaled by actual over " +
          "forecast so far, damped by the share of the day arrived, capped at 0.5–2) with the agents Erlang C " +
          "requires, agents scheduled and present and schedule attainment; per CSS adherence by the glossary's " +
          "overlap and deviation methods with their state against their schedule; and the alerts: volume or " +
          "handle time beyond ±threshold over the last intervals, intervals ahead scheduled short of the " +
          "reforecast's requirement, CSSs out of adherence 10 minutes or more.",
        querystring: z.strictObject({
          queue: z.string().min(1),
          day: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
            .optional()
            .describe("local day; default the day of the queue's last contact"),
          at: z
            .string()
            .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a local time as HH:MM")
            .optional()
            .describe("local time taken as now"),
          threshold: z.coerce
            .number()
            .gt(0)
            .lt(10)
            .default(0.1)
            .describe("deviation that raises an alert, 0.1 for ±10%"),
          last: z.coerce
            .number()
            .int()
            .min(1)
            .max(48)
            .default(3)
            .describe("elapsed intervals the deviation alerts look at"),
        }),
        response: { 200: RealtimeResponse, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { queue, day, at, threshold, last } = request.query;
      return context.withWarehouse(async (warehouse) => {
        await queueSettings(warehouse, queue).catch((error: Error) => {
          throw new NotFoundError(error.message, [{ field: "queue", message: error.message }]);
        });
        try {
          return await realtimeReport(warehouse, {
            queue,
            threshold,
            lastIntervals: last,
            ...(day === undefined ? {} : { day }),
            ...(at === undefined ? {} : { at }),
          });
        } catch (error) {
          // What is left is the queue's data not bearing a report: no contacts, or too little history to forecast.
          const message = (error as Error).message;
          throw new InvalidInputError([{ field: day === undefined ? "queue" : "day", message }], message);
        }
      });
    },
  );
};
