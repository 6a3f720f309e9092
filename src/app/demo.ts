/**
 * The demo operation as a whole: the warehouse's demo data (see `warehouse/demo`), its organisation adopted into
 * the app database, and the targets a real outsourcer would have set — the clients' service targets and the
 * Standard's benchmarks — so that every page has something true to show on first start.
 */
import type { Kysely } from "kysely";
import type { Pack } from "../standard/pack.ts";
import { applicableBenchmark } from "../standard/rules/target-governance.ts";
import { type DemoOptions, type DemoSummary, generateDemo } from "../warehouse/demo/generate.ts";
import type { Warehouse } from "../warehouse/warehouse.ts";
import type { Database } from "./db/schema.ts";
import { adoptOrganisation } from "./organisation-sync.ts";
import { setTarget } from "./targets.ts";

export const DEMO_ENTITY = { id: "meridian-cx", name: "Meridian CX (demo outsourcer)", provider: "osp" } as const;
const ACTOR = "cxpm demo";

/**
 * Targets the demo's clients agreed, entity-wide unless a program is named. Metrics with a benchmark in the
 * pack get the benchmark as their entity target on top of these (source `benchmark`).
 */
const CLIENT_TARGETS: readonly { metric: string; value: number; program?: string; source?: "client" | "internal" }[] = [
  { metric: "rt.service_level", value: 80 },
  { metric: "rt.service_level", value: 85, program: "contoso-sales-lisbon" },
  { metric: "rt.asa", value: 20 },
  { metric: "rt.chat_service_level", value: 85 },
  { metric: "rt.chat_asa", value: 20 },
  { metric: "rt.abandonment_rate", value: 5 },
  { metric: "rt.chat_abandonment_rate", value: 5 },
  { metric: "rt.escalation_rate", value: 6 },
  { metric: "def.escalation_rate", value: 6 },
  { metric: "rt.issue_resolution", value: 80 },
  { metric: "def.issue_resolution", value: 80 },
  { metric: "rt.first_contact_resolution", value: 65 },
  { metric: "def.first_contact_resolution", value: 60 },
  { metric: "rt.sales_conversion_rate", value: 20 },
  { metric: "def.sales_conversion_rate", value: 12 },
  { metric: "rt.aht", value: 540, source: "internal" },
];

export interface DemoSetup {
  readonly summary: DemoSummary;
  readonly targets: number;
}

/** Generates the demo into the warehouse, adopts its organisation and sets its targets from its first month. */
export async function setUpDemo(
  db: Kysely<Database>,
  pack: Pack,
  warehouse: Warehouse,
  options: DemoOptions = {},
): Promise<DemoSetup> {
  const summary = await generateDemo(warehouse, options);
  await recordLoads(db, summary);
  await adoptOrganisation(db, warehouse, { entity: DEMO_ENTITY }, ACTOR);
  const entity = { level: "entity" as const, id: DEMO_ENTITY.id };
  let targets = 0;
  for (const metric of pack.metrics) {
    const benchmark = applicableBenchmark(metric);
    if (benchmark === undefined || !metric.targetRequired) continue;
    await setTarget(
      db,
      pack,
      { metric: metric.id, scope: entity, value: benchmark, effectiveFrom: summary.from, source: "benchmark" },
      ACTOR,
    );
    targets++;
  }
  for (const t of CLIENT_TARGETS) {
    await setTarget(
      db,
      pack,
      {
        metric: t.metric,
        scope: t.program ? { level: "program", id: t.program } : entity,
        value: t.value,
        effectiveFrom: summary.from,
        source: t.source ?? "client",
      },
      ACTOR,
    );
    targets++;
  }
  return { summary, targets };
}

/** The demo's loads in the import history, one per dataset, so the Data page tells where every row came from. */
async function recordLoads(db: Kysely<Database>, summary: DemoSummary): Promise<void> {
  const finishedAt = new Date();
  const startedAt = new Date(finishedAt.getTime() - summary.seconds.total * 1000);
  const source = `cxpm demo --seed ${summary.seed} --months ${summary.months} --contacts ${summary.requestedContacts}`;
  await db.transaction().execute(async (trx) => {
    for (const [dataset, batchId] of Object.entries(summary.batches)) {
      const rows = summary.rows[dataset as keyof DemoSummary["rows"]] ?? 0;
      const { id } = await trx
        .insertInto("imports")
        .values({ dataset, mapping: null, files: JSON.stringify([source]), onError: "fail", createdBy: ACTOR, batchId })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .updateTable("imports")
        .set({ status: "done", progress: 1, rowsRead: rows, rowsLoaded: rows, startedAt, finishedAt })
        .where("id", "=", id)
        .execute();
    }
  });
}
