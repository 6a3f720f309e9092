import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../../src/app/audit.ts";
import { InvalidInputError, NotFoundError } from "../../src/app/errors.ts";
import {
  createCapacityPlan,
  createSchedule,
  deleteWfmPlan,
  getWfmPlan,
  listWfmPlans,
  publishWfmPlan,
} from "../../src/app/wfm-plans.ts";
import { generateDemo } from "../../src/warehouse/demo/generate.ts";
import { shrinkageForecast } from "../../src/warehouse/shrinkage.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";
import { appDbPerTest, ENGINES } from "../support/app-db.ts";

const dir = mkdtempSync(join(tmpdir(), "cxpm-app-wfm-plans-"));
const base = join(dir, "base.duckdb");
const QUEUE = "tailspin-care-lisbon-voice";
/** A week inside the demo's history: its workforce intervals hold the staff actually required and present. */
const WEEK = "2026-03-16";
/** The demo keeps workforce intervals by the hour, starting 07:00 to 22:00 local: 16 a day. */
const DEMO_HOURS_PER_DAY = 16;

/** Half-hour values averaged to the hour, as publishing writes them onto the demo's hourly grid. */
const hourly = (halfHours: readonly number[]) =>
  Array.from(
    { length: halfHours.length / 2 },
    (_, h) => Math.round(((halfHours[2 * h]! + halfHours[2 * h + 1]!) / 2) * 100) / 100,
  );

beforeAll(async () => {
  const warehouse = await Warehouse.open(base);
  try {
    await generateDemo(warehouse, { seed: 3, contacts: 4_000, months: 2, end: "2026-03" });
  } finally {
    warehouse.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The fields at fault in an error the services raise. */
const refusal = async (work: Promise<unknown>, type: abstract new (...args: never[]) => Error = InvalidInputError) => {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return (error as InvalidInputError).details.map((d) => d.field);
};

/** The week's workforce intervals of the queue, and the schedule-attainment components of its days. */
async function weekInWarehouse(warehouse: Warehouse) {
  const rows = await warehouse.all<{
    starts_at: string;
    planned_staff: number | null;
    scheduled_staff: number | null;
    actual_staff: number | null;
    forecast_contacts: number | null;
  }>(
    `SELECT starts_at, planned_staff, scheduled_staff, actual_staff, forecast_contacts FROM workforce_intervals
     WHERE queue_id = ? AND starts_at >= TIMESTAMPTZ '2026-03-15 00:00:00+00' AND starts_at < TIMESTAMPTZ '2026-03-24 00:00:00+00'
     ORDER BY starts_at`,
    [QUEUE],
  );
  const [components] = await warehouse.all<{ scheduled: number | null; within: number | null }>(
    `SELECT sum(value) FILTER (WHERE component = 'scheduled_fte') AS scheduled,
       sum(value) FILTER (WHERE component = 'intervals_forecast') AS within
     FROM metric_components WHERE queue_id = ? AND day BETWEEN DATE '${WEEK}' AND DATE '2026-03-22'`,
    [QUEUE],
  );
  return { rows, components: components! };
}

describe.each(ENGINES)("capacity plans and schedules on %s", (engine) => {
  const app = appDbPerTest(engine);
  let warehouse: Warehouse;
  beforeAll(async () => {
    // Each engine publishes into its own copy of the demo warehouse.
    const path = join(dir, `${engine}.duckdb`);
    copyFileSync(base, path);
    warehouse = await Warehouse.open(path);
  });
  afterAll(() => warehouse.close());

  it("makes a week's schedule from the forecast, stores it, and publishing it feeds the workforce metrics", async () => {
    const { db } = app();
    const before = await weekInWarehouse(warehouse);
    expect(before.rows.length).toBe(9 * DEMO_HOURS_PER_DAY);

    const plan = await createSchedule(db, warehouse, { queue: QUEUE, week: WEEK, timeLimitSeconds: 2 }, "ana");
    expect(plan).toMatchObject({ kind: "schedule", queue: QUEUE, firstDay: WEEK, days: 7, status: "draft" });
    expect(plan.name).toBe(`${QUEUE}, week of ${WEEK}`);
    expect(plan.inputs).toMatchObject({ serviceLevel: 0.8, shrinkage: 0.15, timeLimitSeconds: 2 });
    const { result } = plan;
    expect(result.forecast.historyTo).toBe("2026-03-15");
    expect(result.intervals).toHaveLength(336);
    expect(result.intervals[20]!.start).toBe("2026-03-16T10:00");
    for (const i of result.intervals) expect(i.required).toBeGreaterThanOrEqual(i.agents);
    expect(result.roster).toHaveLength(result.totals.agents);
    expect(plan.summary.lpGap).toBeLessThan(0.1);
    expect(plan.summary.lpBound).toBeLessThanOrEqual(plan.summary.objective);
    expect(await listWfmPlans(db, "schedule")).toEqual([expect.objectContaining({ id: plan.id, status: "draft" })]);
    expect(await listWfmPlans(db, "capacity")).toEqual([]);
    expect(await getWfmPlan(db, "schedule", plan.id)).toEqual(plan);

    const published = await publishWfmPlan(db, warehouse, "schedule", plan.id, "ben");
    // The 336 half-hours go onto the warehouse's hourly grid: 168 hours, of which the demo held 16 a day.
    expect(published).toMatchObject({
      rows: 168,
      inserted: 168 - 7 * DEMO_HOURS_PER_DAY,
      updated: 7 * DEMO_HOURS_PER_DAY,
    });
    expect(published.daysRecomputed).toBeGreaterThanOrEqual(7);
    expect(published.plan).toMatchObject({ status: "published", publishedBy: "ben" });

    const after = await weekInWarehouse(warehouse);
    expect(after.rows).toHaveLength(before.rows.length + published.inserted);
    const measured = new Map(before.rows.map((r) => [r.starts_at, r.actual_staff]));
    const agents = hourly(result.intervals.map((i) => i.agents));
    const scheduled = hourly(result.intervals.map((i) => i.scheduled));
    let written = 0;
    for (const row of after.rows) {
      // What was measured stays; what was planned is the schedule's (Lisbon is UTC in March).
      expect(row.actual_staff).toBe(measured.get(row.starts_at) ?? null);
      const hour = (Date.parse(row.starts_at) - Date.parse(`${WEEK}T00:00:00Z`)) / 3_600_000;
      if (hour < 0 || hour >= 168) continue;
      written++;
      expect(row.planned_staff).toBeCloseTo(agents[hour]!, 9);
      expect(row.scheduled_staff).toBeCloseTo(scheduled[hour]!, 9);
      const contacts = result.intervals[2 * hour]!.contacts + result.intervals[2 * hour + 1]!.contacts;
      expect(row.forecast_contacts).toBeCloseTo(contacts, 6);
    }
    expect(written).toBe(168);
    // Schedule attainment's scheduled FTE is now the schedule's, over the intervals staff were measured in.
    const expected = after.rows
      .filter(
        (r) =>
          r.starts_at >= WEEK && r.starts_at < "2026-03-23" && (r.scheduled_staff ?? 0) > 0 && r.actual_staff !== null,
      )
      .reduce((s, r) => s + (r.scheduled_staff as number), 0);
    expect(after.components.scheduled).toBeCloseTo(expected, 6);
    expect(after.components.scheduled).not.toBeCloseTo(before.components.scheduled ?? 0, 0);

    const audit = await listAudit(db, { subjectKind: "schedule", subjectId: String(plan.id) });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ["publish", "ben"],
      ["create", "ana"],
    ]);

    // A second schedule of the same week published takes the first one's place.
    const again = await createSchedule(
      db,
      warehouse,
      { queue: QUEUE, week: WEEK, timeLimitSeconds: 1, name: "B" },
      "ana",
    );
    await publishWfmPlan(db, warehouse, "schedule", again.id, "ben");
    expect((await listWfmPlans(db, "schedule")).map((p) => [p.name, p.status])).toEqual([
      ["B", "published"],
      [plan.name, "draft"],
    ]);
  }, 120_000);

  it("makes a capacity plan, publishes its interval staff as new workforce intervals, and deletes it", async () => {
    const { db } = app();
    const plan = await createCapacityPlan(db, warehouse, { queue: QUEUE, weeks: 3, lagWeeks: 1 }, "ana");
    expect(plan).toMatchObject({ kind: "capacity", firstDay: "2026-04-06", days: 21, status: "draft" });
    expect(plan.result.weeks.map((w) => w.week)).toEqual(["2026-04-06", "2026-04-13", "2026-04-20"]);
    expect(plan.result.settings.headcountFrom).toMatch(/^trained CSSs of /);
    expect(plan.result.intervalStaff).toHaveLength(3 * 336);
    expect(plan.summary).toMatchObject({ weeks: 3, headcount: plan.result.settings.headcount });

    const published = await publishWfmPlan(db, warehouse, "capacity", plan.id, "ben");
    // Half-hours averaged onto the demo's hourly grid, all after its history: new rows.
    expect(published).toMatchObject({ rows: 504, inserted: 504, updated: 0 });
    const [stored] = await warehouse.all<{ n: number; staff: number; scheduled: number | null }>(
      `SELECT count(*) AS n, sum(capacity_plan_staff) AS staff, max(scheduled_staff) AS scheduled
       FROM workforce_intervals WHERE queue_id = ? AND starts_at >= TIMESTAMPTZ '2026-04-05 12:00:00+00'`,
      [QUEUE],
    );
    expect(stored!.n).toBe(504);
    expect(stored!.staff).toBeCloseTo(
      hourly(plan.result.intervalStaff).reduce((s, x) => s + x, 0),
      6,
    );
    expect(stored!.scheduled).toBeNull();

    await deleteWfmPlan(db, "capacity", plan.id, "ana");
    expect(await refusal(getWfmPlan(db, "capacity", plan.id), NotFoundError)).toEqual(["id"]);
    expect(await refusal(deleteWfmPlan(db, "capacity", plan.id, "ana"), NotFoundError)).toEqual(["id"]);
    expect((await listAudit(db, { subjectKind: "capacity-plan" })).map((a) => a.action)).toEqual([
      "delete",
      "publish",
      "create",
    ]);
  }, 60_000);

  it('plans with the queue\'s shrinkage forecast when given "forecast"', async () => {
    const { db } = app();
    const given = await createCapacityPlan(db, warehouse, { queue: QUEUE, weeks: 2, headcount: 3 }, "ana");
    const planned = await createCapacityPlan(
      db,
      warehouse,
      { queue: QUEUE, weeks: 2, headcount: 3, shrinkage: "forecast" },
      "ana",
    );
    const { forecast } = await shrinkageForecast(warehouse, { queue: QUEUE, to: planned.result.forecast.historyTo });
    expect(given.result.shrinkage).toEqual({ from: "given", weekly: 0.3, byWeekday: new Array(7).fill(0.3) });
    expect(planned.inputs.shrinkage).toBe("forecast");
    expect(planned.result.shrinkage).toEqual({
      from: `forecast by ${forecast.method} from history to ${forecast.historyTo}`,
      weekly: forecast.weekly,
      byWeekday: forecast.byWeekday,
    });
    // Required FTE (rounded to hundredths) scale with 1 / (1 − shrinkage).
    for (const [k, w] of planned.result.weeks.entries()) {
      const expected = (given.result.weeks[k]!.requiredFte * 0.7) / (1 - forecast.weekly);
      expect(Math.abs(w.requiredFte - expected)).toBeLessThan(0.02);
    }

    // A week inside the history: the shrinkage is forecast from the days before it, each day its weekday's.
    const week = await createSchedule(
      db,
      warehouse,
      { queue: QUEUE, week: WEEK, timeLimitSeconds: 2, shrinkage: "forecast" },
      "ana",
    );
    expect(week.result.shrinkage?.from).toMatch(/ from history to 2026-03-15$/);
    const before = await shrinkageForecast(warehouse, { queue: QUEUE, to: "2026-03-15" });
    expect(week.result.shrinkage?.byWeekday).toEqual(before.forecast.byWeekday);
    for (const i of week.result.intervals) expect(i.required).toBeGreaterThanOrEqual(i.agents);
  }, 60_000);

  it("refuses what it cannot plan, naming the field, and stores nothing", async () => {
    const { db } = app();
    expect(await refusal(createSchedule(db, warehouse, { queue: "nowhere" }, "a"))).toEqual(["queue"]);
    expect(await refusal(createSchedule(db, warehouse, { queue: QUEUE, week: "2026-02-30" }, "a"))).toEqual(["week"]);
    expect(
      await refusal(
        createSchedule(
          db,
          warehouse,
          { queue: QUEUE, patterns: [{ name: "x", lengthMinutes: 480, starts: ["8:00"] }] },
          "a",
        ),
      ),
    ).toEqual(["patterns[0].starts"]);
    // The demo's app contacts carry no handle time: no workload to staff.
    expect(await refusal(createSchedule(db, warehouse, { queue: "contoso-support-manila-app" }, "a"))).toEqual([
      "queue",
    ]);
    expect(await refusal(createCapacityPlan(db, warehouse, { queue: QUEUE, shrinkage: 1 }, "a"))).toEqual([
      "shrinkage",
    ]);
    expect(await refusal(createSchedule(db, warehouse, { queue: QUEUE, shrinkage: "often" }, "a"))).toEqual([
      "shrinkage",
    ]);
    expect(await refusal(createCapacityPlan(db, warehouse, { queue: QUEUE, weeks: 2, extra: 1 }, "a"))).toEqual([
      "extra",
    ]);
    expect(await refusal(publishWfmPlan(db, warehouse, "schedule", 999, "a"), NotFoundError)).toEqual(["id"]);
    expect(await listWfmPlans(db, "schedule")).toEqual([]);
  });
});
