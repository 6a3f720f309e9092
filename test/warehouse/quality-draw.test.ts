import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Random } from "../../src/warehouse/demo/random.ts";
import { allocate } from "../../src/warehouse/quality/allocation.ts";
import { choose, drawSample } from "../../src/warehouse/quality/draw.ts";
import { metricFixture } from "./fixtures.ts";

describe("proportional allocation with largest remainders", () => {
  it("gives floors first, then the leftovers to the largest fractional parts", () => {
    const strata = [
      { key: "a", size: 5 },
      { key: "b", size: 3 },
      { key: "c", size: 2 },
    ];
    // Quotas 1.5, 0.9, 0.6.
    expect(allocate(strata, 3).map((s) => s.allocated)).toEqual([1, 1, 1]);
    // Quotas 3.5, 2.1, 1.4: one leftover, to a.
    expect(allocate(strata, 7).map((s) => s.allocated)).toEqual([4, 2, 1]);
    expect(allocate(strata, 10).map((s) => s.allocated)).toEqual([5, 3, 2]);
  });

  it("breaks ties by the larger stratum, then by order", () => {
    // Quotas 0.5, 0.5 and 1.0: the leftover unit is a tie between the first two, equal in size: the first wins.
    expect(
      allocate(
        [
          { key: "a", size: 1 },
          { key: "b", size: 1 },
          { key: "c", size: 2 },
        ],
        2,
      ).map((s) => s.allocated),
    ).toEqual([1, 0, 1]);
    // Quotas of 1/3 each: the first stratum.
    expect(
      allocate(
        [
          { key: "x", size: 1 },
          { key: "y", size: 1 },
          { key: "z", size: 1 },
        ],
        1,
      ).map((s) => s.allocated),
    ).toEqual([1, 0, 0]);
    expect(
      allocate(
        [
          { key: "x", size: 3 },
          { key: "y", size: 5 },
        ],
        4,
      ).map((s) => s.allocated),
      // Quotas 1.5 and 2.5: equal fractional parts, the leftover unit goes to the larger stratum.
    ).toEqual([1, 3]);
  });

  it("refuses a sample larger than the population", () => {
    expect(() => allocate([{ key: "a", size: 2 }], 3)).toThrow(/cannot draw 3 from 2/);
  });

  it("sums to n and keeps every stratum within one of its proportional share", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 500 }), { minLength: 1, maxLength: 40 }).filter((s) => s.some((x) => x > 0)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (sizes, fraction) => {
          const total = sizes.reduce((a, b) => a + b, 0);
          const n = Math.round(fraction * total);
          const allocation = allocate(
            sizes.map((size, i) => ({ key: String(i), size })),
            n,
          );
          expect(allocation.reduce((sum, s) => sum + s.allocated, 0)).toBe(n);
          for (const s of allocation) {
            expect(Math.abs(s.allocated - s.quota)).toBeLessThan(1);
            expect(s.allocated).toBeLessThanOrEqual(s.size);
          }
        },
      ),
    );
  });
});

describe("choosing within a stratum", () => {
  it("picks k distinct indices, each about equally often", () => {
    const random = new Random(3);
    const counts = new Array(10).fill(0);
    for (let t = 0; t < 2000; t++) {
      const chosen = choose(10, 3, random);
      expect(new Set(chosen).size).toBe(3);
      for (const i of chosen) counts[i]++;
    }
    // Each index is chosen with probability 3/10: 600 expected, sd ≈ 20.5.
    for (const c of counts) expect(Math.abs(c - 600)).toBeLessThan(90);
  });
});

describe("drawing a stratified sample from the warehouse", () => {
  const fixture = metricFixture();
  const ZONE = "Europe/Lisbon";
  // 3 agents × 2 queues with unequal volumes, in March 2026, plus contacts that are not in the population.
  const contacts = [
    ...[
      ["ana", "voice", 30],
      ["ana", "chat", 10],
      ["rui", "voice", 20],
      ["rui", "chat", 5],
      ["eva", "voice", 3],
      ["eva", "chat", 1],
    ].flatMap(([agent, queue, count]) =>
      Array.from({ length: count as number }, (_, i) => ({
        source: "acd",
        source_id: `${agent}-${queue}-${i}`,
        program_id: "care",
        queue_id: `care-${queue}`,
        channel: queue,
        kind: "real-time",
        time_zone: ZONE,
        agent_id: agent,
        arrived_at: `2026-03-${String(1 + (i % 28)).padStart(2, "0")}T10:00:00Z`,
        answered_at: `2026-03-${String(1 + (i % 28)).padStart(2, "0")}T10:00:30Z`,
      })),
    ),
    // Abandoned (no CSS), another program, and 31 March 23:30 UTC, which is 1 April in Lisbon (summer time).
    { ...base("abandoned"), agent_id: null },
    { ...base("other"), program_id: "other" },
    { ...base("april"), arrived_at: "2026-03-31T23:30:00Z" },
  ];
  function base(id: string) {
    return {
      source: "acd",
      source_id: id,
      program_id: "care",
      queue_id: "care-voice",
      channel: "voice",
      kind: "real-time",
      time_zone: ZONE,
      agent_id: "ana",
      arrived_at: "2026-03-15T10:00:00Z",
    };
  }

  it("allocates n over agent × queue, draws the same contacts from the same seed", async () => {
    await fixture.load("contacts", contacts);
    const draw = await drawSample(fixture.warehouse, { program: "care", month: "2026-03", n: 14, seed: 42 });
    expect(draw.population).toBe(69);
    expect(draw.contacts).toHaveLength(14);
    expect(draw.strata.map((s) => [s.agent, s.queue, s.size, s.drawn])).toEqual([
      ["ana", "care-chat", 10, 2],
      ["ana", "care-voice", 30, 6],
      ["eva", "care-chat", 1, 0],
      ["eva", "care-voice", 3, 1],
      ["rui", "care-chat", 5, 1],
      ["rui", "care-voice", 20, 4],
    ]);
    for (const s of draw.strata) expect(Math.abs(s.drawn - s.quota)).toBeLessThan(1);
    // Each contact belongs to its stratum, once.
    expect(new Set(draw.contacts.map((c) => c.sourceId)).size).toBe(14);
    for (const c of draw.contacts) expect(c.sourceId.startsWith(`${c.agent}-${c.queue.slice(5)}-`)).toBe(true);

    const again = await drawSample(fixture.warehouse, { program: "care", month: "2026-03", n: 14, seed: 42 });
    expect(again.contacts).toEqual(draw.contacts);
    const other = await drawSample(fixture.warehouse, { program: "care", month: "2026-03", n: 14, seed: 43 });
    expect(other.contacts.map((c) => c.sourceId)).not.toEqual(draw.contacts.map((c) => c.sourceId));
    expect(other.strata).toEqual(draw.strata);

    const april = await drawSample(fixture.warehouse, { program: "care", month: "2026-04", n: 1, seed: 1 });
    expect(april.contacts.map((c) => c.sourceId)).toEqual(["april"]);
  });

  it("says what is wrong with an impossible draw", async () => {
    await fixture.load("contacts", contacts);
    await expect(drawSample(fixture.warehouse, { program: "care", month: "2026-03", n: 70, seed: 1 })).rejects.toThrow(
      "cannot draw 70 contacts: program care handled 69 in 2026-03",
    );
    await expect(drawSample(fixture.warehouse, { program: "care", month: "2026-05", n: 1, seed: 1 })).rejects.toThrow(
      /no contacts handled by a CSS in 2026-05/,
    );
    await expect(drawSample(fixture.warehouse, { program: "care", month: "2026-3", n: 1, seed: 1 })).rejects.toThrow(
      /expected a month/,
    );
  });
});
