/**
 * The organisation: the entity, its regions, locations (each in an IANA time zone), clients, services,
 * programs (a client × service delivered at a location) and queues or KCRPs. Create, list, read, update and
 * delete, each validated (zod, then references), each change written with its audit entry in one transaction.
 *
 * Ids are chosen by the organisation and are the same ids its data uses (`program_id`, `location_id`,
 * `queue_id` in the warehouse), so what is set up here lines up with what is measured there.
 *
 * @example
 * ```ts
 * await createOrganisationRecord(db, "entity", { id: "acme", name: "Acme CX" }, "ana");
 * await createOrganisationRecord(db, "location", { id: "manila", timeZone: "Asia/Manila" }, "ana");
 * await listOrganisation(db, "location"); // [{ id: "manila", entityId: "acme", regionId: null, ... }]
 * ```
 */
import type { Kysely } from "kysely";
import { IANAZone } from "luxon";
import { z } from "zod";
import { CONTACT_KINDS } from "../warehouse/schema/tables.ts";
import { recordAudit } from "./audit.ts";
import type { Database } from "./db/schema.ts";
import { ConflictError, type FieldProblem, InvalidInputError, NotFoundError, parseInput, pgCode } from "./errors.ts";

/** An id chosen by the organisation: letters, digits and `.`, `_`, `:`, `-`; the same id its data files use. */
export const Id = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/,
    "expected an id: letters, digits, '.', '_', ':' or '-', starting with a letter or digit, at most 64 characters",
  );
const Name = z.string().trim().min(1, "expected a non-empty name").max(200, "at most 200 characters");
const TimeZone = z.string().refine((zone) => IANAZone.isValidZone(zone) && !/^[+-]|^UTC[+-]/.test(zone), {
  message: "expected an IANA time zone such as Asia/Manila or America/New_York",
});
const Channel = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, "expected a lower-case channel name such as voice, chat, email or back-office");
const Seconds = z.number().positive("expected a number of seconds above 0").finite();
export const Provider = z.enum(["csp", "osp"]);

const atLeastOne = <T extends z.ZodObject>(schema: T) =>
  schema.refine((o) => Object.keys(o).length > 0, { message: "give at least one field to change" });

/** What may be given to create or update each kind of record. Unknown fields are refused, never ignored. */
export const ORGANISATION_INPUT = {
  entity: {
    create: z.strictObject({ id: Id, name: Name.optional(), provider: Provider.default("csp") }),
    update: atLeastOne(z.strictObject({ name: Name, provider: Provider }).partial()),
  },
  region: {
    create: z.strictObject({ id: Id, name: Name.optional(), entityId: Id.optional() }),
    update: atLeastOne(z.strictObject({ name: Name }).partial()),
  },
  location: {
    create: z.strictObject({
      id: Id,
      name: Name.optional(),
      entityId: Id.optional(),
      regionId: Id.nullable().optional(),
      timeZone: TimeZone,
    }),
    update: atLeastOne(z.strictObject({ name: Name, regionId: Id.nullable(), timeZone: TimeZone }).partial()),
  },
  client: {
    create: z.strictObject({ id: Id, name: Name.optional(), entityId: Id.optional() }),
    update: atLeastOne(z.strictObject({ name: Name }).partial()),
  },
  service: {
    create: z.strictObject({ id: Id, name: Name.optional(), entityId: Id.optional() }),
    update: atLeastOne(z.strictObject({ name: Name }).partial()),
  },
  program: {
    create: z.strictObject({
      id: Id,
      name: Name.optional(),
      locationId: Id,
      serviceId: Id,
      clientId: Id.nullable().optional(),
    }),
    update: atLeastOne(
      z.strictObject({ name: Name, locationId: Id, serviceId: Id, clientId: Id.nullable() }).partial(),
    ),
  },
  queue: {
    create: z.strictObject({
      id: Id,
      name: Name.optional(),
      programId: Id,
      channel: Channel,
      kind: z.enum(CONTACT_KINDS),
      slThresholdSeconds: Seconds.nullable().optional(),
      targetCycleSeconds: Seconds.nullable().optional(),
    }),
    update: atLeastOne(
      z
        .strictObject({
          name: Name,
          programId: Id,
          channel: Channel,
          kind: z.enum(CONTACT_KINDS),
          slThresholdSeconds: Seconds.nullable(),
          targetCycleSeconds: Seconds.nullable(),
        })
        .partial(),
    ),
  },
} as const;

const Stamps = { createdAt: z.string(), updatedAt: z.string() };
/** What each kind of record looks like when read. */
export const ORGANISATION_OUTPUT = {
  entity: z.object({ id: z.string(), name: z.string(), provider: Provider, ...Stamps }),
  region: z.object({ id: z.string(), entityId: z.string(), name: z.string(), ...Stamps }),
  location: z.object({
    id: z.string(),
    entityId: z.string(),
    regionId: z.string().nullable(),
    name: z.string(),
    timeZone: z.string(),
    ...Stamps,
  }),
  client: z.object({ id: z.string(), entityId: z.string(), name: z.string(), ...Stamps }),
  service: z.object({ id: z.string(), entityId: z.string(), name: z.string(), ...Stamps }),
  program: z.object({
    id: z.string(),
    entityId: z.string(),
    locationId: z.string(),
    serviceId: z.string(),
    clientId: z.string().nullable(),
    name: z.string(),
    ...Stamps,
  }),
  queue: z.object({
    id: z.string(),
    programId: z.string(),
    name: z.string(),
    channel: z.string(),
    kind: z.string(),
    slThresholdSeconds: z.number().nullable(),
    targetCycleSeconds: z.number().nullable(),
    ...Stamps,
  }),
} as const;

export type OrganisationKind = keyof typeof ORGANISATION_INPUT;
export const ORGANISATION_KINDS = Object.keys(ORGANISATION_INPUT) as OrganisationKind[];
export type OrganisationRecord<K extends OrganisationKind> = z.infer<(typeof ORGANISATION_OUTPUT)[K]>;
export type CreateInput<K extends OrganisationKind> = z.input<(typeof ORGANISATION_INPUT)[K]["create"]>;
export type UpdateInput<K extends OrganisationKind> = z.input<(typeof ORGANISATION_INPUT)[K]["update"]>;

/** Table per kind, and the plural the API and messages use. */
export const ORGANISATION_TABLES = {
  entity: "entities",
  region: "regions",
  location: "locations",
  client: "clients",
  service: "services",
  program: "programs",
  queue: "queues",
} as const satisfies Record<OrganisationKind, keyof Database>;

/** Which records point at a record of each kind: kind, and the column holding the reference. */
const CHILDREN: Record<OrganisationKind, readonly (readonly [OrganisationKind, string])[]> = {
  entity: [
    ["region", "entityId"],
    ["location", "entityId"],
    ["client", "entityId"],
    ["service", "entityId"],
    ["program", "entityId"],
  ],
  region: [["location", "regionId"]],
  location: [["program", "locationId"]],
  client: [["program", "clientId"]],
  service: [["program", "serviceId"]],
  program: [["queue", "programId"]],
  queue: [],
};

// The organisation tables share a shape (id, name, stamps, references) that Kysely's per-table types cannot
// express generically; the functions below address them through this looser view.
type Loose = Kysely<Record<string, Record<string, unknown>>>;
type Row = Record<string, unknown>;
const loose = (db: Kysely<Database>) => db as unknown as Loose;
const tableOf = (kind: OrganisationKind): string => ORGANISATION_TABLES[kind];

function output<K extends OrganisationKind>(kind: K, row: Row): OrganisationRecord<K> {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) out[key] = value instanceof Date ? value.toISOString() : value;
  return ORGANISATION_OUTPUT[kind].parse(out) as OrganisationRecord<K>;
}

async function find(db: Kysely<Database>, kind: OrganisationKind, id: string): Promise<Row | undefined> {
  return loose(db).selectFrom(tableOf(kind)).selectAll().where("id", "=", id).executeTakeFirst();
}

/** Every record of one kind, ordered by id. */
export async function listOrganisation<K extends OrganisationKind>(
  db: Kysely<Database>,
  kind: K,
): Promise<OrganisationRecord<K>[]> {
  const rows = await loose(db).selectFrom(tableOf(kind)).selectAll().orderBy("id").execute();
  return rows.map((row) => output(kind, row));
}

/** The whole organisation at once. */
export async function organisationTree(db: Kysely<Database>) {
  return {
    entities: await listOrganisation(db, "entity"),
    regions: await listOrganisation(db, "region"),
    locations: await listOrganisation(db, "location"),
    clients: await listOrganisation(db, "client"),
    services: await listOrganisation(db, "service"),
    programs: await listOrganisation(db, "program"),
    queues: await listOrganisation(db, "queue"),
  };
}

/** One record; throws {@link NotFoundError}. */
export async function getOrganisationRecord<K extends OrganisationKind>(
  db: Kysely<Database>,
  kind: K,
  id: string,
): Promise<OrganisationRecord<K>> {
  const row = await find(db, kind, id);
  if (!row) throw new NotFoundError(`no ${kind} "${id}"`, [{ field: "id", message: `no ${kind} "${id}"` }]);
  return output(kind, row);
}

/** The entity to use when none is named: the only one there is. */
async function defaultEntity(db: Kysely<Database>): Promise<string | FieldProblem> {
  const entities = await db.selectFrom("entities").select("id").orderBy("id").limit(2).execute();
  if (entities.length === 1) return entities[0]!.id;
  return {
    field: "entityId",
    message:
      entities.length === 0 ? "no entity yet: create the entity first" : "required: there is more than one entity",
  };
}

/**
 * Checks that every reference of `row` exists and belongs to the row's entity; fills in the entity of a
 * program (its location's). Returns the problems found.
 */
async function checkReferences(db: Kysely<Database>, kind: OrganisationKind, row: Row): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const refer = async (field: string, target: OrganisationKind, sameEntity: boolean) => {
    const id = row[field];
    if (id === null || id === undefined) return undefined;
    const found = await find(db, target, id as string);
    if (!found) problems.push({ field, message: `no ${target} "${id}"` });
    else if (sameEntity && row.entityId !== undefined && found.entityId !== row.entityId) {
      problems.push({
        field,
        message: `${target} "${id}" belongs to entity "${found.entityId}", not "${row.entityId}"`,
      });
    }
    return found;
  };
  if (kind === "region" || kind === "location" || kind === "client" || kind === "service") {
    await refer("entityId", "entity", false);
  }
  if (kind === "location") await refer("regionId", "region", true);
  if (kind === "program") {
    const location = await refer("locationId", "location", false);
    if (location) row.entityId = location.entityId;
    await refer("serviceId", "service", true);
    await refer("clientId", "client", true);
  }
  if (kind === "queue") await refer("programId", "program", false);
  return problems;
}

/** Creates a record. Throws {@link InvalidInputError} (400) or {@link ConflictError} (409, id taken). */
export async function createOrganisationRecord<K extends OrganisationKind>(
  db: Kysely<Database>,
  kind: K,
  input: unknown,
  actor: string,
): Promise<OrganisationRecord<K>> {
  const parsed = parseInput(ORGANISATION_INPUT[kind].create, input) as Row;
  return db.transaction().execute(async (trx) => {
    const row: Row = { ...parsed, name: parsed.name ?? parsed.id };
    if (["region", "location", "client", "service"].includes(kind) && row.entityId === undefined) {
      const entity = await defaultEntity(trx);
      if (typeof entity !== "string") throw new InvalidInputError([entity]);
      row.entityId = entity;
    }
    const problems = await checkReferences(trx, kind, row);
    if (problems.length) throw new InvalidInputError(problems);
    if (await find(trx, kind, row.id as string)) {
      throw new ConflictError(`${kind} "${row.id}" already exists`, [
        { field: "id", message: `${kind} "${row.id}" already exists` },
      ]);
    }
    const inserted = await insertRow(trx, kind, row);
    const record = output(kind, inserted);
    await recordAudit(trx, { actor, action: "create", subjectKind: kind, subjectId: record.id, after: record });
    return record;
  });
}

async function insertRow(db: Kysely<Database>, kind: OrganisationKind, row: Row): Promise<Row> {
  try {
    return await loose(db).insertInto(tableOf(kind)).values(row).returningAll().executeTakeFirstOrThrow();
  } catch (error) {
    // Another writer took the id between our check and the insert.
    if (pgCode(error) === "23505") {
      throw new ConflictError(`${kind} "${row.id}" already exists`, [
        { field: "id", message: `${kind} "${row.id}" already exists` },
      ]);
    }
    throw error;
  }
}

/** Changes the fields given. Throws {@link NotFoundError}, {@link InvalidInputError}. */
export async function updateOrganisationRecord<K extends OrganisationKind>(
  db: Kysely<Database>,
  kind: K,
  id: string,
  input: unknown,
  actor: string,
): Promise<OrganisationRecord<K>> {
  const changes = parseInput(ORGANISATION_INPUT[kind].update, input) as Row;
  return db.transaction().execute(async (trx) => {
    const current = await find(trx, kind, id);
    if (!current) throw new NotFoundError(`no ${kind} "${id}"`, [{ field: "id", message: `no ${kind} "${id}"` }]);
    const merged: Row = { ...current, ...changes };
    const problems = await checkReferences(trx, kind, merged);
    if (problems.length) throw new InvalidInputError(problems);
    // A program moved to another entity's location would strand its queues' targets; programs keep their entity.
    if (kind === "program" && merged.entityId !== current.entityId) {
      throw new InvalidInputError([
        {
          field: "locationId",
          message: `location "${merged.locationId}" belongs to entity "${merged.entityId}", the program to "${current.entityId}"`,
        },
      ]);
    }
    const set: Row = { ...changes, updatedAt: new Date() };
    if (kind === "program") set.entityId = merged.entityId;
    const updated = await loose(trx)
      .updateTable(tableOf(kind))
      .set(set)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const before = output(kind, current);
    const after = output(kind, updated);
    await recordAudit(trx, { actor, action: "update", subjectKind: kind, subjectId: id, before, after });
    return after;
  });
}

/**
 * Deletes a record nothing refers to. Throws {@link NotFoundError}, or {@link ConflictError} naming the records
 * or targets that still refer to it.
 */
export async function deleteOrganisationRecord(
  db: Kysely<Database>,
  kind: OrganisationKind,
  id: string,
  actor: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await find(trx, kind, id);
    if (!current) throw new NotFoundError(`no ${kind} "${id}"`, [{ field: "id", message: `no ${kind} "${id}"` }]);
    const users: string[] = [];
    for (const [child, column] of CHILDREN[kind]) {
      const rows = await loose(trx)
        .selectFrom(tableOf(child))
        .select("id")
        .where(column, "=", id)
        .orderBy("id")
        .execute();
      if (rows.length) users.push(`${rows.length} ${ORGANISATION_TABLES[child]} (${rows.map((r) => r.id).join(", ")})`);
    }
    const targets = await trx
      .selectFrom("targets")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("scopeLevel", "=", kind)
      .where("scopeId", "=", id)
      .executeTakeFirst();
    if (Number(targets?.n ?? 0) > 0) users.push(`${targets?.n} target rows`);
    if (users.length) {
      const message = `${kind} "${id}" is still referred to by ${users.join(" and ")}`;
      throw new ConflictError(message, [{ field: "id", message }]);
    }
    await loose(trx).deleteFrom(tableOf(kind)).where("id", "=", id).execute();
    await recordAudit(trx, {
      actor,
      action: "delete",
      subjectKind: kind,
      subjectId: id,
      before: output(kind, current),
    });
  });
}

/** Whether a scope of a target exists: the entity, a region, location, service, program or queue. */
export async function scopeExists(db: Kysely<Database>, level: OrganisationKind, id: string): Promise<boolean> {
  return (await find(db, level, id)) !== undefined;
}
