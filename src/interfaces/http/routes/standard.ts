/**
 * GET /api/standard: a pack's items with points, totals per category and provider kind, and metric catalog.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { packSummary } from "../../../app/pack-summary.ts";
import { listPacks, loadPack } from "../../../standard/pack.ts";
import { Exhibit } from "../../../standard/schema.ts";
import type { ServerContext } from "../context.ts";
import { errorResponses } from "../errors.ts";

const Query = z.strictObject({
  pack: z
    .string()
    .refine((id) => listPacks().includes(id), { message: `expected a shipped pack: ${listPacks().join(", ")}` })
    .optional()
    .describe("pack id; the server's pack when left out"),
  exhibit: Exhibit.optional().describe("only the metrics of this exhibit"),
});

const Summary = z
  .object({
    pack: z.record(z.string(), z.unknown()).describe("the manifest: id, release, stated totals, rule parameters"),
    totals: z.record(z.string(), z.unknown()).describe("points available per category and in total, for csp and osp"),
    items: z.array(z.record(z.string(), z.unknown())).describe("items with points, category, applicability"),
    waivers: z.number().describe("number of OSP waivers"),
    metrics: z.array(z.record(z.string(), z.unknown())).describe("the metric catalog"),
  })
  .loose();

export const standardRoutes: FastifyPluginAsyncZod<ServerContext> = async (server, context) => {
  server.get(
    "/standard",
    {
      schema: {
        tags: ["standard"],
        summary: "The Standard",
        description: "Items with points, CSP and OSP totals per category, and the metric catalog of a pack.",
        querystring: Query,
        response: { 200: Summary, ...errorResponses(400) },
      },
    },
    async (request) => {
      const pack = request.query.pack ? loadPack(request.query.pack) : context.pack;
      return packSummary(pack, request.query.exhibit ? { exhibit: request.query.exhibit } : {});
    },
  );
};
