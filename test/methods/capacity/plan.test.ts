import { describe, expect, it } from "vitest";
import { type CapacityInput, capacityPlan } from "../../../src/methods/capacity/index.ts";

/** Weeks whose single one-hour interval of one-hour contacts needs exactly `fte` FTE by workload at 100%. */
const weeksOf = (...fte: number[]) => fte.map((f) => [{ contacts: f * 40, ahtSeconds: 3600 }]);

const base: CapacityInput = {
  firstWeek: "2026-01-05",
  weeks: weeksOf(5),
  intervalMinutes: 60,
  staffing: { method: "workload", occupancy: 1 },
  shrinkage: 0,
  headcount: 5,
  attritionMonthly: 0,
  lagWeeks: 2,
};

describe("capacity plan: required FTE", () => {
  it("by workload: handle hours / occupancy / (1 − shrinkage) / hours per FTE", () => {
    // 1,200 contacts × 300 s = 100 h; at 80% occupancy 125 h; at 37.5% shrinkage 200 h; 40 h per FTE: 5.
    const plan = capacityPlan({
      ...base,
      weeks: [[{ contacts: 1200, ahtSeconds: 300 }]],
      staffing: { method: "workload", occupancy: 0.8 },
      shrinkage: 0.375,
    });
    expect(plan.weeks[0]).toMatchObject({ contacts: 1200, workloadHours: 100, requiredFte: 5 });
  });

  it("by Erlang C: the agents of each interval at the service-level target, in agent-hours", () => {
    // 100 calls per half hour at 180 s, 80% in 20 s: 14 agents; two half hours are 14 agent-hours,
    // 20 at 30% shrinkage, one FTE of 20 hours.
    const plan = capacityPlan({
      ...base,
      weeks: [
        [
          { contacts: 100, ahtSeconds: 180 },
          { contacts: 100, ahtSeconds: 180 },
        ],
      ],
      intervalMinutes: 30,
      staffing: { method: "erlang-c", targets: { serviceLevel: { target: 0.8, thresholdSeconds: 20 } } },
      shrinkage: 0.3,
      hoursPerFte: 20,
    });
    expect(plan.weeks[0]?.requiredFte).toBe(1);
    expect(plan.weeks[0]?.workloadHours).toBe(10);
  });
});

describe("capacity plan: planned FTE, gaps and hiring", () => {
  it("compounds monthly attrition into weekly leavers: twelve months of 3% leave 0.97¹² after 52 weeks", () => {
    const plan = capacityPlan({
      ...base,
      weeks: weeksOf(...new Array(52).fill(0)),
      headcount: 100,
      attritionMonthly: 0.03,
    });
    expect(plan.weeklyAttrition).toBeCloseTo(1 - 0.97 ** (12 / 52), 12);
    expect(plan.weeks[0]?.leavers).toBeCloseTo(100 * (1 - 0.97 ** (12 / 52)), 2);
    expect(plan.weeks[51]?.plannedFte).toBeCloseTo(100 * 0.97 ** 12, 2);
  });

  it("says by when to hire for a gap, and the recommended plan closes it", () => {
    const plan = capacityPlan({ ...base, weeks: weeksOf(5, 5, 8, 8, 8) });
    expect(plan.weeks.map((w) => w.gapFte)).toEqual([0, 0, 3, 3, 3]);
    expect(plan.weeks.map((w) => w.hireBy)).toEqual([null, null, "2026-01-05", "2026-01-12", "2026-01-19"]);
    expect(plan.weeks.map((w) => w.recommendedStarts)).toEqual([3, 0, 0, 0, 0]);
    expect(plan.weeks.map((w) => w.recommendedFte)).toEqual([5, 5, 8, 8, 8]);
    expect(plan).toMatchObject({ recommendedHires: 3, weeksShort: 3, weeksLate: 0 });
  });

  it("flags a gap that hiring can no longer reach", () => {
    const plan = capacityPlan({ ...base, weeks: weeksOf(5, 6, 6) });
    expect(plan.weeks[1]).toMatchObject({ gapFte: 1, hireBy: "2025-12-29", late: true, recommendedFte: 5 });
    expect(plan.weeks[2]).toMatchObject({ gapFte: 1, hireBy: "2026-01-05", late: false, recommendedFte: 6 });
    expect(plan.weeks[0]?.recommendedStarts).toBe(1);
    expect(plan).toMatchObject({ recommendedHires: 1, weeksShort: 2, weeksLate: 1 });
  });

  it("adds planned hires once trained, and they attrit only from then on", () => {
    const plan = capacityPlan({
      ...base,
      weeks: weeksOf(5, 5, 8, 8),
      plannedHires: [{ week: "2026-01-05", heads: 3 }],
    });
    expect(plan.weeks.map((w) => [w.hiresArriving, w.plannedFte, w.gapFte])).toEqual([
      [0, 5, 0],
      [0, 5, 0],
      [3, 8, 0],
      [0, 8, 0],
    ]);
    expect(() => capacityPlan({ ...base, plannedHires: [{ week: "2025-12-01", heads: 1 }] })).toThrow(/headcount/);
  });
});
