import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPack } from "../../src/standard/pack.ts";
import { demoWindow } from "../../src/warehouse/demo/calendar.ts";
import { DEMO_DATASETS, type DemoSummary, demoChecksum, generateDemo } from "../../src/warehouse/demo/generate.ts";
import { DEMO_SOURCE, LOCATIONS, PROGRAMS, QUEUES } from "../../src/warehouse/demo/organisation.ts";
import { Random } from "../../src/warehouse/demo/random.ts";
import { importFiles } from "../../src/warehouse/import/load.ts";
import { identityMapping } from "../../src/warehouse/import/mapping.ts";
import { computableMetrics, metricValues } from "../../src/warehouse/metrics/compute.ts";
import { CONTACT_KINDS } from "../../src/warehouse/schema/tables.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";

const pack = loadPack();
// February and March 2026: Chicago moves to daylight saving time on 8 March, Lisbon on 29 March.
const SMALL = { seed: 7, contacts: 5_000, months: 2, end: "2026-03" } as const;

const checksums = async (warehouse: Warehouse) =>
  Object.fromEntries(await Promise.all(DEMO_DATASETS.map(async (d) => [d, await demoChecksum(warehouse, d)])));

describe("the demo's building blocks", () => {
  it("draws the same numbers from the same seed, and independent streams", () => {
    const draw = (rng: Random) => Array.from({ length: 5 }, () => rng.uniform());
    expect(draw(new Random(42))).toEqual(draw(new Random(42)));
    expect(draw(new Random(42))).not.toEqual(draw(new Random(43)));
    const root = new Random(42);
    const a = root.stream();
    const b = root.stream();
    expect(draw(a)).not.toEqual(draw(b));
  });

  it("covers the months ending with the last full month before today", () => {
    const window = demoWindow(6, undefined, new Date("2026-11-23T09:00:00Z"));
    expect(window).toMatchObject({ from: "2026-05", to: "2026-10", months: 6 });
    expect(window.dates).toHaveLength(31 + 30 + 31 + 31 + 30 + 31);
    expect(demoWindow(2, undefined, new Date("2026-01-05T00:00:00Z"))).toMatchObject({
      from: "2025-11",
      to: "2025-12",
    });
  });

  it("is a multi-site outsourcer: three locations in two regions and three zones, every kind of queue", () => {
    expect(LOCATIONS).toHaveLength(3);
    expect(new Set(LOCATIONS.map((l) => l.region)).size).toBe(2);
    expect(LOCATIONS.map((l) => l.timeZone).sort()).toEqual(["America/Chicago", "Asia/Manila", "Europe/Lisbon"]);
    expect(new Set(PROGRAMS.map((p) => p.client)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(PROGRAMS.map((p) => p.service))).toEqual(
      new Set(["customer-service", "tech-support", "collections", "sales", "back-office"]),
    );
    const kinds = new Set(QUEUES.map((q) => `${q.channel}/${q.kind}`));
    for (const k of [
      "voice/real-time",
      "chat/real-time",
      "email/deferred",
      "back-office/deferred",
      "voice/outbound",
      "retail/face-to-face",
      "web/bot",
      "app/self-service",
      "rpa/back-office",
    ]) {
      expect(kinds).toContain(k);
    }
    for (const q of QUEUES) {
      expect(CONTACT_KINDS).toContain(q.kind);
      if (q.kind === "real-time") expect(q.slThresholdSeconds).toBeGreaterThan(0);
      if (q.kind === "deferred") expect(q.targetCycleSeconds).toBeGreaterThan(0);
    }
  });
});

describe("determinism", () => {
  it("gives identical data for the same seed and different data for another", async () => {
    const run = async (seed: number) => {
      const warehouse = await Warehouse.open(":memory:");
      try {
        await generateDemo(warehouse, { seed, contacts: 2_000, months: 1, end: "2026-03" });
        return await checksums(warehouse);
      } finally {
        warehouse.close();
      }
    };
    const first = await run(11);
    expect(await run(11)).toEqual(first);
    const other = await run(12);
    for (const dataset of ["contacts", "agent_time", "qa_evaluations", "surveys"]) {
      expect(other[dataset]).not.toBe(first[dataset]);
    }
    // The organisation does not depend on the seed.
    expect(other.programs).toBe(first.programs);
  });
});

describe("a small run", () => {
  let warehouse: Warehouse;
  let summary: DemoSummary;
  let out: string;
  beforeAll(async () => {
    warehouse = await Warehouse.open(":memory:");
    out = mkdtempSync(join(tmpdir(), "cxpm-demo-test-"));
    summary = await generateDemo(warehouse, { ...SMALL, out });
  });
  afterAll(() => warehouse.close());

  const all = <T>(sql: string) => warehouse.all<T>(sql);

  it("loads the organisation and about the requested number of contacts", () => {
    expect(summary).toMatchObject({ seed: 7, months: 2, from: "2026-02", to: "2026-03", otherContacts: 0 });
    expect(summary.rows).toMatchObject({ locations: 3, programs: PROGRAMS.length, queues: QUEUES.length });
    expect(summary.rows.contacts).toBeGreaterThan(4_700);
    expect(summary.rows.contacts).toBeLessThan(5_300);
    for (const dataset of ["agent_time", "qa_evaluations", "surveys", "metric_components"] as const) {
      expect(summary.rows[dataset]).toBeGreaterThan(0);
    }
  });

  it("records every table's load in import_batches, with the rows each batch holds", async () => {
    const batches = await all<{ batch_id: number; dataset: string; rows_loaded: number }>(
      "SELECT batch_id, dataset, rows_loaded FROM import_batches ORDER BY batch_id",
    );
    expect(batches.map((b) => b.dataset).sort()).toEqual([...DEMO_DATASETS].sort());
    for (const b of batches) {
      const [{ n }] = (await all<{ n: number }>(
        `SELECT count(*) AS n FROM ${b.dataset} WHERE batch_id = ${b.batch_id}`,
      )) as [{ n: number }];
      expect(n).toBe(b.rows_loaded);
      expect(summary.batches[b.dataset as keyof DemoSummary["batches"]]).toBe(b.batch_id);
    }
  });

  it("writes rows that the ordinary import accepts, unchanged", async () => {
    const again = await Warehouse.open(":memory:");
    try {
      for (const dataset of DEMO_DATASETS) {
        const loaded = await importFiles(again, {
          mapping: identityMapping(dataset),
          files: [join(out, `${dataset}.parquet`)],
        });
        expect(loaded).toMatchObject({ rejected: 0, loaded: summary.rows[dataset] });
      }
      expect(await checksums(again)).toEqual(await checksums(warehouse));
    } finally {
      again.close();
    }
  });

  it("gives every computable metric a value", async () => {
    const values = await metricValues(warehouse, pack, { scope: "program" });
    const measured = new Set(values.filter((v) => v.value !== null).map((v) => v.metric));
    const missing = computableMetrics(pack)
      .map((m) => m.id)
      .filter((id) => !measured.has(id));
    expect(missing).toEqual([]);
  });

  it("runs programs that differ: service level varies between them", async () => {
    const values = await metricValues(warehouse, pack, {
      scope: "program",
      metrics: ["rt.service_level", "rt.abandonment_rate"],
    });
    const serviceLevels = values.filter((v) => v.metric === "rt.service_level").map((v) => v.value!);
    expect(new Set(values.map((v) => v.scope)).size).toBeGreaterThanOrEqual(5);
    expect(Math.max(...serviceLevels) - Math.min(...serviceLevels)).toBeGreaterThan(5);
  });

  it("keeps a roster with tenure, training, leavers and their reasons, and absences of rostered people", async () => {
    const [roster] = (await all<{ bad: number; leavers: number; reasons: number; hires: number }>(`
      SELECT count(*) FILTER (WHERE trained_on < starts_on OR left_on < starts_on OR hired_on > starts_on) AS bad,
        count(*) FILTER (WHERE left_on IS NOT NULL) AS leavers,
        count(DISTINCT leave_reason) AS reasons,
        count(*) FILTER (WHERE hired_on = starts_on) AS hires
      FROM people`)) as [{ bad: number; leavers: number; reasons: number; hires: number }];
    expect(roster.bad).toBe(0);
    expect(roster.leavers).toBeGreaterThan(0);
    expect(roster.reasons).toBeGreaterThanOrEqual(2);
    expect(roster.hires).toBeGreaterThan(0);
    const [{ strangers }] = (await all<{ strangers: number }>(`
      SELECT count(*) AS strangers FROM absences a
      WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.person_id = a.person_id AND p.program_id = a.program_id
        AND a.absent_on BETWEEN p.starts_on AND coalesce(p.left_on, p.as_of))`)) as [{ strangers: number }];
    expect(strangers).toBe(0);
  });

  it("uses every value the schema allows for callbacks, and only those", async () => {
    const rows = await all<{ callback: string | null; n: number }>(
      `SELECT callback, count(*) AS n FROM contacts GROUP BY callback ORDER BY callback`,
    );
    expect(rows.map((r) => r.callback)).toEqual(["kept-place", "later", "none", "unreachable", null]);
  });

  it("keeps its timestamps consistent: waits, handling, due times", async () => {
    const [bad] = (await all<{ n: number }>(`
      SELECT count(*) FILTER (WHERE answered_at IS NOT NULL AND offered_at IS NOT NULL
                                AND epoch(answered_at - offered_at) <> wait_seconds)
           + count(*) FILTER (WHERE abandoned_at IS NOT NULL AND epoch(abandoned_at - offered_at) <> wait_seconds)
           + count(*) FILTER (WHERE answered_at IS NOT NULL AND abandoned_at IS NOT NULL)
           + count(*) FILTER (WHERE offered_at < arrived_at OR completed_at < arrived_at)
           + count(*) FILTER (WHERE kind = 'deferred' AND due_at IS NULL)
           + count(*) FILTER (WHERE first_contact AND NOT resolved) AS n
      FROM contacts`)) as [{ n: number }];
    expect(bad.n).toBe(0);
  });

  it("cuts days in each location's local time", async () => {
    // The components' local days agree with counting voice calls offered by local date, not by UTC date.
    const byLocal = await all<{ program_id: string; day: string; n: number }>(`
      SELECT program_id, strftime(CAST(arrived_at AT TIME ZONE time_zone AS DATE), '%Y-%m-%d') AS day, count(*) AS n
      FROM contacts WHERE kind = 'real-time' AND channel <> 'chat' AND offered_at IS NOT NULL
      GROUP BY ALL ORDER BY ALL`);
    const components = await all<{ program_id: string; day: string; n: number }>(`
      SELECT program_id, strftime(day, '%Y-%m-%d') AS day, sum(value) AS n
      FROM metric_components WHERE component = 'offered'
      GROUP BY ALL HAVING sum(value) > 0 ORDER BY ALL`);
    expect(components).toEqual(byLocal);
    const [differ] = (await all<{ n: number }>(`
      SELECT count(*) AS n FROM contacts
      WHERE CAST(arrived_at AT TIME ZONE time_zone AS DATE) <> CAST(arrived_at AT TIME ZONE 'UTC' AS DATE)`)) as [
      { n: number },
    ];
    expect(differ.n).toBeGreaterThan(0);
  });

  it("keeps local opening hours across the change to daylight saving time", async () => {
    // Northwind's Chicago phone line opens at 07:00 local on weekdays: 13:00 UTC in winter, 12:00 UTC from 8 March.
    const hours = await all<{ summer: boolean; first: number; utc: number[] }>(`
      SELECT arrived_at >= TIMESTAMPTZ '2026-03-08 08:00:00+00' AS summer,
        min(hour(arrived_at AT TIME ZONE time_zone)) AS first,
        list_sort(list_distinct(list(CAST(hour(arrived_at) AS INTEGER)) FILTER (WHERE hour(arrived_at AT TIME ZONE time_zone) = 7))) AS utc
      FROM contacts
      WHERE queue_id = 'northwind-care-chicago-voice' AND isodow(arrived_at AT TIME ZONE time_zone) <= 5
      GROUP BY summer ORDER BY summer`);
    expect(hours).toEqual([
      { summer: false, first: 7, utc: [13] },
      { summer: true, first: 7, utc: [12] },
    ]);
  });

  it("has busier weekdays than weekends, peaking mid-morning and early afternoon", async () => {
    const byHour = await all<{ hour: number; n: number }>(`
      SELECT hour(arrived_at AT TIME ZONE time_zone) AS hour, count(*) AS n
      FROM contacts WHERE channel = 'voice' AND kind = 'real-time' AND isodow(arrived_at AT TIME ZONE time_zone) <= 5
      GROUP BY hour ORDER BY n DESC LIMIT 3`);
    for (const { hour } of byHour) expect([9, 10, 11, 13, 14, 15]).toContain(hour);
    const [days] = (await all<{ weekday: number; weekend: number }>(`
      SELECT count(*) FILTER (WHERE isodow(arrived_at AT TIME ZONE time_zone) <= 5) / 5 AS weekday,
             count(*) FILTER (WHERE isodow(arrived_at AT TIME ZONE time_zone) > 5) / 2 AS weekend
      FROM contacts WHERE kind = 'real-time'`)) as [{ weekday: number; weekend: number }];
    expect(days.weekday).toBeGreaterThan(days.weekend * 1.2);
  });

  it("replaces its own rows when run again, leaving other sources alone", async () => {
    await warehouse.run(
      `INSERT INTO contacts (source, source_id, program_id, channel, kind, time_zone, arrived_at, batch_id)
       VALUES ('acd', '1', 'other', 'voice', 'real-time', 'UTC', TIMESTAMPTZ '2026-03-01 10:00:00+00', 0)`,
    );
    const before = await checksums(warehouse);
    const again = await generateDemo(warehouse, SMALL);
    expect(again.otherContacts).toBe(1);
    expect(await checksums(warehouse)).toEqual(before);
    const [{ n }] = (await all<{ n: number }>(
      `SELECT count(*) AS n FROM contacts WHERE source = '${DEMO_SOURCE}'`,
    )) as [{ n: number }];
    expect(n).toBe(summary.rows.contacts);
  });
});

describe("cxpm demo", () => {
  it("prints one JSON document with the rows per table and the timings", () => {
    const db = join(mkdtempSync(join(tmpdir(), "cxpm-demo-cli-")), "warehouse.duckdb");
    const doc = JSON.parse(
      execFileSync(
        "node",
        [
          "bin/cxpm.js",
          "demo",
          "--seed",
          "3",
          "--months",
          "1",
          "--contacts",
          "1_000",
          "--end",
          "2026-03",
          "--db",
          db,
          "--json",
        ],
        { encoding: "utf8" },
      ),
    );
    expect(doc).toMatchObject({ db, seed: 3, months: 1, from: "2026-03", to: "2026-03", requestedContacts: 1000 });
    expect(doc.rows.contacts).toBeGreaterThan(800);
    expect(Object.keys(doc.seconds)).toEqual(["organisation", "generate", "components", "export", "total"]);
  });
});
