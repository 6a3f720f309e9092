/**
 * The realistic demo operation: a multi-site outsourcer's organisation and months of its contacts, generated
 * deterministically from a seed and loaded into the warehouse's canonical tables like any import.
 *
 * The organisation tables go through `importFiles` (small JSON files written to a temporary folder), so they
 * are validated and recorded exactly as a real load. Everything else (contacts, agent time, QA evaluations,
 * surveys of customers, staff and clients, workforce intervals, the people roster and absences, support-process
 * work, system availability, complaints, costs and cost drivers, footfall, mystery shopping, calling lists,
 * network intervals and stock counts) is streamed through `DemoStage` (see staging.ts for why) in one transaction that first removes the
 * previous demo's rows, and each table's load is recorded in `import_batches` as one batch. Calibration scores
 * and the last 14 days' agent schedules and states (realtime.ts) are written in the same transaction from what
 * was staged. The metric components are then recomputed.
 *
 * @example
 * ```ts
 * const warehouse = await Warehouse.open("data/warehouse.duckdb");
 * const summary = await generateDemo(warehouse, { seed: 7, months: 6, contacts: 200_000 });
 * summary.rows.contacts; // about 200,000
 * ```
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { importFiles } from "../import/load.ts";
import { identityMapping } from "../import/mapping.ts";
import { recomputeComponents } from "../metrics/compute.ts";
import { DATASETS } from "../schema/tables.ts";
import type { Warehouse } from "../warehouse.ts";
import { demoWindow } from "./calendar.ts";
import { loadDemoCalibration } from "./calibration.ts";
import { DEMO_SOURCE, LOCATIONS, organisationRows, PROGRAMS, QUEUES, SYSTEMS } from "./organisation.ts";
import { loadDemoQaForms } from "./qa-forms.ts";
import { loadDemoRealtime } from "./realtime.ts";
import { DemoSimulation } from "./simulation.ts";
import { DemoStage, STAGED_DATASETS, type StagedDataset } from "./staging.ts";

/** Bump when the generator changes what a seed produces. */
export const GENERATOR_VERSION = 3;

export const DEMO_DEFAULTS = { seed: 1, months: 6, contacts: 200_000 } as const;

export interface DemoOptions {
  readonly seed?: number;
  readonly months?: number;
  /** About how many contacts in all. */
  readonly contacts?: number;
  /** Last month, YYYY-MM; default the last full month before `today`. */
  readonly end?: string;
  readonly today?: Date;
  /** A folder to write the generated canonical tables to as Parquet, importable with `cxpm import`. */
  readonly out?: string;
  /** Called as days are generated. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called as each phase starts. */
  readonly onPhase?: (phase: "organisation" | "generate" | "components" | "export") => void;
}

/** The datasets the demo fills. */
export const DEMO_DATASETS = [
  "locations",
  "programs",
  "queues",
  "contacts",
  "agent_time",
  "qa_evaluations",
  "qa_form_attributes",
  "qa_answers",
  "calibration_scores",
  "surveys",
  "workforce_intervals",
  "agent_schedules",
  "agent_states",
  "people",
  "absences",
  "support_events",
  "system_hours",
  "system_outages",
  "employee_surveys",
  "client_surveys",
  "complaints",
  "costs",
  "cost_drivers",
  "footfall",
  "mystery_shops",
  "list_records",
  "network_intervals",
  "stock_counts",
] as const;
export type DemoDataset = (typeof DEMO_DATASETS)[number];

export interface DemoSummary {
  readonly seed: number;
  readonly months: number;
  readonly from: string;
  readonly to: string;
  readonly requestedContacts: number;
  /** Rows in the warehouse after the load, demo and otherwise, and the metric components computed. */
  readonly rows: Readonly<Record<DemoDataset | "metric_components", number>>;
  /** Contacts in the warehouse from other sources than the demo. */
  readonly otherContacts: number;
  /** Import batch per dataset; the organisation's is the earlier one when it was already loaded. */
  readonly batches: Readonly<Record<DemoDataset, number>>;
  /** Order-independent hash of every demo contact: equal for equal seeds and settings. */
  readonly checksum: string;
  readonly files: readonly string[];
  readonly seconds: {
    readonly organisation: number;
    /** Generating and loading the contacts and what comes with them (agent time, QA, surveys). */
    readonly generate: number;
    readonly components: number;
    readonly export: number;
    readonly total: number;
  };
  /** Contacts generated and loaded per second. */
  readonly contactsPerSecond: number;
}

/** Datasets written after the staged ones, from what those loaded. */
const LATER_DATASETS = [
  "qa_form_attributes",
  "qa_answers",
  "calibration_scores",
  "agent_schedules",
  "agent_states",
] as const;
const pad = (n: number) => String(n).padStart(2, "0");
const since = (start: number) => (performance.now() - start) / 1000;
const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const inList = (ids: readonly string[]) => ids.map(quote).join(", ");
const PROGRAM_IDS = () => inList(PROGRAMS.map((p) => p.id));
const SYSTEM_IDS = () => inList(SYSTEMS.map((s) => s.id));

/** Which rows of each dataset are the demo's. */
const DEMO_ROWS: Readonly<Record<DemoDataset, () => string>> = {
  locations: () => `location_id IN (${inList(LOCATIONS.map((l) => l.id))})`,
  programs: () => `program_id IN (${PROGRAM_IDS()})`,
  queues: () => `queue_id IN (${inList(QUEUES.map((q) => q.id))})`,
  contacts: () => `source = ${quote(DEMO_SOURCE)}`,
  // Agent time has no source column: the demo's programs are its own.
  agent_time: () => `program_id IN (${PROGRAM_IDS()})`,
  qa_evaluations: () => `source = ${quote(DEMO_SOURCE)}`,
  qa_form_attributes: () => `source = ${quote(DEMO_SOURCE)}`,
  qa_answers: () => `source = ${quote(DEMO_SOURCE)}`,
  calibration_scores: () => `source = ${quote(DEMO_SOURCE)}`,
  surveys: () => `source = ${quote(DEMO_SOURCE)}`,
  workforce_intervals: () => `program_id IN (${PROGRAM_IDS()})`,
  agent_schedules: () => `source = ${quote(DEMO_SOURCE)}`,
  agent_states: () => `source = ${quote(DEMO_SOURCE)}`,
  people: () => `program_id IN (${PROGRAM_IDS()})`,
  absences: () => `program_id IN (${PROGRAM_IDS()})`,
  support_events: () => `source = ${quote(DEMO_SOURCE)}`,
  system_hours: () => `system_id IN (${SYSTEM_IDS()})`,
  system_outages: () => `system_id IN (${SYSTEM_IDS()})`,
  employee_surveys: () => `source = ${quote(DEMO_SOURCE)}`,
  client_surveys: () => `source = ${quote(DEMO_SOURCE)}`,
  complaints: () => `source = ${quote(DEMO_SOURCE)}`,
  costs: () => `program_id IN (${PROGRAM_IDS()})`,
  cost_drivers: () => `program_id IN (${PROGRAM_IDS()})`,
  footfall: () => `program_id IN (${PROGRAM_IDS()})`,
  mystery_shops: () => `source = ${quote(DEMO_SOURCE)}`,
  list_records: () => `source = ${quote(DEMO_SOURCE)}`,
  network_intervals: () => `program_id IN (${PROGRAM_IDS()})`,
  stock_counts: () => `source = ${quote(DEMO_SOURCE)}`,
};

/** An order-independent hash of the demo's rows in `dataset` (default contacts), every canonical column included. */
export async function demoChecksum(warehouse: Warehouse, dataset: DemoDataset = "contacts"): Promise<string> {
  const columns = Object.keys(DATASETS[dataset]!.columns).join(", ");
  const [row] = await warehouse.all<{ checksum: string | null }>(
    `SELECT CAST(bit_xor(hash(${columns})) AS VARCHAR) AS checksum FROM ${dataset} WHERE ${DEMO_ROWS[dataset]()}`,
  );
  return row?.checksum ?? "0";
}

export async function generateDemo(warehouse: Warehouse, options: DemoOptions = {}): Promise<DemoSummary> {
  const started = performance.now();
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  const requested = options.contacts ?? DEMO_DEFAULTS.contacts;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`seed must be a whole number ≥ 0, got ${seed}`);
  if (!Number.isSafeInteger(requested) || requested < 1) {
    throw new Error(`contacts must be a whole number ≥ 1, got ${requested}`);
  }
  const window = demoWindow(options.months ?? DEMO_DEFAULTS.months, options.end, options.today);
  const simulation = new DemoSimulation({ seed, contacts: requested, window });

  // The organisation, through the ordinary import.
  options.onPhase?.("organisation");
  const organisationStarted = performance.now();
  const batches: Partial<Record<DemoDataset, number>> = {};
  const folder = mkdtempSync(join(tmpdir(), "cxpm-demo-"));
  try {
    for (const [dataset, rows] of Object.entries(organisationRows())) {
      const file = join(folder, `cxpm-demo-${dataset}.json`);
      writeFileSync(file, JSON.stringify(rows));
      const summary = await importFiles(warehouse, { mapping: identityMapping(dataset), files: [file] });
      batches[dataset as DemoDataset] = summary.batchId!;
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const organisationSeconds = since(organisationStarted);

  // Contacts and what comes with them, streamed day by day, all or nothing.
  options.onPhase?.("generate");
  const generateStarted = performance.now();
  const startedAt = Date.now() / 1000;
  const days = window.dates.length;
  const invocation = `cxpm demo --seed ${seed} --months ${window.months} --contacts ${requested} --end ${window.to}`;
  await warehouse.transaction(async () => {
    const ids = {} as Record<StagedDataset | (typeof LATER_DATASETS)[number], number>;
    for (const dataset of [...STAGED_DATASETS, ...LATER_DATASETS] as const) {
      ids[dataset] = (await warehouse.all<{ id: number }>("SELECT nextval('batch_ids') AS id"))[0]!.id;
      await warehouse.run(`DELETE FROM ${dataset} WHERE ${DEMO_ROWS[dataset]()}`);
    }
    const stage = await DemoStage.open(warehouse, ids);
    for (let d = 0; d < days; d++) {
      simulation.day(d, stage);
      if (stage.full) await stage.drain();
      options.onProgress?.(d + 1, days);
      // Let timers (a progress bar) run between days.
      await new Promise((resolve) => setImmediate(resolve));
    }
    simulation.finish(stage);
    await stage.close();
    // QA answers and calibration sessions score the transactions the demo monitored, and agent states follow
    // the contacts handled: all are written once those are in.
    const lastDate = window.dates[days - 1]!;
    const lastDay = `${lastDate.year}-${pad(lastDate.month)}-${pad(lastDate.day)}`;
    const loaded = {
      ...stage.loaded,
      ...(await loadDemoQaForms(warehouse, seed, window, ids.qa_form_attributes, ids.qa_answers)),
      calibration_scores: await loadDemoCalibration(warehouse, seed, ids.calibration_scores),
      ...(await loadDemoRealtime(warehouse, seed, lastDay, ids)),
    };
    for (const dataset of [...STAGED_DATASETS, ...LATER_DATASETS] as const) {
      await warehouse.run(
        "INSERT INTO import_batches VALUES ($1, $2, $3, NULL, $4, $5, $5, 0, 0, to_timestamp($6), $7)",
        [
          ids[dataset],
          dataset,
          invocation,
          createHash("sha256").update(`${DEMO_SOURCE}:${GENERATOR_VERSION}:${dataset}:${invocation}`).digest("hex"),
          loaded[dataset],
          startedAt,
          since(generateStarted),
        ],
      );
      batches[dataset] = ids[dataset];
    }
  });
  const generateSeconds = since(generateStarted);

  options.onPhase?.("components");
  const componentsStarted = performance.now();
  const components = await recomputeComponents(warehouse);
  const componentsSeconds = since(componentsStarted);

  if (options.out) options.onPhase?.("export");
  const exportStarted = performance.now();
  const files = options.out ? await exportDemo(warehouse, options.out) : [];
  const exportSeconds = since(exportStarted);

  const count = async (sql: string) => (await warehouse.all<{ n: number }>(sql))[0]?.n ?? 0;
  const rows = { metric_components: components } as Record<DemoDataset | "metric_components", number>;
  for (const dataset of DEMO_DATASETS) rows[dataset] = await count(`SELECT count(*) AS n FROM ${dataset}`);
  const demoContacts = await count(`SELECT count(*) AS n FROM contacts WHERE ${DEMO_ROWS.contacts()}`);
  return {
    seed,
    months: window.months,
    from: window.from,
    to: window.to,
    requestedContacts: requested,
    rows,
    otherContacts: rows.contacts - demoContacts,
    batches: batches as Record<DemoDataset, number>,
    checksum: await demoChecksum(warehouse),
    files,
    seconds: {
      organisation: organisationSeconds,
      generate: generateSeconds,
      components: componentsSeconds,
      export: exportSeconds,
      total: since(started),
    },
    contactsPerSecond: Math.round(demoContacts / Math.max(generateSeconds, 1e-9)),
  };
}

/** Writes the demo's rows of every dataset to `folder` as Parquet, in a stable order; returns the files. */
async function exportDemo(warehouse: Warehouse, folder: string): Promise<string[]> {
  mkdirSync(folder, { recursive: true });
  const files: string[] = [];
  for (const dataset of DEMO_DATASETS) {
    const table = DATASETS[dataset]!;
    const file = resolve(folder, `${dataset}.parquet`);
    const columns = Object.keys(table.columns).join(", ");
    await warehouse.run(
      `COPY (SELECT ${columns} FROM ${dataset} WHERE ${DEMO_ROWS[dataset]()} ORDER BY ${table.naturalKey.join(", ")}) TO ${quote(file)} (FORMAT parquet)`,
    );
    files.push(file);
  }
  return files;
}
