/**
 * A stratified random sample of a program's handled contacts in one local month, to monitor (2.7.1.b: the
 * selection must be unbiased and not affect the results).
 *
 * The population is the contacts of the program that a CSS handled (`agent_id` set) and that arrived in the
 * month, on the location's clock. Strata are agent × queue (the CSS × the transaction type), so every CSS and
 * every kind of work is represented in proportion to what was handled. The n contacts are allocated over the
 * strata in proportion to their sizes with largest-remainder rounding (`allocate`: every stratum gets its share
 * rounded down or up; ties and strata too small for a whole unit are explained there), then drawn within each
 * stratum by simple random sampling without replacement (a partial Fisher–Yates shuffle).
 *
 * The draw is reproducible: the random numbers come from the seed alone (pure-rand's xoroshiro128+, through
 * the repository's `Random`), and the strata and their contacts are read in a fixed order (agent, queue, then
 * arrival, source and id). The same seed on the same data gives the same sample, which is what makes the
 * selection auditable.
 */
import { Random } from "../demo/random.ts";
import type { Warehouse } from "../warehouse.ts";
import { allocate } from "./allocation.ts";
import { checkMonth } from "./plan.ts";

export interface DrawOptions {
  readonly program: string;
  /** Local month, YYYY-MM. */
  readonly month: string;
  /** Contacts to draw. */
  readonly n: number;
  /** Seed of the random numbers; the same seed gives the same sample. */
  readonly seed: number;
}

export interface DrawStratum {
  readonly agent: string;
  /** Queue (transaction type); empty when the contact names none. */
  readonly queue: string;
  /** Contacts in the stratum. */
  readonly size: number;
  /** n·size/N. */
  readonly quota: number;
  readonly drawn: number;
}

export interface DrawnContact {
  readonly source: string;
  readonly sourceId: string;
  readonly agent: string;
  readonly queue: string;
  readonly arrivedAt: string;
}

export interface Draw {
  readonly program: string;
  readonly month: string;
  readonly seed: number;
  /** Handled contacts in the month: the population N. */
  readonly population: number;
  readonly n: number;
  readonly strata: readonly DrawStratum[];
  /** The chosen contacts, by stratum, then by arrival. */
  readonly contacts: readonly DrawnContact[];
}

/**
 * Draws the sample.
 *
 * @example
 * const draw = await drawSample(warehouse, { program: "tailspin-care-lisbon", month: "2026-10", n: 40, seed: 7 });
 * draw.contacts[0]; // { source: "demo", sourceId: "…", agent: "emp-000042", queue: "…", … }
 */
export async function drawSample(warehouse: Warehouse, options: DrawOptions): Promise<Draw> {
  const { program, n, seed } = options;
  const month = checkMonth(options.month, "month");
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`n must be a whole number of at least 1, got ${n}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  const rows = await warehouse.all<{ source: string; source_id: string; agent: string; queue: string; at: string }>(
    `SELECT source, source_id, agent_id AS agent, coalesce(queue_id, '') AS queue, arrived_at AS at
     FROM contacts
     WHERE program_id = $1 AND agent_id IS NOT NULL AND strftime(timezone(time_zone, arrived_at), '%Y-%m') = $2
     ORDER BY agent_id, queue, arrived_at, source, source_id`,
    [program, month],
  );
  if (rows.length === 0) {
    throw new RangeError(`program ${program} has no contacts handled by a CSS in ${month}: nothing to draw from`);
  }
  if (n > rows.length) {
    throw new RangeError(`cannot draw ${n} contacts: program ${program} handled ${rows.length} in ${month}`);
  }

  // Rows are sorted by stratum: cut them into runs.
  const runs: { agent: string; queue: string; rows: typeof rows }[] = [];
  for (const row of rows) {
    const last = runs.at(-1);
    if (last && last.agent === row.agent && last.queue === row.queue) last.rows.push(row);
    else runs.push({ agent: row.agent, queue: row.queue, rows: [row] });
  }
  const allocation = allocate(
    runs.map((r) => ({ key: `${r.agent}\u0000${r.queue}`, size: r.rows.length })),
    n,
  );

  const random = new Random(seed);
  const contacts: DrawnContact[] = [];
  runs.forEach((run, h) => {
    const chosen = choose(run.rows.length, allocation[h]!.allocated, random);
    for (const i of chosen) {
      const r = run.rows[i]!;
      contacts.push({ source: r.source, sourceId: r.source_id, agent: r.agent, queue: r.queue, arrivedAt: r.at });
    }
  });
  return {
    program,
    month,
    seed,
    population: rows.length,
    n,
    strata: runs.map((run, h) => ({
      agent: run.agent,
      queue: run.queue,
      size: run.rows.length,
      quota: allocation[h]!.quota,
      drawn: allocation[h]!.allocated,
    })),
    contacts,
  };
}

/** k distinct indices of 0…size−1, uniformly at random, in ascending order (a partial Fisher–Yates shuffle). */
export function choose(size: number, k: number, random: Random): number[] {
  const index = Array.from({ length: size }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + random.int(size - i);
    [index[i], index[j]] = [index[j]!, index[i]!];
  }
  return index.slice(0, k).sort((a, b) => a - b);
}
