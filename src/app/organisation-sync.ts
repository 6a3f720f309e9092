/**
 * The organisation in both stores. The app database is where people keep it; the warehouse's `locations`,
 * `programs` and `queues` are what the metrics read (time zones, service-level thresholds, cycle times).
 *
 * - Adopting: what `cxpm import` (or the demo) loaded into the warehouse becomes records of the app database,
 *   with the regions, services and clients it names. Existing records are left as they are, so adopting again
 *   after a new import only adds what is new.
 * - Publishing: the app database's records are written to the warehouse through the ordinary import (validated,
 *   one transaction, a no-op when nothing changed), and the metric components are recomputed when they change.
 *
 * @example
 * ```ts
 * await adoptOrganisation(db, warehouse, { entity: { id: "acme", name: "Acme CX", provider: "osp" } }, "setup");
 * // { created: { entity: 1, region: 2, location: 3, service: 4, client: 4, program: 8, queue: 17 } }
 * ```
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { importFiles } from "../warehouse/import/load.ts";
import { identityMapping } from "../warehouse/import/mapping.ts";
import { recomputeComponents } from "../warehouse/metrics/compute.ts";
import type { Warehouse } from "../warehouse/warehouse.ts";
import type { Database } from "./db/schema.ts";
import { type CreateInput, createOrganisationRecord, listOrganisation, type OrganisationKind } from "./organisation.ts";

export interface AdoptOptions {
  /** The entity to create when the database has none. */
  readonly entity: { readonly id: string; readonly name: string; readonly provider: "csp" | "osp" };
}

export interface AdoptResult {
  readonly created: Readonly<Record<OrganisationKind, number>>;
}

/** A display name turned into an id: "Northwind Bank" → "northwind-bank". */
export const slug = (name: string) =>
  name
    .normalize("NFKD")
    .replaceAll(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replaceAll(/[^a-z0-9]+/g, "-")
    .replaceAll(/^-|-$/g, "")
    .slice(0, 64) || "unnamed";

export async function adoptOrganisation(
  db: Kysely<Database>,
  warehouse: Warehouse,
  options: AdoptOptions,
  actor: string,
): Promise<AdoptResult> {
  const created: Record<OrganisationKind, number> = {
    entity: 0,
    region: 0,
    location: 0,
    client: 0,
    service: 0,
    program: 0,
    queue: 0,
  };
  const known = new Map<OrganisationKind, Set<string>>();
  const ensure = async <K extends OrganisationKind>(kind: K, input: CreateInput<K> & { id: string }) => {
    let ids = known.get(kind);
    if (!ids) {
      ids = new Set((await listOrganisation(db, kind)).map((r) => r.id));
      known.set(kind, ids);
    }
    if (ids.has(input.id)) return;
    await createOrganisationRecord(db, kind, input, actor);
    ids.add(input.id);
    created[kind]++;
  };

  if ((await listOrganisation(db, "entity")).length === 0) await ensure("entity", options.entity);

  const locations = await warehouse.all<{
    location_id: string;
    name: string | null;
    region: string | null;
    time_zone: string;
  }>("SELECT location_id, name, region, time_zone FROM locations ORDER BY location_id");
  for (const l of locations) {
    if (l.region) await ensure("region", { id: l.region });
    await ensure("location", {
      id: l.location_id,
      ...(l.name ? { name: l.name } : {}),
      regionId: l.region,
      timeZone: l.time_zone,
    });
  }
  const programs = await warehouse.all<{
    program_id: string;
    name: string | null;
    client: string | null;
    service: string;
    location_id: string;
  }>("SELECT program_id, name, client, service, location_id FROM programs ORDER BY program_id");
  for (const p of programs) {
    await ensure("service", { id: p.service });
    if (p.client) await ensure("client", { id: slug(p.client), name: p.client });
    await ensure("program", {
      id: p.program_id,
      ...(p.name ? { name: p.name } : {}),
      locationId: p.location_id,
      serviceId: p.service,
      clientId: p.client ? slug(p.client) : null,
    });
  }
  const queues = await warehouse.all<{
    queue_id: string;
    program_id: string;
    channel: string;
    kind: CreateInput<"queue">["kind"];
    sl_threshold_seconds: number | null;
    target_cycle_seconds: number | null;
  }>(
    "SELECT queue_id, program_id, channel, kind, sl_threshold_seconds, target_cycle_seconds FROM queues ORDER BY queue_id",
  );
  for (const q of queues) {
    await ensure("queue", {
      id: q.queue_id,
      programId: q.program_id,
      channel: q.channel,
      kind: q.kind,
      slThresholdSeconds: q.sl_threshold_seconds,
      targetCycleSeconds: q.target_cycle_seconds,
    });
  }
  return { created };
}

/**
 * Writes the app database's locations, programs and queues to the warehouse and, when any changed, recomputes
 * the metric components (a queue's threshold or cycle time changes its metrics). Returns whether anything changed.
 */
export async function publishOrganisation(db: Kysely<Database>, warehouse: Warehouse): Promise<boolean> {
  const [locations, clients, programs, queues] = await Promise.all([
    listOrganisation(db, "location"),
    listOrganisation(db, "client"),
    listOrganisation(db, "program"),
    listOrganisation(db, "queue"),
  ]);
  const named = (rows: readonly { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  const clientNames = named(clients);
  const tables: Record<string, Record<string, unknown>[]> = {
    locations: locations.map((l) => ({
      location_id: l.id,
      name: l.name,
      region: l.regionId,
      time_zone: l.timeZone,
    })),
    programs: programs.map((p) => ({
      program_id: p.id,
      name: p.name,
      client: p.clientId ? (clientNames.get(p.clientId) ?? p.clientId) : null,
      service: p.serviceId,
      location_id: p.locationId,
    })),
    queues: queues.map((q) => ({
      queue_id: q.id,
      program_id: q.programId,
      channel: q.channel,
      kind: q.kind,
      sl_threshold_seconds: q.slThresholdSeconds,
      target_cycle_seconds: q.targetCycleSeconds,
    })),
  };
  const dir = mkdtempSync(join(tmpdir(), "cxpm-organisation-"));
  let changed = false;
  try {
    for (const [dataset, rows] of Object.entries(tables)) {
      if (rows.length === 0 || (await sameRows(warehouse, dataset, rows))) continue;
      const file = join(dir, `${dataset}.json`);
      writeFileSync(file, JSON.stringify(rows));
      // A mapping text of its own: publishing A, then B, then A again must load A again, not be taken for a repeat.
      const mapping = { ...identityMapping(dataset), text: `app-organisation:${dataset}:${Date.now()}` };
      await importFiles(warehouse, { mapping, files: [file] });
      changed = true;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (changed) await recomputeComponents(warehouse);
  return changed;
}

/**
 * Whether the warehouse already holds each of these rows as it is. Rows only the warehouse has (loaded but not
 * adopted, or deleted in the app while data still refers to them) are left alone.
 */
async function sameRows(warehouse: Warehouse, dataset: string, rows: readonly Record<string, unknown>[]) {
  const columns = Object.keys(rows[0]!);
  const stored = await warehouse.all<Record<string, unknown>>(`SELECT ${columns.join(", ")} FROM ${dataset}`);
  const text = (r: Record<string, unknown>) => JSON.stringify(columns.map((c) => r[c] ?? null));
  const have = new Set(stored.map(text));
  return rows.every((r) => have.has(text(r)));
}
