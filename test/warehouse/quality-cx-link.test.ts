import { describe, expect, it } from "vitest";
import { newcombeDifference } from "../../src/methods/sampling/difference.ts";
import { wilson } from "../../src/methods/sampling/proportion.ts";
import { cxLink } from "../../src/warehouse/quality/cx-link.ts";
import { metricFixture } from "./fixtures.ts";

const fixture = metricFixture();
const ZONE = "Europe/Lisbon";

const evaluation = (contact: string, errors: Record<string, boolean> = {}, over: Record<string, unknown> = {}) => ({
  source: "qa",
  evaluation_id: `e-${contact}`,
  program_id: "care",
  kind: "real-time",
  time_zone: ZONE,
  evaluated_at: "2026-03-10T10:00:00Z",
  contact_id: contact,
  customer_critical_error: false,
  business_critical_error: false,
  compliance_critical_error: false,
  ...errors,
  ...over,
});

const survey = (contact: string, satisfaction: number, scale = 5, program = "care") => ({
  source: "csat",
  response_id: `s-${contact}-${program}`,
  program_id: program,
  time_zone: ZONE,
  answered_at: "2026-03-11T10:00:00Z",
  contact_id: contact,
  overall_satisfaction: satisfaction,
  scale_max: scale,
});

/** Evaluations and surveys of March (and one of April) that meet on their contacts. */
async function loadPairs() {
  await fixture.load("qa_evaluations", [
    evaluation("c1", { customer_critical_error: true }),
    evaluation("c2", { customer_critical_error: true }),
    evaluation("c3"),
    evaluation("c4"),
    evaluation("c5"),
    evaluation("c6", { business_critical_error: true }),
    // Monitored, never surveyed.
    evaluation("c7", { customer_critical_error: true }),
    // Investigative: not a random selection, left out.
    evaluation("c9", { customer_critical_error: true }, { purpose: "investigative" }),
    // April: outside the months asked below.
    evaluation("c10", { customer_critical_error: true }, { evaluated_at: "2026-04-02T10:00:00Z" }),
  ]);
  await fixture.load("surveys", [
    survey("c1", 2),
    survey("c2", 5),
    survey("c3", 5),
    survey("c4", 4),
    survey("c5", 3),
    survey("c6", 10, 10),
    // The same contact id in another program is another contact.
    survey("c7", 1, 5, "sales"),
    survey("c9", 1),
    survey("c10", 1),
  ]);
}

describe("critical errors and customer satisfaction", () => {
  it("compares the top-box rate with and without each class of critical error, for monitored and surveyed contacts", async () => {
    await loadPairs();

    const link = await cxLink(fixture.warehouse, { program: "care", from: "2026-03", to: "2026-03" });
    expect(link).toMatchObject({ program: "care", from: "2026-03", to: "2026-03", topBoxes: 2, transactions: 6 });
    const byClass = Object.fromEntries(link.classes.map((c) => [c.errorClass, c]));

    const customer = byClass.customer!;
    expect(customer.withError).toMatchObject({ transactions: 2, topBox: 1, rate: 0.5 });
    expect(customer.withoutError).toMatchObject({ transactions: 4, topBox: 3, rate: 0.75 });
    expect(customer.withError.lower).toBeCloseTo(wilson(1, 2).lower, 12);
    const d = newcombeDifference(3, 4, 1, 2);
    expect(customer.difference).toEqual({ estimate: 0.25, lower: d.lower, upper: d.upper });
    expect(customer.costsSatisfaction).toBe(false);

    expect(byClass.business!.withError).toMatchObject({ transactions: 1, topBox: 1 });
    expect(byClass.business!.withoutError).toMatchObject({ transactions: 5, topBox: 3 });
    expect(byClass.compliance!.withError).toEqual({ transactions: 0, topBox: 0, rate: null, lower: null, upper: null });
    expect(byClass.compliance!.difference).toBeNull();
    expect(byClass.any!.withError).toMatchObject({ transactions: 3, topBox: 2 });
    expect(byClass.any!.withoutError).toMatchObject({ transactions: 3, topBox: 2 });

    // Only the top box: c2, c3 and c6 are satisfied; April's contact joins without the month filter.
    const strict = await cxLink(fixture.warehouse, { topBoxes: 1 });
    expect(strict.transactions).toBe(7);
    expect(strict.classes[0]!.withError).toMatchObject({ transactions: 3, topBox: 1 });
    await expect(cxLink(fixture.warehouse, { topBoxes: 0 })).rejects.toThrow(/top boxes/);
  });

  it("compares the top-box rate of transactions that failed each attribute with those that passed it", async () => {
    await loadPairs();
    const attribute = (name: string, version: number, cls: string) => ({
      source: "qa",
      form_id: "care-form",
      form_version: version,
      attribute: name,
      label: `${name} v${version}`,
      class: cls,
      valid_from: version === 1 ? "2026-01-01" : "2026-03-01",
    });
    await fixture.load("qa_form_attributes", [
      attribute("greet", 1, "non-critical"),
      attribute("verify", 1, "business-critical"),
      attribute("greet", 2, "non-critical"),
      // Re-classed in version 2: the latest class is reported.
      attribute("verify", 2, "compliance-critical"),
      attribute("hold", 2, "non-critical"),
    ]);
    const answer = (contact: string, name: string, result: string) => ({
      source: "qa",
      evaluation_id: `e-${contact}`,
      form_id: "care-form",
      form_version: 2,
      attribute: name,
      result,
    });
    await fixture.load("qa_answers", [
      // Satisfied (top two of five): c2, c3, c4, c6; not: c1, c5.
      ...["c1", "c5"].map((c) => answer(c, "greet", "fail")),
      ...["c2", "c3", "c4", "c6"].map((c) => answer(c, "greet", "pass")),
      answer("c2", "verify", "fail"),
      answer("c1", "verify", "pass"),
      answer("c3", "verify", "pass"),
      answer("c4", "verify", "not-applicable"),
      answer("c3", "hold", "not-applicable"),
      // c7's only survey is another program's: no pair.
      answer("c7", "note", "fail"),
    ]);

    const link = await cxLink(fixture.warehouse, { program: "care", from: "2026-03", to: "2026-03" });
    expect(link.attributes.map((a) => a.attribute)).toEqual(["greet", "verify", "hold"]);
    const [greet, verify, hold] = link.attributes;
    expect(greet).toMatchObject({ label: "greet v2", class: "non-critical" });
    expect(greet!.failed).toMatchObject({ transactions: 2, topBox: 0, rate: 0 });
    expect(greet!.passed).toMatchObject({ transactions: 4, topBox: 4, rate: 1 });
    const d = newcombeDifference(4, 4, 0, 2);
    expect(greet!.difference).toEqual({ estimate: 1, lower: d.lower, upper: d.upper });
    expect(greet!.costsSatisfaction).toBe(d.lower > 0);

    expect(verify).toMatchObject({ class: "compliance-critical", costsSatisfaction: false });
    expect(verify!.failed).toMatchObject({ transactions: 1, topBox: 1 });
    expect(verify!.passed).toMatchObject({ transactions: 2, topBox: 1 });
    expect(verify!.difference!.estimate).toBeCloseTo(-0.5, 12);

    expect(hold!.failed.transactions + hold!.passed.transactions).toBe(0);
    expect(hold!.difference).toBeNull();
  });
});
