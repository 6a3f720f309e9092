import { describe, expect, it } from "vitest";
import { monitoringComplianceReport } from "../../src/warehouse/quality/compliance.ts";
import { metricFixture } from "./fixtures.ts";

const fixture = metricFixture();
const ZONE = "America/Chicago";

const contact = (id: string, agent: string, queue: string, at: string, kind = "real-time") => ({
  source: "acd",
  source_id: id,
  program_id: "care",
  queue_id: queue,
  channel: queue === "care-chat" ? "chat" : "voice",
  kind,
  time_zone: ZONE,
  agent_id: agent,
  arrived_at: at,
  answered_at: at,
});

const evaluation = (id: string, agent: string, at: string, over: Record<string, unknown> = {}) => ({
  source: "qa",
  evaluation_id: id,
  program_id: "care",
  queue_id: "care-voice",
  kind: "real-time",
  time_zone: ZONE,
  evaluated_at: at,
  agent_id: agent,
  mode: "remote",
  customer_critical_error: false,
  business_critical_error: false,
  compliance_critical_error: false,
  ...over,
});

const person = (id: string, startsOn: string, over: Record<string, unknown> = {}) => ({
  person_id: id,
  program_id: "care",
  role: "css",
  hired_on: startsOn,
  starts_on: startsOn,
  trained_on: startsOn,
  as_of: "2026-03-31",
  ...over,
});

describe("monitoring compliance from the warehouse", () => {
  it("lists every CSS of the program with what is met, due and overdue", async () => {
    await fixture.load("contacts", [
      contact("1", "ana", "care-voice", "2026-01-20T16:00:00Z"),
      contact("2", "ana", "care-chat", "2026-02-10T16:00:00Z"),
      contact("3", "ana", "care-voice", "2026-02-11T16:00:00Z"),
      contact("4", "rui", "care-voice", "2026-02-16T16:00:00Z"),
      // 1 March 02:00 UTC is 28 February in Chicago: February's work.
      contact("5", "rui", "care-voice", "2026-03-01T02:00:00Z"),
    ]);
    await fixture.load("qa_evaluations", [
      evaluation("e1", "ana", "2026-01-21T16:00:00Z", { mode: "side-by-side" }),
      evaluation("e2", "ana", "2026-02-12T16:00:00Z", { customer_critical_error: true }),
      evaluation("e3", "ana", "2026-02-13T16:00:00Z", { purpose: "investigative", queue_id: "care-chat" }),
      // Rui started on 16 February: weekly sessions due from then.
      evaluation("e4", "rui", "2026-02-17T16:00:00Z"),
    ]);
    await fixture.load("people", [
      person("ana", "2024-05-06"),
      person("rui", "2026-02-09", { trained_on: "2026-02-16" }),
      // On the roster, never in the contacts: still listed, and behind.
      person("eva", "2025-09-01"),
      // Left before February; not listed.
      person("old", "2024-01-08", { left_on: "2026-01-15", leave_reason: "voluntary" }),
    ]);

    const report = await monitoringComplianceReport(fixture.warehouse, { program: "care", month: "2026-02" });
    expect(report).toMatchObject({ program: "care", month: "2026-02", quarter: "2026-Q1", asOf: "2026-02-28" });
    expect(report.csss.map((c) => c.css)).toEqual(["eva", "rui", "ana"]);
    const byCss = Object.fromEntries(report.csss.map((c) => [c.css, c]));

    const ana = byCss.ana!;
    expect(ana).toMatchObject({ startedOn: "2024-05-06", handled: 2, systematic: 1, investigative: 1, failed: 1 });
    expect(ana.checks.map((c) => [c.check, c.transactionType ?? c.period, c.status])).toEqual([
      ["monthly", "2026-02", "met"],
      // The investigative chat session does not count for chat.
      ["transaction-type", "care-chat", "due"],
      ["transaction-type", "care-voice", "met"],
      ["side-by-side", "2026-Q1", "met"],
      ["remote", "2026-Q1", "met"],
    ]);

    const rui = byCss.rui!;
    expect(rui).toMatchObject({ startedOn: "2026-02-16", handled: 2 });
    expect(rui.checks.map((c) => [c.check, c.period, c.status])).toEqual([
      ["monthly", "2026-02", "not-applicable"],
      ["transaction-type", "2026-Q1", "met"],
      ["side-by-side", "2026-Q1", "due"],
      ["remote", "2026-Q1", "met"],
      ["new-css-week", "2026-02-16/2026-02-22", "met"],
      ["new-css-week", "2026-02-23/2026-03-01", "due"],
    ]);

    expect(byCss.eva).toMatchObject({ handled: 0, systematic: 0, overdue: 1 });

    // Judged at the end of the quarter: side-by-side and the second week are overdue.
    const later = await monitoringComplianceReport(fixture.warehouse, {
      program: "care",
      month: "2026-02",
      asOf: "2026-03-31",
    });
    expect(later.csss.find((c) => c.css === "rui")?.overdue).toBe(2);
  });

  it("says what is wrong", async () => {
    await expect(monitoringComplianceReport(fixture.warehouse, { program: "care", month: "2026-02" })).rejects.toThrow(
      "program care has no contacts or QA evaluations in the warehouse",
    );
    await expect(
      monitoringComplianceReport(fixture.warehouse, { program: "care", month: "2026-02", asOf: "31.3.2026" }),
    ).rejects.toThrow(/as of: expected a date/);
  });
});
