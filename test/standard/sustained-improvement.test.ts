import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sustainedImprovement } from "../../src/standard/rules/sustained-improvement.ts";

const months = (values: (number | null)[], targets: number | null | (number | null)[] = null) =>
  values.map((value, i) => ({
    period: `2025-${String(i + 1).padStart(2, "0")}`,
    value,
    target: Array.isArray(targets) ? (targets[i] ?? null) : targets,
  }));

describe("sustained improvement (glossary definition)", () => {
  it("three points each better than the average of the three before them", () => {
    // previous level = (70 + 72 + 71) / 3 = 71; 74, 75, 73 all beat it.
    const result = sustainedImprovement(months([70, 72, 71, 74, 75, 73], 90), "higher");
    expect(result.current).toBe(true);
    expect(result.windows).toEqual([
      // Feb–Apr also qualifies: 72, 71 and 74 all beat January's 70.
      { periods: ["2025-02", "2025-03", "2025-04"], previousLevel: 70 },
      { periods: ["2025-04", "2025-05", "2025-06"], previousLevel: 71 },
    ]);
  });

  it("the three need not improve on each other, only on the previous level", () => {
    // 78 > 76 > 74 is a decline within the window, but all beat 71.
    expect(sustainedImprovement(months([70, 72, 71, 78, 76, 74], 90), "higher").current).toBe(true);
  });

  it("one point at or below the previous level breaks it", () => {
    expect(sustainedImprovement(months([70, 72, 71, 74, 71, 75], 90), "higher").current).toBe(false);
  });

  it("with fewer than three earlier points the previous level is the average of all of them", () => {
    // Feb–Apr: previous level 60 (one point); Mar–May: (60 + 61) / 2; Apr–Jun: (60 + 61 + 62) / 3.
    const result = sustainedImprovement(months([60, 61, 62, 63, 64, 65], 90), "higher");
    expect(result.windows.map((w) => [w.periods[0], w.previousLevel])).toEqual([
      ["2025-02", 60],
      ["2025-03", 60.5],
      ["2025-04", 61],
    ]);
  });

  it("a point better than its target counts as better than the previous level", () => {
    // previous level 90; 85, 86 are worse than 90 but better than the target 80.
    const result = sustainedImprovement(months([90, 90, 90, 85, 86, 91], 80), "higher");
    expect(result.current).toBe(true);
  });

  it("a point equal to target is not better than target", () => {
    const result = sustainedImprovement(months([90, 90, 90, 80, 80, 91], 80), "higher");
    expect(result.current).toBe(false);
  });

  it("lower is better: falling values improve", () => {
    // average handle time in seconds: previous level 400.
    expect(sustainedImprovement(months([410, 400, 390, 380, 395, 385], 300), "lower").current).toBe(true);
  });

  it("needs at least one earlier point and three after it", () => {
    expect(sustainedImprovement(months([1, 2, 3]), "higher").windows).toEqual([]);
    expect(sustainedImprovement(months([1, 2, 3, 4]), "higher").current).toBe(true);
  });

  it("periods without data are skipped, not counted as points", () => {
    const result = sustainedImprovement(months([70, null, 72, 71, 74, null, 75, 73], 90), "higher");
    expect(result.current).toBe(true);
  });

  it("current is only the window ending at the latest point", () => {
    const result = sustainedImprovement(months([70, 72, 71, 74, 75, 73, 60], 90), "higher");
    expect(result.windows.length).toBeGreaterThan(0);
    expect(result.current).toBe(false);
  });

  const values = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 0, maxLength: 20 });

  it("property: mirroring values and direction gives the same windows", () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 0, max: 1000 }), (vs, target) => {
        const up = sustainedImprovement(months(vs, target), "higher");
        const down = sustainedImprovement(
          months(
            vs.map((v) => -v),
            -target,
          ),
          "lower",
        );
        expect(down.windows.map((w) => w.periods)).toEqual(up.windows.map((w) => w.periods));
        expect(down.current).toBe(up.current);
      }),
    );
  });

  it("property: a harder target never creates sustained improvement", () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 500 }), (vs, target, raise) => {
        const easy = sustainedImprovement(months(vs, target), "higher");
        const hard = sustainedImprovement(months(vs, target + raise), "higher");
        const easyWindows = new Set(easy.windows.map((w) => w.periods.join()));
        for (const w of hard.windows) expect(easyWindows.has(w.periods.join())).toBe(true);
        if (hard.current) expect(easy.current).toBe(true);
      }),
    );
  });

  it("property: a strictly increasing series of four or more points shows it", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 4, maxLength: 12 }), (steps) => {
        let sum = 0;
        const vs = steps.map((s) => (sum += s));
        expect(sustainedImprovement(months(vs, null), "higher").current).toBe(true);
      }),
    );
  });
});
