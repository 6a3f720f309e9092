/** Fixtures for tests of the app database and the API. */
import type { Kysely } from "kysely";
import type { Database } from "../../src/app/db/schema.ts";
import { createOrganisationRecord } from "../../src/app/organisation.ts";

/** An OSP with one region, location, client, service, program and queue. */
export async function seedOrganisation(db: Kysely<Database>) {
  await createOrganisationRecord(db, "entity", { id: "acme", name: "Acme CX", provider: "osp" }, "seed");
  await createOrganisationRecord(db, "region", { id: "apac" }, "seed");
  await createOrganisationRecord(db, "location", { id: "manila", regionId: "apac", timeZone: "Asia/Manila" }, "seed");
  await createOrganisationRecord(db, "client", { id: "northwind" }, "seed");
  await createOrganisationRecord(db, "service", { id: "customer-service" }, "seed");
  await createOrganisationRecord(
    db,
    "program",
    { id: "nw-care", locationId: "manila", serviceId: "customer-service", clientId: "northwind" },
    "seed",
  );
  await createOrganisationRecord(
    db,
    "queue",
    { id: "nw-voice", programId: "nw-care", channel: "voice", kind: "real-time", slThresholdSeconds: 20 },
    "seed",
  );
}
