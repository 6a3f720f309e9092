/**
 * Every error leaves the API as `{ error, details }`: `error` one sentence, `details` one entry per field at
 * fault (`field` is a path such as `scope.id` or `series[0].periods[1].period`, `in` says where: body, query,
 * params or headers). 4xx for input the caller can fix, 500 for our own failures (logged, never leaked).
 */
import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../app/errors.ts";
import { JudgeInputError } from "../../standard/judge.ts";
import { PackError } from "../../standard/pack.ts";

export const ErrorBody = z
  .object({
    error: z.string().describe("what went wrong, in one sentence"),
    details: z
      .array(
        z.object({
          field: z.string().describe("path of the field at fault, e.g. scope.id or series[0].periods[1].value"),
          in: z.enum(["body", "query", "params", "headers"]).optional(),
          message: z.string(),
        }),
      )
      .describe("one entry per problem"),
  })
  .describe("an error: what went wrong, and each field at fault");
export type ErrorBody = z.infer<typeof ErrorBody>;
type Detail = ErrorBody["details"][number];

/** Standard error responses for a route's schema, so they appear in the OpenAPI document. */
export const errorResponses = (...codes: (400 | 404 | 409 | 503)[]) =>
  Object.fromEntries(codes.map((code) => [code, ErrorBody])) as Record<400 | 404 | 409 | 503, typeof ErrorBody>;

const CONTEXT: Record<string, Detail["in"]> = {
  body: "body",
  querystring: "query",
  params: "params",
  headers: "headers",
};

/** `/series/0/periods/1` → `series[0].periods[1]`. */
function fieldOf(instancePath: string, extraKey?: string): string {
  const parts = instancePath.split("/").filter(Boolean);
  if (extraKey !== undefined) parts.push(extraKey);
  return parts.reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), "");
}

const summary = (details: readonly Detail[]) =>
  details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join("; ");

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = CONTEXT[error.validationContext ?? "body"] ?? "body";
      const details: Detail[] = error.validation.flatMap((issue) => {
        const keys = (issue.params as { keys?: unknown }).keys;
        if (issue.keyword === "unrecognized_keys" && Array.isArray(keys)) {
          return keys.map((key) => ({
            field: fieldOf(issue.instancePath, String(key)),
            in: where,
            message: "unknown field",
          }));
        }
        return [{ field: fieldOf(issue.instancePath), in: where, message: issue.message ?? "invalid" }];
      });
      return reply.code(400).send({ error: `invalid ${where}: ${summary(details)}`, details });
    }
    if (error instanceof AppError) {
      return reply.code(error.status).send({ error: error.message, details: [...error.details] });
    }
    if (error instanceof JudgeInputError) {
      const details = error.problems.map((problem) => {
        const at = problem.indexOf(": ");
        return at > 0
          ? { field: problem.slice(0, at), in: "body" as const, message: problem.slice(at + 2) }
          : { field: "", in: "body" as const, message: problem };
      });
      return reply.code(400).send({ error: `invalid body: ${summary(details)}`, details });
    }
    if (error instanceof PackError) {
      return reply.code(400).send({
        error: error.message,
        details: error.problems.map((message) => ({ field: "pack", message })),
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own: malformed JSON, an empty body, a body too large, an unsupported media type.
      return reply
        .code(status)
        .send({ error: error.message, details: [{ field: "", in: "body", message: error.message }] });
    }
    request.log.error(error);
    if (!request.log.level || request.log.level === "silent") {
      process.stderr.write(`cxpm server: ${request.method} ${request.url}: ${error.stack ?? error.message}\n`);
    }
    return reply.code(500).send({ error: "internal error: the server could not complete the request", details: [] });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: `no route ${request.method} ${request.url.split("?")[0]}; the API is described at /api/openapi.json`,
      details: [],
    }),
  );
}
