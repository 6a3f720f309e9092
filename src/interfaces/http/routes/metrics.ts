/**
 * GET /api/metrics: metric values per period and scope, rolled up exactly from the warehouse's components.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Month } from "../../../app/targets.ts";
import { computableMetrics, metricValues } from "../../../warehouse/metrics/compute.ts";
import type { ServerContext } from "../context.ts";
import { errorResponses } from "../errors.ts";

const MetricValue = z.object({
  metric: z.string(),
  name: z.string(),
  unit: z.string(),
  period: z.string(),
  scope: z.string(),
  value: z.number().nullable().describe("null when the denominator is zero"),
  components: z.record(z.string(), z.number()).describe("the summed components behind the value"),
  interval: z
    .object({ n: z.number(), lower: z.number(), upper: z.number() })
    .optional()
    .describe("for sampled percentages: sample size and 95% Wilson interval, in percent"),
});

export const metricsRoutes: FastifyPluginAsyncZod<ServerContext> = async (server, context) => {
  const computable = new Set(computableMetrics(context.pack).map((m) => m.id));
  const Query = z
    .strictObject({
      by: z.enum(["month", "quarter"]).default("month"),
      scope: z.enum(["program", "location", "region", "service", "entity"]).default("program"),
      from: Month.optional().describe("first month, YYYY-MM"),
      to: Month.optional().describe("last month, YYYY-MM"),
      metric: z
        .union([z.string(), z.array(z.string())])
        .optional()
        .transform((m) => (m === undefined ? [] : (Array.isArray(m) ? m : [m]).flatMap((s) => s.split(","))))
        .pipe(
          z.array(
            z.string().refine((id) => computable.has(id), {
              message: `not a metric the warehouse computes yet; one of: ${[...computable].sort().join(", ")}`,
            }),
          ),
        )
        .describe("metric ids, repeated or comma-separated; all computable metrics when left out"),
    })
    .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be after to", path: ["from"] });

  server.get(
    "/metrics",
    {
      schema: {
        tags: ["metrics"],
        summary: "Metric values",
        description:
          "Values per period (month or quarter) and scope (program, location, region, service, entity), each " +
          "computed from its catalog formula over exactly summed components, with the components themselves.",
        querystring: Query,
        response: {
          200: z.object({
            by: z.string(),
            scope: z.string(),
            from: z.string().nullable(),
            to: z.string().nullable(),
            values: z.array(MetricValue),
          }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => {
      const { by, scope, from, to, metric } = request.query;
      const values = await context.withWarehouse((warehouse) =>
        metricValues(warehouse, context.pack, {
          by,
          scope,
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          ...(metric.length ? { metrics: metric } : {}),
        }),
      );
      return { by, scope, from: from ?? null, to: to ?? null, values };
    },
  );
};
