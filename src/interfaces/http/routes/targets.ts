/**
 * Targets: set one (POST), list those in force for a month, and the history of every change.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id } from "../../../app/organisation.ts";
import {
  Month,
  SCOPE_LEVELS,
  setTarget,
  Target,
  type TargetFilter,
  TargetInput,
  targetHistory,
  targetsInForce,
} from "../../../app/targets.ts";
import { actorOf, type ServerContext } from "../context.ts";
import { errorResponses } from "../errors.ts";

const Filter = {
  metric: z.string().min(1).optional().describe("only this metric id"),
  scopeLevel: z.enum(SCOPE_LEVELS).optional().describe("only targets set at this level"),
  scopeId: Id.optional().describe("only targets of this scope (with scopeLevel)"),
};
const needsLevel = (q: { scopeLevel?: string; scopeId?: string }) =>
  q.scopeId === undefined || q.scopeLevel !== undefined;
const needsLevelIssue = { message: "give scopeLevel with scopeId", path: ["scopeLevel"] };

const filterOf = (q: {
  metric?: string | undefined;
  scopeLevel?: TargetFilter["scope"] extends infer S ? (S extends { level: infer L } ? L : never) : never;
  scopeId?: string | undefined;
}): TargetFilter => ({
  ...(q.metric ? { metric: q.metric } : {}),
  ...(q.scopeLevel ? { scope: { level: q.scopeLevel, ...(q.scopeId ? { id: q.scopeId } : {}) } } : {}),
});

const currentMonth = () => new Date().toISOString().slice(0, 7);

export const targetRoutes: FastifyPluginAsyncZod<ServerContext> = async (server, context) => {
  const { db } = context.app;

  server.post(
    "/targets",
    {
      schema: {
        tags: ["targets"],
        summary: "Set a target",
        description:
          "Sets a target for a catalog metric at a scope from a month on. The row in force is closed (never " +
          "changed in place); a target below the pack's benchmark (by the metric's direction) needs a reason; " +
          "comparative targets need the date of their data.",
        body: TargetInput,
        response: { 201: Target, ...errorResponses(400) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await setTarget(db, context.pack, request.body, actorOf(request.headers))),
  );

  server.get(
    "/targets",
    {
      schema: {
        tags: ["targets"],
        summary: "Targets in force",
        description: "The targets in force in a month (this month when left out).",
        querystring: z.strictObject({ month: Month.optional(), ...Filter }).refine(needsLevel, needsLevelIssue),
        response: { 200: z.object({ month: z.string(), targets: z.array(Target) }), ...errorResponses(400) },
      },
    },
    async (request) => {
      const month = request.query.month ?? currentMonth();
      return { month, targets: await targetsInForce(db, { ...filterOf(request.query), month }) };
    },
  );

  server.get(
    "/targets/history",
    {
      schema: {
        tags: ["targets"],
        summary: "Target history",
        description:
          "Every target row ever set, by metric and scope in the order set: value, months in force, source, " +
          "reason, who set it and when, and the row that closed it.",
        querystring: z.strictObject(Filter).refine(needsLevel, needsLevelIssue),
        response: { 200: z.object({ targets: z.array(Target) }), ...errorResponses(400) },
      },
    },
    async (request) => ({ targets: await targetHistory(db, filterOf(request.query)) }),
  );
};
