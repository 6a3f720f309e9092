/**
 * Real time (`/wfm/realtime`, 2.5.2): a queue's day as it stood at a moment, for the real-time analyst. The
 * alerts first; then the intraday reforecast (forecast, actual so far, and the rest of the day re-scaled) and
 * the staff per interval (required by the plan and by the reforecast, scheduled, present) with schedule
 * attainment; then each CSS's adherence and whether they are doing now what their schedule says. Queue, day,
 * time and alert threshold live in the URL; by default the busiest real-time queue at the last moment of its
 * data. Every number is the API's.
 */
import { Alert, Badge, Card, Group, List, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { useMemo } from "react";
import { type RealtimeAlert, type RealtimeReport, realtimeApi } from "../api.ts";
import { Chart } from "../components/Chart.tsx";
import { QueueSelect, useWfmQueues } from "../components/queues.tsx";
import { Section } from "../components/section.tsx";
import { LoadState } from "../components/status.tsx";
import { formatDay, formatNumber, formatSeconds, formatShare, humanize } from "../format.ts";
import { useQueryState } from "../router.tsx";
import { useApi } from "../use-api.ts";

const FORECAST_COLOUR = "#e8590c";
const ACTUAL_COLOUR = "#364fc7";
const REFORECAST_COLOUR = "#2b8a3e";
const THRESHOLDS = ["0.05", "0.1", "0.15", "0.2"];
/** Every half hour of the day, as "now". */
const TIMES = Array.from(
  { length: 48 },
  (_, i) => `${String(Math.floor(i / 2)).padStart(2, "0")}:${i % 2 ? "30" : "00"}`,
);

/** Intervals worth showing: expecting half a contact or more (as the API staffs them), staffed or with contacts. */
const shown = (report: RealtimeReport) =>
  report.intervals
    .map((interval, index) => ({ ...interval, index }))
    .filter((i) => i.forecast >= 0.5 || i.scheduled > 0 || (i.actual ?? 0) > 0);

const signed = (share: number) => `${share > 0 ? "+" : ""}${formatShare(share)}`;

/** An alert as the analyst reads it. */
function describe(report: RealtimeReport, alert: RealtimeAlert): { colour: string; text: string } {
  const slot = (i: number) => report.intervals[i]?.time ?? `#${i}`;
  const clock = (seconds: number) =>
    new Date(seconds * 1000).toLocaleTimeString("en-GB", {
      timeZone: report.timeZone,
      hour: "2-digit",
      minute: "2-digit",
    });
  switch (alert.kind) {
    case "volume":
    case "handle-time":
      return {
        colour: "orange",
        text: `${alert.kind === "volume" ? "Volume" : "Handle time"} ${signed(alert.deviation)} against forecast over ${slot(alert.fromInterval)}–${slot(alert.toInterval)} (beyond ±${formatShare(alert.threshold)})`,
      };
    case "understaffed":
      return {
        colour: "red",
        text: `${slot(alert.interval)} understaffed: ${formatNumber(alert.staff, 1)} scheduled, ${alert.required} required by the reforecast`,
      };
    case "out-of-adherence":
      return {
        colour: "grape",
        text: `${alert.agentId} out of adherence ${formatNumber(alert.minutes, 0)} min from ${clock(alert.start)}${alert.ongoing ? ", still" : ` to ${clock(alert.end)}`}`,
      };
  }
}

function Alerts({ report }: { report: RealtimeReport }) {
  if (report.alerts.length === 0) return <Text size="sm">No alert at {report.at}.</Text>;
  return (
    <List spacing={4} size="sm" data-testid="alerts">
      {report.alerts.map((alert, i) => {
        const { colour, text } = describe(report, alert);
        return (
          <List.Item
            // biome-ignore lint/suspicious/noArrayIndexKey: alerts have no id and do not move
            key={i}
            data-kind={alert.kind}
            icon={
              <Badge color={colour} variant="light">
                {humanize(alert.kind)}
              </Badge>
            }
          >
            {text}
          </List.Item>
        );
      })}
    </List>
  );
}

/** Forecast, actual so far and reforecast contacts per interval, with a line at now. */
function ReforecastChart({ report }: { report: RealtimeReport }) {
  const option = useMemo(() => {
    const rows = shown(report);
    const round = (v: number | null) => (v === null ? null : +v.toFixed(2));
    const firstAhead = rows.findIndex((r) => r.phase !== "elapsed");
    return {
      grid: { left: 56, right: 24, top: 40, bottom: 40 },
      legend: { top: 0, data: ["Forecast", "Actual", "Reforecast"] },
      tooltip: { trigger: "axis", valueFormatter: (v: number | null) => (v === null ? "—" : formatNumber(v, 1)) },
      xAxis: { type: "category", data: rows.map((r) => r.time) },
      yAxis: {
        type: "value",
        name: `Contacts per ${report.intervalMinutes} min`,
        nameLocation: "middle",
        nameGap: 40,
      },
      series: [
        {
          name: "Actual",
          type: "bar",
          data: rows.map((r) => r.actual),
          itemStyle: { color: ACTUAL_COLOUR, opacity: 0.7 },
          ...(firstAhead >= 0
            ? {
                markLine: {
                  symbol: "none",
                  label: { formatter: `now ${report.at}` },
                  lineStyle: { color: "#868e96", type: "solid" },
                  data: [{ xAxis: firstAhead }],
                },
              }
            : {}),
        },
        {
          name: "Forecast",
          type: "line",
          data: rows.map((r) => round(r.forecast)),
          symbol: "none",
          lineStyle: { width: 2, type: "dashed", color: FORECAST_COLOUR },
          itemStyle: { color: FORECAST_COLOUR },
        },
        {
          name: "Reforecast",
          type: "line",
          data: rows.map((r) => (r.phase === "elapsed" ? null : round(r.reforecast))),
          symbol: "none",
          lineStyle: { width: 2.5, color: REFORECAST_COLOUR },
          itemStyle: { color: REFORECAST_COLOUR },
        },
      ],
    };
  }, [report]);
  return (
    <Chart
      option={option}
      height={280}
      label={`Chart of forecast, actual and reforecast contacts per interval of ${report.queue}; the interval table has the numbers`}
    />
  );
}

function IntervalTable({ report }: { report: RealtimeReport }) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped aria-label="Staffing and attainment per interval" data-testid="interval-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Interval</Table.Th>
            <Table.Th className="num">Forecast</Table.Th>
            <Table.Th className="num">Actual</Table.Th>
            <Table.Th className="num">Reforecast</Table.Th>
            <Table.Th className="num">AHT</Table.Th>
            <Table.Th className="num" title="agents Erlang C requires for the forecast: the plan">
              Required
            </Table.Th>
            <Table.Th className="num" title="agents Erlang C requires for the reforecast">
              Req. now
            </Table.Th>
            <Table.Th className="num">Scheduled</Table.Th>
            <Table.Th className="num">Present</Table.Th>
            <Table.Th className="num" title="1 − |present − required| / required">
              Attainment
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown(report).map((i) => (
            <Table.Tr key={i.startsAt} data-time={i.time} data-phase={i.phase}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={i.phase === "current" ? 600 : undefined}>
                    {i.time}
                  </Text>
                  {i.phase !== "elapsed" && (
                    <Badge size="xs" variant="light" color={i.phase === "current" ? "blue" : "gray"}>
                      {i.phase}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td className="num">{formatNumber(i.forecast, 1)}</Table.Td>
              <Table.Td className="num">{i.actual ?? ""}</Table.Td>
              <Table.Td className="num">{formatNumber(i.reforecast, 1)}</Table.Td>
              <Table.Td className="num">
                {i.reforecastAhtSeconds === null ? "—" : formatSeconds(i.reforecastAhtSeconds)}
              </Table.Td>
              <Table.Td className="num">{i.requiredForecast}</Table.Td>
              <Table.Td className="num">{i.requiredReforecast}</Table.Td>
              <Table.Td
                className="num"
                c={i.phase !== "elapsed" && i.scheduled < i.requiredReforecast - 0.5 ? "red" : undefined}
              >
                {formatNumber(i.scheduled, 1)}
              </Table.Td>
              <Table.Td className="num">{i.present === null ? "" : formatNumber(i.present, 2)}</Table.Td>
              <Table.Td className="num" c={i.inBand === false ? "orange" : undefined}>
                {formatShare(i.attainment)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AdherenceTable({ report }: { report: RealtimeReport }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label="Adherence per CSS" data-testid="adherence-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>CSS</Table.Th>
            <Table.Th className="num" title="seconds doing the scheduled activity / scheduled seconds">
              Adherence
            </Table.Th>
            <Table.Th className="num" title="per activity: minutes less late or early start and end">
              Deviation method
            </Table.Th>
            <Table.Th className="num">Minutes out</Table.Th>
            <Table.Th>Scheduled now</Table.Th>
            <Table.Th>State now</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.agents.map((a) => (
            <Table.Tr key={a.agentId} data-agent={a.agentId}>
              <Table.Td>{a.agentId}</Table.Td>
              <Table.Td className="num">{formatShare(a.overlap)}</Table.Td>
              <Table.Td className="num">{formatShare(a.deviation)}</Table.Td>
              <Table.Td className="num">{formatNumber(a.outOfAdherenceMinutes, 0)}</Table.Td>
              <Table.Td>{a.scheduledNow ?? "—"}</Table.Td>
              <Table.Td>
                <Badge
                  variant="light"
                  color={a.inAdherenceNow === false ? "red" : a.inAdherenceNow ? "teal" : "gray"}
                  data-testid="state-now"
                >
                  {a.stateNow}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function RealTimePage() {
  const { values, set } = useQueryState();
  const queues = useWfmQueues();
  const queue = values.get("queue") ?? queues.busiest ?? "";
  const day = values.get("day") ?? undefined;
  const at = values.get("at") ?? undefined;
  const threshold = values.get("threshold") ?? "0.1";
  const report = useApi(
    (signal) =>
      queue
        ? realtimeApi.report({ queue, day, at, threshold: threshold === "0.1" ? undefined : threshold }, signal)
        : Promise.resolve(undefined),
    [queue, day, at, threshold],
  );
  const data = report.data;

  return (
    <Stack>
      <Title order={2}>Real time</Title>
      <LoadState loading={queues.loading} error={queues.error} what="the queues">
        {queues.data && queues.withHistory.length === 0 ? (
          <Alert title="No contacts yet">Load queues, contacts, schedules and agent states on the Data page.</Alert>
        ) : (
          queues.data && (
            <SimpleGrid cols={{ base: 1, sm: 4 }} maw={1000}>
              <QueueSelect
                queues={queues.withHistory}
                value={queue}
                onChange={(q) => set({ queue: q, day: null, at: null })}
              />
              <DatePickerInput
                label="Day"
                description="local to the queue"
                value={data?.day ?? day ?? null}
                onChange={(d) => set({ day: d ? String(d).slice(0, 10) : null })}
                valueFormat="MMM D, YYYY"
              />
              <Select
                label="Now"
                description="local time"
                data={[{ value: "", label: "Last data" }, ...TIMES.map((t) => ({ value: t, label: t }))]}
                value={at ?? ""}
                onChange={(t) => set({ at: t || null })}
                allowDeselect={false}
                data-testid="at-select"
              />
              <Select
                label="Alert threshold"
                description="volume and handle time vs forecast"
                data={THRESHOLDS.map((t) => ({ value: t, label: `±${Number(t) * 100}%` }))}
                value={threshold}
                onChange={(t) => set({ threshold: t === "0.1" ? null : t })}
                allowDeselect={false}
              />
            </SimpleGrid>
          )
        )}
      </LoadState>
      {queue && (
        <LoadState loading={report.loading} error={report.error} what="the real-time report">
          {data ? (
            <Stack>
              <Text data-testid="realtime-summary">
                {data.queue} on {formatDay(data.day)} at {data.at} ({data.timeZone}).{" "}
                {formatNumber(data.reforecast.dayForecast, 0)} contacts were forecast for the day (
                {humanize(data.forecastMethod)}); with {formatShare(data.reforecast.arrived)} of the day in and{" "}
                {data.reforecast.ratio === null
                  ? "no volume forecast so far"
                  : `${formatNumber(data.reforecast.ratio, 2)}× the forecast so far`}
                , the reforecast is{" "}
                <Text span fw={600} data-testid="day-reforecast">
                  {formatNumber(data.reforecast.dayReforecast, 0)}
                </Text>{" "}
                (the rest of the day ×{formatNumber(data.reforecast.volumeFactor, 2)}, handle time ×
                {formatNumber(data.reforecast.handleTimeFactor, 2)}).
              </Text>
              <SimpleGrid cols={{ base: 2, sm: 4 }}>
                <Card withBorder padding="sm">
                  <Text size="xs" c="dimmed">
                    Schedule attainment so far
                  </Text>
                  <Text fw={600} data-testid="attainment">
                    {formatShare(data.attainment.deviation)}
                  </Text>
                </Card>
                <Card withBorder padding="sm">
                  <Text size="xs" c="dimmed">
                    Intervals within 95–115%
                  </Text>
                  <Text fw={600}>{formatShare(data.attainment.inBand)}</Text>
                </Card>
                <Card withBorder padding="sm">
                  <Text size="xs" c="dimmed">
                    Adherence (overlap)
                  </Text>
                  <Text fw={600} data-testid="adherence">
                    {formatShare(data.adherence.overlap)}
                  </Text>
                </Card>
                <Card withBorder padding="sm">
                  <Text size="xs" c="dimmed">
                    Adherence (deviation)
                  </Text>
                  <Text fw={600}>{formatShare(data.adherence.deviation)}</Text>
                </Card>
              </SimpleGrid>
              <Section
                title={`Alerts (${data.alerts.length})`}
                subtitle={`Volume or handle time beyond ±${formatShare(data.threshold)} of forecast over the last intervals, intervals ahead scheduled short of the reforecast's requirement, CSSs out of adherence 10 minutes or more.`}
              >
                <Alerts report={data} />
              </Section>
              <Section
                title="Intraday reforecast"
                subtitle="Contacts per interval: the forecast (dashed), the actuals so far (bars), and the rest of the day re-scaled by actual over forecast so far, damped by the share of the day arrived and capped at 0.5–2."
              >
                <ReforecastChart report={data} />
              </Section>
              <Section
                title="Staffing and schedule attainment"
                subtitle={`Agents per interval: required by Erlang C for ${formatShare(data.serviceLevel.target)} within ${data.serviceLevel.thresholdSeconds} s on the forecast (the plan) and on the reforecast, scheduled, and present (logged in a work state, up to now); attainment sets present against the plan's requirement.`}
              >
                <IntervalTable report={data} />
              </Section>
              <Section
                title={`Adherence per CSS (${data.agents.length})`}
                subtitle="Each CSS scheduled for the queue that day, up to now: the share of scheduled time spent on the scheduled activity, the glossary's deviation method, minutes out of adherence, and what they are doing against what the schedule says."
              >
                {data.agents.length ? (
                  <AdherenceTable report={data} />
                ) : (
                  <Text size="sm">No CSS is scheduled for {data.queue} on this day: load agent_schedules.</Text>
                )}
              </Section>
            </Stack>
          ) : null}
        </LoadState>
      )}
    </Stack>
  );
}
