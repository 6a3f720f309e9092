/**
 * Numbers for people: every value the UI shows goes through here, so a percentage always reads "85.3%",
 * a duration "35.7 s" or "4:05 min", a count "12,345". Pure functions with an explicit locale, so the
 * end-to-end tests can format an API value the same way and look for it on the page (so this file imports
 * nothing from the browser).
 */
/** The browser's language, or en-US where there is none (Node, in tests). */
export const defaultLocale = (): string =>
  typeof navigator !== "undefined" && navigator.language ? navigator.language : "en-US";

const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, digits: number, min = digits): Intl.NumberFormat {
  const key = `${locale}|${min}|${digits}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: digits });
    formatters.set(key, format);
  }
  return format;
}

/** A plain number with `digits` decimals: 12,345.6. */
export const formatNumber = (value: number, digits = 0, locale = defaultLocale()) =>
  numberFormat(locale, digits).format(value);

/** A share from 0 to 1 as a percentage with one decimal: 0.625 → "62.5%". */
export const formatShare = (share: number | null | undefined, locale = defaultLocale()) =>
  share === null || share === undefined ? "—" : `${numberFormat(locale, 1).format(share * 100)}%`;

/** Seconds: under a minute "35.7 s", then "4:05 min", from an hour "1:02:05 h". */
export function formatSeconds(seconds: number, locale = defaultLocale()): string {
  if (Math.abs(seconds) < 60) return `${numberFormat(locale, 1).format(seconds)} s`;
  const sign = seconds < 0 ? "−" : "";
  const whole = Math.round(Math.abs(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, "0");
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, "0")}:${s} h` : `${sign}${m}:${s} min`;
}

/** A metric value in its unit, as a person reads it. */
export function formatValue(value: number | null | undefined, unit: string, locale = defaultLocale()): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "percent":
      return `${numberFormat(locale, 1).format(value)}%`;
    case "seconds":
      return formatSeconds(value, locale);
    case "minutes":
      return `${numberFormat(locale, 1).format(value)} min`;
    case "hours":
      return `${numberFormat(locale, 1).format(value)} h`;
    case "days":
      return `${numberFormat(locale, 1).format(value)} d`;
    case "count":
      return numberFormat(locale, Number.isInteger(value) ? 0 : 1).format(value);
    case "currency":
      return numberFormat(locale, 2).format(value);
    case "ratio":
      return numberFormat(locale, 2).format(value);
    default:
      return numberFormat(locale, 1).format(value);
  }
}

/** What a unit is called on an axis or next to an input: "%", "s", "count". */
export const unitLabel = (unit: string): string =>
  ({
    percent: "%",
    seconds: "s",
    minutes: "min",
    hours: "h",
    days: "days",
    count: "count",
    currency: "currency units",
    ratio: "ratio",
    score: "score",
  })[unit] ?? unit;

const MONTHS = new Map<string, Intl.DateTimeFormat>();
/** "2026-03" → "Mar 2026". */
export function formatMonth(month: string, locale = defaultLocale()): string {
  const [year, m] = month.split("-").map(Number);
  if (!year || !m) return month;
  let format = MONTHS.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });
    MONTHS.set(locale, format);
  }
  return format.format(new Date(Date.UTC(year, m - 1, 1)));
}

/** An ISO timestamp as a date and time in the reader's zone: "Mar 3, 2026, 14:05". */
export function formatTimestamp(iso: string | null | undefined, locale = defaultLocale()): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** "YYYY-MM-DD" as a date: "Mar 3, 2026". */
export function formatDay(day: string | null | undefined, locale = defaultLocale()): string {
  if (!day) return "—";
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

/** "service" → "Service"; "customer-service" → "Customer service". */
export const humanize = (text: string) => {
  const spaced = text.replaceAll(/[-_]/g, " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
};
