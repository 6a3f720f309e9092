/**
 * The app database's tables as Kysely sees them. Columns are snake_case in SQL and camelCase here
 * (Kysely's CamelCasePlugin translates); the migrations in `migrations.ts` create them.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** Set by the database on insert, never written by a query. */
type CreatedAt = ColumnType<Date, never, never>;
/** Set by the database on insert; written explicitly on update. */
type UpdatedAt = ColumnType<Date, never, Date>;
/** A JSON document: written as its JSON text, read back as the parsed value. */
type Json = ColumnType<unknown, string | null, string | null>;

export interface EntitiesTable {
  id: string;
  name: string;
  /** `csp` (a customer service provider serving its own customers) or `osp` (an outsourcer). */
  provider: "csp" | "osp";
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface RegionsTable {
  id: string;
  entityId: string;
  name: string;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface LocationsTable {
  id: string;
  entityId: string;
  regionId: string | null;
  name: string;
  /** IANA time zone, e.g. Asia/Manila: local days and months are cut in it. */
  timeZone: string;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface ClientsTable {
  id: string;
  entityId: string;
  name: string;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface ServicesTable {
  id: string;
  entityId: string;
  name: string;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface ProgramsTable {
  id: string;
  /** Always the entity of the program's location. */
  entityId: string;
  locationId: string;
  serviceId: string;
  /** The client served; null for a CSP's own programs. */
  clientId: string | null;
  name: string;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface QueuesTable {
  id: string;
  programId: string;
  name: string;
  channel: string;
  kind: string;
  slThresholdSeconds: number | null;
  targetCycleSeconds: number | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface TargetsTable {
  id: Generated<number>;
  metricId: string;
  scopeLevel: string;
  scopeId: string;
  value: number;
  /** First month in force, YYYY-MM. */
  effectiveFrom: string;
  /** Last month in force, YYYY-MM; null while open-ended. Before `effectiveFrom` for a row replaced before it began. */
  effectiveTo: string | null;
  source: "benchmark" | "client" | "internal" | "comparative";
  /** YYYY-MM-DD, for targets set from comparative data. */
  comparativeDataDate: string | null;
  reason: string | null;
  benchmarkCondition: string | null;
  /** The benchmark the target was compared with when it was set (null when the metric has none). */
  benchmark: number | null;
  changedBy: string;
  changedAt: CreatedAt;
  /** The row that closed or replaced this one; null while this row is the latest word for its months. */
  closedBy: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  actor: string;
  action: string;
  subjectKind: string;
  subjectId: string;
  before: Json;
  after: Json;
}

/** A JSON document of a known shape: written as its JSON text, read back parsed. */
type JsonOf<T> = ColumnType<T, string, string>;

/** One import started from the app: queued, then running, then done or failed (see `src/app/imports.ts`). */
export interface ImportsTable {
  id: Generated<number>;
  /** The canonical dataset loaded, e.g. contacts. */
  dataset: string;
  /** The shipped mapping's name (e.g. anonymous-bank); null when the files use the dataset's own column names. */
  mapping: string | null;
  /** The uploaded files' names, in the order they were loaded. */
  files: JsonOf<string[]>;
  onError: "fail" | "quarantine";
  status: ColumnType<"queued" | "running" | "done" | "failed", "queued" | undefined, "running" | "done" | "failed">;
  /** How far through the files the load is, 0 to 1. */
  progress: ColumnType<number, never, number>;
  /** The warehouse's import batch (import_batches.batch_id). */
  batchId: number | null;
  /** The same files with the same mapping were loaded before: nothing changed. */
  alreadyLoaded: ColumnType<boolean, never, boolean>;
  rowsRead: ColumnType<number, never, number>;
  rowsLoaded: ColumnType<number, never, number>;
  rowsRejected: ColumnType<number, never, number>;
  rowsExcluded: ColumnType<number, never, number>;
  /** Rows left out by the mapping, per reason. */
  excludedBy: ColumnType<Record<string, number>, never, string>;
  seconds: number | null;
  /** Why the import failed, in one paragraph; null unless it failed. */
  error: string | null;
  /** The row problems found (file, line, field, value, expected), the first thousand. */
  problems: ColumnType<ImportProblem[], never, string>;
  /** How many row problems there were in all. */
  problemCount: ColumnType<number, never, number>;
  /** The CSV of rejected rows and their reasons, when rows were quarantined. */
  rejectsFile: string | null;
  createdBy: string;
  createdAt: CreatedAt;
  startedAt: ColumnType<Date | null, never, Date>;
  finishedAt: ColumnType<Date | null, never, Date>;
}

/** One problem with one source row, as the warehouse import reports it. */
export interface ImportProblem {
  readonly file: string;
  readonly line: number;
  readonly field: string;
  readonly value: string;
  readonly expected: string;
}

/**
 * A capacity plan or a schedule made in the app (see `src/app/wfm-plans.ts`): its inputs, a few headline
 * numbers for lists, and the whole result; draft until published to the warehouse's workforce intervals.
 */
export interface WfmPlansTable {
  id: Generated<number>;
  kind: "capacity" | "schedule";
  queueId: string;
  name: string;
  /** First local day planned, YYYY-MM-DD: a capacity plan's first week, a schedule's first day. */
  firstDay: string;
  /** Local days planned. */
  days: number;
  status: ColumnType<"draft" | "published", "draft" | undefined, "draft" | "published">;
  inputs: JsonOf<unknown>;
  summary: JsonOf<unknown>;
  result: JsonOf<unknown>;
  createdBy: string;
  createdAt: CreatedAt;
  publishedBy: ColumnType<string | null, never, string | null>;
  publishedAt: ColumnType<Date | null, never, Date | null>;
}

export interface Database {
  entities: EntitiesTable;
  regions: RegionsTable;
  locations: LocationsTable;
  clients: ClientsTable;
  services: ServicesTable;
  programs: ProgramsTable;
  queues: QueuesTable;
  targets: TargetsTable;
  auditLog: AuditLogTable;
  imports: ImportsTable;
  wfmPlans: WfmPlansTable;
}

export type TargetRow = Selectable<TargetsTable>;
export type NewTarget = Insertable<TargetsTable>;
export type TargetUpdate = Updateable<TargetsTable>;
export type ImportRow = Selectable<ImportsTable>;
