import { describe, expect, it } from "vitest";
import { metricFixture } from "./fixtures.ts";

const fixture = metricFixture();

let ids = 0;
const work = (process: string, over: Record<string, unknown>) => ({
  source: "itsm",
  event_id: `${process}-${++ids}`,
  process,
  program_id: "care",
  time_zone: "America/New_York",
  ...over,
});

const only = async (metric: string) => {
  const values = await fixture.metric(metric);
  expect(values).toHaveLength(1);
  return values[0]!;
};

describe("key support processes on time", () => {
  it("counts work on the local day it was due, late or undone work included", async () => {
    await fixture.load("support_events", [
      work("content-update", { due_at: "2026-01-10T12:00:00", completed_at: "2026-01-10T11:00:00" }),
      work("content-update", { due_at: "2026-01-12T12:00:00", completed_at: "2026-01-13T09:00:00" }),
      // Never done: late.
      work("content-update", { due_at: "2026-01-20T12:00:00" }),
      // Due 23:00 on 31 January in New York (1 February in UTC), done exactly then: on time, in January.
      work("content-update", { due_at: "2026-01-31T23:00:00", completed_at: "2026-01-31T23:00:00" }),
      // No deadline: not an on-time item.
      work("content-update", { completed_at: "2026-01-14T12:00:00" }),
    ]);
    const updates = await only("ksp.content.on_time");
    expect(updates).toMatchObject({ period: "2026-01", value: 50 });
    expect(updates.components).toEqual({ content_updates_on_time: 2, content_updates_due: 4 });
  });

  it("serves every process with a deadline: tickets, RFXs, reports, invoices, milestones", async () => {
    await fixture.load("support_events", [
      work("helpdesk-ticket", { due_at: "2026-01-03T12:00:00", completed_at: "2026-01-02T12:00:00", reopened: false }),
      work("helpdesk-ticket", { due_at: "2026-01-04T12:00:00", completed_at: "2026-01-05T12:00:00", reopened: true }),
      work("das-ticket", { severity: "1", due_at: "2026-01-02T12:00:00", completed_at: "2026-01-02T10:00:00" }),
      work("rfx", { due_at: "2026-01-20T17:00:00", completed_at: "2026-01-21T09:00:00" }),
      work("implementation-milestone", { due_at: "2026-01-15T00:00:00", completed_at: "2026-01-14T16:00:00" }),
      work("client-report", { due_at: "2026-01-10T09:00:00", completed_at: "2026-01-10T08:00:00" }),
      work("client-report", { due_at: "2026-01-11T09:00:00", completed_at: "2026-01-11T10:00:00" }),
      work("invoice", { due_at: "2026-01-05T00:00:00", completed_at: "2026-01-04T10:00:00" }),
    ]);
    expect((await only("ksp.helpdesk.on_time")).components).toEqual({
      helpdesk_tickets_on_time: 1,
      helpdesk_tickets_due: 2,
    });
    expect((await only("ksp.digital_assisted_systems.tickets_on_time")).value).toBe(100);
    expect((await only("ksp.rfx.on_time")).value).toBe(0);
    expect((await only("ksp.implementation.on_time")).value).toBe(100);
    expect((await only("ksp.client_reporting.on_time")).value).toBe(50);
    expect((await only("ksp.invoicing.on_time")).value).toBe(100);
  });
});

describe("key support processes' accuracy", () => {
  it("content accuracy counts checks made; checks without a result are left out", async () => {
    await fixture.load("support_events", [
      work("content-check", { completed_at: "2026-01-05T10:00:00", passed: true }),
      work("content-check", { completed_at: "2026-01-06T10:00:00", passed: false }),
      work("content-check", { completed_at: "2026-01-07T10:00:00" }),
      work("content-check", { passed: true }),
    ]);
    expect((await only("ksp.content.accuracy")).components).toEqual({
      content_checks_complete_accurate: 1,
      content_checks: 2,
    });
  });

  it("helpdesk quality is resolved tickets not reopened", async () => {
    await fixture.load("support_events", [
      work("helpdesk-ticket", { completed_at: "2026-01-02T12:00:00", reopened: false }),
      work("helpdesk-ticket", { completed_at: "2026-01-05T12:00:00", reopened: true }),
      work("helpdesk-ticket", { completed_at: "2026-01-06T12:00:00" }),
    ]);
    expect((await only("ksp.helpdesk.quality")).components).toEqual({
      helpdesk_tickets_not_reopened: 1,
      helpdesk_tickets_resolved: 2,
    });
  });

  it("client report accuracy counts error opportunities where given, else whole reports", async () => {
    await fixture.load("support_events", [
      work("client-report", { completed_at: "2026-01-10T08:00:00", units: 20, units_ok: 19 }),
      work("client-report", { completed_at: "2026-01-11T10:00:00", passed: true }),
      work("client-report", { completed_at: "2026-01-12T10:00:00", passed: false }),
      // Errors not recorded: left out.
      work("client-report", { completed_at: "2026-01-13T10:00:00" }),
    ]);
    const accuracy = await only("ksp.client_reporting.critical_error_accuracy");
    expect(accuracy.components).toEqual({ client_report_units_error_free: 20, client_report_units: 22 });
  });

  it("invoicing accuracy is the share of value invoiced not credited back, in the invoice's month", async () => {
    await fixture.load("support_events", [
      work("invoice", { completed_at: "2026-01-04T10:00:00", amount: 1000, credited_amount: 50 }),
      work("invoice", { completed_at: "2026-01-06T10:00:00", amount: 3000 }),
    ]);
    const accuracy = await only("ksp.invoicing.external_accuracy");
    expect(accuracy.components).toEqual({ invoiced_value: 4000, credited_value: 50 });
    expect(accuracy.value).toBeCloseTo(98.75, 10);
  });

  it("recruiting on time counts positions, capped at those requested", async () => {
    await fixture.load("support_events", [
      // Over-hired: counts 5 of 5, not 6.
      work("recruiting-request", { due_at: "2026-01-15T00:00:00", units: 5, units_ok: 6 }),
      work("recruiting-request", { due_at: "2026-01-20T00:00:00", units: 4, units_ok: 2 }),
      work("recruiting-request", { due_at: "2026-01-25T00:00:00", units: 3 }),
    ]);
    const fill = await only("ksp.recruiting.on_time");
    expect(fill.components).toEqual({ css_positions_filled_by_target: 7, css_positions_requested: 12 });
  });
});

describe("uptime", () => {
  const hours = (system: string, kind: string, opensAt: string, closesAt: string) => ({
    system_id: system,
    program_id: "care",
    kind,
    time_zone: "UTC",
    opens_at: opensAt,
    closes_at: closesAt,
  });
  const outage = (system: string, startedAt: string, endedAt?: string) => ({
    system_id: system,
    started_at: startedAt,
    ended_at: endedAt,
  });

  it("counts only outage time inside opening hours; an outage still going on runs to closing time", async () => {
    await fixture.load("system_hours", [
      hours("acd", "telephony", "2026-01-05T08:00:00Z", "2026-01-05T20:00:00Z"),
      hours("acd", "telephony", "2026-01-06T08:00:00Z", "2026-01-06T20:00:00Z"),
    ]);
    await fixture.load("system_outages", [
      outage("acd", "2026-01-05T07:30:00Z", "2026-01-05T08:30:00Z"),
      outage("acd", "2026-01-05T19:50:00Z", "2026-01-05T21:00:00Z"),
      outage("acd", "2026-01-05T22:00:00Z", "2026-01-05T23:00:00Z"),
      outage("acd", "2026-01-06T12:00:00Z", "2026-01-06T12:30:00Z"),
      outage("acd", "2026-01-06T19:00:00Z"),
    ]);
    const uptime = await only("ksp.telecoms.uptime");
    // Open 2 × 720 minutes; down 30 + 10 + 30 + 60.
    expect(uptime.components).toEqual({ switch_up_open_minutes: 1310, open_minutes: 1440 });
  });

  it("counts digital channels over whole days, and never more downtime than the period", async () => {
    await fixture.load("system_hours", [
      hours("bot", "bot", "2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z"),
      hours("crm", "production", "2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z"),
    ]);
    await fixture.load("system_outages", [
      outage("bot", "2026-01-05T10:00:00Z", "2026-01-05T10:15:00Z"),
      outage("crm", "2026-01-05T08:00:00Z", "2026-01-05T11:00:00Z"),
      outage("crm", "2026-01-05T09:30:00Z", "2026-01-05T09:45:00Z"),
    ]);
    expect((await only("dc.system_uptime")).components).toEqual({
      fully_functional_minutes: 1425,
      total_minutes: 1440,
    });
    expect((await only("ksp.production_systems.uptime")).components).toEqual({
      system_up_open_minutes: 0,
      system_open_minutes: 60,
    });
    expect(await fixture.metric("dn.system_uptime")).toEqual([]);
  });
});

describe("blocked calls", () => {
  it("is calls that got a busy signal over all calls presented to the lines", async () => {
    const interval = (startsAt: string, offered: number, blocked: number) => ({
      program_id: "care",
      trunk_group: "sip-1",
      time_zone: "UTC",
      starts_at: startsAt,
      interval_minutes: 60,
      calls_offered: offered,
      calls_blocked: blocked,
      peak_channels_in_use: 20,
      channels: 30,
    });
    await fixture.load("network_intervals", [
      interval("2026-01-05T09:00:00Z", 400, 0),
      interval("2026-01-05T10:00:00Z", 600, 6),
    ]);
    const blocked = await only("ksp.telecoms.blocked_transactions");
    expect(blocked.components).toEqual({ calls_blocked: 6, calls_offered_network: 1000 });
    expect(blocked.value).toBeCloseTo(0.6, 12);
  });
});
