import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoWarehouse, runCxpm, runCxpmJson } from "../support/cli.ts";

const { dir, db } = demoWarehouse();
const QUEUE = "tailspin-care-lisbon-voice";

const cxpm = (...args: string[]) => runCxpm("wfm", ...args);
const json = (...args: string[]) => runCxpmJson("wfm", ...args);

// Each command line starts a Node process: a few, each checking much. The optimiser and the plan are tested in
// test/methods/scheduling and test/methods/capacity.
describe("cxpm wfm schedule", () => {
  it("schedules a requirements file with the patterns given, with coverage as CSV", () => {
    const requirements = join(dir, "day.csv");
    const lines = ["start,required"];
    for (let h = 0; h < 24; h++) lines.push(`2026-04-06T${String(h).padStart(2, "0")}:00,${h >= 8 && h < 18 ? 1 : 0}`);
    writeFileSync(requirements, `${lines.join("\n")}\n`);
    const patterns = join(dir, "patterns.json");
    writeFileSync(
      patterns,
      JSON.stringify({ patterns: [{ name: "8h", lengthMinutes: 480, starts: ["08:00", "10:00"] }] }),
    );

    const doc = json("schedule", "--requirements", requirements, "--patterns", patterns);
    expect(doc).toMatchObject({ firstDay: "2026-04-06", intervalMinutes: 60, days: 1, daysOff: false, roster: [] });
    expect(doc.totals).toMatchObject({ shortHours: 0, overHours: 6, paidHours: 16, shifts: 2 });
    expect(doc.solver.lpGap).toBeCloseTo(0, 9);
    expect(doc.coverage[10]).toMatchObject({ start: "2026-04-06T10:00", required: 1, scheduled: 2, over: 1 });

    const csv = cxpm("schedule", "--requirements", requirements, "--patterns", patterns, "--csv");
    expect(csv.status).toBe(0);
    const rows = csv.stdout.trim().split("\n");
    expect(rows[0]).toBe("start,required,scheduled,short,over");
    expect(rows[11]).toBe("2026-04-06T10:00,1,2,0,1");
  });

  it("forecasts and staffs a demo queue's week, and rosters it with days off", () => {
    const doc = json("schedule", "--queue", QUEUE, "--db", db, "--time-limit", "2");
    expect(doc.firstDay).toBe("2026-04-06");
    expect(doc).toMatchObject({ days: 7, intervalMinutes: 30, daysOff: true });
    expect(doc.coverage).toHaveLength(336);
    expect(doc.totals.coveredShare).toBeGreaterThan(0.8);
    expect(doc.roster).toHaveLength(doc.totals.agents);
    for (const agent of doc.roster) {
      expect(agent.days.filter((d: { off?: boolean }) => !d.off)).toHaveLength(5);
    }
  });

  it("refuses a patterns file it cannot use, naming the field", () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ patterns: [{ name: "x", lengthMinutes: 480, starts: ["8:00"] }] }));
    const result = cxpm("schedule", "--queue", QUEUE, "--db", db, "--patterns", bad);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/bad\.json: patterns\.0\.starts/);
  });
});

describe("cxpm wfm capacity", () => {
  it("plans the weeks after the history from the forecast, with the hiring lag", () => {
    const doc = json("capacity", "--queue", QUEUE, "--db", db, "--weeks", "6", "--headcount", "3", "--lag-weeks", "2");
    expect(doc.weeks.map((w: { week: string }) => w.week)).toEqual([
      "2026-04-06",
      "2026-04-13",
      "2026-04-20",
      "2026-04-27",
      "2026-05-04",
      "2026-05-11",
    ]);
    expect(doc.settings).toMatchObject({ headcount: 3, lagWeeks: 2, attritionMonthly: 0.03 });
    for (const w of doc.weeks) {
      expect(w.requiredFte).toBeGreaterThan(0);
      expect(w.gapFte).toBeCloseTo(w.requiredFte - w.plannedFte, 1);
    }
    // From the lag on, the recommended hires close every gap.
    for (const w of doc.weeks.slice(2)) expect(w.recommendedFte).toBeGreaterThanOrEqual(w.requiredFte - 1e-9);
  });
});

describe("--shrinkage forecast", () => {
  it("staffs the schedule's days and the capacity plan's weeks with the queue's shrinkage forecast", () => {
    const { forecast } = json("shrinkage", "--queue", QUEUE, "--db", db);
    const week = json("schedule", "--queue", QUEUE, "--db", db, "--time-limit", "2", "--shrinkage", "forecast");
    expect(week.firstDay).toBe("2026-04-06"); // a Monday: the days take the weekdays in order
    expect(week.shrinkage).toEqual(forecast.byWeekday.map((d: { shrinkage: number }) => d.shrinkage));
    expect(week.source).toMatch(/with shrinkage forecast by /);

    const constant = json("capacity", "--queue", QUEUE, "--db", db, "--weeks", "2", "--headcount", "3");
    const forecasted = json(
      "capacity",
      ...["--queue", QUEUE, "--db", db, "--weeks", "2", "--headcount", "3", "--shrinkage", "forecast"],
    );
    expect(constant.settings).toMatchObject({ shrinkage: 0.3, shrinkageFrom: "--shrinkage" });
    expect(forecasted.settings.shrinkage).toBe(forecast.weekly);
    expect(forecasted.settings.shrinkageFrom).toBe(`forecast by ${forecast.method} from history to 2026-03-31`);
    // Required FTE (rounded to hundredths) scale with 1 / (1 − shrinkage).
    const ratio = (1 - 0.3) / (1 - forecast.weekly);
    for (const [k, w] of forecasted.weeks.entries()) {
      expect(Math.abs(w.requiredFte - constant.weeks[k].requiredFte * ratio)).toBeLessThan(0.02);
    }
  });

  it("needs a queue, and names what it takes", () => {
    const file = join(dir, "one.csv");
    writeFileSync(file, "start,required\n2026-04-06T09:00,1\n");
    const noQueue = cxpm("schedule", "--requirements", file, "--shrinkage", "forecast");
    expect(noQueue.status).toBe(2);
    expect(noQueue.stderr).toContain("--shrinkage forecast needs --queue");
    const bad = cxpm("capacity", "--queue", QUEUE, "--db", db, "--shrinkage", "often");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('e.g. 0.3, or "forecast"');
  });
});
