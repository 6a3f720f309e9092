/**
 * Metric detail (`/metrics/:id`): one metric at one scope. The trend against the target line and the
 * benchmark, with the 95% confidence band for sampled metrics; the components and sample sizes behind every
 * point; the same metric for each program and queue within the scope; and the catalog's definition.
 */
import { Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useMemo } from "react";
import {
  type AgentValue,
  api,
  type CatalogMetric,
  type DetailPoint,
  type MetricDetail,
  type Organisation,
  type ScopeRef,
} from "../api.ts";
import { Chart } from "../components/Chart.tsx";
import { MonthRange, parseScopeKey, ScopeSelect, scopeKey } from "../components/filters.tsx";
import { LoadState, MetMark } from "../components/status.tsx";
import { formatMonth, formatNumber, formatValue, humanize, unitLabel } from "../format.ts";
import { Link, useQueryState } from "../router.tsx";
import { useApi } from "../use-api.ts";

/** Every scope a metric can be looked at: the entity, regions, locations, services, programs. */
export function scopesOf(org: Organisation | undefined): ScopeRef[] {
  if (!org) return [];
  return [
    ...org.entities.map((e) => ({ level: "entity" as const, id: e.id, name: e.name })),
    ...org.regions.map((r) => ({ level: "region" as const, id: r.id, name: r.name })),
    ...org.locations.map((l) => ({ level: "location" as const, id: l.id, name: l.name })),
    ...org.services.map((s) => ({ level: "service" as const, id: s.id, name: s.name })),
    ...org.programs.map((p) => ({ level: "program" as const, id: p.id, name: p.name })),
    ...org.queues.map((q) => ({ level: "queue" as const, id: q.id, name: q.name ?? q.id })),
  ];
}

const BAND = "95% confidence interval";

/**
 * A y-axis holding every value, target and benchmark with a little room, so that a target line at the edge of
 * the data is not drawn on the axis: about five ticks at a step of 1, 2 or 5 × 10ⁿ, the ends on the ticks;
 * percentages stay within 0–100.
 */
function axisRange(
  values: readonly (number | null | undefined)[],
  ceiling?: number,
): { min?: number; max?: number; interval?: number } {
  const known = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (!known.length) return {};
  const low = Math.min(...known);
  const high = Math.max(...known);
  const pad = (high - low || Math.abs(high) || 1) * 0.1;
  const raw = (high - low + 2 * pad) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const interval = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  let min = Math.floor((low - pad) / interval) * interval;
  let max = Math.ceil((high + pad) / interval) * interval;
  if (low >= 0) min = Math.max(0, min);
  if (ceiling !== undefined && high <= ceiling) max = Math.min(ceiling, max);
  return { min, max, interval };
}

const round = (value: number | null | undefined) => (value === null || value === undefined ? null : +value.toFixed(3));

function TrendChart({ detail }: { detail: MetricDetail }) {
  const { metric, points, benchmark } = detail;
  const option = useMemo(() => {
    const sampled = points.some((p) => p.lower !== undefined && p.upper !== undefined);
    const axisUnit = unitLabel(metric.unit);
    const format = (v: number) => formatValue(v, metric.unit);
    const range = axisRange(
      [...points.flatMap((p) => [p.value, p.target, p.lower, p.upper]), benchmark],
      metric.unit === "percent" ? 100 : undefined,
    );
    return {
      grid: { left: 72, right: 32, top: 48, bottom: 56 },
      legend: { top: 0, data: ["Value", "Target", ...(sampled ? [BAND] : [])] },
      tooltip: {
        trigger: "axis",
        valueFormatter: (v: number | null) => (v === null || v === undefined ? "—" : format(v)),
      },
      xAxis: {
        type: "category",
        data: points.map((p) => formatMonth(p.period)),
        name: "Month",
        nameLocation: "middle",
        nameGap: 32,
        boundaryGap: false,
      },
      yAxis: {
        type: "value",
        name: `${metric.name} (${axisUnit})`,
        nameLocation: "middle",
        nameGap: 52,
        ...range,
      },
      series: [
        ...(sampled
          ? [
              {
                name: "95% interval (low)",
                type: "line",
                data: points.map((p) => round(p.lower)),
                stack: "interval",
                lineStyle: { opacity: 0 },
                symbol: "none",
                tooltip: { show: false },
                silent: true,
              },
              {
                name: BAND,
                itemStyle: { color: "rgba(76, 110, 245, 0.3)" },
                type: "line",
                data: points.map((p) =>
                  p.lower === undefined || p.upper === undefined ? null : round(p.upper - p.lower),
                ),
                stack: "interval",
                lineStyle: { opacity: 0 },
                areaStyle: { color: "rgba(76, 110, 245, 0.15)" },
                symbol: "none",
                tooltip: { show: false },
                silent: true,
              },
            ]
          : []),
        {
          name: "Value",
          type: "line",
          data: points.map((p) => round(p.value)),
          symbolSize: 7,
          lineStyle: { width: 2, color: "#364fc7" },
          itemStyle: { color: "#364fc7" },
          connectNulls: false,
          ...(benchmark !== null
            ? {
                markLine: {
                  symbol: "none",
                  label: { formatter: `benchmark ${format(benchmark)}`, position: "insideEndTop" },
                  lineStyle: { color: "#868e96", type: "dotted", width: 2 },
                  data: [{ yAxis: benchmark, name: "Benchmark" }],
                },
              }
            : {}),
        },
        {
          name: "Target",
          type: "line",
          step: "middle",
          data: points.map((p) => round(p.target)),
          symbol: "none",
          lineStyle: { width: 2, type: "dashed", color: "#e8590c" },
          itemStyle: { color: "#e8590c" },
        },
      ],
    };
  }, [metric, points, benchmark]);
  return (
    <Chart
      option={option}
      height={340}
      label={`Line chart of ${metric.name} per month at ${detail.scope.name}, with its target${benchmark !== null ? " and benchmark" : ""}; the table below has every point`}
    />
  );
}

function componentIds(points: readonly DetailPoint[]): string[] {
  return [...new Set(points.flatMap((p) => Object.keys(p.components)))];
}

function componentDescriptions(metric: CatalogMetric): Map<string, string> {
  const f = metric.formula;
  const list =
    f.kind === "ratio" ? [f.numerator, f.denominator] : f.kind === "total" ? [f.component] : [...f.components];
  return new Map(list.map((c) => [c.id, c.description]));
}

function PointsTable({ detail }: { detail: MetricDetail }) {
  const { metric, points } = detail;
  const components = componentIds(points);
  const described = componentDescriptions(metric);
  const sampled = points.some((p) => p.n !== undefined);
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped aria-label="Values, targets and components per month" data-testid="points-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Month</Table.Th>
            <Table.Th className="num">Value</Table.Th>
            <Table.Th className="num">Target</Table.Th>
            <Table.Th>Met</Table.Th>
            {sampled && <Table.Th className="num">Sample size n</Table.Th>}
            {sampled && <Table.Th className="num">95% interval</Table.Th>}
            {components.map((c) => (
              <Table.Th key={c} className="num" title={described.get(c) ?? c}>
                {humanize(c)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {points.map((p) => (
            <Table.Tr key={p.period} data-period={p.period}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatMonth(p.period)}</Table.Td>
              <Table.Td className="num" data-testid="value">
                {formatValue(p.value, metric.unit)}
              </Table.Td>
              <Table.Td className="num">{formatValue(p.target, metric.unit)}</Table.Td>
              <Table.Td>
                <MetMark met={p.met} />
              </Table.Td>
              {sampled && <Table.Td className="num">{p.n === undefined ? "—" : formatNumber(p.n)}</Table.Td>}
              {sampled && (
                <Table.Td className="num">
                  {p.lower === undefined || p.upper === undefined
                    ? "—"
                    : `${formatValue(p.lower, metric.unit)} – ${formatValue(p.upper, metric.unit)}`}
                </Table.Td>
              )}
              {components.map((c) => (
                <Table.Td key={c} className="num">
                  {p.components[c] === undefined
                    ? "—"
                    : formatNumber(p.components[c]!, 1, undefined).replace(/\.0$/, "")}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Each CSS's value over the window with the components behind it, best first. */
function AgentsTable({
  title,
  agents,
  metric,
}: {
  title: string;
  agents: readonly AgentValue[];
  metric: CatalogMetric;
}) {
  if (!agents.length) return null;
  const components = Object.keys(agents[0]!.components);
  return (
    <Card withBorder padding="md">
      <Title order={3} size="h4" mb="xs">
        {title}
      </Title>
      <Table.ScrollContainer minWidth={300 + components.length * 160} mah={420}>
        <Table striped highlightOnHover stickyHeader aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Agent</Table.Th>
              <Table.Th className="num">
                {metric.name} ({unitLabel(metric.unit)})
              </Table.Th>
              {components.map((c) => (
                <Table.Th key={c} className="num">
                  {humanize(c)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {agents.map((a) => (
              <Table.Tr key={a.agent}>
                <Table.Td>{a.agent}</Table.Td>
                <Table.Td className="num">{formatValue(a.value, metric.unit)}</Table.Td>
                {components.map((c) => (
                  <Table.Td key={c} className="num">
                    {a.components[c] === undefined ? "—" : formatNumber(a.components[c]!, 0)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function Breakdown({
  title,
  rows,
  periods,
  unit,
  link,
}: {
  title: string;
  rows: readonly { id: string; name: string; extra?: string; points: readonly DetailPoint[] }[];
  periods: readonly string[];
  unit: CatalogMetric["unit"];
  link?: (id: string) => string;
}) {
  if (!rows.length) return null;
  return (
    <Card withBorder padding="md">
      <Title order={3} size="h4" mb="xs">
        {title}
      </Title>
      <Table.ScrollContainer minWidth={300 + periods.length * 90}>
        <Table striped highlightOnHover aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th className="sticky-col">Name</Table.Th>
              {periods.map((p) => (
                <Table.Th key={p} className="num">
                  {formatMonth(p)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td className="sticky-col">
                  {link ? (
                    <Anchor component={Link} href={link(row.id)} size="sm">
                      {row.name}
                    </Anchor>
                  ) : (
                    <Text size="sm">{row.name}</Text>
                  )}
                  {row.extra && (
                    <Text size="xs" c="dimmed">
                      {row.extra}
                    </Text>
                  )}
                </Table.Td>
                {periods.map((period) => {
                  const p = row.points.find((x) => x.period === period);
                  return (
                    <Table.Td
                      key={period}
                      className="num summary-cell"
                      data-met={p?.met === null || p?.met === undefined ? undefined : p.met ? "met" : "not-met"}
                    >
                      {formatValue(p?.value, unit)}
                      {p?.met === true ? " ✓" : p?.met === false ? " ✗" : ""}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

const FREQUENCY: Record<string, string> = {
  daily: "daily",
  weekly: "weekly",
  monthly: "monthly",
  quarterly: "quarterly",
  semiannually: "every six months",
  annually: "yearly",
};

function Definition({ metric }: { metric: CatalogMetric }) {
  const f = metric.formula;
  const formula =
    f.kind === "ratio"
      ? `${f.numerator.description} ÷ ${f.denominator.description}${f.scale === 100 ? " × 100" : ""}`
      : f.kind === "total"
        ? f.component.description
        : `${f.expression}, where ${f.components.map((c) => `${c.id} = ${c.description}`).join("; ")}`;
  const facts: [string, string][] = [
    ["Formula", formula],
    ["Unit", humanize(metric.unit)],
    [
      "Direction",
      metric.direction === "higher"
        ? "higher is better"
        : metric.direction === "lower"
          ? "lower is better"
          : "counted, not judged",
    ],
    [
      "Benchmarks",
      metric.benchmarks.length
        ? metric.benchmarks
            .map(
              (b) =>
                `${b.comparison === ">=" ? "≥" : "≤"} ${formatValue(b.value, metric.unit)}${b.condition ? ` (${b.condition})` : ""}`,
            )
            .join("; ")
        : "none published",
    ],
    [
      "Frequency",
      `measured ${FREQUENCY[metric.frequency.measure] ?? metric.frequency.measure}, analysed ${FREQUENCY[metric.frequency.analyze] ?? metric.frequency.analyze}`,
    ],
    ["Status", `${metric.status}${metric.condition ? ` (${metric.condition})` : ""}`],
    ["Items", metric.items.join(", ")],
    ["Exhibit and group", `${metric.exhibit} · ${humanize(metric.group)}`],
    [
      "Item 4.6",
      metric.item46 === "entity"
        ? "counted once for the entity"
        : metric.item46 === "program"
          ? "counted per program"
          : "not counted",
    ],
    ["Target", metric.targetRequired ? "required" : "optional"],
    ["Sampling", metric.samplingAllowed ? "allowed (the 95% interval is shown)" : "census: every transaction"],
    ["Customer-affecting", metric.customerAffecting ? "yes (a miss triggers corrective action)" : "no"],
  ];
  if (metric.alternatives.length) facts.push(["Alternatives", metric.alternatives.join(", ")]);
  if (metric.targetGuidance) facts.push(["Setting the target", metric.targetGuidance]);
  if (metric.interpretation) facts.push(["cxpm's reading", metric.interpretation]);
  return (
    <Card withBorder padding="md" aria-label="Definition">
      <Title order={3} size="h4">
        Definition
      </Title>
      <Text size="sm" mt={4} mb="sm">
        {metric.description}
      </Text>
      <Table variant="vertical" layout="fixed" data-testid="definition">
        <Table.Tbody>
          {facts.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={170}>{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** The detail from its first month with a value: a window reaching back before the data began shows no empty months. */
function fromFirstValue(detail: MetricDetail): MetricDetail {
  const first = detail.points.findIndex((p) => p.value !== null);
  if (first <= 0) return detail;
  const keep = new Set(detail.points.slice(first).map((p) => p.period));
  const cut = <T extends { points: readonly DetailPoint[] }>(series: T): T => ({
    ...series,
    points: series.points.filter((p) => keep.has(p.period)),
  });
  return {
    ...detail,
    points: detail.points.slice(first),
    breakdown: {
      programs: detail.breakdown.programs.map(cut),
      queues: detail.breakdown.queues.map(cut),
      agents: detail.breakdown.agents,
    },
  };
}

export function MetricDetailPage({ id }: { id: string }) {
  const { values, set } = useQueryState();
  const scopeLevel = values.get("scopeLevel") ?? undefined;
  const scopeId = values.get("scopeId") ?? undefined;
  const from = values.get("from") ?? undefined;
  const to = values.get("to") ?? undefined;
  const {
    data: loaded,
    error,
    loading,
  } = useApi(
    (signal) => api.metricDetail(id, { scopeLevel, scopeId, ...(from ? { from } : {}), ...(to ? { to } : {}) }, signal),
    [id, scopeLevel, scopeId, from, to],
  );
  const data = useMemo(() => (loaded ? fromFirstValue(loaded) : undefined), [loaded]);
  const organisation = useApi((signal) => api.organisation(signal), []);
  const scopes = scopesOf(organisation.data);
  const periods = data?.points.map((p) => p.period) ?? [];
  const programNames = new Map(data?.breakdown.programs.map((p) => [p.id, p.name]) ?? []);
  const here = (level: string, scope: string) =>
    `/metrics/${encodeURIComponent(id)}?scopeLevel=${level}&scopeId=${encodeURIComponent(scope)}${from ? `&from=${from}` : ""}${to ? `&to=${to}` : ""}`;
  const latest = data?.points.findLast((p) => p.value !== null);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Text size="sm">
            <Anchor component={Link} href="/summary" size="sm">
              Performance summary
            </Anchor>{" "}
            › {id}
          </Text>
          <Title order={2}>{data?.metric.name ?? id}</Title>
          {data && (
            <Group gap="xs" mt={4}>
              <Badge variant="light">{data.scope.name}</Badge>
              <Badge variant="light" color="gray">
                {humanize(data.metric.category)}
              </Badge>
              {latest && (
                <Text size="sm">
                  Latest: <b data-testid="latest-value">{formatValue(latest.value, data.metric.unit)}</b> in{" "}
                  {formatMonth(latest.period)}
                  {latest.target !== null ? `, target ${formatValue(latest.target, data.metric.unit)}` : ", no target"}
                </Text>
              )}
              {data.metric.direction !== "none" && (
                <Anchor
                  component={Link}
                  size="sm"
                  href={`/targets?metric=${encodeURIComponent(id)}&scopeLevel=${data.scope.level}&scopeId=${encodeURIComponent(data.scope.id)}`}
                >
                  Set the target
                </Anchor>
              )}
            </Group>
          )}
        </div>
        <Group align="flex-end" gap="sm">
          <ScopeSelect
            scopes={scopes}
            levels={["entity", "region", "location", "service", "program"]}
            value={
              data ? scopeKey(data.scope) : scopeLevel && scopeId ? scopeKey({ level: scopeLevel, id: scopeId }) : null
            }
            onChange={(key) => {
              const scope = parseScopeKey(key);
              set({
                scopeLevel: scope && scope.level !== "entity" ? scope.level : undefined,
                scopeId: scope && scope.level !== "entity" ? scope.id : undefined,
              });
            }}
          />
          <MonthRange from={from} to={to} onChange={(range) => set(range)} />
        </Group>
      </Group>
      <LoadState loading={loading} error={error} what={`metric ${id}`}>
        {data ? (
          <>
            <Card withBorder padding="md">
              <Title order={3} size="h4" mb="xs">
                Trend
              </Title>
              <TrendChart detail={data} />
              <PointsTable detail={data} />
            </Card>
            <SimpleGrid cols={{ base: 1 }} spacing="md">
              <Breakdown
                title={`Programs within ${data.scope.name}`}
                rows={data.breakdown.programs.map((p) => ({ ...p, extra: p.id }))}
                periods={periods}
                unit={data.metric.unit}
                link={(program) => here("program", program)}
              />
              <Breakdown
                title={`Queues within ${data.scope.name}`}
                rows={data.breakdown.queues.map((q) => ({
                  id: q.id,
                  name: q.name ?? q.id,
                  extra: programNames.get(q.program) ?? q.program,
                  points: q.points,
                }))}
                periods={periods}
                unit={data.metric.unit}
              />
              {data.breakdown.agents && (
                <AgentsTable
                  title={`Agents within ${data.scope.name}, ${formatMonth(periods[0] ?? data.points[0]?.period ?? "")} – ${formatMonth(periods.at(-1) ?? "")}`}
                  agents={data.breakdown.agents}
                  metric={data.metric}
                />
              )}
            </SimpleGrid>
            <Definition metric={data.metric} />
            {data.breakdown.programs.length === 0 && data.breakdown.queues.length === 0 && (
              <List size="sm" c="dimmed">
                <List.Item>This metric is measured for the entity as a whole: there is no program breakdown.</List.Item>
              </List>
            )}
          </>
        ) : null}
      </LoadState>
    </Stack>
  );
}
