import { describe, expect, it } from "vitest";
import { sampleSize } from "../../src/methods/sampling/sample-size.ts";
import { achieved, samplePlan } from "../../src/warehouse/quality/plan.ts";
import { metricFixture } from "./fixtures.ts";

const fixture = metricFixture();
const ZONE = "America/Chicago";

/** `count` handled voice calls of program care on a local day of March 2026 (UTC 15:00 is morning in Chicago). */
const calls = (count: number, day = 10, program = "care") =>
  Array.from({ length: count }, (_, i) => ({
    source: "acd",
    source_id: `${program}-${day}-${i}`,
    program_id: program,
    queue_id: `${program}-voice`,
    channel: "voice",
    kind: "real-time",
    time_zone: ZONE,
    agent_id: `a${i % 3}`,
    arrived_at: `2026-03-${String(day).padStart(2, "0")}T15:00:00Z`,
    answered_at: `2026-03-${String(day).padStart(2, "0")}T15:00:10Z`,
    completed_at: `2026-03-${String(day).padStart(2, "0")}T15:05:00Z`,
  }));

const evaluation = (id: string, at: string, over: Record<string, unknown> = {}) => ({
  source: "qa",
  evaluation_id: id,
  program_id: "care",
  queue_id: "care-voice",
  kind: "real-time",
  time_zone: ZONE,
  evaluated_at: at,
  agent_id: "a0",
  mode: "remote",
  customer_critical_error: false,
  business_critical_error: false,
  compliance_critical_error: false,
  ...over,
});

describe("the sample plan per program and month", () => {
  it("plans n from the month's volume, counts systematic evaluations and gives Wilson intervals", async () => {
    await fixture.load("contacts", [
      ...calls(400),
      // Unanswered: not monitorable, not in the volume.
      { ...calls(1, 11)[0], source_id: "abandoned", agent_id: null, answered_at: null },
    ]);
    await fixture.load("qa_evaluations", [
      ...Array.from({ length: 50 }, (_, i) =>
        evaluation(`e${i}`, "2026-03-20T15:00:00Z", {
          mode: i < 10 ? "side-by-side" : i < 40 ? "remote" : "recorded",
          customer_critical_error: i < 5,
          compliance_critical_error: i === 0,
        }),
      ),
      // Investigative: kept out of n and the accuracies.
      evaluation("inv", "2026-03-21T15:00:00Z", { purpose: "investigative", customer_critical_error: true }),
      // 1 March 03:00 UTC is still 28 February in Chicago.
      evaluation("feb", "2026-03-01T03:00:00Z"),
    ]);
    const plan = await samplePlan(fixture.warehouse, { margin: 0.05 });
    expect(plan.rows.map((r) => [r.month, r.work, r.volume, r.monitored])).toEqual([
      ["2026-02", "human", 0, 1],
      ["2026-03", "human", 400, 50],
    ]);
    const march = plan.rows[1]!;
    expect(march.required).toBe(sampleSize({ margin: 0.05, population: 400 }).n);
    expect(march.required).toBe(197);
    expect(march.investigative).toBe(1);
    expect(march.selection).toEqual({ "side-by-side": 10, remote: 30, recorded: 10, system: 0, unknown: 0 });
    expect(march.accuracy.customer).toMatchObject({ accurate: 45, monitored: 50, estimate: 0.9 });
    // Wilson 95% for 45/50: 0.7864 to 0.9565.
    expect(march.accuracy.customer.lower).toBeCloseTo(0.7864, 4);
    expect(march.accuracy.customer.upper).toBeCloseTo(0.9565, 4);
    expect(march.accuracy.business).toMatchObject({ estimate: 1, upper: 1 });
    expect(march.accuracy.compliance.estimate).toBe(0.98);
    // 1.959964 × √(0.25 / 50 × 350 / 399) = 0.1298: wider than ±5 points.
    expect(march.achievedMargin).toBeCloseTo(0.1298, 4);
    expect(march.worseThanPlan).toBe(true);
    // A month with evaluations and no volume has no plan to fall short of.
    expect(plan.rows[0]).toMatchObject({ required: null, worseThanPlan: false });
  });

  it("is not worse than planned once n reaches the required sample", async () => {
    await fixture.load("contacts", calls(60));
    const required = sampleSize({ margin: 0.1, population: 60 }).n;
    await fixture.load(
      "qa_evaluations",
      Array.from({ length: required }, (_, i) => evaluation(`e${i}`, "2026-03-20T15:00:00Z")),
    );
    const [row] = (await samplePlan(fixture.warehouse, { margin: 0.1 })).rows;
    expect(row).toMatchObject({ volume: 60, required, monitored: required, worseThanPlan: false });
    expect(row!.achievedMargin).toBeLessThanOrEqual(0.1);
    const short = await samplePlan(fixture.warehouse, { margin: 0.09 });
    expect(short.rows[0]!.worseThanPlan).toBe(true);
  });

  it("filters by program and months, and plans digital work apart from human work", async () => {
    await fixture.load("contacts", [
      ...calls(10),
      ...calls(5, 12, "other"),
      {
        ...calls(1)[0],
        source_id: "bot-1",
        queue_id: "care-bot",
        channel: "web",
        kind: "bot",
        agent_id: null,
        answered_at: null,
      },
    ]);
    const plan = await samplePlan(fixture.warehouse, { program: "care", from: "2026-03", to: "2026-03" });
    expect(plan.rows.map((r) => [r.program, r.work, r.volume])).toEqual([
      ["care", "digital", 1],
      ["care", "human", 10],
    ]);
    expect((await samplePlan(fixture.warehouse, { from: "2026-04" })).rows).toEqual([]);
    await expect(samplePlan(fixture.warehouse, { from: "March" })).rejects.toThrow(/from: expected a month/);
  });

  it("achieved margin: zero for a census, the infinite-population margin without volume", () => {
    expect(achieved(1.96, 0.5, 100, 100)).toBe(0);
    expect(achieved(1.96, 0.5, 100, 0)).toBeCloseTo(0.098, 6);
    expect(achieved(1.96, 0.5, 100, 10_000)).toBeCloseTo(0.098 * Math.sqrt(9900 / 9999), 9);
  });
});
