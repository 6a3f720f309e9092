/**
 * Inputs shared by the pages: a scope (entity, region, location, service, program) and a range of months.
 * Scopes are passed around as "level:id" so that one Select can hold them all.
 */
import { Select } from "@mantine/core";
import { MonthPickerInput } from "@mantine/dates";
import type { ScopeRef } from "../api.ts";
import { formatMonth, humanize } from "../format.ts";

export const scopeKey = (scope: { level: string; id: string }) => `${scope.level}:${scope.id}`;

export function parseScopeKey(key: string | null | undefined): { level: string; id: string } | undefined {
  if (!key) return undefined;
  const at = key.indexOf(":");
  return at > 0 ? { level: key.slice(0, at), id: key.slice(at + 1) } : undefined;
}

const LEVEL_ORDER = ["entity", "region", "location", "service", "program", "queue"];

/** One Select over every scope, grouped by level. */
export function ScopeSelect({
  scopes,
  value,
  onChange,
  label = "Scope",
  levels = LEVEL_ORDER,
  clearable = false,
  error,
  w = 280,
}: {
  scopes: readonly ScopeRef[];
  value: string | null;
  onChange: (key: string | null) => void;
  label?: string;
  levels?: readonly string[];
  clearable?: boolean;
  error?: string | undefined;
  w?: number | string;
}) {
  const data = LEVEL_ORDER.filter((level) => levels.includes(level))
    .map((level) => ({
      group: humanize(level),
      items: scopes
        .filter((s) => s.level === level)
        .map((s) => ({ value: scopeKey(s), label: s.level === "entity" ? `${s.name} (entity)` : s.name })),
    }))
    .filter((g) => g.items.length);
  return (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable={clearable}
      allowDeselect={false}
      nothingFoundMessage="no such scope"
      error={error}
      w={w}
    />
  );
}

/** "2026-03" ↔ the "2026-03-01" the month picker holds. */
const toPicker = (month: string | null | undefined) => (month ? `${month}-01` : null);
const fromPicker = (date: string | Date | null) =>
  date === null ? undefined : (typeof date === "string" ? date : date.toISOString()).slice(0, 7);

/** Labels for the month picker's controls, for screen readers and tests: "Previous year", "May 2026". */
export const MONTH_PICKER = {
  previousLabel: "Previous year",
  nextLabel: "Next year",
  getMonthControlProps: (date: string) => ({
    "aria-label": formatMonth(date.slice(0, 7)),
    "data-month": date.slice(0, 7),
  }),
} as const;

/** A range of months (first and last), either end may be left open. */
export function MonthRange({
  from,
  to,
  onChange,
  label = "Months",
}: {
  from: string | undefined;
  to: string | undefined;
  onChange: (range: { from: string | undefined; to: string | undefined }) => void;
  label?: string;
}) {
  return (
    <MonthPickerInput
      type="range"
      label={label}
      placeholder="the last 12 months with data"
      value={[toPicker(from), toPicker(to)]}
      onChange={([start, end]) => {
        // A range is reported once both ends are chosen (or cleared).
        if (start && !end) return;
        onChange({ from: fromPicker(start), to: fromPicker(end) });
      }}
      valueFormat="MMM YYYY"
      {...MONTH_PICKER}
      clearable
      allowSingleDateInRange
      w={240}
    />
  );
}
