import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { erlangAMeasures, SERVICE_LEVEL_DEFINITIONS } from "../../../src/methods/queueing/erlang-a.ts";
import { erlangCMeasures } from "../../../src/methods/queueing/erlang-c.ts";
import { bruteForceErlangA } from "./reference.ts";

describe("Erlang A against a brute-force Markov-chain solution", () => {
  it.each([
    // load, AHT, patience, agents, threshold
    [10, 180, 120, 14, 20], // the classic example with impatient callers
    [10, 180, 120, 11, 20],
    [10, 180, 600, 9, 20], // overloaded: stable only because callers abandon
    [50, 180, 120, 40, 20],
    [4, 300, 30, 3, 0], // threshold 0: answered at once
    [20, 240, 90, 22, 60],
    [2.5, 600, 1800, 4, 15],
    [30, 200, 45, 25, 120], // threshold well beyond mean patience
  ])("A = %d E, AHT %d s, patience %d s, %d agents, %d s", (load, aht, patience, agents, threshold) => {
    const m = erlangAMeasures({ load, ahtSeconds: aht, patienceSeconds: patience }, agents, threshold);
    const ref = bruteForceErlangA(load, aht, patience, agents, threshold);
    expect(m.probabilityOfWait).toBeCloseTo(ref.probabilityOfWait, 12);
    expect(m.probabilityOfAbandon).toBeCloseTo(ref.probabilityOfAbandon, 12);
    expect(m.answeredWithinThreshold).toBeCloseTo(ref.answeredWithinThreshold, 9);
    expect(m.abandonedWithinThreshold).toBeCloseTo(ref.abandonedWithinThreshold, 9);
    expect(m.asaSeconds).toBeCloseTo(ref.asaSeconds, 8);
    // Every offered call is answered or abandons, before or after the threshold.
    const total =
      m.answeredWithinThreshold + m.answeredAfterThreshold + m.abandonedWithinThreshold + m.abandonedAfterThreshold;
    expect(total).toBeCloseTo(1, 13);
    // Little's law: mean wait of everyone = mean queue / arrival rate.
    expect(m.averageWaitSeconds).toBeCloseTo((m.averageQueueLength * aht) / load, 10);
  });
});

describe("Erlang A: service level and abandoned calls", () => {
  const m = erlangAMeasures({ load: 10, ahtSeconds: 180, patienceSeconds: 120 }, 12, 20);

  it("defaults to answered within the threshold over offered calls (the pack's rt.service_level)", () => {
    expect(m.serviceLevelDefinition).toBe("offered");
    expect(m.serviceLevel).toBe(m.answeredWithinThreshold);
  });

  it("computes each definition from the same shares", () => {
    const { answeredWithinThreshold: answered, abandonedWithinThreshold: short, probabilityOfAbandon: abandoned } = m;
    expect(m.serviceLevels["exclude-short-abandons"]).toBeCloseTo(answered / (1 - short), 15);
    expect(m.serviceLevels.answered).toBeCloseTo(answered / (1 - abandoned), 15);
    expect(m.serviceLevels["short-abandons-met"]).toBeCloseTo(answered + short, 15);
    // Counting abandoned calls against service level gives the lowest figure.
    for (const definition of SERVICE_LEVEL_DEFINITIONS)
      expect(m.serviceLevels[definition]).toBeGreaterThanOrEqual(m.serviceLevel);
  });

  it("an option picks another definition", () => {
    const answered = erlangAMeasures({ load: 10, ahtSeconds: 180, patienceSeconds: 120 }, 12, 20, {
      serviceLevelDefinition: "answered",
    });
    expect(answered.serviceLevel).toBe(m.serviceLevels.answered);
  });

  it("a threshold far beyond patience leaves no one answered late", () => {
    const late = erlangAMeasures({ load: 10, ahtSeconds: 180, patienceSeconds: 60 }, 11, 1e6);
    expect(late.answeredAfterThreshold).toBe(0);
    expect(late.abandonedAfterThreshold).toBe(0);
    expect(late.serviceLevel).toBeCloseTo(1 - late.probabilityOfAbandon, 14);
  });

  it("no calls: nothing waits", () => {
    expect(erlangAMeasures({ load: 0, ahtSeconds: 180, patienceSeconds: 60 }, 3, 20)).toMatchObject({
      probabilityOfWait: 0,
      probabilityOfAbandon: 0,
      serviceLevel: 1,
      occupancy: 0,
    });
  });

  it("needs the callers' patience", () => {
    expect(() => erlangAMeasures({ load: 10, ahtSeconds: 180 }, 12, 20)).toThrow(/patience/);
    expect(() => erlangAMeasures({ load: 10, ahtSeconds: 180, patienceSeconds: 0 }, 12, 20)).toThrow(/patienceSeconds/);
  });
});

describe("Erlang A: large systems", () => {
  it.each([
    [1000, 300, 60],
    [5000, 300, 60],
    [5000, 600, 600],
  ])(
    "%d Erlangs (AHT %d s, patience %d s): finite, abandonment falls and service level rises with agents",
    (load, aht, patience) => {
      const queue = { load, ahtSeconds: aht, patienceSeconds: patience };
      let previous = erlangAMeasures(queue, load - 300, 20);
      for (let agents = load - 290; agents <= load + 300; agents += 10) {
        const m = erlangAMeasures(queue, agents, 20);
        for (const value of Object.values(m)) if (typeof value === "number") expect(Number.isFinite(value)).toBe(true);
        expect(m.probabilityOfAbandon).toBeLessThanOrEqual(previous.probabilityOfAbandon);
        expect(m.serviceLevel).toBeGreaterThanOrEqual(previous.serviceLevel - 1e-9);
        expect(m.probabilityOfWait).toBeLessThanOrEqual(previous.probabilityOfWait);
        previous = m;
      }
      // Overloaded by 300 agents' worth, the excess load abandons: about 300 / load of the calls.
      const overloaded = erlangAMeasures(queue, load - 300, 20);
      expect(overloaded.probabilityOfAbandon).toBeGreaterThan((0.9 * 300) / load);
    },
  );
});

describe("Erlang A: properties", () => {
  it("tends to Erlang C as patience grows without bound", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 1000, noNaN: true }),
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 120, noNaN: true }),
        (load, spare, threshold) => {
          // At least one spare agent keeps ASA under one AHT; the gap to Erlang C, of order
          // N × ASA² / (patience × AHT), then stays below 1e-4.
          const agents = Math.ceil(load) + spare;
          const c = erlangCMeasures({ load, ahtSeconds: 200 }, agents, threshold);
          const a = erlangAMeasures({ load, ahtSeconds: 200, patienceSeconds: 2e10 }, agents, threshold);
          expect(a.probabilityOfWait).toBeCloseTo(c.probabilityOfWait, 5);
          expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 5);
          expect(Math.abs(a.asaSeconds - c.asaSeconds)).toBeLessThan(1e-4 * Math.max(1, c.asaSeconds));
          expect(a.probabilityOfAbandon).toBeLessThan(1e-6);
        },
      ),
    );
  });

  it("near the critical load the gap to Erlang C closes in proportion to 1/patience", () => {
    // 55.66 Erlangs on 56 agents: ASA about 559 s, so even very patient callers matter.
    const queue = { load: 55.66, ahtSeconds: 200 };
    const c = erlangCMeasures(queue, 56, 0);
    const gap = (patienceSeconds: number) =>
      (c.asaSeconds - erlangAMeasures({ ...queue, patienceSeconds }, 56, 0).asaSeconds) / c.asaSeconds;
    expect(gap(2e9)).toBeGreaterThan(0);
    expect(gap(2e9) / gap(2e11)).toBeCloseTo(100, 1);
    expect(gap(2e11)).toBeLessThan(2e-6);
  });

  it("refuses patience so long that the series would not end in reasonable time", () => {
    expect(() => erlangAMeasures({ load: 6, ahtSeconds: 200, patienceSeconds: 1e20 }, 7, 0)).toThrow(/use Erlang C/);
  });

  it("abandonment and P(wait) fall, and service level rises, with agents; service level rises with the threshold", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 800, noNaN: true }),
        fc.double({ min: 0.3, max: 1.5, noNaN: true }),
        fc.double({ min: 5, max: 1200, noNaN: true }),
        fc.double({ min: 0, max: 120, noNaN: true }),
        (load, staffing, patience, threshold) => {
          // Comparisons allow 1e-9: in deep overload shares carry rounding noise of about 1e-16 × load × patience / AHT.
          const queue = { load, ahtSeconds: 240, patienceSeconds: patience };
          const agents = Math.max(1, Math.round(load * staffing));
          const m = erlangAMeasures(queue, agents, threshold);
          const more = erlangAMeasures(queue, agents + 1, threshold);
          const later = erlangAMeasures(queue, agents, threshold + 10);
          expect(more.probabilityOfAbandon).toBeLessThanOrEqual(m.probabilityOfAbandon);
          expect(more.probabilityOfWait).toBeLessThanOrEqual(m.probabilityOfWait);
          expect(more.serviceLevel).toBeGreaterThanOrEqual(m.serviceLevel - 1e-9);
          expect(later.serviceLevel).toBeGreaterThanOrEqual(m.serviceLevel - 1e-9);
          expect(more.occupancy).toBeLessThanOrEqual(m.occupancy + 1e-9);
          for (const value of [m.serviceLevel, m.probabilityOfAbandon, m.probabilityOfWait, m.occupancy]) {
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });
});
