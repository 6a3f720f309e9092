import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { erlangAMeasures } from "../../../src/methods/queueing/erlang-a.ts";
import { erlangCMeasures } from "../../../src/methods/queueing/erlang-c.ts";
import {
  backlogStaffing,
  type StaffingTargets,
  scheduledPositions,
  staffing,
} from "../../../src/methods/queueing/staffing.ts";

const classic = { load: 10, ahtSeconds: 180 };
const sl8020 = { serviceLevel: { target: 0.8, thresholdSeconds: 20 } };

describe("staffing: the classic worked example", () => {
  // Call Centre Helper's example: 100 calls / 30 min, AHT 180 s, 80% in 20 s, max occupancy 85%, shrinkage 30%.
  it("needs 14 agents and, with 30% shrinkage, 20 scheduled", () => {
    const s = staffing({ model: "c", queue: classic, targets: { ...sl8020, maxOccupancy: 0.85 }, shrinkage: 0.3 });
    expect(s).toMatchObject({ agents: 14, servers: 14, scheduled: 20, binding: ["serviceLevel"] });
    expect(s.measures?.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(s.measures?.occupancy).toBeCloseTo(0.714, 3);
  });

  it.each<[string, StaffingTargets, number, string[]]>([
    ["ASA at most 20 s", { maxAsaSeconds: 20 }, 13, ["asa"]],
    ["ASA at most 10 s", { maxAsaSeconds: 10 }, 14, ["asa"]],
    ["occupancy at most 85%", { maxOccupancy: 0.85 }, 12, ["occupancy"]],
    ["80/20 and occupancy at most 70%", { ...sl8020, maxOccupancy: 0.7 }, 15, ["occupancy"]],
    ["90% in 20 s", { serviceLevel: { target: 0.9, thresholdSeconds: 20 } }, 15, ["serviceLevel"]],
    [
      "80% answered at once (P(wait) 17.4%)",
      { serviceLevel: { target: 0.8, thresholdSeconds: 0 } },
      14,
      ["serviceLevel"],
    ],
  ])("Erlang C, %s: %d agents", (_, targets, agents, binding) => {
    expect(staffing({ model: "c", queue: classic, targets })).toMatchObject({ agents, binding });
  });

  it("Erlang A with callers patient for 2 minutes on average needs fewer agents for 80/20", () => {
    const queue = { ...classic, patienceSeconds: 120 };
    const s = staffing({ model: "a", queue, targets: sl8020, shrinkage: 0.3 });
    expect(s.agents).toBe(12);
    expect(s.scheduled).toBe(18);
    expect(erlangAMeasures(queue, 11, 20).serviceLevel).toBeLessThan(0.8);
    expect(erlangAMeasures(queue, 12, 20).serviceLevel).toBeGreaterThanOrEqual(0.8);
  });

  it("Erlang A: an abandonment target alone, and every target together", () => {
    const queue = { ...classic, patienceSeconds: 120 };
    expect(staffing({ model: "a", queue, targets: { maxAbandonment: 0.05 } })).toMatchObject({
      agents: 13,
      binding: ["abandonment"],
    });
    const all = staffing({
      model: "a",
      queue,
      targets: { ...sl8020, maxAsaSeconds: 5, maxOccupancy: 0.8, maxAbandonment: 0.03 },
    });
    expect(all.agents).toBe(14);
    expect(all.measures).toMatchObject({ model: "a" });
  });

  it("rejects targets it cannot use", () => {
    expect(() => staffing({ model: "c", queue: classic, targets: {} })).toThrow(/at least one target/);
    expect(() => staffing({ model: "c", queue: classic, targets: { maxAbandonment: 0.05 } })).toThrow(/Erlang A/);
    expect(() => staffing({ model: "a", queue: classic, targets: sl8020 })).toThrow(/patience/);
    expect(() =>
      staffing({ model: "c", queue: classic, targets: { serviceLevel: { target: 80, thresholdSeconds: 20 } } }),
    ).toThrow(/share above 0 and below 1/);
    expect(() => staffing({ model: "c", queue: classic, targets: sl8020, shrinkage: 1 })).toThrow(/shrinkage/);
    expect(() => staffing({ model: "c", queue: classic, targets: sl8020, concurrency: 0.5 })).toThrow(/concurrency/);
  });

  it("no contacts need no agents", () => {
    expect(
      staffing({ model: "c", queue: { load: 0, ahtSeconds: 180 }, targets: sl8020, shrinkage: 0.3 }),
    ).toMatchObject({
      agents: 0,
      scheduled: 0,
      measures: null,
    });
  });
});

describe("shrinkage, chat and deferred work", () => {
  it.each([
    [14, 0.3, 20],
    [14, 0, 14],
    [0, 0.3, 0],
    [100, 0.35, 154],
    [7, 0.125, 8],
    [21, 0.3, 30], // 30.000000000000004 in doubles
  ])("%d agents with %d shrinkage → %d scheduled", (agents, shrinkage, scheduled) => {
    expect(scheduledPositions(agents, shrinkage)).toBe(scheduled);
  });

  it.each([
    // concurrency, agents, slots: the queue needs 14 slots for 80/20 at 10 Erlangs of chats
    [1, 14, 14],
    [2, 7, 14],
    [3, 5, 15],
    [2.5, 6, 15],
  ])("chat at concurrency %d: %d agents bring %d slots", (concurrency, agents, servers) => {
    const s = staffing({ model: "c", queue: classic, targets: sl8020, concurrency });
    expect(s).toMatchObject({ agents, servers, concurrency });
    expect(s.measures?.agents).toBe(servers);
  });

  it("a backlog of 1,200 six-minute e-mails in a 24-hour cycle, 7.5 hours per agent, 20% shrinkage", () => {
    expect(backlogStaffing({ items: 1200, ahtSeconds: 360, availableHoursPerAgent: 7.5, shrinkage: 0.2 })).toEqual({
      workHours: 120,
      agents: 16,
      scheduled: 20,
    });
    expect(backlogStaffing({ items: 1201, ahtSeconds: 360, availableHoursPerAgent: 7.5 }).agents).toBe(17);
    expect(() => backlogStaffing({ items: 10, ahtSeconds: 360, availableHoursPerAgent: 0 })).toThrow(
      /availableHoursPerAgent/,
    );
  });
});

/** Φ by the Abramowitz–Stegun 7.1.26 approximation of erf (error below 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Halfin–Whitt: P(wait) ≈ 1 / (1 + β Φ(β) / φ(β)) with N = A + β√A; β solved by bisection. */
function halfinWhittBeta(probabilityOfWait: number): number {
  const wait = (beta: number) =>
    1 / (1 + (beta * normalCdf(beta)) / (Math.exp((-beta * beta) / 2) / Math.sqrt(2 * Math.PI)));
  let low = 0;
  let high = 5;
  for (let i = 0; i < 100; i++) {
    const middle = (low + high) / 2;
    if (wait(middle) > probabilityOfWait) low = middle;
    else high = middle;
  }
  return low;
}

describe("staffing large systems", () => {
  it.each([1000, 5000])("%d Erlangs: square-root staffing N ≈ A + β√A (Halfin–Whitt)", (load) => {
    // 80% answered at once: P(wait) ≤ 0.2.
    const targets = { serviceLevel: { target: 0.8, thresholdSeconds: 0 } };
    const s = staffing({ model: "c", queue: { load, ahtSeconds: 300 }, targets });
    const beta = halfinWhittBeta(0.2);
    expect(beta).toBeGreaterThan(0.9);
    expect(beta).toBeLessThan(1.1);
    expect(Math.abs(s.agents - (load + beta * Math.sqrt(load)))).toBeLessThanOrEqual(2);
    // Erlang A at the same load, with patience, stays finite and needs no more.
    const a = staffing({ model: "a", queue: { load, ahtSeconds: 300, patienceSeconds: 180 }, targets });
    expect(a.agents).toBeLessThanOrEqual(s.agents);
    expect(Number.isFinite(a.measures?.asaSeconds ?? Number.NaN)).toBe(true);
  });
});

describe("staffing properties", () => {
  const targetsArbitrary = fc.record(
    {
      serviceLevel: fc.record({
        target: fc.double({ min: 0.05, max: 0.98, noNaN: true }),
        thresholdSeconds: fc.double({ min: 0, max: 120, noNaN: true }),
      }),
      maxAsaSeconds: fc.double({ min: 1, max: 300, noNaN: true }),
      maxOccupancy: fc.double({ min: 0.5, max: 1, noNaN: true }),
      maxAbandonment: fc.double({ min: 0.005, max: 0.5, noNaN: true }),
    },
    { requiredKeys: [] },
  );

  it("Erlang C: the staffing meets every target and one agent fewer does not", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 3000, noNaN: true }), targetsArbitrary, (load, raw) => {
        const { maxAbandonment: _, ...targets } = raw;
        fc.pre(Object.keys(targets).length > 0);
        const queue = { load, ahtSeconds: 240 };
        const s = staffing({ model: "c", queue, targets });
        const meets = (agents: number) => {
          const m = erlangCMeasures(queue, agents, targets.serviceLevel?.thresholdSeconds ?? 0);
          return (
            m.stable &&
            (!targets.serviceLevel || m.serviceLevel >= targets.serviceLevel.target - 1e-12) &&
            (targets.maxAsaSeconds === undefined || m.asaSeconds <= targets.maxAsaSeconds + 1e-9) &&
            (targets.maxOccupancy === undefined || m.occupancy <= targets.maxOccupancy + 1e-12)
          );
        };
        expect(meets(s.agents)).toBe(true);
        if (s.agents > 1) expect(meets(s.agents - 1)).toBe(false);
        expect(s.binding.length > 0 || s.agents === 1).toBe(true);
      }),
    );
  });

  it("Erlang A: the staffing meets every target and one agent fewer does not", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 1500, noNaN: true }),
        fc.double({ min: 10, max: 900, noNaN: true }),
        targetsArbitrary,
        (load, patience, targets) => {
          fc.pre(Object.keys(targets).length > 0);
          const queue = { load, ahtSeconds: 240, patienceSeconds: patience };
          const s = staffing({ model: "a", queue, targets });
          const meets = (agents: number) => {
            const m = erlangAMeasures(queue, agents, targets.serviceLevel?.thresholdSeconds ?? 0);
            return (
              (!targets.serviceLevel || m.serviceLevel >= targets.serviceLevel.target - 1e-12) &&
              (targets.maxAsaSeconds === undefined || m.asaSeconds <= targets.maxAsaSeconds + 1e-9) &&
              (targets.maxOccupancy === undefined || m.occupancy <= targets.maxOccupancy + 1e-12) &&
              (targets.maxAbandonment === undefined || m.probabilityOfAbandon <= targets.maxAbandonment + 1e-12)
            );
          };
          expect(meets(s.agents)).toBe(true);
          if (s.agents > 1) expect(meets(s.agents - 1)).toBe(false);
        },
      ),
    );
  });

  it("scheduled positions cover the agents after shrinkage, with nothing to spare", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        (agents, shrinkage) => {
          const scheduled = scheduledPositions(agents, shrinkage);
          expect(scheduled * (1 - shrinkage)).toBeGreaterThanOrEqual(agents - 1e-6);
          if (scheduled > 0) expect((scheduled - 1) * (1 - shrinkage)).toBeLessThan(agents);
        },
      ),
    );
  });
});
