/**
 * `cxpm import` and `cxpm metrics`: load source files into the warehouse, and read metrics out of it.
 */
import { join } from "node:path";
import { SingleBar } from "cli-progress";
import { Command, Option } from "commander";
import { loadPack } from "../../../standard/pack.ts";
import { ImportError, type ImportSummary, importFiles } from "../../../warehouse/import/load.ts";
import { identityMapping, loadMapping } from "../../../warehouse/import/mapping.ts";
import { DEFAULT_SETTINGS } from "../../../warehouse/metrics/components/index.ts";
import { metricValues } from "../../../warehouse/metrics/compute.ts";
import { describeSchema } from "../../../warehouse/schema/describe.ts";
import { DATASETS } from "../../../warehouse/schema/tables.ts";
import { Warehouse } from "../../../warehouse/warehouse.ts";
import { CliError, emit, number, table } from "../output.ts";

const DEFAULT_DB = join(process.env.CXPM_DATA ?? "data", "warehouse.duckdb");
const dbOption = () => new Option("--db <path>", "warehouse file").default(DEFAULT_DB);

/** A progress bar on a terminal, shown only once work has taken more than a second. */
function progress() {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const started = Date.now();
  let bar: SingleBar | undefined;
  return {
    update(done: number, total: number) {
      if (!bar && Date.now() - started < 1000) return;
      if (!bar) {
        bar = new SingleBar({
          format: "importing [{bar}] {percentage}% | {eta_formatted} left",
          stream: process.stderr,
        });
        bar.start(1000, 0);
      }
      bar.update(Math.round((done / total) * 1000));
    },
    stop: () => bar?.stop(),
  };
}

export function importCommand(): Command {
  return new Command("import")
    .description("load source files into a canonical dataset, all or nothing; repeating a load changes nothing")
    .addArgument(new Command().createArgument("<dataset>", "canonical dataset").choices(Object.keys(DATASETS)))
    .argument("<files...>", "CSV/TSV, JSON, NDJSON or Parquet files")
    .option("--mapping <file>", "YAML mapping from the source's columns (default: columns named as the dataset's)")
    .addOption(dbOption())
    .addOption(
      new Option(
        "--on-error <mode>",
        "fail: reject the whole load; quarantine: load good rows, write bad ones to --rejects",
      )
        .choices(["fail", "quarantine"])
        .default("fail"),
    )
    .option("--rejects <file>", "where quarantined rows go", "rejects.csv")
    .option("--json", "print one JSON document")
    .action(
      async (
        dataset: string,
        files: string[],
        options: { mapping?: string; db: string; onError: "fail" | "quarantine"; rejects: string; json?: boolean },
      ) => {
        const mapping = options.mapping ? loadMapping(options.mapping) : identityMapping(dataset);
        if (mapping.table.name !== dataset) {
          throw new CliError(`${options.mapping} maps to ${mapping.table.name}, not ${dataset}`);
        }
        const warehouse = await Warehouse.open(options.db);
        const bar = progress();
        let summary: ImportSummary;
        try {
          summary = await importFiles(warehouse, {
            mapping,
            files,
            onError: options.onError,
            rejectsFile: options.rejects,
            onProgress: bar.update,
            // The metric components follow in the same transaction: only the days the load touched, when few.
            components: DEFAULT_SETTINGS,
          });
        } catch (error) {
          if (error instanceof ImportError) throw new CliError(error.message);
          throw error;
        } finally {
          bar.stop();
          warehouse.close();
        }
        emit(options.json, { ...summary, problems: summary.problems.slice(0, 1000) }, () =>
          summary.alreadyLoaded
            ? `Already loaded with this mapping (batch ${summary.batchId}): nothing changed.`
            : [
                `Loaded ${dataset} (batch ${summary.batchId}) in ${number(summary.seconds)} s`,
                table(
                  ["rows read", "loaded", "rejected", "excluded"],
                  [[summary.read, summary.loaded, summary.rejected, summary.excluded]],
                ),
                ...Object.entries(summary.excludedBy).map(([reason, n]) => `  excluded ${n}: ${reason}`),
                ...(summary.rejectsFile ? [`Rejected rows and their reasons: ${summary.rejectsFile}`] : []),
                ...(summary.components ? [describeUpdate(summary.components)] : []),
              ].join("\n"),
        );
      },
    );
}

function describeUpdate(u: NonNullable<ImportSummary["components"]>): string {
  const parts = [
    ...(u.queriesByDay
      ? [`${u.queriesByDay} queries for the ${u.days} local day${u.days === 1 ? "" : "s"} touched`]
      : []),
    ...(u.queriesRebuilt ? [`${u.queriesRebuilt} rebuilt whole`] : []),
  ];
  if (parts.length === 0) return "Metric components: none read this dataset.";
  return `Metric components: ${parts.join(", ")}; ${number(u.rows)} rows written in ${number(u.seconds)} s`;
}

export function metricsCommand(): Command {
  return new Command("metrics")
    .description("metric values per period and scope, with the components behind them")
    .option("--from <YYYY-MM>", "first month")
    .option("--to <YYYY-MM>", "last month")
    .addOption(new Option("--by <period>", "period").choices(["month", "quarter"]).default("month"))
    .addOption(
      new Option("--scope <level>", "scope")
        .choices(["program", "location", "region", "service", "entity"])
        .default("program"),
    )
    .option("--metric <id...>", "only these metrics")
    .addOption(dbOption())
    .addOption(new Option("--json", "print one JSON document").conflicts("csv"))
    .option("--csv", "print CSV")
    .action(
      async (options: {
        from?: string;
        to?: string;
        by: "month" | "quarter";
        scope: "program";
        metric?: string[];
        db: string;
        json?: boolean;
        csv?: boolean;
      }) => {
        for (const [name, value] of [
          ["--from", options.from],
          ["--to", options.to],
        ] as const) {
          if (value !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(value))
            throw new CliError(`${name}: expected YYYY-MM, got "${value}"`, 2);
        }
        const warehouse = await Warehouse.open(options.db);
        try {
          const rows = await metricValues(warehouse, loadPack(), {
            by: options.by,
            scope: options.scope,
            ...(options.from ? { from: options.from } : {}),
            ...(options.to ? { to: options.to } : {}),
            ...(options.metric ? { metrics: options.metric } : {}),
          }).catch((error: Error) => {
            throw new CliError(error.message);
          });
          if (options.csv) {
            const lines = ["metric,period,scope,value,unit,n,lower_95,upper_95,components"];
            for (const r of rows)
              lines.push(
                [
                  r.metric,
                  r.period,
                  r.scope,
                  r.value ?? "",
                  r.unit,
                  r.interval?.n ?? "",
                  r.interval?.lower ?? "",
                  r.interval?.upper ?? "",
                  `"${JSON.stringify(r.components).replaceAll('"', '""')}"`,
                ].join(","),
              );
            process.stdout.write(`${lines.join("\n")}\n`);
            return;
          }
          emit(options.json, rows, () =>
            rows.length === 0
              ? "No metric has data yet: load contacts with `cxpm import contacts FILE --mapping …`."
              : table(
                  ["Metric", "Period", options.scope, "Value", "95% interval (n)", "Components"],
                  rows.map((r) => [
                    r.metric,
                    r.period,
                    r.scope,
                    `${number(r.value)} ${r.unit === "percent" ? "%" : r.unit}`,
                    r.interval
                      ? `${number(r.interval.lower)}–${number(r.interval.upper)} % (n ${number(r.interval.n)})`
                      : "",
                    Object.entries(r.components)
                      .map(([k, v]) => `${k} ${number(v)}`)
                      .join("\n"),
                  ]),
                ),
          );
        } finally {
          warehouse.close();
        }
      },
    );
}

export function schemaCommand(): Command {
  return new Command("schema")
    .description("the canonical datasets: columns, types, units, required or optional, natural keys")
    .option("--markdown", "print the Markdown documentation")
    .option("--json", "print one JSON document")
    .action((options: { markdown?: boolean; json?: boolean }) => {
      if (options.markdown) {
        process.stdout.write(describeSchema());
        return;
      }
      emit(options.json, DATASETS, () =>
        Object.values(DATASETS)
          .map(
            (t) =>
              `${t.name}: ${t.description}\n  key ${t.naturalKey.join(" + ")}; columns ${Object.keys(t.columns).join(", ")}`,
          )
          .join("\n"),
      );
    });
}
