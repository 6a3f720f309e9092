import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrate, openAppDb } from "../../src/app/db/connect.ts";
import { MIGRATIONS } from "../../src/app/db/migrations.ts";
import { createOrganisationRecord } from "../../src/app/organisation.ts";
import { appDbPerTest, ENGINES } from "../support/app-db.ts";

const TABLES = [
  "audit_log",
  "clients",
  "entities",
  "imports",
  "locations",
  "programs",
  "queues",
  "regions",
  "services",
  "targets",
  "wfm_plans",
].sort();

describe.each(ENGINES)("migrations on %s", (engine) => {
  const app = appDbPerTest(engine);

  it("bring a fresh schema up to date: every table, in the test's own schema, every migration recorded", async () => {
    const { db, schema } = app();
    const tables = await sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = ${schema} AND table_name NOT LIKE 'kysely_%' ORDER BY table_name`.execute(db);
    expect(tables.rows.map((r) => r.name)).toEqual(TABLES);
    const applied = await sql<{
      name: string;
    }>`SELECT name FROM ${sql.id(schema, "kysely_migration")} ORDER BY name`.execute(db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS).sort());
    // Nothing leaked into public.
    const inPublic = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'targets'`.execute(
      db,
    );
    expect(inPublic.rows[0]!.n).toBe(0);
  });

  it("run again change nothing and keep the data, also when the database is opened again", async () => {
    const { db, schema, options } = app();
    await createOrganisationRecord(db, "entity", { id: "acme" }, "test");
    expect(await migrate(db, schema)).toEqual([]);
    await app().close();
    const again = await openAppDb(options);
    try {
      expect(await migrate(again.db, schema)).toEqual([]);
      expect(await again.db.selectFrom("entities").select("id").execute()).toEqual([{ id: "acme" }]);
    } finally {
      await again.close();
    }
  });

  it("enforce the rules in the database too: an import's status and a target's month", async () => {
    const { db } = app();
    const bad = db
      .insertInto("imports")
      .values({ dataset: "contacts", mapping: null, files: "[]", onError: "fail", createdBy: "t" })
      .returning("id")
      .executeTakeFirstOrThrow()
      .then(({ id }) => sql`UPDATE imports SET status = 'lost' WHERE id = ${id}`.execute(db));
    await expect(bad).rejects.toThrow(/imports_status/);
    const target = sql`INSERT INTO targets (metric_id, scope_level, scope_id, value, effective_from, source, changed_by)
      VALUES ('rt.service_level', 'entity', 'acme', 80, '2026-13', 'client', 't')`.execute(db);
    await expect(target).rejects.toThrow(/targets_effective_from/);
  });
});
