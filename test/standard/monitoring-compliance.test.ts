import { describe, expect, it } from "vitest";
import {
  type ComplianceCheck,
  type CssHistory,
  type MonitoringSession,
  monitoringCompliance,
  passes,
} from "../../src/standard/rules/monitoring-compliance.ts";

const session = (date: string, over: Partial<MonitoringSession> = {}): MonitoringSession => ({
  date,
  transactionType: "voice",
  mode: "remote",
  ...over,
});

const veteran = (sessions: MonitoringSession[], over: Partial<CssHistory> = {}): CssHistory => ({
  css: "ana",
  startedOn: "2024-06-03",
  handled: [
    { month: "2026-01", transactionType: "voice" },
    { month: "2026-02", transactionType: "voice" },
    { month: "2026-03", transactionType: "voice" },
  ],
  sessions,
  ...over,
});

/** check → status, with the transaction type or week where there are several. */
const statuses = (checks: readonly ComplianceCheck[]) =>
  Object.fromEntries(
    checks.map((c) => [
      c.check === "transaction-type"
        ? `type ${c.transactionType}`
        : c.check === "new-css-week"
          ? `week ${c.period}`
          : c.check,
      c.status,
    ]),
  );

describe("monitoring compliance per CSS (3.5.1)", () => {
  it("a fully monitored quarter: monthly, each type, side-by-side and remote all met", () => {
    const history = veteran([
      session("2026-01-12", { mode: "side-by-side" }),
      session("2026-02-09"),
      session("2026-03-03", { mode: "recorded" }),
    ]);
    const march = monitoringCompliance(history, "2026-03", "2026-03-31");
    expect(march.quarter).toBe("2026-Q1");
    expect(statuses(march.checks)).toEqual({
      monthly: "met",
      "type voice": "met",
      "side-by-side": "met",
      remote: "met",
    });
    expect(march.checks.find((c) => c.check === "remote")?.sessions).toBe(2);
    expect(march).toMatchObject({ systematic: 1, investigative: 0, overdue: 0, due: 0 });
  });

  it("a quarter with no side-by-side session: due while it runs, overdue once it has ended", () => {
    const history = veteran([session("2026-01-12"), session("2026-02-09"), session("2026-03-03")]);
    expect(statuses(monitoringCompliance(history, "2026-02", "2026-02-20").checks)).toMatchObject({
      monthly: "met",
      "side-by-side": "due",
      remote: "met",
    });
    const ended = monitoringCompliance(history, "2026-03", "2026-03-31");
    expect(statuses(ended.checks)["side-by-side"]).toBe("overdue");
    expect(ended.overdue).toBe(1);
    // Judged from April, the same quarter is still overdue.
    expect(statuses(monitoringCompliance(history, "2026-03", "2026-05-10").checks)["side-by-side"]).toBe("overdue");
  });

  it("an investigative-only month: the sessions are counted apart and the month is overdue", () => {
    const history = veteran([
      session("2026-01-12", { mode: "side-by-side" }),
      session("2026-02-10", { investigative: true }),
      session("2026-02-17", { investigative: true, mode: "side-by-side", customerCriticalError: true }),
      session("2026-03-03"),
    ]);
    const february = monitoringCompliance(history, "2026-02", "2026-03-31");
    expect(statuses(february.checks).monthly).toBe("overdue");
    expect(february).toMatchObject({ systematic: 0, investigative: 2, passed: 1, failed: 1 });
    // The investigative side-by-side session does not count for the quarter either; January's does.
    expect(february.checks.find((c) => c.check === "side-by-side")?.sessions).toBe(1);
  });

  it("a CSS hired mid-month: weekly sessions for the first month, monthly from the first full month", () => {
    const history: CssHistory = {
      css: "rui",
      startedOn: "2026-03-15",
      handled: [
        { month: "2026-03", transactionType: "voice" },
        { month: "2026-04", transactionType: "voice" },
      ],
      sessions: [
        session("2026-03-16", { mode: "side-by-side" }),
        session("2026-03-24"),
        // Nothing from 29 March to 4 April.
        session("2026-04-06"),
      ],
    };
    const march = monitoringCompliance(history, "2026-03", "2026-04-30");
    const monthly = march.checks.find((c) => c.check === "monthly");
    expect(monthly).toMatchObject({ status: "not-applicable" });
    expect(monthly?.note).toMatch(/started on 2026-03-15/);
    // The first month runs 15 March to 14 April: 31 days, five weeks from the start day.
    expect(statuses(march.checks)).toEqual({
      monthly: "not-applicable",
      "type voice": "met",
      "side-by-side": "met",
      remote: "met",
      "week 2026-03-15/2026-03-21": "met",
      "week 2026-03-22/2026-03-28": "met",
      "week 2026-03-29/2026-04-04": "overdue",
    });
    const april = monitoringCompliance(history, "2026-04", "2026-04-08");
    expect(statuses(april.checks)).toEqual({
      monthly: "met",
      "type voice": "met",
      "side-by-side": "due",
      remote: "met",
      "week 2026-03-29/2026-04-04": "overdue",
      "week 2026-04-05/2026-04-11": "met",
      "week 2026-04-12/2026-04-18": "upcoming",
    });
    // A CSS not yet started is not judged on the month.
    expect(monitoringCompliance(history, "2026-02", "2026-04-30").checks[0]).toMatchObject({
      status: "not-applicable",
      note: "started on 2026-03-15, after the month",
    });
  });

  it("each transaction type handled in the quarter needs its own session", () => {
    const history = veteran([session("2026-01-12", { mode: "side-by-side" }), session("2026-02-09")], {
      handled: [
        { month: "2026-01", transactionType: "voice" },
        { month: "2026-02", transactionType: "chat" },
        // Another quarter: not due in Q1.
        { month: "2026-04", transactionType: "email" },
      ],
    });
    expect(statuses(monitoringCompliance(history, "2026-02", "2026-03-31").checks)).toMatchObject({
      "type chat": "overdue",
      "type voice": "met",
    });
    expect(
      monitoringCompliance(history, "2026-02", "2026-03-31").checks.some((c) => c.transactionType === "email"),
    ).toBe(false);
  });

  it("remote monitoring: recordings count unless told otherwise, system checks never; not required at a location", () => {
    const history = veteran([
      session("2026-01-12", { mode: "side-by-side" }),
      session("2026-02-09", { mode: "recorded" }),
    ]);
    expect(statuses(monitoringCompliance(history, "2026-02", "2026-03-31").checks).remote).toBe("met");
    expect(
      statuses(monitoringCompliance(history, "2026-02", "2026-03-31", { recordedIsRemote: false }).checks).remote,
    ).toBe("overdue");
    const system = veteran([session("2026-02-09", { mode: "system" })]);
    expect(statuses(monitoringCompliance(system, "2026-02", "2026-03-31").checks).remote).toBe("overdue");
    const store = veteran([session("2026-02-09", { mode: "side-by-side" })], { faceToFace: true });
    expect(statuses(monitoringCompliance(store, "2026-02", "2026-03-31").checks).remote).toBe("not-applicable");
  });

  it("a transaction with only non-critical errors passes; any critical error fails it (3.5.1.e)", () => {
    expect(passes(session("2026-02-09", { nonCriticalErrors: 3 }))).toBe(true);
    expect(passes(session("2026-02-09", { complianceCriticalError: true }))).toBe(false);
    const result = monitoringCompliance(
      veteran([
        session("2026-02-09", { nonCriticalErrors: 2 }),
        session("2026-02-10", { businessCriticalError: true, nonCriticalErrors: 1 }),
      ]),
      "2026-02",
      "2026-02-28",
    );
    expect(result).toMatchObject({ systematic: 2, passed: 1, failed: 1 });
    expect(statuses(result.checks).monthly).toBe("met");
  });

  it("refuses dates it cannot read", () => {
    expect(() => monitoringCompliance(veteran([]), "2026-2", "2026-02-28")).toThrow(/YYYY-MM/);
    expect(() => monitoringCompliance(veteran([]), "2026-02", "28/02/2026")).toThrow(/YYYY-MM-DD/);
  });
});
