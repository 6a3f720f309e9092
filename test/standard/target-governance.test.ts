import { describe, expect, it } from "vitest";
import { applicableBenchmark, governanceFindings } from "../../src/standard/rules/target-governance.ts";

const rules = { maxComparativeDataAgeYears: 2, raiseTargetAfterPeriods: 6 };
const months = (values: (number | null)[], target: number | null) =>
  values.map((value, i) => ({ period: `2026-${String(i + 1).padStart(2, "0")}`, value, target }));
const csat = {
  direction: "higher" as const,
  benchmarks: [{ value: 85, comparison: ">=" as const }],
  targetRequired: true,
};

describe("target governance", () => {
  it("flags a required metric without a target", () => {
    const findings = governanceFindings(
      { key: "k", metric: csat, points: months([80, 81], null), asOf: "2026-03-01" },
      rules,
    );
    expect(findings).toEqual([{ kind: "missing-target", key: "k" }]);
  });

  it("flags comparative data older than two years, not younger", () => {
    const input = { key: "k", metric: csat, points: months([86], 86), asOf: "2026-06-01" };
    const old = governanceFindings(
      { ...input, targetInfo: { source: "comparative", comparativeDataDate: "2024-05-01" } },
      rules,
    );
    expect(old.map((f) => f.kind)).toEqual(["stale-comparative-data"]);
    const fresh = governanceFindings(
      { ...input, targetInfo: { source: "comparative", comparativeDataDate: "2024-07-01" } },
      rules,
    );
    expect(fresh).toEqual([]);
  });

  it("flags a target below benchmark unless a reason is recorded", () => {
    const input = { key: "k", metric: csat, points: months([81], 80), asOf: "2026-02-01" };
    expect(governanceFindings(input, rules)).toEqual([
      { kind: "below-benchmark-without-reason", key: "k", target: 80, benchmark: 85 },
    ]);
    expect(
      governanceFindings({ ...input, targetInfo: { source: "client", reason: "client contract" } }, rules),
    ).toEqual([]);
  });

  it("suggests raising a target beaten in every one of the last six periods", () => {
    const beaten = governanceFindings(
      { key: "k", metric: csat, points: months([90, 91, 92, 90, 93, 94], 86), asOf: "2026-07-01" },
      rules,
    );
    expect(beaten.map((f) => f.kind)).toEqual(["routinely-better-than-target"]);
    const once = governanceFindings(
      { key: "k", metric: csat, points: months([90, 91, 86, 90, 93, 94], 86), asOf: "2026-07-01" },
      rules,
    );
    expect(once).toEqual([]);
  });

  it("compares with the most lenient conditional benchmark unless one is named", () => {
    const accuracy = {
      direction: "higher" as const,
      benchmarks: [
        { value: 95, comparison: ">=" as const, condition: "satisfiers and dissatisfiers" },
        { value: 98, comparison: ">=" as const, condition: "satisfiers only" },
      ],
    };
    expect(applicableBenchmark(accuracy)).toBe(95);
    expect(applicableBenchmark(accuracy, "satisfiers only")).toBe(98);
    expect(() => applicableBenchmark(accuracy, "other")).toThrow(/no benchmark/);
    const dsat = { direction: "lower" as const, benchmarks: [{ value: 5, comparison: "<=" as const }] };
    expect(applicableBenchmark(dsat)).toBe(5);
  });
});
