/**
 * Forecast vs actual on a small demo warehouse (real DuckDB): the default shows the history's last week
 * forecast from the weeks before it; the forecast is the one `cxpm wfm forecast` makes from the same history;
 * the actuals are the warehouse's own counts; and every error is the WAPE/MAPE formula applied to the arrays
 * the answer returns.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError, NotFoundError } from "../../src/app/errors.ts";
import { type ForecastVsActual, forecastVsActual, wfmQueues } from "../../src/app/wfm-forecast.ts";
import { addDays } from "../../src/methods/forecasting/index.ts";
import { generateDemo } from "../../src/warehouse/demo/generate.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";
import { forecastQueue } from "../../src/warehouse/wfm.ts";

const folder = mkdtempSync(join(tmpdir(), "cxpm-wfm-forecast-"));
const QUEUE = "northwind-care-chicago-voice";
let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await Warehouse.open(join(folder, "warehouse.duckdb"));
  await generateDemo(warehouse, { seed: 5, contacts: 6_000, months: 2, end: "2026-03" });
}, 60_000);
afterAll(() => {
  warehouse?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Σ|a − f| / Σ a and the mean of |a − f| / a over a > 0, written out again. */
function byHand(actual: readonly number[], forecast: readonly number[]) {
  let error = 0;
  let total = 0;
  let ape = 0;
  let n = 0;
  actual.forEach((a, i) => {
    const f = forecast[i] as number;
    error += Math.abs(a - f);
    total += a;
    if (a > 0) {
      ape += Math.abs(a - f) / a;
      n++;
    }
  });
  return { wape: total > 0 ? error / total : null, mape: n > 0 ? ape / n : null };
}

describe("WFM queues", () => {
  it("lists every queue, busiest first, with the local span of its history", async () => {
    const queues = await wfmQueues(warehouse);
    expect(queues).toHaveLength(21);
    const contacts = queues.map((q) => q.contacts);
    expect(contacts).toEqual([...contacts].sort((a, b) => b - a));
    expect(queues.find((q) => q.id === QUEUE)).toMatchObject({
      program: "northwind-care-chicago",
      kind: "real-time",
      slThresholdSeconds: 20,
      timeZone: "America/Chicago",
      lastDay: "2026-03-31",
    });
  });
});

describe("forecast vs actual", () => {
  let report: ForecastVsActual;
  beforeAll(async () => {
    report = await forecastVsActual(warehouse, { queue: QUEUE });
  }, 60_000);

  it("by default forecasts the history's last 7 days from the days before them", () => {
    expect(report).toMatchObject({ lastDay: "2026-03-31", from: "2026-03-25", to: "2026-03-31", intervalMinutes: 30 });
    expect(report.history.to).toBe("2026-03-24");
    expect(report.days.map((d) => d.day)).toEqual(Array.from({ length: 7 }, (_, i) => addDays("2026-03-25", i)));
    expect(report.slots).toHaveLength(48);
    expect(report.slots.slice(0, 3)).toEqual(["00:00", "00:30", "01:00"]);
  });

  it("chooses the method of lowest backtest WAPE, as cxpm wfm forecast does from the same history", async () => {
    // Every method is scored, or says why it could not run (a multiplicative season on this sparse demo queue).
    expect(report.backtest.scores).toHaveLength(5);
    for (const s of report.backtest.scores) expect(s.wape !== null || s.error !== undefined).toBe(true);
    const scored = report.backtest.scores.filter((s) => s.wape !== null);
    expect(scored.length).toBeGreaterThanOrEqual(4);
    const best = Math.min(...scored.map((s) => s.wape as number));
    expect(report.backtest.scores.find((s) => s.method === report.method)?.wape).toBe(best);
    expect(report.backtest.holdoutFirstDay).toBe("2026-03-18");
    const cli = await forecastQueue(warehouse, { queue: QUEUE, from: "2026-03-25", days: 7, historyTo: "2026-03-24" });
    expect(cli.method).toBe(report.method);
    for (const [i, day] of cli.days.entries()) {
      expect(report.days[i]?.forecast.contacts).toEqual(day.contacts);
      expect(report.days[i]?.forecast.ahtSeconds).toEqual(day.ahtSeconds);
    }
  });

  it("sets the warehouse's own counts beside the forecast", async () => {
    const rows = await warehouse.all<{ day: string; n: bigint }>(
      `SELECT strftime(offered_at AT TIME ZONE time_zone, '%Y-%m-%d') AS day, count(*) AS n FROM contacts
       WHERE queue_id = ? AND offered_at IS NOT NULL GROUP BY ALL`,
      [QUEUE],
    );
    const counts = new Map(rows.map((r) => [r.day, Number(r.n)]));
    for (const day of report.days) expect(day.totals.actual).toBe(counts.get(day.day) ?? 0);
    expect(report.days.reduce((s, d) => s + (d.totals.actual ?? 0), 0)).toBeGreaterThan(0);
  });

  it("reports each day's error and the overall error as the formulas applied to the returned arrays", () => {
    for (const day of report.days) {
      const actual = day.actual?.contacts ?? [];
      expect(day.error).toEqual(byHand(actual, day.forecast.contacts));
      expect(day.totals.forecast).toBeCloseTo(
        day.forecast.contacts.reduce((a, b) => a + b, 0),
        9,
      );
    }
    const all = byHand(
      report.days.flatMap((d) => d.actual?.contacts ?? []),
      report.days.flatMap((d) => d.forecast.contacts),
    );
    expect(report.error?.wape).toBeCloseTo(all.wape as number, 12);
    expect(report.error?.mape).toBeCloseTo(all.mape as number, 12);
  });

  it("forecasts beyond the history without actuals", async () => {
    const ahead = await forecastVsActual(warehouse, { queue: QUEUE, from: "2026-04-01", days: 2, intervalMinutes: 60 });
    expect(ahead.history.to).toBe("2026-03-31");
    expect(ahead.slots).toHaveLength(24);
    expect(ahead.days.map((d) => [d.day, d.actual, d.error])).toEqual([
      ["2026-04-01", null, null],
      ["2026-04-02", null, null],
    ]);
    expect(ahead.error).toBeNull();
  });

  it("refuses an unknown queue naming the known ones, and a bad or too early date naming the field", async () => {
    const unknown = forecastVsActual(warehouse, { queue: "nowhere" });
    await expect(unknown).rejects.toBeInstanceOf(NotFoundError);
    await expect(unknown).rejects.toThrow(/no queue "nowhere"; its queues are .*northwind-care-chicago-voice/);
    const bad = await forecastVsActual(warehouse, { queue: QUEUE, from: "2026-3-1" }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InvalidInputError);
    expect((bad as InvalidInputError).details[0]?.field).toBe("from");
    await expect(forecastVsActual(warehouse, { queue: QUEUE, from: "2026-02-10" })).rejects.toThrow(
      /needs 14 days of history before it; .* from must be 2026-02-16 or later/,
    );
  });
});

describe("a queue known only from its contacts", () => {
  it("is listed with the program, channel and kind of its contacts and no threshold, and can be forecast", async () => {
    // Last in the file: it takes the queue out of the queues dataset.
    await warehouse.run("DELETE FROM queues WHERE queue_id = ?", [QUEUE]);
    const queue = (await wfmQueues(warehouse)).find((q) => q.id === QUEUE);
    expect(queue).toMatchObject({
      program: "northwind-care-chicago",
      channel: "voice",
      kind: "real-time",
      slThresholdSeconds: null,
      lastDay: "2026-03-31",
    });
    expect((await forecastVsActual(warehouse, { queue: QUEUE })).days).toHaveLength(7);
  });
});
