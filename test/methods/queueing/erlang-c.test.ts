import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { erlangC, erlangCMeasures } from "../../../src/methods/queueing/erlang-c.ts";
import { offeredLoad } from "../../../src/methods/queueing/workload.ts";
import { exactErlangC } from "./reference.ts";

// The classic worked example (Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked
// Example"): 100 calls in 30 minutes, AHT 180 s, target 80% answered within 20 s.
const classic = { load: offeredLoad({ calls: 100, intervalSeconds: 1800, ahtSeconds: 180 }), ahtSeconds: 180 };

describe("Erlang C: the classic worked example", () => {
  it("offers 10 Erlangs", () => {
    expect(classic.load).toBe(10);
  });

  // P(wait) and SL(20 s) to four places, from the exact rational evaluation below.
  it.each([
    [11, 0.6821, 0.3896],
    [12, 0.4494, 0.6402],
    [13, 0.2853, 0.7956],
    [14, 0.1741, 0.8884],
    [15, 0.102, 0.9415],
  ])("%d agents: P(wait) %d, service level %d", (agents, wait, serviceLevel) => {
    const m = erlangCMeasures(classic, agents, 20);
    expect(m.probabilityOfWait).toBeCloseTo(wait, 4);
    expect(m.serviceLevel).toBeCloseTo(serviceLevel, 4);
  });

  it("13 agents miss 80% in 20 s and 14 meet it, answering in 7.8 s on average at 71% occupancy", () => {
    expect(erlangCMeasures(classic, 13, 20).serviceLevel).toBeLessThan(0.8);
    const m = erlangCMeasures(classic, 14, 20);
    expect(m.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(m.asaSeconds).toBeCloseTo((0.17413 * 180) / 4, 2);
    expect(m.occupancy).toBeCloseTo(10 / 14, 15);
  });

  it("agrees with the textbook formula evaluated exactly", () => {
    for (let agents = 11; agents <= 30; agents++) {
      const exact = exactErlangC(10, 1, agents);
      const m = erlangCMeasures(classic, agents, 20);
      expect(Math.abs(m.probabilityOfWait - exact)).toBeLessThan(1e-13 * exact);
      expect(m.serviceLevel).toBeCloseTo(1 - exact * Math.exp((-(agents - 10) * 20) / 180), 13);
    }
  });
});

describe("Erlang C", () => {
  it.each([
    [7, 2, 5],
    [48, 1, 55],
    [123, 10, 14],
  ])("agrees with exact rational arithmetic: A = %d/%d, N = %d", (p, q, agents) => {
    const exact = exactErlangC(p, q, agents);
    expect(Math.abs(erlangC(p / q, agents) - exact)).toBeLessThan(1e-13 * exact);
  });

  it("a queue with no more agents than load has no steady state", () => {
    const m = erlangCMeasures(classic, 10, 20);
    expect(m).toMatchObject({ stable: false, probabilityOfWait: 1, serviceLevel: 0, occupancy: 1 });
    expect(m.asaSeconds).toBe(Number.POSITIVE_INFINITY);
    expect(erlangC(10, 9)).toBe(1);
  });

  it("rejects impossible inputs", () => {
    expect(() => erlangCMeasures(classic, 0, 20)).toThrow(/agents/);
    expect(() => erlangCMeasures(classic, 14, -1)).toThrow(/thresholdSeconds/);
    expect(() => erlangCMeasures({ load: 10, ahtSeconds: 0 }, 14, 20)).toThrow(/ahtSeconds/);
    expect(() => offeredLoad({ calls: 100, intervalSeconds: 0, ahtSeconds: 180 })).toThrow(/intervalSeconds/);
  });

  it.each([1000, 5000])("large systems: %d Erlangs stay finite and monotone", (load) => {
    const queue = { load, ahtSeconds: 300 };
    let previous = erlangCMeasures(queue, load + 1, 20);
    for (let agents = load + 2; agents <= load + 300; agents++) {
      const m = erlangCMeasures(queue, agents, 20);
      for (const value of [m.probabilityOfWait, m.serviceLevel, m.asaSeconds])
        expect(Number.isFinite(value)).toBe(true);
      expect(m.serviceLevel).toBeGreaterThanOrEqual(previous.serviceLevel);
      expect(m.probabilityOfWait).toBeLessThanOrEqual(previous.probabilityOfWait);
      previous = m;
    }
    expect(previous.serviceLevel).toBeGreaterThan(0.999);
  });

  it("property: service level rises with agents and with the threshold; P(wait) and ASA fall with agents", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 2000, noNaN: true }),
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 300, noNaN: true }),
        fc.double({ min: 10, max: 1200, noNaN: true }),
        (load, spare, threshold, aht) => {
          const queue = { load, ahtSeconds: aht };
          const agents = Math.floor(load) + spare;
          const m = erlangCMeasures(queue, agents, threshold);
          const more = erlangCMeasures(queue, agents + 1, threshold);
          const later = erlangCMeasures(queue, agents, threshold + 5);
          expect(m.serviceLevel).toBeGreaterThanOrEqual(0);
          expect(m.serviceLevel).toBeLessThanOrEqual(1);
          expect(more.serviceLevel).toBeGreaterThanOrEqual(m.serviceLevel - 1e-15);
          expect(later.serviceLevel).toBeGreaterThanOrEqual(m.serviceLevel - 1e-15);
          expect(more.probabilityOfWait).toBeLessThanOrEqual(m.probabilityOfWait);
          expect(more.asaSeconds).toBeLessThanOrEqual(m.asaSeconds);
        },
      ),
    );
  });
});
