/**
 * Overview (`/`): where a CX performance leader starts the day. The entity's 50/75 verdict (Item 4.6) up top,
 * then every region, location and service with its counts, the metrics failing 3 of 4 months, the
 * corrective-action triggers and target-governance findings, and how fresh the data is.
 */
import { Alert, Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useMemo } from "react";
import { api, type Finding, type Overview, type ScopeVerdict, type Trigger } from "../api.ts";
import { Chart } from "../components/Chart.tsx";
import { MonthRange } from "../components/filters.tsx";
import { LoadState, VerdictBadge } from "../components/status.tsx";
import { formatDay, formatMonth, formatNumber, formatShare, formatTimestamp, humanize } from "../format.ts";
import { Link, useQueryState } from "../router.tsx";
import { useApi } from "../use-api.ts";

/** A series key (`metric@program` or `metric`) as a link to the metric's detail at that program. */
export function SeriesLink({ seriesKey }: { seriesKey: string }) {
  const at = seriesKey.indexOf("@");
  const metric = at < 0 ? seriesKey : seriesKey.slice(0, at);
  const program = at < 0 ? undefined : seriesKey.slice(at + 1);
  const href = `/metrics/${encodeURIComponent(metric)}${program ? `?scopeLevel=program&scopeId=${encodeURIComponent(program)}` : ""}`;
  return (
    <Anchor component={Link} href={href} size="sm">
      {metric}
      {program ? ` at ${program}` : " (entity)"}
    </Anchor>
  );
}

const summaryHref = (s: ScopeVerdict) =>
  s.scope.level === "entity"
    ? "/summary"
    : `/summary?scopeLevel=${s.scope.level}&scopeId=${encodeURIComponent(s.scope.id)}`;

function EntityCard({ entity, overview }: { entity: ScopeVerdict; overview: Overview }) {
  const { freshness } = overview;
  return (
    <SimpleGrid cols={{ base: 1, md: 4 }} spacing="md">
      <Card withBorder padding="md" aria-label="Entity verdict">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
          {entity.scope.name} · Item 4.6
        </Text>
        <Group mt="xs" gap="xs">
          <Text fw={600}>50/75 rule</Text>
          <VerdictBadge met={entity.met} counted={entity.counted} size="lg" />
        </Group>
        <Text size="sm" mt="sm">
          {overview.scopes.every((s) => s.met || s.counted === 0)
            ? "Every scope meets the 50/75 rule."
            : `${overview.scopes.filter((s) => !s.met && s.counted > 0).length} of ${overview.scopes.length} scopes do not meet it.`}
        </Text>
      </Card>
      <Card withBorder padding="md">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
          Meeting targeted levels
        </Text>
        <Text size="xl" fw={700} className="num" ta="left" data-testid="entity-meeting-share">
          {formatShare(entity.meetingShare)}
        </Text>
        <Text size="sm" c="dimmed">
          {formatNumber(entity.meeting)} of {formatNumber(entity.counted)} counted metrics (50% needed)
        </Text>
      </Card>
      <Card withBorder padding="md">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
          Meeting or improving
        </Text>
        <Text size="xl" fw={700} className="num" ta="left" data-testid="entity-improving-share">
          {formatShare(entity.meetingOrImprovingShare)}
        </Text>
        <Text size="sm" c="dimmed">
          {formatNumber(entity.meetingOrImproving)} of {formatNumber(entity.counted)} (75% needed)
        </Text>
      </Card>
      <Card withBorder padding="md" aria-label="Data freshness">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
          Data
        </Text>
        <Text size="sm" mt={4}>
          Latest day: <b>{formatDay(freshness.latestDay)}</b>
        </Text>
        <Text size="sm">Last import: {formatTimestamp(freshness.lastImportAt)}</Text>
        <Text size="sm">
          {formatNumber(freshness.batches)} import batch{freshness.batches === 1 ? "" : "es"} ·{" "}
          <Anchor component={Link} href="/data" size="sm">
            Data
          </Anchor>
        </Text>
      </Card>
    </SimpleGrid>
  );
}

function SharesChart({ scopes }: { scopes: readonly ScopeVerdict[] }) {
  const option = useMemo(() => {
    const names = scopes.map((s) => `${s.scope.name} (${s.scope.level})`);
    return {
      grid: { left: 56, right: 24, top: 40, bottom: 110 },
      legend: { top: 0 },
      tooltip: { trigger: "axis", valueFormatter: (v: number) => `${formatNumber(v, 1)}%` },
      xAxis: {
        type: "category",
        data: names,
        name: "Scope",
        nameLocation: "middle",
        nameGap: 95,
        axisLabel: { rotate: 35, interval: 0, fontSize: 11 },
      },
      yAxis: {
        type: "value",
        name: "Share of counted metrics (%)",
        nameLocation: "middle",
        nameGap: 40,
        min: 0,
        max: 100,
      },
      series: [
        {
          name: "Meeting targeted levels",
          type: "bar",
          data: scopes.map((s) => (s.meetingShare === null ? null : +(s.meetingShare * 100).toFixed(1))),
          itemStyle: { color: "#12b886" },
          markLine: {
            symbol: "none",
            label: { formatter: "{b}", position: "insideEndTop" },
            data: [
              { yAxis: 50, name: "50% meeting", lineStyle: { color: "#2f9e44", type: "dashed" } },
              { yAxis: 75, name: "75% meeting or improving", lineStyle: { color: "#e67700", type: "dashed" } },
            ],
          },
        },
        {
          name: "Meeting or improving",
          type: "bar",
          data: scopes.map((s) =>
            s.meetingOrImprovingShare === null ? null : +(s.meetingOrImprovingShare * 100).toFixed(1),
          ),
          itemStyle: { color: "#fab005" },
        },
      ],
    };
  }, [scopes]);
  return (
    <Chart
      option={option}
      height={360}
      label="Bar chart: share of counted metrics meeting targeted levels, and meeting or improving, per scope; the table below has the same numbers"
    />
  );
}

function ScopesTable({ scopes }: { scopes: readonly ScopeVerdict[] }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover aria-label="50/75 verdict per scope" data-testid="scopes-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Scope</Table.Th>
            <Table.Th>Level</Table.Th>
            <Table.Th>Verdict (50/75)</Table.Th>
            <Table.Th className="num">Counted metrics</Table.Th>
            <Table.Th className="num">Meeting</Table.Th>
            <Table.Th className="num">Meeting or improving</Table.Th>
            <Table.Th className="num">Failing 3 of 4</Table.Th>
            <Table.Th className="num">Corrective-action triggers</Table.Th>
            <Table.Th className="num">Governance findings</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {scopes.map((s) => (
            <Table.Tr key={`${s.scope.level}:${s.scope.id}`} data-scope={`${s.scope.level}:${s.scope.id}`}>
              <Table.Td>
                <Anchor
                  component={Link}
                  href={summaryHref(s)}
                  size="sm"
                  fw={s.scope.level === "entity" ? 700 : 400}
                  style={{ whiteSpace: "nowrap" }}
                >
                  {s.scope.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{humanize(s.scope.level)}</Table.Td>
              <Table.Td miw={120}>
                <VerdictBadge met={s.met} counted={s.counted} />
              </Table.Td>
              <Table.Td className="num">{formatNumber(s.counted)}</Table.Td>
              <Table.Td className="num" data-testid="meeting">
                {formatShare(s.meetingShare)}{" "}
                <Text span c="dimmed" size="xs">
                  ({formatNumber(s.meeting)})
                </Text>
              </Table.Td>
              <Table.Td className="num">
                {formatShare(s.meetingOrImprovingShare)}{" "}
                <Text span c="dimmed" size="xs">
                  ({formatNumber(s.meetingOrImproving)})
                </Text>
              </Table.Td>
              <Table.Td className="num">{formatNumber(s.failing)}</Table.Td>
              <Table.Td className="num">{formatNumber(s.triggers.length)}</Table.Td>
              <Table.Td className="num">{formatNumber(s.governance)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function TriggerItem({ trigger }: { trigger: Trigger }) {
  if (trigger.kind === "metric-not-meeting") {
    return (
      <>
        <SeriesLink seriesKey={trigger.key} /> does not meet its target in 3 of 4 months (met in{" "}
        {formatShare(trigger.share)} of months): apply the problem-solving method (2.8.2.a).
      </>
    );
  }
  return (
    <>
      <b>{trigger.scope}</b>: {formatShare(trigger.meetingShare)} of counted metrics meet targeted levels, under 75%:{" "}
      {trigger.examplesRequired} documented improvement examples are required (2.8.2.c).
    </>
  );
}

export function FindingItem({ finding }: { finding: Finding }) {
  switch (finding.kind) {
    case "missing-target":
      return (
        <>
          <SeriesLink seriesKey={finding.key} />: a required metric without a target.
        </>
      );
    case "stale-comparative-data":
      return (
        <>
          <SeriesLink seriesKey={finding.key} />: the target's comparative data ({formatDay(finding.date)}) is{" "}
          {formatNumber(finding.ageYears, 1)} years old, more than two.
        </>
      );
    case "below-benchmark-without-reason":
      return (
        <>
          <SeriesLink seriesKey={finding.key} />: target {formatNumber(finding.target, 1)} is below the benchmark{" "}
          {formatNumber(finding.benchmark, 1)} and no reason is recorded.
        </>
      );
    case "routinely-better-than-target":
      return (
        <>
          <SeriesLink seriesKey={finding.key} />: better than target in each of the latest {finding.periods.length}{" "}
          months; consider raising it.
        </>
      );
  }
}

const LIST_LIMIT = 12;

function Findings({ overview }: { overview: Overview }) {
  const { triggers, governance } = overview;
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <Card withBorder padding="md">
        <Group justify="space-between">
          <Title order={3} size="h4">
            Corrective-action triggers
          </Title>
          <Badge color={triggers.length ? "orange" : "teal"} variant="light">
            {formatNumber(triggers.length)}
          </Badge>
        </Group>
        {triggers.length === 0 ? (
          <Text size="sm" mt="sm">
            None: every customer-affecting metric meets targeted levels.
          </Text>
        ) : (
          <List size="sm" mt="sm" spacing={4}>
            {triggers.slice(0, LIST_LIMIT).map((t) => (
              <List.Item key={t.kind === "metric-not-meeting" ? t.key : `scope:${t.scope}`}>
                <TriggerItem trigger={t} />
              </List.Item>
            ))}
          </List>
        )}
        {triggers.length > LIST_LIMIT && (
          <Text size="sm" c="dimmed" mt="xs">
            and {formatNumber(triggers.length - LIST_LIMIT)} more; the{" "}
            <Anchor component={Link} href="/summary" size="sm">
              Performance summary
            </Anchor>{" "}
            shows each row.
          </Text>
        )}
      </Card>
      <Card withBorder padding="md">
        <Group justify="space-between">
          <Title order={3} size="h4">
            Target governance (1.3)
          </Title>
          <Badge color={governance.length ? "orange" : "teal"} variant="light">
            {formatNumber(governance.length)}
          </Badge>
        </Group>
        {governance.length === 0 ? (
          <Text size="sm" mt="sm">
            No findings.
          </Text>
        ) : (
          <List size="sm" mt="sm" spacing={4}>
            {governance.slice(0, LIST_LIMIT).map((f) => (
              <List.Item key={`${f.kind}:${f.key}`}>
                <FindingItem finding={f} />
              </List.Item>
            ))}
          </List>
        )}
        {governance.length > LIST_LIMIT && (
          <Text size="sm" c="dimmed" mt="xs">
            and {formatNumber(governance.length - LIST_LIMIT)} more on the{" "}
            <Anchor component={Link} href="/targets" size="sm">
              Targets
            </Anchor>{" "}
            page.
          </Text>
        )}
      </Card>
    </SimpleGrid>
  );
}

export function OverviewPage() {
  const { values, set } = useQueryState();
  const from = values.get("from") ?? undefined;
  const to = values.get("to") ?? undefined;
  const { data, error, loading } = useApi((signal) => api.overview({ from, to }, signal), [from, to]);
  const entity = data?.scopes.find((s) => s.scope.level === "entity");
  const others = data?.scopes ?? [];
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Overview</Title>
          {data && (
            <Text size="sm" c="dimmed">
              {formatMonth(data.from)} – {formatMonth(data.to)} ({data.periods.length} months) ·{" "}
              {data.provider === "osp" ? "outsourced service provider" : "customer service provider"} · judged as of{" "}
              {formatDay(data.asOf)}
            </Text>
          )}
        </div>
        <MonthRange from={from} to={to} onChange={(range) => set(range)} />
      </Group>
      <LoadState loading={loading} error={error} what="the overview">
        {data ? (
          data.scopes.length === 0 ? (
            <Alert color="yellow" title="Nothing to judge yet">
              There are no metric values in these months. Load data on the{" "}
              <Anchor component={Link} href="/data">
                Data
              </Anchor>{" "}
              page, or pick other months.
            </Alert>
          ) : (
            <>
              {entity && <EntityCard entity={entity} overview={data} />}
              <Card withBorder padding="md">
                <Title order={3} size="h4" mb="xs">
                  50/75 by scope
                </Title>
                <SharesChart scopes={others} />
                <ScopesTable scopes={others} />
              </Card>
              <Findings overview={data} />
            </>
          )
        ) : null}
      </LoadState>
    </Stack>
  );
}
