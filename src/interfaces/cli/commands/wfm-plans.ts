/**
 * `cxpm wfm schedule` and `cxpm wfm capacity`: a week's shifts chosen by the HiGHS integer program from
 * interval requirements (a CSV file, or a queue's forecast from the warehouse), and the weekly capacity plan
 * of a queue from its forecast, headcount, attrition and hiring lag.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { parse } from "csv-parse/sync";
import { capacityPlan } from "../../../methods/capacity/index.ts";
import {
  addDays,
  daysBetween,
  isDate,
  type ShrinkageForecast,
  shrinkageOn,
  WEEKDAY_NAMES,
  weekday,
} from "../../../methods/forecasting/index.ts";
import {
  DEFAULT_PATTERNS,
  parsePatterns,
  requirementsFromForecast,
  roster,
  type Schedule,
  type ShiftPattern,
  schedule,
} from "../../../methods/scheduling/index.ts";
import { shrinkageForecast } from "../../../warehouse/shrinkage.ts";
import { Warehouse } from "../../../warehouse/warehouse.ts";
import { forecastPlanningPeriod, queueSettings, trainedHeadcount } from "../../../warehouse/wfm.ts";
import { CliError, emit, number, percent, table } from "../output.ts";

const USAGE = 2;
const DEFAULT_DB = join(process.env.CXPM_DATA ?? "data", "warehouse.duckdb");

const parsed = (value: string) => (value.trim() === "" ? Number.NaN : Number(value));
const atLeast =
  (min: number, whole = false) =>
  (value: string) => {
    const x = parsed(value);
    if (!Number.isFinite(x) || x < min || (whole && !Number.isInteger(x))) {
      throw new InvalidArgumentError(`expected a ${whole ? "whole " : ""}number of at least ${min}.`);
    }
    return x;
  };
const share = (example: string) => (value: string) => {
  const x = parsed(value);
  if (!(x >= 0 && x < 1)) throw new InvalidArgumentError(`expected a share from 0 and below 1, e.g. ${example}.`);
  return x;
};
/** A share, or "forecast": the queue's shrinkage forecast (see `cxpm wfm shrinkage`). */
const shrinkageShare = (example: string) => (value: string) => {
  if (value.trim() === "forecast") return "forecast" as const;
  const x = parsed(value);
  if (!(x >= 0 && x < 1)) {
    throw new InvalidArgumentError(`expected a share from 0 and below 1, e.g. ${example}, or "forecast".`);
  }
  return x;
};
const slPercent = (value: string) => {
  const x = parsed(value);
  if (!(x > 1 && x < 100)) throw new InvalidArgumentError("expected a percent above 1 and below 100, e.g. 80.");
  return x;
};
const date = (value: string) => {
  if (!isDate(value)) throw new InvalidArgumentError("expected a date written YYYY-MM-DD.");
  return value;
};

/** Turns what the methods and the warehouse refuse into errors a person can act on (exit 1). */
async function attempt<T>(run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError((error as Error).message);
  }
}

const clock = (minute: number) =>
  `${String(Math.floor(minute / 60) % 24).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

// ---------------------------------------------------------------------------------------------- schedule

interface ScheduleOptions {
  requirements?: string;
  queue?: string;
  db: string;
  week?: string;
  patterns?: string;
  intervalMin: number;
  sl: number;
  thresholdS?: number;
  shrinkage: number | "forecast";
  underWeight: number;
  overWeight: number;
  timeLimit: number;
  json?: boolean;
  csv?: boolean;
}

interface Requirements {
  source: string;
  firstDay: string;
  intervalMinutes: number;
  required: number[];
  /** Shrinkage allowed for per day of a queue's week (one value when it is the same every day). */
  shrinkage?: number[];
}

export function scheduleCommand(): Command {
  return new Command("schedule")
    .description("a week's shifts from shift patterns by integer programming (HiGHS): coverage, LP gap, roster")
    .option("--requirements <file.csv>", "agents required per interval: start,required (or start,contacts,aht_seconds)")
    .option("--queue <id>", "or: forecast the queue from the warehouse and staff it by Erlang C")
    .option("--db <path>", "warehouse file (with --queue)", DEFAULT_DB)
    .option(
      "--week <date>",
      "with --queue: first day of the week to schedule (default: the Monday after the history)",
      date,
    )
    .option("--patterns <file.json>", "shift patterns (default: full-time 8.5 h and part-time 4 h, 5 days a week)")
    .option("--interval-min <minutes>", "with --queue: interval length in minutes", atLeast(1, true), 30)
    .option("--sl <percent>", "service-level target in percent, when staffing from contacts", slPercent, 80)
    .option("--threshold-s <seconds>", "service-level threshold (default: the queue's, else 20)", atLeast(0))
    .option(
      "--shrinkage <share>",
      'shrinkage besides the breaks the patterns place, e.g. 0.15; "forecast": the queue\'s forecast per weekday',
      shrinkageShare("0.15"),
      0.15,
    )
    .option("--under-weight <n>", "cost of one agent-hour short of the requirement", atLeast(0), 20)
    .option("--over-weight <n>", "cost of one agent-hour above the requirement", atLeast(0), 1)
    .option("--time-limit <seconds>", "stop the integer search after this long with the best schedule", atLeast(1), 10)
    .addOption(new Option("--json", "print one JSON document, with the roster").conflicts("csv"))
    .option("--csv", "print the coverage per interval as CSV")
    .action(async (options: ScheduleOptions) => {
      if ((options.requirements === undefined) === (options.queue === undefined)) {
        throw new CliError("give either --requirements FILE.csv or --queue ID", USAGE);
      }
      if (options.shrinkage === "forecast" && options.queue === undefined) {
        throw new CliError(
          "--shrinkage forecast needs --queue: the forecast is made from the queue's agent time",
          USAGE,
        );
      }
      const patterns = loadPatterns(options.patterns);
      const requirements = options.requirements
        ? readRequirements(options.requirements, options)
        : await queueRequirements(options);
      const result = await attempt(() =>
        schedule({
          required: requirements.required,
          intervalMinutes: requirements.intervalMinutes,
          patterns,
          firstWeekday: weekday(requirements.firstDay),
          weights: { underPerHour: options.underWeight, overPerHour: options.overWeight },
          timeLimitSeconds: options.timeLimit,
        }),
      );
      const perDay = 1440 / result.intervalMinutes;
      const startOf = (t: number) =>
        `${addDays(requirements.firstDay, Math.floor(t / perDay))}T${clock((t % perDay) * result.intervalMinutes)}`;
      if (options.csv) {
        const lines = ["start,required,scheduled,short,over"];
        for (const c of result.coverage)
          lines.push([startOf(c.interval), c.required, c.scheduled, c.short, c.over].join(","));
        process.stdout.write(`${lines.join("\n")}\n`);
        return;
      }
      const agents = result.daysOff ? roster(result) : [];
      const data = {
        source: requirements.source,
        firstDay: requirements.firstDay,
        ...(requirements.shrinkage ? { shrinkage: requirements.shrinkage } : {}),
        ...result,
        coverage: result.coverage.map((c) => ({ start: startOf(c.interval), ...c })),
        roster: agents.map((a) => ({
          id: a.id,
          pattern: a.pattern,
          days: a.days.map((s, d) =>
            s === null
              ? { day: addDays(requirements.firstDay, d), off: true }
              : {
                  day: addDays(requirements.firstDay, d),
                  start: clock(s.startMinute),
                  end: clock(s.startMinute + s.lengthMinutes),
                  breaks: s.breaks.map((b) => ({ start: clock(s.startMinute + b.offsetMinutes), minutes: b.minutes })),
                },
          ),
        })),
      };
      emit(options.json, data, () => renderSchedule(requirements, result));
    });
}

function loadPatterns(file: string | undefined): ShiftPattern[] {
  if (file === undefined) return parsePatterns({ patterns: DEFAULT_PATTERNS });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CliError(`${file}: ${(error as Error).message}`);
  }
  try {
    return parsePatterns(json);
  } catch (error) {
    const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    if (!issues) throw new CliError(`${file}: ${(error as Error).message}`);
    throw new CliError(`${file}: ${issues.map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`).join("; ")}`);
  }
}

/**
 * A requirements CSV: a `start` column (local YYYY-MM-DDTHH:MM; anything after the minutes, such as an offset,
 * is ignored) and either `required` (agents) or `contacts` and `aht_seconds` (as `cxpm wfm forecast --csv`
 * prints, staffed here by Erlang C). Intervals not listed need no one; the horizon is the whole days spanned.
 */
function readRequirements(file: string, options: ScheduleOptions): Requirements {
  let rows: Record<string, string>[];
  try {
    rows = parse(readFileSync(file, "utf8"), { columns: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new CliError(`${file}: ${(error as Error).message}`);
  }
  const columns = new Set(Object.keys(rows[0] ?? {}));
  const byWorkload = !columns.has("required");
  if (!columns.has("start") || (byWorkload && !(columns.has("contacts") && columns.has("aht_seconds")))) {
    throw new CliError(`${file}: expected columns start and required, or start, contacts and aht_seconds`);
  }
  const entries = rows.map((row, i) => {
    const start = row.start ?? "";
    const line = i + 2;
    const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})/.exec(start);
    if (!match || !isDate(match[1] as string)) {
      throw new CliError(`${file}, line ${line}: start "${start}" is not a local time YYYY-MM-DDTHH:MM`);
    }
    const value = (name: string) => {
      const text = row[name] ?? "";
      const x = text === "" ? Number.NaN : Number(text);
      if (!(Number.isFinite(x) && x >= 0))
        throw new CliError(`${file}, line ${line}: ${name} "${text}" is not a number ≥ 0`);
      return x;
    };
    const aht = byWorkload && (row.aht_seconds ?? "") === "" ? null : byWorkload ? value("aht_seconds") : null;
    return {
      day: match[1] as string,
      minute: Number(match[2]) * 60 + Number(match[3]),
      required: byWorkload ? null : value("required"),
      contacts: byWorkload ? value("contacts") : 0,
      aht,
    };
  });
  if (entries.length === 0) throw new CliError(`${file}: no intervals`);
  const firstDay = entries.map((e) => e.day).sort()[0] as string;
  const lastDay = entries
    .map((e) => e.day)
    .sort()
    .at(-1) as string;
  const absolute = entries.map((e) => daysBetween(firstDay, e.day) * 1440 + e.minute);
  const sorted = [...new Set(absolute)].sort((a, b) => a - b);
  let step = 1440;
  for (let i = 1; i < sorted.length; i++) step = Math.min(step, (sorted[i] as number) - (sorted[i - 1] as number));
  if (sorted.length === 1) step = 30;
  if (1440 % step !== 0 || absolute.some((m) => m % step !== 0)) {
    throw new CliError(
      `${file}: interval starts must fall on a grid of whole minutes dividing a day (found ${step} min)`,
    );
  }
  const count = (daysBetween(firstDay, lastDay) + 1) * (1440 / step);
  const workload = new Array<{ contacts: number; ahtSeconds: number | null }>(count).fill({
    contacts: 0,
    ahtSeconds: null,
  });
  const required = new Array<number>(count).fill(0);
  for (const [i, e] of entries.entries()) {
    const t = (absolute[i] as number) / step;
    if (e.required !== null) required[t] = e.required;
    else workload[t] = { contacts: e.contacts, ahtSeconds: e.aht };
  }
  return {
    source: file,
    firstDay,
    intervalMinutes: step,
    required: byWorkload
      ? staffed(workload, step, options, options.thresholdS ?? 20, [options.shrinkage as number])
      : required,
  };
}

/**
 * Positions per interval by Erlang C with shrinkage allowed for: one shrinkage for every day, or one per day
 * (a forecast's), day `d` taking `shrinkage[d]`.
 */
function staffed(
  workload: { contacts: number; ahtSeconds: number | null }[],
  intervalMinutes: number,
  options: ScheduleOptions,
  thresholdSeconds: number,
  shrinkage: readonly number[],
): number[] {
  const perDay = 1440 / intervalMinutes;
  return workload.flatMap((_, t) => {
    if (t % perDay !== 0) return [];
    const day = t / perDay;
    return requirementsFromForecast(workload.slice(t, t + perDay), {
      intervalMinutes,
      targets: { serviceLevel: { target: options.sl / 100, thresholdSeconds } },
      shrinkage: (shrinkage.length === 1 ? shrinkage[0] : shrinkage[day]) as number,
    });
  });
}

/** The queue's shrinkage forecast from its history up to `historyTo`, refused as a CLI error. */
async function forecastOfShrinkage(warehouse: Warehouse, queue: string, historyTo: string): Promise<ShrinkageForecast> {
  return (await attempt(() => shrinkageForecast(warehouse, { queue, to: historyTo }))).forecast;
}

/** A queue's week, forecast from the warehouse history and staffed by Erlang C. */
async function queueRequirements(options: ScheduleOptions): Promise<Requirements> {
  const warehouse = await Warehouse.open(options.db);
  try {
    const queue = await attempt(() => queueSettings(warehouse, options.queue as string));
    const forecast = await attempt(() =>
      forecastPlanningPeriod(warehouse, {
        queue: queue.queueId,
        ...(options.week === undefined ? {} : { from: options.week }),
        days: 7,
        intervalMinutes: options.intervalMin,
      }),
    );
    const { firstDay } = forecast;
    const workload = forecast.days.flatMap((d) =>
      d.contacts.map((contacts, k) => ({ contacts, ahtSeconds: d.ahtSeconds[k] ?? null })),
    );
    const threshold = options.thresholdS ?? queue.slThresholdSeconds ?? 20;
    const shrinkage =
      options.shrinkage === "forecast"
        ? await forecastOfShrinkage(warehouse, queue.queueId, forecast.historyTo)
        : options.shrinkage;
    const perDay =
      typeof shrinkage === "number" ? [shrinkage] : forecast.days.map((d) => shrinkageOn(shrinkage, d.day));
    const shrinkageText =
      typeof shrinkage === "number"
        ? `${percent(shrinkage)} shrinkage`
        : `shrinkage forecast by ${shrinkage.method} (${perDay.map(percent).join(", ")} from ${firstDay})`;
    return {
      source: `${forecast.scope} forecast by ${forecast.method} from history to ${forecast.historyTo} (${forecast.timeZone}), staffed by Erlang C at ${options.sl}% in ${threshold} s with ${shrinkageText}`,
      firstDay,
      intervalMinutes: forecast.intervalMinutes,
      required: staffed(workload, forecast.intervalMinutes, options, threshold, perDay),
      shrinkage: perDay,
    };
  } finally {
    warehouse.close();
  }
}

function renderSchedule(requirements: Requirements, s: Schedule): string {
  const hours = s.intervalMinutes / 60;
  const perDay = 1440 / s.intervalMinutes;
  const lines = [
    `Schedule from ${requirements.source}`,
    `${s.days} days from ${requirements.firstDay}, ${s.intervalMinutes}-minute intervals${s.cyclic ? " (the week wraps round)" : ""}`,
    "",
    `Solver: HiGHS, ${s.solver.status}; ${number(s.solver.candidateShifts)} candidate shifts, ${number(s.solver.shiftsSearched)} used by the LP relaxation`,
    `LP bound ${number(s.solver.lpBound)}, schedule ${number(s.solver.objective)}: gap to the LP bound ${percent(s.solver.lpGap)}`,
    `Solve time: LP ${number(s.solver.lpSeconds)} s, integer program ${number(s.solver.mipSeconds)} s`,
    "",
    `Coverage: ${percent(s.totals.coveredShare)} of ${number(s.totals.requiredHours)} required agent-hours met; ${number(s.totals.shortHours)} h short in ${s.totals.intervalsShort} intervals, ${number(s.totals.overHours)} h over`,
    `${s.totals.agents} agents, ${s.totals.shifts} shifts, ${number(s.totals.paidHours)} paid hours`,
    "",
    table(
      ["Pattern", "Agents", "Shifts", "Paid hours"],
      s.patterns.map((p) => [p.pattern, p.agents, p.shifts, number(p.paidHours)]),
    ),
    "",
  ];
  const rows: (string | number)[][] = [];
  for (let d = 0; d < s.days; d++) {
    const day = s.coverage.slice(d * perDay, (d + 1) * perDay);
    const sum = (f: (c: (typeof day)[number]) => number) => number(day.reduce((x, c) => x + f(c), 0) * hours);
    const date = addDays(requirements.firstDay, d);
    rows.push([
      `${WEEKDAY_NAMES[weekday(date)]} ${date}`,
      Math.max(...day.map((c) => c.required)),
      sum((c) => c.required),
      sum((c) => c.scheduled),
      sum((c) => c.short),
      sum((c) => c.over),
      s.shifts.filter((x) => x.day === d).reduce((x, y) => x + y.agents, 0),
    ]);
  }
  lines.push(table(["Day", "Peak required", "Required h", "Scheduled h", "Short h", "Over h", "Shifts"], rows));
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------- capacity

interface CapacityOptions {
  queue: string;
  db: string;
  weeks: number;
  headcount?: number;
  attrition: number;
  lagWeeks: number;
  shrinkage: number | "forecast";
  method: "erlang-c" | "workload";
  sl: number;
  thresholdS?: number;
  occupancy: number;
  hoursPerFte: number;
  intervalMin: number;
  json?: boolean;
}

export function capacityCommand(): Command {
  return new Command("capacity")
    .description("weekly capacity plan of a queue: required and planned FTE, the gap, and when to start hiring")
    .requiredOption("--queue <id>", "the queue to plan")
    .option("--db <path>", "warehouse file", DEFAULT_DB)
    .option("--weeks <n>", "weeks to plan, from the Monday after the history", atLeast(1, true), 26)
    .option(
      "--headcount <n>",
      "FTE working now (default: the program's trained CSSs on the roster's latest day)",
      atLeast(0),
    )
    .option("--attrition <share>", "share of staff leaving per month", share("0.03"), 0.03)
    .option("--lag-weeks <n>", "weeks from a hire's start to live work (recruiting and training)", atLeast(0, true), 6)
    .option(
      "--shrinkage <share>",
      'share of paid time not available for contacts; "forecast": the queue\'s weekly forecast',
      shrinkageShare("0.3"),
      0.3,
    )
    .addOption(
      new Option("--method <method>", "erlang-c: per interval at the service-level target; workload: hours / occupancy")
        .choices(["erlang-c", "workload"])
        .default("erlang-c"),
    )
    .option("--sl <percent>", "service-level target in percent (erlang-c)", slPercent, 80)
    .option("--threshold-s <seconds>", "service-level threshold (default: the queue's, else 20)", atLeast(0))
    .option("--occupancy <share>", "planned occupancy (workload)", share("0.85"), 0.85)
    .option("--hours-per-fte <hours>", "paid hours of one FTE per week", atLeast(1), 40)
    .option("--interval-min <minutes>", "interval length of the forecast", atLeast(1, true), 30)
    .option("--json", "print one JSON document")
    .action(async (options: CapacityOptions) => {
      const warehouse = await Warehouse.open(options.db);
      try {
        const queue = await attempt(() => queueSettings(warehouse, options.queue));
        const forecast = await attempt(() =>
          forecastPlanningPeriod(warehouse, {
            queue: queue.queueId,
            days: 7 * options.weeks,
            intervalMinutes: options.intervalMin,
          }),
        );
        const firstWeek = forecast.firstDay;
        const roster = options.headcount === undefined ? await trainedHeadcount(warehouse, queue.programId) : null;
        if (options.headcount === undefined && roster === null) {
          throw new CliError(
            `the warehouse's people roster has no one in program ${queue.programId}: give --headcount`,
          );
        }
        const headcount = options.headcount ?? (roster?.heads as number);
        const threshold = options.thresholdS ?? queue.slThresholdSeconds ?? 20;
        const shrinkageModel =
          options.shrinkage === "forecast"
            ? await forecastOfShrinkage(warehouse, queue.queueId, forecast.historyTo)
            : null;
        const shrinkage = shrinkageModel?.weekly ?? (options.shrinkage as number);
        const shrinkageFrom = shrinkageModel
          ? `forecast by ${shrinkageModel.method} from history to ${shrinkageModel.historyTo}`
          : "--shrinkage";
        const weeks = Array.from({ length: options.weeks }, (_, w) =>
          forecast.days
            .slice(7 * w, 7 * w + 7)
            .flatMap((d) => d.contacts.map((contacts, k) => ({ contacts, ahtSeconds: d.ahtSeconds[k] ?? null }))),
        );
        const plan = await attempt(() =>
          capacityPlan({
            firstWeek,
            weeks,
            intervalMinutes: forecast.intervalMinutes,
            staffing:
              options.method === "workload"
                ? { method: "workload", occupancy: options.occupancy }
                : {
                    method: "erlang-c",
                    targets: { serviceLevel: { target: options.sl / 100, thresholdSeconds: threshold } },
                  },
            shrinkage,
            hoursPerFte: options.hoursPerFte,
            headcount,
            attritionMonthly: options.attrition,
            lagWeeks: options.lagWeeks,
          }),
        );
        const data = {
          queue: queue.queueId,
          program: queue.programId,
          forecast: { method: forecast.method, historyTo: forecast.historyTo, timeZone: forecast.timeZone },
          settings: {
            headcount,
            headcountFrom: roster ? `trained CSSs of ${queue.programId} on ${roster.asOf}` : "--headcount",
            attritionMonthly: options.attrition,
            lagWeeks: options.lagWeeks,
            shrinkage,
            shrinkageFrom,
            hoursPerFte: options.hoursPerFte,
            ...(options.method === "workload"
              ? { occupancy: options.occupancy }
              : { serviceLevel: { target: options.sl / 100, thresholdSeconds: threshold } }),
          },
          ...plan,
        };
        emit(options.json, data, () => {
          const lines = [
            `Capacity plan of ${forecast.scope}, ${options.weeks} weeks from ${firstWeek}`,
            `Forecast by ${forecast.method} from history to ${forecast.historyTo}; required FTE by ${plan.method === "erlang-c" ? `Erlang C per ${forecast.intervalMinutes}-minute interval at ${options.sl}% in ${threshold} s` : `workload at ${percent(options.occupancy)} occupancy`}, ${percent(shrinkage)} shrinkage${shrinkageModel ? ` (${shrinkageFrom})` : ""}, ${number(options.hoursPerFte)} h per FTE`,
            `Headcount ${number(headcount)} (${data.settings.headcountFrom}); attrition ${percent(options.attrition)} a month (${percent(plan.weeklyAttrition)} a week); hires work live after ${options.lagWeeks} weeks`,
            "",
            table(
              ["Week", "Contacts", "Required FTE", "Planned FTE", "Gap", "Hire by", "Start (recommended)", "With them"],
              plan.weeks.map((w) => [
                w.week,
                number(Math.round(w.contacts)),
                number(w.requiredFte),
                number(w.plannedFte),
                number(w.gapFte),
                w.hireBy === null ? "" : `${w.hireBy}${w.late ? " (late)" : ""}`,
                w.recommendedStarts || "",
                number(w.recommendedFte),
              ]),
            ),
            "",
            `${plan.weeksShort} weeks short (${plan.weeksLate} beyond the reach of hiring now); recommended: start ${plan.recommendedHires} hires`,
          ];
          return lines.join("\n");
        });
      } finally {
        warehouse.close();
      }
    });
}
