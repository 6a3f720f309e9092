/**
 * The HTTP API for tests: the real server (`buildServer`) on a test app database, with a data folder and a
 * warehouse file in a temporary folder. Requests go through `server.inject`: no port, no network.
 *
 * @example
 * ```ts
 * describe.each(ENGINES)("organisation API on %s", (engine) => {
 *   const api = serverPerTest(engine);
 *   it("creates the entity", async () => {
 *     expect((await api().request("POST", "/api/organisation/entities", { id: "acme" })).status).toBe(201);
 *   });
 * });
 * ```
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { warehouseAt } from "../../src/interfaces/http/context.ts";
import { buildServer } from "../../src/interfaces/http/server.ts";
import { loadPack } from "../../src/standard/pack.ts";
import { appDbPerSuite, appDbPerTest, type TestAppDb, type TestEngine } from "./app-db.ts";

const pack = loadPack();

export interface Response {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads the JSON it expects
  readonly body: any;
}

export interface TestServer {
  readonly server: FastifyInstance;
  readonly app: TestAppDb;
  /** The server's data folder (uploads live under it). */
  readonly dataDir: string;
  /** The warehouse file the server reads. */
  readonly warehouse: string;
  /** A request as a person named `user` (the X-Cxpm-User header); `body` is sent as JSON. */
  request(method: "GET" | "POST" | "PATCH" | "DELETE", url: string, body?: unknown, user?: string): Promise<Response>;
}

export interface TestServerOptions {
  /** A warehouse file to read (shared, not removed); a new empty one in the data folder otherwise. */
  readonly warehouse?: string;
}

/** Starts the server on `app`. `close` stops it and removes its data folder (the database is the caller's). */
export async function startTestServer(
  app: TestAppDb,
  options: TestServerOptions = {},
): Promise<TestServer & { close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), "cxpm-http-"));
  const warehouse = options.warehouse ?? join(dataDir, "warehouse.duckdb");
  const server = await buildServer({ app, withWarehouse: warehouseAt(warehouse), pack, dataDir });
  return {
    server,
    app,
    dataDir,
    warehouse,
    async request(method, url, body, user) {
      const response = await server.inject({
        method,
        url,
        ...(body === undefined ? {} : { payload: body as object }),
        ...(user ? { headers: { "x-cxpm-user": user } } : {}),
      });
      const text = response.body;
      let json: unknown;
      try {
        json = text === "" ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.statusCode, headers: response.headers, text, body: json };
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A server on a fresh app database for each test of the enclosing `describe` (for routes that write). */
export function serverPerTest(engine: TestEngine, options: TestServerOptions = {}): () => TestServer {
  return serverFor(appDbPerTest(engine), beforeEach, afterEach, options);
}

/** One server for all the tests of the enclosing `describe` (for routes that only read). */
export function serverPerSuite(engine: TestEngine, options: TestServerOptions = {}): () => TestServer {
  return serverFor(appDbPerSuite(engine), beforeAll, afterAll, options);
}

function serverFor(
  app: () => TestAppDb,
  before: typeof beforeAll,
  after: typeof afterAll,
  options: TestServerOptions,
): () => TestServer {
  let current: (TestServer & { close(): Promise<void> }) | undefined;
  // Registered after the database's hooks: started after it is opened, and closed before it is dropped.
  before(async () => {
    current = await startTestServer(app(), options);
  });
  after(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error("the server is started by the hooks: use it inside a test");
    return current;
  };
}
