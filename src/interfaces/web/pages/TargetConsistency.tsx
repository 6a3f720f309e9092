/**
 * Target consistency (`/wfm/targets`): whether a real-time queue's service-level and abandonment targets agree
 * (Item 4.3.8). For the queue's month, Erlang A staffs its busiest (or average) interval to the service-level
 * target; the abandonment it predicts there is what that target implies, set beside the abandonment target.
 * The page says the verdict in words, shows every number with where it came from, draws service level and
 * abandonment against agents with both targets marked, and takes "what if" numbers in place of the queue's.
 * Queue, month, basis and the what-if numbers live in the URL; every number is the API's.
 */
import { Alert, Badge, Button, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useEffect, useMemo, useState } from "react";
import { type ConsistencyReport, wfmApi } from "../api.ts";
import { Chart } from "../components/Chart.tsx";
import { QueueSelect, useWfmQueues } from "../components/queues.tsx";
import { Section } from "../components/section.tsx";
import { LoadState } from "../components/status.tsx";
import { formatMonth, formatNumber, formatSeconds, formatShare } from "../format.ts";
import { useQueryState } from "../router.tsx";
import { useApi } from "../use-api.ts";

const SL_COLOUR = "#364fc7";
const ABANDON_COLOUR = "#c92a2a";

/** The what-if fields: URL parameter, label, and whether the form shows it as a percentage of a share. */
const WHAT_IF = [
  { key: "calls", label: "Calls per interval", percent: false },
  { key: "ahtSeconds", label: "Handle time (s)", percent: false },
  { key: "patienceSeconds", label: "Mean patience (s)", percent: false },
  { key: "thresholdSeconds", label: "Service-level threshold (s)", percent: false },
  { key: "serviceLevelTarget", label: "Service-level target (%)", percent: true },
  { key: "abandonmentTarget", label: "Abandonment target (%)", percent: true },
] as const;
type WhatIfKey = (typeof WHAT_IF)[number]["key"];

/** The months from the first day's to the last day's, "YYYY-MM", latest first. */
function monthsBetween(first: string | null, last: string | null): string[] {
  if (!first || !last) return [];
  const out: string[] = [];
  let [y, m] = first.slice(0, 7).split("-").map(Number) as [number, number];
  const end = last.slice(0, 7);
  for (let month = first.slice(0, 7); month <= end; ) {
    out.push(month);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
    month = `${y}-${String(m).padStart(2, "0")}`;
  }
  return out.reverse();
}

function Verdict({ report }: { report: ConsistencyReport }) {
  const r = report.result;
  const { serviceLevelTarget, thresholdSeconds, abandonmentTarget } = report.inputs;
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Badge
          size="lg"
          variant="filled"
          color={r.consistent ? "teal" : "red"}
          leftSection={r.consistent ? "✓" : "✗"}
          data-testid="verdict"
        >
          {r.consistent ? "consistent" : "inconsistent"}
        </Badge>
        <Text fw={600} data-testid="implied">
          {formatShare(serviceLevelTarget.value)} in {formatNumber(thresholdSeconds.value)} s implies{" "}
          {formatShare(r.impliedAbandonment)} abandoned; the target is {formatShare(abandonmentTarget.value)}.
        </Text>
      </Group>
      <Text data-testid="explanation">{report.explanation}</Text>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
        {[
          ["Offered load", `${formatNumber(report.load, 2)} Erlangs`],
          ["Agents for the service level", formatNumber(r.agents)],
          ["Service level with them", formatShare(r.serviceLevel)],
          ["Agents for the abandonment target", formatNumber(r.agentsForAbandonmentTarget)],
          ["Average speed of answer", formatSeconds(r.asaSeconds)],
          ["Occupancy", formatShare(r.occupancy)],
        ].map(([label, value]) => (
          <Stack key={label} gap={0}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text fw={600} className="num" style={{ textAlign: "left" }}>
              {value}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function InputsTable({ report }: { report: ConsistencyReport }) {
  const i = report.inputs;
  const rows: [string, string, string][] = [
    ["Calls per interval", formatNumber(i.calls.value, 1), i.calls.source],
    ["Handle time", formatSeconds(i.ahtSeconds.value), i.ahtSeconds.source],
    ["Mean patience", formatSeconds(i.patienceSeconds.value), i.patienceSeconds.source],
    ["Service-level threshold", `${formatNumber(i.thresholdSeconds.value)} s`, i.thresholdSeconds.source],
    ["Service-level target", formatShare(i.serviceLevelTarget.value), i.serviceLevelTarget.source],
    ["Abandonment target", formatShare(i.abandonmentTarget.value), i.abandonmentTarget.source],
  ];
  return (
    <Table striped aria-label="Numbers the judgement used" data-testid="inputs-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Input</Table.Th>
          <Table.Th className="num">Value</Table.Th>
          <Table.Th>Where it came from</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(([label, value, source]) => (
          <Table.Tr key={label}>
            <Table.Td>{label}</Table.Td>
            <Table.Td className="num">{value}</Table.Td>
            <Table.Td>
              <Text size="sm">{source}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Service level and abandonment by agents (Erlang A), the two targets as horizontal lines, the answers as vertical. */
function CurveChart({ report }: { report: ConsistencyReport }) {
  const option = useMemo(() => {
    const { serviceLevelTarget, abandonmentTarget } = report.inputs;
    const pct = (v: number) => +(v * 100).toFixed(2);
    const vertical = (agents: number, name: string) => ({
      xAxis: agents,
      name,
      label: { formatter: `${name}: ${agents}`, position: "insideEndTop" },
    });
    return {
      grid: { left: 64, right: 32, top: 48, bottom: 56 },
      legend: { top: 0, data: ["Service level", "Abandonment"] },
      tooltip: { trigger: "axis", valueFormatter: (v: number) => `${formatNumber(v, 1)}%` },
      xAxis: { type: "value", name: "Agents", nameLocation: "middle", nameGap: 32, minInterval: 1, scale: true },
      yAxis: { type: "value", name: "% of calls", nameLocation: "middle", nameGap: 44, min: 0, max: 100 },
      series: [
        {
          name: "Service level",
          type: "line",
          data: report.curve.map((p) => [p.agents, pct(p.serviceLevel)]),
          symbolSize: 5,
          lineStyle: { width: 2, color: SL_COLOUR },
          itemStyle: { color: SL_COLOUR },
          markLine: {
            symbol: "none",
            lineStyle: { color: SL_COLOUR, type: "dashed" },
            data: [
              {
                yAxis: pct(serviceLevelTarget.value),
                name: "Service-level target",
                label: { formatter: `SL target ${formatShare(serviceLevelTarget.value)}`, position: "insideStartTop" },
              },
              vertical(report.result.agents, "for SL"),
            ],
          },
        },
        {
          name: "Abandonment",
          type: "line",
          data: report.curve.map((p) => [p.agents, pct(p.abandonment)]),
          symbolSize: 5,
          lineStyle: { width: 2, color: ABANDON_COLOUR },
          itemStyle: { color: ABANDON_COLOUR },
          markLine: {
            symbol: "none",
            lineStyle: { color: ABANDON_COLOUR, type: "dashed" },
            data: [
              {
                yAxis: pct(abandonmentTarget.value),
                name: "Abandonment target",
                label: {
                  formatter: `abandonment target ${formatShare(abandonmentTarget.value)}`,
                  position: "insideEndTop",
                },
              },
              ...(report.result.agentsForAbandonmentTarget !== report.result.agents
                ? [vertical(report.result.agentsForAbandonmentTarget, "for abandonment")]
                : []),
            ],
          },
        },
      ],
    };
  }, [report]);
  return (
    <Chart
      option={option}
      height={340}
      label={`Line chart of service level and abandonment against agents by Erlang A, with the ${formatShare(report.inputs.serviceLevelTarget.value)} service-level and ${formatShare(report.inputs.abandonmentTarget.value)} abandonment targets marked`}
    />
  );
}

/** Numbers typed in place of the queue's own; Apply puts them in the URL, Reset takes them out. */
function WhatIfForm({
  report,
  given,
  onApply,
}: {
  report: ConsistencyReport | undefined;
  given: Partial<Record<WhatIfKey, string>>;
  onApply: (values: Partial<Record<WhatIfKey, string | null>>) => void;
}) {
  const [draft, setDraft] = useState<Partial<Record<WhatIfKey, string | number>>>({});
  // The form starts from the numbers of the answer shown, so a what-if changes one and keeps the rest.
  useEffect(() => {
    if (!report) return;
    setDraft(
      Object.fromEntries(
        WHAT_IF.map(({ key, percent }) => {
          const value = report.inputs[key].value;
          return [key, percent ? +(value * 100).toFixed(2) : +value.toFixed(2)];
        }),
      ),
    );
  }, [report]);
  const apply = () => {
    const out: Partial<Record<WhatIfKey, string | null>> = {};
    for (const { key, percent } of WHAT_IF) {
      const value = draft[key];
      const shown = report
        ? percent
          ? +(report.inputs[key].value * 100).toFixed(2)
          : +report.inputs[key].value.toFixed(2)
        : undefined;
      // Only the numbers changed (or given before) become what-if parameters; the rest stay the queue's own.
      if (value === "" || value === undefined) out[key] = null;
      else if (given[key] !== undefined || Number(value) !== shown) {
        out[key] = String(percent ? Number(value) / 100 : Number(value));
      }
    }
    onApply(out);
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
      aria-label="What if"
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }} maw={900}>
        {WHAT_IF.map(({ key, label, percent }) => (
          <NumberInput
            key={key}
            label={label}
            name={key}
            value={draft[key] ?? ""}
            onChange={(value) => setDraft((d) => ({ ...d, [key]: value }))}
            min={0}
            max={percent ? 99.99 : undefined}
            decimalScale={2}
            description={given[key] !== undefined ? "what if" : "the queue's"}
          />
        ))}
      </SimpleGrid>
      <Group mt="sm">
        <Button type="submit">Apply</Button>
        <Button
          variant="default"
          onClick={() => onApply(Object.fromEntries(WHAT_IF.map(({ key }) => [key, null])))}
          disabled={Object.keys(given).length === 0}
        >
          Back to the queue's numbers
        </Button>
      </Group>
    </form>
  );
}

export function TargetConsistencyPage() {
  const { values, set } = useQueryState();
  const queues = useWfmQueues();
  const { realTime } = queues;
  const queue = values.get("queue") ?? realTime[0]?.id ?? "";
  const chosen = realTime.find((q) => q.id === queue);
  const months = monthsBetween(chosen?.firstDay ?? null, chosen?.lastDay ?? null);
  const month = values.get("month") ?? months[0] ?? "";
  const basis = values.get("basis") ?? "busiest";
  const given = Object.fromEntries(
    WHAT_IF.flatMap(({ key }) => (values.get(key) ? [[key, values.get(key) as string]] : [])),
  ) as Partial<Record<WhatIfKey, string>>;
  const givenKey = JSON.stringify(given);
  const report = useApi(
    (signal) =>
      queue ? wfmApi.targetConsistency({ queue, month, basis, ...given }, signal) : Promise.resolve(undefined),
    [queue, month, basis, givenKey],
  );

  return (
    <Stack>
      <Title order={2}>Target consistency</Title>
      <Text size="sm" c="dimmed" maw={900}>
        Whether a real-time queue's service-level and abandonment targets can both be met as set (4.3.8): Erlang A
        staffs the queue's interval to the service-level target, and the abandonment it predicts there is the one that
        target implies.
      </Text>
      <LoadState loading={queues.loading} error={queues.error} what="the queues">
        {queues.data && realTime.length === 0 ? (
          <Alert title="No real-time queue with calls">Load queues and contacts on the Data page.</Alert>
        ) : (
          queues.data && (
            <SimpleGrid cols={{ base: 1, sm: 3 }} maw={900}>
              <QueueSelect queues={realTime} value={queue} onChange={(q) => set({ queue: q, month: null })} />
              <Select
                label="Month"
                data={months.map((m) => ({ value: m, label: formatMonth(m) }))}
                value={month}
                onChange={(m) => set({ month: m })}
                allowDeselect={false}
              />
              <Select
                label="Interval"
                data={[
                  { value: "busiest", label: "busiest 30 minutes of the month" },
                  { value: "average", label: "average open 30 minutes" },
                ]}
                value={basis}
                onChange={(b) => set({ basis: b === "busiest" ? null : b })}
                allowDeselect={false}
              />
            </SimpleGrid>
          )
        )}
      </LoadState>
      {queue && (
        <>
          <LoadState loading={report.loading} error={report.error} what="the judgement">
            {report.data ? (
              <Stack>
                <Section title="Verdict">
                  <Verdict report={report.data} />
                </Section>
                <Section
                  title="Service level and abandonment by agents"
                  subtitle="Erlang A for the interval's calls, handle time and patience; dashed: the two targets and the agents each needs."
                >
                  <CurveChart report={report.data} />
                </Section>
                <Section
                  title="The numbers used"
                  subtitle="Each from the queue's month or its targets, unless given below."
                >
                  <InputsTable report={report.data} />
                </Section>
              </Stack>
            ) : null}
          </LoadState>
          <Section title="What if" subtitle="Change any number and apply: the verdict above is recomputed with it.">
            <WhatIfForm report={report.data} given={given} onApply={set} />
          </Section>
        </>
      )}
    </Stack>
  );
}
