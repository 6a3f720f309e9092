/**
 * Staffing: the fewest agents that meet a queue's targets, then the positions to schedule once shrinkage is
 * allowed for; chat with concurrency; and deferred work that must clear within a cycle time.
 */
import { type ErlangAMeasures, erlangAMeasures, type ServiceLevelDefinition } from "./erlang-a.ts";
import { erlangB, nextErlangB } from "./erlang-b.ts";
import { type ErlangCMeasures, erlangCMeasuresFromB } from "./erlang-c.ts";
import { checkQueue, positive, type Queue } from "./workload.ts";

/** Targets for one queue; give any combination, at least one. Shares are fractions (0.8 for 80%). */
export interface StaffingTargets {
  /** At least `target` of contacts answered within `thresholdSeconds` (by the chosen definition for Erlang A). */
  readonly serviceLevel?: { readonly target: number; readonly thresholdSeconds: number };
  /** Average speed of answer at most this many seconds. */
  readonly maxAsaSeconds?: number;
  /** Occupancy at most this share, e.g. 0.85. */
  readonly maxOccupancy?: number;
  /** Erlang A only: at most this share of offered contacts abandon. */
  readonly maxAbandonment?: number;
}

export type StaffingModel = "c" | "a";

export interface StaffingInput {
  readonly model: StaffingModel;
  /** For chat, the load of chats: chats × chat handle time / interval (see `concurrency`). */
  readonly queue: Queue;
  readonly targets: StaffingTargets;
  /** Threshold at which service level is reported when there is no service-level target; default 0. */
  readonly thresholdSeconds?: number;
  /** Erlang A: how service level treats abandoned calls; default `offered` (see ServiceLevelDefinition). */
  readonly serviceLevelDefinition?: ServiceLevelDefinition;
  /** Share of paid time agents are not available to handle contacts (breaks, training, absence); 0 ≤ s < 1. */
  readonly shrinkage?: number;
  /**
   * Chat: contacts one agent handles at once; default 1. Each agent brings `concurrency` servers (slots) to the
   * queue and the handle time is that of one chat as measured, already stretched by sharing the agent. A chat
   * waits only when every slot is taken, as a chat router with a per-agent cap assigns them. A fractional
   * concurrency (an average of 2.5) gives ⌊agents × concurrency⌋ slots.
   */
  readonly concurrency?: number;
}

/** What sets the staffing: the targets that would be missed with one agent fewer. */
export type BindingTarget = "stability" | "serviceLevel" | "asa" | "occupancy" | "abandonment";

export interface Staffing {
  readonly model: StaffingModel;
  readonly load: number;
  readonly concurrency: number;
  /** Servers in the queueing model: ⌊agents × concurrency⌋ (equal to agents for voice). */
  readonly servers: number;
  /** Agents who must be logged in and handling contacts. */
  readonly agents: number;
  readonly shrinkage: number;
  /** Positions to schedule: agents / (1 − shrinkage), rounded up. */
  readonly scheduled: number;
  /**
   * The targets missed with one agent fewer (`stability` for Erlang C when the queue would then grow without
   * bound). Empty when no agent, or a single one, is needed.
   */
  readonly binding: readonly BindingTarget[];
  /** The queue's measures at `servers`; null when nothing is offered (no agent needed). */
  readonly measures: ErlangCMeasures | ErlangAMeasures | null;
}

// Comparisons against targets forgive rounding in the last bits, as elsewhere in cxpm.
const atMost = (value: number, limit: number) => value <= limit + 1e-12 * Math.max(1, Math.abs(limit));
const atLeast = (value: number, floor: number) => value >= floor - 1e-12 * Math.max(1, Math.abs(floor));

/**
 * Positions to schedule so that, after shrinkage, `agents` are available: agents / (1 − shrinkage) rounded up.
 * Rounding forgives floating-point noise: 21 / (1 − 0.3) is 30.000000000000004 in doubles and schedules 30.
 *
 * @example scheduledPositions(14, 0.3) // 20
 */
export function scheduledPositions(agents: number, shrinkage: number): number {
  if (!(agents >= 0) || !Number.isFinite(agents)) throw new Error(`agents must be a finite number ≥ 0, got ${agents}`);
  if (!(shrinkage >= 0 && shrinkage < 1)) throw new Error(`shrinkage must be at least 0 and below 1, got ${shrinkage}`);
  return roundUp(agents / (1 - shrinkage));
}

// max with 0 also turns the −0 of ⌈−1e-9⌉ into 0.
const roundUp = (value: number) => Math.max(0, Math.ceil(value - 1e-9));

/** The targets the measures miss. */
function missed(measures: ErlangCMeasures | ErlangAMeasures, targets: StaffingTargets): BindingTarget[] {
  const out: BindingTarget[] = [];
  if (measures.model === "c" && !measures.stable) out.push("stability");
  const { serviceLevel, maxAsaSeconds, maxOccupancy, maxAbandonment } = targets;
  if (serviceLevel && !atLeast(measures.serviceLevel, serviceLevel.target)) out.push("serviceLevel");
  if (maxAsaSeconds !== undefined && !atMost(measures.asaSeconds, maxAsaSeconds)) out.push("asa");
  if (maxOccupancy !== undefined && !atMost(measures.occupancy, maxOccupancy)) out.push("occupancy");
  if (
    maxAbandonment !== undefined &&
    measures.model === "a" &&
    !atMost(measures.probabilityOfAbandon, maxAbandonment)
  ) {
    out.push("abandonment");
  }
  return out;
}

function checkTargets(input: StaffingInput): void {
  const { serviceLevel, maxAsaSeconds, maxOccupancy, maxAbandonment } = input.targets;
  if (!serviceLevel && maxAsaSeconds === undefined && maxOccupancy === undefined && maxAbandonment === undefined) {
    throw new Error("give at least one target: service level, ASA, occupancy or abandonment");
  }
  if (serviceLevel) {
    if (!(serviceLevel.target > 0 && serviceLevel.target < 1)) {
      throw new Error(`service level target must be a share above 0 and below 1, got ${serviceLevel.target}`);
    }
    if (!(serviceLevel.thresholdSeconds >= 0) || !Number.isFinite(serviceLevel.thresholdSeconds)) {
      throw new Error(
        `service level threshold must be a finite number of seconds ≥ 0, got ${serviceLevel.thresholdSeconds}`,
      );
    }
  }
  if (maxAsaSeconds !== undefined) positive("maxAsaSeconds", maxAsaSeconds);
  if (maxOccupancy !== undefined && !(maxOccupancy > 0 && maxOccupancy <= 1)) {
    throw new Error(`maximum occupancy must be above 0 and at most 1, got ${maxOccupancy}`);
  }
  if (maxAbandonment !== undefined) {
    if (input.model !== "a") {
      throw new Error("an abandonment target needs Erlang A (model a, with the callers' patience)");
    }
    if (!(maxAbandonment > 0 && maxAbandonment < 1)) {
      throw new Error(`maximum abandonment must be a share above 0 and below 1, got ${maxAbandonment}`);
    }
  }
}

/**
 * The fewest agents meeting every target, and the positions to schedule after shrinkage.
 *
 * Erlang C steps up one agent at a time from just above the offered load (or from load / max occupancy), moving
 * Erlang B along by its recursion: O(1) per agent. Erlang A gallops outward from the offered load and then
 * bisects, which needs a few dozen evaluations at most. Both rely on every measure improving as agents are added.
 *
 * @example
 * // 100 calls in 30 minutes, AHT 180 s, 80% in 20 s, 30% shrinkage: 14 agents, 20 scheduled.
 * staffing({ model: "c", queue: { load: 10, ahtSeconds: 180 },
 *   targets: { serviceLevel: { target: 0.8, thresholdSeconds: 20 } }, shrinkage: 0.3 }) // { agents: 14, scheduled: 20, … }
 */
export function staffing(input: StaffingInput): Staffing {
  const { model, queue, targets } = input;
  checkTargets(input);
  const concurrency = input.concurrency ?? 1;
  if (!(concurrency >= 1) || !Number.isFinite(concurrency)) {
    throw new Error(`concurrency must be a number ≥ 1, got ${concurrency}`);
  }
  const shrinkage = input.shrinkage ?? 0;
  const threshold = targets.serviceLevel?.thresholdSeconds ?? input.thresholdSeconds ?? 0;
  // Remembered per server count: the search, the binding check and the result share evaluations.
  const evaluated = new Map<number, ErlangCMeasures | ErlangAMeasures>();
  const measuresAt = (servers: number): ErlangCMeasures | ErlangAMeasures => {
    let measures = evaluated.get(servers);
    if (!measures) {
      measures =
        model === "c"
          ? erlangCMeasuresFromB(queue, servers, threshold, erlangB(queue.load, servers))
          : erlangAMeasures(queue, servers, threshold, definition(input));
      evaluated.set(servers, measures);
    }
    return measures;
  };
  checkQueue(queue);
  if (model === "a") {
    if (queue.patienceSeconds === undefined) {
      throw new Error("Erlang A needs the callers' mean patience (patienceSeconds)");
    }
    positive("patienceSeconds", queue.patienceSeconds);
  }
  if (queue.load === 0) {
    return {
      model,
      load: 0,
      concurrency,
      servers: 0,
      agents: 0,
      shrinkage,
      scheduled: scheduledPositions(0, shrinkage),
      binding: [],
      measures: null,
    };
  }

  const servers =
    model === "c"
      ? fewestServersErlangC(queue, targets, threshold, evaluated)
      : fewestServers(
          erlangAGuess(queue, targets, threshold),
          queue.load,
          (n) => missed(measuresAt(n), targets).length === 0,
        );
  // Agents bring ⌊agents × concurrency⌋ slots; the fewest agents with enough slots.
  const agents = roundUp(servers / concurrency);
  const slots = Math.floor(agents * concurrency + 1e-9);
  const fewer = Math.floor((agents - 1) * concurrency + 1e-9);
  return {
    model,
    load: queue.load,
    concurrency,
    servers: slots,
    agents,
    shrinkage,
    scheduled: scheduledPositions(agents, shrinkage),
    binding: fewer >= 1 ? missed(measuresAt(fewer), targets) : [],
    measures: measuresAt(slots),
  };
}

const definition = (input: StaffingInput) =>
  input.serviceLevelDefinition === undefined ? {} : { serviceLevelDefinition: input.serviceLevelDefinition };

/** No search goes beyond this many servers: far more than any reachable target needs. */
const searchLimit = (load: number) => Math.ceil(load + 100 * Math.sqrt(load) + 1000);

function unreachable(limit: number): Error {
  return new Error(`no staffing up to ${limit} agents meets the targets`);
}

function fewestServersErlangC(
  queue: Queue,
  targets: StaffingTargets,
  threshold: number,
  evaluated?: Map<number, ErlangCMeasures | ErlangAMeasures>,
): number {
  const { load } = queue;
  let n = Math.floor(load) + 1;
  // Occupancy A/N needs N ≥ A / max occupancy: start there rather than step to it.
  if (targets.maxOccupancy !== undefined) n = Math.max(n, roundUp(load / targets.maxOccupancy));
  const limit = searchLimit(load);
  let b = erlangB(load, n);
  let previous: ErlangCMeasures | undefined;
  for (; n <= limit; n++) {
    const measures = erlangCMeasuresFromB(queue, n, threshold, b);
    if (missed(measures, targets).length === 0) {
      // Keep the answer and the count below it for the caller's binding check and result.
      evaluated?.set(n, measures);
      if (previous) evaluated?.set(n - 1, previous);
      return n;
    }
    previous = measures;
    b = nextErlangB(load, n, b);
  }
  throw unreachable(limit);
}

/**
 * Where the Erlang A search starts: Erlang C's staffing for the service-level and ASA targets, which is cheap and
 * usually within a few agents of Erlang A's; the offered load when only occupancy or abandonment is targeted.
 */
function erlangAGuess(queue: Queue, targets: StaffingTargets, threshold: number): number {
  const { serviceLevel, maxAsaSeconds } = targets;
  if (!serviceLevel && maxAsaSeconds === undefined) return Math.max(1, Math.ceil(queue.load));
  return fewestServersErlangC(queue, { serviceLevel, maxAsaSeconds }, threshold);
}

/**
 * The smallest n ≥ 1 for which `meets(n)` holds, for a `meets` that stays true once true: gallop from `guess`
 * (doubling the step) to bracket the answer, then bisect.
 */
function fewestServers(guess: number, load: number, meets: (n: number) => boolean): number {
  const limit = searchLimit(load);
  let low: number; // fails (0 when even one server meets the targets)
  let high: number; // meets
  if (meets(guess)) {
    high = guess;
    low = 0;
    for (let step = 1; high - step >= 1; step *= 2) {
      if (!meets(high - step)) {
        low = high - step;
        break;
      }
      high -= step;
    }
  } else {
    low = guess;
    for (let step = 1; ; step *= 2) {
      const n = Math.min(limit, low + step);
      if (meets(n)) {
        high = n;
        break;
      }
      if (n === limit) throw unreachable(limit);
      low = n;
    }
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (meets(middle)) high = middle;
    else low = middle;
  }
  return high;
}

/** Deferred work (e-mail, back office): a backlog that must be cleared within a target cycle time. */
export interface BacklogInput {
  /** Items to clear within the cycle: the backlog, plus items arriving during the cycle that are due within it. */
  readonly items: number;
  /** Average handle time per item, seconds. */
  readonly ahtSeconds: number;
  /**
   * Hours one agent who is at work spends on this work within the cycle: for a 24-hour cycle and one 8-hour
   * shift with 30 minutes of breaks, 7.5. Absence and other shrinkage are allowed for by `shrinkage`.
   */
  readonly availableHoursPerAgent: number;
  /** Share of agents not at work (absence, training); 0 ≤ s < 1, default 0. */
  readonly shrinkage?: number;
}

export interface BacklogStaffing {
  /** Work in hours: items × AHT / 3,600. */
  readonly workHours: number;
  /** Agents at work needed: work hours / available hours per agent, rounded up. */
  readonly agents: number;
  readonly scheduled: number;
}

/**
 * Agents to clear a backlog within its cycle time: work hours / available hours per agent, rounded up. No
 * queueing model: deferred work waits by design, and only the total must fit in the cycle.
 *
 * @example
 * // 1,200 e-mails of 6 minutes in a 24-hour cycle, 7.5 hours each, 20% shrinkage: 120 hours, 16 agents, 20 scheduled.
 * backlogStaffing({ items: 1200, ahtSeconds: 360, availableHoursPerAgent: 7.5, shrinkage: 0.2 })
 */
export function backlogStaffing(input: BacklogInput): BacklogStaffing {
  const { items, ahtSeconds, availableHoursPerAgent } = input;
  if (!(items >= 0) || !Number.isFinite(items)) throw new Error(`items must be a finite number ≥ 0, got ${items}`);
  positive("ahtSeconds", ahtSeconds);
  positive("availableHoursPerAgent", availableHoursPerAgent);
  const workHours = (items * ahtSeconds) / 3600;
  const agents = roundUp(workHours / availableHoursPerAgent);
  return { workHours, agents, scheduled: scheduledPositions(agents, input.shrinkage ?? 0) };
}
