import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accuracy, BASELINE, backtest, forecastWith, METHODS } from "../../src/methods/forecasting/index.ts";
import { loadForecastHistory, localIntervals } from "../../src/warehouse/forecast-history.ts";
import { importFiles } from "../../src/warehouse/import/load.ts";
import { identityMapping, loadMapping } from "../../src/warehouse/import/mapping.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";

const BANK = "../shared/data/real/anonymous-bank-1999";

describe("local intervals", () => {
  it("has 48 half-hours on most days, 46 when clocks go forward and 50 when they go back", () => {
    expect(localIntervals("2026-03-28", "Europe/London", 30)).toHaveLength(48);
    const spring = localIntervals("2026-03-29", "Europe/London", 30);
    expect(spring).toHaveLength(46);
    // 00:30 GMT is followed by 02:00 BST: slots 2 and 3 (01:00, 01:30) do not exist.
    expect(spring.slice(1, 3).map((i) => [i.slot, i.start])).toEqual([
      [1, "2026-03-29T00:30:00.000+00:00"],
      [4, "2026-03-29T02:00:00.000+01:00"],
    ]);
    const autumn = localIntervals("2026-10-25", "Europe/London", 30);
    expect(autumn).toHaveLength(50);
    expect(autumn.slice(2, 6).map((i) => i.slot)).toEqual([2, 3, 2, 3]);
    expect(autumn[4]?.utc).toBe("2026-10-25T01:00:00.000Z");
    expect(localIntervals("2026-10-25", "Europe/London", 60)).toHaveLength(25);
  });
});

describe("forecast history from the warehouse", () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open(":memory:");
    const dir = mkdtempSync(join(tmpdir(), "cxpm-forecast-"));
    const rows = [
      "source,source_id,program_id,queue_id,channel,kind,time_zone,arrived_at,offered_at,answered_at,talk_seconds,acw_seconds",
      // Sunday 29 March 2026, clocks forward at 01:00 GMT: one call before, one after.
      "acd,1,care,q1,voice,real-time,Europe/London,2026-03-29T00:40:00,2026-03-29T00:40:30,2026-03-29T00:41:00,100,20",
      "acd,2,care,q1,voice,real-time,Europe/London,2026-03-29T02:10:00,2026-03-29T02:10:10,,,",
      // Hung up in the IVR: never offered, not counted.
      "acd,3,care,q1,voice,real-time,Europe/London,2026-03-29T02:20:00,,,,",
      // Sunday 25 October 2026, clocks back at 02:00 BST: 01:15 BST and 01:15 GMT share the 01:00 slot.
      "acd,4,care,q1,voice,real-time,Europe/London,2026-10-25T00:15:00Z,2026-10-25T00:15:00Z,2026-10-25T00:16:00Z,200,0",
      "acd,5,care,q1,voice,real-time,Europe/London,2026-10-25T01:15:00Z,2026-10-25T01:15:00Z,2026-10-25T01:16:00Z,400,0",
      // Saturday 31 October: a Saturday with contacts, so the Saturdays before without any are gaps.
      "acd,6,care,q1,voice,real-time,Europe/London,2026-10-31T09:00:00,2026-10-31T09:00:00,,,",
      // Another queue in another zone.
      "acd,7,care,q2,voice,real-time,Asia/Jerusalem,2026-10-31T09:00:00,2026-10-31T09:00:00,,,",
    ];
    const file = join(dir, "contacts.csv");
    writeFileSync(file, `${rows.join("\n")}\n`);
    await importFiles(warehouse, { mapping: identityMapping("contacts"), files: [file] });
  });
  afterAll(() => warehouse.close());

  it("counts offered contacts per local clock slot through both clock changes", async () => {
    const spring = await loadForecastHistory(warehouse, { queue: "q1", from: "2026-03-29", to: "2026-03-29" });
    expect(spring).toMatchObject({ scope: "queue q1", timeZone: "Europe/London", kind: "real-time", daysWithData: 1 });
    expect(spring.volume.values.slice(0, 5)).toEqual([0, 1, null, null, 1]);
    expect(spring.handled.values.slice(0, 5)).toEqual([0, 1, null, null, 0]);
    expect(spring.handleSeconds.values[1]).toBe(120);
    const autumn = await loadForecastHistory(warehouse, { queue: "q1", from: "2026-10-25", to: "2026-10-25" });
    // Two contacts in the two real 01:00–01:30 intervals: the clock slot holds their average.
    expect(autumn.volume.values.slice(0, 4)).toEqual([0, 0, 1, 0]);
    expect(autumn.handleSeconds.values[2]).toBe(300);
  });

  it("reads a day without contacts as a gap when its weekday has contacts elsewhere, else as closed", async () => {
    const history = await loadForecastHistory(warehouse, { queue: "q1", from: "2026-10-24", to: "2026-11-01" });
    // Saturday the 24th and Sunday the 1st: the 31st and the 25th have contacts.
    expect(history.gaps).toEqual(["2026-10-24", "2026-11-01"]);
    expect(history.volume.values[0]).toBeNull();
    expect(history.volume.values[48 * 2]).toBe(0); // Monday 26th: no Monday has contacts, closed
    expect(history.daysWithData).toBe(2);
  });

  it("refuses a scope mixing time zones, and one without contacts, saying what to do", async () => {
    await expect(loadForecastHistory(warehouse, { program: "care" })).rejects.toThrow(
      /program care mixes real-time work in Asia\/Jerusalem, real-time work in Europe\/London: forecast one queue/,
    );
    await expect(loadForecastHistory(warehouse, { queue: "nope" })).rejects.toThrow(/no contacts for queue nope/);
    await expect(loadForecastHistory(warehouse, { queue: "q1", intervalMinutes: 7 })).rejects.toThrow(/dividing a day/);
  });
});

describe("the Anonymous Bank: February 1999 forecast from January", () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open(":memory:");
    if (!existsSync(BANK)) return;
    const mapping = loadMapping("examples/mappings/anonymous-bank.yaml");
    const files = ["january_1999.tsv", "february_1999.tsv"].map((f) => join(BANK, f));
    await importFiles(warehouse, { mapping, files });
  });
  afterAll(() => warehouse.close());

  it.runIf(existsSync(BANK))(
    "whole center at 30 minutes: each method's WAPE and MAPE on February against seasonal naive",
    async () => {
      const january = await loadForecastHistory(warehouse, { from: "1999-01-01", to: "1999-01-31" });
      const february = await loadForecastHistory(warehouse, { from: "1999-02-01", to: "1999-02-28" });
      // January lacks the 11th and 12th: gaps, not closed days.
      expect(january.gaps).toEqual(["1999-01-11", "1999-01-12"]);
      expect(january.daysWithData).toBe(29);
      expect(february.daysWithData).toBe(28);
      const offered = (values: readonly (number | null)[]) => values.reduce<number>((s, v) => s + (v ?? 0), 0);
      expect(offered(january.volume.values)).toBe(29650);
      expect(offered(february.volume.values)).toBe(30603);

      const scores = Object.fromEntries(
        METHODS.map((m) => {
          const { wape, mape } = accuracy(february.volume, forecastWith(m, january.volume, 28));
          return [m, { wape: round(wape), mape: round(mape) }];
        }),
      );
      // The numbers the README reports (percent, one decimal).
      expect(scores).toEqual({
        "seasonal-naive-week": { wape: 29.9, mape: 30.2 },
        "seasonal-naive-day": { wape: 51.8, mape: 40.4 },
        "holt-winters-additive": { wape: 30.1, mape: 34 },
        "holt-winters-multiplicative": { wape: 32.2, mape: 31.4 },
        "daily-profile": { wape: 29.7, mape: 28.7 },
      });
      // The backtest on January's last week chooses the multiplicative Holt-Winters.
      const chosen = backtest(january.volume, 7);
      expect(chosen.best).toBe("holt-winters-multiplicative");
      expect(chosen.scores.find((s) => s.method === BASELINE)?.wape).toBeCloseTo(0.306, 3);
    },
  );
});

const round = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
