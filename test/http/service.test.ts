/**
 * The service routes: health on both engines, the OpenAPI document (valid, and listing every route the server
 * has), the API reference page, and the JSON 404 of an unknown API path.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import type { FastifyInstance } from "fastify";
import { describe, expect, it } from "vitest";
import { ENGINES, openTestAppDb } from "../support/app-db.ts";
import { serverPerSuite, startTestServer } from "../support/server.ts";

/** Every METHOD /path the server answers (HEAD aside), read from Fastify's route tree. */
function routesOf(server: FastifyInstance): string[] {
  const path: string[] = [];
  const routes: string[] = [];
  for (const line of server.printRoutes({ commonPrefix: false }).split("\n")) {
    const match = /^(.*?)[└├]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    path.length = match[1]!.length / 4;
    path.push(match[2]!);
    for (const method of match[3]?.split(", ") ?? []) if (method !== "HEAD") routes.push(`${method} ${path.join("")}`);
  }
  return routes.sort();
}

describe.each(ENGINES)("service routes on %s", (engine) => {
  const api = serverPerSuite(engine);

  it("GET /api/health says ok, with the engine the app database runs on", async () => {
    const response = await api().request("GET", "/api/health");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: "ok",
      pack: "copc-cx-cc-7.0",
      database: { engine, location: api().app.location },
    });
    expect(Date.parse(response.body.time)).not.toBeNaN();
  });

  it("answers an unknown API path with a JSON 404 that points to the API document", async () => {
    const response = await api().request("GET", "/api/healthz");
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      error: "no route GET /api/healthz; the API is described at /api/openapi.json",
      details: [],
    });
  });
});

describe("health when the app database does not answer", () => {
  it("is a 503 naming the database", async () => {
    const app = await openTestAppDb("postgres");
    const test = await startTestServer(app);
    try {
      await app.close();
      const response = await test.request("GET", "/api/health");
      expect(response.status).toBe(503);
      expect(response.body.error).toMatch(/^the app database does not answer: /);
      expect(response.body.details).toMatchObject([{ field: "database" }]);
    } finally {
      await test.close();
      await app.drop();
    }
  });
});

describe("the API document", () => {
  const api = serverPerSuite("pglite");

  it("is a valid OpenAPI 3 document", async () => {
    const response = await api().request("GET", "/api/openapi.json");
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\.\d+\.\d+$/);
    const result = await new Validator().validate(response.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("lists every route of the API, each with a summary and a tag", async () => {
    const doc = (await api().request("GET", "/api/openapi.json")).body;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replaceAll(/\{(\w+)\}/g, ":$1")}`),
      )
      .sort();
    const served = routesOf(api().server).filter(
      (r) => / \/api\//.test(r) && !r.includes("/api/docs") && !r.endsWith("/api/openapi.json"),
    );
    expect(documented).toEqual(served);
    for (const route of [
      "GET /api/health",
      "GET /api/standard",
      "POST /api/organisation/entities",
      "POST /api/targets",
      "GET /api/metrics",
      "POST /api/judge",
      "GET /api/audit",
      "POST /api/imports",
      "GET /api/imports/:id/rejects",
      "GET /api/mappings",
    ]) {
      expect(documented).toContain(route);
    }
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, operation] of Object.entries(methods)) {
        expect(operation.summary, `${method} ${path}`).toBeTruthy();
        expect(operation.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
    // The upload is documented as a multipart form with its files.
    const upload = doc.paths["/api/imports"].post.requestBody.content["multipart/form-data"].schema;
    expect(upload.required).toContain("dataset");
    expect(upload.properties.files.items).toMatchObject({ type: "string", format: "binary" });
  });

  it("has a browsable reference at /api/docs, served without a CDN", async () => {
    const page = await api().server.inject({ method: "GET", url: "/api/docs/" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    expect(page.body).toContain("swagger-ui");
    expect(page.body).not.toMatch(/https?:\/\/(cdn|unpkg)/);
    const script = await api().server.inject({ method: "GET", url: "/api/docs/static/swagger-initializer.js" });
    expect(script.statusCode).toBe(200);
  });
});

interface Operation {
  summary?: string;
  tags?: string[];
}
