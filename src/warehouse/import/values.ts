/**
 * Turning source text into typed values for a canonical column, or saying what was expected.
 */
import { DateTime } from "luxon";
import type { Column } from "../schema/define.ts";
import { type TimestampParser, timestampParser } from "./timestamps.ts";

/** A typed value ready for staging: text, number, boolean, or epoch seconds for timestamps. */
export type Value = string | number | boolean | null;

export interface ParseOptions {
  /** Luxon format of timestamps (e.g. `yyMMdd H:mm:ss`); ISO 8601 when absent. */
  readonly format?: string;
  /** Zone of timestamps that carry no offset. */
  readonly zone: string;
  /** How durations are written: plain seconds (default) or clock time `H:MM:SS`. */
  readonly duration?: "seconds" | "clock";
}

export type Parsed = { ok: true; value: Value } | { ok: false; expected: string };

const TRUE = new Set(["true", "t", "yes", "y", "1"]);
const FALSE = new Set(["false", "f", "no", "n", "0"]);

const fail = (expected: string): Parsed => ({ ok: false, expected });

const parsers = new Map<string, TimestampParser>();
const parserFor = (format: string | undefined, zone: string) => {
  const key = `${format ?? ""}|${zone}`;
  let parser = parsers.get(key);
  if (!parser) {
    parser = timestampParser(format, zone);
    parsers.set(key, parser);
  }
  return parser;
};

/** Parses a raw source value (already trimmed; empty is null) for a column. */
export function parseValue(raw: unknown, column: Column, options: ParseOptions): Parsed {
  if (raw === null || raw === undefined || raw === "") {
    return column.required ? fail(`a value (${column.type}, required)`) : { ok: true, value: null };
  }
  switch (column.type) {
    case "text": {
      const value = String(raw);
      if (column.values && !column.values.includes(value)) return fail(`one of ${column.values.join(", ")}`);
      return { ok: true, value };
    }
    case "integer":
    case "double":
    case "decimal": {
      const value =
        typeof raw === "number"
          ? raw
          : parseNumber(String(raw), column.unit === "seconds" ? options.duration : undefined);
      if (value === undefined || !Number.isFinite(value)) {
        return fail(column.unit === "seconds" && options.duration === "clock" ? "a duration H:MM:SS" : "a number");
      }
      if (column.type === "integer" && !Number.isInteger(value)) return fail("a whole number");
      return { ok: true, value };
    }
    case "boolean": {
      if (typeof raw === "boolean") return { ok: true, value: raw };
      const text = String(raw).toLowerCase();
      if (TRUE.has(text)) return { ok: true, value: true };
      if (FALSE.has(text)) return { ok: true, value: false };
      return fail("true or false");
    }
    case "timestamp": {
      const seconds = parserFor(options.format, options.zone)(String(raw));
      if (seconds === undefined)
        return fail(options.format ? `a timestamp like ${options.format}` : "an ISO 8601 timestamp");
      return { ok: true, value: seconds };
    }
    case "date": {
      const parsed = DateTime.fromFormat(String(raw), options.format ?? "yyyy-MM-dd", { zone: "UTC" });
      if (!parsed.isValid) return fail(`a date like ${options.format ?? "yyyy-MM-dd"}`);
      return { ok: true, value: parsed.toISODate() };
    }
  }
}

function parseNumber(text: string, duration?: "seconds" | "clock"): number | undefined {
  if (duration === "clock") {
    const match = text.match(/^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/);
    if (!match) return undefined;
    return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]);
  }
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : undefined;
}
