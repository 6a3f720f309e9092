/**
 * The organisation: GET /api/organisation for all of it, and for each kind (entities, regions, locations,
 * clients, services, programs, queues) list, create, read, update (PATCH: only the fields given) and delete.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createOrganisationRecord,
  deleteOrganisationRecord,
  getOrganisationRecord,
  Id,
  listOrganisation,
  ORGANISATION_INPUT,
  ORGANISATION_KINDS,
  ORGANISATION_OUTPUT,
  ORGANISATION_TABLES,
  organisationTree,
  updateOrganisationRecord,
} from "../../../app/organisation.ts";
import { publishOrganisation } from "../../../app/organisation-sync.ts";
import { actorOf, type ServerContext } from "../context.ts";
import { errorResponses } from "../errors.ts";

const WHAT: Record<(typeof ORGANISATION_KINDS)[number], string> = {
  entity: "the organisation being assessed (csp: serves its own customers; osp: an outsourcer)",
  region: "a group of locations (Item 4.6)",
  location: "a site, in one IANA time zone; optionally in a region",
  client: "a client served by an OSP",
  service: "a service such as customer-service or tech-support (Item 4.6)",
  program: "a client × service delivered at a location; its entity is its location's",
  queue: "a queue or key customer-related process (KCRP) of a program, with its channel, kind and thresholds",
};

export const organisationRoutes: FastifyPluginAsyncZod<ServerContext> = async (server, context) => {
  const { db } = context.app;
  server.get(
    "/organisation",
    {
      schema: {
        tags: ["organisation"],
        summary: "The whole organisation",
        response: {
          200: z.object({
            entities: z.array(ORGANISATION_OUTPUT.entity),
            regions: z.array(ORGANISATION_OUTPUT.region),
            locations: z.array(ORGANISATION_OUTPUT.location),
            clients: z.array(ORGANISATION_OUTPUT.client),
            services: z.array(ORGANISATION_OUTPUT.service),
            programs: z.array(ORGANISATION_OUTPUT.program),
            queues: z.array(ORGANISATION_OUTPUT.queue),
          }),
        },
      },
    },
    async () => organisationTree(db),
  );

  for (const kind of ORGANISATION_KINDS) {
    const path = `/organisation/${ORGANISATION_TABLES[kind]}`;
    // Locations, programs and queues are what the warehouse's metrics read (time zones, thresholds, cycle times).
    const publish = async () => {
      if (kind === "location" || kind === "program" || kind === "queue") {
        await context.withWarehouse((warehouse) => publishOrganisation(db, warehouse));
      }
    };
    const Record = ORGANISATION_OUTPUT[kind];
    const Params = z.strictObject({ id: Id });
    const tags = ["organisation"];

    server.get(
      path,
      {
        schema: {
          tags,
          summary: `List ${ORGANISATION_TABLES[kind]}`,
          description: `Every ${kind}, by id: ${WHAT[kind]}.`,
          response: { 200: z.array(Record) },
        },
      },
      async () => listOrganisation(db, kind),
    );

    server.post(
      path,
      {
        schema: {
          tags,
          summary: `Create a ${kind}`,
          description: `${WHAT[kind]}. The id is the one the organisation's data uses; the name defaults to it.`,
          body: ORGANISATION_INPUT[kind].create,
          response: { 201: Record, ...errorResponses(400, 409) },
        },
      },
      async (request, reply) => {
        const record = await createOrganisationRecord(db, kind, request.body, actorOf(request.headers));
        await publish();
        return reply.code(201).send(record);
      },
    );

    server.get(
      `${path}/:id`,
      {
        schema: {
          tags,
          summary: `Read a ${kind}`,
          params: Params,
          response: { 200: Record, ...errorResponses(400, 404) },
        },
      },
      async (request) => getOrganisationRecord(db, kind, request.params.id),
    );

    server.patch(
      `${path}/:id`,
      {
        schema: {
          tags,
          summary: `Change a ${kind}`,
          description: "Only the fields given change; null clears an optional reference or threshold.",
          params: Params,
          body: ORGANISATION_INPUT[kind].update,
          response: { 200: Record, ...errorResponses(400, 404) },
        },
      },
      async (request) => {
        // biome-ignore lint/suspicious/noExplicitAny: the body's type is the union over kinds; the service parses it
        const body = request.body as any;
        const record = await updateOrganisationRecord(db, kind, request.params.id, body, actorOf(request.headers));
        await publish();
        return record;
      },
    );

    server.delete(
      `${path}/:id`,
      {
        schema: {
          tags,
          summary: `Delete a ${kind}`,
          description: "Only a record nothing refers to (no child records, no targets) can be deleted.",
          params: Params,
          response: { 204: z.undefined().describe("deleted"), ...errorResponses(400, 404, 409) },
        },
      },
      async (request, reply) => {
        await deleteOrganisationRecord(db, kind, request.params.id, actorOf(request.headers));
        await publish();
        return reply.code(204).send();
      },
    );
  }
};
