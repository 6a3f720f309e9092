import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importFiles } from "../../src/warehouse/import/load.ts";
import { identityMapping } from "../../src/warehouse/import/mapping.ts";
import { DEFAULT_SETTINGS } from "../../src/warehouse/metrics/components/index.ts";
import { recomputeComponents } from "../../src/warehouse/metrics/compute.ts";
import { answerTimeDistribution } from "../../src/warehouse/metrics/distribution.ts";
import { metricFixture } from "./fixtures.ts";

const fixture = metricFixture();

const contact = (id: string, over: Record<string, unknown>) => ({
  source: "acd",
  source_id: id,
  program_id: "care",
  queue_id: "care-chat",
  channel: "chat",
  kind: "real-time",
  time_zone: "America/New_York",
  arrived_at: "2026-01-15T09:00:00",
  ...over,
});

const answered = (wait: number) => ({
  offered_at: "2026-01-15T09:00:05",
  answered_at: "2026-01-15T09:00:15",
  wait_seconds: wait,
});

const one = async (metric: string) => {
  const values = await fixture.metric(metric);
  expect(values).toHaveLength(1);
  return values[0]!;
};

describe("chat", () => {
  const chats = [
    contact("1", {
      ...answered(10),
      talk_seconds: 600,
      acw_seconds: 60,
      agent_replies: 5,
      reply_wait_seconds: 150,
      session_abandoned: false,
      chat_invitation: "accepted",
    }),
    // Left after the dialogue had started.
    contact("2", {
      ...answered(10),
      talk_seconds: 300,
      acw_seconds: 30,
      agent_replies: 3,
      reply_wait_seconds: 90,
      session_abandoned: true,
    }),
    // Never answered the CSS: abandoned before any dialogue.
    contact("3", { offered_at: "2026-01-15T09:00:05", abandoned_at: "2026-01-15T09:01:05", wait_seconds: 60 }),
    // Invited, declined: never offered.
    contact("4", { chat_invitation: "declined" }),
    contact("5", { chat_invitation: "declined" }),
  ];

  it("tells chat abandonment (before the dialogue) from session abandonment (after), over chats offered", async () => {
    await fixture.load("contacts", chats);
    expect((await one("rt.chat_abandonment_rate")).components).toEqual({
      chat_abandoned_before_dialogue: 1,
      chat_requests: 3,
    });
    expect((await one("rt.chat_session_abandonment_rate")).components).toEqual({
      chat_abandoned_after_dialogue: 1,
      chat_requests: 3,
    });
  });

  it("average response time is the CSS's reply delay per reply", async () => {
    await fixture.load("contacts", chats);
    const art = await one("rt.chat_average_response_time");
    expect(art.components).toEqual({ chat_reply_gap_seconds: 240, chat_replies: 8 });
    expect(art.value).toBe(30);
  });

  it("take-up and deflection of chat invitations", async () => {
    await fixture.load("contacts", chats);
    expect((await one("rt.chat_take_up_rate")).components).toEqual({ chat_offers_accepted: 1, chat_offers: 3 });
    expect((await one("rt.chat_deflection_rate")).components).toEqual({ chat_offers_declined: 2, chat_offers: 3 });
  });

  it("concurrency is chat handle and wrap time over time engaged in chat", async () => {
    await fixture.load("contacts", chats);
    await fixture.load("agent_time", [
      {
        agent_id: "a",
        program_id: "care",
        kind: "real-time",
        time_zone: "America/New_York",
        starts_at: "2026-01-15T08:00:00",
        paid_onsite_seconds: 28800,
        productive_seconds: 990,
        available_seconds: 20000,
        chat_engaged_seconds: 600,
      },
    ]);
    const concurrency = await one("rt.chat_concurrency");
    expect(concurrency.components).toEqual({ chat_handle_wrap_seconds: 990, chat_engaged_seconds: 600 });
    expect(concurrency.value).toBeCloseTo(1.65, 12);
  });

  it("reports no concurrency where agent time never records chat engagement", async () => {
    await fixture.load("contacts", chats);
    expect(await fixture.metric("rt.chat_concurrency")).toEqual([]);
  });
});

describe("escalation accuracy", () => {
  it("counts checked escalations, correct and not, among handled transactions", async () => {
    const call = (id: string, over: Record<string, unknown>) =>
      contact(id, { channel: "voice", queue_id: "care-voice", ...answered(5), talk_seconds: 100, ...over });
    await fixture.load("contacts", [
      call("1", { escalated: true, escalated_correctly: true }),
      call("2", { escalated: true, escalated_correctly: false }),
      // Escalated, never checked.
      call("3", { escalated: true }),
      call("4", { escalated: false }),
    ]);
    expect((await one("rt.escalation_accuracy")).components).toEqual({
      escalations_reviewed_correct: 1,
      escalations_reviewed: 2,
    });
    expect((await one("rt.escalation_defective")).value).toBe(50);
  });
});

describe("deferred work", () => {
  const item = (id: string, over: Record<string, unknown>) =>
    contact(id, {
      channel: "back-office",
      queue_id: "claims",
      kind: "deferred",
      completed_at: "2026-01-16T10:00:00",
      ...over,
    });

  it("lead conversion counts leads over qualifying transactions processed", async () => {
    await fixture.load("contacts", [
      item("1", { lead_qualifying: true, lead: true }),
      item("2", { lead_qualifying: true, lead: false }),
      item("3", { lead_qualifying: false, lead: false }),
      // Not processed yet.
      item("4", { completed_at: null, lead_qualifying: true, lead: true }),
    ]);
    expect((await one("def.case_lead_conversion_rate")).components).toEqual({
      leads_generated: 1,
      qualifying_transactions: 2,
    });
    expect((await one("def.case_leads_generated")).value).toBe(1);
  });

  it("cases close when their last transaction completes, resolve when one resolves, against the first one's due time", async () => {
    const step = (id: string, kase: string | null, over: Record<string, unknown>) =>
      item(id, { case_id: kase, ...over });
    await fixture.load("contacts", [
      // Case a: closed and resolved on 2 January at 09:00, due at 10:00.
      step("a1", "a", {
        arrived_at: "2026-01-01T10:00:00",
        due_at: "2026-01-02T10:00:00",
        completed_at: "2026-01-01T12:00:00",
        resolved: false,
      }),
      step("a2", "a", { arrived_at: "2026-01-01T15:00:00", completed_at: "2026-01-02T09:00:00", resolved: true }),
      // Case b: resolved late on 5 January, still open.
      step("b1", "b", {
        arrived_at: "2026-01-03T10:00:00",
        due_at: "2026-01-04T10:00:00",
        completed_at: "2026-01-05T10:00:00",
        resolved: true,
      }),
      step("b2", "b", { arrived_at: "2026-01-05T11:00:00", completed_at: null }),
      // Case c: closed in time, not resolved.
      step("c1", "c", {
        arrived_at: "2026-01-06T10:00:00",
        due_at: "2026-01-07T10:00:00",
        completed_at: "2026-01-06T16:00:00",
        resolved: false,
      }),
      // Not part of a case.
      step("d1", null, { arrived_at: "2026-01-06T10:00:00", completed_at: "2026-01-06T16:00:00", resolved: true }),
    ]);
    expect((await one("def.case_on_time_to_close")).components).toEqual({
      cases_closed_within_cycle_time: 2,
      cases_closed: 2,
    });
    expect((await one("def.case_on_time_to_resolve")).components).toEqual({
      cases_resolved_within_cycle_time: 1,
      cases_resolved: 2,
    });
  });

  it("defect rate is items checked with any error over items checked", async () => {
    const evaluation = (id: string, defect?: boolean) => ({
      source: "qa",
      evaluation_id: id,
      program_id: "care",
      kind: "deferred",
      time_zone: "UTC",
      evaluated_at: "2026-01-10T12:00:00Z",
      customer_critical_error: false,
      business_critical_error: false,
      compliance_critical_error: false,
      defect,
    });
    await fixture.load("qa_evaluations", [
      evaluation("1", true),
      evaluation("2", false),
      evaluation("3", false),
      evaluation("4"),
    ]);
    expect((await one("def.defect_rate")).components).toEqual({ records_checked_with_error: 1, records_checked: 3 });
  });
});

describe("outbound", () => {
  const dial = (id: string, over: Record<string, unknown>) =>
    contact(id, { channel: "voice", queue_id: "campaign", kind: "outbound", ...over });
  const connected = { answered_at: "2026-01-15T09:00:12", completed_at: "2026-01-15T09:05:00" };

  it("right-party connects per record closed out, and per staff hour; handle time and outcomes", async () => {
    await fixture.load("contacts", [
      dial("1", {
        ...connected,
        talk_seconds: 200,
        acw_seconds: 40,
        sale: true,
        sale_value: 300,
        right_party: true,
        record_closed: true,
      }),
      // No answer; the record stays on the list for a retry.
      dial("2", { record_closed: false }),
      // No answer, retries used up: closed without reaching anyone.
      dial("3", { record_closed: true, right_party: false }),
      dial("4", {
        ...connected,
        talk_seconds: 100,
        acw_seconds: 20,
        sale: false,
        right_party: true,
        record_closed: true,
      }),
    ]);
    await fixture.load("agent_time", [
      {
        agent_id: "a",
        program_id: "care",
        kind: "outbound",
        time_zone: "America/New_York",
        starts_at: "2026-01-15T08:00:00",
        paid_onsite_seconds: 7200,
        productive_seconds: 4000,
        available_seconds: 2000,
      },
    ]);
    expect((await one("ob.right_party_connect_rate")).components).toEqual({
      right_party_connects: 2,
      records_processed: 3,
    });
    expect((await one("ob.rpc_rate")).value).toBe(1);
    expect((await one("ob.sales_rate")).value).toBe(0.5);
    expect((await one("ob.aht")).value).toBe(180);
    expect((await one("ob.completion_success")).value).toBe(300);
    expect((await one("ob.closure_rate")).components).toEqual({ closed_transactions: 1, closable_transactions: 2 });
    expect((await one("ob.css_utilization")).value).toBeCloseTo((100 * 6000) / 7200, 10);
  });
});

describe("contact resolution by repeat-contact analysis", () => {
  const call = (id: string, customer: string | null, arrivedAt: string, over: Record<string, unknown> = {}) =>
    contact(id, {
      channel: "voice",
      queue_id: "care-voice",
      customer_id: customer,
      arrived_at: arrivedAt,
      offered_at: arrivedAt,
      answered_at: arrivedAt,
      wait_seconds: 0,
      talk_seconds: 100,
      ...over,
    });
  const calls = [
    // x calls again two days later: the first call did not resolve; the second did, but was a repeat.
    call("a1", "x", "2026-01-10T10:00:00"),
    call("a2", "x", "2026-01-12T10:00:00"),
    // y never calls again: resolved at the first contact.
    call("b1", "y", "2026-01-10T10:00:00"),
    // z's outcome is recorded: it wins.
    call("c1", "z", "2026-01-10T10:00:00", { resolved: false, first_contact: false }),
    // No customer: no analysis.
    call("d1", null, "2026-01-10T10:00:00"),
    // w never calls again, but was escalated: resolved, not at the first contact.
    call("e1", "w", "2026-01-10T10:00:00", { escalated: true }),
    // v writes an email a week later, in February: the January call did not resolve.
    call("f1", "v", "2026-01-25T10:00:00"),
    contact("f2", {
      channel: "email",
      queue_id: "care-mail",
      kind: "deferred",
      customer_id: "v",
      arrived_at: "2026-02-01T10:00:00",
      completed_at: "2026-02-01T12:00:00",
    }),
  ];
  const week = { repeatContactDays: 7 };

  it("counts a handled contact resolved when the customer does not come back within the window", async () => {
    await fixture.load("contacts", calls);
    const [resolution] = await fixture.metric("rt.issue_resolution", { to: "2026-01" }, week);
    expect(resolution!.components).toEqual({ resolved: 3, resolution_assessed: 6 });
    const [fcr] = await fixture.metric("rt.first_contact_resolution", { to: "2026-01" }, week);
    expect(fcr!.components).toEqual({ resolved_first_contact: 1, resolution_assessed: 6 });
    // A one-day window sees no repeat for x: both of x's calls resolve at the first contact, and f1 too.
    const [daily] = await fixture.metric("rt.first_contact_resolution", { to: "2026-01" }, { repeatContactDays: 1 });
    expect(daily!.components.resolved_first_contact).toBe(4);
    // Off (the default), only recorded outcomes count.
    const [recorded] = await fixture.metric("rt.issue_resolution", { to: "2026-01" });
    expect(recorded!.components).toEqual({ resolved: 0, resolution_assessed: 1 });
  });

  it("updates the earlier contacts' days when a repeat arrives in a later load", async () => {
    const settings = { ...DEFAULT_SETTINGS, ...week };
    await fixture.load(
      "contacts",
      calls.filter((c) => c.source_id !== "f2"),
    );
    await recomputeComponents(fixture.warehouse, settings);
    const dir = mkdtempSync(join(tmpdir(), "cxpm-repeat-"));
    const file = join(dir, "f2.json");
    writeFileSync(file, JSON.stringify(calls.filter((c) => c.source_id === "f2")));
    const load = await importFiles(fixture.warehouse, {
      mapping: identityMapping("contacts"),
      files: [file],
      components: settings,
    });
    // Day by day: the email's day and, through its echo, the day of the call it follows up.
    expect(load.components).toMatchObject({ days: 2 });
    const rows = () =>
      fixture.warehouse.all(
        "SELECT process_group, CAST(day AS VARCHAR) AS day, program_id, queue_id, component, value FROM metric_components ORDER BY ALL",
      );
    const incremental = await rows();
    await recomputeComponents(fixture.warehouse, settings);
    expect(incremental).toEqual(await rows());
    const [resolution] = await fixture.metric("rt.issue_resolution", { to: "2026-01" }, week);
    expect(resolution!.components.resolved).toBe(3);
  });
});

describe("the answer-time distribution beside ASA", () => {
  it("gives cumulative shares answered within each bound, per channel, rolled up from the days", async () => {
    const voice = (id: string, wait: number, day = "15") =>
      contact(id, {
        channel: "voice",
        queue_id: "care-voice",
        arrived_at: `2026-01-${day}T09:00:00`,
        offered_at: `2026-01-${day}T09:00:00`,
        answered_at: `2026-01-${day}T09:00:00`,
        wait_seconds: wait,
      });
    await fixture.load("contacts", [
      voice("1", 5),
      voice("2", 15),
      voice("3", 25, "16"),
      voice("4", 100, "17"),
      voice("5", 700, "18"),
      // Abandoned: not answered, not in the distribution.
      contact("6", {
        channel: "voice",
        queue_id: "care-voice",
        offered_at: "2026-01-15T09:00:00",
        abandoned_at: "2026-01-15T09:01:00",
        wait_seconds: 60,
      }),
      contact("7", answered(8)),
    ]);
    await recomputeComponents(fixture.warehouse);
    const rows = await answerTimeDistribution(fixture.warehouse, { scope: "entity" });
    const voiceRow = rows.find((r) => r.channel === "voice")!;
    expect(voiceRow).toMatchObject({ period: "2026-01", scope: "entity", answered: 5, asaSeconds: 169 });
    const within = Object.fromEntries(voiceRow.buckets.map((b) => [b.withinSeconds, b.answered]));
    expect(within).toEqual({ 10: 1, 20: 2, 30: 3, 45: 3, 60: 3, 90: 3, 120: 4, 180: 4, 300: 4, 600: 4 });
    expect(voiceRow.buckets.find((b) => b.withinSeconds === 30)!.share).toBeCloseTo(0.6, 12);
    const chatRow = rows.find((r) => r.channel === "chat")!;
    expect(chatRow).toMatchObject({ answered: 1, asaSeconds: 8 });
    expect(chatRow.buckets[0]).toEqual({ withinSeconds: 10, answered: 1, share: 1 });
  });
});

describe("outbound lists", () => {
  const record = (id: string, over: Record<string, unknown>) => ({
    source: "dialer",
    record_id: id,
    program_id: "care",
    list_id: "january",
    time_zone: "UTC",
    supplied_at: "2026-01-05T08:00:00Z",
    ...over,
  });
  const lists = [
    // Late at the end of 6 and 7 January (half a day, a day and a half), attempted on the 8th.
    record("1", { plan_by: "2026-01-06T12:00:00Z", first_attempt_at: "2026-01-08T10:00:00Z", contacted: true }),
    // Attempted before its plan date.
    record("2", {
      plan_by: "2026-01-07T00:00:00Z",
      first_attempt_at: "2026-01-06T10:00:00Z",
      contacted: true,
      trace_attempted: true,
      traced: false,
    }),
    // Never attempted: late at the end of 9 and 10 January, the last day of the data.
    record("3", { plan_by: "2026-01-09T12:00:00Z", contacted: false, trace_attempted: true, traced: true }),
    // Never attempted, closed as unreachable on the 10th: late from the 7th.
    record("4", { plan_by: "2026-01-07T18:00:00Z", closed_at: "2026-01-10T09:00:00Z" }),
  ];

  it("list backlog is the average days late of records not yet attempted, over daily snapshots", async () => {
    await fixture.load("list_records", lists);
    const backlog = await one("ob.list_backlog");
    // 0.5 + 1.5; 0.25 + 1.25 + 2.25 + 3.25; 0.5 + 1.5
    expect(backlog.components.late_records).toBe(8);
    expect(backlog.components.late_record_days).toBeCloseTo(11, 10);
    expect(backlog.value).toBeCloseTo(1.375, 10);
  });

  it("completion rate, tracing and dialer effectiveness", async () => {
    await fixture.load("list_records", lists);
    await fixture.load(
      "contacts",
      ["a", "b", "c", "d", "e", "f"].map((id) =>
        contact(id, { channel: "voice", queue_id: "campaign", kind: "outbound" }),
      ),
    );
    expect((await one("ob.completion_rate")).components).toEqual({ dial_attempts: 6, list_records: 4 });
    expect((await one("ob.tracing_success_rate")).components).toEqual({
      prospects_traced: 1,
      prospects_trace_attempted: 2,
    });
    expect((await one("ksp.production_systems.dialer_effectiveness")).components).toEqual({
      dialer_records_contacted: 2,
      dialer_records_supplied: 3,
    });
  });
});
