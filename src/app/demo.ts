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
