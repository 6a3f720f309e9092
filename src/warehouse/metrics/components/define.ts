/**
 * What a component group is, the settings the Standard leaves open, and the SQL helpers groups share.
 */

/** Choices the Standard leaves open, with their defaults. */
export interface ComponentSettings {
  /** Answer threshold for service level when the queue sets none. */
  readonly serviceLevelThresholdSeconds: number;
  /**
   * Abandons faster than this are left out of offered and abandoned. Default 0 (none): the Standard says no
   * short-abandon threshold should be used where there is an IVR or message system.
   */
  readonly shortAbandonSeconds: number;
  /** Target cycle time for deferred work when neither the item (due_at) nor the queue sets one. */
  readonly cycleTimeSeconds: number;
  /** Satisfied: an answer in the top N boxes of its scale (top two box on a 1–5 scale: 4 or 5). */
  readonly satisfiedTopBoxes: number;
  /** Dissatisfied: an answer in the bottom N boxes (bottom box on a 1–5 scale: 1). */
  readonly dissatisfiedBottomBoxes: number;
  /**
   * Schedule attainment by intervals: staff present within this band around the plan (or schedule), as shares
   * of it, bounds included. Default 95%–115%, the glossary's example.
   */
  readonly staffingBand: { readonly low: number; readonly high: number };
  /**
   * Forecast accuracy by intervals or days: the actual within this share under or over the forecast, bounds
   * included (the Standard's +x% / −y%, the CSP's choice). Default 10% either way.
   */
  readonly forecastTolerance: { readonly under: number; readonly over: number };
  /** Complaints without a deadline of their own: target times to first response and to resolution. */
  readonly complaintResponseSeconds: number;
  readonly complaintResolutionSeconds: number;
  /** The cost driver (`cost_drivers.driver`) that cost per X divides by. */
  readonly costDriver: string;
  /**
   * Contact resolution by repeat-contact analysis: a window in whole days, or 0 (default) to count only the
   * outcomes the source records. With a window, a handled real-time or deferred contact of a known customer that
   * records no outcome is resolved when the customer does not contact the program again within the window, and
   * resolved at the first contact when, besides, no contact of theirs came in the window before and it was not
   * escalated.
   */
  readonly repeatContactDays: number;
}

export const DEFAULT_SETTINGS: ComponentSettings = {
  serviceLevelThresholdSeconds: 20,
  shortAbandonSeconds: 0,
  cycleTimeSeconds: 24 * 3600,
  satisfiedTopBoxes: 2,
  dissatisfiedBottomBoxes: 1,
  staffingBand: { low: 0.95, high: 1.15 },
  forecastTolerance: { under: 0.1, over: 0.1 },
  complaintResponseSeconds: 2 * 24 * 3600,
  complaintResolutionSeconds: 10 * 24 * 3600,
  costDriver: "transactions-handled",
  repeatContactDays: 0,
};

export interface ComponentGroup {
  /**
   * A query with columns day, program_id, queue_id and the fields the component expressions use, and
   * `agent_id` where each row is one CSS's work (so the metric can be drilled down to agents). A group with a
   * `byDay.horizon` takes that last day of the data as `horizon` (a SQL date) when given, instead of finding it.
   */
  readonly base: (settings: ComponentSettings, horizon?: string) => string;
  /** Component id → aggregate SQL expression over `base`. */
  readonly components: Readonly<Record<string, string>>;
  /**
   * Lets a load recompute only the days it touched (see `updateComponents` in compute.ts). Without it, a change
   * to any table the base reads rebuilds the whole group, which is always right. With it, the group promises
   * that every row of its base comes from rows of `table` alone (read as `c`, joined to reference tables such
   * as queues), so the days a changed row can touch are the days the base gives that row.
   */
  readonly byDay?: DayWise;
}

/** How a group's rows follow the local days of its fact rows: see `ComponentGroup.byDay`. */
export interface DayWise {
  /** The canonical table each base row comes from. */
  readonly table: string;
  /**
   * A condition on `c` that keeps at least every row able to land on a local day from `from` to `to` (SQL
   * dates), so that recomputing a few days reads a few days of rows. Optional: without it the days are cut from
   * a full scan.
   */
  readonly near?: (from: string, to: string) => string;
  /**
   * For groups whose rows run to the end of the data (open backlog items stay late up to its last day): a
   * query of one row, column `day`, giving that last day. A change that moves it touches the days between.
   */
  readonly horizon?: (settings: ComponentSettings) => string;
}

/**
 * A condition keeping the rows whose `instant` can fall on a local day from `from` to `to` in any time zone
 * (offsets run from −12 to +14 hours): a day's margin either side, on the raw column so row groups are skipped.
 */
export const nearDays = (instant: string, from: string, to: string) =>
  `(${instant} >= (CAST(${from} AS TIMESTAMP) AT TIME ZONE 'UTC') - INTERVAL 1 DAY AND ${instant} < (CAST(${to} AS TIMESTAMP) AT TIME ZONE 'UTC') + INTERVAL 2 DAY)`;

/** A count that is unknown (NULL, not stored) when the source never records `field`, rather than a false zero. */
export const measured = (field: string, aggregate: string) =>
  `CASE WHEN count(${field}) = 0 THEN NULL ELSE ${aggregate} END`;

export const n = (x: number) => {
  if (!Number.isFinite(x) || x < 0) throw new Error(`setting must be a non-negative number, got ${x}`);
  return String(x);
};

/** Whether `actual` lies within `low`…`high` times `reference`, bounds included (with a little slack for rounding). */
export const within = (actual: string, reference: string, low: number, high: number) =>
  `(${actual} >= ${n(low)} * ${reference} - 1e-9 AND ${actual} <= ${n(high)} * ${reference} + 1e-9)`;

/**
 * Local calendar day of an instant: days are cut in the row's own time zone. `local_day` is a macro that
 * compute.ts defines before it runs component queries (see `localDayMacro`).
 */
export const localDay = (column: string) => `local_day(${column}, c.time_zone)`;

/**
 * The `local_day(instant, zone)` macro. A time zone conversion whose zone changes from row to row sets the zone
 * up for every row, about ten times the cost of one with a fixed zone; so each zone of `zones` gets a branch with
 * its zone fixed, and any other zone the general conversion. Same result either way.
 */
export const localDayMacro = (zones: readonly string[]) => {
  const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const branches = zones.map((z) => `WHEN ${quote(z)} THEN CAST(timezone(${quote(z)}, instant) AS DATE)`);
  const general = "CAST(timezone(zone, instant) AS DATE)";
  return `CREATE OR REPLACE TEMP MACRO local_day(instant, zone) AS ${
    branches.length ? `CASE zone ${branches.join(" ")} ELSE ${general} END` : general
  }`;
};
