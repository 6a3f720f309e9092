import { describe, expect, it } from "vitest";
import { metricFixture, pick } from "./fixtures.ts";

const fixture = metricFixture();

const answer = (id: string, score: number, over: Record<string, unknown> = {}) => ({
  source: "survey",
  response_id: id,
  program_id: "care",
  time_zone: "UTC",
  answered_at: "2026-01-12T12:00:00Z",
  overall_satisfaction: score,
  scale_max: 5,
  ...over,
});

describe("surveys beyond customer satisfaction", () => {
  it("service journey experience is the mean journey score of the responses that gave one", async () => {
    await fixture.load("surveys", [
      answer("1", 5, { journey: "claims", journey_score: 4 }),
      answer("2", 4, { journey: "claims", journey_score: 2 }),
      answer("3", 3),
    ]);
    const [journey] = await fixture.metric("cx.service_journey_experience");
    expect(journey!.components).toEqual({ journey_experience_score_sum: 6, journey_experience_responses: 2 });
    expect(journey!.value).toBe(3);
  });

  it("client satisfaction is the top two boxes of each client response's scale", async () => {
    await fixture.load("client_surveys", [
      answer("1", 5),
      answer("2", 4),
      answer("3", 3),
      answer("4", 9, { scale_max: 10 }),
    ]);
    const [clients] = await fixture.metric("cx.overall_client_satisfaction");
    expect(clients!.components).toEqual({ client_top_two_box: 3, client_survey_responses: 4 });
  });

  it("employee satisfaction: the overall survey's top and bottom boxes; lifecycle surveys apart", async () => {
    const staff = (id: string, score: number, survey: string, point?: string) =>
      answer(id, score, { survey, lifecycle_point: point, role: "css" });
    await fixture.load("employee_surveys", [
      staff("1", 5, "overall"),
      staff("2", 4, "overall"),
      staff("3", 2, "overall"),
      staff("4", 1, "overall"),
      staff("5", 5, "lifecycle", "onboarding"),
      staff("6", 3, "lifecycle", "exit"),
    ]);
    const [satisfied] = await fixture.metric("ksp.employee_experience.overall_satisfaction");
    expect(satisfied!.components).toEqual({ employee_surveys_top_two_box: 2, employee_surveys_completed: 4 });
    const [dissatisfied] = await fixture.metric("ksp.employee_experience.overall_dissatisfaction");
    expect(dissatisfied!.components).toEqual({ employee_surveys_bottom_box: 1, employee_surveys_completed: 4 });
    const [lifecycle] = await fixture.metric("ksp.employee_experience.lifecycle_satisfaction");
    expect(lifecycle!.components).toEqual({ lifecycle_satisfied_responses: 1, lifecycle_responses: 2 });
  });
});

describe("client complaints", () => {
  const complaint = (id: string, over: Record<string, unknown>) => ({
    source: "crm",
    complaint_id: id,
    program_id: "care",
    time_zone: "America/New_York",
    complainant: "client",
    ...over,
  });

  it("counts complaints in the month received: answered and resolved by their deadlines, or the defaults", async () => {
    await fixture.load("complaints", [
      // Answered in time, resolved late.
      complaint("1", {
        received_at: "2026-01-10T09:00:00",
        respond_by: "2026-01-11T09:00:00",
        responded_at: "2026-01-10T15:00:00",
        resolve_by: "2026-01-20T09:00:00",
        resolved_at: "2026-01-25T09:00:00",
      }),
      // No deadlines: answered after three days (two allowed), resolved after five (ten allowed).
      complaint("2", {
        received_at: "2026-01-12T09:00:00",
        responded_at: "2026-01-15T09:00:00",
        resolved_at: "2026-01-17T09:00:00",
      }),
      // 23:00 on 31 January in New York: January; never answered.
      complaint("3", { received_at: "2026-01-31T23:00:00" }),
      // A customer's complaint: not a client complaint.
      complaint("4", { complainant: "customer", received_at: "2026-01-13T09:00:00" }),
    ]);
    const [respond] = await fixture.metric("cx.client_complaint_on_time_to_respond");
    expect(respond).toMatchObject({
      period: "2026-01",
      components: { client_complaints_responded_on_time: 1, client_complaints: 3 },
    });
    const [resolve] = await fixture.metric("cx.client_complaint_on_time_to_resolve");
    expect(resolve!.components).toEqual({ client_complaints_resolved_on_time: 1, client_complaints: 3 });
    const [longer] = await fixture.metric(
      "cx.client_complaint_on_time_to_respond",
      {},
      {
        complaintResponseSeconds: 4 * 24 * 3600,
      },
    );
    expect(longer!.components.client_complaints_responded_on_time).toBe(2);
  });
});

describe("cost per X", () => {
  it("divides every service delivery cost, human and digital, by the chosen driver's units", async () => {
    const cost = (on: string, channel: string, category: string, amount: number) => ({
      program_id: "care",
      booked_on: on,
      channel,
      category,
      amount,
      currency: "EUR",
    });
    await fixture.load("costs", [
      cost("2026-01-01", "human", "labour", 100_000),
      cost("2026-01-01", "human", "technology", 20_000),
      cost("2026-01-01", "digital-conversational", "platform", 5_000),
      cost("2026-02-01", "human", "labour", 90_000),
    ]);
    const driver = (on: string, name: string, units: number) => ({
      program_id: "care",
      counted_on: on,
      driver: name,
      units,
    });
    await fixture.load("cost_drivers", [
      driver("2026-01-15", "transactions-handled", 6_000),
      driver("2026-01-20", "transactions-handled", 4_000),
      driver("2026-01-31", "customers-served", 7_000),
    ]);
    const values = await fixture.metric("cost.cost_per_x");
    expect(values).toHaveLength(1);
    expect(pick(values, "2026-01", "care")).toMatchObject({
      value: 12.5,
      components: { service_delivery_cost: 125_000, cost_driver_units: 10_000 },
    });
    const [perCustomer] = await fixture.metric("cost.cost_per_x", {}, { costDriver: "customers-served" });
    expect(perCustomer!.value).toBeCloseTo(125_000 / 7_000, 10);
  });
});
