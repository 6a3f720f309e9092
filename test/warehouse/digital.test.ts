import { describe, expect, it } from "vitest";
import { metricFixture } from "./fixtures.ts";

const fixture = metricFixture();

const session = (id: string, kind: string, over: Record<string, unknown>) => ({
  source: "digital",
  source_id: id,
  program_id: "care",
  queue_id: kind,
  channel: "web",
  kind,
  time_zone: "UTC",
  arrived_at: "2026-01-15T09:00:00Z",
  completed_at: "2026-01-15T09:02:00Z",
  ...over,
});

const one = async (metric: string) => {
  const values = await fixture.metric(metric);
  expect(values).toHaveLength(1);
  return values[0]!;
};

describe("conversational systems (bots)", () => {
  const bot = (id: string, over: Record<string, unknown>) => session(id, "bot", over);
  const sessions = [
    bot("1", {
      eligible: true,
      completed_in_service: true,
      transferred_to_human: false,
      deflected: true,
      talk_seconds: 120,
      messages: 6,
      inputs: 5,
      inputs_recognized: 4,
      confidence_sum: 4.1,
      resolved: true,
      first_contact: true,
    }),
    // Handed to a human.
    bot("2", {
      eligible: true,
      completed_in_service: false,
      transferred_to_human: true,
      deflected: false,
      talk_seconds: 200,
      messages: 4,
      inputs: 3,
      inputs_recognized: 3,
      confidence_sum: 2.4,
      resolved: false,
      first_contact: false,
    }),
    // Said hello and left: not eligible.
    bot("3", {
      eligible: false,
      transferred_to_human: false,
      talk_seconds: 20,
      messages: 1,
      inputs: 1,
      inputs_recognized: 0,
    }),
    // Still going on.
    bot("4", { eligible: true, transferred_to_human: false, completed_at: null }),
  ];

  it("service rate, volume, autonomous handling and deflection", async () => {
    await fixture.load("contacts", sessions);
    expect((await one("dc.service_rate")).components).toEqual({ completed_in_service: 1, eligible_transactions: 3 });
    expect((await one("dc.volume")).value).toBe(3);
    expect((await one("dc.autonomous_handle_rate")).components).toEqual({
      handled_autonomously: 3,
      initiated_interactions: 4,
    });
    expect((await one("dc.deflection_rate")).components).toEqual({ deflected_from_human: 1, eligible_transactions: 3 });
  });

  it("conversations, their time and messages, recognition and resolution", async () => {
    await fixture.load("contacts", sessions);
    expect((await one("dc.conversations")).value).toBe(3);
    expect((await one("dc.average_conversation_time")).components).toEqual({
      conversation_seconds: 340,
      handled_conversations: 3,
    });
    expect((await one("dc.messages_per_conversation")).value).toBeCloseTo(11 / 3, 12);
    expect((await one("dc.recognition_accuracy")).components).toEqual({
      inputs_correctly_recognized: 7,
      inputs_evaluated: 9,
    });
    expect((await one("dc.recognition_confidence")).components).toEqual({ confidence_sum: 6.5, inputs_scored: 8 });
    expect((await one("dc.issue_resolution")).components).toEqual({ resolved: 1, handled: 3 });
  });

  it("cost per conversation: the channel's cost over conversations eligible for service", async () => {
    await fixture.load("contacts", sessions);
    await fixture.load("costs", [
      {
        program_id: "care",
        booked_on: "2026-01-01",
        channel: "digital-conversational",
        category: "platform",
        amount: 300,
      },
      { program_id: "care", booked_on: "2026-01-01", channel: "human", category: "labour", amount: 9000 },
    ]);
    expect((await one("dc.cost_per_conversation")).value).toBe(100);
  });
});

describe("self-service and back-stage automation", () => {
  it("self-service service rate and the defect rate of checks", async () => {
    await fixture.load("contacts", [
      session("1", "self-service", { eligible: true, completed_in_service: true }),
      session("2", "self-service", { eligible: true, completed_in_service: false }),
    ]);
    const check = (id: string, defect: boolean) => ({
      source: "checks",
      evaluation_id: id,
      program_id: "care",
      kind: "self-service",
      time_zone: "UTC",
      evaluated_at: "2026-01-16T00:00:00Z",
      mode: "system",
      customer_critical_error: false,
      business_critical_error: false,
      compliance_critical_error: false,
      defect,
    });
    await fixture.load("qa_evaluations", [check("1", true), check("2", false)]);
    expect((await one("dn.service_rate")).value).toBe(50);
    expect((await one("dn.defect_rate")).components).toEqual({ checked_with_defect: 1, checked: 2 });
  });

  it("back-stage processing time from active time, or from start to end", async () => {
    await fixture.load("contacts", [
      session("1", "back-office", { eligible: true, completed_at: "2026-01-15T09:01:30Z", messages: 2 }),
      session("2", "back-office", { eligible: true, talk_seconds: 30 }),
    ]);
    expect((await one("bs.average_processing_time")).components).toEqual({
      processing_seconds: 120,
      tasks_processed: 2,
    });
    expect((await one("bs.volume")).value).toBe(2);
    expect((await one("bs.messages_per_conversation")).value).toBe(1);
  });
});

describe("IVR", () => {
  it("abandonment, exits and routing accuracy over the calls the IVR took", async () => {
    const call = (id: string, outcome: string | null, over: Record<string, unknown> = {}) =>
      session(id, "real-time", { channel: "voice", queue_id: "care-voice", ivr_outcome: outcome, ...over });
    await fixture.load("contacts", [
      call("1", "self-served"),
      call("2", "abandoned"),
      call("3", "opted-out"),
      call("4", "errored-out"),
      call("5", "routed", { routed_as_designed: true, intent_matched: true }),
      call("6", "routed", { routed_as_designed: false, intent_matched: false }),
      call("7", null),
    ]);
    expect((await one("ksp.ivr.abandonment_rate")).components).toEqual({ ivr_abandoned_no_task: 1, ivr_answered: 6 });
    expect((await one("ksp.ivr.exit_rate")).value).toBeCloseTo((100 * 2) / 6, 12);
    expect((await one("ksp.ivr.technical_routing_accuracy")).value).toBe(50);
    expect((await one("ksp.ivr.behavioral_routing_accuracy")).value).toBe(50);
  });
});

describe("digital assisted systems' forecast accuracy", () => {
  it("counts days whose run rate and whose peak interval fell within the tolerance", async () => {
    const interval = (startsAt: string, forecast: number, actual: number) => ({
      program_id: "care",
      queue_id: "bot",
      kind: "bot",
      time_zone: "UTC",
      starts_at: startsAt,
      interval_minutes: 60,
      forecast_contacts: forecast,
      actual_contacts: actual,
    });
    await fixture.load("workforce_intervals", [
      // 5 January: 66 against 60 (+10%, on the bound); peak 36 against 30 (+20%).
      interval("2026-01-05T09:00:00Z", 10, 11),
      interval("2026-01-05T10:00:00Z", 20, 19),
      interval("2026-01-05T11:00:00Z", 30, 36),
      // 6 January: 18 against 20 (−10%); peak 10 against 10.
      interval("2026-01-06T09:00:00Z", 10, 10),
      interval("2026-01-06T10:00:00Z", 10, 8),
    ]);
    expect((await one("ksp.digital_assisted_systems.forecast_accuracy_run_rate")).components).toEqual({
      days_run_rate_within_tolerance: 2,
      days_forecast: 2,
    });
    expect((await one("ksp.digital_assisted_systems.forecast_accuracy_peak")).components).toEqual({
      days_peak_within_tolerance: 1,
      days_forecast: 2,
    });
  });
});
