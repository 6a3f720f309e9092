/**
 * Targets and their history (Item 1.3). A target is set for one catalog metric at one scope (the entity, a
 * region, location, service, program or queue) from a month on, and stays in force until the next one.
 *
 * History is never rewritten: setting a target inserts a row and closes the row in force at that month (its
 * `effectiveTo` becomes the month before, `closedBy` the new row). A row set for the very month another began
 * replaces it: the old row is closed before it began. A target set before one already planned for a later month
 * ends the month before that one. Every row records where the target came from (benchmark, client, internal,
 * comparative data and its date), who set it and when.
 *
 * A target worse than the pack's benchmark needs a reason (1.3.2): "worse" follows the metric's direction,
 * and the benchmark is the one `applicableBenchmark` picks (the named condition's, else the plain one, else the
 * most lenient).
 *
 * @example
 * ```ts
 * await setTarget(db, pack, { metric: "rt.service_level", scope: { level: "program", id: "bank-care" },
 *   value: 80, effectiveFrom: "2026-01", source: "client" }, "ana");
 * await targetsInForce(db, { month: "2026-03" }); // [{ metric: "rt.service_level", value: 80, ... }]
 * ```
 */
import { type Kysely, sql } from "kysely";
import { z } from "zod";
import type { Pack } from "../standard/pack.ts";
import { isBetter } from "../standard/rules/met.ts";
import { applicableBenchmark } from "../standard/rules/target-governance.ts";
import { recordAudit } from "./audit.ts";
import type { Database, TargetRow } from "./db/schema.ts";
import { type FieldProblem, InvalidInputError, parseInput } from "./errors.ts";
import { Id, scopeExists } from "./organisation.ts";

export const SCOPE_LEVELS = ["entity", "region", "location", "service", "program", "queue"] as const;
export const TARGET_SOURCES = ["benchmark", "client", "internal", "comparative"] as const;

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected a month as YYYY-MM, e.g. 2026-01");
export const Scope = z.strictObject({ level: z.enum(SCOPE_LEVELS), id: Id });

/** What is given to set a target. */
export const TargetInput = z
  .strictObject({
    /** A metric id from the pack's catalog, e.g. rt.service_level. */
    metric: z.string().min(1, "expected a metric id such as rt.service_level"),
    scope: Scope,
    value: z.number().finite(),
    /** First month the target is in force. */
    effectiveFrom: Month,
    source: z.enum(TARGET_SOURCES),
    /** Date of the comparative data, required when (and only when) the source is `comparative`. */
    comparativeDataDate: z.iso.date("expected a date as YYYY-MM-DD").optional(),
    /** Why the target is below the benchmark; required when it is. */
    reason: z.string().trim().min(1, "expected a non-empty reason").max(2000).optional(),
    /** Which of the metric's conditional benchmarks applies (its condition text). */
    benchmarkCondition: z.string().min(1).optional(),
  })
  .superRefine((t, ctx) => {
    if (t.source === "comparative" && !t.comparativeDataDate) {
      ctx.addIssue({
        code: "custom",
        path: ["comparativeDataDate"],
        message: "required when the source is comparative: the date of the comparative data",
      });
    }
    if (t.source !== "comparative" && t.comparativeDataDate) {
      ctx.addIssue({
        code: "custom",
        path: ["comparativeDataDate"],
        message: "only for targets set from comparative data (source comparative)",
      });
    }
  });
export type TargetInput = z.input<typeof TargetInput>;

/** A target row as the services return it. */
export const Target = z.object({
  id: z.number().int(),
  metric: z.string(),
  scope: z.object({ level: z.enum(SCOPE_LEVELS), id: z.string() }),
  value: z.number(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  source: z.enum(TARGET_SOURCES),
  comparativeDataDate: z.string().nullable(),
  reason: z.string().nullable(),
  benchmarkCondition: z.string().nullable(),
  benchmark: z.number().nullable(),
  changedBy: z.string(),
  changedAt: z.string(),
  closedBy: z.number().int().nullable(),
});
export type Target = z.infer<typeof Target>;

const toTarget = (r: TargetRow): Target => ({
  id: r.id,
  metric: r.metricId,
  scope: { level: r.scopeLevel as Target["scope"]["level"], id: r.scopeId },
  value: r.value,
  effectiveFrom: r.effectiveFrom,
  effectiveTo: r.effectiveTo,
  source: r.source,
  comparativeDataDate: r.comparativeDataDate,
  reason: r.reason,
  benchmarkCondition: r.benchmarkCondition,
  benchmark: r.benchmark,
  changedBy: r.changedBy,
  changedAt: r.changedAt.toISOString(),
  closedBy: r.closedBy,
});

/** The month before a YYYY-MM month. */
export function previousMonth(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, "0")}`;
}

const direction = (d: string) => (d === "higher" ? "higher is better" : "lower is better");

/**
 * Checks a target against the pack: the metric exists and takes a target, the benchmark condition is one of
 * the metric's, a benchmark source has a benchmark, and a target below the benchmark has a reason.
 * Returns the benchmark compared with, and the problems found.
 */
export function checkTargetAgainstPack(
  input: z.output<typeof TargetInput>,
  pack: Pack,
): { benchmark: number | null; problems: FieldProblem[] } {
  const metric = pack.findMetric(input.metric);
  if (!metric) {
    return {
      benchmark: null,
      problems: [{ field: "metric", message: `no metric "${input.metric}" in the ${pack.manifest.id} catalog` }],
    };
  }
  if (metric.direction === "none") {
    return {
      benchmark: null,
      problems: [
        {
          field: "metric",
          message: `${metric.id} has no better direction (it is counted, not judged): it takes no target`,
        },
      ],
    };
  }
  const problems: FieldProblem[] = [];
  let benchmark: number | undefined;
  if (input.benchmarkCondition !== undefined) {
    const conditions = metric.benchmarks.flatMap((b) => (b.condition ? [b.condition] : []));
    if (!conditions.includes(input.benchmarkCondition)) {
      problems.push({
        field: "benchmarkCondition",
        message: conditions.length
          ? `not a condition of ${metric.id}'s benchmarks; expected one of: ${conditions.map((c) => `"${c}"`).join(", ")}`
          : `${metric.id} has no conditional benchmark`,
      });
    }
  }
  if (!problems.length) benchmark = applicableBenchmark(metric, input.benchmarkCondition);
  if (input.source === "benchmark" && benchmark === undefined && !problems.length) {
    problems.push({ field: "source", message: `${metric.id} has no benchmark in ${pack.manifest.id}` });
  }
  if (benchmark !== undefined && isBetter(benchmark, input.value, metric.direction) && !input.reason) {
    problems.push({
      field: "reason",
      message: `required: the target ${input.value} is below the benchmark ${benchmark} for ${metric.id} (${direction(metric.direction)}); say why (1.3)`,
    });
  }
  return { benchmark: benchmark ?? null, problems };
}

/**
 * Sets a target from a month on. Validates the input, the metric against the pack, the scope against the
 * organisation, and the below-benchmark rule; then, in one transaction, inserts the row, closes the one in force
 * and records the change in the audit log. Throws {@link InvalidInputError} with nothing written.
 */
export async function setTarget(db: Kysely<Database>, pack: Pack, input: unknown, actor: string): Promise<Target> {
  const target = parseInput(TargetInput, input);
  const { benchmark, problems } = checkTargetAgainstPack(target, pack);
  const { metric, scope, effectiveFrom } = target;
  return db.transaction().execute(async (trx) => {
    if (!(await scopeExists(trx, scope.level, scope.id))) {
      problems.push({ field: "scope.id", message: `no ${scope.level} "${scope.id}"` });
    }
    if (problems.length) throw new InvalidInputError(problems);
    // Writers of the same metric and scope take turns, so two of them never both close the same row.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`targets:${metric}:${scope.level}:${scope.id}`}))`.execute(trx);
    // Rows whose months are not empty: together they cover each month at most once.
    const series = trx
      .selectFrom("targets")
      .selectAll()
      .where("metricId", "=", metric)
      .where("scopeLevel", "=", scope.level)
      .where("scopeId", "=", scope.id)
      .where((eb) => eb.or([eb("effectiveTo", "is", null), eb("effectiveTo", ">=", eb.ref("effectiveFrom"))]));
    const inForce = await series
      .where("effectiveFrom", "<=", effectiveFrom)
      .where((eb) => eb.or([eb("effectiveTo", "is", null), eb("effectiveTo", ">=", effectiveFrom)]))
      .executeTakeFirst();
    const next = await series.where("effectiveFrom", ">", effectiveFrom).orderBy("effectiveFrom").executeTakeFirst();

    const inserted = await trx
      .insertInto("targets")
      .values({
        metricId: metric,
        scopeLevel: scope.level,
        scopeId: scope.id,
        value: target.value,
        effectiveFrom,
        effectiveTo: next ? previousMonth(next.effectiveFrom) : null,
        source: target.source,
        comparativeDataDate: target.comparativeDataDate ?? null,
        reason: target.reason ?? null,
        benchmarkCondition: target.benchmarkCondition ?? null,
        benchmark,
        changedBy: actor,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    let closed: TargetRow | undefined;
    if (inForce) {
      closed = await trx
        .updateTable("targets")
        .set({ effectiveTo: previousMonth(effectiveFrom), closedBy: inserted.id })
        .where("id", "=", inForce.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    const result = toTarget(inserted);
    await recordAudit(trx, {
      actor,
      action: "set-target",
      subjectKind: "target",
      subjectId: `${metric}@${scope.level}:${scope.id}`,
      before: inForce ? { ...toTarget(inForce), closedAs: closed ? toTarget(closed) : undefined } : undefined,
      after: result,
    });
    return result;
  });
}

export interface TargetFilter {
  readonly metric?: string;
  readonly scope?: { readonly level: (typeof SCOPE_LEVELS)[number]; readonly id?: string };
}

function filtered(db: Kysely<Database>, filter: TargetFilter) {
  let query = db.selectFrom("targets").selectAll();
  if (filter.metric) query = query.where("metricId", "=", filter.metric);
  if (filter.scope) query = query.where("scopeLevel", "=", filter.scope.level);
  if (filter.scope?.id) query = query.where("scopeId", "=", filter.scope.id);
  return query;
}

/** The targets in force in a month (YYYY-MM), by metric and scope. */
export async function targetsInForce(
  db: Kysely<Database>,
  filter: TargetFilter & { month: string },
): Promise<Target[]> {
  const month = parseInput(Month, filter.month, "month");
  const rows = await filtered(db, filter)
    .where("effectiveFrom", "<=", month)
    .where((eb) => eb.or([eb("effectiveTo", "is", null), eb("effectiveTo", ">=", month)]))
    .orderBy("metricId")
    .orderBy("scopeLevel")
    .orderBy("scopeId")
    .execute();
  return rows.map(toTarget);
}

/** Every row ever set, by metric and scope, in the order set: the history of each target. */
export async function targetHistory(db: Kysely<Database>, filter: TargetFilter = {}): Promise<Target[]> {
  const rows = await filtered(db, filter)
    .orderBy("metricId")
    .orderBy("scopeLevel")
    .orderBy("scopeId")
    .orderBy("id")
    .execute();
  return rows.map(toTarget);
}
