/**
 * Imports from the app: GET /api/mappings (the shipped mappings), POST /api/imports (an upload, loaded in the
 * background), GET /api/imports (the history), GET /api/imports/:id (status, counts, row problems) and
 * GET /api/imports/:id/rejects (the rejected rows as CSV).
 *
 * An upload is multipart/form-data: the fields `dataset`, `mapping` (optional) and `onError` (optional), and one
 * or more files. The files are saved under the data folder (`uploads/<id>/files/`), the import is queued and the
 * answer (202) comes at once; the load runs when the warehouse is free. Bad fields are refused (400) with
 * nothing saved and nothing recorded.
 */
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import fastifyMultipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type FieldProblem, InvalidInputError } from "../../../app/errors.ts";
import {
  failInterruptedImports,
  getImport,
  ImportDetail,
  ImportRequest,
  ImportSummary,
  listImports,
  queueImport,
  rejectsFileOf,
  runImport,
  shippedMappings,
  stageUpload,
  uploadName,
} from "../../../app/imports.ts";
import { DATASETS } from "../../../warehouse/schema/tables.ts";
import { actorOf, type ServerContext } from "../context.ts";
import { ErrorBody, errorResponses } from "../errors.ts";

/** The largest file an upload may hold, and how many files. */
const LIMITS = { fileSize: 2 * 1024 ** 3, files: 50, fields: 10, fieldSize: 1024 } as const;

/** The upload form, for the API document (the handler reads the parts itself, in the order they arrive). */
const UploadForm = ImportRequest.extend({
  files: z
    .array(z.string().meta({ format: "binary" }))
    .describe("one or more files: CSV/TSV, JSON, NDJSON or Parquet; any field name"),
});

const ImportId = z.strictObject({ id: z.coerce.number().int().positive() });

export const importRoutes: FastifyPluginAsyncZod<ServerContext> = async (server, context) => {
  const { db } = context.app;
  const uploadsDir = join(context.dataDir, "uploads");
  // Imports a previous server left unfinished will never run: say so in their history.
  await failInterruptedImports(db);
  await server.register(fastifyMultipart, { limits: LIMITS, throwFileSizeLimit: true });

  // Loads still running when the server closes are waited for, so none is cut off mid-way.
  const running = new Set<Promise<unknown>>();
  server.addHook("onClose", async () => {
    await Promise.allSettled(running);
  });

  server.get(
    "/datasets",
    {
      schema: {
        tags: ["imports"],
        summary: "Canonical datasets",
        description:
          "The datasets an import can load, in the order a new operation loads them: name, what a row is, its " +
          "natural key. Columns are documented in docs/warehouse-schema.md.",
        response: {
          200: z.object({
            datasets: z.array(z.object({ name: z.string(), description: z.string(), naturalKey: z.array(z.string()) })),
          }),
        },
      },
    },
    async () => ({
      datasets: Object.values(DATASETS).map((t) => ({
        name: t.name,
        description: t.description,
        naturalKey: [...t.naturalKey],
      })),
    }),
  );

  server.get(
    "/mappings",
    {
      schema: {
        tags: ["imports"],
        summary: "Shipped mappings",
        description: "The mappings shipped with cxpm (examples/mappings): name, the dataset each loads, what it reads.",
        response: {
          200: z.object({
            mappings: z.array(z.object({ name: z.string(), dataset: z.string(), description: z.string() })),
          }),
        },
      },
    },
    async () => ({ mappings: shippedMappings() }),
  );

  server.get(
    "/imports",
    {
      schema: {
        tags: ["imports"],
        summary: "Import history",
        description: "Imports started from the app, newest first, with their status, row counts and timings.",
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: { 200: z.object({ imports: z.array(ImportSummary) }), ...errorResponses(400) },
      },
    },
    async (request) => ({ imports: await listImports(db, { limit: request.query.limit }) }),
  );

  server.post(
    "/imports",
    {
      schema: {
        tags: ["imports"],
        summary: "Upload and import files",
        description:
          "Multipart form: `dataset` (a canonical dataset), optional `mapping` (a shipped mapping's name; without " +
          "one the files' columns are named as the dataset's), optional `onError` (`fail`: one bad row fails the " +
          "import; `quarantine`: good rows load, bad ones go to a rejects file), and one or more files. Answers " +
          "202 with the queued import at once; follow it at GET /api/imports/{id}.",
        consumes: ["multipart/form-data"],
        body: UploadForm,
        response: { 202: ImportDetail, ...errorResponses(400), 413: ErrorBody, 415: ErrorBody },
      },
      // The form is read part by part below, as it streams in; the schema above documents it.
      validatorCompiler: () => (data) => ({ value: data }),
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        const message = "expected multipart/form-data with the fields dataset, mapping, onError and the files";
        return reply.code(415).send({ error: message, details: [{ field: "", in: "headers", message }] });
      }
      const staged = stageUpload(uploadsDir);
      try {
        const fields: Record<string, string> = {};
        const files: string[] = [];
        const problems: FieldProblem[] = [];
        for await (const part of request.parts()) {
          if (part.type === "file") {
            const name = uploadName(part.filename ?? "");
            const clash = name !== undefined && files.includes(name);
            if (name === undefined || clash) {
              problems.push({
                field: part.fieldname,
                message: clash ? `two files named "${name}"` : "a file without a usable name",
              });
              part.file.resume();
              continue;
            }
            await pipeline(part.file, createWriteStream(join(staged.folder, name)));
            files.push(name);
          } else if (part.fieldname in fields) {
            problems.push({ field: part.fieldname, message: "given more than once" });
          } else if (part.value !== "") {
            // An empty field is a field not given.
            fields[part.fieldname] = String(part.value);
          }
        }
        if (problems.length) throw new InvalidInputError(problems);
        const queued = await queueImport(
          db,
          uploadsDir,
          fields,
          { folder: staged.folder, files },
          actorOf(request.headers),
        );
        const run = runImport(db, context.withWarehouse, uploadsDir, queued.id)
          .catch((error: Error) => request.log.error(error, `import ${queued.id}`))
          .finally(() => running.delete(run));
        running.add(run);
        return reply.code(202).send(queued);
      } finally {
        // Adopted by the import when it was queued; otherwise nothing of the upload is kept.
        staged.remove();
      }
    },
  );

  server.get(
    "/imports/:id",
    {
      schema: {
        tags: ["imports"],
        summary: "An import",
        description:
          "Status and progress, row counts, timings, why it failed, and each bad row's file, line, field, value " +
          "and what was expected.",
        params: ImportId,
        response: { 200: ImportDetail, ...errorResponses(400, 404) },
      },
    },
    async (request) => getImport(db, request.params.id),
  );

  server.get(
    "/imports/:id/rejects",
    {
      schema: {
        tags: ["imports"],
        summary: "Rejected rows",
        description:
          "The rows a quarantining import left out, as CSV: file, line, the problems found, and the record read.",
        params: ImportId,
        produces: ["text/csv"],
        response: { 200: z.string().describe("CSV"), ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const file = await rejectsFileOf(db, id);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="import-${id}-rejects.csv"`)
        .send(await readFile(file, "utf8"));
    },
  );
};
