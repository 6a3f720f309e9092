/**
 * A confidence interval for the difference between two independent proportions: this month's pass rate
 * against last month's, one team's against another's.
 *
 * Newcombe's hybrid score interval (Newcombe 1998, "Interval estimation for the difference between
 * independent proportions: comparison of eleven methods", Stat Med 17:873–890, method 10) combines the two
 * Wilson intervals (l₁, u₁) and (l₂, u₂) by "square and add":
 *
 *   lower = (p₁ − p₂) − √((p₁ − l₁)² + (u₂ − p₂)²)
 *   upper = (p₁ − p₂) + √((u₁ − p₁)² + (p₂ − l₂)²)
 *
 * With `continuityCorrection` the Wilson intervals are the continuity-corrected ones (his method 11).
 * Unlike the Wald interval it behaves at 0/n and n/n and never leaves [−1, 1].
 */
import { wilson, wilsonCC } from "./proportion.ts";

export interface DifferenceInterval {
  /** p₁ = k₁/n₁ and p₂ = k₂/n₂. */
  readonly p1: number;
  readonly p2: number;
  /** p₁ − p₂. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly confidence: number;
  readonly method: "newcombe" | "newcombe-cc";
}

/**
 * Newcombe's hybrid score interval for p₁ − p₂.
 *
 * @example newcombeDifference(56, 70, 48, 80) // estimate 0.2, 0.0524 to 0.3339 (Newcombe 1998, Table II)
 */
export function newcombeDifference(
  successes1: number,
  trials1: number,
  successes2: number,
  trials2: number,
  options: { confidence?: number; continuityCorrection?: boolean } = {},
): DifferenceInterval {
  const { confidence = 0.95, continuityCorrection = false } = options;
  const single = continuityCorrection ? wilsonCC : wilson;
  const a = single(successes1, trials1, confidence);
  const b = single(successes2, trials2, confidence);
  const estimate = a.estimate - b.estimate;
  const lower = estimate - Math.hypot(a.estimate - a.lower, b.upper - b.estimate);
  const upper = estimate + Math.hypot(a.upper - a.estimate, b.estimate - b.lower);
  return {
    p1: a.estimate,
    p2: b.estimate,
    estimate,
    lower: Math.max(-1, lower),
    upper: Math.min(1, upper),
    confidence,
    method: continuityCorrection ? "newcombe-cc" : "newcombe",
  };
}
