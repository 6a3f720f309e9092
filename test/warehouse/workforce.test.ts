import { describe, expect, it } from "vitest";
import { metricFixture, pick } from "./fixtures.ts";

const fixture = metricFixture();

const interval = (startsAt: string, over: Record<string, unknown>) => ({
  program_id: "care",
  queue_id: "care-voice",
  kind: "real-time",
  time_zone: "America/New_York",
  starts_at: startsAt,
  interval_minutes: 30,
  ...over,
});

/** Four half-hours on 15 January and one at 23:30 on 31 January in New York (1 February in UTC). */
const plan = [
  interval("2026-01-15T09:00:00", {
    capacity_plan_staff: 10,
    planned_staff: 10,
    required_staff: 11,
    scheduled_staff: 10,
    actual_staff: 9,
  }),
  interval("2026-01-15T09:30:00", {
    capacity_plan_staff: 10,
    planned_staff: 12,
    required_staff: 12,
    scheduled_staff: 13,
    actual_staff: 14,
  }),
  interval("2026-01-15T10:00:00", {
    capacity_plan_staff: 8,
    planned_staff: 8,
    required_staff: 6,
    scheduled_staff: 8,
    actual_staff: 8,
  }),
  // Closed: nothing planned, scheduled or present, no capacity forecast.
  interval("2026-01-15T10:30:00", { planned_staff: 0, required_staff: 0, scheduled_staff: 0, actual_staff: 0 }),
  interval("2026-01-31T23:30:00", {
    capacity_plan_staff: 20,
    planned_staff: 20,
    required_staff: 15,
    scheduled_staff: 20,
    actual_staff: 19,
  }),
  // A deferred queue's interval: counts for deferred attainment only.
  interval("2026-01-15T09:00:00", {
    queue_id: "care-mail",
    kind: "deferred",
    planned_staff: 4,
    scheduled_staff: 4,
    actual_staff: 3,
  }),
];

describe("forecast accuracy", () => {
  it("staffing: the mean daily gap between capacity-plan and required staff hours, over the forecast", async () => {
    await fixture.load("workforce_intervals", plan);
    const [accuracy] = await fixture.metric("ksp.forecasting.staffing_forecast_accuracy");
    // 15 Jan: capacity 14 staff hours, required 14.5: 3.571%; 31 Jan: 10 against 7.5: 25%.
    expect(accuracy!.period).toBe("2026-01");
    expect(accuracy!.components.staffing_forecast_periods).toBe(2);
    expect(accuracy!.components.staffing_forecast_abs_pct_variance_sum).toBeCloseTo((100 * 0.5) / 14 + 25, 10);
    expect(accuracy!.value).toBeCloseTo(((100 * 0.5) / 14 + 25) / 2, 10);
  });

  it("scheduling: intervals whose required staff fell within the tolerance of the forecast requirement", async () => {
    await fixture.load("workforce_intervals", plan);
    // Required/planned: 11/10 (on the +10% bound), 12/12, 6/8, 15/20, and the deferred queue has no requirement.
    const [tenPercent] = await fixture.metric("ksp.forecasting.scheduling_forecast_accuracy");
    expect(tenPercent!.components).toEqual({ intervals_within_forecast_tolerance: 2, intervals_forecast: 4 });
    const [wider] = await fixture.metric(
      "ksp.forecasting.scheduling_forecast_accuracy",
      {},
      {
        forecastTolerance: { under: 0.3, over: 0.1 },
      },
    );
    expect(wider!.value).toBe(100);
  });
});

describe("schedule attainment against the staffing plan (shared queues)", () => {
  it("weights each interval's gap by the planned FTE, the glossary's second method", async () => {
    await fixture.load("workforce_intervals", plan);
    const [attainment] = await fixture.metric("rt.schedule_attainment");
    // Planned 10+12+8+20 = 50; |present − planned| 1+2+0+1 = 4.
    expect(attainment!.components).toEqual({ required_fte: 50, fte_deviation: 4 });
    expect(attainment!.value).toBeCloseTo(92, 10);
    const [deferred] = await fixture.metric("def.schedule_attainment");
    expect(deferred!.value).toBeCloseTo(75, 10);
  });

  it("counts intervals staffed within the band, bounds included", async () => {
    await fixture.load("workforce_intervals", plan);
    // 9/10 and 14/12 are outside 95%–115%; 8/8 and 19/20 are inside.
    const [share] = await fixture.metric("rt.schedule_attainment_intervals");
    expect(share!.components).toEqual({ staffing_intervals_within_band: 2, staffing_intervals: 4 });
    const [wide] = await fixture.metric(
      "rt.schedule_attainment_intervals",
      {},
      { staffingBand: { low: 0.9, high: 1.2 } },
    );
    expect(wide!.value).toBe(100);
  });
});

describe("real-time management", () => {
  it("schedule attainment and conformance compare staff present with the schedule", async () => {
    await fixture.load("workforce_intervals", plan);
    const [attainment] = await fixture.metric("ksp.scheduling_real_time.schedule_attainment", { scope: "entity" });
    // Scheduled 10+13+8+20+4 = 55; deviations 1+1+0+1+1 = 4.
    expect(attainment!.components).toEqual({ scheduled_fte: 55, scheduled_fte_deviation: 4 });
    const [intervals] = await fixture.metric("ksp.scheduling_real_time.schedule_attainment_intervals", {
      scope: "entity",
    });
    // Within 95%–115%: 14/13, 8/8, 19/20; outside: 9/10, 3/4.
    expect(intervals!.components).toEqual({ schedule_intervals_within_band: 3, schedule_intervals: 5 });
    const [conformance] = await fixture.metric("ksp.scheduling_real_time.schedule_conformance", { scope: "entity" });
    // Half-hours: present 9+14+8+0+19+3 = 53 → 26.5 h; scheduled 10+13+8+0+20+4 = 55 → 27.5 h.
    expect(conformance!.components).toEqual({ available_hours_worked: 26.5, scheduled_hours: 27.5 });
  });

  it("schedule adherence is time on the scheduled activity over scheduled time, from agent time", async () => {
    const day = (agent: string, scheduled: number, adherent?: number) => ({
      agent_id: agent,
      program_id: "care",
      kind: "real-time",
      time_zone: "UTC",
      starts_at: "2026-01-15T08:00:00Z",
      paid_onsite_seconds: scheduled,
      productive_seconds: scheduled / 2,
      available_seconds: scheduled / 4,
      scheduled_seconds: scheduled,
      adherent_seconds: adherent,
    });
    await fixture.load("agent_time", [day("a", 28800, 25920), day("b", 14400, 14400), day("c", 28800)]);
    const [adherence] = await fixture.metric("ksp.scheduling_real_time.schedule_adherence");
    expect(adherence!.components).toEqual({ minutes_in_adherence: 672, scheduled_activity_minutes: 720 });
    expect(pick([adherence!], "2026-01", "care")!.value).toBeCloseTo((100 * 672) / 720, 10);
  });
});
