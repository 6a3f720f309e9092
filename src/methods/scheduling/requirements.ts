/**
 * Interval requirements from a forecast: the staffing model's agents for each interval's contacts and handle
 * time, then the positions to schedule once shrinkage is allowed for.
 *
 * The shrinkage here should leave out the breaks the shift patterns already place (they are taken out of each
 * shift's coverage): absence, training, coaching, meetings.
 */
import { type StaffingModel, type StaffingTargets, staffing } from "../queueing/index.ts";

export interface IntervalWorkload {
  readonly contacts: number;
  /** Handle time in seconds; null when nothing was forecast to be handled (no agent needed). */
  readonly ahtSeconds: number | null;
}

export interface RequirementSettings {
  readonly intervalMinutes: number;
  readonly targets: StaffingTargets;
  /** Default Erlang C. */
  readonly model?: StaffingModel;
  /** Erlang A: callers' mean patience in seconds. */
  readonly patienceSeconds?: number;
  /** Shrinkage not modelled as breaks; default 0. */
  readonly shrinkage?: number;
}

/** Positions to schedule per interval (whole agents). */
export function requirementsFromForecast(
  intervals: readonly IntervalWorkload[],
  settings: RequirementSettings,
): number[] {
  const intervalSeconds = settings.intervalMinutes * 60;
  return intervals.map(({ contacts, ahtSeconds }) => {
    if (contacts <= 0 || ahtSeconds === null || ahtSeconds <= 0) return 0;
    return staffing({
      model: settings.model ?? "c",
      queue: {
        load: (contacts * ahtSeconds) / intervalSeconds,
        ahtSeconds,
        ...(settings.patienceSeconds === undefined ? {} : { patienceSeconds: settings.patienceSeconds }),
      },
      targets: settings.targets,
      shrinkage: settings.shrinkage ?? 0,
    }).scheduled;
  });
}
