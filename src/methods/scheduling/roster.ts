/**
 * From a schedule's shifts to named agents: each agent of a pattern works its days per week and has the
 * rest off. Days are dealt round-robin (McNaughton's wrap-around rule): walking the days in order, each day's
 * shifts go to the next agents in a circle. No agent gets two shifts on a day because no day has more shifts
 * of a pattern than the pattern has agents, and everyone ends with the same number of days because the shifts
 * add up to days per week × agents — the two constraints the schedule's integer program keeps.
 *
 * Not considered: consecutive days off, and rest between a late shift and an early one the next day.
 */
import type { Schedule, ScheduledShift } from "./schedule.ts";

export interface RosterAgent {
  /** The pattern's name and a number: "full-time 007". */
  readonly id: string;
  readonly pattern: string;
  /** One entry per day of the horizon: the shift worked, or null on a day off. */
  readonly days: readonly (ScheduledShift | null)[];
}

/** Names agents and gives each the shifts of its days. Needs a schedule over whole weeks (days off planned). */
export function roster(schedule: Schedule): RosterAgent[] {
  if (!schedule.daysOff) {
    throw new Error("a roster needs a schedule over whole weeks, where each agent's days off are planned");
  }
  const out: RosterAgent[] = [];
  for (const totals of schedule.patterns) {
    const agents = totals.agents;
    if (agents === 0) continue;
    const width = String(agents).length;
    const days: (ScheduledShift | null)[][] = Array.from({ length: agents }, () =>
      new Array<ScheduledShift | null>(schedule.days).fill(null),
    );
    let next = 0;
    for (let day = 0; day < schedule.days; day++) {
      const todays = schedule.shifts.filter((s) => s.pattern === totals.pattern && s.day === day);
      const count = todays.reduce((sum, s) => sum + s.agents, 0);
      if (count > agents) {
        throw new Error(`day ${day} has ${count} ${totals.pattern} shifts for ${agents} agents`);
      }
      for (const shift of todays) {
        for (let k = 0; k < shift.agents; k++) {
          (days[next % agents] as (ScheduledShift | null)[])[day] = shift;
          next++;
        }
      }
    }
    for (let a = 0; a < agents; a++) {
      out.push({
        id: `${totals.pattern} ${String(a + 1).padStart(width, "0")}`,
        pattern: totals.pattern,
        days: days[a] as ScheduledShift[],
      });
    }
  }
  return out;
}
