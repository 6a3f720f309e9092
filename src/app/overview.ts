/**
 * The Overview: for the entity and each region, location and service, the 50/75 verdict of Item 4.6 with its
 * counts, the metrics failing targeted levels, the corrective-action triggers, target-governance findings, and
 * how fresh the data is.
 */
import type { CorrectiveActionTrigger } from "../standard/rules/corrective-action.ts";
import type { GovernanceFinding } from "../standard/rules/target-governance.ts";
import type { Performance, ScopeInfo } from "./performance.ts";

export interface ScopeVerdict {
  readonly scope: ScopeInfo;
  /** Metrics in the count after the Standard's exclusions. */
  readonly counted: number;
  readonly meeting: number;
  readonly meetingOrImproving: number;
  readonly meetingShare: number | null;
  readonly meetingOrImprovingShare: number | null;
  /** At least 50% meeting and at least 75% meeting or improving. */
  readonly met: boolean;
  /** Counted metrics not meeting targeted levels (target met in fewer than 3 of 4 months). */
  readonly failing: number;
  readonly triggers: readonly CorrectiveActionTrigger[];
  /** Target-governance findings on the series of this scope. */
  readonly governance: number;
}

export interface Overview {
  readonly asOf: string | null;
  readonly provider: "csp" | "osp";
  readonly from: string;
  readonly to: string;
  readonly periods: readonly string[];
  readonly scopes: readonly ScopeVerdict[];
  readonly triggers: readonly CorrectiveActionTrigger[];
  readonly governance: readonly GovernanceFinding[];
  readonly freshness: Performance["freshness"];
}

export function overview(performance: Performance): Overview {
  const { judgement, placement } = performance;
  const names = new Map(performance.scopes.map((s) => [`${s.level}:${s.id}`, s.name]));
  const programOf = (key: string) => (key.includes("@") ? key.slice(key.indexOf("@") + 1) : null);
  const inScope = (level: string, id: string, key: string) => {
    if (level === "entity") return true;
    const program = programOf(key);
    const place = program ? placement.get(program) : undefined;
    return (place as Record<string, string | null> | undefined)?.[level] === id;
  };
  const scopes: ScopeVerdict[] = (judgement?.scopes ?? []).map((s) => {
    const series = judgement!.series.filter(
      (j) => j.item46 !== "not-counted" && j.direction !== "none" && inScope(s.scope.level, s.scope.id, j.key),
    );
    const excluded = new Set(s.excluded.map((e) => e.key));
    return {
      scope: { ...s.scope, name: names.get(`${s.scope.level}:${s.scope.id}`) ?? s.scope.id },
      counted: s.counted,
      meeting: s.meeting,
      meetingOrImproving: s.meetingOrImproving,
      meetingShare: s.meetingShare,
      meetingOrImprovingShare: s.meetingOrImprovingShare,
      met: s.met,
      failing: series.filter((j) => !excluded.has(j.key) && !j.meeting).length,
      triggers: s.triggers,
      governance: judgement!.governance.filter((g) => series.some((j) => j.key === g.key)).length,
    };
  });
  return {
    asOf: judgement?.asOf ?? null,
    provider: performance.provider,
    from: performance.from,
    to: performance.to,
    periods: performance.periods,
    scopes,
    triggers: judgement?.triggers ?? [],
    governance: judgement?.governance ?? [],
    freshness: performance.freshness,
  };
}
