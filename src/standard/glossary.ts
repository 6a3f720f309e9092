/**
 * Measures the Standard's glossary defines by worked example: schedule adherence, schedule attainment, and
 * the translation of an efficiency gain into staff and money.
 */

/** A span of time in minutes from any fixed origin (e.g. minutes since midnight). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Schedule adherence of one scheduled activity (a break, a meeting, a block of handling time).
 *
 * - `deviation` (default, the glossary's worked example): (actual minutes − late or early start − late or early
 *   return) / scheduled minutes, floored at zero. A 15-minute break scheduled 10:00–10:15 taken 10:05–10:20 gives
 *   (15 − 5 − 5) / 15 = 33%.
 * - `overlap`: minutes in which the activity happened as scheduled / scheduled minutes (10 / 15 = 67% above).
 *
 * The Standard notes that several definitions exist; the choice is a setting. Returns a fraction (0–1).
 */
export function scheduleAdherence(
  scheduled: Span,
  actual: Span,
  method: "deviation" | "overlap" = "deviation",
): number {
  const scheduledMinutes = scheduled.end - scheduled.start;
  if (!(scheduledMinutes > 0)) throw new Error("a scheduled activity must last longer than zero minutes");
  if (actual.end < actual.start) throw new Error("an actual activity cannot end before it starts");
  if (method === "overlap") {
    const overlap = Math.max(0, Math.min(scheduled.end, actual.end) - Math.max(scheduled.start, actual.start));
    return overlap / scheduledMinutes;
  }
  const actualMinutes = actual.end - actual.start;
  const deviation = Math.abs(actual.start - scheduled.start) + Math.abs(actual.end - scheduled.end);
  return Math.max(0, actualMinutes - deviation) / scheduledMinutes;
}

/** One interval of a client-required staffing plan and the staff actually available in it. */
export interface StaffedInterval {
  readonly requiredFte: number;
  readonly actualFte: number;
}

/**
 * Schedule attainment, the glossary's second method: per interval 1 − |actual − required| / required, averaged
 * over intervals weighted by required FTE. 14.5 FTE against a requirement of 15 gives 96.7%. Returns a fraction.
 * Intervals with no requirement carry no weight.
 */
export function scheduleAttainment(intervals: readonly StaffedInterval[]): number {
  let weight = 0;
  let sum = 0;
  for (const { requiredFte, actualFte } of intervals) {
    if (requiredFte < 0 || actualFte < 0) throw new Error("FTE cannot be negative");
    if (requiredFte === 0) continue;
    sum += requiredFte * (1 - Math.abs(actualFte - requiredFte) / requiredFte);
    weight += requiredFte;
  }
  if (weight === 0) throw new Error("no interval has a staffing requirement");
  return sum / weight;
}

/**
 * Schedule attainment, the glossary's first method: the share of intervals staffed within the band agreed with
 * the client, e.g. between 95% and 115% of the requirement (bounds inclusive). Returns a fraction.
 */
export function scheduleAttainmentInBand(
  intervals: readonly StaffedInterval[],
  band: { readonly low: number; readonly high: number } = { low: 0.95, high: 1.15 },
): number {
  const staffed = intervals.filter((i) => i.requiredFte > 0);
  if (staffed.length === 0) throw new Error("no interval has a staffing requirement");
  const within = staffed.filter(
    (i) => i.actualFte >= band.low * i.requiredFte - 1e-9 && i.actualFte <= band.high * i.requiredFte + 1e-9,
  );
  return within.length / staffed.length;
}

/**
 * An efficiency gain translated into staff and annual money, as the Standard asks savings to be expressed: a 5%
 * first-contact-resolution gain in a 500-seat program removes 5% of the volume, so 25 fewer CSSs, which at
 * $20,000 a year each is $500,000 a year.
 */
export function efficiencySavings(input: { seats: number; volumeReductionPercent: number; annualCostPerCss: number }) {
  const { seats, volumeReductionPercent, annualCostPerCss } = input;
  if (seats < 0 || annualCostPerCss < 0) throw new Error("seats and cost cannot be negative");
  const fewerCss = (seats * volumeReductionPercent) / 100;
  return { fewerCss, annualSavings: fewerCss * annualCostPerCss };
}
