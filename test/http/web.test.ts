/**
 * Serving the built web UI: files as they are (hashed assets cached for good), index.html for every page of the
 * app so a URL can be reloaded, /api left to the API (its JSON 404), and a 503 that says what to run when the UI
 * has not been built.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installErrorHandlers } from "../../src/interfaces/http/errors.ts";
import { serveWeb } from "../../src/interfaces/http/web.ts";

const INDEX = '<!doctype html><html><body><div id="root"></div></body></html>';

async function serverOn(root: string): Promise<FastifyInstance> {
  const server = Fastify();
  installErrorHandlers(server);
  server.get("/api/health", async () => ({ status: "ok" }));
  await serveWeb(server, root);
  await server.ready();
  return server;
}

describe("the web UI's files", () => {
  let root: string;
  let server: FastifyInstance;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "cxpm-web-"));
    mkdirSync(join(root, "assets"));
    writeFileSync(join(root, "index.html"), INDEX);
    writeFileSync(join(root, "assets/index-abc123.js"), "console.log('cxpm');");
    writeFileSync(join(root, "favicon.svg"), "<svg/>");
    writeFileSync(join(tmpdir(), "cxpm-web-secret.txt"), "outside the web root");
    server = await serverOn(root);
  });

  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(join(tmpdir(), "cxpm-web-secret.txt"), { force: true });
  });

  it("serves index.html at / and for every page of the app, uncached", async () => {
    for (const url of ["/", "/summary?scopeLevel=location&scopeId=manila", "/metrics/rt.service_level", "/x/y"]) {
      const response = await server.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^text\/html/);
      expect(response.body).toBe(INDEX);
      expect(response.headers["cache-control"]).toMatch(/max-age=0/);
    }
  });

  it("serves files as they are, hashed assets for a year", async () => {
    const asset = await server.inject({ method: "GET", url: "/assets/index-abc123.js" });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["content-type"]).toMatch(/javascript/);
    expect(asset.headers["cache-control"]).toMatch(/max-age=31536000.*immutable/);
    const icon = await server.inject({ method: "GET", url: "/favicon.svg" });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers["cache-control"]).toMatch(/max-age=0/);
  });

  it("leaves /api to the API: its routes, and its JSON 404 for the rest", async () => {
    expect((await server.inject({ method: "GET", url: "/api/health" })).json()).toEqual({ status: "ok" });
    const missing = await server.inject({ method: "GET", url: "/api/nothing-here" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatch(/no route GET \/api\/nothing-here/);
  });

  it("never serves a file outside its folder", async () => {
    for (const url of [
      "/../cxpm-web-secret.txt",
      "/%2e%2e/cxpm-web-secret.txt",
      "/assets/..%2f..%2fcxpm-web-secret.txt",
    ]) {
      const response = await server.inject({ method: "GET", url });
      expect(response.body, url).not.toContain("outside the web root");
    }
  });

  it("says how to build the UI when it is not built", async () => {
    const empty = mkdtempSync(join(tmpdir(), "cxpm-web-empty-"));
    const bare = await serverOn(empty);
    try {
      const response = await bare.inject({ method: "GET", url: "/" });
      expect(response.statusCode).toBe(503);
      expect(response.body).toMatch(/npm run build:web/);
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
