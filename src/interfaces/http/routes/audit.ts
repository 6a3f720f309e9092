/**
 * GET /api/audit: the latest changes, newest first.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { listAudit } from "../../../app/audit.ts";
import type { ServerContext } from "../context.ts";
import { errorResponses } from "../errors.ts";

const Entry = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  subjectKind: z.string(),
  subjectId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export const auditRoutes: FastifyPluginAsyncZod<ServerContext> = async (server, context) => {
  server.get(
    "/audit",
    {
      schema: {
        tags: ["service"],
        summary: "Audit log",
        description: "Who changed what and when, with the record before and after; newest first.",
        querystring: z.strictObject({
          subjectKind: z.string().optional().describe("e.g. program or target"),
          subjectId: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: z.object({ entries: z.array(Entry) }), ...errorResponses(400) },
      },
    },
    async (request) => {
      const { subjectKind, subjectId, limit } = request.query;
      return {
        entries: await listAudit(context.app.db, {
          limit,
          ...(subjectKind ? { subjectKind } : {}),
          ...(subjectId ? { subjectId } : {}),
        }),
      };
    },
  );
};
