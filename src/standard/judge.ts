/**
 * Judging metric series against the rules: per period met, meeting targeted performance levels, sustained
 * improvement, the 50/75 rule for every scope, corrective-action triggers and target-governance findings.
 *
 * Pure: takes a parsed {@link JudgeInput} and a pack, returns a {@link Judgement}.
 *
 * @example
 * ```ts
 * const input = parseJudgeInput(JSON.parse(text));
 * const judgement = judge(input, loadPack(input.pack));
 * judgement.scopes[0]; // { scope: { level: "entity", id: "Acme" }, met: true, ... }
 * ```
 */
import { z } from "zod";
import { DEFAULT_PACK, type Pack } from "./pack.ts";
import { type CorrectiveActionTrigger, improvementExamplesTrigger, metricTriggers } from "./rules/corrective-action.ts";
import { continuousMonths, type Item46Result, item46 } from "./rules/item46.ts";
import { type PeriodPoint, targetedLevels } from "./rules/met.ts";
import { monthStart, parsePeriod } from "./rules/periods.ts";
import { sustainedImprovement } from "./rules/sustained-improvement.ts";
import { type GovernanceFinding, governanceFindings } from "./rules/target-governance.ts";
import { Direction, MetricCategory } from "./schema.ts";

const Id = z.string().min(1);

const PeriodInput = z.object({
  period: z.string().refine(
    (id) => {
      try {
        parsePeriod(id);
        return true;
      } catch {
        return false;
      }
    },
    { message: "expected a period: YYYY-MM (month), YYYY-Qn (quarter) or YYYY (year)" },
  ),
  value: z.number().finite().nullable(),
  target: z.number().finite().nullable().default(null),
});

const SeriesInput = z.object({
  /** A metric id from the pack's catalog, or any name for a metric outside it (then give direction and category). */
  metric: Id,
  /** The program the series measures; absent for entity-level metrics. */
  program: Id.optional(),
  direction: Direction.optional(),
  category: MetricCategory.optional(),
  customerAffecting: z.boolean().optional(),
  /** Where the metric counts in Item 4.6; defaults to the catalog's, or "program"/"entity" by whether a program is given. */
  item46: z.enum(["entity", "program", "not-counted"]).optional(),
  /** An additional metric chosen by the organisation (Item 4.6.2). */
  additional: z.boolean().default(false),
  /** A metric of a KCRP with under 5% of its program's contacts. */
  smallVolume: z.boolean().default(false),
  target: z
    .object({
      source: z.enum(["benchmark", "client", "internal", "comparative"]),
      comparativeDataDate: z.iso.date().optional(),
      reason: z.string().min(1).optional(),
      benchmarkCondition: z.string().min(1).optional(),
    })
    .optional(),
  periods: z.array(PeriodInput).min(1),
});

export const JudgeInput = z.object({
  pack: Id.default(DEFAULT_PACK),
  provider: z.enum(["csp", "osp"]).default("csp"),
  /** Date findings are judged at; defaults to the end of the latest period in the file. */
  asOf: z.iso.date().optional(),
  organisation: z
    .object({
      entity: Id.default("entity"),
      locations: z.array(z.object({ id: Id, region: Id.optional() })).default([]),
      programs: z.array(z.object({ id: Id, location: Id, service: Id })).default([]),
    })
    .default({ entity: "entity", locations: [], programs: [] }),
  series: z.array(SeriesInput).min(1),
});

export type JudgeInput = z.infer<typeof JudgeInput>;

/** An input the judge cannot use, with the path to each problem (e.g. `series[2].periods[0].value`). */
export class JudgeInputError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the metric series are not valid:\n  ${problems.join("\n  ")}`);
    this.name = "JudgeInputError";
  }
}

const formatPath = (path: readonly PropertyKey[]) =>
  path.reduce<string>(
    (out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    "",
  );

/** Validates raw JSON as judge input. Throws {@link JudgeInputError} naming every problem. */
export function parseJudgeInput(raw: unknown): JudgeInput {
  const parsed = JudgeInput.safeParse(raw);
  if (!parsed.success) {
    throw new JudgeInputError(parsed.error.issues.map((i) => `${formatPath(i.path) || "(root)"}: ${i.message}`));
  }
  return parsed.data;
}

export type ScopeLevel = "entity" | "region" | "location" | "service";

export interface SeriesJudgement {
  /** `metric@program`, or the metric id for entity-level series. */
  readonly key: string;
  readonly metric: string;
  readonly name: string;
  readonly program: string | null;
  readonly direction: "higher" | "lower" | "none";
  readonly category: string;
  readonly item46: "entity" | "program" | "not-counted";
  readonly periods: readonly (PeriodPoint & { met: boolean | null })[];
  readonly evaluated: number;
  readonly met: number;
  readonly share: number | null;
  /** Target met in at least 3 of 4 evaluated periods. */
  readonly meeting: boolean;
  readonly sustainedImprovement: {
    readonly current: boolean;
    readonly windows: readonly { periods: readonly string[]; previousLevel: number }[];
  };
  readonly continuousMonths: number;
}

/** The 50/75 result for one scope, with the corrective-action triggers of its metrics. */
export interface ScopeJudgement extends Item46Result {
  readonly scope: { readonly level: ScopeLevel; readonly id: string };
  readonly triggers: readonly CorrectiveActionTrigger[];
}

export interface Judgement {
  readonly pack: string;
  readonly provider: "csp" | "osp";
  readonly asOf: string;
  readonly series: readonly SeriesJudgement[];
  readonly scopes: readonly ScopeJudgement[];
  /** Item 4.6 is met only when every scope meets the 50/75 rule. */
  readonly item46Met: boolean;
  readonly triggers: readonly CorrectiveActionTrigger[];
  readonly governance: readonly GovernanceFinding[];
}

/** Judges every series and scope. Throws {@link JudgeInputError} for references the input does not resolve. */
export function judge(input: JudgeInput, pack: Pack): Judgement {
  const { item46: item46Rules, correctiveAction, governance } = pack.manifest;
  const problems: string[] = [];
  const programs = new Map(input.organisation.programs.map((p) => [p.id, p]));
  const locations = new Map(input.organisation.locations.map((l) => [l.id, l]));
  for (const [i, p] of input.organisation.programs.entries()) {
    if (!locations.has(p.location)) problems.push(`organisation.programs[${i}].location: no location "${p.location}"`);
  }

  const latest = input.series
    .flatMap((s) => s.periods.map((p) => parsePeriod(p.period)))
    .reduce((max, p) => Math.max(max, p.firstMonth + p.months), 0);
  const asOf = input.asOf ?? monthStart(latest);

  const keys = new Set<string>();
  const resolved = input.series.map((s, i) => {
    const where = `series[${i}]`;
    const catalog = pack.findMetric(s.metric);
    const direction = catalog?.direction ?? s.direction;
    const category = catalog?.category ?? s.category;
    if (!catalog && (!direction || !category)) {
      problems.push(
        `${where}: "${s.metric}" is not in the ${pack.manifest.id} catalog: give its direction and category`,
      );
    }
    if (catalog && s.direction && s.direction !== catalog.direction) {
      problems.push(`${where}.direction: the catalog says "${catalog.direction}" for ${s.metric}`);
    }
    if (s.program && !programs.has(s.program))
      problems.push(`${where}.program: no program "${s.program}" in organisation.programs`);
    const key = s.program ? `${s.metric}@${s.program}` : s.metric;
    if (keys.has(key)) problems.push(`${where}: a second series for ${key}`);
    keys.add(key);
    const parsed = s.periods.map((p) => parsePeriod(p.period));
    for (let j = 1; j < parsed.length; j++) {
      if (parsed[j]!.firstMonth < parsed[j - 1]!.firstMonth + parsed[j - 1]!.months) {
        problems.push(`${where}.periods[${j}]: periods must be in time order without overlap`);
      }
    }
    return {
      input: s,
      key,
      name: catalog?.name ?? s.metric,
      direction: direction ?? "none",
      category: category ?? "volume",
      customerAffecting: s.customerAffecting ?? catalog?.customerAffecting ?? false,
      item46: s.item46 ?? catalog?.item46 ?? (s.program ? "program" : "entity"),
      metric: catalog,
    };
  });
  if (problems.length) throw new JudgeInputError(problems);

  const series: SeriesJudgement[] = resolved.map((r) => {
    const points = r.input.periods;
    const judged = r.direction === "none" ? null : targetedLevels(points, r.direction, item46Rules.periodsMetShare);
    const improvement =
      r.direction === "none" ? { current: false, windows: [] } : sustainedImprovement(points, r.direction);
    return {
      key: r.key,
      metric: r.input.metric,
      name: r.name,
      program: r.input.program ?? null,
      direction: r.direction,
      category: r.category,
      item46: r.item46,
      periods: points.map((p, i) => ({ ...p, met: judged?.periods[i]?.met ?? null })),
      evaluated: judged?.evaluated ?? 0,
      met: judged?.met ?? 0,
      share: judged?.share ?? null,
      meeting: judged?.meeting ?? false,
      sustainedImprovement: improvement,
      continuousMonths: continuousMonths(points),
    };
  });

  const triggers = metricTriggers(
    series.map((s, i) => ({ ...s, customerAffecting: resolved[i]!.customerAffecting })),
    correctiveAction,
  );

  const scopes: ScopeJudgement[] = [];
  const judgeScope = (level: ScopeLevel, id: string, inScope: (s: SeriesJudgement) => boolean) => {
    const candidates = series
      .map((s, i) => ({ s, r: resolved[i]! }))
      .filter(({ s }) => s.item46 !== "not-counted" && s.direction !== "none" && inScope(s))
      .map(({ s, r }) => ({
        key: s.key,
        meeting: s.meeting,
        improving: s.sustainedImprovement.current,
        continuousMonths: s.continuousMonths,
        additional: r.input.additional,
        smallVolume: r.input.smallVolume,
      }));
    const result = item46(candidates, item46Rules);
    const examples = improvementExamplesTrigger(`${level}:${id}`, result.meetingShare, correctiveAction);
    const keys = new Set(candidates.map((c) => c.key));
    scopes.push({
      scope: { level, id },
      ...result,
      triggers: [
        ...triggers.filter((t) => t.kind === "metric-not-meeting" && keys.has(t.key)),
        ...(examples ? [examples] : []),
      ],
    });
  };

  const programOf = (s: SeriesJudgement) => (s.program ? programs.get(s.program) : undefined);
  judgeScope("entity", input.organisation.entity, () => true);
  const regions = [...new Set(input.organisation.locations.flatMap((l) => (l.region ? [l.region] : [])))].sort();
  for (const region of regions) {
    judgeScope("region", region, (s) => locations.get(programOf(s)?.location ?? "")?.region === region);
  }
  for (const location of input.organisation.locations) {
    judgeScope("location", location.id, (s) => programOf(s)?.location === location.id);
  }
  for (const service of [...new Set(input.organisation.programs.map((p) => p.service))].sort()) {
    judgeScope("service", service, (s) => programOf(s)?.service === service);
  }

  const findings = series.flatMap((s, i) => {
    const r = resolved[i]!;
    return governanceFindings(
      {
        key: s.key,
        metric: {
          direction: s.direction,
          benchmarks: r.metric?.benchmarks ?? [],
          targetRequired: r.metric?.targetRequired ?? s.direction !== "none",
        },
        points: r.input.periods,
        ...(r.input.target ? { targetInfo: r.input.target } : {}),
        asOf,
      },
      governance,
    );
  });

  return {
    pack: pack.manifest.id,
    provider: input.provider,
    asOf,
    series,
    scopes,
    item46Met: scopes.every((s) => s.met),
    triggers: [
      ...triggers,
      ...scopes.flatMap((s) => s.triggers.filter((t) => t.kind === "improvement-examples-required")),
    ],
    governance: findings,
  };
}
