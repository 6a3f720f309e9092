import { describe, expect, it } from "vitest";
import { disagreements, transactionErrors } from "../../src/standard/rules/critical-errors.ts";
import { paretoReport } from "../../src/warehouse/quality/pareto.ts";
import { ATTRIBUTE_CLASSES } from "../../src/warehouse/schema/tables.ts";
import { metricFixture } from "./fixtures.ts";

describe("critical errors from a form's answers (3.5.1.e)", () => {
  it("fails a transaction with any critical error; one with only a non-critical error passes but is a defect", () => {
    expect(
      transactionErrors([
        { class: "non-critical", result: "fail" },
        { class: "customer-critical", result: "pass" },
        { class: "compliance-critical", result: "not-applicable" },
      ]),
    ).toEqual({ customer: false, business: false, compliance: false, nonCritical: 1, failed: false, defect: true });
    expect(
      transactionErrors([
        { class: "business-critical", result: "fail" },
        { class: "non-critical", result: "pass" },
      ]),
    ).toEqual({ customer: false, business: true, compliance: false, nonCritical: 0, failed: true, defect: true });
    expect(transactionErrors([])).toMatchObject({ failed: false, defect: false });
  });

  it("names the stored flags the answers do not bear out, and those they imply but were not stored", () => {
    const none = { customer: false, business: false, compliance: false };
    expect(disagreements(none, [{ class: "non-critical", result: "fail" }])).toEqual([]);
    expect(disagreements({ ...none, business: true }, [{ class: "business-critical", result: "pass" }])).toEqual([
      "business",
    ]);
    expect(
      disagreements({ ...none, compliance: true }, [
        { class: "customer-critical", result: "fail" },
        { class: "compliance-critical", result: "fail" },
      ]),
    ).toEqual(["customer"]);
  });

  it("knows every class the schema allows", () => {
    for (const c of ATTRIBUTE_CLASSES) expect(() => transactionErrors([{ class: c, result: "fail" }])).not.toThrow();
  });
});

const fixture = metricFixture();
const ZONE = "Europe/Lisbon";

const attribute = (version: number, id: string, cls: string, validFrom: string) => ({
  source: "qa",
  form_id: "care-form",
  form_version: version,
  attribute: id,
  label: `Question ${id}`,
  class: cls,
  valid_from: validFrom,
});
const V1 = [
  ["greeting", "non-critical"],
  ["verify", "compliance-critical"],
  ["accuracy", "customer-critical"],
  ["policy", "business-critical"],
] as const;

/** An evaluation and its answers: `failed` attributes fail, `na` are not applicable, the rest of the form passes. */
function evaluation(
  id: string,
  over: { agent?: string; queue?: string; at?: string; purpose?: string; stored?: string[] },
  failed: string[] = [],
  na: string[] = [],
) {
  const at = over.at ?? "2026-03-10T10:00:00Z";
  const version = at >= "2026-04" ? 2 : 1;
  const form = version === 1 ? V1.map(([a]) => a) : [...V1.map(([a]) => a), "empathy"];
  const stored = new Set(over.stored ?? []);
  return {
    evaluation: {
      source: "qa",
      evaluation_id: id,
      program_id: "care",
      queue_id: over.queue ?? "q1",
      kind: "real-time",
      time_zone: ZONE,
      evaluated_at: at,
      agent_id: over.agent ?? "a1",
      purpose: over.purpose,
      customer_critical_error: stored.has("customer"),
      business_critical_error: stored.has("business"),
      compliance_critical_error: stored.has("compliance"),
      form_id: "care-form",
      form_version: version,
    },
    answers: [...new Set([...form, ...failed])].map((a) => ({
      source: "qa",
      evaluation_id: id,
      form_id: "care-form",
      form_version: version,
      attribute: a,
      result: failed.includes(a) ? "fail" : na.includes(a) ? "not-applicable" : "pass",
    })),
  };
}

async function loadCase() {
  await fixture.load("qa_form_attributes", [
    ...V1.map(([a, c]) => attribute(1, a, c, "2026-03-01")),
    ...V1.map(([a, c]) => attribute(2, a, c, "2026-04-01")),
    attribute(2, "empathy", "non-critical", "2026-04-01"),
  ]);
  const cases = [
    // March, version 1.
    evaluation("ev-01", {}, ["greeting"]), // only a non-critical error: passes, a defect
    evaluation("ev-02", { stored: ["customer"] }, ["accuracy", "greeting"]),
    evaluation("ev-03", { agent: "a2", stored: ["compliance"] }, ["verify"]),
    evaluation("ev-04", { agent: "a2", stored: ["business"] }), // flagged, but every answer passed
    evaluation("ev-05", { agent: "a2", queue: "q2" }, ["greeting"]),
    evaluation("ev-06", { purpose: "investigative", stored: ["customer"] }, ["accuracy"]), // left out
    // April, version 2 with empathy added.
    evaluation("ev-07", { at: "2026-04-03T09:00:00Z" }, ["empathy", "greeting"]),
    evaluation("ev-08", { agent: "a2", at: "2026-04-04T09:00:00Z" }, ["accuracy"], ["greeting"]), // not flagged
    evaluation("ev-09", { at: "2026-04-05T09:00:00Z" }, ["closing"]), // not on the form
  ];
  await fixture.load("qa_evaluations", [
    ...cases.map((c) => c.evaluation),
    // May: no answers, so not in the Pareto.
    evaluation("ev-10", { at: "2026-05-02T09:00:00Z", stored: ["customer"] }).evaluation,
  ]);
  await fixture.load(
    "qa_answers",
    cases.flatMap((c) => c.answers),
  );
  const person = (id: string, team: string, starts: string, left?: string) => ({
    person_id: id,
    program_id: "care",
    role: "css",
    hired_on: "2025-01-01",
    starts_on: starts,
    left_on: left,
    team_id: team,
    as_of: "2026-05-31",
  });
  await fixture.load("people", [
    person("a1", "blue", "2026-01-01"),
    person("a2", "red", "2026-01-01", "2026-03-31"),
    person("a2", "blue", "2026-04-01"),
  ]);
}

describe("the frequent-errors Pareto (2.7.2)", () => {
  it("counts failed attributes, their shares, the vital few and each month's rate per 100 evaluations", async () => {
    await loadCase();
    const report = await paretoReport(fixture.warehouse, { program: "care" });
    expect(report).toMatchObject({ months: ["2026-03", "2026-04"], evaluations: 8, failures: 9, classes: "all" });
    expect(report.evaluationsByMonth).toEqual([
      { month: "2026-03", evaluations: 5 },
      { month: "2026-04", evaluations: 3 },
    ]);
    expect(report.attributes.map((a) => [a.attribute, a.class, a.failures, a.vitalFew])).toEqual([
      ["greeting", "non-critical", 4, true],
      ["accuracy", "customer-critical", 2, true],
      ["closing", null, 1, true],
      ["empathy", "non-critical", 1, true],
      ["verify", "compliance-critical", 1, false],
    ]);
    const [greeting, accuracy] = report.attributes;
    expect(greeting!.share).toBeCloseTo(4 / 9, 12);
    expect(accuracy!.cumulativeShare).toBeCloseTo(6 / 9, 12);
    expect(report.attributes.at(-1)!.cumulativeShare).toBeCloseTo(1, 12);
    expect(greeting!.label).toBe("Question greeting");
    expect(greeting!.ratePer100).toBeCloseTo(50, 12);
    expect(greeting!.months).toEqual([
      { month: "2026-03", failures: 3, ratePer100: 60 },
      { month: "2026-04", failures: 1, ratePer100: 100 / 3 },
    ]);
    expect(report.attributes.find((a) => a.attribute === "empathy")!.months.map((m) => m.failures)).toEqual([0, 1]);

    expect(report.consistency).toEqual({
      evaluations: 8,
      failed: 3,
      nonCriticalOnly: 3,
      disagreeing: 2,
      disagreeingBy: { customer: 1, business: 1, compliance: 0 },
      examples: ["ev-04", "ev-08"],
      unknownAttributes: 1,
    });
  });

  it("narrows to critical classes, an agent, a queue, a team and a month range", async () => {
    await loadCase();
    const counts = async (options: Parameters<typeof paretoReport>[1]) => {
      const r = await paretoReport(fixture.warehouse, options);
      return {
        evaluations: r.evaluations,
        failures: Object.fromEntries(r.attributes.map((a) => [a.attribute, a.failures])),
      };
    };
    expect(await counts({ classes: "critical" })).toEqual({ evaluations: 8, failures: { accuracy: 2, verify: 1 } });
    expect(await counts({ agent: "a2" })).toEqual({
      evaluations: 4,
      failures: { accuracy: 1, greeting: 1, verify: 1 },
    });
    expect(await counts({ queue: "q2" })).toEqual({ evaluations: 1, failures: { greeting: 1 } });
    // a2 moved from the red team to the blue one on 1 April.
    expect(await counts({ team: "blue" })).toEqual({
      evaluations: 5,
      failures: { greeting: 3, accuracy: 2, closing: 1, empathy: 1 },
    });
    expect(await counts({ team: "red" })).toEqual({ evaluations: 3, failures: { greeting: 1, verify: 1 } });
    expect(await counts({ team: "red", agent: "a1" })).toEqual({ evaluations: 0, failures: {} });

    const spring = await paretoReport(fixture.warehouse, { from: "2026-04", to: "2026-05" });
    expect(spring.months).toEqual(["2026-04", "2026-05"]);
    expect(spring.evaluationsByMonth).toEqual([
      { month: "2026-04", evaluations: 3 },
      { month: "2026-05", evaluations: 0 },
    ]);
    expect(spring.attributes[0]!.months[1]).toEqual({ month: "2026-05", failures: 0, ratePer100: null });
    expect(spring.consistency).toMatchObject({ evaluations: 3, disagreeing: 1, examples: ["ev-08"] });
  });

  it("refuses a month it cannot read and a class it does not know", async () => {
    await expect(paretoReport(fixture.warehouse, { from: "2026-4" })).rejects.toThrow(/from: expected a month/);
    await expect(paretoReport(fixture.warehouse, { from: "2026-05", to: "2026-04" })).rejects.toThrow(/after/);
    await expect(paretoReport(fixture.warehouse, { classes: "major" as never })).rejects.toThrow(/class/);
  });
});
