/**
 * `cxpm wfm shrinkage`: a program's (or a queue's) shrinkage history per week with its parts, and the
 * forecast per weekday and per week that `cxpm wfm capacity|schedule --shrinkage forecast` use.
 */
import { join } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { addDays, WEEKDAY_NAMES } from "../../../methods/forecasting/index.ts";
import { shrinkageForecast, shrinkageWeeks } from "../../../warehouse/shrinkage.ts";
import { Warehouse } from "../../../warehouse/warehouse.ts";
import { mondayFrom } from "../../../warehouse/wfm.ts";
import { CliError, emit, number, percent, table } from "../output.ts";

const DEFAULT_DB = join(process.env.CXPM_DATA ?? "data", "warehouse.duckdb");
/** Weeks of history the report shows (the forecast reads all of it). */
const HISTORY_WEEKS = 6;

interface ShrinkageOptions {
  program?: string;
  queue?: string;
  db: string;
  weeks: number;
  json?: boolean;
}

const wholeWeeks = (value: string) => {
  const x = value.trim() === "" ? Number.NaN : Number(value);
  if (!(Number.isInteger(x) && x >= 1)) throw new InvalidArgumentError("expected a whole number of at least 1.");
  return x;
};

export function shrinkageCommand(): Command {
  return new Command("shrinkage")
    .description("shrinkage history per week (absence, off site, off the phones) and its forecast per weekday and week")
    .option("--program <id>", "the program")
    .option("--queue <id>", "or a queue: its program's agent time of the queue's kind")
    .option("--db <path>", "warehouse file", DEFAULT_DB)
    .option("--weeks <n>", "weeks to forecast, from the Monday after the history", wholeWeeks, 4)
    .option("--json", "print one JSON document")
    .action(async (options: ShrinkageOptions) => {
      if (options.program === undefined && options.queue === undefined) {
        throw new CliError("give --program ID or --queue ID", 2);
      }
      const warehouse = await Warehouse.open(options.db);
      try {
        let result: Awaited<ReturnType<typeof shrinkageForecast>>;
        try {
          result = await shrinkageForecast(warehouse, {
            ...(options.program === undefined ? {} : { program: options.program }),
            ...(options.queue === undefined ? {} : { queue: options.queue }),
          });
        } catch (error) {
          throw new CliError((error as Error).message);
        }
        const { history, forecast } = result;
        const weeks = shrinkageWeeks(history.days).slice(-HISTORY_WEEKS);
        const firstWeek = mondayFrom(addDays(forecast.historyTo, 1));
        const data = {
          scope: history.scope,
          program: history.programId,
          queue: history.queueId,
          kind: history.kind,
          history: weeks,
          forecast: {
            ...forecast,
            byWeekday: forecast.byWeekday.map((shrinkage, d) => ({ weekday: WEEKDAY_NAMES[d], shrinkage })),
            weeks: Array.from({ length: options.weeks }, (_, w) => ({
              week: addDays(firstWeek, 7 * w),
              shrinkage: forecast.weekly,
            })),
          },
        };
        emit(options.json, data, () => {
          const share = (hours: number, paid: number) => (paid > 0 ? percent(hours / paid) : "—");
          return [
            `Shrinkage of ${history.scope}: 1 − (productive + available) / paid, absence hours counted as paid`,
            "",
            `History, last ${weeks.length} weeks (local days, weeks from Monday):`,
            table(
              [
                "Week",
                "Days",
                "Paid h",
                "Working h",
                "Absence planned",
                "Absence unplanned",
                "Off site",
                "Off phone",
                "Shrinkage",
              ],
              weeks.map((w) => [
                w.week,
                w.days,
                number(w.paidHours),
                number(w.workingHours),
                share(w.plannedAbsenceHours, w.paidHours),
                share(w.unplannedAbsenceHours, w.paidHours),
                share(w.offsiteHours, w.paidHours),
                share(w.offPhoneHours, w.paidHours),
                percent(w.shrinkage),
              ]),
            ),
            "",
            forecast.backtest
              ? `Forecast by ${forecast.method} from history to ${forecast.historyTo}; backtest on ${forecast.backtest.days} days from ${forecast.backtest.from}, mean absolute error in points: ${forecast.backtest.scores.map((s) => `${s.method} ${number(s.maePoints)}`).join(", ")}`
              : `Forecast by ${forecast.method} from history to ${forecast.historyTo} (under two weeks of history: no backtest)`,
            table(
              ["", ...WEEKDAY_NAMES, "Week"],
              [["Shrinkage", ...forecast.byWeekday.map(percent), percent(forecast.weekly)]],
            ),
            `Each of the ${options.weeks} weeks from ${firstWeek}: ${percent(forecast.weekly)} (no trend is forecast)`,
          ].join("\n");
        });
      } finally {
        warehouse.close();
      }
    });
}
