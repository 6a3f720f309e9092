/**
 * Adopting the organisation the warehouse already knows: the `locations`, `programs` and `queues` loaded by
 * `cxpm import` (or the demo) become records of the app database, with the regions, services and clients they
 * name. Records that exist are left as they are, so adopting again after a new import only adds what is new.
 *
 * @example
 * ```ts
 * await adoptOrganisation(db, warehouse, { entity: { id: "acme", name: "Acme CX", provider: "osp" } }, "setup");
 * // { created: { entity: 1, region: 2, location: 3, service: 4, client: 4, program: 8, queue: 17 } }
 * ```
 */
import type { Kysely } from "kysely";
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
