/**
 * Reporting periods as the rules see them: a month (`2026-03`), a quarter (`2026-Q1`) or a year (`2026`).
 */

export type PeriodKind = "month" | "quarter" | "year";

export interface ParsedPeriod {
  readonly kind: PeriodKind;
  /** Months since year 0 of the period's first month. */
  readonly firstMonth: number;
  /** How many months it spans. */
  readonly months: number;
}

const PATTERNS: [RegExp, (m: RegExpMatchArray) => ParsedPeriod][] = [
  [/^(\d{4})-(0[1-9]|1[0-2])$/, (m) => ({ kind: "month", firstMonth: +m[1]! * 12 + +m[2]! - 1, months: 1 })],
  [/^(\d{4})-Q([1-4])$/, (m) => ({ kind: "quarter", firstMonth: +m[1]! * 12 + (+m[2]! - 1) * 3, months: 3 })],
  [/^(\d{4})$/, (m) => ({ kind: "year", firstMonth: +m[1]! * 12, months: 12 })],
];

/** Parses a period id; throws with the expected forms when it is none of them. */
export function parsePeriod(id: string): ParsedPeriod {
  for (const [pattern, build] of PATTERNS) {
    const match = id.match(pattern);
    if (match) return build(match);
  }
  throw new Error(`"${id}" is not a period: expected YYYY-MM (month), YYYY-Qn (quarter) or YYYY (year)`);
}

/** Whether period `b` starts right where period `a` ends. */
export function follows(a: ParsedPeriod, b: ParsedPeriod): boolean {
  return b.firstMonth === a.firstMonth + a.months;
}

/** The first day of a month given as months since year 0, as an ISO date (YYYY-MM-DD). */
export function monthStart(month: number): string {
  return `${String(Math.floor(month / 12)).padStart(4, "0")}-${String((month % 12) + 1).padStart(2, "0")}-01`;
}

/** The first day after a period ends, as an ISO date (YYYY-MM-DD). */
export function periodEnd(id: string): string {
  const p = parsePeriod(id);
  return monthStart(p.firstMonth + p.months);
}
