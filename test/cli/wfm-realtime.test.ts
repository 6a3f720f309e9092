import { describe, expect, it } from "vitest";
import { demoWarehouse, runCxpm } from "../support/cli.ts";

const { db } = demoWarehouse();
const QUEUE = "tailspin-care-lisbon-voice";

const cxpm = (...args: string[]) => runCxpm("wfm", "realtime", "--db", db, ...args);

// The report itself is tested in test/warehouse/realtime.test.ts; here, what the command line adds.
describe("cxpm wfm realtime", () => {
  it("prints the report as one JSON document, and for people with the alerts spelled out", () => {
    const result = cxpm("--queue", QUEUE, "--at", "11:30", "--threshold", "0.05", "--json");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ queue: QUEUE, day: "2026-03-31", at: "11:30", threshold: 0.05 });
    expect(doc.intervals).toHaveLength(48);
    expect(doc.intervals.filter((i: { phase: string }) => i.phase === "elapsed")).toHaveLength(23);
    expect(doc.agents.length).toBeGreaterThan(0);

    const human = cxpm("--queue", QUEUE, "--at", "11:30", "--threshold", "0.05");
    expect(human.status).toBe(0);
    expect(human.stdout).toContain(`${QUEUE} (tailspin-care-lisbon, real-time) on 2026-03-31 at 11:30 Europe/Lisbon`);
    expect(human.stdout).toContain(`Alerts (${doc.alerts.length}):`);
    expect(human.stdout).toMatch(/│ 11:30 +│ ahead/);
    for (const agent of doc.agents) expect(human.stdout).toContain(agent.agentId);
  });

  it("says what is wrong with a queue or a time it cannot use", () => {
    const unknown = cxpm("--queue", "nope");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/no queue "nope"; queues include/);
    const time = cxpm("--queue", QUEUE, "--at", "25:00");
    expect(time.status).toBe(1);
    expect(time.stderr).toMatch(/HH:MM/);
    const threshold = cxpm("--queue", QUEUE, "--threshold", "-1");
    expect(threshold.status).toBe(2);
  });
});
