import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { listAudit } from "../../src/app/audit.ts";
import type { Database } from "../../src/app/db/schema.ts";
import { ConflictError, InvalidInputError, NotFoundError } from "../../src/app/errors.ts";
import {
  createOrganisationRecord,
  deleteOrganisationRecord,
  getOrganisationRecord,
  listOrganisation,
  organisationTree,
  updateOrganisationRecord,
} from "../../src/app/organisation.ts";
import { setTarget } from "../../src/app/targets.ts";
import { loadPack } from "../../src/standard/pack.ts";
import { appDbPerTest, ENGINES } from "../support/app-db.ts";
import { seedOrganisation } from "../support/organisation.ts";

/** The fields at fault in an error the services raise. */
const fieldsOf = async (work: Promise<unknown>, type: abstract new (...args: never[]) => Error = InvalidInputError) => {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return (error as InvalidInputError).details.map((d) => d.field);
};

const counts = async (db: Kysely<Database>) => {
  const tree = await organisationTree(db);
  const audit = await db.selectFrom("auditLog").select("id").execute();
  return { ...Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, v.length])), audit: audit.length };
};

describe.each(ENGINES)("organisation on %s", (engine) => {
  const app = appDbPerTest(engine);

  it("creates every kind, fills in defaults (name, the only entity, a program's entity) and lists them", async () => {
    const { db } = app();
    await seedOrganisation(db);
    const tree = await organisationTree(db);
    expect(tree.entities).toMatchObject([{ id: "acme", name: "Acme CX", provider: "osp" }]);
    expect(tree.locations).toMatchObject([
      { id: "manila", name: "manila", entityId: "acme", regionId: "apac", timeZone: "Asia/Manila" },
    ]);
    expect(tree.programs).toMatchObject([{ id: "nw-care", entityId: "acme", clientId: "northwind" }]);
    expect(tree.queues).toMatchObject([{ id: "nw-voice", slThresholdSeconds: 20, targetCycleSeconds: null }]);
    expect(await getOrganisationRecord(db, "queue", "nw-voice")).toEqual(tree.queues[0]);
    expect(Date.parse(tree.entities[0]!.createdAt)).not.toBeNaN();
  });

  it("refuses bad input field by field, and writes nothing", async () => {
    const { db } = app();
    await seedOrganisation(db);
    const before = await counts(db);
    expect(
      await fieldsOf(createOrganisationRecord(db, "location", { id: "bad id!", timeZone: "Mars/Olympus" }, "t")),
    ).toEqual(["id", "timeZone"]);
    expect(await fieldsOf(createOrganisationRecord(db, "location", { id: "x", timeZone: "UTC+8" }, "t"))).toEqual([
      "timeZone",
    ]);
    expect(
      await fieldsOf(createOrganisationRecord(db, "region", { id: "emea", colour: "blue" } as never, "t")),
    ).toEqual(["colour"]);
    expect(
      await fieldsOf(
        createOrganisationRecord(db, "queue", { id: "q", programId: "nw-care", channel: "Voice", kind: "live" }, "t"),
      ),
    ).toEqual(["channel", "kind"]);
    expect(
      await fieldsOf(
        createOrganisationRecord(
          db,
          "queue",
          { id: "q", programId: "nw-care", channel: "voice", kind: "real-time", slThresholdSeconds: 0 },
          "t",
        ),
      ),
    ).toEqual(["slThresholdSeconds"]);
    expect(await fieldsOf(updateOrganisationRecord(db, "region", "apac", {}, "t"))).toEqual([""]);
    expect(await counts(db)).toEqual(before);
  });

  it("checks references: unknown, another entity's, and the entity to use when there are several", async () => {
    const { db } = app();
    expect(await fieldsOf(createOrganisationRecord(db, "region", { id: "apac" }, "t"))).toEqual(["entityId"]);
    await seedOrganisation(db);
    expect(
      await fieldsOf(
        createOrganisationRecord(
          db,
          "program",
          { id: "p", locationId: "cebu", serviceId: "sales", clientId: "x" },
          "t",
        ),
      ),
    ).toEqual(["locationId", "serviceId", "clientId"]);
    await createOrganisationRecord(db, "entity", { id: "globex" }, "t");
    expect(await fieldsOf(createOrganisationRecord(db, "service", { id: "sales" }, "t"))).toEqual(["entityId"]);
    await createOrganisationRecord(db, "service", { id: "sales", entityId: "globex" }, "t");
    // A program's service must be its location's entity's.
    const error = await createOrganisationRecord(
      db,
      "program",
      { id: "p", locationId: "manila", serviceId: "sales" },
      "t",
    ).catch((e: InvalidInputError) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).details).toEqual([
      { field: "serviceId", message: 'service "sales" belongs to entity "globex", not "acme"' },
    ]);
    expect(await listOrganisation(db, "program")).toHaveLength(1);
  });

  it("refuses a duplicate id, and a delete of a record still referred to, naming what refers to it", async () => {
    const { db } = app();
    await seedOrganisation(db);
    expect(await fieldsOf(createOrganisationRecord(db, "region", { id: "apac" }, "t"), ConflictError)).toEqual(["id"]);
    const error = await deleteOrganisationRecord(db, "location", "manila", "t").catch((e: ConflictError) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toBe('location "manila" is still referred to by 1 programs (nw-care)');
    expect(await fieldsOf(deleteOrganisationRecord(db, "queue", "nope", "t"), NotFoundError)).toEqual(["id"]);
    expect(await fieldsOf(getOrganisationRecord(db, "entity", "nope"), NotFoundError)).toEqual(["id"]);
    expect(await listOrganisation(db, "location")).toHaveLength(1);
  });

  it("updates only the fields given, clears with null, and deletes what nothing refers to", async () => {
    const { db } = app();
    await seedOrganisation(db);
    const before = await getOrganisationRecord(db, "queue", "nw-voice");
    const after = await updateOrganisationRecord(
      db,
      "queue",
      "nw-voice",
      { name: "Northwind voice", slThresholdSeconds: null },
      "ana",
    );
    expect(after).toMatchObject({ name: "Northwind voice", slThresholdSeconds: null, channel: "voice" });
    expect(after.createdAt).toBe(before.createdAt);
    expect(Date.parse(after.updatedAt)).toBeGreaterThanOrEqual(Date.parse(before.updatedAt));
    await updateOrganisationRecord(db, "location", "manila", { regionId: null }, "ana");
    await deleteOrganisationRecord(db, "region", "apac", "ana");
    await deleteOrganisationRecord(db, "queue", "nw-voice", "ana");
    expect(await counts(db)).toMatchObject({ regions: 0, queues: 0, programs: 1 });
    expect(
      await fieldsOf(updateOrganisationRecord(db, "queue", "nw-voice", { name: "x" }, "ana"), NotFoundError),
    ).toEqual(["id"]);
  });
});

describe.each(ENGINES)("audit log on %s", (engine) => {
  const app = appDbPerTest(engine);

  it("records every change with who, what, and the record before and after, newest first", async () => {
    const { db } = app();
    await seedOrganisation(db);
    await updateOrganisationRecord(db, "region", "apac", { name: "Asia Pacific" }, "ana");
    await createOrganisationRecord(db, "region", { id: "emea" }, "ben");
    await deleteOrganisationRecord(db, "region", "emea", "ben");
    const target = await setTarget(
      db,
      loadPack(),
      {
        metric: "rt.service_level",
        scope: { level: "program", id: "nw-care" },
        value: 80,
        effectiveFrom: "2026-01",
        source: "client",
      },
      "ana",
    );
    const entries = await listAudit(db, { limit: 4 });
    expect(entries.map((e) => [e.actor, e.action, e.subjectKind, e.subjectId])).toEqual([
      ["ana", "set-target", "target", "rt.service_level@program:nw-care"],
      ["ben", "delete", "region", "emea"],
      ["ben", "create", "region", "emea"],
      ["ana", "update", "region", "apac"],
    ]);
    const [set, deleted, created, updated] = entries;
    expect(set).toMatchObject({ before: null, after: { id: target.id, value: 80 } });
    expect(deleted).toMatchObject({ before: { id: "emea" }, after: null });
    expect(created).toMatchObject({ before: null, after: { id: "emea", entityId: "acme" } });
    expect(updated).toMatchObject({ before: { name: "apac" }, after: { name: "Asia Pacific" } });
    expect(Date.parse(set!.at)).toBeGreaterThanOrEqual(Date.parse(updated!.at));
    expect(entries[0]!.id).toBeGreaterThan(entries[1]!.id);
  });

  it("filters by subject and limits the count", async () => {
    const { db } = app();
    await seedOrganisation(db);
    await updateOrganisationRecord(db, "region", "apac", { name: "Asia Pacific" }, "ana");
    expect((await listAudit(db, { subjectKind: "region" })).map((e) => e.action)).toEqual(["update", "create"]);
    expect(await listAudit(db, { subjectKind: "region", subjectId: "emea" })).toEqual([]);
    expect(await listAudit(db, { limit: 2 })).toHaveLength(2);
    expect(await listAudit(db)).toHaveLength(8);
  });

  it("writes nothing when the change is refused", async () => {
    const { db } = app();
    await seedOrganisation(db);
    const before = await listAudit(db);
    await expect(deleteOrganisationRecord(db, "program", "nw-care", "ana")).rejects.toThrow(/still referred to/);
    await expect(createOrganisationRecord(db, "region", { id: "apac" }, "ana")).rejects.toThrow(/already exists/);
    expect(await listAudit(db)).toEqual(before);
  });
});
