/**
 * The certification decision: points earned, and the three conditions for certification.
 *
 * The Standard's scoring guideline tables (Approach/Deployment for Categories 1.0–3.0, Results for 4.0) are not
 * in the available text; the scheme applied here is the pack's `scoring`, which states that it is cxpm's reading.
 */
import type { Pack } from "../pack.ts";

/** The assessor's rating of one item. */
export type ItemRating =
  | {
      readonly kind: "approach-deployment";
      readonly item: string;
      readonly approach: number;
      readonly deployment: number;
    }
  /** Category 4.0: share (0–100) of the item's counted metrics meeting targeted levels or improving. */
  | { readonly kind: "results"; readonly item: string; readonly meetingOrImprovingPercent: number };

export interface CertificationInput {
  readonly provider: "csp" | "osp";
  readonly ratings: readonly ItemRating[];
  /** Whether Item 4.6 (50/75) is met for the entity and every location, region and service. */
  readonly item46Met: boolean;
}

export interface ItemScore {
  readonly item: string;
  readonly points: number;
  /** Share of the item's points awarded, percent. */
  readonly percent: number;
  readonly earned: number;
  readonly approach?: number;
}

export interface CertificationDecision {
  readonly provider: "csp" | "osp";
  readonly available: number;
  readonly earned: number;
  readonly percent: number;
  readonly items: readonly ItemScore[];
  /** Items that apply but were not rated (scored as zero). */
  readonly unrated: readonly string[];
  readonly conditions: {
    readonly points: boolean;
    /** Every Category 1.0–3.0 item rated at the required Approach score. */
    readonly approach: boolean;
    readonly item46: boolean;
  };
  readonly certified: boolean;
}

/** Scores an assessment and decides certification. Throws on a rating of an item that does not apply or a level the scheme does not define. */
export function certificationDecision(pack: Pack, input: CertificationInput): CertificationDecision {
  const { scoring, certification } = pack.manifest;
  const applicable = pack.itemsFor(input.provider);
  const ratings = new Map(input.ratings.map((r) => [r.item, r]));
  for (const item of ratings.keys()) {
    if (!applicable.some((i) => i.id === item)) {
      throw new Error(`item ${item} does not apply to an ${input.provider.toUpperCase()}`);
    }
  }

  const items: ItemScore[] = [];
  const unrated: string[] = [];
  let approachOk = true;
  for (const item of applicable) {
    const rating = ratings.get(item.id);
    if (!rating) {
      unrated.push(item.id);
      if (item.category !== "4") approachOk = false;
      items.push({ item: item.id, points: item.points, percent: 0, earned: 0 });
      continue;
    }
    const percent = itemPercent(item.category, rating, scoring);
    if (rating.kind === "approach-deployment" && rating.approach < certification.minApproachPercent) approachOk = false;
    items.push({
      item: item.id,
      points: item.points,
      percent,
      earned: (item.points * percent) / 100,
      ...(rating.kind === "approach-deployment" ? { approach: rating.approach } : {}),
    });
  }

  const available = pack.availablePoints(input.provider);
  const earned = items.reduce((sum, i) => sum + i.earned, 0);
  const percent = (earned / available) * 100;
  const conditions = {
    points: percent + 1e-9 >= certification.minPointsPercent,
    approach: approachOk,
    item46: !certification.requireItem46 || input.item46Met,
  };
  return {
    provider: input.provider,
    available,
    earned,
    percent,
    items,
    unrated,
    conditions,
    certified: conditions.points && conditions.approach && conditions.item46,
  };
}

function itemPercent(category: string, rating: ItemRating, scoring: Pack["manifest"]["scoring"]): number {
  if (category === "4") {
    if (rating.kind !== "results") throw new Error(`item ${rating.item} is in Category 4.0 and is rated on results`);
    const band = [...scoring.resultsBands]
      .sort((a, b) => b.atLeast - a.atLeast)
      .find((b) => rating.meetingOrImprovingPercent + 1e-9 >= b.atLeast);
    return band?.award ?? 0;
  }
  if (rating.kind !== "approach-deployment") {
    throw new Error(`item ${rating.item} is in Category ${category}.0 and is rated on approach and deployment`);
  }
  for (const [name, value, levels] of [
    ["approach", rating.approach, scoring.approachLevels],
    ["deployment", rating.deployment, scoring.deploymentLevels],
  ] as const) {
    if (!levels.includes(value))
      throw new Error(`item ${rating.item}: ${name} ${value} is not one of ${levels.join(", ")}`);
  }
  const { approach, deployment } = rating;
  if (scoring.combine === "min") return Math.min(approach, deployment);
  if (scoring.combine === "product") return (approach * deployment) / 100;
  return (approach + deployment) / 2;
}
