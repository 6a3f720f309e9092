import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { erlangB, erlangBMeasures, erlangBWithLog, nextErlangB } from "../../../src/methods/queueing/erlang-b.ts";
import { logPochhammer } from "../../../src/methods/queueing/special-functions.ts";
import { exactErlangB } from "./reference.ts";

/** The classic recursion from zero servers: O(N), the textbook way. */
function recursiveErlangB(load: number, servers: number): number {
  let b = 1;
  for (let n = 1; n <= servers; n++) b = (load * b) / (n + load * b);
  return b;
}

describe("Erlang B", () => {
  it("matches the values quoted from textbook tables", () => {
    expect(erlangB(10, 15)).toBeCloseTo(0.0365, 4);
    expect(erlangB(5, 5)).toBeCloseTo(0.2849, 4);
  });

  // Standard Erlang B table (grade of service 1% and 2%), offered load in Erlangs to two decimals.
  it.each([
    [1.36, 5, 0.01],
    [4.46, 10, 0.01],
    [12.03, 20, 0.01],
    [37.9, 50, 0.01],
    [84.06, 100, 0.01],
    [5.08, 10, 0.02],
    [13.18, 20, 0.02],
    [87.97, 100, 0.02],
  ])("table: %d Erlangs on %d servers blocks %d", (load, servers, blocking) => {
    // The table rounds the load to 0.01 Erlang: blocking agrees to within 1% of itself.
    expect(Math.abs(erlangB(load, servers) - blocking)).toBeLessThan(0.01 * blocking);
  });

  it.each([
    [5, 1, 5],
    [10, 1, 15],
    [7, 2, 3],
    [3, 1, 40],
    [101, 4, 30],
  ])("agrees with exact rational arithmetic: A = %d/%d, N = %d", (p, q, servers) => {
    const exact = exactErlangB(p, q, servers);
    expect(Math.abs(erlangB(p / q, servers) - exact)).toBeLessThan(1e-13 * exact);
  });

  it("agrees with the plain recursion from zero servers, below, at and above the load", () => {
    for (const load of [0.3, 7.5, 99.99, 1000, 5000]) {
      for (const servers of [
        1,
        Math.floor(load / 2) + 1,
        Math.floor(load),
        Math.ceil(load) + 7,
        Math.ceil(load * 1.2) + 3,
      ]) {
        const reference = recursiveErlangB(load, servers);
        expect(Math.abs(erlangB(load, servers) - reference)).toBeLessThanOrEqual(1e-12 * reference);
      }
    }
  });

  it("edge cases: no servers blocks everything, no load blocks nothing", () => {
    expect(erlangB(3, 0)).toBe(1);
    expect(erlangB(0, 4)).toBe(0);
    expect(() => erlangB(-1, 3)).toThrow(/load/);
    expect(() => erlangB(3, 2.5)).toThrow(/servers/);
  });

  it("stays finite at thousands of servers; the logarithm survives where B underflows", () => {
    expect(erlangB(5000, 5000)).toBeGreaterThan(0);
    expect(erlangB(5000, 5000)).toBeLessThan(0.02);
    // A = 1 on 5,000 servers: B = (1/N!) / Σ 1/k! ≈ 1/(N! e), far below the smallest double.
    const { b, logB } = erlangBWithLog(1, 5000);
    expect(b).toBe(0);
    expect(logB).toBeCloseTo(-logPochhammer(1, 5000) - 1, 6);
  });

  it("one recursion step moves B to the next server count", () => {
    expect(nextErlangB(10, 14, erlangB(10, 14))).toBeCloseTo(erlangB(10, 15), 15);
  });

  it("measures of a loss system", () => {
    const m = erlangBMeasures({ load: 10, ahtSeconds: 180 }, 15, 20);
    expect(m.blocking).toBeCloseTo(0.0365, 4);
    expect(m.serviceLevel).toBeCloseTo(1 - m.blocking, 15);
    expect(m.occupancy).toBeCloseTo((10 * (1 - m.blocking)) / 15, 15);
    expect(m).toMatchObject({ probabilityOfWait: 0, asaSeconds: 0 });
  });

  it("property: B is a probability, falls with servers and rises with load", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 3000, noNaN: true }),
        fc.integer({ min: 1, max: 4000 }),
        (load, servers) => {
          const b = erlangB(load, servers);
          expect(b).toBeGreaterThanOrEqual(0);
          expect(b).toBeLessThanOrEqual(1);
          expect(erlangB(load, servers + 1)).toBeLessThanOrEqual(b);
          expect(erlangB(load * 1.01, servers)).toBeGreaterThanOrEqual(b);
        },
      ),
    );
  });
});
