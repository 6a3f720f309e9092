/**
 * The demo operation's organisation: a multi-site outsourcer with three locations in two regions, four clients
 * and nine programs across customer service, tech support, sales, collections and back office (one of them a
 * group of stores), and the queues and digital channels they serve. The structure is fixed (the seed changes the data, not the organisation), and so is each
 * program's performance profile: some programs are staffed to meet typical targets and others are not, one is
 * improving month by month and one is slipping, so every rule of the Standard has something to judge.
 */
import type { CONTACT_KINDS, SYSTEM_KINDS } from "../schema/tables.ts";

/** How a digital channel's sessions go, as shares. */
export interface DigitalProfile {
  /** Sessions in which the customer engaged meaningfully (eligible for service). */
  readonly eligible: number;
  /** Of eligible sessions not handed to a person, those finished in the channel. */
  readonly completion: number;
  /** Eligible sessions handed over to a person. */
  readonly transfer: number;
  /** Eligible sessions whose issue was resolved. */
  readonly resolution: number;
}

/** Arrival and working-time shape of a queue (see seasonality.ts). */
export type Pattern = "voice" | "chat" | "email" | "back-office" | "outbound";

/** Local opening hours [from, to) per day type; null is closed. Hours run 0–24. */
export interface OpeningHours {
  readonly weekday: readonly [number, number];
  readonly saturday: readonly [number, number] | null;
  readonly sunday: readonly [number, number] | null;
}

export interface DemoLocation {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly timeZone: string;
}

/** How well a program is run: the knobs behind its metrics. Shares are fractions; trends are per month. */
export interface ProgramProfile {
  /** Service level the workforce plan staffs each hour to, in the first month. */
  readonly plannedServiceLevel: number;
  readonly plannedServiceLevelTrend: number;
  /** Seats: an hour's agents are capped at this share of the day's busiest-hour plan; below 1 peaks run short. */
  readonly seatCap: number;
  /** Mean share of planned agents missing on the day (sickness, meetings, systems). */
  readonly absence: number;
  /** Deferred work: processing capacity over the average arrival rate in working hours, first month. */
  readonly capacity: number;
  readonly capacityTrend: number;
  /** Share of handled contacts whose issue is resolved. */
  readonly resolution: number;
  readonly resolutionTrend: number;
  /** Of resolved contacts that were not escalated, the share resolved at the first contact. */
  readonly firstContact: number;
  readonly escalation: number;
  /** Of escalations, the share that were correct. */
  readonly correctEscalation: number;
  /** Share of monitored transactions with a customer-, business- and compliance-critical error. */
  readonly criticalErrors: readonly [customer: number, business: number, compliance: number];
  readonly criticalErrorsTrend: number;
  /** Mean satisfaction of a resolved, unescalated, promptly answered customer on a 1–5 scale. */
  readonly satisfaction: number;
  /** Share of on-site time away from customer work and from being available (breaks, meetings, coaching). */
  readonly auxiliary: number;
  /** Share of trained CSSs leaving their seat in a year (all reasons). */
  readonly attrition: number;
}

export interface DemoProgram {
  readonly id: string;
  readonly name: string;
  readonly client: string;
  readonly service: string;
  readonly location: string;
  readonly profile: ProgramProfile;
  /** Top of the client's satisfaction survey scale (5 or 10); scales start at 1. */
  readonly surveyScale: number;
}

export interface SalesProfile {
  /** Share of handled contacts that achieve the revenue objective (a sale, a promise to pay). */
  readonly rate: number;
  readonly rateTrend: number;
  /** Median value of one sale; values are lognormal. */
  readonly medianValue: number;
}

export interface DemoQueue {
  readonly id: string;
  readonly program: string;
  readonly channel: string;
  readonly kind: (typeof CONTACT_KINDS)[number];
  readonly pattern: Pattern;
  readonly slThresholdSeconds?: number;
  readonly targetCycleSeconds?: number;
  /** Relative volume: the queue's share of all contacts is its volume over the sum. */
  readonly volume: number;
  /** Volume growth per month (0.01 is 1%). */
  readonly growth: number;
  /** When customers can reach the queue (real time, outbound) or when items are worked (deferred). */
  readonly hours: OpeningHours;
  /** Talk (or active handling) time: median seconds and log-scale spread. */
  readonly talk: readonly [median: number, sigma: number];
  /** Share of contacts put on hold, and the median hold. */
  readonly hold?: readonly [share: number, median: number];
  /** Median after-contact work, seconds. */
  readonly acw: number;
  /** Real time: mean customer patience in the queue, seconds (exponential). */
  readonly patienceSeconds?: number;
  /** Voice: share of calls that end in the IVR without reaching the agent queue. */
  readonly ivrShare?: number;
  /** Voice: callers facing a long wait are offered a callback. */
  readonly callbacks?: boolean;
  /** Chat: sessions one agent handles at once. */
  readonly concurrency?: number;
  /** Outbound: share of dials that reach the customer. */
  readonly connectRate?: number;
  readonly sales?: SalesProfile;
  /** Chat: share of chats that start from a proactive invitation, and the share of invitations accepted. */
  readonly invitations?: readonly [share: number, takeUp: number];
  /** Deferred: share of items that qualify for lead generation, and of those the share that yield a lead. */
  readonly leads?: readonly [qualifying: number, conversion: number];
  /** Bots, self-service and automation: how their sessions go. */
  readonly digital?: DigitalProfile;
  /** Face to face: share of visits with a repair, and of repairs the share reworked. */
  readonly repairs?: readonly [share: number, rework: number];
  /** Face to face: share of the people coming in who leave without registering. */
  readonly exitShare?: number;
}

/** The `source` of every demo contact; rows with it are the demo's and are replaced on the next run. */
export const DEMO_SOURCE = "cxpm-demo";

export const LOCATIONS: readonly DemoLocation[] = [
  { id: "chicago", name: "Chicago, Illinois", region: "americas-europe", timeZone: "America/Chicago" },
  { id: "lisbon", name: "Lisbon, Portugal", region: "americas-europe", timeZone: "Europe/Lisbon" },
  { id: "manila", name: "Makati City, Manila", region: "asia-pacific", timeZone: "Asia/Manila" },
];

const profile = (p: Partial<ProgramProfile>): ProgramProfile => ({
  plannedServiceLevel: 0.85,
  plannedServiceLevelTrend: 0,
  seatCap: 0.97,
  absence: 0.06,
  capacity: 1.12,
  capacityTrend: 0,
  resolution: 0.86,
  resolutionTrend: 0,
  firstContact: 0.84,
  escalation: 0.05,
  correctEscalation: 0.9,
  criticalErrors: [0.03, 0.06, 0.003],
  criticalErrorsTrend: 0,
  satisfaction: 4.6,
  auxiliary: 0.11,
  attrition: 0.32,
  ...p,
});

export const PROGRAMS: readonly DemoProgram[] = [
  {
    id: "northwind-care-chicago",
    name: "Northwind Bank customer care",
    client: "Northwind Bank",
    service: "customer-service",
    location: "chicago",
    surveyScale: 5,
    // Well run: meets its targets month after month.
    profile: profile({
      plannedServiceLevel: 0.9,
      seatCap: 1,
      absence: 0.05,
      capacity: 1.2,
      resolution: 0.9,
      criticalErrors: [0.02, 0.04, 0.002],
      satisfaction: 4.8,
      auxiliary: 0.1,
      attrition: 0.16,
    }),
  },
  {
    id: "northwind-collections-manila",
    name: "Northwind Bank collections",
    client: "Northwind Bank",
    service: "collections",
    location: "manila",
    surveyScale: 5,
    profile: profile({
      plannedServiceLevel: 0.82,
      seatCap: 0.93,
      absence: 0.08,
      resolution: 0.78,
      escalation: 0.03,
      // Collections: compliance matters most, and slips are found.
      criticalErrors: [0.04, 0.07, 0.008],
      satisfaction: 4.1,
    }),
  },
  {
    id: "contoso-support-manila",
    name: "Contoso Mobile technical support",
    client: "Contoso Mobile",
    service: "tech-support",
    location: "manila",
    surveyScale: 10,
    // Short of seats at the peaks and improving month by month: sustained improvement rather than targets met.
    profile: profile({
      plannedServiceLevel: 0.56,
      plannedServiceLevelTrend: 0.045,
      seatCap: 0.84,
      absence: 0.1,
      resolution: 0.72,
      resolutionTrend: 0.012,
      firstContact: 0.7,
      escalation: 0.14,
      correctEscalation: 0.82,
      criticalErrors: [0.09, 0.12, 0.006],
      criticalErrorsTrend: -0.008,
      satisfaction: 4.2,
      auxiliary: 0.16,
      attrition: 0.55,
    }),
  },
  {
    id: "contoso-sales-lisbon",
    name: "Contoso Mobile sales",
    client: "Contoso Mobile",
    service: "sales",
    location: "lisbon",
    surveyScale: 10,
    profile: profile({ plannedServiceLevel: 0.88, seatCap: 0.98, absence: 0.05, capacity: 1.15, escalation: 0.02 }),
  },
  {
    id: "fabrikam-claims-lisbon",
    name: "Fabrikam Insurance claims processing",
    client: "Fabrikam Insurance",
    service: "back-office",
    location: "lisbon",
    surveyScale: 5,
    // Deferred work with barely enough hands and fewer every month: late items and a growing late backlog.
    profile: profile({ capacity: 1.04, capacityTrend: -0.02, resolution: 0.88, escalation: 0.06 }),
  },
  {
    id: "fabrikam-care-chicago",
    name: "Fabrikam Insurance customer care",
    client: "Fabrikam Insurance",
    service: "customer-service",
    location: "chicago",
    surveyScale: 5,
    // Met its targets at first, slipping since.
    profile: profile({
      plannedServiceLevel: 0.88,
      plannedServiceLevelTrend: -0.045,
      absence: 0.08,
      resolution: 0.85,
      resolutionTrend: -0.01,
      criticalErrorsTrend: 0.006,
    }),
  },
  {
    id: "tailspin-care-manila",
    name: "Tailspin Air customer care",
    client: "Tailspin Air",
    service: "customer-service",
    location: "manila",
    surveyScale: 5,
    // Short of seats at the peaks: busy hours miss service level and callers abandon.
    profile: profile({
      plannedServiceLevel: 0.64,
      seatCap: 0.8,
      absence: 0.11,
      capacity: 1.03,
      resolution: 0.8,
      firstContact: 0.78,
      escalation: 0.07,
      criticalErrors: [0.06, 0.09, 0.004],
      satisfaction: 4.25,
      auxiliary: 0.15,
      attrition: 0.62,
    }),
  },
  {
    id: "contoso-stores-lisbon",
    name: "Contoso Mobile stores",
    client: "Contoso Mobile",
    service: "sales",
    location: "lisbon",
    surveyScale: 10,
    // The stores around Lisbon: visitors take a ticket and wait for a CSS; sales and repairs.
    profile: profile({
      plannedServiceLevel: 0.8,
      seatCap: 0.95,
      resolution: 0.84,
      escalation: 0.08,
      correctEscalation: 0.85,
      satisfaction: 4.4,
      attrition: 0.4,
    }),
  },
  {
    id: "tailspin-care-lisbon",
    name: "Tailspin Air customer care",
    client: "Tailspin Air",
    service: "customer-service",
    location: "lisbon",
    surveyScale: 5,
    profile: profile({ plannedServiceLevel: 0.87, seatCap: 0.97, absence: 0.06, resolution: 0.87 }),
  },
];

const WEEKDAYS_AND_SATURDAY = (from: number, to: number, saturday: [number, number] | null): OpeningHours => ({
  weekday: [from, to],
  saturday,
  sunday: null,
});
const EVERY_DAY = (from: number, to: number): OpeningHours => ({
  weekday: [from, to],
  saturday: [from, to],
  sunday: [from, to],
});

export const QUEUES: readonly DemoQueue[] = [
  // Northwind Bank, Chicago: voice with callbacks, chat, and email answered within a day.
  {
    id: "northwind-care-chicago-voice",
    program: "northwind-care-chicago",
    channel: "voice",
    kind: "real-time",
    pattern: "voice",
    slThresholdSeconds: 20,
    volume: 14,
    growth: 0.01,
    hours: WEEKDAYS_AND_SATURDAY(7, 21, [8, 17]),
    talk: [250, 0.6],
    hold: [0.22, 60],
    acw: 35,
    patienceSeconds: 420,
    ivrShare: 0.12,
    callbacks: true,
  },
  {
    id: "northwind-care-chicago-chat",
    program: "northwind-care-chicago",
    channel: "chat",
    kind: "real-time",
    pattern: "chat",
    slThresholdSeconds: 60,
    volume: 5,
    growth: 0.03,
    hours: EVERY_DAY(7, 22),
    talk: [660, 0.5],
    acw: 40,
    patienceSeconds: 480,
    concurrency: 2,
    invitations: [0.3, 0.3],
  },
  {
    id: "northwind-care-chicago-email",
    program: "northwind-care-chicago",
    channel: "email",
    kind: "deferred",
    pattern: "email",
    targetCycleSeconds: 24 * 3600,
    volume: 4,
    growth: 0,
    hours: WEEKDAYS_AND_SATURDAY(8, 20, [9, 14]),
    talk: [330, 0.6],
    acw: 30,
  },
  // Northwind Bank collections, Manila: a dialer, and the customers who call back.
  {
    id: "northwind-collections-manila-outbound",
    program: "northwind-collections-manila",
    channel: "voice",
    kind: "outbound",
    pattern: "outbound",
    volume: 10,
    growth: 0,
    hours: WEEKDAYS_AND_SATURDAY(9, 20, [10, 16]),
    talk: [230, 0.6],
    acw: 45,
    connectRate: 0.36,
    sales: { rate: 0.3, rateTrend: 0.004, medianValue: 350 },
  },
  {
    id: "northwind-collections-manila-inbound",
    program: "northwind-collections-manila",
    channel: "voice",
    kind: "real-time",
    pattern: "voice",
    slThresholdSeconds: 30,
    volume: 4,
    growth: 0.005,
    hours: WEEKDAYS_AND_SATURDAY(8, 20, [9, 15]),
    talk: [300, 0.55],
    hold: [0.3, 75],
    acw: 50,
    patienceSeconds: 300,
    ivrShare: 0.08,
    sales: { rate: 0.34, rateTrend: 0.004, medianValue: 420 },
  },
  // Contoso Mobile tech support, Manila, around the clock.
  {
    id: "contoso-support-manila-voice",
    program: "contoso-support-manila",
    channel: "voice",
    kind: "real-time",
    pattern: "voice",
    slThresholdSeconds: 30,
    volume: 12,
    growth: 0.015,
    hours: EVERY_DAY(0, 24),
    talk: [460, 0.65],
    hold: [0.4, 110],
    acw: 55,
    patienceSeconds: 330,
    ivrShare: 0.18,
  },
  {
    id: "contoso-support-manila-chat",
    program: "contoso-support-manila",
    channel: "chat",
    kind: "real-time",
    pattern: "chat",
    slThresholdSeconds: 60,
    volume: 6,
    growth: 0.03,
    hours: EVERY_DAY(0, 24),
    talk: [840, 0.55],
    acw: 50,
    patienceSeconds: 420,
    concurrency: 2,
  },
  // Contoso Mobile sales, Lisbon: inbound sales calls and web leads to call back within eight hours.
  {
    id: "contoso-sales-lisbon-voice",
    program: "contoso-sales-lisbon",
    channel: "voice",
    kind: "real-time",
    pattern: "voice",
    slThresholdSeconds: 20,
    volume: 8,
    growth: 0.02,
    hours: WEEKDAYS_AND_SATURDAY(9, 21, [10, 18]),
    talk: [400, 0.6],
    hold: [0.15, 50],
    acw: 60,
    patienceSeconds: 300,
    ivrShare: 0.06,
    sales: { rate: 0.19, rateTrend: 0.006, medianValue: 240 },
  },
  {
    id: "contoso-sales-lisbon-leads",
    program: "contoso-sales-lisbon",
    channel: "web",
    kind: "deferred",
    pattern: "chat",
    targetCycleSeconds: 8 * 3600,
    volume: 3,
    growth: 0.02,
    hours: EVERY_DAY(8, 22),
    talk: [420, 0.5],
    acw: 45,
    sales: { rate: 0.12, rateTrend: 0.003, medianValue: 180 },
  },
  // Fabrikam Insurance claims, Lisbon: back-office cases within three days, broker email within two.
  {
    id: "fabrikam-claims-lisbon-cases",
    program: "fabrikam-claims-lisbon",
    channel: "back-office",
    kind: "deferred",
    pattern: "back-office",
    targetCycleSeconds: 72 * 3600,
    volume: 6,
    growth: 0.01,
    hours: WEEKDAYS_AND_SATURDAY(8, 18, null),
    talk: [1100, 0.7],
    acw: 90,
    leads: [0.35, 0.22],
  },
  {
    id: "fabrikam-claims-lisbon-email",
    program: "fabrikam-claims-lisbon",
    channel: "email",
    kind: "deferred",
    pattern: "email",
    targetCycleSeconds: 48 * 3600,
    volume: 3,
    growth: 0.01,
    hours: WEEKDAYS_AND_SATURDAY(8, 18, null),
    talk: [380, 0.6],
    acw: 30,
  },
  // Fabrikam Insurance customer care, Chicago.
  {
    id: "fabrikam-care-chicago-voice",
    program: "fabrikam-care-chicago",
    channel: "voice",
    kind: "real-time",
    pattern: "voice",
    slThresholdSeconds: 30,
    volume: 7,
    growth: 0.012,
    hours: WEEKDAYS_AND_SATURDAY(8, 20, [9, 13]),
    talk: [320, 0.6],
    hold: [0.28, 80],
    acw: 45,
    patienceSeconds: 360,
    ivrShare: 0.1,
  },
  // Tailspin Air customer care: Manila around the clock, Lisbon in the day.
  {
    id: "tailspin-care-manila-voice",
    program: "tailspin-care-manila",
    channel: "voice",
    kind: "real-time",
    pattern: "voice",
    slThresholdSeconds: 20,
    volume: 10,
    growth: 0.01,
    hours: EVERY_DAY(0, 24),
    talk: [290, 0.6],
    hold: [0.3, 70],
    acw: 40,
    patienceSeconds: 240,
    ivrShare: 0.1,
    callbacks: true,
  },
  {
    id: "tailspin-care-manila-chat",
    program: "tailspin-care-manila",
    channel: "chat",
    kind: "real-time",
    pattern: "chat",
    slThresholdSeconds: 45,
    volume: 4,
    growth: 0.025,
    hours: EVERY_DAY(0, 24),
    talk: [600, 0.5],
    acw: 35,
    patienceSeconds: 360,
    concurrency: 2,
  },
  {
    id: "tailspin-care-manila-email",
    program: "tailspin-care-manila",
    channel: "email",
    kind: "deferred",
    pattern: "email",
    targetCycleSeconds: 24 * 3600,
    volume: 3,
    growth: 0.005,
    hours: EVERY_DAY(7, 23),
    talk: [300, 0.6],
    acw: 25,
  },
  {
    id: "tailspin-care-lisbon-voice",
    program: "tailspin-care-lisbon",
    channel: "voice",
    kind: "real-time",
    pattern: "voice",
    slThresholdSeconds: 20,
    volume: 6,
    growth: 0.01,
    hours: EVERY_DAY(7, 23),
    talk: [280, 0.6],
    hold: [0.25, 60],
    acw: 40,
    patienceSeconds: 360,
    ivrShare: 0.1,
  },
  {
    id: "tailspin-care-lisbon-chat",
    program: "tailspin-care-lisbon",
    channel: "chat",
    kind: "real-time",
    pattern: "chat",
    slThresholdSeconds: 45,
    volume: 2,
    growth: 0.025,
    hours: EVERY_DAY(7, 23),
    talk: [580, 0.5],
    acw: 35,
    patienceSeconds: 420,
    concurrency: 2,
  },
  // Contoso Mobile's stores: a ticket machine, a wait, and sales and repairs at the counter.
  {
    id: "contoso-stores-lisbon-visits",
    program: "contoso-stores-lisbon",
    channel: "retail",
    kind: "face-to-face",
    pattern: "voice",
    slThresholdSeconds: 600,
    volume: 4,
    growth: 0.01,
    hours: WEEKDAYS_AND_SATURDAY(10, 20, [10, 19]),
    talk: [420, 0.5],
    acw: 45,
    patienceSeconds: 1500,
    sales: { rate: 0.32, rateTrend: 0.003, medianValue: 190 },
    repairs: [0.22, 0.07],
    exitShare: 0.3,
  },
  // Digital channels, open around the clock: Northwind's web assistant, Contoso's self-service app, and the
  // automation that registers Fabrikam's claims.
  {
    id: "northwind-care-chicago-assistant",
    program: "northwind-care-chicago",
    channel: "web",
    kind: "bot",
    pattern: "chat",
    volume: 9,
    growth: 0.03,
    hours: EVERY_DAY(0, 24),
    talk: [140, 0.6],
    acw: 0,
    digital: { eligible: 0.86, completion: 0.66, transfer: 0.24, resolution: 0.72 },
    sales: { rate: 0.02, rateTrend: 0.001, medianValue: 60 },
  },
  {
    id: "contoso-support-manila-app",
    program: "contoso-support-manila",
    channel: "app",
    kind: "self-service",
    pattern: "chat",
    volume: 14,
    growth: 0.02,
    hours: EVERY_DAY(0, 24),
    talk: [95, 0.7],
    acw: 0,
    digital: { eligible: 0.9, completion: 0.8, transfer: 0.12, resolution: 0.78 },
    sales: { rate: 0.03, rateTrend: 0, medianValue: 25 },
  },
  {
    id: "fabrikam-claims-lisbon-automation",
    program: "fabrikam-claims-lisbon",
    channel: "rpa",
    kind: "back-office",
    pattern: "back-office",
    volume: 5,
    growth: 0.01,
    hours: EVERY_DAY(0, 24),
    talk: [75, 0.5],
    acw: 0,
    digital: { eligible: 0.98, completion: 0.97, transfer: 0.03, resolution: 0.95 },
  },
];

export interface DemoSystem {
  readonly id: string;
  readonly program: string;
  readonly kind: (typeof SYSTEM_KINDS)[number];
  /** Opening hours; null for a digital channel that must run around the clock. */
  readonly hours: OpeningHours | null;
  /** Chance of an outage on a given day, and its median length in minutes. */
  readonly outages: readonly [perDay: number, medianMinutes: number];
}

/** The widest opening hours of `queues` on each type of day. */
function spanOf(queues: readonly DemoQueue[]): OpeningHours {
  const span = (pick: (h: OpeningHours) => readonly [number, number] | null) => {
    const spans = queues.map((q) => pick(q.hours)).filter((x) => x !== null);
    return spans.length === 0
      ? null
      : ([Math.min(...spans.map((x) => x[0])), Math.max(...spans.map((x) => x[1]))] as [number, number]);
  };
  return { weekday: span((h) => h.weekday)!, saturday: span((h) => h.saturday), sunday: span((h) => h.sunday) };
}

/**
 * The systems whose availability the demo measures: each program's telephony (where it takes calls), live chat
 * (where it chats) and the production system its CSSs work in, open when its queues are; and three digital
 * channels that run around the clock: Northwind's web assistant, Contoso's self-service app and Fabrikam's claims
 * automation.
 */
export const SYSTEMS: readonly DemoSystem[] = [
  ...PROGRAMS.flatMap((p) => {
    const queues = QUEUES.filter((q) => q.program === p.id && q.digital === undefined);
    const voice = queues.filter((q) => q.channel === "voice" && q.kind === "real-time");
    const chat = queues.filter((q) => q.channel === "chat");
    return [
      ...(voice.length > 0
        ? [{ id: `${p.id}-acd`, program: p.id, kind: "telephony", hours: spanOf(voice), outages: [0.03, 12] } as const]
        : []),
      ...(chat.length > 0
        ? [{ id: `${p.id}-chat`, program: p.id, kind: "chat", hours: spanOf(chat), outages: [0.04, 15] } as const]
        : []),
      { id: `${p.id}-crm`, program: p.id, kind: "production", hours: spanOf(queues), outages: [0.05, 20] } as const,
    ];
  }),
  { id: "northwind-web-assistant", program: "northwind-care-chicago", kind: "bot", hours: null, outages: [0.06, 25] },
  {
    id: "contoso-self-service-app",
    program: "contoso-support-manila",
    kind: "self-service",
    hours: null,
    outages: [0.05, 30],
  },
  {
    id: "fabrikam-claims-automation",
    program: "fabrikam-claims-lisbon",
    kind: "back-stage",
    hours: null,
    outages: [0.04, 40],
  },
];

/** Canonical rows of the organisation tables, as `cxpm import` takes them. */
export function organisationRows() {
  return {
    locations: LOCATIONS.map((l) => ({ location_id: l.id, name: l.name, region: l.region, time_zone: l.timeZone })),
    programs: PROGRAMS.map((p) => ({
      program_id: p.id,
      name: p.name,
      client: p.client,
      service: p.service,
      location_id: p.location,
    })),
    queues: QUEUES.map((q) => ({
      queue_id: q.id,
      program_id: q.program,
      channel: q.channel,
      kind: q.kind,
      sl_threshold_seconds: q.slThresholdSeconds ?? null,
      target_cycle_seconds: q.targetCycleSeconds ?? null,
    })),
  };
}
