/**
 * `cxpm wfm`: workforce-management queueing from the command line — what a number of agents delivers
 * (Erlang B, C or A), and how many agents and scheduled positions a queue's targets need.
 */
import { Command, InvalidArgumentError, Option } from "commander";
import {
  type ErlangAMeasures,
  type ErlangBMeasures,
  type ErlangCMeasures,
  erlangAMeasures,
  erlangBMeasures,
  erlangCMeasures,
  offeredLoad,
  type Queue,
  SERVICE_LEVEL_DEFINITIONS,
  type ServiceLevelDefinition,
  type Staffing,
  type StaffingTargets,
  staffing,
} from "../../../methods/queueing/index.ts";
import { CliError, emit, number, percent, table } from "../output.ts";
import { forecastCommand } from "./forecast.ts";
import { realtimeCommand } from "./realtime.ts";
import { shrinkageCommand } from "./shrinkage.ts";
import { capacityCommand, scheduleCommand } from "./wfm-plans.ts";

// Command-line mistakes exit 2 like commander's own; a queue the models cannot handle exits 1.
const USAGE = 2;

const parsed = (value: string) => (value.trim() === "" ? Number.NaN : Number(value));

/** A finite number above 0 (or at least 0 with `orZero`). */
const positive =
  (orZero = false) =>
  (value: string) => {
    const x = parsed(value);
    if (!Number.isFinite(x) || x < 0 || (x === 0 && !orZero)) {
      throw new InvalidArgumentError(`expected a number ${orZero ? "of at least 0" : "above 0"}.`);
    }
    return x;
  };

const whole = (min: number) => (value: string) => {
  const x = parsed(value);
  if (!Number.isInteger(x) || x < min) throw new InvalidArgumentError(`expected a whole number of at least ${min}.`);
  return x;
};

/** A share: above 0 and below 1 (or at most 1 with `upToOne`; from 0 with `fromZero`). */
const share =
  (example: string, { upToOne = false, fromZero = false } = {}) =>
  (value: string) => {
    const x = parsed(value);
    const low = fromZero ? x >= 0 : x > 0;
    const high = upToOne ? x <= 1 : x < 1;
    if (!(low && high)) {
      throw new InvalidArgumentError(
        `expected a share ${fromZero ? "from 0" : "above 0"} and ${upToOne ? "at most 1" : "below 1"}, e.g. ${example}.`,
      );
    }
    return x;
  };

/** Service level as a percent, above 1 and below 100: 0.8 is refused as a share typed where a percent is due. */
const slPercent = (value: string) => {
  const x = parsed(value);
  if (!(x > 1 && x < 100))
    throw new InvalidArgumentError("expected a percent above 1 and below 100, e.g. 80 (not 0.8).");
  return x;
};

interface QueueOptions {
  calls: number;
  intervalMin: number;
  ahtS: number;
  patienceS?: number;
  slDefinition: ServiceLevelDefinition;
  json?: boolean;
}

/** The options every wfm subcommand shares: the workload, the callers' patience, the service-level definition. */
function withQueueOptions(command: Command): Command {
  return command
    .requiredOption("--calls <n>", "contacts offered in the interval", positive(true))
    .option("--interval-min <minutes>", "length of the interval in minutes", positive(), 30)
    .requiredOption(
      "--aht-s <seconds>",
      "average handle time in seconds (talk, hold and after-contact work)",
      positive(),
    )
    .option("--patience-s <seconds>", "Erlang A: callers' mean patience in seconds before abandoning", positive())
    .addOption(
      new Option(
        "--sl-definition <definition>",
        "Erlang A: how service level counts abandoned calls (offered: answered in time / offered)",
      )
        .choices(SERVICE_LEVEL_DEFINITIONS)
        .default("offered"),
    );
}

function queueFrom(options: QueueOptions, model: string): Queue {
  if (model === "a" && options.patienceS === undefined) {
    throw new CliError("--model a (Erlang A) needs --patience-s, the callers' mean patience in seconds", USAGE);
  }
  const ahtSeconds = options.ahtS;
  const load = offeredLoad({ calls: options.calls, intervalSeconds: options.intervalMin * 60, ahtSeconds });
  return { load, ahtSeconds, ...(model === "a" ? { patienceSeconds: options.patienceS } : {}) };
}

/** Runs a queueing computation; what the models refuse is input cxpm cannot use (exit 1). */
function compute<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError((error as Error).message);
  }
}

export function wfmCommand(): Command {
  return new Command("wfm")
    .description("workforce management: Erlang B/C/A measures, staffing to service-level targets, forecasts, shrinkage")
    .addCommand(erlangCommand())
    .addCommand(staffCommand())
    .addCommand(forecastCommand())
    .addCommand(shrinkageCommand())
    .addCommand(scheduleCommand())
    .addCommand(capacityCommand())
    .addCommand(realtimeCommand());
}

// ------------------------------------------------------------------------------------------------- erlang

type Measures = ErlangBMeasures | ErlangCMeasures | ErlangAMeasures;

function erlangCommand(): Command {
  return withQueueOptions(
    new Command("erlang")
      .description("what a number of agents delivers: probability of wait, service level, ASA, occupancy, abandonment")
      .addOption(
        new Option("--model <model>", "b: lost calls, c: callers wait, a: callers wait and may abandon")
          .choices(["b", "c", "a"])
          .default("c"),
      ),
  )
    .requiredOption("--agents <n>", "agents handling contacts", whole(1))
    .requiredOption("--threshold-s <seconds>", "service-level threshold in seconds", positive(true))
    .option("--json", "print one JSON document")
    .action((options: QueueOptions & { model: "b" | "c" | "a"; agents: number; thresholdS: number }) => {
      const queue = queueFrom(options, options.model);
      const measures: Measures = compute(() =>
        options.model === "b"
          ? erlangBMeasures(queue, options.agents, options.thresholdS)
          : options.model === "c"
            ? erlangCMeasures(queue, options.agents, options.thresholdS)
            : erlangAMeasures(queue, options.agents, options.thresholdS, {
                serviceLevelDefinition: options.slDefinition,
              }),
      );
      const data = { input: inputOf(options), ...measures };
      emit(options.json, data, () => [heading(options, measures.load), "", renderMeasures(measures)].join("\n"));
    });
}

const MODEL_NAMES = { b: "Erlang B", c: "Erlang C", a: "Erlang A" } as const;

function inputOf(options: QueueOptions) {
  return {
    calls: options.calls,
    intervalMinutes: options.intervalMin,
    ahtSeconds: options.ahtS,
    ...(options.patienceS === undefined ? {} : { patienceSeconds: options.patienceS }),
  };
}

function heading(options: QueueOptions & { model: "b" | "c" | "a" }, load: number): string {
  const patience = options.model === "a" ? `, mean patience ${number(options.patienceS)} s` : "";
  return (
    `${MODEL_NAMES[options.model]}: ${number(options.calls)} contacts in ${number(options.intervalMin)} min at AHT ` +
    `${number(options.ahtS)} s${patience} = ${number(load)} Erlangs offered`
  );
}

const seconds = (value: number) => (Number.isFinite(value) ? `${number(value)} s` : "unbounded");

function renderMeasures(m: Measures): string {
  const rows: (string | number)[][] = [["Agents", m.agents]];
  if (m.model === "b") {
    rows.push(["Blocking (lost contacts)", percent(m.blocking)]);
    rows.push([`Service level (answered at once, ${number(m.thresholdSeconds)} s)`, percent(m.serviceLevel)]);
  } else {
    rows.push(["Probability of wait", percent(m.probabilityOfWait)]);
    rows.push([`Service level (${number(m.thresholdSeconds)} s)`, percent(m.serviceLevel)]);
    rows.push(["ASA (answered contacts)", seconds(m.asaSeconds)]);
  }
  rows.push(["Occupancy", percent(m.occupancy)]);
  const notes: string[] = [];
  if (m.model === "c" && !m.stable) {
    notes.push("Agents do not exceed the offered load: the queue grows without bound (Erlang C has no steady state).");
  }
  if (m.model === "a") {
    rows.push(["Abandoned", percent(m.probabilityOfAbandon)]);
    rows.push([`  within ${number(m.thresholdSeconds)} s`, percent(m.abandonedWithinThreshold)]);
    rows.push([`  after ${number(m.thresholdSeconds)} s`, percent(m.abandonedAfterThreshold)]);
    rows.push(["Mean wait of all offered contacts", seconds(m.averageWaitSeconds)]);
    for (const definition of SERVICE_LEVEL_DEFINITIONS) {
      rows.push([
        `Service level, ${definition}${definition === m.serviceLevelDefinition ? " (used)" : ""}`,
        percent(m.serviceLevels[definition]),
      ]);
    }
  }
  return [table(["Measure", "Value"], rows), ...notes].join("\n");
}

// -------------------------------------------------------------------------------------------------- staff

interface StaffOptions extends QueueOptions {
  model: "c" | "a";
  sl?: number;
  thresholdS?: number;
  asaS?: number;
  maxOccupancy?: number;
  maxAbandon?: number;
  shrinkage: number;
  concurrency: number;
}

function staffCommand(): Command {
  return withQueueOptions(
    new Command("staff")
      .description("the fewest agents that meet every target given, and the positions to schedule after shrinkage")
      .addOption(
        new Option("--model <model>", "c: callers wait, a: callers wait and may abandon (needs --patience-s)")
          .choices(["c", "a"])
          .default("c"),
      ),
  )
    .option("--sl <percent>", "service-level target: percent answered within --threshold-s", slPercent)
    .option("--threshold-s <seconds>", "service-level threshold in seconds", positive(true))
    .option("--asa-s <seconds>", "ASA target: average speed of answer at most this many seconds", positive())
    .option("--max-occupancy <share>", "occupancy at most this share, e.g. 0.85", share("0.85", { upToOne: true }))
    .option(
      "--max-abandon <share>",
      "Erlang A: abandonment at most this share of offered contacts, e.g. 0.05",
      share("0.05"),
    )
    .option(
      "--shrinkage <share>",
      "share of paid time not available for contacts, e.g. 0.3",
      share("0.3", { fromZero: true }),
      0,
    )
    .option(
      "--concurrency <n>",
      "chat: contacts one agent handles at once (agents bring this many slots)",
      atLeastOne,
      1,
    )
    .option("--json", "print one JSON document")
    .action((options: StaffOptions) => {
      const queue = queueFrom(options, options.model);
      const targets = targetsFrom(options);
      const result = compute(() =>
        staffing({
          model: options.model,
          queue,
          targets,
          ...(options.thresholdS === undefined ? {} : { thresholdSeconds: options.thresholdS }),
          serviceLevelDefinition: options.slDefinition,
          shrinkage: options.shrinkage,
          concurrency: options.concurrency,
        }),
      );
      const data = { input: inputOf(options), targets, ...result };
      emit(options.json, data, () => renderStaffing(options, result));
    });
}

function atLeastOne(value: string): number {
  const x = parsed(value);
  if (!(x >= 1) || !Number.isFinite(x)) throw new InvalidArgumentError("expected a number of at least 1.");
  return x;
}

function targetsFrom(options: StaffOptions): StaffingTargets {
  if (options.sl !== undefined && options.thresholdS === undefined) {
    throw new CliError("--sl needs --threshold-s, the seconds within which contacts count as answered in time", USAGE);
  }
  if (options.maxAbandon !== undefined && options.model !== "a") {
    throw new CliError("--max-abandon needs --model a (Erlang A) and --patience-s", USAGE);
  }
  const targets: StaffingTargets = {
    ...(options.sl !== undefined && options.thresholdS !== undefined
      ? { serviceLevel: { target: options.sl / 100, thresholdSeconds: options.thresholdS } }
      : {}),
    ...(options.asaS === undefined ? {} : { maxAsaSeconds: options.asaS }),
    ...(options.maxOccupancy === undefined ? {} : { maxOccupancy: options.maxOccupancy }),
    ...(options.maxAbandon === undefined ? {} : { maxAbandonment: options.maxAbandon }),
  };
  if (Object.keys(targets).length === 0) {
    throw new CliError(
      "give at least one target: --sl with --threshold-s, --asa-s, --max-occupancy or --max-abandon",
      USAGE,
    );
  }
  return targets;
}

const BINDING_NAMES = {
  stability: "stability (agents above the offered load)",
  serviceLevel: "service level",
  asa: "ASA",
  occupancy: "occupancy",
  abandonment: "abandonment",
} as const;

function renderStaffing(options: StaffOptions, s: Staffing): string {
  const lines = [heading(options, s.load), ""];
  const slots = s.concurrency === 1 ? "" : ` (${s.servers} chat slots at concurrency ${number(s.concurrency)})`;
  lines.push(`Agents needed: ${s.agents}${slots}`);
  lines.push(`Scheduled positions at ${percent(s.shrinkage)} shrinkage: ${s.scheduled}`);
  if (s.binding.length) lines.push(`Set by: ${s.binding.map((b) => BINDING_NAMES[b]).join(", ")}`);
  if (s.measures) lines.push("", renderMeasures(s.measures));
  return lines.join("\n");
}
