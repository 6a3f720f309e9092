/**
 * The app database for tests, on both engines it runs on: PGlite (embedded) and a real PostgreSQL server.
 *
 * Every test gets a fresh schema of its own, migrated from nothing, and drops it after: tests never see each
 * other's rows, on a shared server or in a shared PGlite.
 *
 * - PGlite: one in-memory instance per test file, shared by its tests (one schema open at a time). A new PGlite
 *   runs initdb, which takes seconds; the first file to need one saves the empty cluster to a template in the
 *   temp folder and later files start from it in well under a second.
 * - PostgreSQL: `DATABASE_URL`, else the URL `scripts/postgres.sh` makes. When it cannot be reached the test
 *   fails (never skips) and says to run `bash scripts/postgres.sh`.
 *
 * @example
 * ```ts
 * describe.each(ENGINES)("organisation on %s", (engine) => {
 *   const app = appDbPerTest(engine);
 *   it("creates the entity", async () => {
 *     await createOrganisationRecord(app().db, "entity", { id: "acme" }, "test");
 *   });
 * });
 * ```
 */
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { type AppDb, type AppDbOptions, openAppDb, redactUrl } from "../../src/app/db/connect.ts";

export const ENGINES = ["pglite", "postgres"] as const;
export type TestEngine = (typeof ENGINES)[number];

/** The PostgreSQL server the tests use: DATABASE_URL, else the one `bash scripts/postgres.sh` sets up. */
export const POSTGRES_URL = process.env.DATABASE_URL || "postgres://cxpm:cxpm@localhost:5432/cxpm_test";

/** An app database in a schema of its own. */
export interface TestAppDb extends AppDb {
  readonly schema: string;
  /** How it was opened: give these to `openAppDb` again to reopen the same schema (after closing this one). */
  readonly options: AppDbOptions;
  /** Drops the schema with everything in it, and closes. */
  drop(): Promise<void>;
}

let schemas = 0;
const schemaName = () => `test_${process.pid}_${++schemas}_${randomUUID().slice(0, 8)}`;

// PGlite -------------------------------------------------------------------------------------------------------

const PGLITE_VERSION = (
  JSON.parse(
    readFileSync(new URL("../../node_modules/@electric-sql/pglite/package.json", import.meta.url), "utf8"),
  ) as { version: string }
).version;
const PGLITE_TEMPLATE = join(tmpdir(), `cxpm-test-pglite-${PGLITE_VERSION}.tar`);

let pglite: Promise<PGlite> | undefined;
let pgliteUsers = 0;

/** This file's PGlite: started from the saved empty cluster when there is one, else made and saved. */
function sharedPglite(): Promise<PGlite> {
  pglite ??= (async () => {
    if (existsSync(PGLITE_TEMPLATE)) {
      try {
        return await PGlite.create({ loadDataDir: new Blob([readFileSync(PGLITE_TEMPLATE)]) });
      } catch {
        // A template from another build of PGlite: make a new one below.
      }
    }
    const fresh = await PGlite.create();
    const dump = await fresh.dumpDataDir("none");
    // Written aside and renamed, so a file running at the same time never reads half a template.
    const partial = `${PGLITE_TEMPLATE}.${process.pid}.${randomUUID()}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, PGLITE_TEMPLATE);
    return fresh;
  })();
  return pglite;
}

async function openPglite(): Promise<TestAppDb> {
  const instance = await sharedPglite();
  const schema = schemaName();
  const options = { pglite: instance, schema };
  const app = await openAppDb(options);
  return {
    ...app,
    schema,
    options,
    async drop() {
      await app.close();
      await instance.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; SET search_path TO public`);
    },
  };
}

// PostgreSQL ---------------------------------------------------------------------------------------------------

let reachable: Promise<void> | undefined;

/** Resolves when the server answers; otherwise rejects, once per file, with what to do about it. */
function postgresReachable(): Promise<void> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5_000 });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query("SELECT 1");
    } catch (error) {
      throw new Error(
        `PostgreSQL at ${redactUrl(POSTGRES_URL)} cannot be reached (${(error as Error).message}). ` +
          "The app-database tests run on PostgreSQL as well as PGlite: start the local server with " +
          "`bash scripts/postgres.sh`, or set DATABASE_URL to a server that runs.",
      );
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

async function openPostgres(): Promise<TestAppDb> {
  await postgresReachable();
  const schema = schemaName();
  const options = { url: POSTGRES_URL, schema };
  const app = await openAppDb(options);
  let closed = false;
  const close = async () => {
    if (!closed) await app.close();
    closed = true;
  };
  return {
    ...app,
    schema,
    options,
    close,
    async drop() {
      await close();
      // Its own connection: the test may have closed the database it was given.
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      client.on("error", () => {});
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------

/** A fresh, migrated app database on `engine`, in a schema of its own. Call `drop()` when done. */
export function openTestAppDb(engine: TestEngine): Promise<TestAppDb> {
  return engine === "pglite" ? openPglite() : openPostgres();
}

/**
 * Gives each test of the enclosing `describe` a fresh app database on `engine`, dropped after the test; returns
 * the accessor for the current one. The file's PGlite is closed after the last `describe` using it.
 */
export function appDbPerTest(engine: TestEngine): () => TestAppDb {
  return appDbFor(engine, beforeEach, afterEach);
}

/**
 * One app database on `engine` for all the tests of the enclosing `describe`, for tests that only read (a test
 * that writes gets its own with {@link appDbPerTest}).
 */
export function appDbPerSuite(engine: TestEngine): () => TestAppDb {
  return appDbFor(engine, beforeAll, afterAll);
}

function appDbFor(engine: TestEngine, before: typeof beforeAll, after: typeof afterAll): () => TestAppDb {
  let current: TestAppDb | undefined;
  if (engine === "pglite") {
    beforeAll(() => {
      pgliteUsers++;
    });
    afterAll(async () => {
      if (--pgliteUsers > 0 || !pglite) return;
      const instance = pglite;
      pglite = undefined;
      await (await instance).close();
    });
  }
  before(async () => {
    current = await openTestAppDb(engine);
  });
  after(async () => {
    await current?.drop();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error("the app database is opened by the hooks: use it inside a test or a hook");
    return current;
  };
}
