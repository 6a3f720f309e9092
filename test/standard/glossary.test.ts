import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  efficiencySavings,
  scheduleAdherence,
  scheduleAttainment,
  scheduleAttainmentInBand,
} from "../../src/standard/glossary.ts";

const at = (h: number, m: number) => h * 60 + m;

describe("the glossary's worked examples", () => {
  it("schedule adherence: a 15-minute break due at 10:00 taken 10:05–10:20 is 33%", () => {
    const adherence = scheduleAdherence({ start: at(10, 0), end: at(10, 15) }, { start: at(10, 5), end: at(10, 20) });
    expect(adherence).toBeCloseTo(1 / 3, 10);
    expect(Math.round(adherence * 100)).toBe(33);
  });

  it("schedule adherence by overlap for the same break is 67%", () => {
    const adherence = scheduleAdherence(
      { start: at(10, 0), end: at(10, 15) },
      { start: at(10, 5), end: at(10, 20) },
      "overlap",
    );
    expect(adherence).toBeCloseTo(2 / 3, 10);
  });

  it("schedule attainment: 14.5 FTE against 15 required is 96.7%", () => {
    const attainment = scheduleAttainment([{ requiredFte: 15, actualFte: 14.5 }]);
    expect(attainment).toBeCloseTo(1 - 0.5 / 15, 12);
    expect(Math.round(attainment * 1000) / 10).toBe(96.7);
  });

  it("schedule attainment is weighted by required FTE across intervals", () => {
    // (10 × 0.9 + 30 × 1) / 40 = 0.975
    expect(
      scheduleAttainment([
        { requiredFte: 10, actualFte: 11 },
        { requiredFte: 30, actualFte: 30 },
      ]),
    ).toBeCloseTo(0.975, 12);
  });

  it("schedule attainment in band: share of intervals within 95%–115% of the requirement", () => {
    const intervals = [
      { requiredFte: 20, actualFte: 19 }, // 95%: in
      { requiredFte: 20, actualFte: 23 }, // 115%: in
      { requiredFte: 20, actualFte: 18 }, // 90%: out
      { requiredFte: 20, actualFte: 24 }, // 120%: out
    ];
    expect(scheduleAttainmentInBand(intervals)).toBe(0.5);
  });

  it("savings: a 5% FCR gain in a 500-seat program is 25 fewer CSSs and $500,000 a year at $20,000 each", () => {
    expect(efficiencySavings({ seats: 500, volumeReductionPercent: 5, annualCostPerCss: 20_000 })).toEqual({
      fewerCss: 25,
      annualSavings: 500_000,
    });
  });

  it("property: adherence is within 0–1 and perfect only when on time", () => {
    fc.assert(
      fc.property(
        fc.nat(600),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: -30, max: 30 }),
        fc.integer({ min: -30, max: 30 }),
        (start, length, early, late) => {
          const scheduled = { start, end: start + length };
          const actual = { start: start + early, end: Math.max(start + early, start + length + late) };
          const value = scheduleAdherence(scheduled, actual);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
          if (early === 0 && late === 0) expect(value).toBe(1);
        },
      ),
    );
  });

  it("property: attainment is at most 1 and equals 1 when staffed exactly", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 48 }), (required) => {
        expect(scheduleAttainment(required.map((r) => ({ requiredFte: r, actualFte: r })))).toBeCloseTo(1, 12);
        expect(scheduleAttainment(required.map((r) => ({ requiredFte: r, actualFte: r * 1.1 })))).toBeLessThan(1);
      }),
    );
  });
});
