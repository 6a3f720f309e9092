import { describe, expect, it } from "vitest";
import {
  breakPlacements,
  candidateShifts,
  DEFAULT_PATTERNS,
  parsePatterns,
  requirementsFromForecast,
  roster,
  type ShiftPattern,
  type ShiftPatternInput,
  schedule,
} from "../../../src/methods/scheduling/index.ts";

const patterns = (...p: ShiftPatternInput[]) => parsePatterns({ patterns: p });
const hours = (h: number) => h * 60;

describe("shift patterns", () => {
  it("places breaks in order, each in its window, without overlap", () => {
    const [p] = patterns({
      name: "x",
      lengthMinutes: hours(8),
      starts: ["09:00"],
      breaks: [
        { minutes: 30, earliest: 60, latest: 120 },
        { minutes: 30, earliest: 90, latest: 150 },
      ],
    });
    const offsets = breakPlacements(p as ShiftPattern).map((bs) => bs.map((b) => b.offsetMinutes));
    // 60 + 30 ends at 90, so the second may start at 90; 120 + 30 ends at 150.
    expect(offsets).toEqual([
      [60, 90],
      [60, 120],
      [60, 150],
      [90, 120],
      [90, 150],
      [120, 150],
    ]);
  });

  it("counts a 15-minute break as half a 30-minute interval, and merges placements that work the same intervals", () => {
    const shifts = candidateShifts(
      patterns({
        name: "x",
        lengthMinutes: 120,
        starts: ["09:00"],
        breaks: [{ minutes: 15, paid: true, earliest: 30, latest: 60, every: 15 }],
      }),
      { intervalMinutes: 30, days: 1, firstWeekday: 0, cyclic: false },
    );
    // Breaks at 9:30 and 9:45 both take half of 9:30–10:00: one candidate. At 10:00, another.
    expect(shifts.map((s) => [[...s.intervals], [...s.shares]])).toEqual([
      [
        [18, 19, 20, 21],
        [1, 0.5, 1, 1],
      ],
      [
        [18, 19, 20, 21],
        [1, 1, 0.5, 1],
      ],
    ]);
    expect(shifts.every((s) => s.paidHours === 2)).toBe(true);
  });

  it("wraps a late shift into the first day of a cyclic week", () => {
    const [shift] = candidateShifts(
      patterns({ name: "night", lengthMinutes: hours(8), starts: ["22:00"], days: ["sun"] }),
      { intervalMinutes: 60, days: 7, firstWeekday: 0, cyclic: true },
    );
    expect([...(shift?.intervals ?? [])]).toEqual([0, 1, 2, 3, 4, 5, 166, 167]);
  });

  it("refuses what cannot be scheduled, naming the field", () => {
    expect(() => patterns({ name: "x", lengthMinutes: 60, starts: ["25:00"] })).toThrow(/HH:MM/);
    expect(() =>
      patterns({
        name: "x",
        lengthMinutes: 60,
        starts: ["08:00"],
        breaks: [{ minutes: 30, earliest: 40, latest: 40 }],
      }),
    ).toThrow(/after the shift does/);
  });
});

describe("schedule: hand-checked cases", () => {
  const eightHours = (starts: string[]) => ({ name: "8h", lengthMinutes: hours(8), starts });

  it("meets a flat requirement exactly with a tiling of the day", async () => {
    const s = await schedule({
      required: new Array(24).fill(2),
      intervalMinutes: 60,
      patterns: patterns(eightHours(["00:00", "08:00", "16:00"])),
    });
    expect(s.shifts.map((x) => [x.startMinute / 60, x.agents])).toEqual([
      [0, 2],
      [8, 2],
      [16, 2],
    ]);
    expect(s.totals).toMatchObject({ shortHours: 0, overHours: 0, paidHours: 48, coveredShare: 1, shifts: 6 });
    expect(s.solver.objective).toBeCloseTo(48, 9);
    expect(s.solver.lpGap).toBeCloseTo(0, 9);
  });

  it("overstaffs where the allowed shifts must overlap", async () => {
    // One agent 08:00–18:00; shifts start at 08:00 or 10:00. Two shifts cost 16 paid + 6 over = 22 hours;
    // one shift and 2 hours short would cost 8 + 2 × 20 = 48.
    const required = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 18 ? 1 : 0));
    const s = await schedule({ required, intervalMinutes: 60, patterns: patterns(eightHours(["08:00", "10:00"])) });
    expect(s.coverage.filter((c) => c.over > 0).map((c) => c.interval)).toEqual([10, 11, 12, 13, 14, 15]);
    expect(s.totals).toMatchObject({ shortHours: 0, overHours: 6, paidHours: 16 });
    expect(s.solver.objective).toBeCloseTo(22, 9);
  });

  it("short-staffs when covering an interval would cost more than missing it", async () => {
    const required = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 18 ? 1 : 0));
    const s = await schedule({
      required,
      intervalMinutes: 60,
      patterns: patterns(eightHours(["08:00", "10:00"])),
      weights: { underPerHour: 3 },
    });
    // Now 2 hours short cost 6 < the 8 + 6 of a second shift: one shift and the hours it leaves open.
    expect(s.totals).toMatchObject({ shortHours: 2, overHours: 0, paidHours: 8 });
  });

  it("reports the integrality gap of an odd cycle: the LP takes half of every shift", async () => {
    // Three 8-hour intervals wrapping round, 16-hour shifts starting at each, one agent needed throughout.
    // LP: ½ of each shift, 3 × ½ × 16 = 24 paid hours. Integer: two shifts, 32 paid + 8 over = 40.
    const s = await schedule({
      required: [1, 1, 1],
      intervalMinutes: 480,
      cyclic: true,
      patterns: patterns({ name: "16h", lengthMinutes: hours(16), starts: ["00:00", "08:00", "16:00"] }),
    });
    expect(s.solver.lpBound).toBeCloseTo(24, 9);
    expect(s.solver.objective).toBeCloseTo(40, 9);
    expect(s.solver.lpGap).toBeCloseTo(0.4, 9);
  });

  it("plans days off over a week and rosters each agent on exactly its days", async () => {
    // Three agents needed every day, each works 5 days: 21 shifts need 5 agents (4 would give only 20), who
    // work 25 shifts, so four days carry a fourth agent.
    const s = await schedule({
      required: new Array(7).fill(3),
      intervalMinutes: 1440,
      patterns: patterns({ name: "day", lengthMinutes: 1440, starts: ["00:00"], daysPerWeek: 5 }),
    });
    expect(s.daysOff).toBe(true);
    expect(s.totals).toMatchObject({ agents: 5, shifts: 25, shortHours: 0, overHours: 4 * 24 });
    const agents = roster(s);
    expect(agents.map((a) => a.id)).toEqual(["day 1", "day 2", "day 3", "day 4", "day 5"]);
    for (const a of agents) expect(a.days.filter(Boolean)).toHaveLength(5);
    for (let d = 0; d < 7; d++) {
      const working = agents.filter((a) => a.days[d] !== null).length;
      expect(working).toBe(s.shifts.find((x) => x.day === d)?.agents);
      expect(working).toBeGreaterThanOrEqual(3);
    }
  });
});

describe("requirements from a forecast", () => {
  it("staffs each interval by Erlang C and adds shrinkage", () => {
    const r = requirementsFromForecast(
      [
        { contacts: 100, ahtSeconds: 180 },
        { contacts: 0, ahtSeconds: null },
      ],
      { intervalMinutes: 30, targets: { serviceLevel: { target: 0.8, thresholdSeconds: 20 } }, shrinkage: 0.3 },
    );
    expect(r).toEqual([20, 0]);
  });
});

/** A contact-center week: open 07:00–22:00, a morning and an afternoon peak, weekends at 45%. */
function weekOfRequirements(peak: number): number[] {
  const required: number[] = [];
  for (let day = 0; day < 7; day++) {
    for (let t = 0; t < 48; t++) {
      const hour = t / 2;
      const open = hour >= 7 && hour < 22;
      const shape = open
        ? 0.25 + 0.75 * Math.exp(-((hour - 11) ** 2) / 6) + 0.55 * Math.exp(-((hour - 16) ** 2) / 5)
        : 0.04;
      required.push(Math.round(peak * (day >= 5 ? 0.45 : 1) * Math.min(1, shape)));
    }
  }
  return required;
}

describe("schedule: a week of half-hours for a few hundred agents", () => {
  it("covers a peak of 300 within a few percent of the LP bound, and rosters it", async () => {
    const required = weekOfRequirements(300);
    const s = await schedule({
      required,
      intervalMinutes: 30,
      patterns: parsePatterns({ patterns: DEFAULT_PATTERNS }),
      // The search stops on the gap, not the clock, so the result does not depend on how busy the machine is;
      // the time limit only guards against a run that never gets there (~3 s on an idle core).
      relativeGap: 0.015,
      timeLimitSeconds: 300,
    });
    expect(s.solver.status).toBe("optimal");
    expect(Math.max(...required)).toBe(300);
    expect(s.solver.candidateShifts).toBe(10_080);
    expect(s.solver.lpGap).toBeLessThan(0.02);
    expect(s.totals.coveredShare).toBeGreaterThan(0.99);
    expect(s.totals.agents).toBeGreaterThan(400);

    const agents = roster(s);
    expect(agents).toHaveLength(s.totals.agents);
    const full = agents.filter((a) => a.pattern === "full-time");
    for (const a of full) expect(a.days.filter(Boolean)).toHaveLength(5);
    // The roster works exactly the schedule's shifts.
    const fromRoster = agents.flatMap((a) => a.days.filter((d) => d !== null)).length;
    expect(fromRoster).toBe(s.totals.shifts);
  }, 300_000);

  it("cut short by its time limit, still returns the LP rounded to a feasible week", async () => {
    const s = await schedule({
      required: weekOfRequirements(300),
      intervalMinutes: 30,
      patterns: parsePatterns({ patterns: DEFAULT_PATTERNS }),
      timeLimitSeconds: 0.001,
    });
    expect(s.solver.status).toBe("time limit");
    expect(s.totals.coveredShare).toBeGreaterThan(0.99);
    expect(s.solver.lpGap).toBeLessThan(0.1);
    // Whole agents, each working five days of the week.
    for (const p of s.patterns) expect(p.shifts).toBe(5 * p.agents);
  });
});
