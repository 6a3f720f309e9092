import { describe, expect, it } from "vitest";
import { metricFixture, pick } from "./fixtures.ts";

const fixture = metricFixture();

const person = (id: string, over: Record<string, unknown>) => ({
  person_id: id,
  program_id: "care",
  role: "css",
  hired_on: "2025-06-01",
  starts_on: "2025-06-01",
  trained_on: "2025-07-01",
  as_of: "2026-02-28",
  ...over,
});

describe("attrition", () => {
  const programs = [
    { program_id: "care", service: "customer-service", location_id: "nyc" },
    { program_id: "sales", service: "sales", location_id: "nyc" },
  ];
  const roster = [
    // Stays all along: 31/31 of a January head.
    person("p1", {}),
    // Leaves the entity on 10 January, backfilled: a leaver for the program and the entity; 10/31 of a head.
    person("p2", { left_on: "2026-01-10", leave_reason: "voluntary", backfilled: true }),
    // Moves to sales on the 21st: a program leaver for care only; 20/31 in care, 11/31 in sales.
    person("p3", { left_on: "2026-01-20", leave_reason: "transfer", backfilled: true }),
    person("p3", { program_id: "sales", starts_on: "2026-01-21", trained_on: "2026-01-21" }),
    // Leaves while still in training: neither a head nor a leaver.
    person("p4", {
      hired_on: "2026-01-05",
      starts_on: "2026-01-05",
      trained_on: null,
      left_on: "2026-01-15",
      leave_reason: "voluntary",
      backfilled: true,
    }),
    // Not backfilled: not counted; 25/31.
    person("p5", { left_on: "2026-01-25", leave_reason: "involuntary", backfilled: false }),
    // A temporary position that ran its term: not attrition; 31/31.
    person("p6", {
      left_on: "2026-01-31",
      leave_reason: "end-of-contract",
      backfilled: true,
      position_ends_on: "2026-01-31",
    }),
    // A temporary CSS who left before the position's end date: attrition; 12/31.
    person("p7", {
      left_on: "2026-01-12",
      leave_reason: "voluntary",
      backfilled: true,
      position_ends_on: "2026-03-31",
    }),
    // Promoted to team leader in the same program: a program leaver, not an entity leaver; 15/31.
    person("p8", { left_on: "2026-01-15", leave_reason: "promotion", backfilled: true }),
    person("p8", { role: "team-leader", starts_on: "2026-01-16", trained_on: "2026-01-16" }),
    // Not a CSS: never counted.
    person("p9", { role: "team-leader" }),
    // No reason given and no later assignment: left the entity; 28/31.
    person("p10", { left_on: "2026-01-28", backfilled: true }),
  ];
  const careHeads = (31 + 10 + 20 + 25 + 31 + 12 + 15 + 28) / 31;

  it("counts backfilled leavers past training over the month's average headcount, annualised", async () => {
    await fixture.load("programs", programs);
    await fixture.load("people", roster);
    const values = await fixture.metric("ksp.attrition.css_attrition_program");
    const care = pick(values, "2026-01", "care")!;
    expect(care.components.css_program_leavers_backfilled).toBe(5);
    expect(care.components.css_headcount_months).toBeCloseTo(careHeads, 12);
    expect(care.value).toBeCloseTo((100 * 12 * 5) / careHeads, 10);
    // Sales: p3 from the 21st, no leavers: 0%.
    expect(pick(values, "2026-01", "sales")).toMatchObject({ value: 0 });
    expect(pick(values, "2026-01", "sales")!.components.css_headcount_months).toBeCloseTo(11 / 31, 12);
    // February: one head in each program all month.
    expect(pick(values, "2026-02", "care")!.components.css_program_leavers_backfilled).toBe(0);
    expect(pick(values, "2026-02", "care")!.components.css_headcount_months).toBeCloseTo(1, 12);
  });

  it("counts only people who left the entity at entity level; moves count at program level alone", async () => {
    await fixture.load("programs", programs);
    await fixture.load("people", roster);
    const [entity] = await fixture.metric("ksp.attrition.css_attrition_entity", {
      scope: "entity",
      from: "2026-01",
      to: "2026-01",
    });
    expect(entity!.components.css_entity_leavers_backfilled).toBe(3);
    expect(entity!.components.css_headcount_months).toBeCloseTo(careHeads + 11 / 31, 12);
    const [programLevel] = await fixture.metric("ksp.attrition.css_attrition_program", {
      scope: "entity",
      from: "2026-01",
      to: "2026-01",
    });
    expect(programLevel!.components.css_program_leavers_backfilled).toBe(5);
  });

  it("annualises a quarter over the sum of its monthly headcounts", async () => {
    await fixture.load("people", [
      person("q1", { as_of: "2026-03-31" }),
      person("q2", { as_of: "2026-03-31", left_on: "2026-02-14", leave_reason: "voluntary", backfilled: true }),
    ]);
    const [quarter] = await fixture.metric("ksp.attrition.css_attrition_program", {
      by: "quarter",
      from: "2026-01",
    });
    // q1: 3 monthly heads; q2: all of January and 14/28 of February.
    expect(quarter!.period).toBe("2026-Q1");
    expect(quarter!.components.css_headcount_months).toBeCloseTo(3 + 1 + 0.5, 12);
    expect(quarter!.value).toBeCloseTo((100 * 12 * 1) / 4.5, 10);
  });
});

describe("recruitment quality", () => {
  it("reports hires in their month of hire once three months have passed", async () => {
    await fixture.load("people", [
      // Still employed: retained.
      person("h1", { hired_on: "2025-10-10", starts_on: "2025-10-10", trained_on: "2025-11-01" }),
      // Left after two and a half months: not retained.
      person("h2", {
        hired_on: "2025-10-20",
        starts_on: "2025-10-20",
        left_on: "2026-01-05",
        leave_reason: "voluntary",
      }),
      // Moved to another program: still in the business, retained; the move is not a second hire.
      person("h3", {
        hired_on: "2025-10-25",
        starts_on: "2025-10-25",
        left_on: "2025-12-01",
        leave_reason: "transfer",
      }),
      person("h3", { program_id: "sales", hired_on: "2025-10-25", starts_on: "2025-12-02" }),
      // Left on the last day of the three months (31 October + 3 months is 31 January): still employed then.
      person("h6", {
        hired_on: "2025-10-31",
        starts_on: "2025-10-31",
        left_on: "2026-01-31",
        leave_reason: "voluntary",
      }),
      // Not a CSS.
      person("h5", { role: "team-leader", hired_on: "2025-10-30", starts_on: "2025-10-30" }),
      // Three months not yet over on 28 February: not reported yet.
      person("h4", { hired_on: "2025-12-15", starts_on: "2025-12-15", trained_on: null }),
    ]);
    const values = await fixture.metric("ksp.recruiting.recruitment_quality");
    expect(values.map((v) => [v.period, v.scope, v.components])).toEqual([
      ["2025-10", "care", { new_css_retained_3_months: 3, new_css_hired: 4 }],
    ]);
    expect(values[0]!.value).toBe(75);
  });
});

describe("training quality", () => {
  it("judges each CSS 30 days after training, in that month", async () => {
    await fixture.load("people", [
      person("t1", { trained_on: "2026-01-05", met_performance_after_training: true }),
      person("t2", { trained_on: "2026-01-10", met_performance_after_training: false }),
      person("t3", { trained_on: "2026-01-01", met_performance_after_training: true }),
      person("t4", { trained_on: "2026-01-20" }),
    ]);
    const values = await fixture.metric("ksp.training.training_quality");
    expect(values.map((v) => [v.period, v.value])).toEqual([
      ["2026-01", 100],
      ["2026-02", 50],
    ]);
    expect(values[1]!.interval!.n).toBe(2);
  });
});

describe("absenteeism", () => {
  const shift = (agent: string, program: string, startsAt: string) => ({
    agent_id: agent,
    program_id: program,
    kind: "real-time",
    time_zone: "America/New_York",
    starts_at: startsAt,
    paid_onsite_seconds: 28800,
    productive_seconds: 20000,
    available_seconds: 5000,
    scheduled_seconds: 28800,
  });
  const absence = (reason: string, hours: number, over: Record<string, unknown> = {}) => ({
    person_id: `a-${reason}-${hours}-${JSON.stringify(over).length}`,
    program_id: "care",
    absent_on: "2026-01-06",
    hours,
    reason,
    ...over,
  });

  it("is unplanned short-term absence over scheduled hours, with the glossary's exclusions", async () => {
    await fixture.load("agent_time", [
      ...["05", "06", "07", "08", "09"].map((d) => shift("a", "care", `2026-01-${d}T09:00:00`)),
      // 22:00 on 31 January in New York is 1 February in UTC: a January shift.
      shift("b", "care", "2026-01-31T22:00:00"),
      shift("a", "care", "2026-02-02T09:00:00"),
      shift("c", "sales", "2026-01-05T09:00:00"),
    ]);
    await fixture.load("absences", [
      absence("illness", 8),
      absence("tardiness", 1),
      absence("no-show", 8, { absent_on: "2026-01-07" }),
      absence("shift-swap", 8, { notice_hours: 3, absent_on: "2026-01-08" }),
      // Left out: agreed a day or more ahead, planned leave, long-term, the employer's decision.
      absence("shift-swap", 8, { notice_hours: 48, absent_on: "2026-01-09" }),
      absence("personal", 8, { planned: true, absent_on: "2026-01-09" }),
      absence("vacation", 8, { absent_on: "2026-01-12" }),
      absence("long-term", 8, { absent_on: "2026-01-13" }),
      absence("sent-home", 2, { absent_on: "2026-01-14" }),
      absence("stay-home", 8, { absent_on: "2026-01-15" }),
    ]);
    const values = await fixture.metric("ksp.absenteeism.css_absenteeism");
    expect(pick(values, "2026-01", "care")!.components).toEqual({ unplanned_absence_hours: 25, scheduled_hours: 48 });
    expect(pick(values, "2026-01", "care")!.value).toBeCloseTo((100 * 25) / 48, 10);
    // A month without absences in a program that records them is 0%; a program that never records them shows none.
    expect(pick(values, "2026-02", "care")).toMatchObject({ value: 0 });
    expect(pick(values, "2026-01", "sales")).toBeUndefined();
  });
});
