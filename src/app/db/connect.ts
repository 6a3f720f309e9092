/**
 * Opening the app database: PostgreSQL through one query layer (Kysely), on one of two engines.
 *
 * - PGlite (PostgreSQL compiled to WebAssembly, embedded): the default, a folder on disk, or memory for tests.
 * - A PostgreSQL server through `pg` when a connection URL is given (`DATABASE_URL`).
 *
 * Both speak the same SQL and run the same migrations (`migrations.ts`), brought up to date on every open.
 *
 * @example
 * ```ts
 * const app = await openAppDb(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : { dataDir: "data/app" });
 * await app.db.selectFrom("entities").selectAll().execute();
 * await app.close();
 * ```
 */
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { CamelCasePlugin, type Dialect, Kysely, Migrator, PostgresDialect, sql } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { migrationProvider } from "./migrations.ts";
import type { Database } from "./schema.ts";

export type AppDbEngine = "pglite" | "postgres";

export type AppDbOptions =
  /** A PostgreSQL server, e.g. postgres://user:password@localhost:5432/cxpm. */
  | { readonly url: string; readonly schema?: string }
  /** PGlite in this folder (created on first use); leave out `dataDir` for an in-memory database. */
  | { readonly dataDir?: string; readonly schema?: string }
  /** An open PGlite owned by the caller (tests share one across many schemas): closing leaves it open. */
  | { readonly pglite: PGlite; readonly schema?: string };

export interface AppDb {
  readonly db: Kysely<Database>;
  readonly engine: AppDbEngine;
  /** Where the data lives, for people: the folder, "memory", or the server URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

/** Raised when the database cannot be opened or migrated; the message says which database and why. */
export class AppDbError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "AppDbError";
  }
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The URL with any password replaced by `***`, safe to print. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable database URL)";
  }
}

/**
 * Opens the app database and brings its schema up to date.
 *
 * `schema` puts every table in that PostgreSQL schema (created if missing) instead of `public`: the tests give
 * each test its own, so runs on a shared server never collide.
 */
export async function openAppDb(options: AppDbOptions = {}): Promise<AppDb> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new AppDbError(`schema "${schema}": expected a lower-case SQL identifier`);
  }
  let dialect: Dialect;
  let engine: AppDbEngine;
  let location: string;
  let release: (() => Promise<void>) | undefined;

  if ("url" in options) {
    engine = "postgres";
    location = redactUrl(options.url);
    const pool = new pg.Pool({
      connectionString: options.url,
      connectionTimeoutMillis: 10_000,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle connection dropped by the server must not take the process down; the next query reconnects.
    pool.on("error", () => {});
    dialect = new PostgresDialect({ pool });
  } else {
    engine = "pglite";
    let pglite: PGlite;
    if ("pglite" in options) {
      pglite = options.pglite;
      location = "PGlite (shared)";
      // Kysely's destroy() would close the caller's PGlite: the caller closes it, we only forget it.
      release = async () => {};
    } else {
      location = options.dataDir ?? "memory";
      if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
      try {
        pglite = await PGlite.create(options.dataDir);
      } catch (error) {
        throw new AppDbError(`cannot open the PGlite database in ${location}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    // One connection, so the search path set here holds for every later query.
    if (schema) await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
    else if ("pglite" in options) await pglite.exec("SET search_path TO public");
    dialect = new PGliteDialect(pglite);
  }

  const db = new Kysely<Database>({ dialect, plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })] });
  const close = release ?? (() => db.destroy());
  try {
    if (schema && engine === "postgres") await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
    await migrate(db, schema);
  } catch (error) {
    await close().catch(() => {});
    if (error instanceof AppDbError) throw error;
    throw new AppDbError(`cannot open the app database at ${location}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return { db, engine, location, close };
}

/** Runs every migration not yet applied. Throws {@link AppDbError} naming the migration that failed. */
export async function migrate(db: Kysely<Database>, schema?: string): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === "Error");
  if (error) {
    throw new AppDbError(
      `migration ${failed?.migrationName ?? "(before any migration ran)"} failed: ${(error as Error).message ?? String(error)}`,
      { cause: error },
    );
  }
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}
