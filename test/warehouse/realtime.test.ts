import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dampedFactor } from "../../src/methods/realtime/index.ts";
import { generateDemo } from "../../src/warehouse/demo/generate.ts";
import { importFiles } from "../../src/warehouse/import/load.ts";
import { identityMapping } from "../../src/warehouse/import/mapping.ts";
import { type RealtimeReport, realtimeReport } from "../../src/warehouse/realtime.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";

const QUEUE = "tailspin-care-lisbon-voice";
const dir = mkdtempSync(join(tmpdir(), "cxpm-realtime-"));
let warehouse: Warehouse;
let report: RealtimeReport;

const load = async (dataset: string, rows: readonly Record<string, unknown>[]) => {
  const file = join(dir, `${dataset}.json`);
  writeFileSync(file, JSON.stringify(rows));
  await importFiles(warehouse, { mapping: identityMapping(dataset), files: [file] });
};

beforeAll(async () => {
  warehouse = await Warehouse.open(":memory:");
  await generateDemo(warehouse, { seed: 3, contacts: 4_000, months: 2, end: "2026-03" });
  // One CSS worked by hand on the demo's last day (Lisbon is UTC+1 from 29 March): scheduled to work 09:00–13:00,
  // logged in at 09:10 and worked through.
  const row = { source: "test", agent_id: "rt-css", program_id: "tailspin-care-lisbon", time_zone: "Europe/Lisbon" };
  await load("agent_schedules", [
    { ...row, queue_id: QUEUE, activity: "work", starts_at: "2026-03-31T08:00:00Z", ends_at: "2026-03-31T12:00:00Z" },
  ]);
  await load("agent_states", [
    { ...row, state: "available", starts_at: "2026-03-31T08:10:00Z", ends_at: "2026-03-31T09:00:00Z" },
    { ...row, state: "talk", starts_at: "2026-03-31T09:00:00Z", ends_at: "2026-03-31T12:00:00Z" },
  ]);
  report = await realtimeReport(warehouse, { queue: QUEUE, at: "14:00" });
}, 60_000);
afterAll(() => {
  warehouse.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the real-time report of a queue's day", () => {
  it("takes the queue's last day and cuts it in its zone's intervals, now at the time given", () => {
    expect(report).toMatchObject({ day: "2026-03-31", at: "14:00", now: "2026-03-31T13:00:00.000Z" });
    expect(report.timeZone).toBe("Europe/Lisbon");
    expect(report.intervals).toHaveLength(48);
    expect(report.intervals[28]).toMatchObject({ time: "14:00", startsAt: "2026-03-31T13:00:00.000Z", phase: "ahead" });
    expect(report.intervals.filter((i) => i.phase === "elapsed")).toHaveLength(28);
    expect(report.intervals.filter((i) => i.phase === "current")).toHaveLength(0);
  });

  it("keeps the actuals so far and re-scales the rest of the day by the damped, capped factor", () => {
    const { reforecast, intervals } = report;
    const elapsed = intervals.slice(0, 28);
    const ahead = intervals.slice(28);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    for (const i of elapsed) expect(i.reforecast).toBe(i.actual);
    for (const i of ahead) {
      expect(i.actual).toBeNull();
      expect(i.present).toBeNull();
      expect(i.reforecast).toBeCloseTo(i.forecast * reforecast.volumeFactor, 9);
    }
    expect(reforecast.ratio).toBeCloseTo(sum(elapsed.map((i) => i.actual!)) / sum(elapsed.map((i) => i.forecast)), 9);
    expect(reforecast.arrived).toBeCloseTo(sum(elapsed.map((i) => i.forecast)) / reforecast.dayForecast, 9);
    expect(reforecast.volumeFactor).toBeCloseTo(dampedFactor(reforecast.ratio, reforecast.arrived), 12);
    expect(reforecast.dayReforecast).toBeCloseTo(sum(intervals.map((i) => i.reforecast)), 9);
  });

  it("scores the CSS by both glossary methods and raises their ten minutes late as an alert", () => {
    const css = report.agents.find((a) => a.agentId === "rt-css")!;
    // 240 minutes scheduled, 230 of them working: overlap 230 / 240; deviation (230 − 10 late) / 240.
    expect(css.scheduledMinutes).toBe(240);
    expect(css.outOfAdherenceMinutes).toBe(10);
    expect(css.overlap).toBeCloseTo(230 / 240, 12);
    expect(css.deviation).toBeCloseTo(220 / 240, 12);
    expect(css).toMatchObject({ scheduledNow: null, stateNow: "logged-off", inAdherenceNow: null });
    expect(css.intervals[18]).toEqual({ scheduled: "work", actual: "available" });
    expect(css.intervals[22]).toEqual({ scheduled: "work", actual: "talk" });
    expect(css.intervals[26]).toEqual({ scheduled: null, actual: null });
    expect(report.alerts).toContainEqual({
      kind: "out-of-adherence",
      agentId: "rt-css",
      start: Date.parse("2026-03-31T08:00:00Z") / 1000,
      end: Date.parse("2026-03-31T08:10:00Z") / 1000,
      minutes: 10,
      ongoing: false,
    });
  });

  it("counts staff present from the logged work states and sets it against the forecast's requirement", () => {
    const demoCss = report.agents.filter((a) => a.agentId !== "rt-css");
    expect(demoCss.length).toBeGreaterThan(0);
    const nine = report.intervals[18]!;
    // The hand CSS was present 20 of the 30 minutes of 09:00.
    const others = report.intervals[18]!.present! - 20 / 30;
    expect(others).toBeGreaterThanOrEqual(-1e-9);
    if (nine.requiredForecast > 0) {
      expect(nine.attainment).toBeCloseTo(
        1 - Math.abs(nine.present! - nine.requiredForecast) / nine.requiredForecast,
        12,
      );
    }
    expect(report.attainment.deviation).not.toBeNull();
    expect(report.adherence.overlap).toBeGreaterThan(0.8);
    expect(report.adherence.overlap).toBeLessThanOrEqual(1);
  });

  it("refuses an unknown queue and a malformed time, saying what to give", async () => {
    await expect(realtimeReport(warehouse, { queue: "nope" })).rejects.toThrow(/no queue "nope"; queues include/);
    await expect(realtimeReport(warehouse, { queue: QUEUE, at: "9:00" })).rejects.toThrow(/HH:MM/);
    await expect(realtimeReport(warehouse, { queue: QUEUE, day: "31/03/2026" })).rejects.toThrow(/YYYY-MM-DD/);
  });
});
