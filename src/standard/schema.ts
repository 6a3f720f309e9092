/**
 * The shape of a standard pack: the Standard encoded as versioned data.
 *
 * A pack is a folder of JSON files (see `packs/README.md`). Everything the
 * rules need that differs between releases of the Standard lives here, so a
 * new release is a new folder, not new code.
 */
import { z } from "zod";

/** Lower-case dotted/snake identifier, e.g. `rt.service_level`. */
const Slug = z.string().regex(/^[a-z0-9]+([._-][a-z0-9]+)*$/, "lower-case slug such as rt.service_level");

/** Item id as the Standard numbers it: `1.1`, `2.16`, `4.2a`. */
export const ItemId = z.string().regex(/^[1-4]\.\d{1,2}[ab]?$/, "item id such as 2.7 or 4.2a");

/** Requirement id: an item id followed by sub-levels, e.g. `1.2.1`, `1.2.1.a`, `3.5.2.c.i`. */
export const RequirementId = z
  .string()
  .regex(/^[1-4]\.\d{1,2}[ab]?(\.[0-9a-z]+)+$/, "requirement id such as 1.2.1 or 1.2.1.a.ii");

/** Who an item applies to: customer service providers, outsourced service providers, or both. */
export const Applicability = z.enum(["both", "csp", "osp"]);

/** Channel or operation tags the Standard attaches to requirements and metrics. */
export const Tag = z.enum(["Chat", "OB", "F2F", "BPO", "Case"]);

export const Category = z.object({
  id: z.enum(["1", "2", "3", "4"]),
  name: z.string().min(1),
  /** Points available to a CSP and to an OSP. */
  points: z.object({ csp: z.number().int().nonnegative(), osp: z.number().int().nonnegative() }),
});

export const Item = z.object({
  id: ItemId,
  name: z.string().min(1),
  category: z.enum(["1", "2", "3", "4"]),
  points: z.number().int().positive(),
  appliesTo: Applicability,
  /** What the item is about, in cxpm's words. */
  summary: z.string().min(1),
  /** Line in the source text where the item starts, for traceability. */
  sourceLine: z.number().int().positive().optional(),
});

export const Requirement = z.object({
  id: RequirementId,
  /** The requirement one level up, or the item id for top-level requirements. */
  parent: z.string().min(1),
  item: ItemId,
  /** A short description in cxpm's words (never the Standard's sentence). */
  text: z.string().min(1),
  tags: z.array(Tag).default([]),
  /** Set when the requirement applies only to CSPs or only to OSPs. Inherits the item's otherwise. */
  appliesTo: Applicability.optional(),
});

export const Waiver = z.object({
  id: Slug,
  /** The item this waiver relaxes. */
  item: ItemId,
  /** Specific requirements it relaxes, when narrower than the whole item. */
  requirements: z.array(RequirementId).default([]),
  /** When the waiver may be granted. */
  when: z.string().min(1),
  /** What it relaxes or replaces. */
  effect: z.string().min(1),
  /** Conditions that must all hold for the waiver to be granted, if any. */
  conditions: z.array(z.string().min(1)).default([]),
});

/** One additive part of a metric: a sum or count that adds up across days and scopes. */
export const Component = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, "snake_case component id"),
  description: z.string().min(1),
});

/**
 * How a metric's value is computed from its components.
 *
 * - `ratio`: numerator / denominator × scale (scale 100 for percentages). Means are ratios too:
 *   AHT is handle seconds / handled transactions.
 * - `total`: a single additive component (volumes, costs).
 * - `expression`: an arithmetic expression over the named components, for metrics that are not a
 *   plain ratio (e.g. net promoter score = promoters% − detractors%).
 */
export const Formula = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("ratio"),
    numerator: Component,
    denominator: Component,
    scale: z.union([z.literal(1), z.literal(100)]),
  }),
  z.object({ kind: z.literal("total"), component: Component }),
  z.object({
    kind: z.literal("expression"),
    components: z.array(Component).min(1),
    /** Arithmetic over component ids: + - * / ( ) numbers, abs(), min(), max(). */
    expression: z.string().min(1),
  }),
]);

export const Unit = z.enum(["percent", "seconds", "minutes", "hours", "days", "count", "currency", "ratio", "score"]);
export const Direction = z.enum(["higher", "lower", "none"]);
export const Frequency = z.enum(["daily", "weekly", "monthly", "quarterly", "semiannually", "annually"]);
export const MetricCategory = z.enum([
  "service",
  "quality",
  "sales",
  "efficiency",
  "people",
  "satisfaction",
  "cost",
  "volume",
]);

export const Exhibit = z.enum(["1a", "1b", "1c", "2", "3"]);

export const Benchmark = z.object({
  value: z.number(),
  /** `>=`: performance at or above the value meets it; `<=`: at or below. */
  comparison: z.enum([">=", "<="]),
  /** When this benchmark applies, if only under a condition. */
  condition: z.string().min(1).optional(),
});

export const Metric = z.object({
  id: Slug,
  name: z.string().min(1),
  exhibit: Exhibit,
  /** Process group within the exhibit, e.g. `human-real-time` or the key support process `recruiting`. */
  group: Slug,
  /** Items the metric belongs to, e.g. ["2.7", "4.3"]. */
  items: z.array(ItemId).min(1),
  category: MetricCategory,
  description: z.string().min(1),
  formula: Formula,
  unit: Unit,
  direction: Direction,
  /** `required`; `recommended` (the Standard suggests but does not require it); `conditional` (required only when `condition` holds). */
  status: z.enum(["required", "recommended", "conditional"]),
  condition: z.string().min(1).optional(),
  /** Metric ids that may be used instead of this one (the Standard's "or"). Must be symmetric. */
  alternatives: z.array(Slug).default([]),
  /** Channel tags, e.g. ["Chat"] for chat-only metrics. */
  tags: z.array(Tag).default([]),
  /** Published benchmarks or best-practice targets; empty means the Standard gives none. */
  benchmarks: z.array(Benchmark).default([]),
  /** How the Standard says to set the target, in cxpm's words (e.g. from customer expectation). */
  targetGuidance: z.string().min(1).optional(),
  frequency: z.object({ measure: Frequency, analyze: Frequency }),
  targetRequired: z.boolean(),
  samplingAllowed: z.boolean(),
  /** Where the metric counts in Item 4.6 (50/75): once at entity level, per program, or not at all. */
  item46: z.enum(["entity", "program", "not-counted"]),
  /** Whether missing the target affects customers (drives the 2.8.2.a corrective-action trigger). */
  customerAffecting: z.boolean(),
  /** Choices cxpm made where the flattened text was ambiguous, written for an auditor. */
  interpretation: z.string().min(1).optional(),
  sourceLine: z.number().int().positive(),
});

/** Levels a Category 1.0–3.0 item can be scored at for Approach and for Deployment (percent). */
export const ScoringScheme = z.object({
  /** States clearly that this is cxpm's reading, not COPC's published table. */
  description: z.string().min(1),
  approachLevels: z.array(z.number().min(0).max(100)).min(2),
  deploymentLevels: z.array(z.number().min(0).max(100)).min(2),
  /** How an item's percent comes from approach and deployment. */
  combine: z.enum(["min", "product", "mean"]),
  /** Category 4 bands: share of counted metrics meeting target (or improving) → percent of item points. */
  resultsBands: z.array(z.object({ atLeast: z.number().min(0).max(100), award: z.number().min(0).max(100) })).min(1),
});

export const PackManifest = z.object({
  id: Slug,
  name: z.string().min(1),
  release: z.string().min(1),
  version: z.string().min(1),
  publisher: z.string().min(1),
  /** Total points as the Standard states them, checked against the items. */
  totals: z.object({ csp: z.number().int().positive(), osp: z.number().int().positive() }),
  categories: z.array(Category).length(4),
  certification: z.object({
    /** Minimum share of available points, percent. */
    minPointsPercent: z.number().min(0).max(100),
    /** Required Approach score in Categories 1–3, percent. */
    minApproachPercent: z.number().min(0).max(100),
    requireItem46: z.boolean(),
  }),
  item46: z.object({
    meetingShare: z.number().min(0).max(1),
    meetingOrImprovingShare: z.number().min(0).max(1),
    minContinuousMonths: z.number().int().positive(),
    maxAdditionalShare: z.number().min(0).max(1),
    maxSmallVolumeShare: z.number().min(0).max(1),
    smallVolumeContactShare: z.number().min(0).max(1),
    /** Share of periods in which the target must be met ("3 of 4"). */
    periodsMetShare: z.number().min(0).max(1),
  }),
  /** Item 2.8.2: when a metric must get corrective action, and when improvement examples are due. */
  correctiveAction: z.object({
    /** Below this share of counted metrics meeting targeted levels, documented improvement examples are required. */
    improvementExamplesBelowShare: z.number().min(0).max(1),
    improvementExamplesRequired: z.number().int().positive(),
    /** Metric categories that always need corrective action when not meeting; customer-affecting metrics do too. */
    categories: z.array(MetricCategory),
  }),
  governance: z.object({
    maxComparativeDataAgeYears: z.number().positive(),
    /** A target beaten in every one of the latest N evaluated periods should be raised (1.3.4). */
    raiseTargetAfterPeriods: z.number().int().min(2),
  }),
  scoring: ScoringScheme,
});

export type Item = z.infer<typeof Item>;
export type Requirement = z.infer<typeof Requirement>;
export type Waiver = z.infer<typeof Waiver>;
export type Metric = z.infer<typeof Metric>;
export type Formula = z.infer<typeof Formula>;
export type Direction = z.infer<typeof Direction>;
export type Applicability = z.infer<typeof Applicability>;
export type PackManifest = z.infer<typeof PackManifest>;
export type ScoringScheme = z.infer<typeof ScoringScheme>;
