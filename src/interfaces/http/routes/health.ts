/**
 * GET /api/health: the server is up and its app database answers.
 */

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import { API_VERSION, type ServerContext } from "../context.ts";
import { errorResponses } from "../errors.ts";

const Health = z.object({
  status: z.literal("ok"),
  version: z.string(),
  pack: z.string().describe("the pack targets are checked against"),
  database: z.object({ engine: z.enum(["pglite", "postgres"]), location: z.string() }),
  time: z.string(),
});

export const healthRoutes: FastifyPluginAsyncZod<ServerContext> = async (server, context) => {
  server.get(
    "/health",
    {
      schema: {
        tags: ["service"],
        summary: "Health",
        description: "ok when the server runs and its app database answers a query; 503 otherwise.",
        response: { 200: Health, ...errorResponses(503) },
      },
    },
    async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(context.app.db);
      } catch (error) {
        return reply.code(503).send({
          error: `the app database does not answer: ${(error as Error).message}`,
          details: [{ field: "database", message: (error as Error).message }],
        });
      }
      return {
        status: "ok" as const,
        version: API_VERSION,
        pack: context.pack.manifest.id,
        database: { engine: context.app.engine, location: context.app.location },
        time: new Date().toISOString(),
      };
    },
  );
};
