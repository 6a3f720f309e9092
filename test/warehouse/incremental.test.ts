/**
 * Incremental recompute: after any load, the components updated day by day equal a full rebuild, row for row.
 *
 * A small operation in three time zones (across the March 2026 daylight-saving changes) with real-time calls,
 * deferred items that close late, on time or never, QA evaluations and surveys. fast-check then loads random
 * changes through `importFiles` with components on: a day re-imported as it was, moved by some hours, items
 * reopened or closed, new days appended after a gap (the backlog's end of data moves forward), the latest items
 * moved back (it moves back), surveys and queues changed (groups rebuilt whole).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "../../src/warehouse/import/load.ts";
import { identityMapping } from "../../src/warehouse/import/mapping.ts";
import { DEFAULT_SETTINGS } from "../../src/warehouse/metrics/components/index.ts";
import { type ComponentUpdate, recomputeComponents } from "../../src/warehouse/metrics/compute.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";

type Row = Record<string, unknown>;

const ZONES = ["America/Chicago", "Asia/Manila", "Europe/Lisbon"];
const START = Date.parse("2026-03-01T00:00:00Z");
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A small deterministic generator (mulberry32), so the base operation is the same on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
const program = (i: number) => `p${i}`;

function organisation() {
  return {
    locations: ZONES.map((zone, i) => ({ location_id: `l${i}`, region: i === 0 ? "amer" : "emea", time_zone: zone })),
    programs: ZONES.map((_, i) => ({ program_id: program(i), service: "care", location_id: `l${i}` })),
    queues: ZONES.flatMap((_, i) => [
      {
        queue_id: `${program(i)}-voice`,
        program_id: program(i),
        channel: "voice",
        kind: "real-time",
        sl_threshold_seconds: 20,
      },
      { queue_id: `${program(i)}-chat`, program_id: program(i), channel: "chat", kind: "real-time" },
      {
        queue_id: `${program(i)}-email`,
        program_id: program(i),
        channel: "email",
        kind: "deferred",
        target_cycle_seconds: 8 * 3600,
      },
    ]),
  };
}

/** One contact of program `p` arriving at `at`; `next` draws its outcome. */
function contact(id: number, p: number, at: number, next: () => number): Row {
  const base = { source: "acd", source_id: `c${id}`, program_id: program(p), time_zone: ZONES[p], arrived_at: iso(at) };
  if (next() < 0.65) {
    const chat = next() < 0.2;
    const wait = Math.floor(next() * 60);
    const answered = next() < 0.8;
    return {
      ...base,
      queue_id: `${program(p)}-${chat ? "chat" : "voice"}`,
      channel: chat ? "chat" : "voice",
      kind: "real-time",
      offered_at: iso(at + 5000),
      answered_at: answered ? iso(at + 5000 + wait * 1000) : null,
      abandoned_at: answered ? null : iso(at + 5000 + wait * 1000),
      wait_seconds: wait,
      talk_seconds: answered ? 60 + Math.floor(next() * 300) : null,
      hold_seconds: answered ? Math.floor(next() * 30) : null,
      acw_seconds: answered ? Math.floor(next() * 40) : null,
      callback: ["none", "none", "kept-place", "unreachable", "later"][Math.floor(next() * 5)],
      resolved: answered ? next() < 0.7 : null,
    };
  }
  const open = next() < 0.1;
  return {
    ...base,
    queue_id: `${program(p)}-email`,
    channel: "email",
    kind: "deferred",
    // Some items carry their own due time, the others take the queue's 8 hours.
    due_at: next() < 0.3 ? iso(at + 4 * HOUR) : null,
    completed_at: open ? null : iso(at + Math.floor(next() * 4 * DAY)),
    resolved: next() < 0.8,
  };
}

function operation() {
  const next = random(7);
  const contacts: Row[] = [];
  for (let id = 0; id < 900; id++) {
    contacts.push(contact(id, id % 3, START + Math.floor(next() * 40 * DAY), next));
  }
  const qa = contacts.slice(0, 120).map((c, i) => ({
    source: "qa",
    evaluation_id: `e${i}`,
    program_id: c.program_id,
    queue_id: c.queue_id,
    kind: c.kind,
    time_zone: c.time_zone,
    evaluated_at: c.arrived_at,
    customer_critical_error: next() < 0.1,
    business_critical_error: next() < 0.1,
    compliance_critical_error: next() < 0.05,
  }));
  const surveys = contacts.slice(0, 200).map((c, i) => survey(i, c, 1 + Math.floor(next() * 5)));
  return { contacts, qa, surveys };
}

const survey = (i: number, c: Row, score: number): Row => ({
  source: "survey",
  response_id: `s${i}`,
  program_id: c.program_id,
  time_zone: c.time_zone,
  answered_at: c.arrived_at,
  overall_satisfaction: score,
  scale_max: 5,
});

let warehouse: Warehouse;
let dir: string;
let files = 0;

async function load(dataset: string, rows: readonly Row[]): Promise<ComponentUpdate | undefined> {
  const path = join(dir, `${dataset}-${++files}.json`);
  writeFileSync(path, JSON.stringify(rows));
  const summary = await importFiles(warehouse, {
    mapping: identityMapping(dataset),
    files: [path],
    components: DEFAULT_SETTINGS,
  });
  return summary.components;
}

const components = () =>
  warehouse.all<{
    process_group: string;
    day: string;
    program_id: string;
    queue_id: string;
    component: string;
    value: number;
  }>(
    "SELECT process_group, CAST(day AS VARCHAR) AS day, program_id, queue_id, component, value FROM metric_components ORDER BY ALL",
  );

type Components = Awaited<ReturnType<typeof components>>;

/** Equal row for row; values to within rounding, as sums of fractions depend on the order they are added in. */
function expectSameRows(actual: Components, expected: Components) {
  expect(actual.map(({ value, ...key }) => key)).toEqual(expected.map(({ value, ...key }) => key));
  actual.forEach((row, i) => {
    const want = expected[i]!;
    if (Math.abs(row.value - want.value) > 1e-9 * Math.max(1, Math.abs(want.value))) expect(row).toEqual(want);
  });
}

/** The stored components equal a full rebuild's. */
async function expectSameAsFullRebuild() {
  const incremental = await components();
  await recomputeComponents(warehouse);
  expectSameRows(incremental, await components());
}

const contactsRows = () => warehouse.all<Row>(`SELECT * EXCLUDE (batch_id) FROM contacts ORDER BY source_id`);

/** Timestamps of a contact moved by `ms`. */
const shifted = (c: Row, ms: number): Row => {
  const out = { ...c };
  for (const k of ["arrived_at", "offered_at", "answered_at", "abandoned_at", "completed_at", "due_at"]) {
    if (typeof out[k] === "string") out[k] = iso(Date.parse(out[k] as string) + ms);
  }
  return out;
};

const change = fc.oneof(
  fc.record({ kind: fc.constant("same" as const), day: fc.nat(45) }),
  fc.record({ kind: fc.constant("shift" as const), day: fc.nat(45), hours: fc.integer({ min: -80, max: 80 }) }),
  fc.record({ kind: fc.constant("reopen" as const), day: fc.nat(45) }),
  fc.record({ kind: fc.constant("close" as const), day: fc.nat(45), hours: fc.integer({ min: 1, max: 120 }) }),
  fc.record({ kind: fc.constant("append" as const), gap: fc.nat(6), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant("move-last" as const), days: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant("surveys" as const), day: fc.nat(45), score: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant("queue" as const), seconds: fc.integer({ min: 5, max: 60 }) }),
);
type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

let appended = 0;

/** Loads one random change; returns the component update of a contacts load. */
async function apply(c: Change): Promise<ComponentUpdate | undefined> {
  const all = await contactsRows();
  const onDay = (day: number) =>
    all.filter((r) => Math.floor((Date.parse(r.arrived_at as string) - START) / DAY) === day);
  switch (c.kind) {
    case "same":
      return load("contacts", onDay(c.day));
    case "shift":
      return load(
        "contacts",
        onDay(c.day).map((r) => shifted(r, c.hours * HOUR)),
      );
    case "reopen":
      return load(
        "contacts",
        onDay(c.day)
          .filter((r) => r.kind === "deferred")
          .map((r) => ({ ...r, completed_at: null })),
      );
    case "close":
      return load(
        "contacts",
        onDay(c.day)
          .filter((r) => r.kind === "deferred")
          .map((r) => ({ ...r, completed_at: iso(Date.parse(r.arrived_at as string) + c.hours * HOUR) })),
      );
    case "append": {
      const last = Math.max(...all.map((r) => Date.parse((r.completed_at ?? r.arrived_at) as string)));
      const next = random(appended + 1);
      const rows = Array.from({ length: c.count }, (_, i) =>
        contact(100_000 + appended++, i % 3, last + (c.gap + 1) * DAY + Math.floor(next() * DAY), next),
      );
      return load("contacts", rows);
    }
    case "move-last": {
      const end = (r: Row) => Date.parse((r.completed_at ?? r.arrived_at) as string);
      const latest = [...all].sort((a, b) => end(b) - end(a)).slice(0, 3);
      return load(
        "contacts",
        latest.map((r) => shifted(r, -c.days * DAY)),
      );
    }
    case "surveys": {
      const rows = await warehouse.all<Row>(
        `SELECT * EXCLUDE (batch_id) FROM surveys WHERE CAST(answered_at AS DATE) = DATE '2026-03-01' + ${c.day}`,
      );
      return load(
        "surveys",
        rows.map((r) => ({ ...r, overall_satisfaction: c.score })),
      );
    }
    case "queue":
      return load("queues", [
        {
          queue_id: "p1-voice",
          program_id: "p1",
          channel: "voice",
          kind: "real-time",
          sl_threshold_seconds: c.seconds,
        },
      ]);
  }
}

describe("incremental recompute", () => {
  beforeAll(async () => {
    warehouse = await Warehouse.open(":memory:");
    dir = mkdtempSync(join(tmpdir(), "cxpm-incremental-"));
    const org = organisation();
    const { contacts, qa, surveys } = operation();
    for (const [dataset, rows] of Object.entries({ ...org, qa_evaluations: qa, surveys })) {
      await load(dataset, rows);
    }
    await load("contacts", contacts);
  });
  afterAll(() => {
    warehouse.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("starts from a full rebuild when a load is most of its dataset", async () => {
    await expectSameAsFullRebuild();
    const [row] = await warehouse.all<{ n: number }>("SELECT count(*) AS n FROM metric_components");
    expect(row!.n).toBeGreaterThan(1000);
  });

  it("re-importing one day recomputes that day alone", async () => {
    const day = (await contactsRows()).filter(
      (r) => r.kind === "real-time" && r.arrived_at?.toString().startsWith("2026-03-10"),
    );
    const update = await load(
      "contacts",
      day.map((r) => ({ ...r, wait_seconds: 1 })),
    );
    // Calls, deferred work, arrivals and backlog, day by day (queries without byDay that read contacts are rebuilt).
    expect(update!.queriesByDay).toBeGreaterThanOrEqual(4);
    // The calls' day in their own zones: the 9th or the 10th in Chicago, the 10th or 11th in Manila.
    expect(update!.days).toBeLessThanOrEqual(3);
    await expectSameAsFullRebuild();
  });

  it("equals a full rebuild after any sequence of loads", async () => {
    await fc.assert(
      fc.asyncProperty(change, async (c) => {
        const update = await apply(c);
        // Contacts are updated day by day; surveys and queues are read by queries that are rebuilt whole.
        if (update && c.kind !== "queue" && c.kind !== "surveys") expect(update.queriesByDay).toBeGreaterThanOrEqual(4);
        await expectSameAsFullRebuild();
      }),
      { numRuns: 40, seed: 20261123 },
    );
  }, 120_000);

  it("recomputes given days of every group", async () => {
    const before = await components();
    await warehouse.run("UPDATE metric_components SET value = -1 WHERE day IN (DATE '2026-03-08', DATE '2026-03-29')");
    await recomputeComponents(warehouse, DEFAULT_SETTINGS, { days: ["2026-03-08", "2026-03-29"] });
    expectSameRows(await components(), before);
    await expect(recomputeComponents(warehouse, DEFAULT_SETTINGS, { days: ["8 March"] })).rejects.toThrow(
      /expected dates as YYYY-MM-DD, got "8 March"/,
    );
  });
});
