/**
 * `cxpm judge FILE`: apply the rules to metric series from a JSON file.
 */
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { JudgeInputError, type Judgement, judge, parseJudgeInput } from "../../../standard/judge.ts";
import { loadPack } from "../../../standard/pack.ts";
import type { GovernanceFinding } from "../../../standard/rules/target-governance.ts";
import { CliError, emit, number, percent, table } from "../output.ts";

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

export function judgeCommand(): Command {
  return new Command("judge")
    .description(
      "judge metric series: per-period met, 3 of 4 periods, sustained improvement, 50/75 per scope, triggers",
    )
    .argument("<file>", "JSON file of metric series (see README: 'The judge file'), or - for standard input")
    .option("--json", "print one JSON document")
    .action((file: string, options: { json?: boolean }) => {
      let judgement: Judgement;
      try {
        const input = parseJudgeInput(readJson(file));
        judgement = judge(input, loadPack(input.pack));
      } catch (error) {
        if (error instanceof JudgeInputError) throw new CliError(`${file}: ${error.message}`);
        throw error;
      }
      emit(options.json, judgement, () => render(judgement));
    });
}

function render(j: Judgement): string {
  const mark = (met: boolean | null) => (met === null ? "·" : met ? "✓" : "✗");
  const lines = [
    `Judged on pack ${j.pack} as a ${j.provider.toUpperCase()}, as of ${j.asOf}`,
    "",
    table(
      ["Metric", "Periods (✓ met, ✗ not met, · no data)", "Met", "Meeting 3/4", "Sustained improvement"],
      j.series.map((s) => [
        s.key,
        s.periods.map((p) => `${p.period} ${number(p.value)}/${number(p.target)} ${mark(p.met)}`).join("\n"),
        `${s.met}/${s.evaluated} (${percent(s.share)})`,
        s.direction === "none" ? "not judged" : s.meeting ? "yes" : "no",
        s.sustainedImprovement.windows.length === 0
          ? "—"
          : s.sustainedImprovement.windows.map((w) => w.periods.join(", ")).join("\n") +
            (s.sustainedImprovement.current ? "\n(current)" : ""),
      ]),
    ),
    "",
    "Item 4.6 (50/75):",
    table(
      ["Scope", "Counted", "Meeting", "Meeting or improving", "50/75", "Left out"],
      j.scopes.map((s) => [
        `${s.scope.level} ${s.scope.id}`,
        s.counted,
        `${s.meeting} (${percent(s.meetingShare)})`,
        `${s.meetingOrImproving} (${percent(s.meetingOrImprovingShare)})`,
        s.met ? "met" : "NOT met",
        s.excluded.map((e) => `${e.key}: ${e.reason}`).join("\n") || "—",
      ]),
    ),
    `Item 4.6 overall: ${j.item46Met ? "met" : "NOT met"}`,
  ];
  if (j.triggers.length) {
    lines.push("", "Corrective action (2.8.2):");
    for (const t of j.triggers) {
      lines.push(
        t.kind === "metric-not-meeting"
          ? `  - ${t.key}: target met in ${percent(t.share)} of periods, below 3 of 4 (2.8.2.a)`
          : `  - ${t.scope}: ${percent(t.meetingShare)} meet targeted levels; ${t.examplesRequired} documented improvement examples required (2.8.2.c)`,
      );
    }
  }
  if (j.governance.length) {
    lines.push("", "Target governance:");
    for (const f of j.governance) lines.push(`  - ${f.key}: ${describeFinding(f)}`);
  }
  return lines.join("\n");
}

function describeFinding(f: GovernanceFinding): string {
  switch (f.kind) {
    case "missing-target":
      return "required metric has no target";
    case "stale-comparative-data":
      return `comparative data from ${f.date} is ${number(f.ageYears)} years old (update at least every two years)`;
    case "below-benchmark-without-reason":
      return `target ${number(f.target)} is below the benchmark ${number(f.benchmark)} with no reason recorded`;
    case "routinely-better-than-target":
      return `better than target in every one of ${f.periods.join(", ")}: consider raising it (1.3.4)`;
  }
}
