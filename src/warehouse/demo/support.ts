/**
 * The demo's work around the contacts, day by day: the support processes with deadlines (content updates and
 * checks, helpdesk and digital-system tickets, client reports, invoices, RFXs, implementation milestones,
 * recruiting requests), the availability of the systems (opening periods and outages), the costs of service
 * delivery, complaints, what the clients say in their surveys, and the stores' mystery shopping and stock counts. Everything comes from its own random stream,
 * so the contacts do not change with it.
 *
 * Most work is done in time, some late, a little still open at the end of the window; work due after the
 * window is not generated, so no month beyond it shows up. Deadlines are local: a report due at 10:00 the next
 * working morning, an invoice by the 5th of the month.
 */
import { SUPPORT_PROCESSES } from "../schema/tables.ts";
import type { DemoWindow } from "./calendar.ts";
import { LOCATIONS, PROGRAMS, QUEUES, SYSTEMS } from "./organisation.ts";
import type { Random } from "./random.ts";
import { isOpen } from "./seasonality.ts";

/** One support-process item as numbers: epoch seconds, codes, NaN for empty. */
export interface SupportEventRow {
  seq: number;
  /** Index in SUPPORT_PROCESSES. */
  process: number;
  program: number;
  opened: number;
  due: number;
  completed: number;
  severity: number;
  passed: number;
  reopened: number;
  units: number;
  unitsOk: number;
  amount: number;
  credited: number;
}

/** A period a system (index in SYSTEMS) must be available. */
export interface SystemPeriodRow {
  system: number;
  opens: number;
  closes: number;
}

export interface OutageRow {
  system: number;
  started: number;
  ended: number;
}

/** A cost booked to a program on a local day (days since 1970-01-01): codes index COST_CHANNELS and CATEGORIES. */
export interface CostRow {
  program: number;
  day: number;
  channel: number;
  category: number;
  amount: number;
}

export interface ComplaintRow {
  seq: number;
  program: number;
  /** 0 client, 1 customer. */
  complainant: number;
  received: number;
  respondBy: number;
  responded: number;
  resolveBy: number;
  resolved: number;
}

export interface ClientSurveyRow {
  seq: number;
  program: number;
  answered: number;
  score: number;
  scaleMax: number;
}

/** One SKU of a store's weekly cycle count. */
export interface StockCountRow {
  count: number;
  sku: number;
  program: number;
  counted: number;
  book: number;
  found: number;
}

/** A mystery-shopping visit to a store program, scored 0–100. */
export interface MysteryShopRow {
  seq: number;
  program: number;
  shopped: number;
  score: number;
}

export const COST_CATEGORIES = ["labour", "technology", "facilities", "platform"] as const;
export const COMPLAINANTS = ["client", "customer"] as const;

export interface SupportSink {
  supportEvent(row: SupportEventRow): void;
  systemPeriod(row: SystemPeriodRow): void;
  outage(row: OutageRow): void;
  cost(row: CostRow): void;
  complaint(row: ComplaintRow): void;
  clientSurvey(row: ClientSurveyRow): void;
  mysteryShop(row: MysteryShopRow): void;
  stockCount(row: StockCountRow): void;
}

const process = (name: (typeof SUPPORT_PROCESSES)[number]) => SUPPORT_PROCESSES.indexOf(name);
const HOUR = 3600;
/** Helpdesk target hours by severity 1, 2, 3. */
const HELPDESK_TARGET_HOURS = [4, 24, 72] as const;
const DIGITAL_TICKET_TARGET_HOURS = [8, 48] as const;
/** Monthly cost of one agent seat (pay, benefits, supervision) and of its facilities, by location. */
const SEAT_COST: Readonly<Record<string, readonly [labour: number, facilities: number]>> = {
  chicago: [5200, 520],
  lisbon: [3100, 380],
  manila: [1300, 160],
};
/** Monthly cost of running each digital channel. */
const DIGITAL_COST: Readonly<Record<string, readonly [channel: number, amount: number]>> = {
  bot: [1, 18_000],
  "self-service": [2, 26_000],
  "back-stage": [3, 9_500],
};

export class SupportProcesses {
  readonly written = { events: 0, periods: 0, outages: 0, costs: 0, complaints: 0, clientSurveys: 0 };
  private nextSeq = 1;
  private nextComplaint = 1;
  private nextResponse = 1;
  private nextShop = 1;
  private nextCount = 1;
  private readonly locationOf: number[];
  /** Per location: the first instant after the window. */
  private readonly ends: number[];

  /**
   * @param starts per location (index in LOCATIONS) and window day: epoch seconds of local hours 0…24
   * @param seats agent seats per program, for its labour and facilities costs
   */
  constructor(
    private readonly rng: Random,
    private readonly window: DemoWindow,
    private readonly starts: readonly (readonly Float64Array[])[],
    private readonly seats: readonly number[],
  ) {
    this.locationOf = PROGRAMS.map((p) => LOCATIONS.findIndex((l) => l.id === p.location));
    this.ends = starts.map((days) => days[days.length - 1]![24]!);
  }

  /** Writes window day `d`'s system periods and outages and the support work raised that day. */
  day(d: number, sink: SupportSink): void {
    this.systems(d, sink);
    const date = this.window.dates[d]!;
    const weekday = date.weekday < 5;
    PROGRAMS.forEach((program, p) => {
      const rng = this.rng;
      // Knowledge content: updates due two days after the request, and spot checks of published items.
      for (let i = rng.poisson(0.4); i > 0; i--) {
        const opened = this.at(p, d, 9 + rng.uniform() * 8);
        this.emit(sink, p, "content-update", opened, opened + 48 * HOUR, opened + rng.lognormal(30, 0.45) * HOUR);
      }
      for (let i = rng.poisson(0.6); i > 0; i--) {
        const checked = this.at(p, d, 9 + rng.uniform() * 8);
        this.emit(sink, p, "content-check", checked, Number.NaN, checked, { passed: rng.chance(0.94) ? 1 : 0 });
      }
      // A daily report to the client, due at 10:00 the next morning.
      if (weekday && d + 1 < this.window.dates.length) {
        const due = this.at(p, d + 1, 10);
        const sent = due - rng.lognormal(3, 0.8) * HOUR + (rng.chance(0.05) ? rng.lognormal(2, 0.6) * 2 * HOUR : 0);
        const units = 25;
        this.emit(sink, p, "client-report", this.at(p, d, 18), due, sent, {
          units,
          unitsOk: units - rng.binomial(units, 0.004),
        });
      }
      // On the first of the month: the recruiting request for the month's expected leavers, due on the 20th.
      if (date.day === 1 && d + 19 < this.window.dates.length) {
        const positions = 1 + rng.poisson(2 * program.profile.attrition);
        const filled = rng.binomial(positions, 0.88) + (rng.chance(0.1) ? 1 : 0);
        const due = this.at(p, d + 19, 17);
        this.emit(sink, p, "recruiting-request", this.at(p, d, 9), due, due - rng.uniform() * 5 * 24 * HOUR, {
          units: positions,
          unitsOk: filled,
        });
      }
    });
    this.helpdesk(d, sink);
    this.entityWork(d, sink);
    this.clients(d, sink);
    if (date.day === 1) this.costs(d, sink);
  }

  /**
   * Complaints (now and then a client's, more often a customer's), answered within two days and resolved within
   * ten as a rule; and on the 15th of each month a couple of answers to the client satisfaction survey, better
   * where the program resolves more of its customers' issues.
   */
  private clients(d: number, sink: SupportSink) {
    const rng = this.rng;
    const date = this.window.dates[d]!;
    PROGRAMS.forEach((program, p) => {
      const end = this.ends[this.locationOf[p]!]!;
      const fromClient = rng.chance(0.035) ? 1 : 0;
      const complaints = fromClient + rng.poisson(0.3);
      for (let k = 0; k < complaints; k++) {
        const client = k < fromClient;
        const received = this.at(p, d, 8 + rng.uniform() * 10);
        const responded = received + rng.lognormal(18, 0.8) * HOUR;
        const resolved = responded + rng.lognormal(4, 0.7) * 24 * HOUR;
        sink.complaint({
          seq: this.nextComplaint++,
          program: p,
          complainant: client ? 0 : 1,
          received,
          respondBy: received + 48 * HOUR,
          responded: responded < end ? Math.round(responded) : Number.NaN,
          resolveBy: received + 10 * 24 * HOUR,
          resolved: resolved < end ? Math.round(resolved) : Number.NaN,
        });
        this.written.complaints++;
      }
      const store = QUEUES.some((q) => q.program === program.id && q.kind === "face-to-face");
      // Every Monday before opening, stores count 25 of their SKUs; a few differ from the books.
      if (store && date.weekday === 0) {
        const count = this.nextCount++;
        for (let sku = 1; sku <= 25; sku++) {
          const book = rng.poisson(40);
          const gap = rng.chance(0.12) ? (1 + rng.int(3)) * (rng.chance(0.7) ? -1 : 1) : 0;
          sink.stockCount({ count, sku, program: p, counted: this.at(p, d, 8), book, found: Math.max(0, book + gap) });
        }
      }
      // Stores are mystery-shopped once a month, on the 20th.
      if (date.day === 20 && store) {
        sink.mysteryShop({
          seq: this.nextShop++,
          program: p,
          shopped: this.at(p, d, 15),
          score: Math.round(Math.min(100, Math.max(0, 62 + 25 * program.profile.resolution + 5 * rng.normal()))),
        });
      }
      if (date.day === 15) {
        for (let i = 0; i < 2; i++) {
          const mean = 2.2 + 2.6 * program.profile.resolution;
          sink.clientSurvey({
            seq: this.nextResponse++,
            program: p,
            answered: this.at(p, d, 11 + i * 3),
            score: Math.min(5, Math.max(1, Math.round(mean + 0.7 * rng.normal()))),
            scaleMax: 5,
          });
          this.written.clientSurveys++;
        }
      }
    });
  }

  /** On the first of each month: each program's labour, technology and facilities, and its digital channels. */
  private costs(d: number, sink: SupportSink) {
    const rng = this.rng;
    const date = this.window.dates[d]!;
    const day = Date.UTC(date.year, date.month - 1, date.day) / 86_400_000;
    const book = (program: number, channel: number, category: number, amount: number) => {
      sink.cost({ program, day, channel, category, amount: Math.round(amount) });
      this.written.costs++;
    };
    PROGRAMS.forEach((program, p) => {
      const [labour, facilities] = SEAT_COST[program.location]!;
      const seats = this.seats[p]!;
      const pay = seats * labour * rng.lognormal(1, 0.03);
      book(p, 0, 0, pay);
      book(p, 0, 1, pay * 0.09);
      book(p, 0, 2, seats * facilities);
    });
    for (const system of SYSTEMS) {
      const digital = DIGITAL_COST[system.kind];
      if (!digital) continue;
      book(
        PROGRAMS.findIndex((x) => x.id === system.program),
        digital[0],
        3,
        digital[1] * rng.lognormal(1, 0.05),
      );
    }
  }

  /** Internal helpdesk tickets at each location and trouble tickets on the digital systems. */
  private helpdesk(d: number, sink: SupportSink) {
    const rng = this.rng;
    LOCATIONS.forEach((_, location) => {
      const p = this.locationOf.indexOf(location);
      for (let i = rng.poisson(1.2); i > 0; i--) {
        const severity = rng.chance(0.1) ? 0 : rng.chance(0.45) ? 1 : 2;
        const target = HELPDESK_TARGET_HOURS[severity]! * HOUR;
        const opened = this.at(p, d, rng.uniform() * 24);
        this.emit(sink, p, "helpdesk-ticket", opened, opened + target, opened + target * rng.lognormal(0.45, 0.7), {
          severity,
          reopened: rng.chance(0.06) ? 1 : 0,
        });
      }
    });
    SYSTEMS.forEach((system) => {
      if (system.hours !== null || !rng.chance(0.25)) return;
      const p = PROGRAMS.findIndex((x) => x.id === system.program);
      const severity = rng.chance(0.3) ? 0 : 1;
      const target = DIGITAL_TICKET_TARGET_HOURS[severity]! * HOUR;
      const opened = this.at(p, d, rng.uniform() * 24);
      this.emit(sink, p, "das-ticket", opened, opened + target, opened + target * rng.lognormal(0.5, 0.6), {
        severity,
      });
    });
  }

  /** Work of the entity as a whole: client invoices, RFX responses, milestones of programs being implemented. */
  private entityWork(d: number, sink: SupportSink) {
    const rng = this.rng;
    const date = this.window.dates[d]!;
    // Each client's invoice for last month, raised on the 1st and due by 17:00 on the 5th.
    if (date.day === 1 && d + 4 < this.window.dates.length) {
      for (const client of new Set(PROGRAMS.map((p) => p.client))) {
        const p = PROGRAMS.findIndex((x) => x.client === client);
        const due = this.at(p, d + 4, 17);
        const amount = Math.round(rng.lognormal(240_000, 0.25));
        this.emit(sink, p, "invoice", this.at(p, d, 9), due, due - rng.lognormal(30, 0.6) * HOUR, {
          amount,
          credited: rng.chance(0.15) ? Math.round(amount * (0.01 + rng.uniform() * 0.03)) : 0,
        });
      }
    }
    // An RFX to answer every ten days, within two weeks.
    if (d % 10 === 3) {
      const opened = this.at(0, d, 10);
      this.emit(sink, 0, "rfx", opened, opened + 14 * 24 * HOUR, opened + rng.lognormal(11, 0.2) * 24 * HOUR);
    }
    // Programs being set up for new work: a milestone due every Thursday.
    if (date.weekday === 3) {
      const p = rng.int(PROGRAMS.length);
      const due = this.at(p, d, 17);
      this.emit(
        sink,
        p,
        "implementation-milestone",
        due - 21 * 24 * HOUR,
        due,
        due - rng.lognormal(20, 1.2) * HOUR * (rng.chance(0.88) ? 1 : -0.4),
      );
    }
  }

  /** Each system's period to be available today, and any outage in it (digital systems: at any hour). */
  private systems(d: number, sink: SupportSink) {
    const rng = this.rng;
    const date = this.window.dates[d]!;
    SYSTEMS.forEach((system, index) => {
      const p = PROGRAMS.findIndex((x) => x.id === system.program);
      const starts = this.starts[this.locationOf[p]!]![d]!;
      let opens: number;
      let closes: number;
      if (system.hours === null) {
        opens = starts[0]!;
        closes = starts[24]!;
      } else {
        const open = Array.from({ length: 24 }, (_, h) => isOpen(system.hours!, date.weekday, h));
        const first = open.indexOf(true);
        if (first < 0) return;
        const last = open.lastIndexOf(true);
        opens = starts[first]!;
        closes = starts[last + 1]!;
      }
      if (closes <= opens) return;
      sink.systemPeriod({ system: index, opens, closes });
      this.written.periods++;
      if (rng.chance(system.outages[0])) {
        // Some outages start before opening and run into it.
        const started = Math.round(opens - 1800 + rng.uniform() * (closes - opens + 1800));
        const ended = started + Math.round(rng.lognormal(system.outages[1], 0.8) * 60);
        sink.outage({ system: index, started, ended });
        this.written.outages++;
      }
    });
  }

  /** Local `hour` (0–24, fractional) of window day `d` at program `p`'s location, as epoch seconds. */
  private at(p: number, d: number, hour: number): number {
    const starts = this.starts[this.locationOf[p]!]![d]!;
    const h = Math.min(23, Math.floor(hour));
    return Math.round(starts[h]! + (hour - h) * (starts[h + 1]! - starts[h]!));
  }

  /**
   * Writes one item; left out when due after the window, left open when done after it. `extra` fills the
   * outcome columns (NaN where absent).
   */
  private emit(
    sink: SupportSink,
    program: number,
    name: (typeof SUPPORT_PROCESSES)[number],
    opened: number,
    due: number,
    completed: number,
    extra: Partial<
      Pick<SupportEventRow, "severity" | "passed" | "reopened" | "units" | "unitsOk" | "amount" | "credited">
    > = {},
  ) {
    const end = this.ends[this.locationOf[program]!]!;
    if (due >= end) return;
    sink.supportEvent({
      seq: this.nextSeq++,
      process: process(name),
      program,
      opened: Math.round(opened),
      due: Number.isNaN(due) ? due : Math.round(due),
      completed: completed < end ? Math.round(Math.max(completed, opened)) : Number.NaN,
      severity: Number.NaN,
      passed: Number.NaN,
      reopened: Number.NaN,
      units: Number.NaN,
      unitsOk: Number.NaN,
      amount: Number.NaN,
      credited: Number.NaN,
      ...extra,
    });
    this.written.events++;
  }
}
