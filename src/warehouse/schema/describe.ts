/**
 * The canonical datasets described for people, in Markdown: what `docs/warehouse-schema.md` holds.
 */
import type { Table } from "./define.ts";
import { DATASETS } from "./tables.ts";

const TYPE_NAMES = {
  text: "text",
  integer: "whole number",
  double: "number",
  boolean: "true/false",
  timestamp: "instant (UTC)",
  date: "date",
  decimal: "decimal",
} as const;

export function describeTable(t: Table): string {
  const rows = Object.entries(t.columns).map(([name, c]) => {
    const notes = [c.description, c.values ? `One of: ${c.values.join(", ")}.` : ""].filter(Boolean).join(" ");
    return `| \`${name}\` | ${TYPE_NAMES[c.type]}${c.unit ? ` (${c.unit})` : ""} | ${c.required ? "required" : "optional"} | ${notes} |`;
  });
  return [
    `## ${t.name}`,
    "",
    t.description,
    "",
    `Natural key: ${t.naturalKey.map((k) => `\`${k}\``).join(" + ")}. Loading a row with the same key replaces it.`,
    "",
    "| column | type | | meaning |",
    "| --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

export function describeSchema(): string {
  return [
    "# Warehouse schema",
    "",
    "The canonical datasets cxpm's importers produce and its metrics read. Generated from",
    "`src/warehouse/schema/tables.ts` by `cxpm schema --markdown`; a test keeps this file in step.",
    "",
    "Instants are stored in UTC together with the location's IANA time zone (`time_zone`); local days, intervals and",
    "months are cut in that zone. Durations are seconds. Every row also records the import `batch_id` that loaded it.",
    "",
    ...Object.values(DATASETS).map((t) => `${describeTable(t)}\n`),
  ].join("\n");
}
