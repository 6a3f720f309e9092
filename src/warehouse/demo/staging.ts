/**
 * Loading the simulated operation into the canonical tables at speed.
 *
 * Why not `importFiles`: it reads source files, validates and parses every value from text, and holds every
 * row in memory before one load — right for real exports, but the demo must stream tens of millions of rows it
 * generated itself, already typed. So the simulation's numeric rows go through DuckDB's appender one data chunk
 * (2,048 rows) at a time into temporary all-DOUBLE staging tables; every half million contacts one
 * INSERT … SELECT per table turns them into canonical rows (text ids from small lookup tables, epoch seconds to
 * TIMESTAMPTZ, codes to their values, 0/1 to booleans) and the staging tables are emptied. Values are not
 * parsed, but the canonical tables' types and NOT NULL constraints still apply; `test/warehouse/demo.test.ts`
 * re-imports an exported run through `importFiles` to prove every row valid; and each table's load is
 * recorded in `import_batches` like any other.
 */
import { DOUBLE, type DuckDBAppender, DuckDBDataChunk, type DuckDBDoubleVector } from "@duckdb/node-api";
import type { Table } from "../schema/define.ts";
import {
  absences,
  agentTime,
  COST_CHANNELS,
  clientSurveys,
  complaints,
  contacts,
  costDrivers,
  costs,
  employeeSurveys,
  footfall,
  listRecords,
  mysteryShops,
  networkIntervals,
  people,
  qaEvaluations,
  SUPPORT_PROCESSES,
  stockCounts,
  supportEvents,
  surveys,
  systemHours,
  systemOutages,
  workforceIntervals,
} from "../schema/tables.ts";
import type { Warehouse } from "../warehouse.ts";
import { DEMO_SOURCE, LOCATIONS, PROGRAMS, QUEUES, SYSTEMS } from "./organisation.ts";
import {
  ABSENCE_CODES,
  type AbsenceRow,
  EMPLOYERS,
  type EmployeeSurveyRow,
  LEAVE_CODES,
  LIFECYCLE_POINTS,
  type PersonRow,
  ROLES,
} from "./people.ts";
import {
  type AgentDayRow,
  CALLBACK_VALUES,
  type ContactRow,
  type DemoSink,
  type DriverRow,
  type EvaluationRow,
  type FootfallRow,
  type IntervalRow,
  IVR_OUTCOMES,
  type ListRecordRow,
  MONITORING_MODES,
  type NetworkRow,
  type SurveyRow,
  WORK_KIND_LETTERS,
  WORK_KINDS,
} from "./simulation.ts";
import {
  type ClientSurveyRow,
  COMPLAINANTS,
  COST_CATEGORIES,
  type ComplaintRow,
  type CostRow,
  type MysteryShopRow,
  type OutageRow,
  type StockCountRow,
  type SupportEventRow,
  type SystemPeriodRow,
} from "./support.ts";

const CHUNK_ROWS = 2048;
/** Contacts moved into the canonical tables at a time: bounds memory, large enough for DuckDB to go parallel. */
const STAGE_ROWS = 500_000;

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const list = (values: readonly string[]) => `[${values.map(quote).join(", ")}]`;
const flag = (column: string) => `CAST(s.${column} AS BOOLEAN)`;
const instant = (column: string) => `to_timestamp(s.${column})`;
/** Days since 1970-01-01 as a date. */
const date = (column: string) => `DATE '1970-01-01' + CAST(s.${column} AS INTEGER)`;
const id = (column: string, width: number) => `lpad(CAST(CAST(s.${column} AS BIGINT) AS VARCHAR), ${width}, '0')`;
/** A code (0, 1, …) as the text it stands for. */
const code = (column: string, values: readonly string[]) => `(${list(values)})[CAST(s.${column} AS INTEGER) + 1]`;
const contactId = id("contact", 10);
/** A person of the roster: the id people, absences, contacts, QA evaluations and agent time all use. */
const personId = `'emp-' || ${id("person", 6)}`;

/** One staged table: its staging columns, how each canonical column is made from them, and the join. */
interface Staged {
  readonly table: Table;
  readonly columns: readonly string[];
  /** Canonical column → SQL over the staged row `s` and what `from` joins. */
  readonly expressions: Readonly<Record<string, string>>;
  readonly from: string;
}

const STAGED = {
  contacts: {
    table: contacts,
    columns: [
      "queue",
      "seq",
      "person",
      "customer",
      "arrived_at",
      "offered_at",
      "answered_at",
      "abandoned_at",
      "completed_at",
      "due_at",
      "wait_seconds",
      "talk_seconds",
      "hold_seconds",
      "acw_seconds",
      "callback",
      "resolved",
      "first_contact",
      "escalated",
      "escalated_correctly",
      "sale",
      "sale_value",
      "session_abandoned",
      "replies",
      "reply_wait",
      "invitation",
      "right_party",
      "record_closed",
      "lead_qualifying",
      "lead",
      "ivr_outcome",
      "routed_as_designed",
      "intent_matched",
      "eligible",
      "completed_in_service",
      "deflected",
      "transferred",
      "messages",
      "inputs",
      "inputs_recognized",
      "confidence_sum",
      "rework",
      "out_of_stock",
    ],
    expressions: {
      source: quote(DEMO_SOURCE),
      source_id: id("seq", 10),
      program_id: "q.program_id",
      queue_id: "q.queue_id",
      channel: "q.channel",
      kind: "q.kind",
      time_zone: "q.time_zone",
      agent_id: personId,
      customer_id: "q.client_code || '-c' || CAST(CAST(s.customer AS BIGINT) AS VARCHAR)",
      case_id: `CASE WHEN q.channel = 'back-office' THEN 'case-' || ${id("seq", 10)} END`,
      arrived_at: instant("arrived_at"),
      offered_at: instant("offered_at"),
      answered_at: instant("answered_at"),
      abandoned_at: instant("abandoned_at"),
      completed_at: instant("completed_at"),
      due_at: instant("due_at"),
      wait_seconds: "s.wait_seconds",
      talk_seconds: "s.talk_seconds",
      hold_seconds: "s.hold_seconds",
      acw_seconds: "s.acw_seconds",
      callback: code("callback", CALLBACK_VALUES),
      resolved: flag("resolved"),
      first_contact: flag("first_contact"),
      escalated: flag("escalated"),
      escalated_correctly: flag("escalated_correctly"),
      sale: flag("sale"),
      sale_value: "CAST(s.sale_value AS DECIMAL(18,4))",
      session_abandoned: flag("session_abandoned"),
      agent_replies: "s.replies",
      reply_wait_seconds: "s.reply_wait",
      chat_invitation: code("invitation", ["accepted", "declined"]),
      right_party: flag("right_party"),
      record_closed: flag("record_closed"),
      lead_qualifying: flag("lead_qualifying"),
      lead: flag("lead"),
      ivr_outcome: code("ivr_outcome", IVR_OUTCOMES),
      routed_as_designed: flag("routed_as_designed"),
      intent_matched: flag("intent_matched"),
      eligible: flag("eligible"),
      completed_in_service: flag("completed_in_service"),
      deflected: flag("deflected"),
      transferred_to_human: flag("transferred"),
      messages: "s.messages",
      inputs: "s.inputs",
      inputs_recognized: "s.inputs_recognized",
      confidence_sum: "s.confidence_sum",
      rework: flag("rework"),
      out_of_stock: flag("out_of_stock"),
    },
    from: "JOIN demo_queues q ON q.queue = s.queue",
  },
  qa_evaluations: {
    table: qaEvaluations,
    columns: [
      "seq",
      "contact",
      "queue",
      "person",
      "evaluator",
      "evaluated_at",
      "mode",
      "customer_error",
      "business_error",
      "compliance_error",
      "defect",
      "coached_at",
    ],
    expressions: {
      source: quote(DEMO_SOURCE),
      evaluation_id: `'qa-' || ${id("seq", 9)}`,
      program_id: "q.program_id",
      queue_id: "q.queue_id",
      kind: "q.kind",
      time_zone: "q.time_zone",
      evaluated_at: instant("evaluated_at"),
      contact_id: contactId,
      agent_id: personId,
      evaluator_id: `'qa-' || q.location_id || '-' || ${id("evaluator", 2)}`,
      mode: code("mode", MONITORING_MODES),
      customer_critical_error: flag("customer_error"),
      business_critical_error: flag("business_error"),
      compliance_critical_error: flag("compliance_error"),
      defect: flag("defect"),
      coached_at: instant("coached_at"),
    },
    from: "JOIN demo_queues q ON q.queue = s.queue",
  },
  surveys: {
    table: surveys,
    columns: ["seq", "contact", "queue", "answered_at", "satisfaction", "scale_max", "journey_score"],
    expressions: {
      source: quote(DEMO_SOURCE),
      response_id: `'csat-' || ${id("seq", 9)}`,
      program_id: "q.program_id",
      time_zone: "q.time_zone",
      answered_at: instant("answered_at"),
      contact_id: contactId,
      overall_satisfaction: "s.satisfaction",
      scale_max: "s.scale_max",
      journey: "CASE WHEN s.journey_score IS NOT NULL THEN q.service END",
      journey_score: "s.journey_score",
    },
    from: "JOIN demo_queues q ON q.queue = s.queue",
  },
  agent_time: {
    table: agentTime,
    columns: [
      "program",
      "kind",
      "person",
      "starts_at",
      "paid",
      "onsite",
      "productive",
      "available",
      "scheduled",
      "adherent",
      "chat_engaged",
    ],
    expressions: {
      agent_id: personId,
      program_id: "p.program_id",
      kind: code("kind", WORK_KINDS),
      time_zone: "p.time_zone",
      starts_at: instant("starts_at"),
      paid_seconds: "s.paid",
      paid_onsite_seconds: "s.onsite",
      productive_seconds: "s.productive",
      available_seconds: "s.available",
      scheduled_seconds: "s.scheduled",
      adherent_seconds: "s.adherent",
      chat_engaged_seconds: "s.chat_engaged",
    },
    from: "JOIN demo_programs p ON p.program = s.program",
  },
  workforce_intervals: {
    table: workforceIntervals,
    columns: [
      "queue",
      "starts",
      "minutes",
      "forecast",
      "actual",
      "capacity",
      "planned",
      "required",
      "scheduled",
      "present",
    ],
    expressions: {
      program_id: "q.program_id",
      queue_id: "q.queue_id",
      kind: "q.kind",
      time_zone: "q.time_zone",
      starts_at: instant("starts"),
      interval_minutes: "s.minutes",
      forecast_contacts: "s.forecast",
      actual_contacts: "s.actual",
      capacity_plan_staff: "s.capacity",
      planned_staff: "s.planned",
      required_staff: "s.required",
      scheduled_staff: "s.scheduled",
      actual_staff: "s.present",
    },
    from: "JOIN demo_queues q ON q.queue = s.queue",
  },
  people: {
    table: people,
    columns: [
      "person",
      "program",
      "role",
      "employer",
      "hired",
      "starts",
      "trained",
      "left_on",
      "reason",
      "backfilled",
      "position_ends",
      "met",
      "as_of",
      "team",
    ],
    expressions: {
      person_id: personId,
      program_id: "p.program_id",
      role: code("role", ROLES),
      employer: code("employer", EMPLOYERS),
      hired_on: date("hired"),
      starts_on: date("starts"),
      trained_on: date("trained"),
      left_on: date("left_on"),
      leave_reason: code("reason", LEAVE_CODES),
      backfilled: flag("backfilled"),
      position_ends_on: date("position_ends"),
      met_performance_after_training: flag("met"),
      as_of: date("as_of"),
      team_id: `CASE WHEN s.team IS NOT NULL THEN p.program_id || '-' || ${list(WORK_KIND_LETTERS)}[CAST(floor(s.team / 1000) AS INTEGER) + 1] || '-team-' || lpad(CAST(CAST(s.team % 1000 AS INTEGER) AS VARCHAR), 2, '0') END`,
    },
    from: "JOIN demo_programs p ON p.program = s.program",
  },
  absences: {
    table: absences,
    columns: ["person", "program", "day", "hours", "reason", "planned", "notice", "employer"],
    expressions: {
      person_id: personId,
      program_id: "p.program_id",
      absent_on: date("day"),
      hours: "s.hours",
      reason: code("reason", ABSENCE_CODES),
      planned: flag("planned"),
      notice_hours: "s.notice",
      employer: code("employer", EMPLOYERS),
    },
    from: "JOIN demo_programs p ON p.program = s.program",
  },
  support_events: {
    table: supportEvents,
    columns: [
      "seq",
      "process",
      "program",
      "opened",
      "due",
      "completed",
      "severity",
      "passed",
      "reopened",
      "units",
      "units_ok",
      "amount",
      "credited",
    ],
    expressions: {
      source: quote(DEMO_SOURCE),
      event_id: `${code("process", SUPPORT_PROCESSES)} || '-' || ${id("seq", 7)}`,
      process: code("process", SUPPORT_PROCESSES),
      program_id: "p.program_id",
      time_zone: "p.time_zone",
      opened_at: instant("opened"),
      due_at: instant("due"),
      completed_at: instant("completed"),
      severity: "CAST(CAST(s.severity AS INTEGER) + 1 AS VARCHAR)",
      passed: flag("passed"),
      reopened: flag("reopened"),
      units: "s.units",
      units_ok: "s.units_ok",
      amount: "CAST(s.amount AS DECIMAL(18,4))",
      credited_amount: "CAST(s.credited AS DECIMAL(18,4))",
    },
    from: "JOIN demo_programs p ON p.program = s.program",
  },
  system_hours: {
    table: systemHours,
    columns: ["system", "opens", "closes"],
    expressions: {
      system_id: "y.system_id",
      program_id: "y.program_id",
      kind: "y.kind",
      time_zone: "y.time_zone",
      opens_at: instant("opens"),
      closes_at: instant("closes"),
    },
    from: "JOIN demo_systems y ON y.system = s.system",
  },
  system_outages: {
    table: systemOutages,
    columns: ["system", "started", "ended"],
    expressions: {
      system_id: "y.system_id",
      started_at: instant("started"),
      ended_at: instant("ended"),
    },
    from: "JOIN demo_systems y ON y.system = s.system",
  },
  employee_surveys: {
    table: employeeSurveys,
    columns: ["seq", "program", "answered", "survey", "point", "role", "score", "scale_max"],
    expressions: {
      source: quote(DEMO_SOURCE),
      response_id: `'staff-' || ${id("seq", 7)}`,
      program_id: "p.program_id",
      time_zone: "p.time_zone",
      answered_at: instant("answered"),
      survey: code("survey", ["overall", "lifecycle"]),
      lifecycle_point: code("point", LIFECYCLE_POINTS),
      role: code("role", ROLES),
      overall_satisfaction: "s.score",
      scale_max: "s.scale_max",
    },
    from: "JOIN demo_programs p ON p.program = s.program",
  },
  client_surveys: {
    table: clientSurveys,
    columns: ["seq", "program", "answered", "score", "scale_max"],
    expressions: {
      source: quote(DEMO_SOURCE),
      response_id: `'client-' || ${id("seq", 6)}`,
      program_id: "p.program_id",
      time_zone: "p.time_zone",
      answered_at: instant("answered"),
      overall_satisfaction: "s.score",
      scale_max: "s.scale_max",
    },
    from: "JOIN demo_programs p ON p.program = s.program",
  },
  complaints: {
    table: complaints,
    columns: ["seq", "program", "complainant", "received", "respond_by", "responded", "resolve_by", "resolved"],
    expressions: {
      source: quote(DEMO_SOURCE),
      complaint_id: `'complaint-' || ${id("seq", 7)}`,
      program_id: "p.program_id",
      time_zone: "p.time_zone",
      complainant: code("complainant", COMPLAINANTS),
      received_at: instant("received"),
      respond_by: instant("respond_by"),
      responded_at: instant("responded"),
      resolve_by: instant("resolve_by"),
      resolved_at: instant("resolved"),
    },
    from: "JOIN demo_programs p ON p.program = s.program",
  },
  costs: {
    table: costs,
    columns: ["program", "day", "channel", "category", "amount"],
    expressions: {
      program_id: "p.program_id",
      booked_on: date("day"),
      channel: code("channel", COST_CHANNELS),
      category: code("category", COST_CATEGORIES),
      amount: "CAST(s.amount AS DECIMAL(18,4))",
      currency: "'USD'",
    },
    from: "JOIN demo_programs p ON p.program = s.program",
  },
  list_records: {
    table: listRecords,
    columns: ["seq", "queue", "supplied", "plan_by", "attempted", "closed", "contacted", "trace_attempted", "traced"],
    expressions: {
      source: quote(DEMO_SOURCE),
      record_id: `'account-' || ${id("seq", 8)}`,
      program_id: "q.program_id",
      list_id: "q.queue_id",
      time_zone: "q.time_zone",
      supplied_at: instant("supplied"),
      plan_by: instant("plan_by"),
      first_attempt_at: instant("attempted"),
      closed_at: instant("closed"),
      contacted: flag("contacted"),
      trace_attempted: flag("trace_attempted"),
      traced: flag("traced"),
    },
    from: "JOIN demo_queues q ON q.queue = s.queue",
  },
  network_intervals: {
    table: networkIntervals,
    columns: ["queue", "starts", "minutes", "offered", "blocked", "peak", "channels"],
    expressions: {
      program_id: "q.program_id",
      trunk_group: "q.queue_id",
      time_zone: "q.time_zone",
      starts_at: instant("starts"),
      interval_minutes: "s.minutes",
      calls_offered: "s.offered",
      calls_blocked: "s.blocked",
      peak_channels_in_use: "s.peak",
      channels: "s.channels",
    },
    from: "JOIN demo_queues q ON q.queue = s.queue",
  },
  stock_counts: {
    table: stockCounts,
    columns: ["count", "sku", "program", "counted", "book", "found"],
    expressions: {
      source: quote(DEMO_SOURCE),
      count_id: `'count-' || ${id("count", 5)}`,
      sku: `'sku-' || ${id("sku", 4)}`,
      program_id: "p.program_id",
      time_zone: "p.time_zone",
      counted_at: instant("counted"),
      book_quantity: "s.book",
      counted_quantity: "s.found",
    },
    from: "JOIN demo_programs p ON p.program = s.program",
  },
  footfall: {
    table: footfall,
    columns: ["program", "starts", "minutes", "people"],
    expressions: {
      program_id: "p.program_id",
      time_zone: "p.time_zone",
      starts_at: instant("starts"),
      interval_minutes: "s.minutes",
      people: "s.people",
    },
    from: "JOIN demo_programs p ON p.program = s.program",
  },
  mystery_shops: {
    table: mysteryShops,
    columns: ["seq", "program", "shopped", "score"],
    expressions: {
      source: quote(DEMO_SOURCE),
      shop_id: `'shop-' || ${id("seq", 5)}`,
      program_id: "p.program_id",
      time_zone: "p.time_zone",
      shopped_at: instant("shopped"),
      score: "s.score",
    },
    from: "JOIN demo_programs p ON p.program = s.program",
  },
  cost_drivers: {
    table: costDrivers,
    columns: ["program", "day", "units"],
    expressions: {
      program_id: "p.program_id",
      counted_on: date("day"),
      driver: "'transactions-handled'",
      units: "s.units",
    },
    from: "JOIN demo_programs p ON p.program = s.program",
  },
} as const satisfies Record<string, Staged>;

export type StagedDataset = keyof typeof STAGED;
export const STAGED_DATASETS = Object.keys(STAGED) as StagedDataset[];

/** One staging table with its chunk buffers and appender. */
class Stage {
  readonly buffers: Float64Array[];
  rows = 0;
  staged = 0;
  loaded = 0;
  private appender: DuckDBAppender | undefined;

  constructor(
    readonly name: StagedDataset,
    private readonly spec: Staged,
  ) {
    this.buffers = spec.columns.map(() => new Float64Array(CHUNK_ROWS));
  }

  get table() {
    return `demo_stage_${this.name}`;
  }

  async open(warehouse: Warehouse): Promise<void> {
    await warehouse.run(`DROP TABLE IF EXISTS ${this.table}`);
    await warehouse.run(`CREATE TEMP TABLE ${this.table} (${this.spec.columns.map((c) => `${c} DOUBLE`).join(", ")})`);
    this.appender = await warehouse.connection.createAppender(this.table, "main", "temp");
  }

  /** Call after filling row `rows` of the buffers. */
  advance(): void {
    if (++this.rows === CHUNK_ROWS) this.appendChunk();
  }

  /** Moves the staged rows into the canonical table under `batchId`. */
  async drain(warehouse: Warehouse, batchId: number): Promise<void> {
    this.appendChunk();
    this.appender?.closeSync();
    if (this.staged > 0) {
      await warehouse.run(this.insertSql(batchId));
      await warehouse.run(`DELETE FROM ${this.table}`);
      this.loaded += this.staged;
      this.staged = 0;
    }
    this.appender = await warehouse.connection.createAppender(this.table, "main", "temp");
  }

  async close(warehouse: Warehouse, batchId: number): Promise<void> {
    await this.drain(warehouse, batchId);
    this.appender?.closeSync();
    this.appender = undefined;
    await warehouse.run(`DROP TABLE ${this.table}`);
  }

  /** INSERT … SELECT from the staging table; a canonical column the demo does not fill stays empty. */
  private insertSql(batchId: number): string {
    const columns = Object.entries(this.spec.table.columns);
    const expressions: Readonly<Record<string, string>> = this.spec.expressions;
    const values = columns.map(([name, column]) => {
      const expression = expressions[name];
      if (expression !== undefined) return expression;
      if (column.required) throw new Error(`the demo does not fill the required ${this.name} column ${name}`);
      return "NULL";
    });
    return `INSERT INTO ${this.spec.table.name} (${columns.map(([n]) => n).join(", ")}, batch_id)
      SELECT ${values.join(", ")}, ${batchId} FROM ${this.table} s ${this.spec.from}`;
  }

  private appendChunk() {
    const count = this.rows;
    if (count === 0 || !this.appender) return;
    const chunk = DuckDBDataChunk.create(
      this.buffers.map(() => DOUBLE),
      count,
    );
    this.buffers.forEach((buffer, c) => {
      const vector = chunk.getColumnVector(c) as DuckDBDoubleVector;
      for (let i = 0; i < count; i++) {
        const value = buffer[i]!;
        vector.setItem(i, Number.isNaN(value) ? null : value);
      }
      vector.flush();
    });
    this.appender.appendDataChunk(chunk);
    this.staged += count;
    this.rows = 0;
  }
}

/**
 * The staged load of one demo run: a sink for the simulation, drained into the canonical tables under one batch
 * id per table. Use inside the load's transaction.
 */
export class DemoStage implements DemoSink {
  private readonly stages: Record<StagedDataset, Stage>;

  private constructor(
    private readonly warehouse: Warehouse,
    private readonly batches: Readonly<Record<StagedDataset, number>>,
  ) {
    this.stages = Object.fromEntries(STAGED_DATASETS.map((name) => [name, new Stage(name, STAGED[name])])) as Record<
      StagedDataset,
      Stage
    >;
  }

  static async open(warehouse: Warehouse, batches: Readonly<Record<StagedDataset, number>>): Promise<DemoStage> {
    const queues = QUEUES.map((queue, i) => {
      const program = PROGRAMS.find((p) => p.id === queue.program)!;
      const location = LOCATIONS.find((l) => l.id === program.location)!;
      const kind = (WORK_KINDS as readonly string[]).indexOf(queue.kind);
      return `(${i}, ${[
        queue.program,
        queue.id,
        queue.channel,
        queue.kind,
        // Digital channels have no agents; their letter never shows.
        WORK_KIND_LETTERS[kind] ?? "x",
        location.id,
        location.timeZone,
        program.client.split(" ")[0]!.toLowerCase(),
        program.service,
      ]
        .map(quote)
        .join(", ")})`;
    });
    const programs = PROGRAMS.map(
      (p, i) => `(${i}, ${quote(p.id)}, ${quote(LOCATIONS.find((l) => l.id === p.location)!.timeZone)})`,
    );
    const systems = SYSTEMS.map((system, i) => {
      const program = PROGRAMS.find((p) => p.id === system.program)!;
      const zone = LOCATIONS.find((l) => l.id === program.location)!.timeZone;
      return `(${i}, ${[system.id, system.program, system.kind, zone].map(quote).join(", ")})`;
    });
    await warehouse.run("DROP TABLE IF EXISTS demo_queues");
    await warehouse.run("DROP TABLE IF EXISTS demo_programs");
    await warehouse.run("DROP TABLE IF EXISTS demo_systems");
    await warehouse.run(
      `CREATE TEMP TABLE demo_systems AS SELECT * FROM (VALUES ${systems.join(", ")}) AS t(system, system_id, program_id, kind, time_zone)`,
    );
    await warehouse.run(
      `CREATE TEMP TABLE demo_queues AS SELECT * FROM (VALUES ${queues.join(", ")})
         AS t(queue, program_id, queue_id, channel, kind, kind_letter, location_id, time_zone, client_code, service)`,
    );
    await warehouse.run(
      `CREATE TEMP TABLE demo_programs AS SELECT * FROM (VALUES ${programs.join(", ")}) AS t(program, program_id, time_zone)`,
    );
    const stage = new DemoStage(warehouse, batches);
    for (const s of Object.values(stage.stages)) await s.open(warehouse);
    return stage;
  }

  contact(row: ContactRow): void {
    const s = this.stages.contacts;
    const b = s.buffers;
    const k = s.rows;
    b[0]![k] = row.queue;
    b[1]![k] = row.seq;
    b[2]![k] = row.person;
    b[3]![k] = row.customer;
    b[4]![k] = row.arrived;
    b[5]![k] = row.offered;
    b[6]![k] = row.answered;
    b[7]![k] = row.abandoned;
    b[8]![k] = row.completed;
    b[9]![k] = row.due;
    b[10]![k] = row.wait;
    b[11]![k] = row.talk;
    b[12]![k] = row.hold;
    b[13]![k] = row.acw;
    b[14]![k] = row.callback;
    b[15]![k] = row.resolved;
    b[16]![k] = row.firstContact;
    b[17]![k] = row.escalated;
    b[18]![k] = row.escalatedCorrectly;
    b[19]![k] = row.sale;
    b[20]![k] = row.saleValue;
    b[21]![k] = row.sessionAbandoned;
    b[22]![k] = row.replies;
    b[23]![k] = row.replyWait;
    b[24]![k] = row.invitation;
    b[25]![k] = row.rightParty;
    b[26]![k] = row.recordClosed;
    b[27]![k] = row.leadQualifying;
    b[28]![k] = row.lead;
    b[29]![k] = row.ivrOutcome;
    b[30]![k] = row.routedAsDesigned;
    b[31]![k] = row.intentMatched;
    b[32]![k] = row.eligible;
    b[33]![k] = row.completedInService;
    b[34]![k] = row.deflected;
    b[35]![k] = row.transferred;
    b[36]![k] = row.messages;
    b[37]![k] = row.inputs;
    b[38]![k] = row.inputsRecognized;
    b[39]![k] = row.confidenceSum;
    b[40]![k] = row.rework;
    b[41]![k] = row.outOfStock;
    s.advance();
  }

  evaluation(row: EvaluationRow): void {
    const s = this.stages.qa_evaluations;
    const b = s.buffers;
    const k = s.rows;
    b[0]![k] = row.seq;
    b[1]![k] = row.contact;
    b[2]![k] = row.queue;
    b[3]![k] = row.person;
    b[4]![k] = row.evaluator;
    b[5]![k] = row.evaluated;
    b[6]![k] = row.mode;
    b[7]![k] = row.customerError;
    b[8]![k] = row.businessError;
    b[9]![k] = row.complianceError;
    b[10]![k] = row.defect;
    b[11]![k] = row.coached;
    s.advance();
  }

  survey(row: SurveyRow): void {
    const s = this.stages.surveys;
    const b = s.buffers;
    const k = s.rows;
    b[0]![k] = row.seq;
    b[1]![k] = row.contact;
    b[2]![k] = row.queue;
    b[3]![k] = row.answered;
    b[4]![k] = row.satisfaction;
    b[5]![k] = row.scaleMax;
    b[6]![k] = row.journeyScore;
    s.advance();
  }

  agentDay(row: AgentDayRow): void {
    const s = this.stages.agent_time;
    const b = s.buffers;
    const k = s.rows;
    b[0]![k] = row.program;
    b[1]![k] = row.kind;
    b[2]![k] = row.person;
    b[3]![k] = row.starts;
    b[4]![k] = row.paid;
    b[5]![k] = row.onsite;
    b[6]![k] = row.productive;
    b[7]![k] = row.available;
    b[8]![k] = row.scheduled;
    b[9]![k] = row.adherent;
    b[10]![k] = row.chatEngaged;
    s.advance();
  }

  person(row: PersonRow): void {
    this.put("people", [
      row.person,
      row.program,
      row.role,
      row.employer,
      row.hired,
      row.starts,
      row.trained,
      row.left,
      row.reason,
      row.backfilled,
      row.positionEnds,
      row.met,
      row.asOf,
      row.team,
    ]);
  }

  absence(row: AbsenceRow): void {
    this.put("absences", [
      row.person,
      row.program,
      row.day,
      row.hours,
      row.reason,
      row.planned,
      row.notice,
      row.employer,
    ]);
  }

  interval(row: IntervalRow): void {
    this.put("workforce_intervals", [
      row.queue,
      row.starts,
      row.minutes,
      row.forecast,
      row.actual,
      row.capacity,
      row.planned,
      row.required,
      row.scheduled,
      row.present,
    ]);
  }

  supportEvent(row: SupportEventRow): void {
    this.put("support_events", [
      row.seq,
      row.process,
      row.program,
      row.opened,
      row.due,
      row.completed,
      row.severity,
      row.passed,
      row.reopened,
      row.units,
      row.unitsOk,
      row.amount,
      row.credited,
    ]);
  }

  systemPeriod(row: SystemPeriodRow): void {
    this.put("system_hours", [row.system, row.opens, row.closes]);
  }

  outage(row: OutageRow): void {
    this.put("system_outages", [row.system, row.started, row.ended]);
  }

  employeeSurvey(row: EmployeeSurveyRow): void {
    this.put("employee_surveys", [
      row.seq,
      row.program,
      row.answered,
      row.survey,
      row.point,
      row.role,
      row.score,
      row.scaleMax,
    ]);
  }

  clientSurvey(row: ClientSurveyRow): void {
    this.put("client_surveys", [row.seq, row.program, row.answered, row.score, row.scaleMax]);
  }

  complaint(row: ComplaintRow): void {
    this.put("complaints", [
      row.seq,
      row.program,
      row.complainant,
      row.received,
      row.respondBy,
      row.responded,
      row.resolveBy,
      row.resolved,
    ]);
  }

  cost(row: CostRow): void {
    this.put("costs", [row.program, row.day, row.channel, row.category, row.amount]);
  }

  listRecord(row: ListRecordRow): void {
    this.put("list_records", [
      row.seq,
      row.queue,
      row.supplied,
      row.planBy,
      row.attempted,
      row.closed,
      row.contacted,
      row.traceAttempted,
      row.traced,
    ]);
  }

  network(row: NetworkRow): void {
    this.put("network_intervals", [
      row.queue,
      row.starts,
      row.minutes,
      row.offered,
      row.blocked,
      row.peak,
      row.channels,
    ]);
  }

  stockCount(row: StockCountRow): void {
    this.put("stock_counts", [row.count, row.sku, row.program, row.counted, row.book, row.found]);
  }

  footfall(row: FootfallRow): void {
    this.put("footfall", [row.program, row.starts, row.minutes, row.people]);
  }

  mysteryShop(row: MysteryShopRow): void {
    this.put("mystery_shops", [row.seq, row.program, row.shopped, row.score]);
  }

  driver(row: DriverRow): void {
    this.put("cost_drivers", [row.program, row.day, row.units]);
  }

  /** Stages one row of a small table, its values in the order of its staging columns. */
  private put(name: StagedDataset, values: readonly number[]): void {
    const s = this.stages[name];
    values.forEach((value, c) => {
      s.buffers[c]![s.rows] = value;
    });
    s.advance();
  }

  /** Whether enough contacts are staged that `drain` should run. */
  get full(): boolean {
    return this.stages.contacts.staged >= STAGE_ROWS;
  }

  /** Rows moved into each canonical table so far. */
  get loaded(): Record<StagedDataset, number> {
    return Object.fromEntries(STAGED_DATASETS.map((name) => [name, this.stages[name].loaded])) as Record<
      StagedDataset,
      number
    >;
  }

  /** Moves every staged row into the canonical tables. */
  async drain(): Promise<void> {
    for (const name of STAGED_DATASETS) await this.stages[name].drain(this.warehouse, this.batches[name]);
  }

  /** Drains and drops the staging tables. */
  async close(): Promise<void> {
    for (const name of STAGED_DATASETS) await this.stages[name].close(this.warehouse, this.batches[name]);
    await this.warehouse.run("DROP TABLE demo_queues");
    await this.warehouse.run("DROP TABLE demo_programs");
    await this.warehouse.run("DROP TABLE demo_systems");
  }
}
