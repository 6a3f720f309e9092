/**
 * The demo's operation, simulated one local day at a time so that any volume streams through a fixed amount of
 * memory (only deferred items still waiting to be worked are held).
 *
 * Real-time queues (voice, chat). Each local hour, the workforce plan staffs the forecast load to the program's
 * planned service level (Erlang C); seats cap the busiest hours; on the day some planned agents are missing.
 * Arrivals are Poisson around the forecast (each queue-day has its own forecast error), spread uniformly over
 * the hour. The hour's actual load and agents give, by Erlang C, the share of callers who wait and their
 * exponential wait, so busy hours and short-staffed days answer later. Each caller draws a patience and abandons
 * when it runs out first; voice callers facing a long wait may take a callback instead (keeping their place,
 * then reached, unreachable, or asking to be called later). Handle times are lognormal talk, hold and
 * after-contact work; chat waits are waits for the first manual response.
 *
 * Deferred queues (email, web leads, back-office cases). Items arrive around the clock (back-office in office
 * hours) and are due one target cycle time after arrival; they are worked first in, first out in the queue's
 * working hours at a capacity set by the program's staffing, with overtime when the backlog piles up. Items
 * arriving after hours, at weekends or when capacity falls short finish late; items still open at the end of
 * the window stay open.
 *
 * Outbound (collections dialer). Dials in office hours; a share connect, some end in a promise to pay.
 *
 * Around the contacts: agents work rotating five-day weeks on shifts spread over the opening hours and take the
 * contacts of their hours; each agent-day becomes an agent-time row (productive time from the contacts handled,
 * available time from the day's occupancy, breaks and meetings on top). A sample of handled contacts is
 * monitored by QA a few hours to days later, and some customers answer a satisfaction survey that depends on
 * whether their issue was resolved, at the first contact, and how long they waited.
 */

import { type ErlangAMeasures, erlangAMeasures } from "../../methods/queueing/erlang-a.ts";
import { erlangB } from "../../methods/queueing/erlang-b.ts";
import { erlangCFromB } from "../../methods/queueing/erlang-c.ts";
import { type DemoWindow, hourStarts } from "./calendar.ts";
import {
  type DemoQueue,
  type DigitalProfile,
  LOCATIONS,
  type OpeningHours,
  PROGRAMS,
  type ProgramProfile,
  QUEUES,
} from "./organisation.ts";
import { type AbsenceRow, Roster, type RosterSink } from "./people.ts";
import { Random } from "./random.ts";
import { arrivalRate, connectFactor, isOpen } from "./seasonality.ts";
import { SupportProcesses, type SupportSink } from "./support.ts";

/** Codes of the callback column in a row. */
export const CALLBACK = { none: 0, keptPlace: 1, unreachable: 2, later: 3 } as const;
export const CALLBACK_VALUES = ["none", "kept-place", "unreachable", "later"] as const;
/** Kinds of work agents are pooled by, with the letter their agent ids carry. */
export const WORK_KINDS = ["real-time", "deferred", "outbound", "face-to-face"] as const;
export const WORK_KIND_LETTERS = ["r", "d", "o", "f"] as const;
/** Agent pools per program: one per kind of work, at index program × KINDS + kind. */
const KINDS = WORK_KINDS.length;
/** QA monitoring modes, by code. */
export const MONITORING_MODES = ["remote", "recorded", "side-by-side", "system"] as const;
/** How voice calls leave the IVR, by code. */
export const IVR_OUTCOMES = ["self-served", "abandoned", "opted-out", "errored-out", "routed"] as const;

/**
 * One contact as numbers: instants in epoch seconds, durations in seconds, flags 0/1, codes for text.
 * NaN is empty. One row object is reused for every contact; sinks copy what they need.
 */
export class ContactRow {
  /** Index of the queue in QUEUES. */
  queue = 0;
  /** Sequence number, unique in the run: the contact's source id. */
  seq = 0;
  /** Seat (1-based) in the program's pool for the kind of work that handled it, and the person holding it. */
  agent = Number.NaN;
  person = Number.NaN;
  customer = Number.NaN;
  arrived = Number.NaN;
  offered = Number.NaN;
  answered = Number.NaN;
  abandoned = Number.NaN;
  completed = Number.NaN;
  due = Number.NaN;
  wait = Number.NaN;
  talk = Number.NaN;
  hold = Number.NaN;
  acw = Number.NaN;
  callback = Number.NaN;
  resolved = Number.NaN;
  firstContact = Number.NaN;
  escalated = Number.NaN;
  escalatedCorrectly = Number.NaN;
  sale = Number.NaN;
  saleValue = Number.NaN;
  sessionAbandoned = Number.NaN;
  /** Chat: CSS replies to customer messages, and the seconds the customer waited for them in all. */
  replies = Number.NaN;
  replyWait = Number.NaN;
  /** Chat invitation: 0 accepted, 1 declined. */
  invitation = Number.NaN;
  rightParty = Number.NaN;
  recordClosed = Number.NaN;
  leadQualifying = Number.NaN;
  lead = Number.NaN;
  /** A store visit's repair had to be reworked: 0 or 1, NaN when no repair. */
  rework = Number.NaN;
  /** A store visit's order could not be fulfilled for lack of stock. */
  outOfStock = Number.NaN;
  /** Voice: index in IVR_OUTCOMES, and how the routing went. */
  ivrOutcome = Number.NaN;
  routedAsDesigned = Number.NaN;
  intentMatched = Number.NaN;
  /** Digital sessions. */
  eligible = Number.NaN;
  completedInService = Number.NaN;
  deflected = Number.NaN;
  transferred = Number.NaN;
  messages = Number.NaN;
  inputs = Number.NaN;
  inputsRecognized = Number.NaN;
  confidenceSum = Number.NaN;

  reset(queue: number, seq: number): this {
    this.queue = queue;
    this.seq = seq;
    this.agent = Number.NaN;
    this.person = Number.NaN;
    this.customer = Number.NaN;
    this.arrived = Number.NaN;
    this.offered = Number.NaN;
    this.answered = Number.NaN;
    this.abandoned = Number.NaN;
    this.completed = Number.NaN;
    this.due = Number.NaN;
    this.wait = Number.NaN;
    this.talk = Number.NaN;
    this.hold = Number.NaN;
    this.acw = Number.NaN;
    this.callback = Number.NaN;
    this.resolved = Number.NaN;
    this.firstContact = Number.NaN;
    this.escalated = Number.NaN;
    this.escalatedCorrectly = Number.NaN;
    this.sale = Number.NaN;
    this.saleValue = Number.NaN;
    this.sessionAbandoned = Number.NaN;
    this.replies = Number.NaN;
    this.replyWait = Number.NaN;
    this.invitation = Number.NaN;
    this.rightParty = Number.NaN;
    this.recordClosed = Number.NaN;
    this.leadQualifying = Number.NaN;
    this.lead = Number.NaN;
    this.rework = Number.NaN;
    this.outOfStock = Number.NaN;
    this.ivrOutcome = Number.NaN;
    this.routedAsDesigned = Number.NaN;
    this.intentMatched = Number.NaN;
    this.eligible = Number.NaN;
    this.completedInService = Number.NaN;
    this.deflected = Number.NaN;
    this.transferred = Number.NaN;
    this.messages = Number.NaN;
    this.inputs = Number.NaN;
    this.inputsRecognized = Number.NaN;
    this.confidenceSum = Number.NaN;
    return this;
  }
}

/** One QA evaluation of a handled contact. */
export interface EvaluationRow {
  seq: number;
  contact: number;
  queue: number;
  /** The person monitored (the roster's number); NaN for a system check of a digital session. */
  person: number;
  evaluator: number;
  evaluated: number;
  mode: number;
  customerError: number;
  businessError: number;
  complianceError: number;
  /** Any error at all, recorded for deferred work (the base of its defect rate); NaN elsewhere. */
  defect: number;
  /** When the CSS was coached on a failed transaction; NaN when not (yet), and for system checks. */
  coached: number;
}

/** One survey response about a handled contact. */
export interface SurveyRow {
  seq: number;
  contact: number;
  queue: number;
  answered: number;
  satisfaction: number;
  scaleMax: number;
  /** Ease of the service journey, 1–5, when the survey asked; NaN when not. */
  journeyScore: number;
}

/** One record supplied to a dialer queue's list: instants in epoch seconds, flags 0/1, NaN for empty. */
export interface ListRecordRow {
  seq: number;
  queue: number;
  supplied: number;
  planBy: number;
  attempted: number;
  closed: number;
  contacted: number;
  traceAttempted: number;
  traced: number;
}

/** One local hour of a voice queue's lines: calls presented, blocked, and channels at the peak and in all. */
export interface NetworkRow {
  queue: number;
  starts: number;
  minutes: number;
  offered: number;
  blocked: number;
  peak: number;
  channels: number;
}

/** People a store's door counter saw come in during one local hour. */
export interface FootfallRow {
  program: number;
  starts: number;
  minutes: number;
  people: number;
}

/** Units of the cost driver (contacts handled) of one program on one local day (days since 1970-01-01). */
export interface DriverRow {
  program: number;
  day: number;
  units: number;
}

/** One agent's paid time on one day for one program and kind of work. */
export interface AgentDayRow {
  program: number;
  /** Index in WORK_KINDS. */
  kind: number;
  /** The person on the seat (the roster's number). */
  person: number;
  starts: number;
  paid: number;
  onsite: number;
  productive: number;
  available: number;
  scheduled: number;
  /** Scheduled seconds spent on the scheduled activity at its time; NaN for a day missed. */
  adherent: number;
  /** Seconds with one or more chats open; NaN where the program has no chat. */
  chatEngaged: number;
}

/** One staffing interval (a local hour) of a queue: volumes and staff in FTE. */
export interface IntervalRow {
  queue: number;
  starts: number;
  minutes: number;
  forecast: number;
  actual: number;
  capacity: number;
  planned: number;
  required: number;
  scheduled: number;
  present: number;
}

export interface DemoSink extends SupportSink, RosterSink {
  driver(row: DriverRow): void;
  footfall(row: FootfallRow): void;
  listRecord(row: ListRecordRow): void;
  network(row: NetworkRow): void;
  contact(row: ContactRow): void;
  evaluation(row: EvaluationRow): void;
  survey(row: SurveyRow): void;
  agentDay(row: AgentDayRow): void;
  interval(row: IntervalRow): void;
}

/** A program's settings for one month: its profile plus that month's trend and noise. */
interface ProgramMonth {
  readonly plannedServiceLevel: number;
  readonly absence: number;
  readonly capacity: number;
  readonly resolution: number;
  readonly firstContact: number;
  readonly escalation: number;
  readonly correctEscalation: number;
  readonly criticalErrors: readonly [number, number, number];
  /** Multiplies talk times: learning curves, new products, new hires. */
  readonly handleFactor: number;
  /** Occupancy of agents on deferred and outbound work (real-time occupancy follows from the queue). */
  readonly occupancy: number;
  readonly auxiliary: number;
}

/** A queue's derived settings for one month. */
interface QueueMonth {
  /** Mean handle time (talk + hold + after-contact work), seconds. */
  readonly ahtSeconds: number;
  readonly salesRate: number;
  /** Deferred: items worked per working hour. */
  readonly capacityPerHour: number;
}

/**
 * The agents of one program for one kind of work: each works five days in seven (rotating) on a nine-hour
 * shift starting at a fixed hour, and takes contacts in the hours of the shift.
 */
class AgentPool {
  readonly shiftStart: Int32Array;
  /** Agents (1-based) at work, per (day of the rotation × 24 + local hour). */
  private readonly onShift: Int32Array[];
  /** Today's productive seconds per agent, and whether the agent worked. */
  readonly productive: Float64Array;
  /** Today's chat handle seconds per agent over the queue's concurrency: time with chats open, before gaps. */
  readonly chatting: Float64Array;
  /** Agent-seconds staffed today (real time), for the day's occupancy. */
  staffed = 0;
  /** Today's absences per agent; a whole-day absentee takes no contacts. */
  readonly absent: (AbsenceRow | undefined)[];
  /** 1 for a seat nobody past training holds today: it takes contacts only when no one else can. */
  readonly vacant: Uint8Array;

  constructor(
    readonly size: number,
    hours: OpeningHours,
  ) {
    const [from, to] = hours.weekday;
    const span = to - from;
    this.shiftStart = Int32Array.from({ length: size }, (_, a) => {
      // Spread shift starts evenly (golden-ratio steps) over the hours a nine-hour shift can start.
      const spread = ((a * 0.6180339887) % 1) * Math.max(span - 8, 1);
      return span >= 24 ? Math.floor(((a * 0.6180339887) % 1) * 24) : from + Math.floor(spread);
    });
    this.onShift = Array.from({ length: 7 * 24 }, (_, slot) => {
      const day = Math.floor(slot / 24);
      const hour = slot % 24;
      const agents: number[] = [];
      for (let a = 0; a < size; a++) {
        const works = (a + day) % 7 < 5;
        if (works && (hour - this.shiftStart[a]! + 24) % 24 < 9) agents.push(a + 1);
      }
      return Int32Array.from(agents);
    });
    this.productive = new Float64Array(size + 1);
    this.chatting = new Float64Array(size + 1);
    this.absent = new Array(size + 1);
    this.vacant = new Uint8Array(size + 1);
  }

  /** Whether agent `a` (1-based) is on the rota on day `d`. */
  works(a: number, d: number): boolean {
    return (a - 1 + (d % 7)) % 7 < 5;
  }

  /**
   * An agent on shift at local hour `hour` of day `d`: one of the shift's whose seat is held by someone past
   * training and not absent all day; failing that, anyone in the pool who is (covering); failing that, one of
   * the shift's or anyone.
   */
  pick(rng: Random, d: number, hour: number): number {
    const agents = this.onShift[(d % 7) * 24 + hour]!;
    if (agents.length > 0) {
      for (let tries = 0; tries < 8; tries++) {
        const a = agents[rng.int(agents.length)]!;
        if (this.here(a)) return a;
      }
      for (const a of agents) if (this.here(a)) return a;
    }
    for (let a = 1; a <= this.size; a++) if (this.here(a)) return a;
    return agents.length > 0 ? agents[rng.int(agents.length)]! : 1 + rng.int(this.size);
  }

  /** Seat `a` is held by someone past training who is not absent all day. */
  private here(a: number): boolean {
    return this.vacant[a] === 0 && !wholeDay(this.absent[a]);
  }
}

/** Deferred items waiting to be worked, first in first out. */
class Pending {
  seq: number[] = [];
  arrived: number[] = [];
  customer: number[] = [];
  head = 0;

  get size(): number {
    return this.seq.length - this.head;
  }

  push(seq: number, arrived: number, customer: number): void {
    this.seq.push(seq);
    this.arrived.push(arrived);
    this.customer.push(customer);
  }

  shift(): void {
    this.head++;
    if (this.head > 4096 && this.head * 2 > this.seq.length) {
      this.seq = this.seq.slice(this.head);
      this.arrived = this.arrived.slice(this.head);
      this.customer = this.customer.slice(this.head);
      this.head = 0;
    }
  }
}

const clamp = (x: number, low: number, high: number) => Math.min(high, Math.max(low, x));
/** Lateness and being sent home early leave the rest of the shift worked. */
const wholeDay = (absence: AbsenceRow | undefined) =>
  absence !== undefined && absence.reason !== 1 && absence.reason !== 7;
const lognormalMean = (median: number, sigma: number) => median * Math.exp((sigma * sigma) / 2);
const cents = (x: number) => Math.round(x * 100) / 100;
/** The agent pool a queue's work goes to (index in WORK_KINDS); digital channels have none (-1). */
const workKind = (queue: DemoQueue) => (queue.digital ? -1 : (WORK_KINDS as readonly string[]).indexOf(queue.kind));

const HOLD_SIGMA = 0.7;
const ACW_SIGMA = 0.5;
/** Log-scale spread of a queue-day's actual volume around its forecast. */
const FORECAST_ERROR = 0.08;
/** Voice: waits above this are announced with the offer of a callback, which this share of callers accept. */
const CALLBACK_OFFER_SECONDS = 90;
const CALLBACK_TAKE_UP = 0.4;
/** Share of handled contacts QA monitors, and of handled customers who answer the survey. */
const MONITORED_SHARE = 0.025;
const SURVEYED_SHARE = 0.07;
const EVALUATORS_PER_LOCATION = 4;
/** How much a customer-critical error lowers the customer's latent 1–5 satisfaction (2.7.1.d.ii's link). */
const CUSTOMER_ERROR_COST = 1.3;
/** Of a program's absence (the share of planned agents missing on the day), the part that is unplanned absence. */
const UNPLANNED_SHARE = 0.7;
/** Share of finished digital sessions a system checks. */
const DIGITAL_CHECKED_SHARE = 0.01;
/** Outbound: share of answered dials that reach the intended person. */
const RIGHT_PARTY = 0.86;
/** Mean share of scheduled time an agent spends on the scheduled activity at its time. */
const ADHERENCE = 0.91;

/**
 * When the CSS is coached on a failed evaluation (any critical error): one to four days after it, except for
 * one failure in eight, never coached, so the coaching report has gaps to find; NaN after the data's end.
 * Drawn from the evaluation's number, not the random stream, so the rest of the demo does not move.
 */
function coachedAt(e: EvaluationRow, end: number): number {
  if (e.customerError + e.businessError + e.complianceError === 0 || e.seq % 8 === 0) return Number.NaN;
  const at = e.evaluated + 86_400 * (1 + (e.seq % 4)) + 3_600 * (e.seq % 7);
  return at < end ? at : Number.NaN;
}

/** Smallest number of servers that answer `target` of an Erlang C load within the threshold. */
export function serversFor(load: number, ahtSeconds: number, thresholdSeconds: number, target: number): number {
  if (!(load > 0)) return 1;
  let n = Math.floor(load) + 1;
  let b = erlangB(load, n);
  for (;;) {
    const c = erlangCFromB(load, n, b);
    if (1 - c * Math.exp(-((n - load) * thresholdSeconds) / ahtSeconds) >= target || n > 1_000_000) return n;
    n++;
    b = (load * b) / (n + load * b);
  }
}

/**
 * An hour's Erlang A outcome as cumulative shares of offered callers (answered at once; answered waiting up to
 * the threshold; answered later; abandoned up to the threshold; abandoned later) and the mean wait beyond the
 * threshold of those answered and of those abandoning later, chosen so that the hour's ASA and average wait
 * match the model's.
 */
export function waitShape(m: ErlangAMeasures) {
  const t = m.thresholdSeconds;
  const immediate = 1 - m.probabilityOfWait;
  const answeredWaiting = Math.max(0, m.answeredWithinThreshold - immediate);
  const answeredWait = m.asaSeconds * (1 - m.probabilityOfAbandon);
  const abandonedWait = Math.max(0, m.averageWaitSeconds - answeredWait);
  const beyond = (total: number, within: number, after: number) =>
    after > 0 ? Math.max(t / 4, (total - (within * (t + 1)) / 2) / after - t) : t;
  return {
    immediate,
    answeredWithin: immediate + answeredWaiting,
    answeredAfter: immediate + answeredWaiting + m.answeredAfterThreshold,
    abandonedWithin: immediate + answeredWaiting + m.answeredAfterThreshold + m.abandonedWithinThreshold,
    answeredBeyond: Number.isFinite(answeredWait) ? beyond(answeredWait, answeredWaiting, m.answeredAfterThreshold) : t,
    abandonedBeyond: beyond(abandonedWait, m.abandonedWithinThreshold, m.abandonedAfterThreshold),
  };
}

export interface SimulationOptions {
  readonly seed: number;
  /** Expected number of contacts over the window. */
  readonly contacts: number;
  readonly window: DemoWindow;
}

export class DemoSimulation {
  /** Rows written so far. */
  readonly written = {
    contacts: 0,
    evaluations: 0,
    surveys: 0,
    agentDays: 0,
    people: 0,
    absences: 0,
    intervals: 0,
    listRecords: 0,
  };

  private readonly rng: Random;
  private readonly window: DemoWindow;
  /** Per location: the first instant after the window; QA and survey answers later than that are not in yet. */
  private readonly ends: number[];
  /** Per location (index in LOCATIONS) and date: epoch seconds of local hours 0…24. */
  private readonly starts: Float64Array[][];
  /** Per queue: forecast contacts per date × local hour, already scaled to the requested volume. */
  private readonly forecast: Float64Array[];
  /** Per queue: the date's actual-over-forecast volume factor. */
  private readonly dayFactor: Float64Array[];
  private readonly programMonths: ProgramMonth[][];
  private readonly queueMonths: QueueMonth[][];
  private readonly locationOf: number[];
  private readonly programOf: number[];
  /** Per program × work kind (index program × KINDS + kind), or undefined where the program does no such work. */
  private readonly pools: (AgentPool | undefined)[];
  /** Who holds each agent seat, day by day, and their absences. */
  private readonly roster: Roster;
  /** Support-process work and system availability, on their own stream. */
  private readonly support: SupportProcesses;
  /** Draws of the workforce plan beyond the contacts (capacity-plan error, attendance on deferred work). */
  private readonly workforce: Random;
  /** Per queue and month: the capacity plan's staff over the schedule's, the error of the long-range forecast. */
  private readonly capacityPlan: Float64Array[];
  private readonly listRow: ListRecordRow = {
    seq: 0,
    queue: 0,
    supplied: 0,
    planBy: 0,
    attempted: 0,
    closed: 0,
    contacted: 0,
    traceAttempted: 0,
    traced: 0,
  };
  private nextRecord = 1;
  private readonly intervalRow: IntervalRow = {
    queue: 0,
    starts: 0,
    minutes: 0,
    forecast: 0,
    actual: 0,
    capacity: 0,
    planned: 0,
    required: 0,
    scheduled: 0,
    present: 0,
  };
  private readonly customerBase: number[];
  private readonly pending: Pending[];
  private readonly row = new ContactRow();
  private readonly evaluationRow: EvaluationRow = {
    seq: 0,
    contact: 0,
    queue: 0,
    person: 0,
    evaluator: 0,
    evaluated: 0,
    mode: 0,
    customerError: 0,
    businessError: 0,
    complianceError: 0,
    defect: Number.NaN,
    coached: Number.NaN,
  };
  private readonly surveyRow: SurveyRow = {
    seq: 0,
    contact: 0,
    queue: 0,
    answered: 0,
    satisfaction: 0,
    scaleMax: 5,
    journeyScore: Number.NaN,
  };
  /** Contacts each program handled today: the demo's cost driver. */
  private readonly handledToday = new Float64Array(PROGRAMS.length);
  private readonly agentRow: AgentDayRow = {
    program: 0,
    kind: 0,
    person: 0,
    starts: 0,
    paid: 0,
    onsite: 0,
    productive: 0,
    available: 0,
    scheduled: 0,
    adherent: 0,
    chatEngaged: Number.NaN,
  };
  private readonly times: Float64Array = new Float64Array(1024);
  private nextSeq = 1;
  private nextEvaluation = 1;
  private nextResponse = 1;
  /** Date being simulated, and the local hour, for agent choice. */
  private today = 0;
  private hour = 0;

  constructor(options: SimulationOptions) {
    const { window } = options;
    if (!(options.contacts >= 1)) throw new Error(`contacts must be at least 1, got ${options.contacts}`);
    this.window = window;
    const root = new Random(options.seed);
    const plan = root.stream();
    this.rng = root.stream();
    const people = root.stream();
    this.workforce = root.stream();
    const support = root.stream();
    this.capacityPlan = QUEUES.map(() =>
      Float64Array.from({ length: window.months }, () => this.workforce.lognormal(1, 0.08)),
    );

    this.starts = LOCATIONS.map((l) => window.dates.map((d) => hourStarts(d, l.timeZone)));
    this.ends = this.starts.map((days) => days[days.length - 1]![24]!);
    this.locationOf = QUEUES.map((q) => {
      const program = PROGRAMS.find((p) => p.id === q.program);
      if (!program) throw new Error(`queue ${q.id}: no program ${q.program}`);
      return LOCATIONS.findIndex((l) => l.id === program.location);
    });
    this.programOf = QUEUES.map((q) => PROGRAMS.findIndex((p) => p.id === q.program));

    // Month by month, each program drifts along its trend with some noise.
    this.programMonths = PROGRAMS.map((p) =>
      Array.from({ length: window.months }, (_, m) => programMonth(p.profile, m, plan)),
    );
    this.queueMonths = QUEUES.map((q, i) =>
      Array.from({ length: window.months }, (_, m) => {
        const pm = this.programMonths[this.programOf[i]!]![m]!;
        const hold = q.hold ? q.hold[0] * lognormalMean(q.hold[1], HOLD_SIGMA) : 0;
        return {
          ahtSeconds: lognormalMean(q.talk[0] * pm.handleFactor, q.talk[1]) + hold + lognormalMean(q.acw, ACW_SIGMA),
          salesRate: q.sales ? clamp(q.sales.rate + q.sales.rateTrend * m + 0.01 * plan.normal(), 0.01, 0.9) : 0,
          capacityPerHour: 0,
        };
      }),
    );

    // The forecast: relative rates per queue, date and local hour, scaled so that they add up to `contacts`.
    const hours = window.dates.length * 24;
    const raw = QUEUES.map((q, i) => {
      const rates = new Float64Array(hours);
      const location = this.locationOf[i]!;
      window.dates.forEach((date, d) => {
        const starts = this.starts[location]![d]!;
        const level = q.volume * (1 + q.growth) ** date.monthIndex;
        for (let h = 0; h < 24; h++) {
          // Real-time and outbound contacts only come while the queue is open; deferred items come any time.
          if (q.kind !== "deferred" && !isOpen(q.hours, date.weekday, h)) continue;
          const length = (starts[h + 1]! - starts[h]!) / 3600;
          rates[d * 24 + h] = level * arrivalRate(q.pattern, date.weekday, date.month, h) * length;
        }
      });
      return rates;
    });
    const total = raw.reduce((sum, rates) => sum + rates.reduce((a, b) => a + b, 0), 0);
    const scale = options.contacts / total;
    for (const rates of raw) for (let i = 0; i < rates.length; i++) rates[i]! *= scale;
    this.forecast = raw;
    // Mean-one lognormal forecast error per queue-day.
    this.dayFactor = QUEUES.map(() =>
      Float64Array.from(window.dates, () => Math.exp(FORECAST_ERROR * plan.normal() - FORECAST_ERROR ** 2 / 2)),
    );

    // Deferred capacity: the month's forecast arrivals over its working hours, times the program's capacity.
    QUEUES.forEach((q, i) => {
      if (q.kind !== "deferred") return;
      const arrivals = new Float64Array(window.months);
      const workHours = new Float64Array(window.months);
      const location = this.locationOf[i]!;
      window.dates.forEach((date, d) => {
        const starts = this.starts[location]![d]!;
        for (let h = 0; h < 24; h++) {
          arrivals[date.monthIndex]! += this.forecast[i]![d * 24 + h]!;
          if (isOpen(q.hours, date.weekday, h)) workHours[date.monthIndex]! += (starts[h + 1]! - starts[h]!) / 3600;
        }
      });
      this.queueMonths[i] = this.queueMonths[i]!.map((qm, m) => ({
        ...qm,
        capacityPerHour:
          (arrivals[m]! / Math.max(workHours[m]!, 1)) * this.programMonths[this.programOf[i]!]![m]!.capacity,
      }));
    });

    // Agents: a pool per program and kind of work, sized to its workload at 7.5 busy hours a shift, five days a
    // week; customers: a base per client, so some come back and some contact several programs.
    const days = window.dates.length;
    this.pools = PROGRAMS.flatMap((p) =>
      WORK_KINDS.map((_, kind) => {
        const queues = QUEUES.map((q, i) => [q, i] as const).filter(
          ([q]) => q.program === p.id && workKind(q) === kind,
        );
        if (queues.length === 0) return undefined;
        let busy = 0;
        for (const [q, i] of queues) {
          const volume = this.forecast[i]!.reduce((a, b) => a + b, 0);
          busy += (volume * this.queueMonths[i]![0]!.ahtSeconds) / (q.concurrency ?? 1);
        }
        const perDay = busy / days / (7.5 * 3600 * 0.8);
        const from = Math.min(...queues.map(([q]) => q.hours.weekday[0]));
        const to = Math.max(...queues.map(([q]) => q.hours.weekday[1]));
        return new AgentPool(Math.max(4, Math.ceil(perDay * 1.5)), {
          weekday: [from, to],
          saturday: null,
          sunday: null,
        });
      }),
    );
    const clientVolume = new Map<string, number>();
    QUEUES.forEach((_, i) => {
      const client = PROGRAMS[this.programOf[i]!]!.client;
      clientVolume.set(client, (clientVolume.get(client) ?? 0) + this.forecast[i]!.reduce((a, b) => a + b, 0));
    });
    this.customerBase = QUEUES.map((_, i) =>
      Math.max(200, Math.round((clientVolume.get(PROGRAMS[this.programOf[i]!]!.client) ?? 0) / 2.5)),
    );
    this.pending = QUEUES.map(() => new Pending());
    this.roster = new Roster(
      people,
      window,
      this.pools.map((pool) => pool?.size ?? 0),
      KINDS,
    );
    this.support = new SupportProcesses(
      support,
      window,
      this.starts,
      PROGRAMS.map((_, p) => WORK_KINDS.reduce((sum, _kind, k) => sum + (this.pools[p * KINDS + k]?.size ?? 0), 0)),
    );
  }

  /** Simulates local date `d` of the window for every queue, in a fixed order, writing what it finished. */
  day(d: number, sink: DemoSink): void {
    this.today = d;
    this.absences(d);
    this.support.day(d, sink);
    QUEUES.forEach((queue, q) => {
      if (queue.digital) this.digitalDay(q, queue, queue.digital, d, sink);
      else if (queue.kind === "real-time" || queue.kind === "face-to-face") this.realTimeDay(q, queue, d, sink);
      else if (queue.kind === "outbound") this.outboundDay(q, queue, d, sink);
      else this.deferredDay(q, queue, d, sink);
    });
    this.agentDays(d, sink);
    const date = this.window.dates[d]!;
    const day = Date.UTC(date.year, date.month - 1, date.day) / 86_400_000;
    this.handledToday.forEach((units, program) => {
      if (units > 0) sink.driver({ program, day, units });
    });
    this.handledToday.fill(0);
  }

  /**
   * Decides today's absences before any contact is handled: each rostered agent past training may miss the
   * shift, at the program's unplanned absence rate for the month.
   */
  private absences(d: number) {
    const date = this.window.dates[d]!;
    this.pools.forEach((pool, index) => {
      if (!pool) return;
      pool.absent.fill(undefined);
      const rate = this.programMonths[Math.floor(index / KINDS)]![date.monthIndex]!.absence * UNPLANNED_SHARE;
      for (let a = 1; a <= pool.size; a++) {
        const person = this.roster.onSeat(index, a, d);
        pool.vacant[a] = person ? 0 : 1;
        if (person && pool.works(a, d)) pool.absent[a] = this.roster.absence(person, d, rate);
      }
    });
  }

  /** Writes the deferred items still open at the end of the window and the roster. Call once, after the last day. */
  finish(sink: DemoSink): void {
    for (const row of this.roster.rows()) {
      sink.person(row);
      this.written.people++;
    }
    this.roster.surveys(sink, (program, d, hour) => {
      const starts = this.starts[LOCATIONS.findIndex((l) => l.id === PROGRAMS[program]!.location)]![d]!;
      return starts[hour]!;
    });
    QUEUES.forEach((queue, q) => {
      const pending = this.pending[q]!;
      while (pending.size > 0) {
        const row = this.row.reset(q, pending.seq[pending.head]!);
        row.arrived = pending.arrived[pending.head]!;
        row.customer = pending.customer[pending.head]!;
        row.due = row.arrived + queue.targetCycleSeconds!;
        sink.contact(row);
        this.written.contacts++;
        pending.shift();
      }
    });
  }

  /** Writes a contact, and for a handled one its agent's time, perhaps a QA evaluation and a survey answer. */
  private emit(row: ContactRow, sink: DemoSink, queue: DemoQueue, pm: ProgramMonth) {
    const index = this.programOf[row.queue]! * KINDS + workKind(queue);
    // The contact is recorded under the person on the seat, as people.person_id: one id across the datasets.
    if (!Number.isNaN(row.agent)) row.person = this.roster.holder(index, row.agent, this.today);
    sink.contact(row);
    this.written.contacts++;
    if (Number.isNaN(row.agent)) return;
    this.handledToday[this.programOf[row.queue]!]!++;
    const rng = this.rng;
    const pool = this.pools[index]!;
    const handle = row.talk + (Number.isNaN(row.hold) ? 0 : row.hold) + row.acw;
    pool.productive[row.agent]! += handle / (queue.concurrency ?? 1);
    if (queue.channel === "chat") pool.chatting[row.agent]! += handle / (queue.concurrency ?? 1);
    const end = this.ends[this.locationOf[row.queue]!]!;

    // Smaller lines of work (a campaign, the stores) are monitored more densely to reach a usable sample.
    const monitored =
      queue.kind === "outbound" || queue.kind === "face-to-face" ? 3 * MONITORED_SHARE : MONITORED_SHARE;
    // A customer-critical error QA found also shows in the customer's answer, should they give one.
    let customerHarmed = false;
    if (rng.chance(monitored)) {
      const evaluated = row.completed + 3600 + rng.uniform() * 3 * 86400;
      if (evaluated < end) {
        const e = this.evaluationRow;
        e.seq = this.nextEvaluation++;
        e.contact = row.seq;
        e.queue = row.queue;
        e.person = row.person;
        e.evaluator = 1 + rng.int(EVALUATORS_PER_LOCATION);
        e.evaluated = Math.round(evaluated);
        const mode = rng.uniform();
        e.mode = mode < 0.5 ? 0 : mode < 0.9 ? 1 : 2;
        // Contacts that went wrong for the customer are likelier to hold a critical error.
        const wrong = row.resolved === 0 ? 2 : 1;
        e.customerError = rng.chance(pm.criticalErrors[0] * wrong) ? 1 : 0;
        e.businessError = rng.chance(pm.criticalErrors[1]) ? 1 : 0;
        e.complianceError = rng.chance(pm.criticalErrors[2]) ? 1 : 0;
        // Deferred work is also checked for any error at all, critical or not.
        e.defect =
          queue.kind !== "deferred"
            ? Number.NaN
            : e.customerError + e.businessError + e.complianceError > 0 || rng.chance(0.012)
              ? 1
              : 0;
        e.coached = coachedAt(e, end);
        customerHarmed = e.customerError === 1;
        sink.evaluation(e);
        this.written.evaluations++;
      }
    }

    // Outbound calls are monitored but not surveyed.
    if (queue.kind !== "outbound" && rng.chance(SURVEYED_SHARE)) {
      const answered = row.completed + rng.lognormal(3 * 3600, 1.2);
      if (answered < end) {
        const program = PROGRAMS[this.programOf[row.queue]!]!;
        const wait = Number.isNaN(row.wait) ? 0 : Math.min(row.wait, 600);
        // A latent 1–5 score: resolution and first-contact resolution raise it, escalation and waiting lower it.
        const latent =
          program.profile.satisfaction +
          (row.resolved === 1 ? 0.2 : -1.4) +
          (row.firstContact === 1 ? 0.15 : -0.15) -
          (row.escalated === 1 ? 0.35 : 0) -
          (wait / 600) * 0.9 +
          0.8 * rng.normal() -
          (rng.chance(0.03) ? 2 : 0) -
          (customerHarmed ? CUSTOMER_ERROR_COST : 0);
        const scale = program.surveyScale;
        const s = this.surveyRow;
        s.seq = this.nextResponse++;
        s.contact = row.seq;
        s.queue = row.queue;
        s.answered = Math.round(answered);
        s.scaleMax = scale;
        s.satisfaction = clamp(Math.round(1 + ((latent - 1) * (scale - 1)) / 4), 1, scale);
        // Half the surveys also ask how easy the journey was: a customer sent back and forth finds it harder.
        s.journeyScore = rng.chance(0.5)
          ? clamp(Math.round(latent - (row.firstContact === 1 ? 0 : 0.6) + 0.5 * rng.normal()), 1, 5)
          : Number.NaN;
        sink.survey(s);
        this.written.surveys++;
      }
    }
  }

  /** `n` arrival instants, whole seconds, uniform over [start, start + length), in time order. */
  private arrivals(n: number, start: number, length: number): Float64Array {
    const times = n <= this.times.length ? this.times.subarray(0, n) : new Float64Array(n);
    for (let i = 0; i < n; i++) times[i] = Math.floor(start + this.rng.uniform() * length);
    return times.sort();
  }

  private agentFor(q: number, queue: DemoQueue): number {
    return this.pools[this.programOf[q]! * KINDS + workKind(queue)]!.pick(this.rng, this.today, this.hour);
  }

  private realTimeDay(q: number, queue: DemoQueue, d: number, sink: DemoSink) {
    const rng = this.rng;
    const date = this.window.dates[d]!;
    const starts = this.starts[this.locationOf[q]!]![d]!;
    const pm = this.programMonths[this.programOf[q]!]![date.monthIndex]!;
    const qm = this.queueMonths[q]![date.monthIndex]!;
    const forecast = this.forecast[q]!;
    const pool = this.pools[this.programOf[q]! * KINDS + workKind(queue)]!;
    const aht = qm.ahtSeconds;
    const concurrency = queue.concurrency ?? 1;
    const threshold = queue.slThresholdSeconds ?? 20;
    const voice = queue.channel === "voice";
    const chat = queue.channel === "chat";
    const visits = queue.kind === "face-to-face";
    const patience = queue.patienceSeconds ?? 300;

    // The plan: agents per hour for the forecast, capped by seats at the day's peak.
    const planned = new Float64Array(24);
    let peak = 0;
    for (let h = 0; h < 24; h++) {
      const length = starts[h + 1]! - starts[h]!;
      const expected = forecast[d * 24 + h]!;
      if (length <= 0 || expected <= 0) continue;
      const load = (expected / length) * aht;
      planned[h] = Math.ceil(serversFor(load, aht, threshold, pm.plannedServiceLevel) / concurrency);
      peak = Math.max(peak, planned[h]!);
    }
    const seats = Math.max(1, Math.ceil(peak * PROGRAMS[this.programOf[q]!]!.profile.seatCap));
    // Some days are worse than others.
    const absence = clamp(pm.absence * rng.lognormal(1, 0.35), 0, 0.6);
    const volume = this.dayFactor[q]![d]!;

    for (let h = 0; h < 24; h++) {
      const length = starts[h + 1]! - starts[h]!;
      const expected = forecast[d * 24 + h]!;
      if (length <= 0 || expected <= 0) continue;
      this.hour = h;
      const n = rng.poisson(expected * volume);
      const agents = Math.max(1, rng.binomial(Math.min(planned[h]!, seats), 1 - absence));
      pool.staffed += agents * length;
      const required = n > 0 ? serversFor((n / length) * aht, aht, threshold, pm.plannedServiceLevel) : 0;
      this.interval(sink, q, starts[h]!, length, expected, n, {
        planned: planned[h]!,
        required: Math.ceil(required / concurrency),
        scheduled: Math.min(planned[h]!, seats),
        present: agents,
      });
      // The lines: a few calls meet a busy signal in the busiest hours; channels are sized to the seats.
      if (voice) {
        const blocked = this.workforce.poisson(n * (planned[h]! >= seats ? 0.004 : 0.0005));
        sink.network({
          queue: q,
          starts: starts[h]!,
          minutes: length / 60,
          offered: n + blocked,
          blocked,
          peak: Math.ceil(((n / length) * (aht + 90) + 1) * 1.25),
          channels: 2 * seats + 10,
        });
      }
      // A store's door counter sees the visitors who register and those who look around and leave.
      if (visits) {
        const exit = queue.exitShare ?? 0;
        sink.footfall({
          program: this.programOf[q]!,
          starts: starts[h]!,
          minutes: length / 60,
          people: n + rng.poisson((n * exit) / (1 - exit)),
        });
      }
      if (n === 0) continue;
      const servers = agents * concurrency;
      const shape = waitShape(
        erlangAMeasures({ load: (n / length) * aht, ahtSeconds: aht, patienceSeconds: patience }, servers, threshold),
      );
      const times = this.arrivals(n, starts[h]!, length);
      for (let i = 0; i < n; i++) {
        const row = this.row.reset(q, this.nextSeq++);
        row.arrived = times[i]!;
        row.customer = 1 + rng.int(this.customerBase[q]!);
        if (voice) {
          row.callback = CALLBACK.none;
          if (rng.chance(queue.ivrShare ?? 0)) {
            // Served (or given up) in the IVR: never offered to an agent.
            row.completed = row.arrived + Math.round(rng.lognormal(55, 0.5));
            row.ivrOutcome = rng.chance(0.62) ? 0 : 1;
            this.emit(row, sink, queue, pm);
            continue;
          }
          // On to an agent: through the menu, straight to the agent option, or after failing the menu.
          const path = rng.uniform();
          row.ivrOutcome = path < 0.84 ? 4 : path < 0.94 ? 2 : 3;
          if (row.ivrOutcome === 4) {
            row.routedAsDesigned = rng.chance(0.985) ? 1 : 0;
            row.intentMatched = rng.chance(0.88) ? 1 : 0;
          }
        }
        // Through the IVR (voice), the pre-chat form (chat) or the ticket machine (a store) into the queue.
        row.offered = row.arrived + Math.round(rng.lognormal(voice ? 30 : 15, 0.4));
        // Which of the hour's fates this caller meets, and the wait that goes with it.
        const u = rng.uniform();
        let abandons = false;
        let wait = 0;
        if (u < shape.immediate) wait = 0;
        else if (u < shape.answeredWithin) wait = 1 + rng.int(threshold);
        else if (u < shape.answeredAfter) wait = threshold + rng.exponential(shape.answeredBeyond);
        else if (u < shape.abandonedWithin) {
          abandons = true;
          wait = 1 + rng.int(threshold);
        } else {
          abandons = true;
          wait = threshold + rng.exponential(shape.abandonedBeyond);
        }
        if (voice && queue.callbacks && wait > CALLBACK_OFFER_SECONDS && rng.chance(CALLBACK_TAKE_UP)) {
          // Offered a callback instead of waiting on.
          const outcome = rng.uniform();
          if (outcome < 0.72) {
            // Kept their place: waiting until answered, then called back and reached.
            row.callback = CALLBACK.keptPlace;
            row.wait = Math.round(wait + rng.lognormal(25, 0.4));
            row.answered = row.offered + row.wait;
            this.handle(row, queue, qm, pm, true);
          } else if (outcome < 0.9) {
            row.callback = CALLBACK.unreachable;
            row.wait = Math.round(wait + rng.lognormal(25, 0.4));
            row.completed = row.offered + row.wait + 30;
          } else {
            row.callback = CALLBACK.later;
            row.wait = Math.round(rng.lognormal(45, 0.4));
            row.completed = row.offered + row.wait;
          }
        } else if (abandons) {
          row.wait = Math.round(wait);
          row.abandoned = row.offered + row.wait;
        } else {
          row.wait = Math.round(wait);
          row.answered = row.offered + row.wait;
          this.handle(row, queue, qm, pm, voice);
          if (chat) {
            row.sessionAbandoned = rng.chance(0.04) ? 1 : 0;
            // About one reply per minute and a half of chat, each after half a minute or so.
            row.replies = Math.max(1, Math.round(row.talk / rng.lognormal(90, 0.3)));
            row.replyWait = Math.round(row.replies * rng.lognormal(30, 0.35));
          }
        }
        const invited = chat && queue.invitations !== undefined && rng.chance(queue.invitations[0]);
        if (invited) row.invitation = 0;
        const arrived = row.arrived;
        this.emit(row, sink, queue, pm);
        // For every invitation accepted, some were declined: rows with no chat behind them.
        if (invited) {
          const takeUp = queue.invitations![1];
          for (let k = rng.poisson((1 - takeUp) / takeUp); k > 0; k--) {
            const declined = this.row.reset(q, this.nextSeq++);
            declined.arrived = arrived;
            declined.customer = 1 + rng.int(this.customerBase[q]!);
            declined.invitation = 1;
            this.emit(declined, sink, queue, pm);
          }
        }
      }
    }
  }

  /**
   * A digital channel's day: sessions arrive around the forecast each hour; some engage meaningfully, of those
   * some are handed to a person and the rest mostly finish in the channel. Bots count their messages and how
   * well they read their customers' inputs. A few sessions are checked by a system (QA), and bots and
   * self-service record each hour's forecast and arrivals for forecast accuracy.
   */
  private digitalDay(q: number, queue: DemoQueue, profile: DigitalProfile, d: number, sink: DemoSink) {
    const rng = this.rng;
    const date = this.window.dates[d]!;
    const starts = this.starts[this.locationOf[q]!]![d]!;
    const pm = this.programMonths[this.programOf[q]!]![date.monthIndex]!;
    const qm = this.queueMonths[q]![date.monthIndex]!;
    const volume = this.dayFactor[q]![d]!;
    const end = this.ends[this.locationOf[q]!]!;
    const bot = queue.kind === "bot";
    for (let h = 0; h < 24; h++) {
      const length = starts[h + 1]! - starts[h]!;
      const expected = this.forecast[q]![d * 24 + h]!;
      if (length <= 0 || expected <= 0) continue;
      const n = rng.poisson(expected * volume);
      if (queue.kind !== "back-office") {
        sink.interval({
          queue: q,
          starts: starts[h]!,
          minutes: length / 60,
          forecast: Math.round(expected * 100) / 100,
          actual: n,
          capacity: Number.NaN,
          planned: Number.NaN,
          required: Number.NaN,
          scheduled: Number.NaN,
          present: Number.NaN,
        });
        this.written.intervals++;
      }
      const times = this.arrivals(n, starts[h]!, length);
      for (let i = 0; i < n; i++) {
        const row = this.row.reset(q, this.nextSeq++);
        row.arrived = times[i]!;
        row.customer = 1 + rng.int(this.customerBase[q]!);
        row.talk = Math.max(5, Math.round(rng.lognormal(queue.talk[0], queue.talk[1])));
        const done = row.arrived + row.talk;
        row.completed = done < end ? done : Number.NaN;
        const eligible = rng.chance(profile.eligible);
        const transferred = eligible && rng.chance(profile.transfer);
        row.eligible = eligible ? 1 : 0;
        row.transferred = transferred ? 1 : 0;
        if (eligible) {
          row.completedInService = !transferred && rng.chance(profile.completion) ? 1 : 0;
          row.deflected = transferred ? 0 : 1;
          const resolved = rng.chance(transferred ? 0.3 : profile.resolution);
          row.resolved = resolved ? 1 : 0;
          row.firstContact = resolved && !transferred && rng.chance(0.85) ? 1 : 0;
          if (queue.sales) {
            const sale = rng.chance(qm.salesRate);
            row.sale = sale ? 1 : 0;
            row.saleValue = sale ? cents(rng.lognormal(queue.sales.medianValue, 0.5)) : 0;
          }
        }
        if (bot) {
          row.messages = Math.max(1, Math.round((row.talk / 20) * rng.lognormal(1, 0.2)));
          row.inputs = Math.max(1, Math.round(row.messages * 0.8));
          row.inputsRecognized = rng.binomial(row.inputs, 0.9);
          row.confidenceSum = Math.round(row.inputs * clamp(0.82 + 0.05 * rng.normal(), 0.3, 1) * 1000) / 1000;
        } else if (queue.kind === "back-office" && rng.chance(0.4)) {
          // Some automated tasks send the customer a notice or two.
          row.messages = 1 + rng.int(3);
        }
        sink.contact(row);
        this.written.contacts++;
        if (!Number.isNaN(row.completed) && rng.chance(DIGITAL_CHECKED_SHARE)) this.check(row, pm, end, sink);
      }
    }
  }

  /** A system check of a finished digital session: critical errors, and for the non-bot kinds any defect. */
  private check(row: ContactRow, pm: ProgramMonth, end: number, sink: DemoSink) {
    const rng = this.rng;
    const evaluated = row.completed + 600 + rng.uniform() * 86400;
    if (evaluated >= end) return;
    const queue = QUEUES[row.queue]!;
    const e = this.evaluationRow;
    e.seq = this.nextEvaluation++;
    e.contact = row.seq;
    e.queue = row.queue;
    e.person = Number.NaN;
    e.evaluator = 1 + rng.int(EVALUATORS_PER_LOCATION);
    e.evaluated = Math.round(evaluated);
    e.mode = 3;
    e.customerError = rng.chance(pm.criticalErrors[0] * (row.resolved === 0 ? 2 : 1)) ? 1 : 0;
    e.businessError = rng.chance(pm.criticalErrors[1] / 2) ? 1 : 0;
    e.complianceError = rng.chance(pm.criticalErrors[2] / 2) ? 1 : 0;
    e.defect =
      queue.kind === "bot"
        ? Number.NaN
        : e.customerError + e.businessError + e.complianceError > 0 || rng.chance(0.015)
          ? 1
          : 0;
    e.coached = Number.NaN;
    sink.evaluation(e);
    this.written.evaluations++;
  }

  /** Writes one local hour of a queue's workforce plan; the capacity plan is the month's long-range forecast. */
  private interval(
    sink: DemoSink,
    q: number,
    start: number,
    length: number,
    forecast: number,
    actual: number,
    staff: { planned: number; required: number; scheduled: number; present: number },
  ) {
    const r = this.intervalRow;
    r.queue = q;
    r.starts = start;
    r.minutes = length / 60;
    r.forecast = Math.round(forecast * 100) / 100;
    r.actual = actual;
    r.capacity =
      Math.round(staff.planned * this.capacityPlan[q]![this.window.dates[this.today]!.monthIndex]! * 10) / 10;
    r.planned = staff.planned;
    r.required = staff.required;
    r.scheduled = staff.scheduled;
    r.present = staff.present;
    sink.interval(r);
    this.written.intervals++;
  }

  /** Talk, hold and after-contact work from `answered`, the agent, and the outcome flags. */
  private handle(row: ContactRow, queue: DemoQueue, qm: QueueMonth, pm: ProgramMonth, withHold: boolean) {
    const rng = this.rng;
    row.agent = this.agentFor(row.queue, queue);
    row.talk = Math.max(5, Math.round(rng.lognormal(queue.talk[0] * pm.handleFactor, queue.talk[1])));
    if (withHold) {
      row.hold = queue.hold && rng.chance(queue.hold[0]) ? Math.round(rng.lognormal(queue.hold[1], HOLD_SIGMA)) : 0;
    }
    row.acw = Math.round(rng.lognormal(queue.acw, ACW_SIGMA));
    row.completed = row.answered + row.talk + (Number.isNaN(row.hold) ? 0 : row.hold) + row.acw;
    this.outcome(row, queue, qm, pm);
  }

  private outcome(row: ContactRow, queue: DemoQueue, qm: QueueMonth, pm: ProgramMonth) {
    const rng = this.rng;
    const escalated = rng.chance(pm.escalation);
    row.escalated = escalated ? 1 : 0;
    if (escalated) row.escalatedCorrectly = rng.chance(pm.correctEscalation) ? 1 : 0;
    const resolved = rng.chance(escalated ? pm.resolution * 0.55 : pm.resolution);
    row.resolved = resolved ? 1 : 0;
    const written = queue.channel === "email" || queue.channel === "web" ? 0.85 : 1;
    row.firstContact = resolved && !escalated && rng.chance(pm.firstContact * written) ? 1 : 0;
    if (queue.repairs && rng.chance(queue.repairs[0])) row.rework = rng.chance(queue.repairs[1]) ? 1 : 0;
    if (queue.kind === "face-to-face") row.outOfStock = rng.chance(0.04) ? 1 : 0;
    if (queue.leads) {
      const qualifying = rng.chance(queue.leads[0]);
      row.leadQualifying = qualifying ? 1 : 0;
      row.lead = qualifying && rng.chance(queue.leads[1]) ? 1 : 0;
    }
    if (queue.sales) {
      const sale = rng.chance(qm.salesRate);
      row.sale = sale ? 1 : 0;
      row.saleValue = sale ? cents(rng.lognormal(queue.sales.medianValue, 0.6)) : 0;
    }
  }

  private outboundDay(q: number, queue: DemoQueue, d: number, sink: DemoSink) {
    const rng = this.rng;
    const date = this.window.dates[d]!;
    const starts = this.starts[this.locationOf[q]!]![d]!;
    const pm = this.programMonths[this.programOf[q]!]![date.monthIndex]!;
    const qm = this.queueMonths[q]![date.monthIndex]!;
    const volume = this.dayFactor[q]![d]!;
    this.supplyList(q, d, sink);
    for (let h = 0; h < 24; h++) {
      const length = starts[h + 1]! - starts[h]!;
      const expected = this.forecast[q]![d * 24 + h]!;
      if (length <= 0 || expected <= 0) continue;
      this.hour = h;
      const n = rng.poisson(expected * volume);
      const connect = (queue.connectRate ?? 0.35) * connectFactor(h);
      const times = this.arrivals(n, starts[h]!, length);
      for (let i = 0; i < n; i++) {
        const row = this.row.reset(q, this.nextSeq++);
        row.arrived = times[i]!;
        row.customer = 1 + rng.int(this.customerBase[q]!);
        const ring = Math.round(rng.lognormal(14, 0.35));
        if (rng.chance(connect)) {
          row.answered = row.arrived + ring;
          row.agent = this.agentFor(q, queue);
          row.talk = Math.max(5, Math.round(rng.lognormal(queue.talk[0] * pm.handleFactor, queue.talk[1])));
          row.acw = Math.round(rng.lognormal(queue.acw, ACW_SIGMA));
          row.completed = row.answered + row.talk + row.acw;
          // Some answer who are not the debtor: no promise, and the record stays open for another try.
          const right = rng.chance(RIGHT_PARTY);
          row.rightParty = right ? 1 : 0;
          row.recordClosed = right || rng.chance(0.3) ? 1 : 0;
          if (queue.sales) {
            const promise = right && rng.chance(qm.salesRate);
            row.sale = promise ? 1 : 0;
            row.saleValue = promise ? cents(rng.lognormal(queue.sales.medianValue, 0.7)) : 0;
          }
        } else {
          row.completed = row.arrived + ring + Math.round(rng.lognormal(12, 0.3));
          // No answer: closed out when the retries are used up or the number proves dead.
          row.rightParty = 0;
          row.recordClosed = rng.chance(0.22) ? 1 : 0;
        }
        this.emit(row, sink, queue, pm);
      }
    }
  }

  /**
   * The accounts the client supplies to a dialer queue on a working morning, about one for every two and a half
   * dials of the day; the plan needs each tried within two days. Some lack a working number and are traced.
   */
  private supplyList(q: number, d: number, sink: DemoSink) {
    const rng = this.workforce;
    const starts = this.starts[this.locationOf[q]!]![d]!;
    const end = this.ends[this.locationOf[q]!]!;
    let dials = 0;
    for (let h = 0; h < 24; h++) dials += this.forecast[q]![d * 24 + h]!;
    if (dials <= 0) return;
    for (let i = rng.poisson(dials / 2.5); i > 0; i--) {
      const supplied = Math.round(starts[7]! + rng.uniform() * 3600);
      const attempted = supplied + Math.round(rng.lognormal(30, 0.6) * 3600);
      const closed = attempted + Math.round(rng.lognormal(24, 1) * 3600);
      const tracing = rng.chance(0.08);
      const row = this.listRow;
      row.seq = this.nextRecord++;
      row.queue = q;
      row.supplied = supplied;
      row.planBy = supplied + 2 * 86400;
      row.attempted = attempted < end ? attempted : Number.NaN;
      row.closed = closed < end ? closed : Number.NaN;
      row.contacted = attempted < end ? (rng.chance(0.72) ? 1 : 0) : Number.NaN;
      row.traceAttempted = tracing ? 1 : 0;
      row.traced = tracing ? (rng.chance(0.6) ? 1 : 0) : Number.NaN;
      sink.listRecord(row);
      this.written.listRecords++;
    }
  }

  private deferredDay(q: number, queue: DemoQueue, d: number, sink: DemoSink) {
    const rng = this.rng;
    const date = this.window.dates[d]!;
    const starts = this.starts[this.locationOf[q]!]![d]!;
    const pm = this.programMonths[this.programOf[q]!]![date.monthIndex]!;
    const qm = this.queueMonths[q]![date.monthIndex]!;
    const pending = this.pending[q]!;
    const cycle = queue.targetCycleSeconds!;
    const volume = this.dayFactor[q]![d]!;
    // The plan staffs the month's capacity; the day's arrivals needed their share of it; some staff are missing.
    const planned = Math.round((qm.capacityPerHour * qm.ahtSeconds) / 360) / 10;
    const required = Math.round((planned * volume * 10) / pm.capacity) / 10;
    const present = Math.round(planned * (1 - clamp(pm.absence * this.workforce.lognormal(1, 0.35), 0, 0.6)) * 10) / 10;

    for (let h = 0; h < 24; h++) {
      const length = starts[h + 1]! - starts[h]!;
      if (length <= 0) continue;
      this.hour = h;
      const start = starts[h]!;
      const open = isOpen(queue.hours, date.weekday, h);
      // Work the queue first: items that arrived before this hour, oldest first.
      if (open) {
        // Items more than half their cycle time old at the head of the queue bring some overtime.
        const overtime = pending.size > 0 && start - pending.arrived[pending.head]! > cycle * 0.6 ? 1.2 : 1;
        const capacity = rng.poisson(qm.capacityPerHour * overtime * (length / 3600));
        for (let i = 0; i < capacity && pending.size > 0; i++) {
          const arrived = pending.arrived[pending.head]!;
          if (arrived >= start) break;
          const row = this.row.reset(q, pending.seq[pending.head]!);
          row.arrived = arrived;
          row.customer = pending.customer[pending.head]!;
          row.due = arrived + cycle;
          row.agent = this.agentFor(q, queue);
          row.talk = Math.max(5, Math.round(rng.lognormal(queue.talk[0] * pm.handleFactor, queue.talk[1])));
          row.acw = Math.round(rng.lognormal(queue.acw, ACW_SIGMA));
          const slot = start + ((i + rng.uniform()) * length) / capacity;
          row.completed = Math.round(Math.max(slot, arrived + row.talk + row.acw));
          this.outcome(row, queue, qm, pm);
          this.emit(row, sink, queue, pm);
          pending.shift();
        }
      }
      const expected = this.forecast[q]![d * 24 + h]!;
      const n = expected > 0 ? rng.poisson(expected * volume) : 0;
      if (open) this.interval(sink, q, start, length, expected, n, { planned, required, scheduled: planned, present });
      if (n === 0) continue;
      const times = this.arrivals(n, start, length);
      for (let i = 0; i < n; i++) pending.push(this.nextSeq++, times[i]!, 1 + rng.int(this.customerBase[q]!));
    }
  }

  /**
   * One agent-time row per agent who worked today: productive time from the contacts handled; available time
   * from the day's occupancy (real time: productive over staffed time; other work: the program's); breaks,
   * meetings and coaching on top; a little paid time off the floor.
   */
  private agentDays(d: number, sink: DemoSink) {
    const rng = this.rng;
    const date = this.window.dates[d]!;
    this.pools.forEach((pool, index) => {
      if (!pool) return;
      const program = Math.floor(index / KINDS);
      const kind = index % KINDS;
      const pm = this.programMonths[program]![date.monthIndex]!;
      const starts = this.starts[LOCATIONS.findIndex((l) => l.id === PROGRAMS[program]!.location)]![d]!;
      let productive = 0;
      for (let a = 1; a <= pool.size; a++) productive += pool.productive[a]!;
      const occupancy = kind === 0 && pool.staffed > 0 ? clamp(productive / pool.staffed, 0.2, 0.97) : pm.occupancy;
      const auxiliary = clamp(pm.auxiliary * rng.lognormal(1, 0.1), 0.02, 0.4);
      const chats = kind === 0 && QUEUES.some((q) => q.program === PROGRAMS[program]!.id && q.channel === "chat");
      let scheduledSum = 0;
      let worked = 0;
      for (let a = 1; a <= pool.size; a++) {
        const seconds = pool.productive[a]!;
        if (seconds <= 0) continue;
        const engaged = seconds / occupancy;
        const onsite = engaged / (1 - auxiliary);
        const paid = onsite * 1.03;
        const r = this.agentRow;
        r.program = program;
        r.kind = kind;
        r.person = this.roster.holder(index, a, d);
        r.starts = starts[pool.shiftStart[a - 1]!]!;
        r.productive = Math.round(seconds);
        r.available = Math.round(engaged - seconds);
        r.onsite = Math.round(onsite);
        r.paid = Math.round(paid);
        r.scheduled = Math.round(paid * rng.lognormal(1, 0.03));
        r.adherent = Math.round(r.scheduled * clamp(ADHERENCE + 0.03 * this.workforce.normal(), 0.6, 1));
        // Chats overlap, with gaps between them: time with a chat open is a little over handle / concurrency.
        r.chatEngaged = chats ? Math.round(pool.chatting[a]! * this.workforce.lognormal(1.15, 0.05)) : Number.NaN;
        scheduledSum += r.scheduled;
        worked++;
        sink.agentDay(r);
        this.written.agentDays++;
      }
      // Absences: a whole-day absentee misses a shift as long as the day's average; one who took no contacts has
      // only scheduled time.
      const shift = worked > 0 ? scheduledSum / worked : 8 * 3600;
      for (let a = 1; a <= pool.size; a++) {
        const absence = pool.absent[a];
        if (!absence) continue;
        if (wholeDay(absence)) absence.hours = Math.round(shift / 36) / 100;
        sink.absence(absence);
        this.written.absences++;
        if (pool.productive[a]! > 0 || !wholeDay(absence)) continue;
        const r = this.agentRow;
        r.program = program;
        r.kind = kind;
        r.person = this.roster.holder(index, a, d);
        r.starts = starts[pool.shiftStart[a - 1]!]!;
        r.productive = 0;
        r.available = 0;
        r.onsite = 0;
        r.paid = 0;
        r.scheduled = Math.round(shift);
        r.adherent = Number.NaN;
        r.chatEngaged = Number.NaN;
        sink.agentDay(r);
        this.written.agentDays++;
      }
      pool.productive.fill(0);
      pool.chatting.fill(0);
      pool.staffed = 0;
    });
  }
}

function programMonth(p: ProgramProfile, m: number, rng: Random): ProgramMonth {
  const errors = (share: number) =>
    clamp((share + p.criticalErrorsTrend * m * (share / p.criticalErrors[0])) * rng.lognormal(1, 0.15), 0, 0.5);
  return {
    plannedServiceLevel: clamp(
      p.plannedServiceLevel + p.plannedServiceLevelTrend * m + 0.015 * rng.normal(),
      0.3,
      0.97,
    ),
    absence: clamp(p.absence * rng.lognormal(1, 0.2), 0, 0.5),
    capacity: Math.max(0.7, p.capacity + p.capacityTrend * m + 0.03 * rng.normal()),
    resolution: clamp(p.resolution + p.resolutionTrend * m + 0.01 * rng.normal(), 0.3, 0.99),
    firstContact: clamp(p.firstContact + 0.01 * rng.normal(), 0.3, 0.99),
    escalation: clamp(p.escalation * rng.lognormal(1, 0.1), 0.001, 0.5),
    correctEscalation: clamp(p.correctEscalation + 0.015 * rng.normal(), 0.3, 1),
    criticalErrors: [errors(p.criticalErrors[0]), errors(p.criticalErrors[1]), errors(p.criticalErrors[2])],
    handleFactor: rng.lognormal(1, 0.04),
    occupancy: clamp(0.86 + 0.02 * rng.normal(), 0.6, 0.95),
    auxiliary: clamp(p.auxiliary + 0.01 * rng.normal(), 0.02, 0.4),
  };
}
