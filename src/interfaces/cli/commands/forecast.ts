/**
 * `cxpm wfm forecast`: contacts and handle time per local interval for a queue, from the warehouse history.
 * Backtests each method on the last days of the history against seasonal naive, forecasts with the best (or
 * the one asked for), and scores the forecast against what happened when the warehouse already holds it.
 */
import { join } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import {
  accuracy,
  addDays,
  BASELINE,
  type BacktestResult,
  backtest,
  dayCount,
  forecastWith,
  handleTimeForecast,
  isDate,
  METHODS,
  type MethodName,
  type SpecialDay,
  type Trend,
  WEEKDAY_NAMES,
  weekday,
  withoutSpecialDays,
} from "../../../methods/forecasting/index.ts";
import { type ForecastHistory, loadForecastHistory, localIntervals } from "../../../warehouse/forecast-history.ts";
import { Warehouse } from "../../../warehouse/warehouse.ts";
import { CliError, emit, number, percent, table } from "../output.ts";

const USAGE = 2;
const DEFAULT_DB = join(process.env.CXPM_DATA ?? "data", "warehouse.duckdb");

/** What --method offers, and the methods each choice backtests. */
const METHOD_GROUPS: Record<string, readonly MethodName[]> = {
  auto: METHODS,
  "seasonal-naive": ["seasonal-naive-week", "seasonal-naive-day"],
  "holt-winters": ["holt-winters-additive", "holt-winters-multiplicative"],
  "daily-profile": ["daily-profile"],
};

const wholeAtLeast = (min: number) => (value: string) => {
  const x = value.trim() === "" ? Number.NaN : Number(value);
  if (!Number.isInteger(x) || x < min) throw new InvalidArgumentError(`expected a whole number of at least ${min}.`);
  return x;
};

const date = (value: string) => {
  if (!isDate(value)) throw new InvalidArgumentError("expected a date written YYYY-MM-DD.");
  return value;
};

/** --special-day 2026-12-25=0 (repeatable): a date and the factor its forecast is multiplied by. */
const specialDay = (value: string, previous: SpecialDay[] = []) => {
  const [day, factorText] = value.split("=");
  const factor = Number(factorText);
  if (!day || !isDate(day) || factorText === undefined || !(Number.isFinite(factor) && factor >= 0)) {
    throw new InvalidArgumentError("expected DATE=FACTOR, e.g. 2026-12-25=0 for a closed day or 2026-12-24=0.6.");
  }
  return [...previous, { date: day, factor }];
};

interface ForecastOptions {
  queue?: string;
  program?: string;
  db: string;
  from?: string;
  to?: string;
  horizonDays: number;
  intervalMin: number;
  method: keyof typeof METHOD_GROUPS;
  holdoutDays: number;
  trend: Trend;
  specialDay?: SpecialDay[];
  json?: boolean;
  csv?: boolean;
}

export function forecastCommand(): Command {
  return new Command("forecast")
    .description("forecast contacts and handle time per interval from the warehouse, choosing the method by backtest")
    .option("--queue <id>", "the queue to forecast")
    .option("--program <id>", "the program to forecast (all its queues together)")
    .option("--db <path>", "warehouse file", DEFAULT_DB)
    .option("--from <date>", "first local day of the history (default: the first with contacts)", date)
    .option("--to <date>", "last local day of the history (default: the last with contacts)", date)
    .option("--horizon-days <n>", "days to forecast after the history", wholeAtLeast(1), 7)
    .option("--interval-min <minutes>", "interval length in minutes (dividing a day)", wholeAtLeast(1), 30)
    .addOption(
      new Option("--method <method>", "auto: the lowest backtest WAPE of all; or the best of one family")
        .choices(Object.keys(METHOD_GROUPS))
        .default("auto"),
    )
    .option("--holdout-days <n>", "last days of the history held out to score the methods", wholeAtLeast(1), 7)
    .addOption(
      new Option("--trend <trend>", "Holt-Winters trend").choices(["none", "additive", "damped"]).default("damped"),
    )
    .option(
      "--special-day <date=factor>",
      "a holiday or special day: left out of fitting, forecast × factor (repeatable)",
      specialDay,
    )
    .addOption(new Option("--json", "print one JSON document").conflicts("csv"))
    .option("--csv", "print the forecast per interval as CSV")
    .action(async (options: ForecastOptions) => {
      const warehouse = await Warehouse.open(options.db);
      try {
        const report = await forecastReport(warehouse, options);
        if (options.csv) {
          const lines = ["start,utc,contacts,aht_seconds"];
          for (const i of report.intervals) lines.push([i.start, i.utc, i.contacts, i.ahtSeconds ?? ""].join(","));
          process.stdout.write(`${lines.join("\n")}\n`);
          return;
        }
        emit(options.json, report, () => render(report));
      } finally {
        warehouse.close();
      }
    });
}

interface IntervalForecast {
  start: string;
  utc: string;
  contacts: number;
  ahtSeconds: number | null;
}

async function forecastReport(warehouse: Warehouse, options: ForecastOptions) {
  const specialDays = options.specialDay ?? [];
  const methods = METHOD_GROUPS[options.method] as readonly MethodName[];
  const history: ForecastHistory = await loadForecastHistory(warehouse, {
    ...(options.queue === undefined ? {} : { queue: options.queue }),
    ...(options.program === undefined ? {} : { program: options.program }),
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.to === undefined ? {} : { to: options.to }),
    intervalMinutes: options.intervalMin,
  }).catch((error: Error) => {
    throw new CliError(error.message);
  });
  const days = dayCount(history.volume);
  if (options.holdoutDays >= days) {
    throw new CliError(
      `--holdout-days ${options.holdoutDays} leaves no history to fit: the history has ${days} days`,
      USAGE,
    );
  }
  const settings = { specialDays, trend: options.trend };
  const scored: BacktestResult = backtest(history.volume, options.holdoutDays, methods, settings);
  const method = scored.best;
  if (method === null) {
    const reasons = scored.scores.map((s) => `${s.method}: ${s.error ?? "no contacts in the holdout"}`).join("; ");
    throw new CliError(
      `no method could be scored on the holdout (${reasons}); give a longer history or fewer holdout days`,
    );
  }
  const firstDay = addDays(history.volume.firstDay, days);
  const lastDay = addDays(firstDay, options.horizonDays - 1);
  const volume = forecastWith(method, history.volume, options.horizonDays, settings);
  const aht = handleTimeForecast(
    withoutSpecialDays(history.handled, specialDays),
    withoutSpecialDays(history.handleSeconds, specialDays),
    options.horizonDays,
  );
  const perDay = history.volume.intervalsPerDay;
  const intervals: IntervalForecast[] = [];
  for (let d = 0; d < options.horizonDays; d++) {
    for (const interval of localIntervals(addDays(firstDay, d), history.timeZone, history.intervalMinutes)) {
      const k = d * perDay + interval.slot;
      intervals.push({
        start: interval.start,
        utc: interval.utc,
        contacts: round(volume.values[k] as number),
        ahtSeconds: aht.values[k] === null ? null : round(aht.values[k] as number),
      });
    }
  }
  return {
    scope: history.scope,
    timeZone: history.timeZone,
    kind: history.kind,
    intervalMinutes: history.intervalMinutes,
    history: {
      from: history.volume.firstDay,
      to: addDays(firstDay, -1),
      daysWithData: history.daysWithData,
      gaps: history.gaps,
    },
    specialDays,
    backtest: scored,
    method,
    forecast: { from: firstDay, to: lastDay },
    actuals: await scoreAgainstActuals(warehouse, options, history, methods, settings, firstDay, lastDay),
    intervals,
  };
}

/**
 * When the warehouse already holds the forecast days, every method's forecast scored against them: the true
 * out-of-sample test (null when it holds none of them).
 */
async function scoreAgainstActuals(
  warehouse: Warehouse,
  options: ForecastOptions,
  history: ForecastHistory,
  methods: readonly MethodName[],
  settings: { specialDays: SpecialDay[]; trend: Trend },
  from: string,
  to: string,
) {
  const actual = await loadForecastHistory(warehouse, {
    ...(options.queue === undefined ? {} : { queue: options.queue }),
    ...(options.program === undefined ? {} : { program: options.program }),
    from,
    to,
    intervalMinutes: history.intervalMinutes,
  });
  if (actual.daysWithData === 0) return null;
  const scores = METHODS.filter((m) => m === BASELINE || methods.includes(m)).map((method) => {
    try {
      const masked = withoutSpecialDays(actual.volume, settings.specialDays);
      return { method, ...accuracy(masked, forecastWith(method, history.volume, options.horizonDays, settings)) };
    } catch (error) {
      return { method, wape: null, mape: null, error: (error as Error).message };
    }
  });
  const baseline = scores.find((s) => s.method === BASELINE)?.wape ?? null;
  return {
    daysWithData: actual.daysWithData,
    scores: scores.map((s) => ({ ...s, wapeVsBaseline: s.wape !== null && baseline ? s.wape / baseline : null })),
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

type Report = Awaited<ReturnType<typeof forecastReport>>;

function scoreTable(
  scores: readonly {
    method: string;
    wape: number | null;
    mape: number | null;
    wapeVsBaseline: number | null;
    error?: string;
  }[],
  chosen: string,
) {
  return table(
    ["Method", "WAPE", "MAPE", "WAPE vs seasonal naive"],
    scores.map((s) => [
      `${s.method}${s.method === chosen ? " (chosen)" : ""}`,
      s.error ?? percent(s.wape),
      percent(s.mape),
      s.wapeVsBaseline === null ? "—" : `${number(s.wapeVsBaseline)}×`,
    ]),
  );
}

function render(r: Report): string {
  const lines = [
    `Forecast of ${r.scope} (${r.kind}, ${r.timeZone}), ${r.intervalMinutes}-minute intervals`,
    `History ${r.history.from} to ${r.history.to}: ${r.history.daysWithData} days with contacts` +
      (r.history.gaps.length ? `; no data on ${r.history.gaps.join(", ")} (left out)` : ""),
    "",
    `Backtest: the last ${r.backtest.holdoutDays} days (from ${r.backtest.holdoutFirstDay}) forecast from the days before (MAPE leaves out intervals without contacts)`,
    scoreTable(r.backtest.scores, r.method),
  ];
  if (r.actuals) {
    lines.push(
      "",
      `Against what happened ${r.forecast.from} to ${r.forecast.to} (${r.actuals.daysWithData} days with contacts):`,
      scoreTable(r.actuals.scores, r.method),
    );
  }
  lines.push("", `Forecast ${r.forecast.from} to ${r.forecast.to} by ${r.method}`);
  lines.push(
    table(
      ["Interval start", "Day", "Contacts", "AHT (s)"],
      r.intervals.map((i) => [
        i.start.slice(0, 16).replace("T", " ") + i.start.slice(23),
        WEEKDAY_NAMES[weekday(i.start.slice(0, 10))] as string,
        number(i.contacts),
        number(i.ahtSeconds),
      ]),
    ),
  );
  return lines.join("\n");
}
