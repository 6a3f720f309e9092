import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadPack } from "../../src/standard/pack.ts";
import { importFiles } from "../../src/warehouse/import/load.ts";
import { identityMapping } from "../../src/warehouse/import/mapping.ts";
import { DEFAULT_SETTINGS } from "../../src/warehouse/metrics/components/index.ts";
import { computableMetrics, metricValues, recomputeComponents } from "../../src/warehouse/metrics/compute.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";

const pack = loadPack();
let warehouse: Warehouse;
let dir: string;
beforeEach(async () => {
  warehouse = await Warehouse.open(":memory:");
  dir = mkdtempSync(join(tmpdir(), "cxpm-metrics-"));
});
afterEach(() => warehouse.close());

async function load(dataset: string, rows: Record<string, unknown>[]) {
  const path = join(dir, `${dataset}-${Math.random()}.json`);
  writeFileSync(path, JSON.stringify(rows));
  await importFiles(warehouse, { mapping: identityMapping(dataset), files: [path] });
}

const call = (id: string, over: Record<string, unknown>) => ({
  source: "acd",
  source_id: id,
  program_id: "care",
  queue_id: "care-voice",
  channel: "voice",
  kind: "real-time",
  time_zone: "America/New_York",
  arrived_at: "2026-01-15T09:00:00",
  ...over,
});

const value = async (metric: string, settings = DEFAULT_SETTINGS, scope: "program" | "entity" = "program") => {
  await recomputeComponents(warehouse, settings);
  const rows = await metricValues(warehouse, pack, { metrics: [metric], scope });
  return rows;
};

describe("real-time metrics on a hand-computed day", () => {
  beforeEach(async () => {
    await load("queues", [
      { queue_id: "care-voice", program_id: "care", channel: "voice", kind: "real-time", sl_threshold_seconds: 30 },
    ]);
    await load("contacts", [
      // offered and answered in 10 s and 40 s (threshold 30 s)
      call("1", {
        offered_at: "2026-01-15T09:00:05",
        answered_at: "2026-01-15T09:00:15",
        wait_seconds: 10,
        talk_seconds: 100,
        hold_seconds: 20,
        acw_seconds: 30,
      }),
      call("2", {
        offered_at: "2026-01-15T09:00:05",
        answered_at: "2026-01-15T09:00:45",
        wait_seconds: 40,
        talk_seconds: 200,
      }),
      // abandoned after 4 s and after 60 s
      call("3", { offered_at: "2026-01-15T09:00:05", abandoned_at: "2026-01-15T09:00:09", wait_seconds: 4 }),
      call("4", { offered_at: "2026-01-15T09:00:05", abandoned_at: "2026-01-15T09:01:05", wait_seconds: 60 }),
      // kept its place through a callback and was answered after 300 s: still waiting all that time
      call("5", {
        offered_at: "2026-01-15T09:00:05",
        answered_at: "2026-01-15T09:05:05",
        wait_seconds: 300,
        callback: "kept-place",
        talk_seconds: 60,
      }),
      // not reachable at callback, and asked to be called later: both abandoned
      call("6", { offered_at: "2026-01-15T09:00:05", wait_seconds: 120, callback: "unreachable" }),
      call("7", { offered_at: "2026-01-15T09:00:05", wait_seconds: 90, callback: "later" }),
      // hung up in the IVR: never offered to the agent queue
      call("8", {}),
      // 23:30 local on the 31st is February 1st in UTC, but January locally
      call("9", {
        arrived_at: "2026-01-31T23:30:00",
        offered_at: "2026-01-31T23:30:05",
        answered_at: "2026-01-31T23:30:10",
        wait_seconds: 5,
        talk_seconds: 50,
      }),
    ]);
  });

  it("service level is answered within threshold over offered (not answered)", async () => {
    const [sl] = await value("rt.service_level");
    // offered: 1,2,3,4,5,6,7,9 = 8; within 30 s: 1, 9 = 2
    expect(sl).toMatchObject({
      period: "2026-01",
      scope: "care",
      components: { answered_within_threshold: 2, offered: 8 },
    });
    expect(sl!.value).toBeCloseTo(25, 12);
  });

  it("abandonment counts callbacks not reached or deferred", async () => {
    const [rate] = await value("rt.abandonment_rate");
    expect(rate!.components).toEqual({ abandoned: 4, offered: 8 });
  });

  it("a short-abandon threshold removes fast abandons from offered and abandoned", async () => {
    const [rate] = await value("rt.abandonment_rate", { ...DEFAULT_SETTINGS, shortAbandonSeconds: 5 });
    expect(rate!.components).toEqual({ abandoned: 3, offered: 7 });
  });

  it("ASA averages the wait of answered calls, callback waits included", async () => {
    const [asa] = await value("rt.asa");
    expect(asa!.components).toEqual({ answer_wait_seconds: 10 + 40 + 300 + 5, answered: 4 });
  });

  it("AHT includes hold and after-contact work", async () => {
    const [aht] = await value("rt.aht");
    expect(aht!.components).toEqual({ handle_seconds: 150 + 200 + 60 + 50, handled: 4 });
    expect(aht!.value).toBe(115);
  });

  it("does not report metrics the source never records", async () => {
    expect(await value("rt.escalation_rate")).toEqual([]);
  });

  it("rolls up exactly: the entity is the sum of its programs, not an average", async () => {
    await load("contacts", [
      call("10", {
        program_id: "sales",
        queue_id: "sales",
        offered_at: "2026-01-15T09:00:01",
        answered_at: "2026-01-15T09:00:02",
        wait_seconds: 1,
        talk_seconds: 10,
      }),
    ]);
    const [entity] = await value("rt.service_level", DEFAULT_SETTINGS, "entity");
    expect(entity!.components).toEqual({ answered_within_threshold: 3, offered: 9 });
  });
});

describe("deferred metrics", () => {
  it("on time against each item's due time, backlog as average hours late over daily snapshots", async () => {
    const item = (id: string, over: Record<string, unknown>) => ({
      ...call(id, over),
      channel: "email",
      kind: "deferred",
      time_zone: "UTC",
      queue_id: "mail",
    });
    await load("contacts", [
      item("a", {
        arrived_at: "2026-02-01T10:00:00Z",
        due_at: "2026-02-02T10:00:00Z",
        completed_at: "2026-02-01T18:00:00Z",
      }),
      // due 2 Feb 10:00, done 4 Feb 12:00: late at the end of 2 Feb (14 h) and of 3 Feb (38 h)
      item("b", {
        arrived_at: "2026-02-01T10:00:00Z",
        due_at: "2026-02-02T10:00:00Z",
        completed_at: "2026-02-04T12:00:00Z",
      }),
    ]);
    const [onTime] = await value("def.on_time");
    expect(onTime!.components).toEqual({ processed: 2, processed_within_cycle_time: 1 });
    const [backlog] = await value("def.backlog");
    expect(backlog!.components).toEqual({ late_backlog_hours: 14 + 38, late_backlog_items: 2 });
    expect(backlog!.value).toBe(26);
  });
});

describe("the component registry", () => {
  it("computes the contact metrics of the real-time and deferred groups", () => {
    const ids = computableMetrics(pack).map((m) => m.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "rt.service_level",
        "rt.asa",
        "rt.abandonment_rate",
        "rt.aht",
        "rt.chat_service_level",
        "def.on_time",
        "def.backlog",
        "def.volume",
      ]),
    );
  });
});

describe("monitoring, agent time and surveys", () => {
  beforeEach(async () => {
    const evaluation = (id: string, customer: boolean, business = false) => ({
      source: "qa",
      evaluation_id: id,
      program_id: "care",
      kind: "real-time",
      time_zone: "UTC",
      evaluated_at: "2026-01-10T12:00:00Z",
      customer_critical_error: customer,
      business_critical_error: business,
      compliance_critical_error: false,
    });
    await load("qa_evaluations", [
      evaluation("1", false),
      evaluation("2", true),
      evaluation("3", false, true),
      evaluation("4", false),
    ]);
    await load("agent_time", [
      {
        agent_id: "a",
        program_id: "care",
        kind: "real-time",
        time_zone: "UTC",
        starts_at: "2026-01-10T08:00:00Z",
        paid_onsite_seconds: 28800,
        productive_seconds: 18000,
        available_seconds: 6000,
      },
    ]);
    const response = (id: string, score: number, max = 5) => ({
      source: "survey",
      response_id: id,
      program_id: "care",
      time_zone: "UTC",
      answered_at: "2026-01-12T12:00:00Z",
      overall_satisfaction: score,
      scale_max: max,
    });
    await load("surveys", [
      response("1", 5),
      response("2", 4),
      response("3", 3),
      response("4", 1),
      response("5", 9, 10),
    ]);
  });

  it("critical-error accuracy by unit, with n and the Wilson interval", async () => {
    const [accuracy] = await value("rt.customer_critical_error_accuracy");
    expect(accuracy!.components).toEqual({ monitored_without_customer_critical_error: 3, monitored: 4 });
    expect(accuracy!.value).toBe(75);
    // Wilson 95% for 3/4: 0.3006–0.9544 (Newcombe 1998's formula; cf. R binom.confint(3, 4, method = "wilson"))
    expect(accuracy!.interval!.n).toBe(4);
    expect(accuracy!.interval!.lower).toBeCloseTo(30.06, 1);
    expect(accuracy!.interval!.upper).toBeCloseTo(95.44, 1);
  });

  it("utilization is (productive + available) / paid on site; occupancy is productive / (productive + available)", async () => {
    expect((await value("rt.css_utilization"))[0]!.value).toBeCloseTo((100 * 24000) / 28800, 10);
    expect((await value("rt.occupancy"))[0]!.value).toBeCloseTo(75, 10);
  });

  it("top-two-box satisfaction and bottom-box dissatisfaction on each response's scale", async () => {
    const [csat] = await value("cx.overall_customer_satisfaction");
    // satisfied: 5 and 4 of 5, 9 of 10; dissatisfied: 1 of 5
    expect(csat!.components).toEqual({ csat_top_two_box: 3, csat_responses: 5 });
    const [dsat] = await value("cx.overall_customer_dissatisfaction");
    expect(dsat!.components).toEqual({ csat_bottom_box: 1, csat_responses: 5 });
  });
});
