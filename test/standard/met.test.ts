import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isBetter, isMet, targetedLevels } from "../../src/standard/rules/met.ts";

const series = (values: (number | null)[], target: number | null) =>
  values.map((value, i) => ({ period: `2026-${String(i + 1).padStart(2, "0")}`, value, target }));

describe("isMet", () => {
  it.each([
    [80, 80, "higher", true],
    [79.99, 80, "higher", false],
    [80.01, 80, "higher", true],
    [0.8 * 100, 80, "higher", true],
    [30, 30, "lower", true],
    [30.5, 30, "lower", false],
    [29, 30, "lower", true],
  ] as const)("value %d against target %d (%s is better) → %s", (value, target, direction, expected) => {
    expect(isMet(value, target, direction)).toBe(expected);
  });

  it("refuses metrics without a direction", () => {
    expect(() => isMet(1, 1, "none")).toThrow(/no direction/);
  });

  it("equal is met but not better", () => {
    expect(isBetter(80, 80, "higher")).toBe(false);
    expect(isMet(80, 80, "higher")).toBe(true);
  });
});

describe("targetedLevels (3 of 4 periods)", () => {
  it.each([
    [[81, 82, 79, 85], 80, 3, true],
    [[81, 79, 79, 85], 80, 2, false],
    [[81, 82, 83, 84, 70, 71, 85, 86], 80, 6, true],
    [[81, 82, 83, 84, 70, 71, 72, 86], 80, 5, false],
  ])("%j against %d: %d met, meeting %s", (values, target, met, meeting) => {
    const result = targetedLevels(series(values, target), "higher");
    expect(result.met).toBe(met);
    expect(result.meeting).toBe(meeting);
  });

  it("leaves periods without value or target out of the count", () => {
    const points = [...series([81, null, 85], 80), { period: "2026-04", value: 70, target: null }];
    const result = targetedLevels(points, "higher");
    expect(result.evaluated).toBe(2);
    expect(result.periods.map((p) => p.met)).toEqual([true, null, true, null]);
    expect(result.meeting).toBe(true);
  });

  it("is not meeting when nothing can be evaluated", () => {
    expect(targetedLevels(series([null], 80), "higher")).toMatchObject({ share: null, meeting: false });
  });

  it("property: a harder target never turns a not-met period into met", () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 24 }),
        fc.float({ min: 0, max: 100, noNaN: true }),
        fc.float({ min: 0, max: 50, noNaN: true }),
        fc.constantFrom("higher" as const, "lower" as const),
        (values, target, raise, direction) => {
          const harder = direction === "higher" ? target + raise : target - raise;
          const before = targetedLevels(series(values, target), direction);
          const after = targetedLevels(series(values, harder), direction);
          after.periods.forEach((p, i) => {
            if (p.met) expect(before.periods[i]!.met).toBe(true);
          });
          expect(after.met).toBeLessThanOrEqual(before.met);
        },
      ),
    );
  });
});
