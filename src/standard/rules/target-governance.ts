/**
 * Target governance findings (Items 1.3, 4.3.5, 4.4.5).
 */
import type { Metric, PackManifest } from "../schema.ts";
import { isBetter, type PeriodPoint } from "./met.ts";

/** Where a target came from, and what backs it. */
export interface TargetInfo {
  readonly source: "benchmark" | "client" | "internal" | "comparative";
  /** Date (YYYY-MM-DD) of the comparative data the target was set from, when source is "comparative". */
  readonly comparativeDataDate?: string;
  /** Why the target is below the benchmark, when it is. */
  readonly reason?: string;
  /** Which of the metric's conditional benchmarks applies (its `condition` text); the most lenient one otherwise. */
  readonly benchmarkCondition?: string;
}

export type GovernanceFinding =
  | { readonly kind: "missing-target"; readonly key: string }
  | { readonly kind: "stale-comparative-data"; readonly key: string; readonly date: string; readonly ageYears: number }
  | {
      readonly kind: "below-benchmark-without-reason";
      readonly key: string;
      readonly target: number;
      readonly benchmark: number;
    }
  | { readonly kind: "routinely-better-than-target"; readonly key: string; readonly periods: readonly string[] };

export interface GovernanceInput {
  readonly key: string;
  readonly metric: Pick<Metric, "direction" | "benchmarks" | "targetRequired">;
  readonly points: readonly PeriodPoint[];
  readonly targetInfo?: TargetInfo;
  /** The date findings are judged at (YYYY-MM-DD), normally the end of the latest period. */
  readonly asOf: string;
}

const YEAR_MS = 365.2425 * 24 * 3600 * 1000;

/** All governance findings for one metric series. */
export function governanceFindings(input: GovernanceInput, rules: PackManifest["governance"]): GovernanceFinding[] {
  const { key, metric, points, targetInfo, asOf } = input;
  const findings: GovernanceFinding[] = [];
  const latestTarget = [...points].reverse().find((p) => p.target !== null)?.target ?? null;
  if (metric.direction === "none") return findings;

  if (latestTarget === null) {
    if (metric.targetRequired) findings.push({ kind: "missing-target", key });
    return findings;
  }

  if (targetInfo?.comparativeDataDate) {
    const ageYears = (Date.parse(asOf) - Date.parse(targetInfo.comparativeDataDate)) / YEAR_MS;
    if (ageYears > rules.maxComparativeDataAgeYears) {
      findings.push({ kind: "stale-comparative-data", key, date: targetInfo.comparativeDataDate, ageYears });
    }
  }

  const benchmark = applicableBenchmark(metric, targetInfo?.benchmarkCondition);
  if (benchmark !== undefined && isBetter(benchmark, latestTarget, metric.direction) && !targetInfo?.reason) {
    findings.push({ kind: "below-benchmark-without-reason", key, target: latestTarget, benchmark });
  }

  const evaluated = points.filter((p) => p.value !== null && p.target !== null).slice(-rules.raiseTargetAfterPeriods);
  if (
    evaluated.length === rules.raiseTargetAfterPeriods &&
    evaluated.every((p) => isBetter(p.value!, p.target!, metric.direction))
  ) {
    findings.push({ kind: "routinely-better-than-target", key, periods: evaluated.map((p) => p.period) });
  }
  return findings;
}

/**
 * The benchmark value a target is compared with: the one whose condition was named, else the unconditional
 * one, else the most lenient of the conditional ones (so no finding is raised that a condition could excuse).
 */
export function applicableBenchmark(
  metric: Pick<Metric, "direction" | "benchmarks">,
  condition?: string,
): number | undefined {
  const { benchmarks, direction } = metric;
  if (condition !== undefined) {
    const named = benchmarks.find((b) => b.condition === condition);
    if (!named) throw new Error(`no benchmark with condition "${condition}"`);
    return named.value;
  }
  const plain = benchmarks.find((b) => b.condition === undefined);
  if (plain) return plain.value;
  if (benchmarks.length === 0) return undefined;
  const values = benchmarks.map((b) => b.value);
  return direction === "lower" ? Math.max(...values) : Math.min(...values);
}
