/**
 * Shift patterns: the kinds of shift a schedule may use — length, the times a shift may start, its breaks and
 * the windows they may fall in, the days an agent works per week, what an hour costs, and how many agents may
 * work it. A patterns file (`--patterns FILE.json`) is `{ "patterns": [ … ] }` in this shape.
 */
import { z } from "zod";

const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time of day written HH:MM, e.g. 07:30")
  .transform((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)));

const minutes = (what: string) => z.number().int(`${what}: whole minutes`).positive(`${what}: above 0`);

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** One break: how long, whether paid, and the window its start may fall in, counted from the shift's start. */
export const breakSchema = z
  .object({
    minutes: minutes("break length"),
    /** Paid breaks count as paid hours; unpaid ones do not. Either way nobody works during them. */
    paid: z.boolean().default(false),
    /** Earliest start, minutes after the shift starts. */
    earliest: z.number().int().nonnegative(),
    /** Latest start, minutes after the shift starts. */
    latest: z.number().int().nonnegative(),
    /** Steps between the break starts tried from `earliest`; default 30. */
    every: minutes("break step").default(30),
  })
  .refine((b) => b.latest >= b.earliest, { message: "a break's latest start comes before its earliest" });

/** Start times: every `every` minutes from `from` to `to` inclusive, or a list of times. */
const startsSchema = z.union([
  z.object({ from: clock, to: clock, every: minutes("start step").default(30) }).transform((s) => {
    if (s.to < s.from) throw new Error("start times: `to` comes before `from`");
    const out: number[] = [];
    for (let t = s.from; t <= s.to; t += s.every) out.push(t);
    return out;
  }),
  z
    .array(clock)
    .nonempty("give at least one start time")
    .transform((ts) => [...new Set(ts)].sort((a, b) => a - b)),
]);

export const patternSchema = z
  .object({
    name: z.string().min(1),
    /** From start to end, breaks included. */
    lengthMinutes: minutes("shift length"),
    /** Minutes after local midnight when the shift may start. */
    starts: startsSchema,
    breaks: z.array(breakSchema).default([]),
    /** Days each agent on the pattern works per week (the rest are days off); used over whole weeks. */
    daysPerWeek: z.number().int().min(1).max(7).default(5),
    /** Weekdays a shift of the pattern may start on; default every day. */
    days: z
      .array(z.enum(WEEKDAYS))
      .nonempty()
      .default([...WEEKDAYS]),
    /** Cost of one paid hour, in any unit shared by the patterns; default 1. */
    costPerHour: z.number().nonnegative().default(1),
    /** At least / at most this many agents on the pattern (over a single day: shifts per day). */
    minAgents: z.number().int().nonnegative().optional(),
    maxAgents: z.number().int().nonnegative().optional(),
  })
  .superRefine((p, ctx) => {
    for (const [i, b] of p.breaks.entries()) {
      if (b.latest + b.minutes > p.lengthMinutes) {
        ctx.addIssue({ code: "custom", path: ["breaks", i], message: "the break may end after the shift does" });
      }
    }
    if (p.minAgents !== undefined && p.maxAgents !== undefined && p.minAgents > p.maxAgents) {
      ctx.addIssue({ code: "custom", path: ["minAgents"], message: "minAgents is above maxAgents" });
    }
  });

export const patternsFileSchema = z.object({ patterns: z.array(patternSchema).nonempty() });

/** A shift pattern as the optimiser reads it: times in minutes, start times after local midnight. */
export type ShiftPattern = z.output<typeof patternSchema>;
/** A shift pattern as written in a patterns file. */
export type ShiftPatternInput = z.input<typeof patternSchema>;

/** Parses and checks patterns written as in a patterns file; throws a ZodError naming the field at fault. */
export function parsePatterns(input: unknown): ShiftPattern[] {
  return patternsFileSchema.parse(input).patterns;
}

/**
 * The patterns used when none are given: a full-time 8.5-hour shift (8 paid hours: two paid 15-minute breaks
 * and an unpaid 30-minute lunch) five days a week, and a part-time 4-hour shift with one paid 15-minute break
 * five days a week at a slightly higher cost per hour. Both may start on the half hour at any time of day.
 */
export const DEFAULT_PATTERNS: readonly ShiftPatternInput[] = [
  {
    name: "full-time",
    lengthMinutes: 510,
    starts: { from: "00:00", to: "23:30", every: 30 },
    breaks: [
      { minutes: 15, paid: true, earliest: 90, latest: 150 },
      { minutes: 30, paid: false, earliest: 210, latest: 270 },
      { minutes: 15, paid: true, earliest: 360, latest: 420 },
    ],
    daysPerWeek: 5,
  },
  {
    name: "part-time",
    lengthMinutes: 240,
    starts: { from: "00:00", to: "23:30", every: 30 },
    breaks: [{ minutes: 15, paid: true, earliest: 90, latest: 150 }],
    daysPerWeek: 5,
    costPerHour: 1.1,
  },
];
