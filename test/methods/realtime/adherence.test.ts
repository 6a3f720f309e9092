import { describe, expect, it } from "vitest";
import { activityOf, agentAdherence, dominant } from "../../../src/methods/realtime/index.ts";

const m = (minutes: number) => minutes * 60;
const seg = (from: number, to: number, activity: string) => ({ start: m(from), end: m(to), activity });

describe("real-time adherence of one CSS", () => {
  it("counts talk, hold, after-contact work and available as work", () => {
    expect(["talk", "hold", "acw", "available", "work"].map(activityOf)).toEqual(Array(5).fill("work"));
    expect(activityOf("lunch")).toBe("lunch");
    expect(() => activityOf("napping")).toThrow(/unknown agent state "napping"/);
  });

  it("scores the glossary's break example: 10:00–10:15 taken 10:05–10:20 is 33% by deviation, 67% by overlap", () => {
    const r = agentAdherence([seg(600, 615, "break")], [seg(605, 620, "break")], m(700));
    expect(r.deviation).toBeCloseTo(1 / 3, 12);
    expect(r.overlap).toBeCloseTo(2 / 3, 12);
    expect(r.outOfAdherence).toEqual([{ start: m(600), end: m(605), activity: "out" }]);
  });

  it("follows a shift with a late return from break and an early log-off", () => {
    const schedule = [seg(540, 660, "work"), seg(660, 675, "break"), seg(675, 780, "work")];
    // Talk and acw runs are one run of work; back 10 minutes late; logged off 20 minutes early.
    const states = [
      seg(540, 600, "talk"),
      seg(600, 610, "acw"),
      seg(610, 660, "available"),
      seg(660, 685, "break"),
      seg(685, 760, "talk"),
    ];
    const r = agentAdherence(schedule, states, m(800));
    expect(r.scheduledSeconds).toBe(m(240));
    expect(r.adherentSeconds).toBe(m(210));
    expect(r.overlap).toBeCloseTo(210 / 240, 12);
    // Work 1: 100%; break: (25 − 10) / 15 = 1; work 2: (75 − 10 − 20) / 105.
    expect(r.deviation).toBeCloseTo((120 * 1 + 15 * 1 + 105 * (45 / 105)) / 240, 12);
    expect(r.outOfAdherence.map((s) => [s.start / 60, s.end / 60])).toEqual([
      [675, 685],
      [760, 780],
    ]);
  });

  it("counts only what is scheduled up to now, and a no-show as wholly out of adherence", () => {
    const r = agentAdherence([seg(540, 600, "work"), seg(600, 615, "break")], [], m(570));
    expect(r).toMatchObject({ scheduledSeconds: m(30), adherentSeconds: 0, overlap: 0, deviation: 0 });
    expect(agentAdherence([seg(540, 600, "work")], [], m(500)).overlap).toBeNull();
  });

  it("names the activity that filled most of an interval", () => {
    const states = [seg(0, 10, "talk"), seg(10, 45, "break"), seg(45, 60, "talk")];
    expect(dominant(states, 0, m(60))).toBe("break");
    expect(dominant(states, m(60), m(120))).toBeNull();
  });
});
