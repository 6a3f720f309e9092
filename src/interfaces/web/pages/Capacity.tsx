/**
 * Capacity plan (`/wfm/capacity`): a queue's weekly capacity plan, made from its forecast and kept in the app.
 * The form makes one (queue, weeks, headcount, attrition, hiring lag, shrinkage, service level); the saved
 * plans can be chosen, published into the warehouse's workforce intervals, or deleted. For the chosen one:
 * required against planned FTE per week with the gap and the week hiring must start marked, and the weekly
 * table. The plan chosen lives in the URL (`?id=`). Every number is the API's.
 */
import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useMemo, useState } from "react";
import { ApiError, type CapacityPlanDetail, type CapacitySummary, wfmPlansApi } from "../api.ts";
import { Chart } from "../components/Chart.tsx";
import { type PlanColumn, PlanStatus, PlansPage } from "../components/plan-list.tsx";
import { QueueSelect, useWfmQueues } from "../components/queues.tsx";
import { Section } from "../components/section.tsx";
import { LoadState } from "../components/status.tsx";
import { formatDay, formatNumber, formatShare } from "../format.ts";

const REQUIRED_COLOUR = "#e8590c";
const PLANNED_COLOUR = "#364fc7";
const RECOMMENDED_COLOUR = "#2b8a3e";
const SHORT_COLOUR = "#c92a2a";
const SURPLUS_COLOUR = "#74c0fc";

const fte = (x: number) => formatNumber(x, 1);
const NOWRAP = { whiteSpace: "nowrap" } as const;

const COLUMNS: readonly PlanColumn<CapacitySummary>[] = [
  { title: "Weeks", value: (s) => formatNumber(s.weeks) },
  { title: "Peak required FTE", value: (s) => fte(s.peakRequiredFte) },
  { title: "Headcount", value: (s) => fte(s.headcount) },
  { title: "Weeks short", value: (s) => formatNumber(s.weeksShort) },
  { title: "Hire by", value: (s) => (s.hireBy ? formatDay(s.hireBy) : "—") },
];

interface Form {
  queue: string | null;
  name: string;
  weeks: number;
  headcount: number | "";
  attritionPercent: number;
  lagWeeks: number;
  shrinkagePercent: number;
  /** Use the queue's shrinkage forecast (from its agent time and absences) instead of the number. */
  shrinkageForecast: boolean;
  serviceLevelPercent: number;
  thresholdSeconds: number | "";
}

const INITIAL: Form = {
  queue: null,
  name: "",
  weeks: 26,
  headcount: "",
  attritionPercent: 3,
  lagWeeks: 6,
  shrinkagePercent: 30,
  shrinkageForecast: false,
  serviceLevelPercent: 80,
  thresholdSeconds: "",
};

function MakePlan({ onMade }: { onMade: (plan: CapacityPlanDetail) => void }) {
  const queues = useWfmQueues();
  const [form, setForm] = useState<Form>(INITIAL);
  const [making, setMaking] = useState(false);
  const [error, setError] = useState<Error>();
  const queue = form.queue ?? queues.busiest;
  const field = (name: string) => (error instanceof ApiError ? error.fieldMessage(name) : undefined);
  const number = (key: keyof Form) => (v: string | number) =>
    setForm((f) => ({ ...f, [key]: v === "" ? "" : Number(v) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMaking(true);
    setError(undefined);
    try {
      const plan = await wfmPlansApi.capacity.create({
        queue,
        weeks: form.weeks,
        attritionMonthly: form.attritionPercent / 100,
        lagWeeks: form.lagWeeks,
        shrinkage: form.shrinkageForecast ? "forecast" : form.shrinkagePercent / 100,
        serviceLevel: form.serviceLevelPercent / 100,
        ...(form.headcount === "" ? {} : { headcount: form.headcount }),
        ...(form.thresholdSeconds === "" ? {} : { thresholdSeconds: form.thresholdSeconds }),
        ...(form.name.trim() ? { name: form.name.trim() } : {}),
      });
      onMade(plan);
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setMaking(false);
    }
  };

  return (
    <Section
      title="Make a capacity plan"
      subtitle="Weekly FTE required by the queue's forecast (Erlang C per interval at the service-level target, grossed up for shrinkage) against the FTE left after attrition, from the Monday after the history."
    >
      <LoadState loading={queues.loading} error={queues.error} what="the queues">
        <form onSubmit={submit} aria-label="Make a capacity plan">
          <SimpleGrid cols={{ base: 1, sm: 3, md: 5 }}>
            <QueueSelect
              queues={queues.withHistory}
              value={queue}
              onChange={(q) => setForm((f) => ({ ...f, queue: q }))}
              required
              error={field("queue")}
            />
            <NumberInput
              label="Weeks"
              value={form.weeks}
              onChange={number("weeks")}
              min={1}
              max={104}
              error={field("weeks")}
            />
            <NumberInput
              label="Headcount (FTE)"
              description="default: trained CSSs now"
              value={form.headcount}
              onChange={number("headcount")}
              min={0}
              error={field("headcount")}
            />
            <NumberInput
              label="Attrition per month (%)"
              value={form.attritionPercent}
              onChange={number("attritionPercent")}
              min={0}
              max={99}
              decimalScale={1}
              error={field("attritionMonthly")}
            />
            <NumberInput
              label="Hiring lag (weeks)"
              description="from a hire's start to live work"
              value={form.lagWeeks}
              onChange={number("lagWeeks")}
              min={0}
              max={52}
              error={field("lagWeeks")}
            />
            <Stack gap={6}>
              <NumberInput
                label="Shrinkage (%)"
                value={form.shrinkagePercent}
                onChange={number("shrinkagePercent")}
                min={0}
                max={99}
                disabled={form.shrinkageForecast}
                error={field("shrinkage")}
              />
              <Checkbox
                label="the queue's forecast, week by week"
                checked={form.shrinkageForecast}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  setForm((f) => ({ ...f, shrinkageForecast: checked }));
                }}
              />
            </Stack>
            <NumberInput
              label="Service-level target (%)"
              value={form.serviceLevelPercent}
              onChange={number("serviceLevelPercent")}
              min={1}
              max={99}
              error={field("serviceLevel")}
            />
            <NumberInput
              label="Threshold (s)"
              description="default: the queue's"
              value={form.thresholdSeconds}
              onChange={number("thresholdSeconds")}
              min={1}
              max={3600}
              error={field("thresholdSeconds")}
            />
            <TextInput
              label="Name"
              description="default: queue and dates"
              value={form.name}
              onChange={(e) => {
                const name = e.currentTarget.value;
                setForm((f) => ({ ...f, name }));
              }}
              error={field("name")}
            />
          </SimpleGrid>
          <Group mt="md">
            <Button type="submit" loading={making} disabled={!queue}>
              Make capacity plan
            </Button>
          </Group>
          {error && (
            <Alert color="red" mt="sm" role="alert" title="The plan was not made">
              {error.message}
              {error instanceof ApiError &&
                error.details
                  .filter((d) => !error.message.includes(d.message))
                  .map((d) => ` ${d.field}: ${d.message}.`)}
            </Alert>
          )}
        </form>
      </LoadState>
    </Section>
  );
}

/** Required, planned and recommended FTE per week, the gap as bars, and the week hiring must start. */
function WeeklyChart({ plan }: { plan: CapacityPlanDetail }) {
  const option = useMemo(() => {
    const weeks = plan.result.weeks;
    const categories = weeks.map((w) => w.week);
    const hireBy = plan.summary.hireBy;
    const marked = hireBy !== null && categories.includes(hireBy);
    return {
      grid: { left: 56, right: 24, top: 48, bottom: 48 },
      legend: { top: 0, data: ["Required FTE", "Planned FTE", "With recommended hires", "Gap (required − planned)"] },
      tooltip: { trigger: "axis", valueFormatter: (v: number) => fte(v) },
      xAxis: { type: "category", data: categories, axisLabel: { formatter: (v: string) => v.slice(5) } },
      yAxis: { type: "value", name: "FTE", nameLocation: "middle", nameGap: 40 },
      series: [
        {
          name: "Gap (required − planned)",
          type: "bar",
          data: weeks.map((w) => ({
            value: +w.gapFte.toFixed(2),
            itemStyle: { color: w.gapFte > 0 ? SHORT_COLOUR : SURPLUS_COLOUR, opacity: 0.55 },
          })),
          itemStyle: { color: SHORT_COLOUR },
          barMaxWidth: 18,
        },
        {
          name: "Required FTE",
          type: "line",
          data: weeks.map((w) => +w.requiredFte.toFixed(2)),
          lineStyle: { width: 2, color: REQUIRED_COLOUR },
          itemStyle: { color: REQUIRED_COLOUR },
          symbolSize: 5,
        },
        {
          name: "Planned FTE",
          type: "line",
          data: weeks.map((w) => +w.plannedFte.toFixed(2)),
          lineStyle: { width: 2, color: PLANNED_COLOUR },
          itemStyle: { color: PLANNED_COLOUR },
          symbolSize: 5,
          markLine: marked
            ? {
                symbol: "none",
                label: { formatter: `hire by ${hireBy}`, position: "end" },
                lineStyle: { color: SHORT_COLOUR, type: "dashed", width: 2 },
                data: [{ xAxis: hireBy }],
              }
            : undefined,
        },
        {
          name: "With recommended hires",
          type: "line",
          data: weeks.map((w) => +w.recommendedFte.toFixed(2)),
          lineStyle: { width: 1.5, type: "dashed", color: RECOMMENDED_COLOUR },
          itemStyle: { color: RECOMMENDED_COLOUR },
          symbol: "none",
        },
      ],
    };
  }, [plan]);
  return (
    <Chart
      option={option}
      height={340}
      label={`Chart of required, planned and recommended FTE per week of ${plan.name}, with the gap as bars; the table below has the numbers`}
    />
  );
}

function WeeklyTable({ plan }: { plan: CapacityPlanDetail }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped aria-label="Capacity plan per week" data-testid="capacity-weeks">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Week</Table.Th>
            <Table.Th className="num">Contacts</Table.Th>
            <Table.Th className="num">Workload (h)</Table.Th>
            <Table.Th className="num">Required FTE</Table.Th>
            <Table.Th className="num">Leavers</Table.Th>
            <Table.Th className="num">Planned FTE</Table.Th>
            <Table.Th className="num">Gap</Table.Th>
            <Table.Th>Hire by</Table.Th>
            <Table.Th className="num">Recommended starts</Table.Th>
            <Table.Th className="num">With hires</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.result.weeks.map((w) => (
            <Table.Tr key={w.week} data-week={w.week}>
              <Table.Td style={NOWRAP}>{formatDay(w.week)}</Table.Td>
              <Table.Td className="num">{formatNumber(w.contacts)}</Table.Td>
              <Table.Td className="num">{formatNumber(w.workloadHours, 1)}</Table.Td>
              <Table.Td className="num">{fte(w.requiredFte)}</Table.Td>
              <Table.Td className="num">{fte(w.leavers)}</Table.Td>
              <Table.Td className="num">{fte(w.plannedFte)}</Table.Td>
              <Table.Td className="num" c={w.gapFte > 0 ? "red.8" : undefined} fw={w.gapFte > 0 ? 600 : undefined}>
                {w.gapFte > 0 ? `✗ ${fte(w.gapFte)} short` : `${fte(-w.gapFte)} over`}
              </Table.Td>
              <Table.Td style={NOWRAP}>
                {w.hireBy ? `${formatDay(w.hireBy)}${w.late ? " (too late)" : ""}` : "—"}
              </Table.Td>
              <Table.Td className="num">{w.recommendedStarts > 0 ? formatNumber(w.recommendedStarts) : "—"}</Table.Td>
              <Table.Td className="num">{fte(w.recommendedFte)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ChosenPlan({ plan }: { plan: CapacityPlanDetail }) {
  const { result, summary } = plan;
  const first = result.weeks[0]?.week;
  return (
    <Stack>
      <Group gap="xs">
        <Title order={3}>{plan.name}</Title>
        <PlanStatus plan={plan} />
      </Group>
      <Text data-testid="capacity-summary">
        {formatNumber(summary.weeks)} weeks from {formatDay(plan.firstDay)} ({result.timeZone}), forecast by{" "}
        {result.forecast.method} from the history to {formatDay(result.forecast.historyTo)}. Peak required{" "}
        {fte(summary.peakRequiredFte)} FTE against {fte(summary.headcount)} now ({result.settings.headcountFrom}).{" "}
        {result.shrinkage &&
          `Shrinkage ${formatShare(result.shrinkage.weekly)}${result.shrinkage.from === "given" ? "" : ` (${result.shrinkage.from})`}. `}
        {summary.weeksShort === 0 ? (
          "No week falls short."
        ) : (
          <Text span fw={600} data-testid="hire-by">
            {formatNumber(summary.weeksShort)} weeks short; hiring must start by {formatDay(summary.hireBy)}
            {summary.hireBy && first && summary.hireBy < first ? " (before the plan's first week)" : ""};{" "}
            {formatNumber(summary.recommendedHires)} hires recommended.
          </Text>
        )}
      </Text>
      <Section
        title="Required and planned FTE per week"
        subtitle="Planned FTE falls with attrition and rises as recommended hires finish training; the bars are the gap, red where short. The dashed red line is the week hiring must start."
      >
        <WeeklyChart plan={plan} />
      </Section>
      <Section title="Per week">
        <WeeklyTable plan={plan} />
      </Section>
    </Stack>
  );
}

export function CapacityPage() {
  return (
    <PlansPage
      title="Capacity plan"
      calls={wfmPlansApi.capacity}
      columns={COLUMNS}
      what={{ one: "capacity plan", many: "capacity plans" }}
      listSubtitle="Publishing writes a plan's staff per interval into the warehouse's workforce intervals of its queue (capacity plan staff) and recomputes their metrics."
      make={(onMade) => <MakePlan onMade={onMade} />}
      view={(plan) => <ChosenPlan plan={plan} />}
    />
  );
}
