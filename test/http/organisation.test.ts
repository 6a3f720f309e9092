/**
 * The organisation routes on both engines, each test with its own app database: create, list, read, change and
 * delete every kind of record; bad input, unknown references, duplicates and deletes of records still in use are
 * refused with `{ error, details }` naming the field, and nothing is written. Then GET /api/audit, which lists
 * those changes.
 *
 * A location, program or queue written through the API is also published to the warehouse, which takes a while:
 * tests that are not about creating records start from records written straight to the app database.
 */
import { describe, expect, it } from "vitest";
import { ENGINES } from "../support/app-db.ts";
import { seedOrganisation } from "../support/organisation.ts";
import { type Response, serverPerTest, type TestServer } from "../support/server.ts";

const SETUP: [string, Record<string, unknown>][] = [
  ["entities", { id: "acme", name: "Acme CX", provider: "osp" }],
  ["regions", { id: "apac", name: "Asia Pacific" }],
  ["locations", { id: "manila", regionId: "apac", timeZone: "Asia/Manila" }],
  ["clients", { id: "northwind" }],
  ["services", { id: "customer-service" }],
  ["programs", { id: "nw-care", locationId: "manila", serviceId: "customer-service", clientId: "northwind" }],
  ["queues", { id: "nw-voice", programId: "nw-care", channel: "voice", kind: "real-time", slThresholdSeconds: 20 }],
];

async function setUp(api: TestServer) {
  for (const [kind, body] of SETUP) {
    const response = await api.request("POST", `/api/organisation/${kind}`, body, "ana");
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  }
}

/** Everything the organisation routes can change: the records and the audit log. */
const snapshot = async (api: TestServer) => ({
  organisation: (await api.request("GET", "/api/organisation")).body,
  audit: (await api.request("GET", "/api/audit?limit=1000")).body,
});

const fields = (response: Response) => response.body.details.map((d: { field: string }) => d.field).sort();

describe.each(ENGINES)("organisation API on %s", (engine) => {
  const api = serverPerTest(engine);

  it("creates every kind of record and reads them back, whole and one by one", async () => {
    await setUp(api());
    const tree = await api().request("GET", "/api/organisation");
    expect(tree.status).toBe(200);
    expect(
      Object.fromEntries(Object.entries(tree.body).map(([k, v]) => [k, (v as { id: string }[]).map((r) => r.id)])),
    ).toEqual({
      entities: ["acme"],
      regions: ["apac"],
      locations: ["manila"],
      clients: ["northwind"],
      services: ["customer-service"],
      programs: ["nw-care"],
      queues: ["nw-voice"],
    });
    const locations = await api().request("GET", "/api/organisation/locations");
    expect(locations.body).toMatchObject([{ id: "manila", entityId: "acme", regionId: "apac", name: "manila" }]);
    const program = await api().request("GET", "/api/organisation/programs/nw-care");
    expect(program.status).toBe(200);
    expect(program.body).toMatchObject({ id: "nw-care", entityId: "acme", clientId: "northwind" });
  });

  it("changes only the fields given, deletes what nothing refers to, and records who did it", async () => {
    await seedOrganisation(api().app.db);
    const changed = await api().request(
      "PATCH",
      "/api/organisation/queues/nw-voice",
      { slThresholdSeconds: 30 },
      "ben",
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: "nw-voice", slThresholdSeconds: 30, channel: "voice" });
    const deleted = await api().request("DELETE", "/api/organisation/queues/nw-voice", undefined, "ben");
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    expect((await api().request("GET", "/api/organisation/queues/nw-voice")).status).toBe(404);
    const audit = await api().request("GET", "/api/audit?subjectKind=queue");
    expect(audit.body.entries.map((e: { actor: string; action: string }) => `${e.actor} ${e.action}`)).toEqual([
      "ben delete",
      "ben update",
      "seed create",
    ]);
  });

  it("refuses malformed bodies and parameters with a 400 naming each field, writing nothing", async () => {
    await seedOrganisation(api().app.db);
    const before = await snapshot(api());
    const badZone = await api().request("POST", "/api/organisation/locations", { id: "cebu", timeZone: "UTC+8" });
    expect(badZone.status).toBe(400);
    expect(badZone.body).toEqual({
      error: "invalid body: timeZone: expected an IANA time zone such as Asia/Manila or America/New_York",
      details: [
        {
          field: "timeZone",
          in: "body",
          message: "expected an IANA time zone such as Asia/Manila or America/New_York",
        },
      ],
    });
    const unknown = await api().request("POST", "/api/organisation/regions", { id: "emea", colour: "blue" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([{ field: "colour", in: "body", message: "unknown field" }]);
    const badQueue = await api().request("POST", "/api/organisation/queues", {
      id: "q 1",
      programId: "nw-care",
      channel: "voice",
      kind: "live",
    });
    expect(fields(badQueue)).toEqual(["id", "kind"]);
    const badId = await api().request("GET", "/api/organisation/programs/bad%20id");
    expect(badId.status).toBe(400);
    expect(badId.body.details).toMatchObject([{ field: "id", in: "params" }]);
    const nothingToChange = await api().request("PATCH", "/api/organisation/regions/apac", {});
    expect(nothingToChange.status).toBe(400);
    expect(nothingToChange.body.error).toContain("give at least one field to change");
    const notJson = await api().server.inject({
      method: "POST",
      url: "/api/organisation/regions",
      headers: { "content-type": "application/json" },
      payload: "{",
    });
    expect(notJson.statusCode).toBe(400);
    expect(await snapshot(api())).toEqual(before);
  });

  it("refuses unknown references (400), duplicates and deletes of records in use (409), unknown ids (404)", async () => {
    await seedOrganisation(api().app.db);
    const before = await snapshot(api());
    const references = await api().request("POST", "/api/organisation/programs", {
      id: "nw-sales",
      locationId: "cebu",
      serviceId: "sales",
    });
    expect(references.status).toBe(400);
    expect(references.body.details).toEqual([
      { field: "locationId", message: 'no location "cebu"' },
      { field: "serviceId", message: 'no service "sales"' },
    ]);
    const duplicate = await api().request("POST", "/api/organisation/regions", { id: "apac" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({
      error: 'region "apac" already exists',
      details: [{ field: "id", message: 'region "apac" already exists' }],
    });
    const inUse = await api().request("DELETE", "/api/organisation/programs/nw-care");
    expect(inUse.status).toBe(409);
    expect(inUse.body.error).toBe('program "nw-care" is still referred to by 1 queues (nw-voice)');
    for (const [method, url] of [
      ["GET", "/api/organisation/clients/globex"],
      ["PATCH", "/api/organisation/clients/globex"],
      ["DELETE", "/api/organisation/clients/globex"],
    ] as const) {
      const response = await api().request(method, url, method === "PATCH" ? { name: "Globex" } : undefined);
      expect(response.status, `${method} ${url}`).toBe(404);
      expect(response.body.details).toEqual([{ field: "id", message: 'no client "globex"' }]);
    }
    expect(await snapshot(api())).toEqual(before);
  });
});

describe.each(ENGINES)("audit API on %s", (engine) => {
  const api = serverPerTest(engine);

  it("lists the changes made through the API, newest first, filtered by subject", async () => {
    await api().request("POST", "/api/organisation/entities", { id: "acme" }, "ana");
    await api().request("POST", "/api/organisation/regions", { id: "apac" }, "ana");
    await api().request("PATCH", "/api/organisation/regions/apac", { name: "Asia Pacific" }, "ben");
    const all = await api().request("GET", "/api/audit");
    expect(all.status).toBe(200);
    expect(all.body.entries.map((e: { actor: string; action: string; subjectId: string }) => e)).toMatchObject([
      { actor: "ben", action: "update", subjectKind: "region", subjectId: "apac", before: { name: "apac" } },
      { actor: "ana", action: "create", subjectKind: "region", subjectId: "apac", before: null },
      { actor: "ana", action: "create", subjectKind: "entity", subjectId: "acme", after: { id: "acme" } },
    ]);
    expect(Date.parse(all.body.entries[0].at)).not.toBeNaN();
    const regions = await api().request("GET", "/api/audit?subjectKind=region&subjectId=apac&limit=1");
    expect(regions.body.entries).toMatchObject([{ action: "update" }]);
    expect((await api().request("GET", "/api/audit?subjectKind=queue")).body.entries).toEqual([]);
  });

  it("refuses bad parameters with a 400 naming each", async () => {
    const response = await api().request("GET", "/api/audit?limit=5000&colour=blue");
    expect(response.status).toBe(400);
    expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual(["colour", "limit"]);
    expect((await api().request("GET", "/api/audit?limit=ten")).status).toBe(400);
  });
});
