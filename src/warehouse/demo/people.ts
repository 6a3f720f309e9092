/**
 * The demo's people: who holds each agent seat of each program over time, and who is absent on a given day.
 *
 * Every seat of an agent pool (see simulation.ts) is held by one person at a time. The roster is simulated day
 * by day from half a year before the demo window (so that tenure, hiring cohorts and their three-month outcome
 * exist from the first month) to its last day. Each day a person may leave: more often while in training, at
 * the program's annual attrition rate after it. Leavers go voluntarily or not, or move within the entity (a
 * transfer to another program, a promotion to team leader); most seats are backfilled by a new hire who starts
 * a few weeks later and trains for three to five weeks. Some hires in Manila come through a staffing firm on
 * six-month temporary positions that end on their date. A month after training each new CSS is judged against
 * the acceptable performance level.
 *
 * Seats are grouped in teams of eight per pool (`people.team_id`, e.g. `northwind-care-chicago-r-team-01`); a
 * person's work is recorded under their `person_id` (`emp-…`), which the simulation writes on every contact,
 * evaluation and day of agent time the seat's holder handled.
 *
 * Absences are drawn per working seat-day in the window from the program's absence rate: mostly unplanned
 * (illness, last-minute personal days, no-shows, lateness, short-notice swaps), some planned or long-term ones
 * that absenteeism leaves out.
 */
import type { DemoWindow } from "./calendar.ts";
import { PROGRAMS } from "./organisation.ts";
import type { Random } from "./random.ts";

/** Days simulated before the window's first day. */
export const HISTORY_DAYS = 183;
export const ROLES = ["css", "team-leader"] as const;
export const EMPLOYERS = ["own", "StaffPoint Manila"] as const;
export const LEAVE_CODES = ["voluntary", "involuntary", "end-of-contract", "transfer", "promotion"] as const;
export const ABSENCE_CODES = [
  "illness",
  "tardiness",
  "personal",
  "no-show",
  "shift-swap",
  "vacation",
  "long-term",
  "sent-home",
] as const;

/** One assignment as numbers: days since 1970-01-01, codes for text, NaN for empty. */
export interface PersonRow {
  person: number;
  program: number;
  role: number;
  employer: number;
  hired: number;
  starts: number;
  trained: number;
  left: number;
  reason: number;
  backfilled: number;
  positionEnds: number;
  met: number;
  asOf: number;
  /** Team of the seat's pool, as kind × 1000 + team number (1-based); NaN off the seats. */
  team: number;
}

export interface AbsenceRow {
  person: number;
  program: number;
  day: number;
  hours: number;
  reason: number;
  planned: number;
  notice: number;
  employer: number;
}

/** An employee survey response: the overall survey, or one at a lifecycle point. */
export interface EmployeeSurveyRow {
  seq: number;
  program: number;
  answered: number;
  /** 0 overall, 1 lifecycle. */
  survey: number;
  /** Index in LIFECYCLE_POINTS; NaN for the overall survey. */
  point: number;
  role: number;
  score: number;
  scaleMax: number;
}

export const LIFECYCLE_POINTS = ["training", "exit", "anniversary"] as const;

export interface RosterSink {
  person(row: PersonRow): void;
  absence(row: AbsenceRow): void;
  employeeSurvey(row: EmployeeSurveyRow): void;
}

/** A seat: the agent pool (program × kind of work) and its agent number, 1-based as in the pool. */
interface Seat {
  readonly pool: number;
  readonly program: number;
  readonly agent: number;
}

const TRAINING_DROPOUT_PER_DAY = 0.004;
/** CSS seats per team (under one team leader), numbered in each pool. */
export const TEAM_SIZE = 8;
const TEMPORARY_DAYS = 182;
const SHIFT_HOURS = 8;

const epochDay = (date: { year: number; month: number; day: number }) =>
  Date.UTC(date.year, date.month - 1, date.day) / 86_400_000;

export class Roster {
  /** Every assignment, in the order they start. */
  readonly assignments: PersonRow[] = [];
  /** Per pool and seat: the assignments that held it, in order, and which one holds it on the day simulated. */
  private readonly held: { list: PersonRow[]; at: number }[][] = [];
  private readonly first: number;
  private readonly last: number;
  private nextPerson = 1;

  /**
   * @param poolSizes agents per pool, indexed program × kinds + kind as in the simulation (0 where none)
   */
  constructor(
    private readonly rng: Random,
    window: DemoWindow,
    poolSizes: readonly number[],
    private readonly kinds: number,
  ) {
    this.first = epochDay(window.dates[0]!);
    this.last = epochDay(window.dates[window.dates.length - 1]!);
    const start = this.first - HISTORY_DAYS;
    const seats: Seat[] = [];
    poolSizes.forEach((size, pool) => {
      for (let agent = 1; agent <= size; agent++) seats.push({ pool, program: Math.floor(pool / kinds), agent });
    });
    // Pending hires per seat: the day the backfill starts.
    const current = new Map<Seat, PersonRow | undefined>();
    const vacantUntil = new Map<Seat, number>();
    for (const seat of seats) {
      // Tenure before the history starts: exponential, about two years on average. The HR records begin with
      // the history: staff already there are on record from its first day, trained, with their real hire date.
      const hired = start - 40 - Math.floor(rng.exponential(700));
      const person = this.hire(seat, hired, true);
      person.starts = start;
      person.trained = start;
      current.set(seat, person);
    }
    for (let day = start; day <= this.last; day++) {
      for (const seat of seats) {
        const person = current.get(seat);
        if (!person) {
          const from = vacantUntil.get(seat);
          if (from !== undefined && day >= from) {
            current.set(seat, this.hire(seat, day, false));
            vacantUntil.delete(seat);
          }
          continue;
        }
        if (day < person.starts) continue;
        const profile = PROGRAMS[seat.program]!.profile;
        const inTraining = !(person.trained <= day);
        let reason: number | undefined;
        if (!Number.isNaN(person.positionEnds) && day >= person.positionEnds) reason = 2;
        else if (rng.chance(inTraining ? TRAINING_DROPOUT_PER_DAY : profile.attrition / 365)) {
          const u = rng.uniform();
          reason = inTraining ? (u < 0.7 ? 0 : 1) : u < 0.68 ? 0 : u < 0.86 ? 1 : u < 0.94 ? 3 : 4;
        }
        if (reason === undefined) continue;
        person.left = day;
        person.reason = reason;
        person.backfilled = reason === 2 || rng.chance(0.9) ? 1 : 0;
        if (inTraining) person.trained = Number.NaN;
        current.set(seat, undefined);
        if (person.backfilled === 1) vacantUntil.set(seat, day + 7 + rng.int(21));
        if (reason === 3 || reason === 4) this.move(person, reason, day + 1);
      }
    }
  }

  /** The person holding `agent` of pool `pool` on window day `d`, past training, or undefined. */
  onSeat(pool: number, agent: number, d: number): PersonRow | undefined {
    const seat = this.held[pool]?.[agent];
    if (!seat) return undefined;
    const day = this.first + d;
    while (seat.at < seat.list.length && seat.list[seat.at]!.left < day) seat.at++;
    const person = seat.list[seat.at];
    return person && person.starts <= day && person.trained <= day ? person : undefined;
  }

  /**
   * The person number the work of seat `agent` of pool `pool` on window day `d` is recorded under: whoever holds
   * the seat, else (the seat vacant, which the pools mostly avoid) its last holder, else its next.
   */
  holder(pool: number, agent: number, d: number): number {
    const seat = this.held[pool]![agent]!;
    const day = this.first + d;
    while (seat.at < seat.list.length && seat.list[seat.at]!.left < day) seat.at++;
    const person = seat.list[seat.at];
    if (person && person.starts <= day) return person.person;
    return (seat.list[seat.at - 1] ?? person ?? seat.list.at(-1)!).person;
  }

  /**
   * Whether the person on a seat misses a scheduled shift on window day `d`, and why. Returns the absence or
   * undefined; `rate` is the program's mean share of scheduled time lost to unplanned absence.
   */
  absence(person: PersonRow, d: number, rate: number): AbsenceRow | undefined {
    const rng = this.rng;
    const u = rng.uniform();
    // Planned and long-term absences, which absenteeism leaves out, on top of the unplanned rate.
    const planned = 0.03;
    if (u >= rate + planned) return undefined;
    const row: AbsenceRow = {
      person: person.person,
      program: person.program,
      day: this.first + d,
      hours: SHIFT_HOURS,
      reason: 0,
      planned: Number.NaN,
      notice: Number.NaN,
      employer: person.employer,
    };
    if (u >= rate) {
      const v = rng.uniform();
      if (v < 0.6) {
        row.reason = 5;
        row.planned = 1;
      } else if (v < 0.75) row.reason = 6;
      else if (v < 0.85) {
        row.reason = 7;
        row.hours = 1 + rng.int(4);
      } else {
        row.reason = 4;
        row.notice = 24 + rng.int(120);
      }
      return row;
    }
    const v = rng.uniform();
    if (v < 0.55) row.reason = 0;
    else if (v < 0.7) row.reason = 2;
    else if (v < 0.78) row.reason = 3;
    else if (v < 0.92) {
      // Late by half an hour to two hours: this covers several late arrivals' worth of lost time.
      row.reason = 1;
      row.hours = 0.5 * (1 + rng.int(4));
    } else {
      row.reason = 4;
      row.notice = 1 + rng.int(20);
    }
    return row;
  }

  /**
   * Employee surveys in the window: the overall survey in its second week, answered by most CSSs on a seat, and
   * lifecycle surveys the day after training ends, on each work anniversary and on the last day of those who
   * leave. Programs that lose more people have less satisfied staff. `at` gives the instant of a local hour of a
   * window day for a program.
   */
  surveys(sink: RosterSink, at: (program: number, d: number, hour: number) => number): void {
    const rng = this.rng;
    const days = this.last - this.first + 1;
    const survey = Math.min(9, days - 1);
    let seq = 1;
    const answer = (a: PersonRow, d: number, kind: number, point: number, shift: number) => {
      const mean = 4.4 - 1.6 * PROGRAMS[a.program]!.profile.attrition + shift;
      sink.employeeSurvey({
        seq: seq++,
        program: a.program,
        answered: at(a.program, d, 10 + rng.int(8)),
        survey: kind,
        point,
        role: a.role,
        score: Math.min(5, Math.max(1, Math.round(mean + 0.9 * rng.normal()))),
        scaleMax: 5,
      });
    };
    for (const a of this.assignments) {
      const day = this.first + survey;
      const onSeat = a.starts <= day && a.trained <= day && !(a.left < day);
      if (a.role === 0 && onSeat && rng.chance(0.6)) answer(a, survey, 0, Number.NaN, 0);
      const trained = a.trained + 1 - this.first;
      if (a.role === 0 && trained >= 0 && trained < days && rng.chance(0.8)) answer(a, trained, 1, 0, 0.3);
      const left = a.left - this.first;
      if (left >= 0 && left < days && rng.chance(0.6)) answer(a, left, 1, 1, -0.8);
      // Work anniversaries, answered in the assignment held that day.
      const hired = new Date(a.hired * 86_400_000);
      for (let year = hired.getUTCFullYear() + 1; ; year++) {
        const d = Date.UTC(year, hired.getUTCMonth(), hired.getUTCDate()) / 86_400_000 - this.first;
        if (d >= days) break;
        const held = a.starts <= this.first + d && !(a.left < this.first + d) && a.trained <= this.first + d;
        if (d >= 0 && a.role === 0 && held && rng.chance(0.8)) answer(a, d, 1, 2, 0);
      }
    }
  }

  /** Every assignment with the roster's as-of day (the window's last). */
  rows(): PersonRow[] {
    for (const a of this.assignments) a.asOf = this.last;
    return this.assignments;
  }

  private hire(seat: Seat, hired: number, tenured: boolean): PersonRow {
    const rng = this.rng;
    const location = PROGRAMS[seat.program]!.location;
    const temporary = !tenured && location === "manila" && rng.chance(0.2);
    const trained = hired + 21 + rng.int(15);
    const row: PersonRow = {
      person: this.nextPerson++,
      program: seat.program,
      role: 0,
      employer: temporary ? 1 : 0,
      hired,
      starts: hired,
      trained,
      left: Number.NaN,
      reason: Number.NaN,
      backfilled: Number.NaN,
      positionEnds: temporary ? hired + TEMPORARY_DAYS : Number.NaN,
      // Judged a month after training, when that month is over by the end of the window; programs that train
      // well get more of their new CSSs there.
      met:
        tenured || trained + 30 > this.last
          ? Number.NaN
          : rng.chance(0.78 + 0.12 * PROGRAMS[seat.program]!.profile.resolution)
            ? 1
            : 0,
      asOf: Number.NaN,
      team: (seat.pool % this.kinds) * 1000 + Math.ceil(seat.agent / TEAM_SIZE),
    };
    this.assignments.push(row);
    this.held[seat.pool] ??= [];
    this.held[seat.pool]![seat.agent] ??= { list: [], at: 0 };
    this.held[seat.pool]![seat.agent]!.list.push(row);
    return row;
  }

  /** A transfer to another program or a promotion to team leader: a new assignment from `day`, never a seat. */
  private move(person: PersonRow, reason: number, day: number) {
    const program =
      reason === 3 ? (person.program + 1 + this.rng.int(PROGRAMS.length - 1)) % PROGRAMS.length : person.program;
    this.assignments.push({
      ...person,
      program,
      role: reason === 4 ? 1 : 0,
      starts: day,
      // A move brings a week of cross-training, but no new-hire judgement.
      trained: reason === 3 ? day + 5 : day,
      left: Number.NaN,
      reason: Number.NaN,
      backfilled: Number.NaN,
      met: Number.NaN,
      // A team leader leads the team they were in; a transfer joins the other program off the seats.
      team: reason === 3 ? Number.NaN : person.team,
    });
  }
}
