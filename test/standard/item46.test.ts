import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { continuousMonths, type Item46Candidate, item46 } from "../../src/standard/rules/item46.ts";

const rules = {
  meetingShare: 0.5,
  meetingOrImprovingShare: 0.75,
  minContinuousMonths: 3,
  maxAdditionalShare: 0.1,
  maxSmallVolumeShare: 0.1,
  smallVolumeContactShare: 0.05,
  periodsMetShare: 0.75,
};

const metric = (key: string, over: Partial<Item46Candidate> = {}): Item46Candidate => ({
  key,
  meeting: false,
  improving: false,
  continuousMonths: 12,
  additional: false,
  smallVolume: false,
  ...over,
});

/** `meeting` metrics meet, `improving` more only improve, the rest do neither. */
const scope = (total: number, meeting: number, improving: number) =>
  Array.from({ length: total }, (_, i) =>
    metric(`m${i}`, { meeting: i < meeting, improving: i >= meeting && i < meeting + improving }),
  );

describe("Item 4.6: the 50/75 rule", () => {
  it.each([
    // total, meeting, improving only, met
    [4, 2, 1, true], // exactly 50% and exactly 75%
    [4, 2, 0, false], // 50% but only 50% meeting or improving
    [4, 1, 2, false], // 75% meeting or improving but only 25% meeting
    [10, 5, 3, true],
    [10, 4, 6, false],
    [10, 10, 0, true],
    [0, 0, 0, false],
  ])("%d metrics, %d meeting, %d improving → met %s", (total, meeting, improving, met) => {
    const result = item46(scope(total, meeting, improving), rules);
    expect(result.met).toBe(met);
    expect(result.counted).toBe(total);
  });

  it("leaves out metrics with fewer than three continuous months of data", () => {
    const result = item46([...scope(4, 2, 1), metric("new", { continuousMonths: 2 })], rules);
    expect(result.counted).toBe(4);
    expect(result.excluded).toEqual([{ key: "new", reason: "too-new" }]);
    expect(result.met).toBe(true);
  });

  it("counts additional metrics up to 10% of the required ones", () => {
    const required = scope(20, 10, 5);
    const additional = [1, 2, 3].map((i) => metric(`extra${i}`, { additional: true, meeting: true }));
    const result = item46([...required, ...additional], rules);
    expect(result.counted).toBe(22);
    expect(result.excluded.map((e) => e.key)).toEqual(["extra3"]);
  });

  it("keeps small-volume KCRP metrics strictly under 10% of the required ones", () => {
    // 20 required → fewer than 2 may be small-volume: 1 kept.
    const required = scope(18, 10, 4);
    const small = [1, 2].map((i) => metric(`small${i}`, { smallVolume: true }));
    expect(item46([...required, ...small], rules).excluded).toEqual([
      { key: "small2", reason: "small-volume-over-cap" },
    ]);
    // 10 required → fewer than 1: none kept.
    expect(item46([...scope(9, 5, 3), metric("s", { smallVolume: true })], rules).excluded).toHaveLength(1);
  });

  it("property: turning a metric from failing to meeting never breaks a met verdict", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }), fc.nat(), (meets, pick) => {
        const before = meets.map((m, i) => metric(`m${i}`, { meeting: m }));
        const index = pick % meets.length;
        const after = before.map((m, i) => (i === index ? { ...m, meeting: true } : m));
        if (item46(before, rules).met) expect(item46(after, rules).met).toBe(true);
      }),
    );
  });
});

describe("continuousMonths", () => {
  const p = (period: string, value: number | null = 1) => ({ period, value, target: null });
  it.each([
    [[p("2026-01"), p("2026-02"), p("2026-03")], 3],
    [[p("2026-01"), p("2026-03"), p("2026-04")], 2],
    [[p("2026-01"), p("2026-02", null), p("2026-03")], 1],
    [[p("2025-12"), p("2026-01")], 2],
    [[p("2025-Q4"), p("2026-Q1")], 6],
    [[p("2026-01", null)], 0],
    [[p("2025"), p("2026-01")], 13],
  ])("%j → %d months", (points, months) => {
    expect(continuousMonths(points)).toBe(months);
  });
});
