import { describe, expect, it } from "vitest";
import { shrinkageForecast, shrinkageHistory, shrinkageWeeks } from "../../src/warehouse/shrinkage.ts";
import { metricFixture } from "./fixtures.ts";

const fixture = metricFixture();

const time = (agent: string, kind: string, startsAt: string, hours: Record<string, number | null>) => ({
  agent_id: agent,
  program_id: agent === "e" ? "sales" : "care",
  kind,
  time_zone: "America/New_York",
  starts_at: startsAt,
  paid_seconds: hours.paid === null ? null : (hours.paid as number) * 3600,
  paid_onsite_seconds: (hours.onsite as number) * 3600,
  productive_seconds: (hours.productive as number) * 3600,
  available_seconds: (hours.available as number) * 3600,
});

describe("shrinkage history", () => {
  it("is 1 − working / (paid + absence) per local day, with parts that add up", async () => {
    await fixture.load("agent_time", [
      // 10 h paid, 9 on site, 5 productive and 2 available: 1 h off site, 2 h off the phones.
      time("a", "real-time", "2026-01-05T09:00:00", { paid: 10, onsite: 9, productive: 5, available: 2 }),
      // 21:00 in New York is the 6th in UTC: still the 5th locally. No paid_seconds: paid on site stands in.
      time("b", "deferred", "2026-01-05T21:00:00", { paid: null, onsite: 4, productive: 3, available: 0 }),
      // Another program: left out.
      time("e", "real-time", "2026-01-05T09:00:00", { paid: 8, onsite: 8, productive: 1, available: 1 }),
      // The 12th: a row without time, on a day of planned absence. The history runs from the first to the last agent time.
      time("a", "real-time", "2026-01-12T09:00:00", { paid: 0, onsite: 0, productive: 0, available: 0 }),
    ]);
    await fixture.load("absences", [
      { person_id: "c", program_id: "care", absent_on: "2026-01-05", hours: 8, reason: "illness" },
      { person_id: "d", program_id: "care", absent_on: "2026-01-05", hours: 4, reason: "vacation" },
      { person_id: "a", program_id: "care", absent_on: "2026-01-12", hours: 2, reason: "personal", planned: true },
      // Booked beyond the agent time: not history yet.
      { person_id: "a", program_id: "care", absent_on: "2026-02-02", hours: 8, reason: "vacation", planned: true },
    ]);
    const history = await shrinkageHistory(fixture.warehouse, { program: "care" });
    expect(history.scope).toBe("program care");
    expect(history.days).toHaveLength(2);
    const [monday, next] = history.days;
    expect(monday).toMatchObject({
      day: "2026-01-05",
      paidHours: 26,
      workingHours: 10,
      plannedAbsenceHours: 4,
      unplannedAbsenceHours: 8,
      offsiteHours: 1,
      offPhoneHours: 3,
    });
    expect(monday?.shrinkage).toBeCloseTo(16 / 26, 12);
    expect(next).toMatchObject({
      day: "2026-01-12",
      paidHours: 2,
      workingHours: 0,
      plannedAbsenceHours: 2,
      shrinkage: 1,
    });

    const weeks = shrinkageWeeks(history.days);
    expect(weeks.map((w) => [w.week, w.days])).toEqual([
      ["2026-01-05", 1],
      ["2026-01-12", 1],
    ]);

    const cut = await shrinkageHistory(fixture.warehouse, { program: "care", to: "2026-01-11" });
    expect(cut.days.map((d) => d.day)).toEqual(["2026-01-05"]);
    const { forecast } = await shrinkageForecast(fixture.warehouse, { program: "care", to: "2026-01-11" });
    expect(forecast.byWeekday[0]).toBeCloseTo(16 / 26, 12);

    await expect(shrinkageHistory(fixture.warehouse, { program: "billing" })).rejects.toThrow(
      /no agent time for program billing; programs with agent time include care, sales/,
    );
  });
});
