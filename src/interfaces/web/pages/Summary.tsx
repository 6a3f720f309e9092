/**
 * Performance Summary Table (`/summary`): metrics as rows, grouped by item 4.1–4.5 and category; months as
 * columns, each cell the value against its target, met or not (a symbol and a colour) and the
 * sustained-improvement marker; per row the months met and whether targeted levels are met. Filters live in the
 * URL's query string, with the same names the API takes, so a view can be bookmarked and exported as it is.
 */
import { Anchor, Button, Group, Select, Stack, Switch, Table, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { Fragment, memo, useDeferredValue, useEffect, useMemo, useRef } from "react";
import { api, type Direction, type SummaryCell, type SummaryQuery, type SummaryRow } from "../api.ts";
import { MonthRange, parseScopeKey, ScopeSelect, scopeKey } from "../components/filters.tsx";
import { LoadState, MeetingBadge } from "../components/status.tsx";
import { formatDay, formatMonth, formatNumber, formatValue, humanize } from "../format.ts";
import { Link, useQueryState } from "../router.tsx";
import { useApi } from "../use-api.ts";

const comparison = (direction: Direction) => (direction === "lower" ? "≤" : direction === "higher" ? "≥" : "");

/** The detail page of a row: the metric at its program, or at the entity. */
export const rowHref = (row: Pick<SummaryRow, "metric" | "program">) =>
  `/metrics/${encodeURIComponent(row.metric)}${row.program ? `?scopeLevel=program&scopeId=${encodeURIComponent(row.program.id)}` : ""}`;

function Cell({ cell, row }: { cell: SummaryCell; row: SummaryRow }) {
  const met = cell.met === null ? undefined : cell.met ? "met" : "not-met";
  const state = cell.met === null ? "not evaluated" : cell.met ? "met" : "not met";
  const basis =
    cell.n !== undefined
      ? ` · n = ${formatNumber(cell.n)}, 95% interval ${formatValue(cell.lower, row.unit)} – ${formatValue(cell.upper, row.unit)}`
      : "";
  return (
    <Table.Td
      className="summary-cell"
      data-met={met}
      data-period={cell.period}
      title={`${formatMonth(cell.period)}: ${formatValue(cell.value, row.unit)}, target ${formatValue(cell.target, row.unit)}, ${state}${cell.improving ? ", improving" : ""}${basis}`}
    >
      <Group gap={4} wrap="nowrap" justify="flex-end">
        <Text span size="sm" fw={600} className="num" data-testid="value">
          {formatValue(cell.value, row.unit)}
        </Text>
        {cell.met !== null && (
          <Text span size="sm" fw={700} c={cell.met ? "teal.8" : "red.8"} aria-label={state}>
            {cell.met ? "✓" : "✗"}
          </Text>
        )}
      </Group>
      <Group gap={4} wrap="nowrap" justify="flex-end">
        {cell.improving && (
          <Text span size="xs" c="yellow.9" fw={700} aria-label="improving">
            ↗
          </Text>
        )}
        <Text span size="xs" c="dimmed" className="num">
          {cell.target === null ? "no target" : `${comparison(row.direction)} ${formatValue(cell.target, row.unit)}`}
        </Text>
      </Group>
    </Table.Td>
  );
}

// Memoised: typing in the search re-renders the table, not each of its hundreds of rows.
const Row = memo(function Row({ row, shown }: { row: SummaryRow; shown: ReadonlySet<string> }) {
  return (
    <Table.Tr data-key={row.key}>
      <Table.Td className="sticky-col" miw={260} maw={300}>
        <Anchor component={Link} href={rowHref(row)} size="sm" fw={600}>
          {row.name}
        </Anchor>
        <Text size="xs" c="dimmed">
          {row.program ? row.program.name : "entity"} · {row.metric}
          {row.benchmark !== null
            ? ` · benchmark ${comparison(row.direction)} ${formatValue(row.benchmark, row.unit)}`
            : ""}
        </Text>
      </Table.Td>
      {row.cells
        .filter((cell) => shown.has(cell.period))
        .map((cell) => (
          <Cell key={cell.period} cell={cell} row={row} />
        ))}
      <Table.Td className="num" data-testid="months-met">
        {formatNumber(row.met)} of {formatNumber(row.evaluated)}
      </Table.Td>
      <Table.Td miw={170}>
        <MeetingBadge meeting={row.meeting} improving={row.improving} />
      </Table.Td>
    </Table.Tr>
  );
});

/** Rows grouped by item, then by category, in the order the API gives them. */
function groups(rows: readonly SummaryRow[]) {
  const items = new Map<string, { name: string; categories: Map<string, SummaryRow[]> }>();
  for (const row of rows) {
    let item = items.get(row.item);
    if (!item) {
      item = { name: row.itemName, categories: new Map() };
      items.set(row.item, item);
    }
    item.categories.set(row.category, [...(item.categories.get(row.category) ?? []), row]);
  }
  return [...items].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }));
}

/**
 * The months from the first one in which any row has a value: a window reaching back before the data began
 * would otherwise open with empty columns.
 */
export function monthsWithData(periods: readonly string[], rows: readonly SummaryRow[]): string[] {
  const first = periods.findIndex((period) =>
    rows.some((r) => r.cells.some((c) => c.period === period && c.value !== null)),
  );
  return first < 0 ? [...periods] : periods.slice(first);
}

function SummaryTable({ periods, rows }: { periods: readonly string[]; rows: readonly SummaryRow[] }) {
  const columns = periods.length + 3;
  const shown = useMemo(() => new Set(periods), [periods]);
  // The latest months matter most: a table wider than the screen opens scrolled to its right end (the metric
  // column stays in place).
  const scroller = useRef<HTMLDivElement>(null);
  const latest = periods.at(-1);
  useEffect(() => {
    if (latest && scroller.current) scroller.current.scrollLeft = scroller.current.scrollWidth;
  }, [latest]);
  return (
    <div ref={scroller} style={{ overflowX: "auto" }} data-testid="summary-scroller">
      <Table
        withTableBorder
        withColumnBorders
        miw={400 + periods.length * 100}
        className="sticky-table"
        aria-label="Performance Summary Table"
        data-testid="summary-table"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th className="sticky-col">Metric</Table.Th>
            {periods.map((p) => (
              <Table.Th key={p} className="num" scope="col">
                {formatMonth(p)}
              </Table.Th>
            ))}
            <Table.Th className="num">Months met</Table.Th>
            <Table.Th>Targeted levels (3 of 4)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups(rows).map(([item, { name, categories }]) => (
            <Fragment key={item}>
              <Table.Tr bg="indigo.0">
                <Table.Th colSpan={columns} scope="colgroup">
                  <Text fw={700} size="sm" className="sticky-label">
                    {item} {name}
                  </Text>
                </Table.Th>
              </Table.Tr>
              {[...categories].map(([category, list]) => (
                <Fragment key={category}>
                  <Table.Tr>
                    <Table.Th colSpan={columns} scope="colgroup" fw={600} c="dimmed" fz="xs" tt="uppercase">
                      <span className="sticky-label">{humanize(category)}</span>
                    </Table.Th>
                  </Table.Tr>
                  {list.map((row) => (
                    <Row key={row.key} row={row} shown={shown} />
                  ))}
                </Fragment>
              ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

export function SummaryPage() {
  const { values, set } = useQueryState();
  const query: SummaryQuery = {
    from: values.get("from") ?? undefined,
    to: values.get("to") ?? undefined,
    scopeLevel: values.get("scopeLevel") ?? undefined,
    scopeId: values.get("scopeId") ?? undefined,
    channel: values.get("channel") ?? undefined,
    program: values.get("program") ?? undefined,
  };
  const onlyFailing = values.get("failing") === "1";
  const search = values.get("q") ?? "";
  const deferredSearch = useDeferredValue(search);
  const { data, error, loading } = useApi(
    (signal) => api.summary(query, signal),
    [query.from, query.to, query.scopeLevel, query.scopeId, query.channel, query.program],
  );
  const rows = useMemo(() => {
    const words = deferredSearch.toLowerCase().split(/\s+/).filter(Boolean);
    return (data?.rows ?? []).filter(
      (r) =>
        (!onlyFailing || !r.meeting) &&
        words.every((w) => `${r.name} ${r.metric} ${r.program?.name ?? ""}`.toLowerCase().includes(w)),
    );
  }, [data, onlyFailing, deferredSearch]);
  const entity = data?.filters.scopes.find((s) => s.level === "entity");
  const scopeValue =
    query.scopeLevel && query.scopeLevel !== "entity" && query.scopeId
      ? scopeKey({ level: query.scopeLevel, id: query.scopeId })
      : entity
        ? scopeKey(entity)
        : null;
  const meeting = rows.filter((r) => r.meeting).length;
  const periods = useMemo(() => (data ? monthsWithData(data.periods, data.rows) : []), [data]);
  const hidden = (data?.periods.length ?? 0) - periods.length;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Performance summary</Title>
          <Text size="sm" c="dimmed">
            Each cell: the month's value, ✓ met or ✗ not met, and the target (≥ higher is better, ≤ lower is better); ↗
            marks sustained improvement.
            {data?.asOf ? ` Judged as of ${formatDay(data.asOf)}.` : ""}
          </Text>
        </div>
        <Group gap="xs">
          <Button component="a" href={api.summaryExport(query, "csv")} variant="default" download>
            Export CSV
          </Button>
          <Button component="a" href={api.summaryExport(query, "xlsx")} variant="default" download>
            Export XLSX
          </Button>
        </Group>
      </Group>
      <Group align="flex-end" gap="sm">
        <ScopeSelect
          scopes={data?.filters.scopes ?? []}
          value={scopeValue}
          onChange={(key) => {
            const scope = parseScopeKey(key);
            set({
              scopeLevel: scope && scope.level !== "entity" ? scope.level : undefined,
              scopeId: scope && scope.level !== "entity" ? scope.id : undefined,
            });
          }}
        />
        <MonthRange from={query.from} to={query.to} onChange={(range) => set(range)} />
        <Select
          label="Channel"
          placeholder="all channels"
          data={(data?.filters.channels ?? []).map((c) => ({ value: c, label: humanize(c) }))}
          value={query.channel ?? null}
          onChange={(channel) => set({ channel })}
          clearable
          w={170}
        />
        <Select
          label="Program"
          placeholder="all programs"
          data={(data?.filters.programs ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={query.program ?? null}
          onChange={(program) => set({ program })}
          clearable
          searchable
          w={220}
        />
        <TextInput
          label="Find a metric"
          placeholder="name or id"
          value={search}
          onChange={(event) => set({ q: event.currentTarget.value })}
          w={180}
        />
        <Switch
          label="Only rows not meeting"
          checked={onlyFailing}
          onChange={(event) => set({ failing: event.currentTarget.checked ? "1" : undefined })}
          mb={8}
        />
      </Group>
      <LoadState loading={loading} error={error} what="the Performance Summary Table">
        {data ? (
          <>
            <Group gap="lg">
              <Text size="sm">
                <b>{formatNumber(rows.length)}</b> rows ·{" "}
                <Tooltip label="rows meeting targeted performance levels: target met in at least 3 of 4 months">
                  <span>
                    <b data-testid="rows-meeting">{formatNumber(meeting)}</b> meeting targeted levels
                  </span>
                </Tooltip>{" "}
                · {formatMonth(periods[0] ?? "")} – {formatMonth(periods.at(-1) ?? "")}
                {hidden > 0 ? ` (${hidden} earlier month${hidden === 1 ? "" : "s"} without data not shown)` : ""}
              </Text>
              {loading && (
                <Text size="sm" c="dimmed">
                  updating…
                </Text>
              )}
            </Group>
            {rows.length ? (
              <SummaryTable periods={periods} rows={rows} />
            ) : (
              <Text>No metric matches these filters.</Text>
            )}
          </>
        ) : null}
      </LoadState>
    </Stack>
  );
}
