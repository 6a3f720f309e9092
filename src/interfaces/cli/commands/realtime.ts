/**
 * `cxpm wfm realtime`: a queue's day as it stood at a moment — the intraday reforecast and the staff it needs,
 * staff present against the plan (schedule attainment), each CSS's schedule adherence, and the alerts.
 */
import { join } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { isDate } from "../../../methods/forecasting/index.ts";
import type { Alert } from "../../../methods/realtime/index.ts";
import { OPEN_CONTACTS, type RealtimeReport, realtimeReport } from "../../../warehouse/realtime.ts";
import { Warehouse } from "../../../warehouse/warehouse.ts";
import { CliError, emit, number, percent, table } from "../output.ts";

const DEFAULT_DB = join(process.env.CXPM_DATA ?? "data", "warehouse.duckdb");

interface RealtimeOptions {
  queue: string;
  db: string;
  day?: string;
  at?: string;
  threshold: number;
  last: number;
  adherenceMin: number;
  json?: boolean;
}

const positive = (what: string) => (value: string) => {
  const x = value.trim() === "" ? Number.NaN : Number(value);
  if (!(x > 0)) throw new InvalidArgumentError(`expected ${what}.`);
  return x;
};
const whole = (value: string) => {
  const x = Number(value);
  if (!(Number.isInteger(x) && x >= 1)) throw new InvalidArgumentError("expected a whole number of at least 1.");
  return x;
};

export function realtimeCommand(): Command {
  return new Command("realtime")
    .description("a queue's day at a moment: intraday reforecast, staffing, schedule attainment, adherence, alerts")
    .requiredOption("--queue <id>", "the queue")
    .option("--db <path>", "warehouse file", DEFAULT_DB)
    .option("--day <date>", "local day YYYY-MM-DD (default: the day of the queue's last contact)", (v: string) => {
      if (!isDate(v)) throw new InvalidArgumentError("expected a date written YYYY-MM-DD.");
      return v;
    })
    .option("--at <HH:MM>", "local time taken as now (default: the last moment of data that day)")
    .option(
      "--threshold <share>",
      "volume and handle-time deviation that raises an alert",
      positive("a share such as 0.1"),
      0.1,
    )
    .option("--last <intervals>", "elapsed intervals the deviation alerts look at", whole, 3)
    .option(
      "--adherence-min <minutes>",
      "minutes out of adherence that raise an alert",
      positive("minutes above 0"),
      10,
    )
    .option("--json", "print one JSON document")
    .action(async (options: RealtimeOptions) => {
      const warehouse = await Warehouse.open(options.db);
      try {
        const report = await realtimeReport(warehouse, {
          queue: options.queue,
          ...(options.day === undefined ? {} : { day: options.day }),
          ...(options.at === undefined ? {} : { at: options.at }),
          threshold: options.threshold,
          lastIntervals: options.last,
          adherenceMinutes: options.adherenceMin,
        }).catch((error: Error) => {
          throw new CliError(error.message);
        });
        emit(options.json, report, () => render(report));
      } finally {
        warehouse.close();
      }
    });
}

const timeOf = (report: RealtimeReport, seconds: number) =>
  new Date(seconds * 1000).toLocaleTimeString("en-GB", {
    timeZone: report.timeZone,
    hour: "2-digit",
    minute: "2-digit",
  });

/** One line per alert, as a real-time analyst reads it. */
export function describeAlert(report: RealtimeReport, alert: Alert): string {
  const slot = (i: number) => report.intervals[i]?.time ?? `#${i}`;
  switch (alert.kind) {
    case "volume":
    case "handle-time":
      return `${alert.kind === "volume" ? "volume" : "handle time"} ${alert.deviation > 0 ? "+" : ""}${percent(alert.deviation)} against forecast over ${slot(alert.fromInterval)}–${slot(alert.toInterval)} (beyond ±${percent(alert.threshold)})`;
    case "understaffed":
      return `${slot(alert.interval)} understaffed: ${number(alert.staff)} scheduled, ${alert.required} required by the reforecast`;
    case "out-of-adherence":
      return `${alert.agentId} out of adherence ${number(alert.minutes)} min from ${timeOf(report, alert.start)}${alert.ongoing ? ", still" : ` to ${timeOf(report, alert.end)}`}`;
  }
}

function render(r: RealtimeReport): string {
  const lines = [
    `${r.queue} (${r.program}, ${r.kind}) on ${r.day} at ${r.at} ${r.timeZone}; ${r.intervalMinutes}-minute intervals, forecast by ${r.forecastMethod}`,
    `Reforecast: ${number(r.reforecast.dayForecast)} contacts forecast for the day, ${number(r.reforecast.dayReforecast)} now (actual/forecast so far ${r.reforecast.ratio === null ? "—" : number(r.reforecast.ratio)}, ${percent(r.reforecast.arrived)} of the day arrived, rest ×${number(r.reforecast.volumeFactor)}, handle time ×${number(r.reforecast.handleTimeFactor)})`,
    `Schedule attainment so far: ${percent(r.attainment.deviation)} (deviation method), ${percent(r.attainment.inBand)} of intervals within 95–115% · adherence ${percent(r.adherence.overlap)} (overlap), ${percent(r.adherence.deviation)} (deviation)`,
    "",
    `Alerts (${r.alerts.length}):`,
    ...(r.alerts.length ? r.alerts.map((a) => `  ${describeAlert(r, a)}`) : ["  none"]),
    "",
    table(
      [
        "interval",
        "",
        "forecast",
        "actual",
        "reforecast",
        "AHT s",
        "required",
        "req. now",
        "scheduled",
        "present",
        "attainment",
      ],
      r.intervals
        .filter((i) => i.forecast >= OPEN_CONTACTS || i.scheduled > 0 || (i.actual ?? 0) > 0)
        .map((i) => [
          i.time,
          i.phase === "elapsed" ? "" : i.phase,
          number(i.forecast),
          i.actual ?? "",
          number(i.reforecast),
          i.reforecastAhtSeconds === null ? "—" : Math.round(i.reforecastAhtSeconds),
          i.requiredForecast,
          i.requiredReforecast,
          number(i.scheduled),
          number(i.present),
          percent(i.attainment),
        ]),
    ),
    "",
    table(
      ["CSS", "adherence (overlap)", "(deviation)", "minutes out", "scheduled now", "state now"],
      r.agents.map((a) => [
        a.agentId,
        percent(a.overlap),
        percent(a.deviation),
        number(a.outOfAdherenceMinutes),
        a.scheduledNow ?? "—",
        `${a.stateNow}${a.inAdherenceNow === false ? " (out)" : ""}`,
      ]),
    ),
  ];
  return lines.join("\n");
}
