/**
 * Item 2.8.2 corrective-action triggers.
 */
import type { PackManifest } from "../schema.ts";

export type CorrectiveActionTrigger =
  | {
      readonly kind: "metric-not-meeting";
      /** The metric (and where it is measured) that needs the problem-solving methodology (2.8.2.a). */
      readonly key: string;
      readonly metric: string;
      readonly share: number | null;
    }
  | {
      readonly kind: "improvement-examples-required";
      /** Fewer than 75% of counted metrics meet targeted levels: show three documented improvements (2.8.2.c). */
      readonly scope: string;
      readonly meetingShare: number | null;
      readonly examplesRequired: number;
    };

export interface TriggerInput {
  readonly key: string;
  readonly metric: string;
  readonly category: string;
  readonly customerAffecting: boolean;
  readonly meeting: boolean;
  readonly share: number | null;
}

/**
 * 2.8.2.a: efficiency or cost, sales, customer experience and any other customer-affecting metric not meeting
 * performance in 3/4 of the periods needs corrective action. A metric with no evaluated period is not judged.
 */
export function metricTriggers(series: readonly TriggerInput[], rules: PackManifest["correctiveAction"]) {
  return series
    .filter(
      (s) => s.share !== null && !s.meeting && (s.customerAffecting || rules.categories.includes(s.category as never)),
    )
    .map(
      (s): CorrectiveActionTrigger => ({ kind: "metric-not-meeting", key: s.key, metric: s.metric, share: s.share }),
    );
}

/** 2.8.2.c for one scope, given the share of its counted metrics that meet targeted levels. */
export function improvementExamplesTrigger(
  scope: string,
  meetingShare: number | null,
  rules: PackManifest["correctiveAction"],
): CorrectiveActionTrigger | undefined {
  if (meetingShare === null || meetingShare + 1e-9 >= rules.improvementExamplesBelowShare) return undefined;
  return {
    kind: "improvement-examples-required",
    scope,
    meetingShare,
    examplesRequired: rules.improvementExamplesRequired,
  };
}
