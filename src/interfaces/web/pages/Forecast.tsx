/**
 * Forecast (`/wfm/forecast`): the workforce manager's forecast of a queue against what happened. For the days
 * picked, contacts and handle time per interval forecast from the history before them (the method of lowest
 * backtest WAPE), drawn beside the actuals; the backtest score of every method; and the error of each day.
 * Queue, days and interval length live in the URL; by default the busiest queue's last week of history, so the
 * forecast meets its actuals out of the box. Every number is the API's.
 */
import { Alert, Badge, Group, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { useEffect, useMemo, useState } from "react";
import { type ForecastVsActual, wfmApi } from "../api.ts";
import { Chart } from "../components/Chart.tsx";
import { QueueSelect, useWfmQueues } from "../components/queues.tsx";
import { Section } from "../components/section.tsx";
import { LoadState } from "../components/status.tsx";
import { formatDay, formatNumber, formatSeconds, formatShare, humanize } from "../format.ts";
import { useQueryState } from "../router.tsx";
import { useApi } from "../use-api.ts";

/** The longest span the API forecasts at once. */
const MAX_DAYS = 62;
const INTERVALS = ["15", "30", "60"];
const FORECAST_COLOUR = "#e8590c";
const ACTUAL_COLOUR = "#364fc7";

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
const daysBetween = (from: string, to: string) => Math.round(dayNumber(to) - dayNumber(from));
const weekday = (day: string) =>
  new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));

/** Forecast and actual of one measure over every interval of the days shown, as two lines. */
function IntervalChart({
  report,
  measure,
  label,
}: {
  report: ForecastVsActual;
  measure: "contacts" | "ahtSeconds";
  label: string;
}) {
  const option = useMemo(() => {
    const categories = report.days.flatMap((d) => report.slots.map((s) => `${weekday(d.day)} ${d.day.slice(5)} ${s}`));
    const round = (v: number | null | undefined) =>
      v === null || v === undefined ? null : +v.toFixed(measure === "contacts" ? 2 : 1);
    const format = (v: number | null | undefined) =>
      v === null || v === undefined ? "—" : measure === "contacts" ? formatNumber(v, 1) : formatSeconds(v);
    const perDay = report.slots.length;
    return {
      grid: { left: 64, right: 24, top: 40, bottom: 56 },
      legend: { top: 0, data: ["Forecast", "Actual"] },
      tooltip: { trigger: "axis", valueFormatter: format },
      xAxis: {
        type: "category",
        data: categories,
        boundaryGap: false,
        // One label a day, at midnight: the day's name and date.
        axisLabel: { interval: perDay - 1, formatter: (v: string) => v.slice(0, 9) },
        axisTick: { interval: perDay - 1 },
      },
      yAxis: {
        type: "value",
        name: measure === "contacts" ? `Contacts per ${report.intervalMinutes} min` : "Handle time (s)",
        nameLocation: "middle",
        nameGap: 46,
      },
      series: [
        {
          name: "Forecast",
          type: "line",
          data: report.days.flatMap((d) => d.forecast[measure].map(round)),
          symbol: "none",
          lineStyle: { width: 2, type: "dashed", color: FORECAST_COLOUR },
          itemStyle: { color: FORECAST_COLOUR },
        },
        {
          name: "Actual",
          type: "line",
          data: report.days.flatMap((d) => (d.actual ? d.actual[measure].map(round) : report.slots.map(() => null))),
          symbol: "none",
          lineStyle: { width: 1.5, color: ACTUAL_COLOUR },
          itemStyle: { color: ACTUAL_COLOUR },
          connectNulls: false,
        },
      ],
    };
  }, [report, measure]);
  return <Chart option={option} height={300} label={label} />;
}

function MethodsTable({ report }: { report: ForecastVsActual }) {
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table striped aria-label="Backtest of every method" data-testid="methods-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Method</Table.Th>
            <Table.Th className="num">WAPE</Table.Th>
            <Table.Th className="num">MAPE</Table.Th>
            <Table.Th
              className="num"
              title="this method's WAPE over the seasonal naive (week) method's; under 1 beats it"
            >
              vs naive
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.backtest.scores.map((s) => (
            <Table.Tr key={s.method} data-method={s.method} data-chosen={s.method === report.method || undefined}>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" fw={s.method === report.method ? 600 : undefined}>
                    {humanize(s.method)}
                  </Text>
                  {s.method === report.method && (
                    <Badge color="teal" variant="light" leftSection="✓">
                      chosen
                    </Badge>
                  )}
                </Group>
                {s.error && (
                  <Text size="xs" c="dimmed">
                    {s.error}
                  </Text>
                )}
              </Table.Td>
              <Table.Td className="num">{formatShare(s.wape)}</Table.Td>
              <Table.Td className="num">{formatShare(s.mape)}</Table.Td>
              <Table.Td className="num">{s.wapeVsBaseline === null ? "—" : formatNumber(s.wapeVsBaseline, 2)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function DaysTable({ report }: { report: ForecastVsActual }) {
  return (
    <Table striped aria-label="Forecast error per day" data-testid="days-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Day</Table.Th>
          <Table.Th className="num">Forecast</Table.Th>
          <Table.Th className="num">Actual</Table.Th>
          <Table.Th className="num">WAPE</Table.Th>
          <Table.Th className="num">MAPE</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.days.map((d) => (
          <Table.Tr key={d.day} data-day={d.day}>
            <Table.Td>
              {weekday(d.day)} {formatDay(d.day)}
            </Table.Td>
            <Table.Td className="num">{formatNumber(d.totals.forecast, 1)}</Table.Td>
            <Table.Td className="num">{d.totals.actual === null ? "—" : formatNumber(d.totals.actual)}</Table.Td>
            <Table.Td className="num" data-testid="day-wape">
              {formatShare(d.error?.wape)}
            </Table.Td>
            <Table.Td className="num">{formatShare(d.error?.mape)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The days forecast, as a range picked in a calendar; reported once both ends are chosen. */
function DaysPicker({
  from,
  to,
  onChange,
}: {
  from: string | undefined;
  to: string | undefined;
  onChange: (from: string, days: number) => void;
}) {
  // The picker holds the half-chosen range itself; the forecast shown sets it whole.
  const [range, setRange] = useState<[string | null, string | null]>([from ?? null, to ?? null]);
  useEffect(() => setRange([from ?? null, to ?? null]), [from, to]);
  return (
    <DatePickerInput
      type="range"
      label="Days forecast"
      description={`up to ${MAX_DAYS} days; the history before the first is the forecast's`}
      value={range}
      onChange={([start, end]) => {
        setRange([start, end]);
        if (start && end) onChange(start.slice(0, 10), Math.min(MAX_DAYS, daysBetween(start, end) + 1));
      }}
      allowSingleDateInRange
      valueFormat="MMM D, YYYY"
    />
  );
}

export function ForecastPage() {
  const { values, set } = useQueryState();
  const queues = useWfmQueues();
  const queue = values.get("queue") ?? queues.busiest ?? "";
  const from = values.get("from") ?? undefined;
  const days = values.get("days") ?? undefined;
  const interval = values.get("interval") ?? "30";
  const report = useApi(
    (signal) => (queue ? wfmApi.forecast({ queue, from, days, interval }, signal) : Promise.resolve(undefined)),
    [queue, from, days, interval],
  );
  const data = report.data;

  return (
    <Stack>
      <Title order={2}>Forecast vs actual</Title>
      <LoadState loading={queues.loading} error={queues.error} what="the queues">
        {queues.data && queues.withHistory.length === 0 ? (
          <Alert title="No contacts to forecast from">Load queues and contacts on the Data page.</Alert>
        ) : (
          queues.data && (
            <SimpleGrid cols={{ base: 1, sm: 3 }} maw={900}>
              <QueueSelect
                queues={queues.withHistory}
                value={queue}
                onChange={(q) => set({ queue: q, from: null, days: null })}
              />
              <DaysPicker
                from={data?.from}
                to={data?.to}
                onChange={(first, span) => set({ from: first, days: String(span) })}
              />
              <Select
                label="Interval"
                data={INTERVALS.map((m) => ({ value: m, label: `${m} minutes` }))}
                value={interval}
                onChange={(m) => set({ interval: m === "30" ? null : m })}
                allowDeselect={false}
              />
            </SimpleGrid>
          )
        )}
      </LoadState>
      {queue && (
        <LoadState loading={report.loading} error={report.error} what="the forecast">
          {data ? (
            <Stack>
              <Text data-testid="forecast-summary">
                {humanize(data.method)} forecast of {data.queue} for {formatDay(data.from)} to {formatDay(data.to)},
                made from {formatDay(data.history.from)} to {formatDay(data.history.to)} ({data.timeZone} local time).
                Against the actuals:{" "}
                {data.error ? (
                  <Text span fw={600} data-testid="overall-error">
                    WAPE {formatShare(data.error.wape)}, MAPE {formatShare(data.error.mape)}
                  </Text>
                ) : (
                  "none yet — the days lie after the history"
                )}
                .
              </Text>
              <Section
                title="Contacts per interval"
                subtitle={`Forecast (dashed) and actual contacts per ${data.intervalMinutes}-minute interval, ${data.kind === "real-time" ? "offered" : "arrived"}.`}
              >
                <IntervalChart
                  report={data}
                  measure="contacts"
                  label={`Line chart of forecast and actual contacts per interval of ${data.queue}; the day table below has the totals`}
                />
              </Section>
              <Section
                title="Average handle time per interval"
                subtitle="Forecast per weekday and interval from the history's handle time, against the actual average of contacts handled."
              >
                {data.days.some((d) => d.forecast.ahtSeconds.some((v) => v !== null)) ? (
                  <IntervalChart
                    report={data}
                    measure="ahtSeconds"
                    label={`Line chart of forecast and actual average handle time per interval of ${data.queue}`}
                  />
                ) : (
                  <Text size="sm">
                    No contact of {data.queue} was handled by a person in the history: no handle time.
                  </Text>
                )}
              </Section>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <Section
                  title="Methods"
                  subtitle={`Each method fitted to the history and scored on its last ${data.backtest.holdoutDays} days (from ${formatDay(data.backtest.holdoutFirstDay)}); the lowest WAPE is chosen. "vs naive": WAPE over the seasonal naive (week) method's.`}
                >
                  <MethodsTable report={data} />
                </Section>
                <Section
                  title="Error per day"
                  subtitle="Contacts forecast and arrived per day, and the error by interval."
                >
                  <DaysTable report={data} />
                </Section>
              </SimpleGrid>
              <Group gap="xs">
                <Text size="xs" c="dimmed">
                  WAPE = Σ|actual − forecast| / Σ actual over the intervals; MAPE = mean of |actual − forecast| / actual
                  over intervals with contacts.
                </Text>
              </Group>
            </Stack>
          ) : null}
        </LoadState>
      )}
    </Stack>
  );
}
