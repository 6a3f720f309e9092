import { describe, expect, it } from "vitest";
import { improvementExamplesTrigger, metricTriggers } from "../../src/standard/rules/corrective-action.ts";

const rules = {
  improvementExamplesBelowShare: 0.75,
  improvementExamplesRequired: 3,
  categories: ["efficiency", "cost", "sales", "satisfaction"] as const,
};
const mutable = { ...rules, categories: [...rules.categories] };

describe("2.8.2.a: metrics not meeting 3/4 of periods", () => {
  const base = { key: "k", metric: "m", share: 0.5, meeting: false };
  it.each([
    ["customer-affecting service metric", { category: "service", customerAffecting: true }, true],
    ["efficiency metric", { category: "efficiency", customerAffecting: false }, true],
    ["cost metric", { category: "cost", customerAffecting: false }, true],
    ["sales metric", { category: "sales", customerAffecting: false }, true],
    ["customer satisfaction", { category: "satisfaction", customerAffecting: false }, true],
    ["internal people metric", { category: "people", customerAffecting: false }, false],
  ])("%s", (_, over, triggered) => {
    expect(metricTriggers([{ ...base, ...over }], mutable)).toHaveLength(triggered ? 1 : 0);
  });

  it("does not trigger for a meeting metric or one with no evaluated period", () => {
    const series = [
      { ...base, category: "service", customerAffecting: true, meeting: true, share: 1 },
      { ...base, category: "service", customerAffecting: true, share: null },
    ];
    expect(metricTriggers(series, mutable)).toEqual([]);
  });
});

describe("2.8.2.c: improvement examples below 75% meeting", () => {
  it.each([
    [0.74, true],
    [0.75, false],
    [1, false],
    [null, false],
  ])("meeting share %s → required %s", (share, required) => {
    const trigger = improvementExamplesTrigger("entity:acme", share, mutable);
    expect(trigger !== undefined).toBe(required);
    if (trigger) expect(trigger).toMatchObject({ examplesRequired: 3, scope: "entity:acme" });
  });
});
