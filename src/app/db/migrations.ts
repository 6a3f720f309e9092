/**
 * The app database's one migration set, in code, run by Kysely's Migrator on PGlite and PostgreSQL alike.
 *
 * Rules: a migration is never edited once released; a change is a new entry whose name sorts after the last
 * (`0002_…`). Everything here is plain PostgreSQL 15 (the oldest server we test on) through Kysely's schema
 * builder, with `sql` only for CHECK constraints and defaults.
 */
import { type Kysely, type Migration, type MigrationProvider, sql } from "kysely";

/** Month as text, YYYY-MM: sorts and compares in time order. */
const MONTH = "^[0-9]{4}-(0[1-9]|1[0-2])$";
const DATE = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the database as it was then, not today's types
type AnyDb = Kysely<any>;

/** Columns every organisation table has: its id, a display name, and when it was created and last changed. */
async function organisationTable(
  db: AnyDb,
  name: string,
  columns: (t: ReturnType<AnyDb["schema"]["createTable"]>) => ReturnType<AnyDb["schema"]["createTable"]>,
) {
  let table = db.schema
    .createTable(name)
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull());
  table = columns(table);
  await table
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

const entityColumn = (t: ReturnType<AnyDb["schema"]["createTable"]>) =>
  t.addColumn("entity_id", "text", (c) => c.notNull().references("entities.id").onDelete("restrict"));

export const MIGRATIONS: Record<string, Migration> = {
  "0001_organisation_targets_audit": {
    async up(db: AnyDb) {
      await organisationTable(db, "entities", (t) =>
        t
          .addColumn("provider", "text", (c) => c.notNull())
          .addCheckConstraint("entities_provider", sql`provider IN ('csp', 'osp')`),
      );
      await organisationTable(db, "regions", entityColumn);
      await organisationTable(db, "locations", (t) =>
        entityColumn(t)
          .addColumn("region_id", "text", (c) => c.references("regions.id").onDelete("restrict"))
          .addColumn("time_zone", "text", (c) => c.notNull()),
      );
      await organisationTable(db, "clients", entityColumn);
      await organisationTable(db, "services", entityColumn);
      await organisationTable(db, "programs", (t) =>
        entityColumn(t)
          .addColumn("location_id", "text", (c) => c.notNull().references("locations.id").onDelete("restrict"))
          .addColumn("service_id", "text", (c) => c.notNull().references("services.id").onDelete("restrict"))
          .addColumn("client_id", "text", (c) => c.references("clients.id").onDelete("restrict")),
      );
      await organisationTable(db, "queues", (t) =>
        t
          .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("restrict"))
          .addColumn("channel", "text", (c) => c.notNull())
          .addColumn("kind", "text", (c) => c.notNull())
          .addColumn("sl_threshold_seconds", "double precision")
          .addColumn("target_cycle_seconds", "double precision")
          .addCheckConstraint("queues_sl_threshold_positive", sql`sl_threshold_seconds > 0`)
          .addCheckConstraint("queues_target_cycle_positive", sql`target_cycle_seconds > 0`),
      );
      for (const table of ["regions", "locations", "clients", "services", "programs"]) {
        await db.schema.createIndex(`${table}_entity`).on(table).column("entity_id").execute();
      }
      await db.schema.createIndex("programs_location").on("programs").column("location_id").execute();
      await db.schema.createIndex("queues_program").on("queues").column("program_id").execute();

      // Targets are history: a row's value never changes. Setting a new target inserts a row and closes the one
      // in force (its effective_to becomes the month before, closed_by the new row).
      await db.schema
        .createTable("targets")
        .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn("metric_id", "text", (c) => c.notNull())
        .addColumn("scope_level", "text", (c) => c.notNull())
        .addColumn("scope_id", "text", (c) => c.notNull())
        .addColumn("value", "double precision", (c) => c.notNull())
        .addColumn("effective_from", "text", (c) => c.notNull())
        .addColumn("effective_to", "text")
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("comparative_data_date", "text")
        .addColumn("reason", "text")
        .addColumn("benchmark_condition", "text")
        .addColumn("benchmark", "double precision")
        .addColumn("changed_by", "text", (c) => c.notNull())
        .addColumn("changed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("closed_by", "integer", (c) => c.references("targets.id").onDelete("restrict"))
        .addCheckConstraint(
          "targets_scope_level",
          sql`scope_level IN ('entity', 'region', 'location', 'service', 'program', 'queue')`,
        )
        .addCheckConstraint("targets_source", sql`source IN ('benchmark', 'client', 'internal', 'comparative')`)
        .addCheckConstraint("targets_effective_from", sql`effective_from ~ ${sql.lit(MONTH)}`)
        .addCheckConstraint("targets_effective_to", sql`effective_to ~ ${sql.lit(MONTH)}`)
        // Only a closed row may end before it begins (it was replaced before it took effect).
        .addCheckConstraint(
          "targets_range",
          sql`effective_to IS NULL OR effective_to >= effective_from OR closed_by IS NOT NULL`,
        )
        .addCheckConstraint("targets_comparative_date", sql`comparative_data_date ~ ${sql.lit(DATE)}`)
        .addCheckConstraint(
          "targets_comparative_has_date",
          sql`(source = 'comparative') = (comparative_data_date IS NOT NULL)`,
        )
        .execute();
      await db.schema
        .createIndex("targets_metric_scope")
        .on("targets")
        .columns(["metric_id", "scope_level", "scope_id", "effective_from"])
        .execute();
      await db.schema
        .createTable("audit_log")
        .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("subject_kind", "text", (c) => c.notNull())
        .addColumn("subject_id", "text", (c) => c.notNull())
        .addColumn("before", "jsonb")
        .addColumn("after", "jsonb")
        .execute();
      await db.schema
        .createIndex("audit_log_subject")
        .on("audit_log")
        .columns(["subject_kind", "subject_id"])
        .execute();
    },
  },

  // The history of imports started from the app (an upload in the browser or the API): what was loaded, with
  // which mapping, how it went, and its counts. The warehouse's own import_batches records every load, however
  // started; this table adds who asked, the queue and progress, and the problems found in full.
  "0002_imports": {
    async up(db: AnyDb) {
      await db.schema
        .createTable("imports")
        .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn("dataset", "text", (c) => c.notNull())
        .addColumn("mapping", "text")
        .addColumn("files", "jsonb", (c) => c.notNull())
        .addColumn("on_error", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull().defaultTo("queued"))
        .addColumn("progress", "double precision", (c) => c.notNull().defaultTo(0))
        .addColumn("batch_id", "integer")
        .addColumn("already_loaded", "boolean", (c) => c.notNull().defaultTo(false))
        .addColumn("rows_read", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("rows_loaded", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("rows_rejected", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("rows_excluded", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("excluded_by", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
        .addColumn("seconds", "double precision")
        .addColumn("error", "text")
        .addColumn("problems", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn("problem_count", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("rejects_file", "text")
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("started_at", "timestamptz")
        .addColumn("finished_at", "timestamptz")
        .addCheckConstraint("imports_status", sql`status IN ('queued', 'running', 'done', 'failed')`)
        .addCheckConstraint("imports_on_error", sql`on_error IN ('fail', 'quarantine')`)
        .addCheckConstraint("imports_progress", sql`progress >= 0 AND progress <= 1`)
        .execute();
    },
  },

  // Capacity plans and schedules made in the app (src/app/wfm-plans.ts): what was asked (inputs), what the
  // methods made of the queue's forecast (result), and whether it has been published to the warehouse's
  // workforce intervals. One table for both kinds: they share their life cycle and differ only in documents.
  "0003_wfm_plans": {
    async up(db: AnyDb) {
      await db.schema
        .createTable("wfm_plans")
        .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("queue_id", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("first_day", "text", (c) => c.notNull())
        .addColumn("days", "integer", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
        .addColumn("inputs", "jsonb", (c) => c.notNull())
        .addColumn("summary", "jsonb", (c) => c.notNull())
        .addColumn("result", "jsonb", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("published_by", "text")
        .addColumn("published_at", "timestamptz")
        .addCheckConstraint("wfm_plans_kind", sql`kind IN ('capacity', 'schedule')`)
        .addCheckConstraint("wfm_plans_status", sql`status IN ('draft', 'published')`)
        .addCheckConstraint("wfm_plans_first_day", sql`first_day ~ ${sql.lit(DATE)}`)
        .addCheckConstraint("wfm_plans_days", sql`days > 0`)
        .execute();
      await db.schema.createIndex("wfm_plans_kind_queue").on("wfm_plans").columns(["kind", "queue_id"]).execute();
    },
  },
};

/** Hands the migrations above to Kysely's Migrator. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
