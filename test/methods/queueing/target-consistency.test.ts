import { describe, expect, it } from "vitest";
import { erlangAMeasures } from "../../../src/methods/queueing/erlang-a.ts";
import { targetConsistency } from "../../../src/methods/queueing/target-consistency.ts";

// The classic queue (10 Erlangs, AHT 180 s) with callers patient for 2 minutes on average. 80/20 takes 12
// agents, at which Erlang A predicts 6.2% abandonment.
const queue = { load: 10, ahtSeconds: 180, patienceSeconds: 120 };
const serviceLevel = { target: 0.8, thresholdSeconds: 20 };

describe("Item 4.3.8: are the service-level and abandonment targets consistent?", () => {
  it("reports the abandonment the service-level target implies", () => {
    const result = targetConsistency({ queue, serviceLevel, abandonmentTarget: 0.06 });
    expect(result.agents).toBe(12);
    expect(result.impliedAbandonment).toBeCloseTo(erlangAMeasures(queue, 12, 20).probabilityOfAbandon, 15);
    expect(result.impliedAbandonment).toBeCloseTo(0.0616, 4);
    expect(result.serviceLevel).toBeGreaterThanOrEqual(0.8);
  });

  it.each([
    [0.06, "consistent"],
    [0.07, "consistent"],
    [0.05, "abandonment-target-tighter"],
    [0.02, "abandonment-target-tighter"],
    [0.1, "abandonment-target-looser"],
  ])("an abandonment target of %d is %s (tolerance one point)", (abandonmentTarget, verdict) => {
    const result = targetConsistency({ queue, serviceLevel, abandonmentTarget });
    expect(result.verdict).toBe(verdict);
    expect(result.consistent).toBe(verdict === "consistent");
  });

  it("a tighter target needs more agents than the service level does", () => {
    const result = targetConsistency({ queue, serviceLevel, abandonmentTarget: 0.02 });
    expect(result.agentsForAbandonmentTarget).toBeGreaterThan(result.agents);
  });

  it("the tolerance is a setting", () => {
    expect(targetConsistency({ queue, serviceLevel, abandonmentTarget: 0.05, tolerance: 0.02 }).verdict).toBe(
      "consistent",
    );
    expect(targetConsistency({ queue, serviceLevel, abandonmentTarget: 0.07, tolerance: 0 }).verdict).toBe(
      "abandonment-target-looser",
    );
    expect(() => targetConsistency({ queue, serviceLevel, abandonmentTarget: 0.05, tolerance: -1 })).toThrow(
      /tolerance/,
    );
  });

  it("at 1,000 Erlangs 80/20 can be met below the offered load, with over 10% abandoning", () => {
    // Impatient callers shorten the queue: those who stay are answered quickly, those who leave are not
    // counted late until they leave. A 5% abandonment target then says more than the 80/20 target does.
    const large = targetConsistency({
      queue: { load: 1000, ahtSeconds: 180, patienceSeconds: 120 },
      serviceLevel,
      abandonmentTarget: 0.05,
    });
    expect(large.agents).toBeLessThan(1000);
    expect(large.impliedAbandonment).toBeGreaterThan(0.1);
    expect(large.verdict).toBe("abandonment-target-tighter");
    expect(large.agentsForAbandonmentTarget).toBeGreaterThan(large.agents);
  });
});
