/**
 * Fast timestamp parsing for imports. Luxon takes ~45 µs a value, too slow for millions of rows, so a format
 * is compiled once to a regular expression, and the zone offset is looked up per local hour through Luxon
 * (which stays the authority on time zones and daylight saving).
 */
import { DateTime } from "luxon";

type Field = "year" | "year2" | "month" | "day" | "hour" | "minute" | "second" | "millisecond";

const TOKENS: [string, Field, string][] = [
  ["yyyy", "year", "(\\d{4})"],
  ["yy", "year2", "(\\d{2})"],
  ["MM", "month", "(\\d{2})"],
  ["M", "month", "(\\d{1,2})"],
  ["dd", "day", "(\\d{2})"],
  ["d", "day", "(\\d{1,2})"],
  ["HH", "hour", "(\\d{2})"],
  ["H", "hour", "(\\d{1,2})"],
  ["mm", "minute", "(\\d{2})"],
  ["m", "minute", "(\\d{1,2})"],
  ["ss", "second", "(\\d{2})"],
  ["s", "second", "(\\d{1,2})"],
  ["SSS", "millisecond", "(\\d{3})"],
];

const zones = new Map<string, boolean>();
/** Whether a name is an IANA time zone Luxon knows. */
export function isZone(name: string): boolean {
  let known = zones.get(name);
  if (known === undefined) {
    known = DateTime.local().setZone(name).isValid;
    zones.set(name, known);
  }
  return known;
}

/** Parses text to epoch seconds, or returns undefined when it does not fit. */
export type TimestampParser = (text: string) => number | undefined;

const ISO = "yyyy-MM-dd'T'HH:mm:ss";

/**
 * Compiles a Luxon-style format (tokens yyyy yy MM M dd d HH H mm m ss s SSS; other characters literal,
 * 'quoted' text literal) for timestamps without an offset, read as local time in `zone`. Without a format,
 * ISO 8601: with an offset or Z it is taken as is, without one as local time in `zone`.
 */
export function timestampParser(format: string | undefined, zone: string): TimestampParser {
  if (!isZone(zone)) throw new Error(`"${zone}" is not an IANA time zone`);
  const local = localToEpoch(zone);
  if (format === undefined) {
    const naive = compile(ISO);
    const dateOnly = compile("yyyy-MM-dd");
    return (text) => {
      if (/(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
        const ms = Date.parse(text);
        return Number.isNaN(ms) ? undefined : ms / 1000;
      }
      const fields = naive(text.replace(" ", "T").replace(/\.(\d{3})\d*$/, "")) ?? dateOnly(text);
      return fields && local(fields);
    };
  }
  const match = compile(format);
  return (text) => {
    const fields = match(text);
    return fields && local(fields);
  };
}

type Fields = [year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number];

function compile(format: string): (text: string) => Fields | undefined {
  const order: Field[] = [];
  let pattern = "";
  for (let i = 0; i < format.length; ) {
    if (format[i] === "'") {
      const end = format.indexOf("'", i + 1);
      pattern += escapeRegex(format.slice(i + 1, end < 0 ? undefined : end));
      i = end < 0 ? format.length : end + 1;
      continue;
    }
    const token = TOKENS.find(([t]) => format.startsWith(t, i));
    if (token) {
      order.push(token[1]);
      pattern += token[2];
      i += token[0].length;
    } else {
      pattern += escapeRegex(format[i]!);
      i++;
    }
  }
  const regex = new RegExp(`^${pattern}$`);
  return (text) => {
    const m = regex.exec(text);
    if (!m) return undefined;
    const f: Fields = [1970, 1, 1, 0, 0, 0, 0];
    order.forEach((field, i) => {
      const v = Number(m[i + 1]);
      if (field === "year") f[0] = v;
      else if (field === "year2")
        f[0] = v < 70 ? 2000 + v : 1900 + v; // Luxon's two-digit-year cutoff
      else if (field === "month") f[1] = v;
      else if (field === "day") f[2] = v;
      else if (field === "hour") f[3] = v;
      else if (field === "minute") f[4] = v;
      else if (field === "second") f[5] = v;
      else f[6] = v;
    });
    const [y, mo, d, h, mi, s] = f;
    const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    if (mo < 1 || mo > 12 || d < 1 || d > days || h > 23 || mi > 59 || s > 59) return undefined;
    return f;
  };
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Local wall-clock fields → epoch seconds, with the zone offset cached per local half hour. */
function localToEpoch(zone: string) {
  const offsets = new Map<number, number>();
  return ([y, mo, d, h, mi, s, ms]: Fields): number => {
    const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms);
    const key = Math.floor(wall / 1_800_000);
    let offset = offsets.get(key);
    if (offset === undefined) {
      const dt = DateTime.fromObject({ year: y, month: mo, day: d, hour: h, minute: mi >= 30 ? 30 : 0 }, { zone });
      offset = dt.offset * 60_000;
      offsets.set(key, offset);
    }
    return (wall - offset) / 1000;
  };
}
