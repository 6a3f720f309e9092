/**
 * Item 4.6 Achieving Results — the 50/75 rule for one scope (entity, region, location or service).
 */
import type { PackManifest } from "../schema.ts";
import type { PeriodPoint } from "./met.ts";
import { follows, parsePeriod } from "./periods.ts";

/** One metric (for one program, or for the entity) as a candidate for the 50/75 count. */
export interface Item46Candidate {
  /** Identifies the metric and where it is measured, e.g. `rt.service_level@bank-cs`. */
  readonly key: string;
  readonly meeting: boolean;
  readonly improving: boolean;
  /** Length in months of the latest unbroken run of periods with data. */
  readonly continuousMonths: number;
  /** An additional metric the organisation chose to include (4.6.2): counted up to 10% of the required ones. */
  readonly additional: boolean;
  /** A metric of a small-volume KCRP (under 5% of a program's contacts): collectively under 10% of required ones. */
  readonly smallVolume: boolean;
}

export type Item46Exclusion = "too-new" | "additional-over-cap" | "small-volume-over-cap";

export interface Item46Result {
  /** Metrics in the count, after exclusions. */
  readonly counted: number;
  readonly meeting: number;
  readonly meetingOrImproving: number;
  readonly meetingShare: number | null;
  readonly meetingOrImprovingShare: number | null;
  /** At least 50% meeting AND at least 75% meeting or improving. False when nothing can be counted. */
  readonly met: boolean;
  readonly excluded: readonly { key: string; reason: Item46Exclusion }[];
}

/**
 * Length in months of the latest unbroken run of consecutive periods that have a value. Quarterly and annual
 * periods count as three and twelve months.
 */
export function continuousMonths(points: readonly PeriodPoint[]): number {
  let months = 0;
  let next: ReturnType<typeof parsePeriod> | undefined;
  for (let i = points.length - 1; i >= 0; i--) {
    const point = points[i]!;
    const parsed = parsePeriod(point.period);
    if (point.value === null || (next && !follows(parsed, next))) break;
    months += parsed.months;
    next = parsed;
  }
  return months;
}

/**
 * Applies the 50/75 rule to the metrics of one scope.
 *
 * Order of exclusions: metrics with fewer than `minContinuousMonths` of continuous data are left out first.
 * Additional metrics then count only up to `maxAdditionalShare` of the required ones (at most, inclusive), and
 * small-volume KCRP metrics only while they stay strictly under `maxSmallVolumeShare` of the required ones;
 * where there are more, the first ones in the order given are kept (the organisation's own priority order).
 */
export function item46(candidates: readonly Item46Candidate[], rules: PackManifest["item46"]): Item46Result {
  const excluded: { key: string; reason: Item46Exclusion }[] = [];
  const mature = candidates.filter((c) => {
    if (c.continuousMonths >= rules.minContinuousMonths) return true;
    excluded.push({ key: c.key, reason: "too-new" });
    return false;
  });
  const required = mature.filter((c) => !c.additional);
  const additionalCap = Math.floor(required.length * rules.maxAdditionalShare + 1e-9);
  // Strictly under the share: the largest k with k < share × required.
  const smallCap = Math.max(0, Math.ceil(required.length * rules.maxSmallVolumeShare - 1e-9) - 1);
  let additional = 0;
  let small = 0;
  const counted = mature.filter((c) => {
    if (c.additional && ++additional > additionalCap) {
      excluded.push({ key: c.key, reason: "additional-over-cap" });
      return false;
    }
    if (c.smallVolume && !c.additional && ++small > smallCap) {
      excluded.push({ key: c.key, reason: "small-volume-over-cap" });
      return false;
    }
    return true;
  });

  const meeting = counted.filter((c) => c.meeting).length;
  const meetingOrImproving = counted.filter((c) => c.meeting || c.improving).length;
  const share = (n: number) => (counted.length === 0 ? null : n / counted.length);
  const meetingShare = share(meeting);
  const meetingOrImprovingShare = share(meetingOrImproving);
  return {
    counted: counted.length,
    meeting,
    meetingOrImproving,
    meetingShare,
    meetingOrImprovingShare,
    met:
      meetingShare !== null &&
      meetingOrImprovingShare !== null &&
      meetingShare + 1e-9 >= rules.meetingShare &&
      meetingOrImprovingShare + 1e-9 >= rules.meetingOrImprovingShare,
    excluded,
  };
}
