/**
 * Schedule (`/wfm/schedule`): a week's shifts for a queue, made from its forecast by the HiGHS scheduler and
 * kept in the app. The form makes one (queue, week, time limit); the saved schedules can be chosen, published
 * into the warehouse's workforce intervals, or deleted. For the chosen one: the heat map of scheduled minus
 * required agents per day and half-hour, required against scheduled over the week, the totals with the gap to
 * the LP bound, and the roster. The plan chosen lives in the URL (`?id=`). Every number is the API's.
 */
import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { type FormEvent, useMemo, useState } from "react";
import { ApiError, type SchedulePlanDetail, type ScheduleSummary, wfmPlansApi } from "../api.ts";
import { Chart } from "../components/Chart.tsx";
import { type PlanColumn, PlanStatus, PlansPage } from "../components/plan-list.tsx";
import { QueueSelect, useWfmQueues } from "../components/queues.tsx";
import { Section } from "../components/section.tsx";
import { LoadState } from "../components/status.tsx";
import { formatDay, formatNumber, formatShare, humanize } from "../format.ts";

const SHORT_COLOUR = "#c92a2a";
const OVER_COLOUR = "#1971c2";
const REQUIRED_COLOUR = "#e8590c";
const SCHEDULED_COLOUR = "#364fc7";

const weekday = (day: string) =>
  new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));

const COLUMNS: readonly PlanColumn<ScheduleSummary>[] = [
  { title: "Agents", value: (s) => formatNumber(s.agents) },
  { title: "Covered", value: (s) => formatShare(s.coveredShare) },
  { title: "LP gap", value: (s) => formatShare(s.lpGap) },
];

interface Form {
  queue: string | null;
  week: string | null;
  timeLimitSeconds: number;
  name: string;
}

/** The form that makes a schedule; the request waits for the solver, up to the time limit. */
function MakeSchedule({ onMade }: { onMade: (plan: SchedulePlanDetail) => void }) {
  const queues = useWfmQueues();
  const [form, setForm] = useState<Form>({ queue: null, week: null, timeLimitSeconds: 10, name: "" });
  const [solving, setSolving] = useState(false);
  const [error, setError] = useState<ApiError | Error>();
  const queue = form.queue ?? queues.busiest;
  const field = (name: string) => (error instanceof ApiError ? error.fieldMessage(name) : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSolving(true);
    setError(undefined);
    try {
      const plan = await wfmPlansApi.schedules.create({
        queue,
        ...(form.week ? { week: form.week } : {}),
        timeLimitSeconds: form.timeLimitSeconds,
        ...(form.name.trim() ? { name: form.name.trim() } : {}),
      });
      onMade(plan);
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setSolving(false);
    }
  };

  return (
    <Section
      title="Make a schedule"
      subtitle="The week's forecast staffed by Erlang C at 80% in the queue's threshold with 15% shrinkage, covered by full-time (8.5 h) and part-time (4 h) shifts five days a week."
    >
      <LoadState loading={queues.loading} error={queues.error} what="the queues">
        <form onSubmit={submit} aria-label="Make a schedule">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <QueueSelect
              queues={queues.withHistory}
              value={queue}
              onChange={(q) => setForm((f) => ({ ...f, queue: q }))}
              required
              error={field("queue")}
            />
            <DateInput
              label="Week from"
              description="default: the Monday after the history"
              value={form.week}
              onChange={(date) => setForm((f) => ({ ...f, week: date ? String(date).slice(0, 10) : null }))}
              valueFormat="YYYY-MM-DD"
              placeholder="YYYY-MM-DD"
              clearable
              error={field("week")}
            />
            <NumberInput
              label="Time limit (s)"
              description="the solver stops with its best schedule"
              value={form.timeLimitSeconds}
              onChange={(v) => setForm((f) => ({ ...f, timeLimitSeconds: Number(v) || 10 }))}
              min={1}
              max={120}
              error={field("timeLimitSeconds")}
            />
            <TextInput
              label="Name"
              description="default: queue and week"
              value={form.name}
              onChange={(e) => {
                const name = e.currentTarget.value;
                setForm((f) => ({ ...f, name }));
              }}
              error={field("name")}
            />
          </SimpleGrid>
          <Group mt="md">
            <Button type="submit" loading={solving} disabled={!queue}>
              Make schedule
            </Button>
            {solving && (
              <Text size="sm" c="dimmed">
                Solving, up to {form.timeLimitSeconds} s…
              </Text>
            )}
          </Group>
          {error && (
            <Alert color="red" mt="sm" role="alert" title="The schedule was not made">
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

/** Days × intervals of the day, coloured by scheduled − required: red short, blue over, white on the mark. */
function CoverageHeatmap({ plan }: { plan: SchedulePlanDetail }) {
  const option = useMemo(() => {
    const { intervals, intervalMinutes } = plan.result;
    const perDay = 1440 / intervalMinutes;
    const days = [...new Set(intervals.map((i) => i.start.slice(0, 10)))];
    // Only the part of the day anything is required or scheduled in.
    const busy = intervals.flatMap((i, t) => (i.required > 0 || i.scheduled > 0 ? [t % perDay] : []));
    const first = busy.length ? Math.min(...busy) : 0;
    const last = busy.length ? Math.max(...busy) : perDay - 1;
    const slots = intervals.slice(first, last + 1).map((i) => i.start.slice(11));
    const data = intervals.flatMap((i, t) => {
      const slot = t % perDay;
      if (slot < first || slot > last) return [];
      return [[slot - first, Math.floor(t / perDay), +(i.scheduled - i.required).toFixed(2), i.required, i.scheduled]];
    });
    const extent = Math.max(1, ...data.map((d) => Math.abs(d[2] as number)));
    return {
      grid: { left: 90, right: 24, top: 16, bottom: 90 },
      tooltip: {
        formatter: (p: { value: number[] }) => {
          const [slot, day, diff, required, scheduled] = p.value as [number, number, number, number, number];
          const when = `${weekday(days[day] as string)} ${days[day]} ${slots[slot]}`;
          return `${when}<br/>required ${required}, scheduled ${formatNumber(scheduled, 1)}<br/>${diff < 0 ? "short" : "over"} ${formatNumber(Math.abs(diff), 1)}`;
        },
      },
      xAxis: { type: "category", data: slots, splitArea: { show: true }, axisLabel: { interval: 1 } },
      yAxis: {
        type: "category",
        data: days.map((d) => `${weekday(d)} ${d.slice(5)}`),
        inverse: true,
        splitArea: { show: true },
      },
      visualMap: {
        type: "continuous",
        min: -extent,
        max: extent,
        calculable: true,
        orient: "horizontal",
        left: "center",
        bottom: 8,
        text: ["over", "short"],
        inRange: { color: [SHORT_COLOUR, "#fff5f5", "#ffffff", "#e7f5ff", OVER_COLOUR] },
      },
      series: [
        {
          name: "Scheduled − required",
          type: "heatmap",
          data,
          label: {
            show: slots.length <= 32,
            fontSize: 9,
            formatter: (p: { value: number[] }) => formatNumber(p.value[2] as number, 0),
          },
          emphasis: { itemStyle: { borderColor: "#000", borderWidth: 1 } },
        },
      ],
    };
  }, [plan]);
  return (
    <Chart
      option={option}
      height={360}
      label={`Heat map of scheduled minus required agents per day and ${plan.result.intervalMinutes}-minute interval of ${plan.name}; red is short, blue is over`}
    />
  );
}

/** Required and scheduled agents over every interval of the week. */
function CoverageLines({ plan }: { plan: SchedulePlanDetail }) {
  const option = useMemo(() => {
    const { intervals, intervalMinutes } = plan.result;
    const perDay = 1440 / intervalMinutes;
    return {
      grid: { left: 56, right: 24, top: 40, bottom: 40 },
      legend: { top: 0, data: ["Required", "Scheduled"] },
      tooltip: { trigger: "axis", valueFormatter: (v: number) => formatNumber(v, 1) },
      xAxis: {
        type: "category",
        data: intervals.map((i) => `${weekday(i.start.slice(0, 10))} ${i.start.slice(5, 10)} ${i.start.slice(11)}`),
        boundaryGap: false,
        axisLabel: { interval: perDay - 1, formatter: (v: string) => v.slice(0, 9) },
        axisTick: { interval: perDay - 1 },
      },
      yAxis: { type: "value", name: "Agents", nameLocation: "middle", nameGap: 36 },
      series: [
        {
          name: "Required",
          type: "line",
          step: "end",
          data: intervals.map((i) => i.required),
          symbol: "none",
          lineStyle: { width: 2, type: "dashed", color: REQUIRED_COLOUR },
          itemStyle: { color: REQUIRED_COLOUR },
        },
        {
          name: "Scheduled",
          type: "line",
          step: "end",
          data: intervals.map((i) => i.scheduled),
          symbol: "none",
          lineStyle: { width: 1.5, color: SCHEDULED_COLOUR },
          itemStyle: { color: SCHEDULED_COLOUR },
          areaStyle: { color: SCHEDULED_COLOUR, opacity: 0.08 },
        },
      ],
    };
  }, [plan]);
  return (
    <Chart
      option={option}
      height={280}
      label={`Line chart of required and scheduled agents per interval of ${plan.name}`}
    />
  );
}

function Totals({ plan }: { plan: SchedulePlanDetail }) {
  const { totals, solver } = plan.result;
  const rows: [string, string][] = [
    ["Agents (shifts)", `${formatNumber(totals.agents)} (${formatNumber(totals.shifts)} shifts)`],
    ["Required agent-hours", formatNumber(totals.requiredHours, 1)],
    ["Scheduled agent-hours", formatNumber(totals.scheduledHours, 1)],
    ["Paid hours", formatNumber(totals.paidHours, 1)],
    ["Covered", formatShare(totals.coveredShare)],
    ["Short / over hours", `${formatNumber(totals.shortHours, 1)} / ${formatNumber(totals.overHours, 1)}`],
    ["Intervals short", formatNumber(totals.intervalsShort)],
    ["Solver", humanize(solver.status)],
    ["Objective / LP bound", `${formatNumber(solver.objective, 1)} / ${formatNumber(solver.lpBound, 1)}`],
    ["LP gap", formatShare(solver.lpGap)],
    ["Solve time", `${formatNumber(plan.summary.solveSeconds, 1)} s`],
  ];
  return (
    <Table aria-label="Totals of the schedule" data-testid="schedule-totals">
      <Table.Tbody>
        {rows.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Th>{name}</Table.Th>
            <Table.Td className="num" data-testid={`total-${name}`}>
              {value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Roster({ plan }: { plan: SchedulePlanDetail }) {
  const days = plan.result.roster[0]?.days.map((d) => d.day) ?? [];
  return (
    <Table.ScrollContainer minWidth={900} mah={480}>
      <Table striped stickyHeader aria-label="Roster" data-testid="roster">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Agent</Table.Th>
            <Table.Th>Pattern</Table.Th>
            {days.map((d) => (
              <Table.Th key={d}>
                {weekday(d)} {d.slice(5)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.result.roster.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{a.id}</Table.Td>
              <Table.Td>{humanize(a.pattern)}</Table.Td>
              {a.days.map((d) => (
                <Table.Td
                  key={d.day}
                  c={d.off ? "dimmed" : undefined}
                  title={d.breaks?.map((b) => `break ${b.start} (${b.minutes} min)`).join(", ")}
                >
                  {d.off ? "off" : `${d.start}–${d.end}`}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ChosenSchedule({ plan }: { plan: SchedulePlanDetail }) {
  const { totals, solver } = plan.result;
  return (
    <Stack>
      <Group gap="xs">
        <Title order={3}>{plan.name}</Title>
        <PlanStatus plan={plan} />
      </Group>
      <Text data-testid="schedule-summary">
        {formatNumber(totals.agents)} agents cover {formatShare(totals.coveredShare)} of the{" "}
        {formatNumber(totals.requiredHours, 1)} agent-hours required from {formatDay(plan.firstDay)} (
        {plan.result.timeZone} local time), {formatNumber(totals.shortHours, 1)} h short. The solver stopped at{" "}
        <Text span fw={600} data-testid="lp-gap">
          LP gap {formatShare(solver.lpGap)}
        </Text>{" "}
        ({humanize(solver.status)}, {formatNumber(plan.summary.solveSeconds, 1)} s): no schedule can cost less than{" "}
        {formatNumber(solver.lpBound, 1)} against this one's {formatNumber(solver.objective, 1)}.
      </Text>
      <Section
        title="Coverage heat map"
        subtitle={`Scheduled minus required agents per day and ${plan.result.intervalMinutes}-minute interval: red is short, blue is over.`}
      >
        <CoverageHeatmap plan={plan} />
      </Section>
      <Section
        title="Required and scheduled"
        subtitle="Agents required (the forecast staffed by Erlang C, with shrinkage) and agents scheduled (breaks taken out) per interval."
      >
        <CoverageLines plan={plan} />
      </Section>
      <SimpleGrid cols={{ base: 1, lg: 3 }}>
        <Section title="Totals">
          <Totals plan={plan} />
        </Section>
        <div style={{ gridColumn: "span 2" }}>
          <Section title="Roster" subtitle="Each agent's shifts; hover a shift for its breaks.">
            <Roster plan={plan} />
          </Section>
        </div>
      </SimpleGrid>
    </Stack>
  );
}

export function SchedulePage() {
  return (
    <PlansPage
      title="Schedule"
      calls={wfmPlansApi.schedules}
      columns={COLUMNS}
      what={{ one: "schedule", many: "schedules" }}
      listSubtitle="Publishing writes a schedule's requirement and scheduled staff into the warehouse's workforce intervals of its queue and week, and recomputes their metrics."
      make={(onMade) => <MakeSchedule onMade={onMade} />}
      view={(plan) => <ChosenSchedule plan={plan} />}
    />
  );
}
