/**
 * `cxpm qa`: quality management on the warehouse — the monitoring sample plan and its precision per program and
 * month (2.7.1), a reproducible stratified random draw of contacts to monitor, monitoring compliance per CSS
 * (3.5.1), coaching and consequences (3.5.2), calibration (2.7.3), critical errors and satisfaction
 * (2.7.1.d.ii), and the frequent-errors Pareto (2.7.2).
 */
import { randomInt } from "node:crypto";
import { join } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { type CalibrationReport, calibrationReport, checkQuarter } from "../../../warehouse/quality/calibration.ts";
import { type CoachingReport, coachingReport } from "../../../warehouse/quality/coaching.ts";
import { type ComplianceReport, monitoringComplianceReport } from "../../../warehouse/quality/compliance.ts";
import { type CxLink, cxLink, type TopBoxRate } from "../../../warehouse/quality/cx-link.ts";
import { type Draw, drawSample } from "../../../warehouse/quality/draw.ts";
import {
  PARETO_CLASSES,
  type ParetoClasses,
  type ParetoReport,
  paretoReport,
} from "../../../warehouse/quality/pareto.ts";
import { type Accuracy, checkMonth, type PlanRow, samplePlan } from "../../../warehouse/quality/plan.ts";
import { Warehouse } from "../../../warehouse/warehouse.ts";
import { CliError, emit, number, percent, table } from "../output.ts";

const DEFAULT_DB = join(process.env.CXPM_DATA ?? "data", "warehouse.duckdb");
const dbOption = () => new Option("--db <path>", "warehouse file").default(DEFAULT_DB);
const jsonOption = () => new Option("--json", "print one JSON document").conflicts("csv");

const share = (example: string) => (value: string) => {
  const x = Number(value);
  if (value.trim() === "" || !(x > 0 && x < 1))
    throw new InvalidArgumentError(`expected a number between 0 and 1, e.g. ${example}.`);
  return x;
};

const whole = (min: number) => (value: string) => {
  const x = Number(value);
  if (value.trim() === "" || !Number.isSafeInteger(x) || x < min)
    throw new InvalidArgumentError(`expected a whole number of at least ${min}.`);
  return x;
};

const quarter = (value: string) => {
  try {
    return checkQuarter(value);
  } catch {
    throw new InvalidArgumentError("expected a quarter as YYYY-Qn, e.g. 2026-Q3.");
  }
};

const month = (value: string) => {
  try {
    return checkMonth(value, "month");
  } catch {
    throw new InvalidArgumentError("expected a month as YYYY-MM, e.g. 2026-03.");
  }
};

/** Opens the warehouse, runs `work`, closes it; a warehouse problem becomes an error the user can act on. */
async function withWarehouse<T>(path: string, work: (warehouse: Warehouse) => Promise<T>): Promise<T> {
  const warehouse = await Warehouse.open(path).catch((error: Error) => {
    throw new CliError(`cannot open the warehouse ${path}: ${error.message}`);
  });
  try {
    return await work(warehouse);
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(error.message);
    throw error;
  } finally {
    warehouse.close();
  }
}

/** CSV with quoting where a value needs it. */
function csv(head: readonly string[], rows: readonly (string | number | boolean | null)[][]): string {
  const cell = (v: string | number | boolean | null) => {
    const text = v === null ? "" : String(v);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `${[head, ...rows].map((r) => r.map(cell).join(",")).join("\n")}\n`;
}

export function qaCommand(): Command {
  return new Command("qa")
    .description("quality management: sample plan and precision, random sample draw, monitoring compliance per CSS")
    .addCommand(planCommand())
    .addCommand(drawCommand())
    .addCommand(complianceCommand())
    .addCommand(coachingCommand())
    .addCommand(calibrationCommand())
    .addCommand(cxLinkCommand())
    .addCommand(paretoCommand());
}

// --------------------------------------------------------------------------------------------------- plan

function planCommand(): Command {
  return new Command("plan")
    .description(
      "per program and month: volume, required sample, monitored n, critical-error accuracies with intervals, " +
        "achieved margin and the monitoring mix (2.7.1)",
    )
    .option("--from <YYYY-MM>", "first month", month)
    .option("--to <YYYY-MM>", "last month", month)
    .option("--program <id>", "only this program")
    .option("--confidence <level>", "confidence level of the plan and the intervals", share("0.95"), 0.95)
    .option("--margin <e>", "planned margin of error: 0.05 for ±5 points", share("0.05"), 0.05)
    .option("--p <p>", "anticipated proportion for the plan (0.5 gives the largest sample)", share("0.9"), 0.5)
    .addOption(dbOption())
    .addOption(jsonOption())
    .option("--csv", "print CSV, one row per program, month and kind of work")
    .action(
      async (options: {
        from?: string;
        to?: string;
        program?: string;
        confidence: number;
        margin: number;
        p: number;
        db: string;
        json?: boolean;
        csv?: boolean;
      }) => {
        const plan = await withWarehouse(options.db, (warehouse) => samplePlan(warehouse, options));
        if (options.csv) {
          process.stdout.write(planCsv(plan.rows));
          return;
        }
        emit(options.json, plan, () => {
          if (plan.rows.length === 0)
            return "No contacts or QA evaluations in those months: load them with `cxpm import`.";
          const worse = plan.rows.filter((r) => r.worseThanPlan).length;
          return [
            `Sample plan for ±${number(options.margin * 100)} points at ${percent(options.confidence)} confidence ` +
              `(p = ${options.p}, Cochran's finite-population correction, rounded up). Accuracies are the share ` +
              "of monitored transactions without a critical error, with Wilson intervals.",
            table(
              [
                "Program",
                "Month",
                "Work",
                "Volume",
                "Required",
                "Monitored",
                "Margin",
                "Customer",
                "Business",
                "Compliance",
                "Mix SbS/rem/rec/sys",
              ],
              plan.rows.map((r) => [
                r.program,
                r.month,
                r.work,
                number(r.volume),
                r.required === null ? "—" : number(r.required),
                number(r.monitored) + (r.investigative ? ` (+${r.investigative} inv.)` : ""),
                r.achievedMargin === null ? "—" : `±${number(r.achievedMargin * 100)}${r.worseThanPlan ? " ✗" : " ✓"}`,
                accuracy(r.accuracy.customer),
                accuracy(r.accuracy.business),
                accuracy(r.accuracy.compliance),
                mix(r),
              ]),
            ),
            worse === 0
              ? "Every month reached the planned precision."
              : `✗ ${worse} of ${plan.rows.length} rows are less precise than planned: monitor more transactions.`,
          ].join("\n");
        });
      },
    );
}

const accuracy = (a: Accuracy) =>
  a.estimate === null ? "—" : `${percent(a.estimate)} (${percent(a.lower)}–${percent(a.upper)})`;

function mix(r: PlanRow): string {
  const s = r.selection;
  const total = r.monitored;
  if (total === 0) return "—";
  const parts = [s["side-by-side"], s.remote, s.recorded, s.system].map((n) => percent(n / total));
  return parts.join(" / ") + (s.unknown ? ` (+${percent(s.unknown / total)} unknown)` : "");
}

function planCsv(rows: readonly PlanRow[]): string {
  const classes = ["customer", "business", "compliance"] as const;
  return csv(
    [
      "program",
      "month",
      "work",
      "volume",
      "required",
      "monitored",
      "investigative",
      "achieved_margin",
      "worse_than_plan",
      ...classes.flatMap((c) => [`${c}_accuracy`, `${c}_lower`, `${c}_upper`]),
      "side_by_side",
      "remote",
      "recorded",
      "system",
      "mode_unknown",
    ],
    rows.map((r) => [
      r.program,
      r.month,
      r.work,
      r.volume,
      r.required,
      r.monitored,
      r.investigative,
      r.achievedMargin,
      r.worseThanPlan,
      ...classes.flatMap((c) => [r.accuracy[c].estimate, r.accuracy[c].lower, r.accuracy[c].upper]),
      r.selection["side-by-side"],
      r.selection.remote,
      r.selection.recorded,
      r.selection.system,
      r.selection.unknown,
    ]),
  );
}

// --------------------------------------------------------------------------------------------------- draw

function drawCommand(): Command {
  return new Command("draw")
    .description(
      "draw a stratified random sample (agent × queue, proportional allocation) of a program's handled contacts " +
        "in a local month, reproducible from the seed (2.7.1.b)",
    )
    .requiredOption("--program <id>", "program")
    .requiredOption("--month <YYYY-MM>", "local month of arrival", month)
    .requiredOption("--n <n>", "contacts to draw", whole(1))
    .option(
      "--seed <s>",
      "seed of the random numbers (default: a new one, printed so the draw can be repeated)",
      whole(0),
    )
    .addOption(dbOption())
    .addOption(jsonOption())
    .option("--csv", "print the chosen contacts as CSV")
    .action(
      async (options: {
        program: string;
        month: string;
        n: number;
        seed?: number;
        db: string;
        json?: boolean;
        csv?: boolean;
      }) => {
        const seed = options.seed ?? randomInt(2 ** 31);
        const draw = await withWarehouse(options.db, (warehouse) => drawSample(warehouse, { ...options, seed }));
        if (options.csv) {
          process.stdout.write(
            csv(
              ["source", "source_id", "agent_id", "queue_id", "arrived_at", "seed"],
              draw.contacts.map((c) => [c.source, c.sourceId, c.agent, c.queue, c.arrivedAt, draw.seed]),
            ),
          );
          return;
        }
        emit(options.json, draw, () => renderDraw(draw));
      },
    );
}

function renderDraw(d: Draw): string {
  return [
    `${d.n} of ${number(d.population)} contacts handled in ${d.program} in ${d.month}, ` +
      `stratified by agent × queue (seed ${d.seed}: repeat with --seed ${d.seed}).`,
    table(
      ["Agent", "Queue", "Contacts", "Share × n", "Drawn"],
      d.strata.map((s) => [s.agent, s.queue || "—", number(s.size), number(s.quota), s.drawn]),
    ),
    table(
      ["Agent", "Queue", "Source", "Contact", "Arrived (UTC)"],
      d.contacts.map((c) => [c.agent, c.queue || "—", c.source, c.sourceId, c.arrivedAt]),
    ),
  ].join("\n");
}

// --------------------------------------------------------------------------------------------- compliance

function complianceCommand(): Command {
  return new Command("compliance")
    .description(
      "monitoring compliance of every CSS of a program in a month (3.5.1): monthly, each transaction type and " +
        "side-by-side/remote per quarter, weekly for new CSSs; what is met, due or overdue",
    )
    .requiredOption("--program <id>", "program")
    .requiredOption("--month <YYYY-MM>", "local month", month)
    .option("--as-of <YYYY-MM-DD>", "last day the data covers (default: the program's latest contact or evaluation)")
    .option("--recorded-not-remote", "do not count reviews of recordings as remote monitoring")
    .addOption(dbOption())
    .option("--json", "print one JSON document")
    .action(
      async (options: {
        program: string;
        month: string;
        asOf?: string;
        recordedNotRemote?: boolean;
        db: string;
        json?: boolean;
      }) => {
        const report = await withWarehouse(options.db, (warehouse) =>
          monitoringComplianceReport(warehouse, {
            program: options.program,
            month: options.month,
            ...(options.asOf ? { asOf: options.asOf } : {}),
            settings: { recordedIsRemote: !options.recordedNotRemote },
          }),
        );
        emit(options.json, report, () => renderCompliance(report));
      },
    );
}

const CHECK_NAMES = {
  monthly: "monthly",
  "transaction-type": "type",
  "side-by-side": "side-by-side",
  remote: "remote",
  "new-css-week": "new-CSS week",
} as const;

function renderCompliance(r: ComplianceReport): string {
  const list = (css: ComplianceReport["csss"][number], status: "overdue" | "due") =>
    css.checks
      .filter((c) => c.status === status)
      .map((c) => `${CHECK_NAMES[c.check]} ${c.transactionType ?? c.period}`)
      .join("\n") || "—";
  const behind = r.csss.filter((c) => c.overdue > 0).length;
  return [
    `Monitoring compliance of ${r.program}'s CSSs in ${r.month} (quarter ${r.quarter}), as of ${r.asOf}. ` +
      "Systematic sessions only; investigative ones are counted apart.",
    table(
      ["CSS", "Started", "Handled", "Monitored", "Investig.", "Failed", "Met", "Overdue", "Due"],
      r.csss.map((c) => [
        c.css,
        c.startedOn ?? "—",
        number(c.handled),
        c.systematic,
        c.investigative,
        c.failed,
        c.checks.filter((k) => k.status === "met").length,
        list(c, "overdue"),
        list(c, "due"),
      ]),
    ),
    behind === 0 ? "No CSS is behind on monitoring." : `✗ ${behind} of ${r.csss.length} CSSs have overdue monitoring.`,
  ].join("\n");
}

// -------------------------------------------------------------------------------------------- calibration

function calibrationCommand(): Command {
  return new Command("calibration")
    .description(
      "evaluator calibration per program and quarter (2.7.3): percent agreement with the reference per attribute " +
        "and overall, Cohen's kappa, evaluators under the threshold, and evaluators not calibrated",
    )
    .option("--program <id>", "only this program")
    .option("--quarter <YYYY-Qn>", "only this quarter", quarter)
    .option("--threshold <share>", "lowest acceptable agreement with the reference", share("0.8"), 0.8)
    .option("--confidence <level>", "confidence level of the intervals", share("0.95"), 0.95)
    .addOption(dbOption())
    .option("--json", "print one JSON document")
    .action(
      async (options: {
        program?: string;
        quarter?: string;
        threshold: number;
        confidence: number;
        db: string;
        json?: boolean;
      }) => {
        const report = await withWarehouse(options.db, (warehouse) => calibrationReport(warehouse, options));
        emit(options.json, report, () => renderCalibration(report));
      },
    );
}

function renderCalibration(r: CalibrationReport): string {
  if (r.quarters.length === 0)
    return "No calibration sessions or QA evaluations there: load calibration_scores with `cxpm import`.";
  const interval = (lower: number | null, upper: number | null, format: (x: number | null) => string) =>
    lower === null ? "" : ` (${format(lower)}–${format(upper)})`;
  const kappa = (x: number | null) => (x === null ? "—" : x.toFixed(2));
  const low = r.quarters.flatMap((q) => q.evaluators.filter((e) => e.belowThreshold)).length;
  const missing = r.quarters.reduce((sum, q) => sum + q.missing.length, 0);
  return [
    `Agreement with each session's reference, ${percent(r.threshold)} needed; Wilson intervals for the shares, ` +
      `Fleiss–Cohen–Everitt for kappa, at ${percent(r.confidence)}.`,
    table(
      ["Program", "Quarter", "Evaluator", "Transactions", "Agreement", "Weakest attribute", "Kappa", "Missing"],
      r.quarters.flatMap((q) => {
        const missingText = q.missing.join("\n") || "—";
        if (q.evaluators.length === 0) return [[q.program, q.quarter, "—", 0, "—", "—", "—", missingText]];
        return q.evaluators.map((e, i) => {
          const weakest = [...e.byAttribute].sort((a, b) => (a.share ?? 1) - (b.share ?? 1))[0];
          return [
            i === 0 ? q.program : "",
            i === 0 ? q.quarter : "",
            e.evaluator,
            e.transactions,
            e.share === null
              ? "—"
              : `${percent(e.share)}${interval(e.lower, e.upper, percent)}${e.belowThreshold ? " ✗" : " ✓"}`,
            weakest ? `${weakest.attribute} ${percent(weakest.share)}` : "—",
            kappa(e.kappa.kappa) + interval(e.kappa.lower, e.kappa.upper, kappa),
            i === 0 ? missingText : "",
          ];
        });
      }),
    ),
    `${low === 0 ? "No evaluator is under the threshold." : `✗ ${low} evaluator-quarters under the threshold: recalibrate.`} ` +
      `${missing === 0 ? "Every evaluator was calibrated each quarter." : `✗ ${missing} evaluator-quarters without calibration.`}`,
  ].join("\n");
}

// ----------------------------------------------------------------------------------------------- coaching

function coachingCommand(): Command {
  return new Command("coaching")
    .description(
      "coaching and consequences of a program's failed monitoring in a month (3.5.2): coaching on each failed " +
        "transaction, closer monitoring next month, corrective action and removal from customers on repeated failures",
    )
    .requiredOption("--program <id>", "program")
    .requiredOption("--month <YYYY-MM>", "local month", month)
    .option("--as-of <YYYY-MM-DD>", "last day the data covers (default: the program's latest contact or evaluation)")
    .option("--repeat-failures <n>", "failed evaluations that count as repeated", whole(2), 2)
    .option("--repeat-days <days>", "within this many days", whole(1), 30)
    .option("--coaching-days <days>", "days after a failed evaluation to coach the CSS on it", whole(0), 7)
    .option("--follow-up <n>", "systematic sessions owed the month after a failure", whole(1), 2)
    .addOption(dbOption())
    .option("--json", "print one JSON document")
    .action(
      async (options: {
        program: string;
        month: string;
        asOf?: string;
        repeatFailures: number;
        repeatDays: number;
        coachingDays: number;
        followUp: number;
        db: string;
        json?: boolean;
      }) => {
        const report = await withWarehouse(options.db, (warehouse) =>
          coachingReport(warehouse, {
            program: options.program,
            month: options.month,
            ...(options.asOf ? { asOf: options.asOf } : {}),
            settings: {
              repeatFailures: options.repeatFailures,
              repeatWindowDays: options.repeatDays,
              coachingDays: options.coachingDays,
              followUpSessions: options.followUp,
            },
          }),
        );
        emit(options.json, report, () => renderCoaching(report));
      },
    );
}

function renderCoaching(r: CoachingReport): string {
  const s = r.summary;
  const head =
    `Coaching and consequences of ${r.program}'s failed monitoring in ${r.month}, as of ${r.asOf}: ` +
    `${s.failed} failed evaluations (${s.coached} coached in ${r.settings.coachingDays} days, ${s.coachedLate} late, ` +
    `${s.due} due, ${s.overdue} overdue); a corrective action at ${r.settings.repeatFailures} failures in ` +
    `${r.settings.repeatWindowDays} days.`;
  if (r.csss.length === 0) return `${head}\nNo CSS failed monitoring or has a corrective action.`;
  return [
    head,
    table(
      ["CSS", "Failed", "Coaching", "Follow-up", "Corrective action", "Off customers"],
      r.csss.map((c) => [
        c.css,
        c.failed.length,
        c.failed.map((f) => `${f.date} ${f.status}${f.coachedOn ? ` ${f.coachedOn}` : ""}`).join("\n") || "—",
        c.followUp ? `${c.followUp.monitored}/${c.followUp.required} in ${c.followUp.month} ${c.followUp.status}` : "—",
        c.correctiveAction
          ? `raised ${c.correctiveAction.raisedOn}, ${c.correctiveAction.resolved ? `resolved ${c.correctiveAction.resolvedOn}` : "open"}`
          : "—",
        c.removeFromCustomers ? "✗ yes" : "no",
      ]),
    ),
    s.removeFromCustomers === 0
      ? "No CSS needs to be kept off customer transactions."
      : `✗ ${s.removeFromCustomers} CSSs to keep off customer transactions until their corrective action works.`,
  ].join("\n");
}

// ------------------------------------------------------------------------------------------------ cx-link

function cxLinkCommand(): Command {
  return new Command("cx-link")
    .description(
      "critical errors and customer satisfaction (2.7.1.d.ii): the top-box rate of monitored and surveyed " +
        "transactions with and without each class of critical error, and the difference with its interval",
    )
    .option("--program <id>", "only this program")
    .option("--from <YYYY-MM>", "first month of the evaluations", month)
    .option("--to <YYYY-MM>", "last month of the evaluations", month)
    .option("--top-boxes <n>", "answers at the top of the scale that count as satisfied", whole(1), 2)
    .option("--confidence <level>", "confidence level of the intervals", share("0.95"), 0.95)
    .addOption(dbOption())
    .option("--json", "print one JSON document")
    .action(
      async (options: {
        program?: string;
        from?: string;
        to?: string;
        topBoxes: number;
        confidence: number;
        db: string;
        json?: boolean;
      }) => {
        const link = await withWarehouse(options.db, (warehouse) => cxLink(warehouse, options));
        emit(options.json, link, () => renderCxLink(link));
      },
    );
}

function renderCxLink(l: CxLink): string {
  const rate = (r: TopBoxRate) =>
    r.rate === null ? "—" : `${percent(r.rate)} of ${number(r.transactions)} (${percent(r.lower)}–${percent(r.upper)})`;
  const points = (x: number) => `${x > 0 ? "+" : ""}${number(x * 100)}`;
  const difference = (c: { difference: CxLink["classes"][number]["difference"]; costsSatisfaction: boolean }) =>
    c.difference
      ? `${points(c.difference.estimate)} (${points(c.difference.lower)} to ${points(c.difference.upper)})${c.costsSatisfaction ? " ✗" : ""}`
      : "—";
  return [
    `Top-${l.topBoxes}-box satisfaction of ${number(l.transactions)} transactions both monitored and surveyed` +
      `${l.program ? ` in ${l.program}` : ""}; Wilson intervals, and Newcombe's for the difference (points), ` +
      `at ${percent(l.confidence)}.`,
    table(
      ["Critical error", "Without the error", "With the error", "Difference"],
      l.classes.map((c) => [c.errorClass, rate(c.withoutError), rate(c.withError), difference(c)]),
    ),
    ...(l.attributes.length > 0
      ? [
          table(
            ["Attribute", "Class", "Passed", "Failed", "Difference"],
            l.attributes.map((a) => [
              a.attribute,
              a.class ?? "not on a form",
              rate(a.passed),
              rate(a.failed),
              difference(a),
            ]),
          ),
        ]
      : []),
    "✗: the error costs satisfaction (the interval of the difference lies above zero).",
  ].join("\n");
}

// ------------------------------------------------------------------------------------------------- pareto

function paretoCommand(): Command {
  return new Command("pareto")
    .description(
      "frequent errors (2.7.2): failed QA attributes most frequent first, with share, cumulative share, class " +
        "and the monthly trend, and evaluations whose critical-error flags disagree with their answers (3.5.1.e)",
    )
    .option("--program <id>", "only this program")
    .option("--queue <id>", "only this queue")
    .option("--team <id>", "only this team (people.team_id)")
    .option("--agent <id>", "only this CSS")
    .option("--from <YYYY-MM>", "first month of the evaluations", month)
    .option("--to <YYYY-MM>", "last month of the evaluations", month)
    .addOption(
      new Option("--class <classes>", "failures of every class, or of the critical classes only")
        .choices(PARETO_CLASSES)
        .default("all"),
    )
    .addOption(dbOption())
    .addOption(jsonOption())
    .option("--csv", "print CSV, one row per attribute and month")
    .action(
      async (options: {
        program?: string;
        queue?: string;
        team?: string;
        agent?: string;
        from?: string;
        to?: string;
        class: ParetoClasses;
        db: string;
        json?: boolean;
        csv?: boolean;
      }) => {
        const report = await withWarehouse(options.db, (warehouse) =>
          paretoReport(warehouse, { ...options, classes: options.class }),
        );
        if (options.csv) {
          process.stdout.write(
            csv(
              [
                "attribute",
                "label",
                "class",
                "failures",
                "share",
                "cumulative_share",
                "month",
                "month_failures",
                "rate_per_100",
              ],
              report.attributes.flatMap((a) =>
                a.months.map((m) => [
                  a.attribute,
                  a.label,
                  a.class,
                  a.failures,
                  a.share,
                  a.cumulativeShare,
                  m.month,
                  m.failures,
                  m.ratePer100,
                ]),
              ),
            ),
          );
          return;
        }
        emit(options.json, report, () => renderPareto(report));
      },
    );
}

function renderPareto(r: ParetoReport): string {
  const scope = [
    r.program && `program ${r.program}`,
    r.queue && `queue ${r.queue}`,
    r.team && `team ${r.team}`,
    r.agent && `CSS ${r.agent}`,
  ].filter(Boolean);
  const period = r.months.length > 0 ? `${r.months[0]} to ${r.months.at(-1)}` : "no months";
  if (r.evaluations === 0) {
    return `No QA evaluations with answers${scope.length > 0 ? ` for ${scope.join(", ")}` : ""} (${period}): load qa_answers and qa_form_attributes with \`cxpm import\`.`;
  }
  const c = r.consistency;
  return [
    `Failed attributes${r.classes === "critical" ? " of the critical classes" : ""} in ${number(r.evaluations)} ` +
      `evaluations${scope.length > 0 ? ` of ${scope.join(", ")}` : ""}, ${period} (investigative ones left out). ` +
      `Trend: failures per 100 evaluations by month; ★ the vital few, the first ${percent(0.8)} of failures.`,
    table(
      ["Attribute", "Class", "Failures", "Share", "Cumulative", ...r.months],
      r.attributes.map((a) => [
        `${a.vitalFew ? "★ " : ""}${a.attribute}`,
        a.class ?? "not on the form",
        number(a.failures),
        percent(a.share),
        percent(a.cumulativeShare),
        ...a.months.map((m) => (m.ratePer100 === null ? "—" : number(m.ratePer100))),
      ]),
    ),
    `3.5.1.e: ${number(c.failed)} evaluations hold a critical error and fail; ${number(c.nonCriticalOnly)} only ` +
      "non-critical errors (they pass, but are defects).",
    c.disagreeing === 0
      ? "Every evaluation's critical-error flags agree with its answers."
      : `✗ ${number(c.disagreeing)} evaluations' stored flags disagree with their answers (customer ${c.disagreeingBy.customer}, ` +
        `business ${c.disagreeingBy.business}, compliance ${c.disagreeingBy.compliance}), e.g. ${c.examples.join(", ")}.`,
    ...(c.unknownAttributes > 0
      ? [`✗ ${number(c.unknownAttributes)} answers name an attribute their form version does not hold.`]
      : []),
  ].join("\n");
}
