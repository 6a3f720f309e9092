/**
 * Performance against targets: the Overview (50/75 by scope), the Performance Summary Table (with CSV and XLSX
 * exports) and one metric's detail with its drill-down.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { metricDetail } from "../../../app/metric-detail.ts";
import { overview } from "../../../app/overview.ts";
import { loadPerformance } from "../../../app/performance.ts";
import { summaryCsv, summaryTable, summaryXlsx } from "../../../app/summary.ts";
import { Month } from "../../../app/targets.ts";
import type { ServerContext } from "../context.ts";
import { errorResponses } from "../errors.ts";

/** Arrays as the services return them: read-only. */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

const ScopeLevel = z.enum(["entity", "region", "location", "service", "program"]);
const Window = {
  from: Month.optional().describe(
    "first month, YYYY-MM (default: 11 months before `to`, or the first month with data)",
  ),
  to: Month.optional().describe("last month, YYYY-MM (default: the latest month with data)"),
};
const Scope = z.object({ level: z.string(), id: z.string(), name: z.string() });
const Point = z.object({
  period: z.string(),
  value: z.number().nullable(),
  target: z.number().nullable(),
  met: z.boolean().nullable(),
  components: z.record(z.string(), z.number()),
  n: z.number().optional().describe("sample size, for sampled percentages"),
  lower: z.number().optional().describe("95% Wilson interval, lower bound, percent"),
  upper: z.number().optional(),
});
const Trigger = z.record(z.string(), z.unknown()).describe("a corrective-action trigger (2.8.2), by kind");
const Finding = z.record(z.string(), z.unknown()).describe("a target-governance finding (1.3), by kind");
const Freshness = z.object({
  earliestDay: z
    .string()
    .nullable()
    .describe("where the data typically begins: the median of the process groups' first days"),
  latestDay: z.string().nullable().describe("last local day with data"),
  lastImportAt: z.string().nullable(),
  batches: z.number(),
});

const SummaryQuery = z
  .strictObject({
    ...Window,
    scopeLevel: ScopeLevel.optional().describe("only metrics measured within this scope"),
    scopeId: z.string().min(1).optional(),
    channel: z.string().min(1).optional().describe("only rows whose program has queues in this channel"),
    program: z.string().min(1).optional().describe("only this program's rows"),
  })
  .refine((q) => !q.scopeLevel || q.scopeLevel === "entity" || q.scopeId, {
    message: "give scopeId with scopeLevel",
    path: ["scopeId"],
  });

const SummaryCell = z.object({
  period: z.string(),
  value: z.number().nullable(),
  target: z.number().nullable(),
  met: z.boolean().nullable(),
  improving: z.boolean(),
  n: z.number().optional(),
  lower: z.number().optional(),
  upper: z.number().optional(),
});
const SummaryRow = z.object({
  key: z.string(),
  metric: z.string(),
  name: z.string(),
  unit: z.string(),
  item: z.string(),
  itemName: z.string(),
  category: z.string(),
  direction: z.enum(["higher", "lower", "none"]),
  program: z.object({ id: z.string(), name: z.string() }).nullable(),
  channels: list(z.string()),
  benchmark: z.number().nullable(),
  targetSource: z.string().nullable(),
  cells: list(SummaryCell),
  evaluated: z.number(),
  met: z.number(),
  meeting: z.boolean(),
  improving: z.boolean(),
});
const Summary = z.object({
  asOf: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  periods: list(z.string()),
  rows: list(SummaryRow),
  filters: z.object({
    programs: list(z.object({ id: z.string(), name: z.string() })),
    channels: list(z.string()),
    scopes: list(Scope),
  }),
});

export const performanceRoutes: FastifyPluginAsyncZod<ServerContext> = async (server, context) => {
  const { db } = context.app;
  const { pack } = context;
  const summaryOf = (query: z.infer<typeof SummaryQuery>) =>
    context.withWarehouse(async (warehouse) => {
      const { from, to, ...filter } = query;
      const performance = await loadPerformance(db, pack, warehouse, {
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      });
      return summaryTable(performance, filter);
    });

  server.get(
    "/overview",
    {
      schema: {
        tags: ["performance"],
        summary: "Overview: the 50/75 verdict by scope",
        description:
          "For the entity and each region, location and service: the Item 4.6 verdict with its counts, the " +
          "metrics failing targeted levels, corrective-action triggers, target-governance findings, and how fresh " +
          "the data is.",
        querystring: z.strictObject(Window),
        response: {
          200: z.object({
            asOf: z.string().nullable(),
            provider: z.enum(["csp", "osp"]),
            from: z.string(),
            to: z.string(),
            periods: list(z.string()),
            scopes: list(
              z.object({
                scope: Scope,
                counted: z.number(),
                meeting: z.number(),
                meetingOrImproving: z.number(),
                meetingShare: z.number().nullable(),
                meetingOrImprovingShare: z.number().nullable(),
                met: z.boolean(),
                failing: z.number(),
                triggers: list(Trigger),
                governance: z.number(),
              }),
            ),
            triggers: list(Trigger),
            governance: list(Finding),
            freshness: Freshness,
          }),
          ...errorResponses(400),
        },
      },
    },
    async (request) =>
      context.withWarehouse(async (warehouse) => {
        const { from, to } = request.query;
        return overview(
          await loadPerformance(db, pack, warehouse, { ...(from ? { from } : {}), ...(to ? { to } : {}) }),
        );
      }),
  );

  server.get(
    "/summary",
    {
      schema: {
        tags: ["performance"],
        summary: "Performance Summary Table",
        description:
          "Metrics as rows (by item 4.1–4.5 and category), months as columns: value, target, met, and " +
          "sustained-improvement markers; per row the months met and whether targeted levels are met.",
        querystring: SummaryQuery,
        response: { 200: Summary, ...errorResponses(400) },
      },
    },
    async (request) => summaryOf(request.query),
  );

  server.get(
    "/summary.csv",
    {
      schema: {
        tags: ["performance"],
        summary: "Performance Summary Table as CSV",
        querystring: SummaryQuery,
        produces: ["text/csv"],
        response: { 200: z.string().describe("the table as CSV, three columns per month"), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const table = await summaryOf(request.query);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="performance-summary-${table.from}-${table.to}.csv"`)
        .send(summaryCsv(table));
    },
  );

  server.get(
    "/summary.xlsx",
    {
      schema: {
        tags: ["performance"],
        summary: "Performance Summary Table as XLSX",
        querystring: SummaryQuery,
        produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
        response: { 200: z.unknown().describe("the table as an XLSX workbook"), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const table = await summaryOf(request.query);
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="performance-summary-${table.from}-${table.to}.xlsx"`)
        .send(await summaryXlsx(table));
    },
  );

  server.get(
    "/metrics/:id/detail",
    {
      schema: {
        tags: ["performance"],
        summary: "One metric in depth",
        description:
          "The catalog definition, monthly values at a scope against the target in force with the components " +
          "and sample sizes behind every point, and the same series for every program and queue within the scope.",
        params: z.object({ id: z.string().min(1) }),
        querystring: z
          .strictObject({ ...Window, scopeLevel: ScopeLevel.optional(), scopeId: z.string().min(1).optional() })
          .refine((q) => !q.scopeLevel || q.scopeLevel === "entity" || q.scopeId, {
            message: "give scopeId with scopeLevel",
            path: ["scopeId"],
          }),
        response: {
          200: z.object({
            metric: z.record(z.string(), z.unknown()).describe("the catalog entry"),
            scope: Scope,
            from: z.string(),
            to: z.string(),
            periods: list(z.string()),
            benchmark: z.number().nullable(),
            points: list(Point),
            breakdown: z.object({
              programs: list(z.object({ id: z.string(), name: z.string(), points: list(Point) })),
              queues: list(z.object({ id: z.string(), name: z.string(), program: z.string(), points: list(Point) })),
              agents: list(
                z.object({
                  agent: z.string(),
                  value: z.number().nullable(),
                  components: z.record(z.string(), z.number()),
                }),
              )
                .nullable()
                .describe("each CSS over the window, best first; null when the metric is not one CSS's work"),
            }),
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) =>
      context.withWarehouse((warehouse) =>
        metricDetail(db, pack, warehouse, { metric: request.params.id, ...request.query }),
      ),
  );
};
