import { describe, expect, it } from "vitest";
import { listAudit } from "../../src/app/audit.ts";
import {
  createOrganisationRecord,
  deleteOrganisationRecord,
  updateOrganisationRecord,
} from "../../src/app/organisation.ts";
import { setTarget } from "../../src/app/targets.ts";
import { loadPack } from "../../src/standard/pack.ts";
import { appDbPerTest, ENGINES } from "../support/app-db.ts";
import { seedOrganisation } from "../support/organisation.ts";

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
