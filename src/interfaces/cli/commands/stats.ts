/**
 * `cxpm stats`: the quality-management statistics from the command line — how many contacts to sample, the
 * confidence interval of a sampled pass rate, and rater agreement for a calibration session.
 */
import { readFileSync } from "node:fs";
import { Command, InvalidArgumentError, Option } from "commander";
import { CsvError } from "csv-parse";
import { parse } from "csv-parse/sync";
import {
  type CohensKappa,
  categoriesOf,
  cohensKappaOf,
  KAPPA_WEIGHTS,
  type KappaWeights,
} from "../../../methods/agreement/cohen.ts";
import { type FleissKappa, fleissKappaOf } from "../../../methods/agreement/fleiss.ts";
import {
  type Agreement,
  agreementWithReference,
  type GroupAgreement,
  groupAgreement,
  type Rating,
  type ReferenceAgreement,
} from "../../../methods/agreement/percent.ts";
import {
  PROPORTION_METHODS,
  type ProportionInterval,
  type ProportionMethod,
  proportionInterval,
} from "../../../methods/sampling/proportion.ts";
import {
  type FiniteCorrection,
  type Rounding,
  type SampleSize,
  sampleSize,
} from "../../../methods/sampling/sample-size.ts";
import { CliError, emit, percent, table } from "../output.ts";

// Command-line mistakes exit 2 like commander's own; a file cxpm cannot use exits 1.
const USAGE = 2;

/** A number strictly between 0 and 1: confidence levels, margins, proportions. */
const share = (example: string) => (value: string) => {
  const x = Number(value);
  if (value.trim() === "" || !(x > 0 && x < 1))
    throw new InvalidArgumentError(`expected a number between 0 and 1, e.g. ${example}.`);
  return x;
};

const whole = (min: number) => (value: string) => {
  const x = Number(value);
  if (value.trim() === "" || !Number.isInteger(x) || x < min)
    throw new InvalidArgumentError(`expected a whole number of at least ${min}.`);
  return x;
};

const confidenceOption = () =>
  new Option("--confidence <level>", "confidence level between 0 and 1").argParser(share("0.95")).default(0.95);

const fixed = (x: number, digits = 4) => x.toFixed(digits);
const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
const count = (x: number) => x.toLocaleString("en-US");

export function statsCommand(): Command {
  return new Command("stats")
    .description("sampling and calibration statistics: sample size, confidence intervals, rater agreement (kappa)")
    .addCommand(sampleSizeCommand())
    .addCommand(intervalCommand())
    .addCommand(kappaCommand());
}

// ---------------------------------------------------------------------------------------------- sample-size

function sampleSizeCommand(): Command {
  return new Command("sample-size")
    .description("how many contacts to evaluate to estimate a proportion (a pass rate) within a margin")
    .addOption(confidenceOption())
    .requiredOption("--margin <e>", "margin of error as a proportion: 0.05 for ±5 points", share("0.05"))
    .option("--population <N>", "contacts in the period; applies the finite-population correction", whole(1))
    .option("--p <p>", "anticipated proportion (0.5 gives the largest sample)", share("0.9"), 0.5)
    .addOption(
      new Option("--correction <form>", "finite-population form: cochran n0/(1+(n0-1)/N), simple n0/(1+n0/N), none")
        .choices(["cochran", "simple", "none"])
        .default("cochran"),
    )
    .addOption(
      new Option("--rounding <how>", "round the sample size up, to the nearest whole number, or not at all")
        .choices(["up", "nearest", "none"])
        .default("up"),
    )
    .option("--z-decimals <d>", "round z to d decimals first (2 gives the textbook 1.96); exact by default", whole(0))
    .option("--json", "print one JSON document")
    .action(
      (options: {
        confidence: number;
        margin: number;
        population?: number;
        p: number;
        correction: FiniteCorrection;
        rounding: Rounding;
        zDecimals?: number;
        json?: boolean;
      }) => {
        const result = sampleSize(options);
        emit(options.json, result, () => renderSampleSize(result));
      },
    );
}

function renderSampleSize(r: SampleSize): string {
  const N = r.population;
  const correction =
    r.correction === "cochran"
      ? `n  = n0 / (1 + (n0 - 1) / N) = ${fixed(r.n0, 2)} / (1 + ${fixed(r.n0 - 1, 2)} / ${N}) = ${fixed(r.exact, 2)}`
      : r.correction === "simple"
        ? `n  = n0 / (1 + n0 / N) = ${fixed(r.n0, 2)} / (1 + ${fixed(r.n0, 2)} / ${N}) = ${fixed(r.exact, 2)}`
        : `n  = n0${N !== null ? ", at most N" : ""}`;
  const rounded = r.rounding === "none" ? "" : ` → ${count(r.n)} (${r.rounding === "up" ? "rounded up" : "rounded"})`;
  return [
    `Sample size to estimate a proportion at ${percent(r.confidence)} confidence ` +
      `within ±${percent(r.margin)}, p = ${r.p}` +
      (N === null ? "" : `, population ${count(N)}`),
    "",
    `  z  = ${fixed(r.z, 6)}`,
    `  n0 = z² · p · (1 − p) / e² = ${fixed(r.n0, 2)}`,
    `  ${correction}${rounded}`,
    "",
    r.rounding === "none"
      ? `Sample ${fixed(r.n, 2)} contacts.`
      : `Evaluate ${count(r.n)} contacts${N === null ? "" : ` of ${count(N)}`}.`,
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------- interval

const METHOD_NAMES: Record<ProportionMethod, string> = {
  wilson: "Wilson score interval",
  "wilson-cc": "Wilson score interval with continuity correction",
  exact: "Clopper–Pearson exact interval",
};

function intervalCommand(): Command {
  return new Command("interval")
    .description("confidence interval for a sampled proportion: K of N evaluated contacts passed")
    .requiredOption("--successes <K>", "contacts that passed (or met the attribute)", whole(0))
    .requiredOption("--trials <N>", "contacts evaluated", whole(1))
    .addOption(
      new Option(
        "--method <method>",
        "wilson (score), wilson-cc (with continuity correction) or exact (Clopper–Pearson)",
      )
        .choices(PROPORTION_METHODS)
        .default("wilson"),
    )
    .addOption(confidenceOption())
    .option("--json", "print one JSON document")
    .action(
      (options: {
        successes: number;
        trials: number;
        method: ProportionMethod;
        confidence: number;
        json?: boolean;
      }) => {
        if (options.successes > options.trials) {
          throw new CliError(`--successes ${options.successes} is more than --trials ${options.trials}`, USAGE);
        }
        const result = proportionInterval(options.successes, options.trials, options);
        emit(options.json, result, () => renderInterval(result));
      },
    );
}

function renderInterval(r: ProportionInterval): string {
  return [
    `${count(r.successes)} of ${count(r.trials)} = ${pct(r.estimate, 2)}`,
    `${percent(r.confidence)} ${METHOD_NAMES[r.method]}: ${pct(r.lower, 2)} to ${pct(r.upper, 2)} ` +
      `(${fixed(r.lower)} to ${fixed(r.upper)})`,
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------- kappa

const KAPPA_HELP = `
The file is a CSV table with a header row. The first column is "item" (the evaluated contact); an optional
second column "attribute" names the form question, so that one row is one item and attribute; every other
column is one rater, and each cell is that rater's category label (yes/no, pass/fail, a score 1-5 ...).
Every rater must rate every row.

  item,attribute,gauge,ana,ben
  call-01,greeting,yes,yes,no
  call-01,verification,no,no,no

With two raters this prints Cohen's kappa (with --weights for ordered categories: numeric labels are scored
by their value, other labels need --categories to give their order); with more, Fleiss' kappa. Both come
with percent agreement, and with --reference each rater's agreement with that rater (the gauge), overall
and per attribute, and each rater's Cohen's kappa against it.
`;

interface KappaOptions {
  weights: KappaWeights;
  categories?: string[];
  reference?: string;
  confidence: number;
  json?: boolean;
}

/** The calibration table as read from the file. */
interface RatingTable {
  readonly raters: readonly string[];
  readonly hasAttributes: boolean;
  readonly rows: readonly { item: string; attribute: string | null; line: number; labels: readonly string[] }[];
}

function kappaCommand(): Command {
  return new Command("kappa")
    .description("rater agreement for calibration: Cohen's kappa for two raters, Fleiss' kappa for more")
    .argument("<file>", "CSV file: item[,attribute],rater1,rater2,… (see below), or - for standard input")
    .addOption(
      new Option("--weights <weights>", "Cohen's kappa weights for ordered categories")
        .choices(KAPPA_WEIGHTS)
        .default("none"),
    )
    .option("--categories <list>", "the categories in order, comma-separated (e.g. poor,fair,good)", (value: string) =>
      value.split(",").map((c) => c.trim()),
    )
    .option("--reference <rater>", "the reference (gauge) rater to compare every other rater with")
    .addOption(confidenceOption())
    .option("--json", "print one JSON document")
    .addHelpText("after", KAPPA_HELP)
    .action((file: string, options: KappaOptions) => {
      const data = kappa(nameOf(file), readRatings(file), options);
      emit(options.json, data, () => renderKappa(data));
    });
}

const nameOf = (file: string) => (file === "-" ? "standard input" : file);

function readRatings(file: string): RatingTable {
  const name = nameOf(file);
  let text: string;
  try {
    text = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // `info` adds the line number of each record, so that errors can name it.
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) throw new CliError(`${name}: ${error.message}`);
    throw error;
  }
  const [header, ...body] = records;
  if (!header) throw new CliError(`${name} is empty: expected a header row "item,rater1,rater2,…"`);
  const columns = header.record;
  if (columns[0]?.toLowerCase() !== "item") {
    throw new CliError(`${name} line ${header.info.lines}: the first column must be "item", got "${columns[0] ?? ""}"`);
  }
  const hasAttributes = columns[1]?.toLowerCase() === "attribute";
  const raters = columns.slice(hasAttributes ? 2 : 1);
  if (raters.length < 2) throw new CliError(`${name} line ${header.info.lines}: expected at least two rater columns`);
  const blank = raters.indexOf("");
  if (blank >= 0) throw new CliError(`${name} line ${header.info.lines}: rater column ${blank + 1} has no name`);
  const repeated = raters.find((r, i) => raters.indexOf(r) !== i);
  if (repeated) throw new CliError(`${name} line ${header.info.lines}: rater "${repeated}" appears twice`);

  const seen = new Map<string, number>();
  const rows = body.map(({ record, info }) => {
    const line = info.lines;
    const item = record[0]!;
    const attribute = hasAttributes ? record[1]! : null;
    if (item === "") throw new CliError(`${name} line ${line}: the item is empty`);
    if (hasAttributes && attribute === "") throw new CliError(`${name} line ${line}: the attribute is empty`);
    const key = JSON.stringify([item, attribute]);
    const first = seen.get(key);
    if (first !== undefined) {
      throw new CliError(`${name} line ${line}: ${describeRow(item, attribute)} already appears on line ${first}`);
    }
    seen.set(key, line);
    const labels = record.slice(hasAttributes ? 2 : 1);
    const missing = labels.indexOf("");
    if (missing >= 0) throw new CliError(`${name} line ${line}: rater "${raters[missing]}" has no rating`);
    return { item, attribute, line, labels };
  });
  if (rows.length === 0) throw new CliError(`${name} has a header but no ratings`);
  return { raters, hasAttributes, rows };
}

const describeRow = (item: string, attribute: string | null) =>
  attribute === null ? `item "${item}"` : `item "${item}", attribute "${attribute}"`;

interface KappaResult {
  file: string;
  confidence: number;
  rows: number;
  raters: readonly string[];
  attributes: string[] | null;
  categories: readonly string[];
  /** Scores the weights use, one per category; null for unweighted kappa. */
  scores: number[] | null;
  method: "cohen" | "fleiss";
  agreement: GroupAgreement;
  byAttribute: ({ attribute: string } & GroupAgreement)[] | null;
  cohen: CohensKappa | null;
  fleiss: FleissKappa | null;
  reference: (ReferenceAgreement & { kappa: ({ rater: string } & CohensKappa)[] }) | null;
}

function kappa(file: string, data: RatingTable, options: KappaOptions): KappaResult {
  const { raters, rows } = data;
  const { weights, reference, confidence } = options;
  if (reference !== undefined && !raters.includes(reference)) {
    throw new CliError(
      `--reference "${reference}" is not a rater in ${file}; the raters are ${raters.join(", ")}`,
      USAGE,
    );
  }
  if (weights !== "none" && raters.length > 2 && reference === undefined) {
    throw new CliError(
      `--weights ${weights} applies to Cohen's kappa: give two raters, or --reference to weigh each rater ` +
        "against it (Fleiss' kappa is unweighted)",
      USAGE,
    );
  }
  const categories = options.categories ?? categoriesOf(...rows.map((r) => r.labels));
  if (options.categories) {
    if (new Set(categories).size !== categories.length || categories.includes("")) {
      throw new CliError("--categories must list distinct, non-empty labels", USAGE);
    }
    for (const row of rows) {
      const i = row.labels.findIndex((l) => !categories.includes(l));
      if (i >= 0) {
        throw new CliError(
          `${file} line ${row.line}: rater "${raters[i]}" gave "${row.labels[i]}", ` +
            `not one of --categories ${categories.join(",")}`,
        );
      }
    }
  }
  const scores = weights === "none" ? null : scoresOf(file, data, categories, options);
  const kappaOptions = { weights, confidence, categories, ...(scores ? { scores } : {}) };
  const column = (rater: number) => rows.map((r) => r.labels[rater]!);
  const labelsByRow = rows.map((r) => r.labels);
  const attributes = data.hasAttributes ? [...new Set(rows.map((r) => r.attribute!))] : null;

  let referenceResult: KappaResult["reference"] = null;
  if (reference !== undefined) {
    const ratings: Rating[] = rows.flatMap((row) =>
      raters.map((rater, i) => ({
        item: row.item,
        rater,
        value: row.labels[i]!,
        ...(row.attribute === null ? {} : { attribute: row.attribute }),
      })),
    );
    const r = raters.indexOf(reference);
    referenceResult = {
      ...agreementWithReference(ratings, reference, confidence),
      kappa: raters
        .map((rater, i) => ({ rater, i }))
        .filter(({ i }) => i !== r)
        .map(({ rater, i }) => ({ rater, ...cohensKappaOf(column(r), column(i), kappaOptions) })),
    };
  }
  const two = raters.length === 2;
  return {
    file,
    confidence,
    rows: rows.length,
    raters,
    attributes,
    categories,
    scores,
    method: two ? "cohen" : "fleiss",
    agreement: groupAgreement(labelsByRow),
    byAttribute:
      attributes?.map((attribute) => ({
        attribute,
        ...groupAgreement(rows.filter((r) => r.attribute === attribute).map((r) => r.labels)),
      })) ?? null,
    cohen: two ? cohensKappaOf(column(0), column(1), kappaOptions) : null,
    fleiss: two ? null : fleissKappaOf(labelsByRow, categories),
    reference: referenceResult,
  };
}

/** Weighted kappa needs ordered categories: positions in --categories, else the labels' numeric values. */
function scoresOf(file: string, data: RatingTable, categories: readonly string[], options: KappaOptions): number[] {
  if (options.categories) return categories.map((_, i) => i);
  const numeric = (label: string) => label.trim() !== "" && Number.isFinite(Number(label));
  for (const row of data.rows) {
    const i = row.labels.findIndex((l) => !numeric(l));
    if (i >= 0) {
      throw new CliError(
        `--weights ${options.weights} needs ordered categories: ${file} line ${row.line} has the label ` +
          `"${row.labels[i]}" (rater "${data.raters[i]}"); give numeric scores or their order with --categories`,
        USAGE,
      );
    }
  }
  return categories.map(Number);
}

function renderKappa(k: KappaResult): string {
  const kappaText = (c: CohensKappa) =>
    c.kappa === null
      ? "undefined (every rating is in one category)"
      : `${fixed(c.kappa, 3)} (SE ${fixed(c.se!, 3)}, ` +
        `${percent(c.confidence)} CI ${fixed(c.lower!, 3)} to ${fixed(c.upper!, 3)})`;
  const weighting = k.cohen?.weights ?? k.reference?.kappa[0]?.weights ?? "none";
  const lines = [
    `${k.file}: ${count(k.rows)} ${k.attributes ? "item-attribute rows" : "items"} ` +
      `rated by ${k.raters.length} raters ` +
      `(${k.raters.join(", ")}); categories ${k.categories.join(", ")}`,
    "",
    k.raters.length === 2
      ? `Percent agreement: the two raters agree on ${count(k.agreement.unanimous)} of ${count(k.agreement.items)} ` +
        `(${pct(k.agreement.unanimousShare)})`
      : `Percent agreement: all raters agree on ${count(k.agreement.unanimous)} of ${count(k.agreement.items)} ` +
        `(${pct(k.agreement.unanimousShare)}); rater pairs agree ${pct(k.agreement.pairwiseShare)}`,
  ];
  if (k.cohen) {
    const c = k.cohen;
    lines.push(
      `Cohen's kappa${c.weights === "none" ? "" : ` (${c.weights} weights)`}: ${kappaText(c)}`,
      `  observed agreement ${pct(c.observed)}, expected by chance ${pct(c.expected)}`,
    );
  }
  if (k.fleiss) {
    const f = k.fleiss;
    lines.push(
      `Fleiss' kappa: ${f.kappa === null ? "undefined (every rating is in one category)" : fixed(f.kappa, 3)}` +
        (f.z === null ? "" : ` (z = ${fixed(f.z, 2)} against no agreement beyond chance)`),
    );
    // With two categories every category's kappa is the overall one.
    if (f.categories.length > 2) {
      lines.push(
        table(
          ["Category", "Share of ratings", "Kappa"],
          f.byCategory.map((c) => [c.category, pct(c.share), c.kappa === null ? "—" : fixed(c.kappa, 3)]),
        ),
      );
    }
  }
  if (k.byAttribute) {
    lines.push(
      "",
      "Per attribute:",
      table(
        ["Attribute", "Rows", "All agree", "Pairs agree"],
        k.byAttribute.map((a) => [a.attribute, a.items, pct(a.unanimousShare), pct(a.pairwiseShare)]),
      ),
    );
  }
  if (k.reference) {
    const ref = k.reference;
    const agreed = (a: Agreement) =>
      a.share === null
        ? "—"
        : `${a.agreed}/${a.compared} ${pct(a.share)} (${pct(a.interval!.lower)}–${pct(a.interval!.upper)})`;
    lines.push(
      "",
      `Against the reference ${ref.reference} (agreement with its ${percent(k.confidence)} Wilson interval):`,
      table(
        ["Rater", "Agreement", `Cohen's kappa${weighting === "none" ? "" : ` (${weighting})`}`],
        [
          ...ref.byRater.map((r) => [r.rater, agreed(r), kappaText(ref.kappa.find((c) => c.rater === r.rater)!)]),
          ["all raters", agreed(ref.overall), ""],
        ],
      ),
    );
    if (k.attributes) {
      lines.push(
        table(
          ["Attribute", ...ref.byRater.map((r) => r.rater), "all raters"],
          ref.byAttribute.map((a, i) => [a.attribute, ...ref.byRater.map((r) => agreed(r.byAttribute[i]!)), agreed(a)]),
        ),
      );
    }
  }
  return lines.join("\n");
}
