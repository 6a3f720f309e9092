/**
 * Performance views on a hand-built operation: two programs in two locations, four months of calls whose
 * service level is known by construction, and targets at entity and program level.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppDb, openAppDb } from "../../src/app/db/connect.ts";
import { InvalidInputError, NotFoundError } from "../../src/app/errors.ts";
import { metricDetail } from "../../src/app/metric-detail.ts";
import { adoptOrganisation } from "../../src/app/organisation-sync.ts";
import { overview } from "../../src/app/overview.ts";
import { loadPerformance } from "../../src/app/performance.ts";
import { summaryCsv, summaryTable, summaryXlsx } from "../../src/app/summary.ts";
import { setTarget } from "../../src/app/targets.ts";
import { loadPack } from "../../src/standard/pack.ts";
import { importFiles } from "../../src/warehouse/import/load.ts";
import { identityMapping } from "../../src/warehouse/import/mapping.ts";
import { recomputeComponents } from "../../src/warehouse/metrics/compute.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";

const pack = loadPack();
const MONTHS = ["2026-01", "2026-02", "2026-03", "2026-04"];
/** Calls answered within 20 s, of 10 offered, per month. */
const WITHIN = { "care-east": [9, 9, 7, 9], "care-west": [6, 7, 9, 9] } as const;
const SL = ["rt.service_level"];

let app: AppDb;
let warehouse: Warehouse;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "cxpm-performance-"));
  warehouse = await Warehouse.open(":memory:");
  const load = async (dataset: string, rows: Record<string, unknown>[]) => {
    const path = join(dir, `${dataset}.json`);
    writeFileSync(path, JSON.stringify(rows));
    await importFiles(warehouse, { mapping: identityMapping(dataset), files: [path] });
  };
  await load("locations", [
    { location_id: "east", name: "East", region: "americas", time_zone: "America/New_York" },
    { location_id: "west", name: "West", region: "europe", time_zone: "Europe/Lisbon" },
  ]);
  await load("programs", [
    { program_id: "care-east", name: "Care East", client: "Acme", service: "care", location_id: "east" },
    { program_id: "care-west", name: "Care West", client: "Acme", service: "care", location_id: "west" },
  ]);
  await load("queues", [
    { queue_id: "east-voice", program_id: "care-east", channel: "voice", kind: "real-time", sl_threshold_seconds: 20 },
    { queue_id: "west-voice", program_id: "care-west", channel: "voice", kind: "real-time", sl_threshold_seconds: 20 },
  ]);
  const calls = Object.entries(WITHIN).flatMap(([program, within]) =>
    MONTHS.flatMap((month, m) =>
      Array.from({ length: 10 }, (_, i) => ({
        source: "acd",
        source_id: `${program}-${month}-${i}`,
        program_id: program,
        queue_id: program === "care-east" ? "east-voice" : "west-voice",
        channel: "voice",
        kind: "real-time",
        time_zone: program === "care-east" ? "America/New_York" : "Europe/Lisbon",
        arrived_at: `${month}-10T12:00:00Z`,
        offered_at: `${month}-10T12:00:00Z`,
        answered_at: `${month}-10T12:01:00Z`,
        agent_id: `${program}-a${i % 3}`,
        wait_seconds: i < within[m]! ? 5 : 40,
        talk_seconds: 200,
      })),
    ),
  );
  await load("contacts", calls);
  await recomputeComponents(warehouse);

  app = await openAppDb();
  await adoptOrganisation(app.db, warehouse, { entity: { id: "acme", name: "Acme CX", provider: "csp" } }, "test");
  await setTarget(
    app.db,
    pack,
    {
      metric: "rt.service_level",
      scope: { level: "entity", id: "acme" },
      value: 80,
      effectiveFrom: "2026-01",
      source: "client",
    },
    "test",
  );
});
afterAll(async () => {
  warehouse.close();
  await app.close();
});

describe("the Performance Summary Table", () => {
  it("shows each program's months against the target in force, and the 3-of-4 status", async () => {
    const table = summaryTable(await loadPerformance(app.db, pack, warehouse, { metrics: SL }));
    expect(table.periods).toEqual(MONTHS);
    const east = table.rows.find((r) => r.key === "rt.service_level@care-east")!;
    expect(east.cells.map((c) => c.value)).toEqual([90, 90, 70, 90]);
    expect(east.cells.map((c) => c.target)).toEqual([80, 80, 80, 80]);
    expect(east.cells.map((c) => c.met)).toEqual([true, true, false, true]);
    expect([east.evaluated, east.met, east.meeting]).toEqual([4, 3, true]);
    expect(east.item).toBe("4.3");
    expect(east.channels).toEqual(["voice"]);
    const west = table.rows.find((r) => r.key === "rt.service_level@care-west")!;
    expect([west.met, west.meeting]).toEqual([2, false]);
  });

  it("filters by scope, program and channel", async () => {
    const performance = await loadPerformance(app.db, pack, warehouse, { metrics: SL });
    expect(summaryTable(performance, { scopeLevel: "location", scopeId: "east" }).rows.map((r) => r.key)).toEqual([
      "rt.service_level@care-east",
    ]);
    expect(summaryTable(performance, { scopeLevel: "region", scopeId: "europe" }).rows).toHaveLength(1);
    expect(summaryTable(performance, { program: "care-west" }).rows.map((r) => r.key)).toEqual([
      "rt.service_level@care-west",
    ]);
    expect(summaryTable(performance, { channel: "chat" }).rows).toEqual([]);
  });

  it("exports the same rows as CSV and XLSX", async () => {
    const table = summaryTable(await loadPerformance(app.db, pack, warehouse, { metrics: SL }));
    const lines = summaryCsv(table).trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain("2026-01 value,2026-01 target,2026-01 met");
    expect(lines.find((l) => l.includes("care-east"))).toContain("90,80,met,90,80,met,70,80,not met,90,80,met,4,3,yes");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await summaryXlsx(table)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).getCell(2).value).toBe("metric");
  });
});

describe("targets in force", () => {
  it("takes a program's own target over the entity's, and a new target from its month on", async () => {
    const scoped = await openAppDb();
    try {
      await adoptOrganisation(scoped.db, warehouse, { entity: { id: "acme", name: "Acme", provider: "csp" } }, "t");
      const set = (scope: { level: "entity" | "program"; id: string }, value: number, effectiveFrom: string) =>
        setTarget(scoped.db, pack, { metric: "rt.service_level", scope, value, effectiveFrom, source: "client" }, "t");
      await set({ level: "entity", id: "acme" }, 80, "2026-01");
      await set({ level: "program", id: "care-west" }, 60, "2026-01");
      await set({ level: "entity", id: "acme" }, 95, "2026-04");
      const rows = summaryTable(await loadPerformance(scoped.db, pack, warehouse, { metrics: SL })).rows;
      const east = rows.find((r) => r.key === "rt.service_level@care-east")!;
      const west = rows.find((r) => r.key === "rt.service_level@care-west")!;
      expect(east.cells.map((c) => c.target)).toEqual([80, 80, 80, 95]);
      expect(east.cells.map((c) => c.met)).toEqual([true, true, false, false]);
      expect(west.cells.map((c) => c.target)).toEqual([60, 60, 60, 60]);
      expect([west.met, west.meeting]).toEqual([4, true]);
    } finally {
      await scoped.close();
    }
  });
});

describe("the Overview", () => {
  it("gives the 50/75 verdict for the entity and each region, location and service", async () => {
    const view = overview(await loadPerformance(app.db, pack, warehouse, { metrics: SL }));
    const of = (level: string, id: string) => view.scopes.find((s) => s.scope.level === level && s.scope.id === id)!;
    expect(of("entity", "acme")).toMatchObject({ counted: 2, meeting: 1, meetingShare: 0.5, failing: 1 });
    expect(of("entity", "acme").scope.name).toBe("Acme CX");
    expect(of("region", "americas")).toMatchObject({ counted: 1, meeting: 1, met: true, failing: 0 });
    expect(of("location", "west")).toMatchObject({ counted: 1, meeting: 0, failing: 1 });
    expect(of("service", "care")).toMatchObject({ counted: 2, meeting: 1 });
    expect(view.freshness).toMatchObject({ earliestDay: "2026-01-10", latestDay: "2026-04-10" });
    expect(view.triggers.some((t) => t.kind === "metric-not-meeting" && t.key === "rt.service_level@care-west")).toBe(
      true,
    );
  });
});

describe("a metric's detail", () => {
  it("pools the scope's components, and drills down to programs and queues", async () => {
    const detail = await metricDetail(app.db, pack, warehouse, { metric: "rt.service_level" });
    // (9 + 6) / 20, (9 + 7) / 20, (7 + 9) / 20, (9 + 9) / 20
    expect(detail.points.map((p) => p.value)).toEqual([75, 80, 80, 90]);
    expect(detail.points.map((p) => p.met)).toEqual([false, true, true, true]);
    expect(detail.points[0]!.components).toEqual({ answered_within_threshold: 15, offered: 20 });
    expect(detail.breakdown.programs.map((p) => p.id)).toEqual(["care-east", "care-west"]);
    expect(detail.breakdown.queues.map((q) => [q.id, q.program])).toEqual([
      ["east-voice", "care-east"],
      ["west-voice", "care-west"],
    ]);
    // Each of the three agents per program, over the four months: the agents' components add up to the scope's.
    const agents = detail.breakdown.agents!;
    expect(agents).toHaveLength(6);
    const offered = agents.reduce((sum, a) => sum + a.components.offered!, 0);
    expect(offered).toBe(detail.points.reduce((sum, p) => sum + p.components.offered!, 0));
    // care-east's a0 takes calls 0, 3, 6 and 9 each month; 9 is never within 20 s (at most 9 of 10 are), the rest are.
    const eastA0 = agents.find((a) => a.agent === "care-east-a0")!;
    expect(eastA0.components).toEqual({ answered_within_threshold: 12, offered: 16 });
    const west = await metricDetail(app.db, pack, warehouse, {
      metric: "rt.service_level",
      scopeLevel: "location",
      scopeId: "west",
    });
    expect(west.points.map((p) => p.value)).toEqual([60, 70, 90, 90]);
    expect(west.breakdown.programs.map((p) => p.id)).toEqual(["care-west"]);
    expect(west.breakdown.agents!.map((a) => a.agent).sort()).toEqual(["care-west-a0", "care-west-a1", "care-west-a2"]);
    // Survey answers are not one CSS's work: no agent drill-down.
    const satisfaction = await metricDetail(app.db, pack, warehouse, { metric: "cx.overall_customer_satisfaction" });
    expect(satisfaction.breakdown.agents).toBeNull();
  });

  it("says what is wrong with a metric or scope it cannot show", async () => {
    await expect(metricDetail(app.db, pack, warehouse, { metric: "no.such" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      metricDetail(app.db, pack, warehouse, { metric: "rt.service_level", scopeLevel: "location", scopeId: "north" }),
    ).rejects.toThrow(/no location "north"/);
    await expect(loadPerformance(app.db, pack, warehouse, { from: "2026-05", to: "2026-04" })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });
});
