/**
 * `cxpm demo`: generate the realistic demo operation — a multi-site outsourcer with months of contacts, agent
 * time, QA evaluations and survey answers — deterministically from a seed, into the warehouse.
 */
import { join } from "node:path";
import { SingleBar } from "cli-progress";
import { Command, InvalidArgumentError, Option } from "commander";
import { DEMO_DATASETS, DEMO_DEFAULTS, type DemoSummary, generateDemo } from "../../../warehouse/demo/generate.ts";
import { Warehouse } from "../../../warehouse/warehouse.ts";
import { CliError, emit, number, table } from "../output.ts";

const DEFAULT_DB = join(process.env.CXPM_DATA ?? "data", "warehouse.duckdb");

/** A whole number of at least `min`; digit groups may be separated by `_` or `,` (1_000_000). */
const whole =
  (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (text: string) => {
    const value = Number(text.replaceAll(/[_,]/g, ""));
    if (!/^\d[\d_,]*$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(
        `expected a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : " up"}.`,
      );
    }
    return value;
  };

/** A progress bar on a terminal, shown only once work has taken more than a second. */
function progress() {
  if (!process.stderr.isTTY) return { update: () => {}, note: () => {}, stop: () => {} };
  const started = Date.now();
  let bar: SingleBar | undefined;
  return {
    update(done: number, total: number) {
      if (!bar && Date.now() - started < 1000) return;
      if (!bar) {
        bar = new SingleBar({
          format: "generating [{bar}] {percentage}% | {value}/{total} days | {eta_formatted} left",
          stream: process.stderr,
        });
        bar.start(total, 0);
      }
      bar.update(done);
    },
    /** A line about the next phase, once the bar is done. */
    note(text: string) {
      bar?.stop();
      bar = undefined;
      if (Date.now() - started >= 1000) process.stderr.write(`${text}\n`);
    },
    stop: () => bar?.stop(),
  };
}

const PHASES: Record<string, string> = {
  components: "computing metric components…",
  export: "writing Parquet files…",
};

export function demoCommand(): Command {
  return new Command("demo")
    .description(
      "generate a realistic demo operation (3 sites, 8 programs, months of contacts) deterministically from a seed",
    )
    .option("--seed <n>", "random seed: the same seed gives the same data", whole(0), DEMO_DEFAULTS.seed)
    .option("--months <n>", "months of data", whole(1, 120), DEMO_DEFAULTS.months)
    .option("--contacts <n>", "about how many contacts in all", whole(1), DEMO_DEFAULTS.contacts)
    .option("--end <YYYY-MM>", "last month (default: the last full month before today)")
    .addOption(new Option("--db <path>", "warehouse file").default(DEFAULT_DB))
    .option("--out <dir>", "also write the generated tables there as Parquet (importable with cxpm import)")
    .option("--json", "print one JSON document")
    .action(
      async (options: {
        seed: number;
        months: number;
        contacts: number;
        end?: string;
        db: string;
        out?: string;
        json?: boolean;
      }) => {
        if (options.end !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(options.end)) {
          throw new CliError(`--end: expected YYYY-MM, got "${options.end}"`, 2);
        }
        const warehouse = await Warehouse.open(options.db);
        const bar = progress();
        let summary: DemoSummary;
        try {
          summary = await generateDemo(warehouse, {
            seed: options.seed,
            months: options.months,
            contacts: options.contacts,
            ...(options.end ? { end: options.end } : {}),
            ...(options.out ? { out: options.out } : {}),
            onProgress: bar.update,
            onPhase: (phase) => {
              const text = PHASES[phase];
              if (text) bar.note(text);
            },
          });
        } finally {
          bar.stop();
          warehouse.close();
        }
        emit(options.json, { db: options.db, ...summary }, () => render(summary, options.db));
      },
    );
}

function render(s: DemoSummary, db: string): string {
  const seconds = (x: number) => `${number(x)} s`;
  return [
    `Demo operation, seed ${s.seed}, ${s.from} to ${s.to} (${s.months} month${s.months === 1 ? "" : "s"}), in ${db}`,
    table(
      ["Table", "Rows", "Batch"],
      [
        ...DEMO_DATASETS.map((d) => [d, number(s.rows[d]), s.batches[d]]),
        ["metric_components", number(s.rows.metric_components), "—"],
      ],
    ),
    `Contacts, agent time, QA and surveys generated and loaded in ${seconds(s.seconds.generate)} ` +
      `(${number(s.contactsPerSecond)} contacts a second); metric components in ${seconds(s.seconds.components)}; ` +
      `${seconds(s.seconds.total)} in all.`,
    ...(s.otherContacts > 0
      ? [`The warehouse also holds ${number(s.otherContacts)} contacts from other sources; they were left alone.`]
      : []),
    `Checksum of the demo's contacts: ${s.checksum}`,
    ...(s.files.length > 0 ? [`Parquet files:\n  ${s.files.join("\n  ")}`] : []),
    `Next: cxpm metrics --db ${db} --scope program --metric rt.service_level`,
  ].join("\n");
}
