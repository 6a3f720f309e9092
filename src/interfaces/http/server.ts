/**
 * The HTTP API: Fastify with zod schemas on every route (request validation and the OpenAPI document come
 * from the same schemas), served under /api; the OpenAPI 3.1 document at /api/openapi.json and a browsable
 * reference at /api/docs (Swagger UI, served from the package: nothing from a CDN).
 *
 * @example
 * ```ts
 * const app = await openAppDb({ dataDir: "data/app" });
 * const server = await buildServer({ app, withWarehouse: warehouseAt("data/warehouse.duckdb") });
 * await server.listen({ port: 3000 });
 * ```
 */
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { AppDb } from "../../app/db/connect.ts";
import { DEFAULT_PACK, loadPack, type Pack } from "../../standard/pack.ts";
import { API_VERSION, type ServerContext, type WithWarehouse } from "./context.ts";
import { installErrorHandlers } from "./errors.ts";
import { auditRoutes } from "./routes/audit.ts";
import { healthRoutes } from "./routes/health.ts";
import { importRoutes } from "./routes/imports.ts";
import { judgeRoutes } from "./routes/judge.ts";
import { metricsRoutes } from "./routes/metrics.ts";
import { organisationRoutes } from "./routes/organisation.ts";
import { performanceRoutes } from "./routes/performance.ts";
import { qualityRoutes } from "./routes/quality.ts";
import { realtimeRoutes } from "./routes/realtime.ts";
import { standardRoutes } from "./routes/standard.ts";
import { targetRoutes } from "./routes/targets.ts";
import { wfmRoutes } from "./routes/wfm.ts";
import { wfmPlanRoutes } from "./routes/wfm-plans.ts";
import { serveWeb } from "./web.ts";

export interface ServerOptions {
  /** The app database: organisation, targets, audit log. */
  readonly app: AppDb;
  /** How to reach the warehouse (see {@link warehouseAt}). */
  readonly withWarehouse: WithWarehouse;
  /** The pack targets are checked against; the default pack unless given. */
  readonly pack?: Pack;
  /** Fastify's request log (pino, JSON lines on stdout). Off by default. */
  readonly logger?: boolean;
  /** The data folder, for uploads and rejects files; `data` unless given. */
  readonly dataDir?: string;
  /** The built web UI; dist/web unless given. */
  readonly webRoot?: string;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const server = Fastify({ logger: options.logger ?? false, bodyLimit: 16 * 1024 * 1024 });
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  installErrorHandlers(server);

  await server.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "cxpm API",
        version: API_VERSION,
        description:
          "Performance management on the COPC CX Standard: the Standard as data, the organisation, targets and " +
          "their history, metric values from the warehouse, and the rules that judge them. Errors are " +
          "`{ error, details }` with one detail per field at fault. Until sign-in arrives, a caller names itself " +
          "in the X-Cxpm-User header; changes are recorded in the audit log under that name.",
      },
      tags: [
        { name: "service", description: "health and the API document" },
        { name: "standard", description: "the Standard as data and its rules" },
        { name: "organisation", description: "entity, regions, locations, clients, services, programs, queues" },
        { name: "targets", description: "targets and their history (Item 1.3)" },
        { name: "metrics", description: "metric values computed in the warehouse" },
        { name: "performance", description: "overview, Performance Summary Table and metric detail" },
        { name: "imports", description: "uploads loaded into the warehouse, their history and rejected rows" },
        { name: "quality", description: "sample plan, monitoring, coaching, calibration and the link to satisfaction" },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await server.register(fastifySwaggerUi, { routePrefix: "/api/docs", uiConfig: { deepLinking: true } });

  const context: ServerContext = {
    app: options.app,
    pack: options.pack ?? loadPack(DEFAULT_PACK),
    withWarehouse: options.withWarehouse,
    dataDir: options.dataDir ?? "data",
  };
  const api = server.withTypeProvider<ZodTypeProvider>();
  await api.register(
    async (scoped) => {
      await scoped.register(healthRoutes, context);
      await scoped.register(standardRoutes, context);
      await scoped.register(organisationRoutes, context);
      await scoped.register(targetRoutes, context);
      await scoped.register(metricsRoutes, context);
      await scoped.register(performanceRoutes, context);
      await scoped.register(qualityRoutes, context);
      await scoped.register(judgeRoutes, context);
      await scoped.register(auditRoutes, context);
      await scoped.register(importRoutes, context);
      await scoped.register(wfmRoutes, context);
      await scoped.register(wfmPlanRoutes, context);
      await scoped.register(realtimeRoutes, context);
    },
    { prefix: "/api" },
  );
  server.get("/api/openapi.json", { schema: { hide: true } }, async () => server.swagger());
  // The web UI at / and every path outside /api (dist/web, built by `npm run build:web`).
  await serveWeb(server, options.webRoot);
  await server.ready();
  return server;
}
