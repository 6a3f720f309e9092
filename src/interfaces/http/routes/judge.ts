/**
 * POST /api/judge: the rules applied to metric series, as `cxpm judge` does (README, "The judge file").
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { JudgeInput, judge } from "../../../standard/judge.ts";
import { loadPack } from "../../../standard/pack.ts";
import type { ServerContext } from "../context.ts";
import { errorResponses } from "../errors.ts";

const Judgement = z
  .object({
    pack: z.string(),
    provider: z.enum(["csp", "osp"]),
    asOf: z.string(),
    series: z.array(z.unknown()).readonly().describe("per series: periods met, 3 of 4, improvement"),
    scopes: z.array(z.unknown()).readonly().describe("per scope: the 50/75 counts and verdict"),
    item46Met: z.boolean(),
    triggers: z.array(z.unknown()).readonly().describe("corrective-action triggers (2.8.2)"),
    governance: z.array(z.unknown()).readonly().describe("target-governance findings (1.3)"),
  })
  .describe("the judgement, as `cxpm judge --json` prints it");

export const judgeRoutes: FastifyPluginAsyncZod<ServerContext> = async (server) => {
  server.post(
    "/judge",
    {
      schema: {
        tags: ["standard"],
        summary: "Judge metric series",
        description:
          "Per period met, meeting targeted levels (3 of 4), sustained improvement, 50/75 per scope (Item 4.6), " +
          "corrective-action triggers and target-governance findings. The body is the judge file of the README.",
        body: JudgeInput,
        response: { 200: Judgement, ...errorResponses(400) },
      },
    },
    async (request) => judge(request.body, loadPack(request.body.pack)),
  );
};
