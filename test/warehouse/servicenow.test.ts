import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadPack } from "../../src/standard/pack.ts";
import { ImportError, importFiles } from "../../src/warehouse/import/load.ts";
import { loadMapping } from "../../src/warehouse/import/mapping.ts";
import { metricValues, recomputeComponents } from "../../src/warehouse/metrics/compute.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";

const LOG = "../shared/data/real/servicenow-incident-eventlog/incident_event_log_partial.csv";
let dir: string;
let warehouse: Warehouse;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "cxpm-servicenow-"));
  warehouse = await Warehouse.open(":memory:");
});
afterEach(() => warehouse.close());

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("keep_latest: one row per natural key from an event log", () => {
  const mapping = (keep: string) =>
    loadMapping(
      file(
        "events.yaml",
        `dataset: contacts
exclude:
  - when: state == "draft"
    reason: draft
${keep}
columns:
  source: { value: crm }
  source_id: id
  program_id: { value: care }
  channel: { value: email }
  kind: { value: deferred }
  time_zone: { value: UTC }
  arrived_at: opened
  agent_id: agent
`,
      ),
    );
  const events = [
    "id,seq,state,agent,opened",
    "a,1,open,ann,2026-01-05T10:00:00",
    "a,3,closed,bob,2026-01-05T10:00:00",
    "a,2,closed,cat,2026-01-05T10:00:00",
    "b,9,draft,dan,2026-01-06T10:00:00",
    "b,4,closed,eve,2026-01-06T10:00:00",
    "b,4,closed,fay,2026-01-06T10:00:00",
  ].join("\n");

  it("keeps the row with the greatest order, the later row on a tie, and counts the rest as excluded", async () => {
    const summary = await importFiles(warehouse, {
      mapping: mapping("keep_latest: { by: num(seq), reason: superseded event }"),
      files: [file("events.csv", `${events}\n`)],
    });
    expect(summary).toMatchObject({ read: 6, loaded: 2, excluded: 4 });
    expect(summary.excludedBy).toEqual({ draft: 1, "superseded event": 3 });
    const rows = await warehouse.all<{ source_id: string; agent_id: string }>(
      "SELECT source_id, agent_id FROM contacts ORDER BY source_id",
    );
    expect(rows).toEqual([
      { source_id: "a", agent_id: "bob" },
      { source_id: "b", agent_id: "fay" },
    ]);
  });

  it("refuses a row whose order cannot be read, naming its line", async () => {
    const load = importFiles(warehouse, {
      mapping: mapping("keep_latest: { by: num(seq), reason: superseded event }"),
      files: [file("events.csv", `${events}\nc,x,closed,gus,2026-01-07T10:00:00\n`)],
    });
    await expect(load).rejects.toThrow(ImportError);
    await expect(load).rejects.toThrow(/events\.csv:8: \(keep_latest\): "NaN", expected a number or text to order by/);
  });

  it("without keep_latest, the same key twice is still an error", async () => {
    await expect(
      importFiles(warehouse, { mapping: mapping(""), files: [file("events.csv", `${events}\n`)] }),
    ).rejects.toThrow(
      /events\.csv:3: source\+source_id: "crm\+a", expected a unique key, but events\.csv:2 has it too/,
    );
  });
});

// Expected numbers were computed by hand with Python's csv and datetime modules, independently of cxpm (see
// examples/mappings/README.md, "servicenow-incidents.yaml").
describe("the ServiceNow incident mapping", () => {
  const mapping = loadMapping("examples/mappings/servicenow-incidents.yaml");
  const pack = loadPack();
  const load = () => importFiles(warehouse, { mapping, files: [LOG] });
  const values = async (metric: string) => {
    await recomputeComponents(warehouse);
    return metricValues(warehouse, pack, { metrics: [metric] });
  };

  it.runIf(existsSync(LOG))("loads one deferred case per incident, from its last Closed event", async () => {
    const summary = await load();
    expect(summary).toMatchObject({ read: 5998, loaded: 890, rejected: 0, excluded: 5108 });
    expect(summary.excludedBy).toEqual({
      "update event before the incident was closed": 5101,
      "earlier Closed event of the same incident": 7,
    });
    const [one] = await warehouse.all<Record<string, unknown>>(
      `SELECT program_id, queue_id, channel, kind, agent_id, customer_id, case_id, escalated, resolved,
         strftime(arrived_at, '%Y-%m-%d %H:%M') AS arrived, strftime(completed_at, '%Y-%m-%d %H:%M') AS completed, due_at
       FROM contacts WHERE source_id = 'INC0000045'`,
    );
    expect(one).toEqual({
      program_id: "it-service-desk",
      queue_id: "Group 56",
      channel: "voice",
      kind: "deferred",
      agent_id: null,
      customer_id: "Caller 2403",
      case_id: "INC0000045",
      escalated: false,
      resolved: true,
      arrived: "2016-02-29 01:16",
      completed: "2016-02-29 11:29",
      due_at: null,
    });
    // Reassigned four times and reopened once; and an incident with no resolved_at completes at its closing.
    const rows = await warehouse.all<Record<string, unknown>>(
      `SELECT source_id, agent_id, escalated, resolved, strftime(completed_at, '%Y-%m-%d %H:%M') AS completed
       FROM contacts WHERE source_id IN ('INC0000102', 'INC0000093') ORDER BY source_id`,
    );
    expect(rows).toEqual([
      { source_id: "INC0000093", agent_id: null, escalated: false, resolved: true, completed: "2016-03-05 10:00" },
      {
        source_id: "INC0000102",
        agent_id: "Resolver 31",
        escalated: true,
        resolved: false,
        completed: "2016-03-17 16:28",
      },
    ]);
    const [counts] = await warehouse.all<Record<string, number>>(
      `SELECT count(DISTINCT source_id)::INT AS incidents, count(*) FILTER (WHERE escalated)::INT AS escalated,
         count(*) FILTER (WHERE resolved)::INT AS resolved, count(*) FILTER (WHERE queue_id IS NULL)::INT AS no_queue
       FROM contacts`,
    );
    expect(counts).toEqual({ incidents: 890, escalated: 391, resolved: 880, no_queue: 17 });
  });

  it.runIf(existsSync(LOG))("volume by month opened: 207 in February 2016, 683 in March", async () => {
    await load();
    const rows = await values("def.volume");
    expect(rows.map((r) => [r.period, r.value])).toEqual([
      ["2016-02", 207],
      ["2016-03", 683],
    ]);
  });

  it.runIf(existsSync(LOG))("on time against the 24 h default cycle time, by month resolved", async () => {
    await load();
    const rows = await values("def.on_time");
    const byMonth = Object.fromEntries(rows.map((r) => [r.period, r.components]));
    expect(byMonth["2016-02"]).toEqual({ processed_within_cycle_time: 36, processed: 36 });
    expect(byMonth["2016-03"]).toEqual({ processed_within_cycle_time: 198, processed: 766 });
    // Nothing resolved after March was within 24 h of opening: 234 of 890 on time in all.
    expect(rows.slice(2).every((r) => r.value === 0)).toBe(true);
    expect(rows.reduce((n, r) => n + (r.components.processed ?? 0), 0)).toBe(890);
    expect(rows.reduce((n, r) => n + (r.components.processed_within_cycle_time ?? 0), 0)).toBe(234);
  });

  it.runIf(existsSync(LOG))("backlog as average hours late over daily snapshots", async () => {
    await load();
    const rows = await values("def.backlog");
    expect(rows[0]!.period).toBe("2016-03");
    expect(rows[0]!.components.late_backlog_items).toBe(6276);
    expect(rows[0]!.components.late_backlog_hours).toBeCloseTo(92_611_559 / 60, 6);
    expect(rows[0]!.value).toBeCloseTo(245.941, 3);
    expect(rows.at(-1)).toMatchObject({ period: "2017-01", components: { late_backlog_items: 29 } });
    const hours = rows.reduce((n, r) => n + (r.components.late_backlog_hours ?? 0), 0);
    const items = rows.reduce((n, r) => n + (r.components.late_backlog_items ?? 0), 0);
    expect(items).toBe(10_731);
    expect(hours).toBeCloseTo(713_643_687 / 60, 4);
    expect(hours / items).toBeCloseTo(1108.383, 3);
  });
});
