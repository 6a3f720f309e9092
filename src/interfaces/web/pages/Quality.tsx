/**
 * Quality (`/quality`): the quality manager's page for one program. The monitoring sample plan per month with
 * its precision and the three critical-error accuracies (2.7.1), then for the chosen month monitoring
 * compliance per CSS (3.5.1) and coaching and its consequences (3.5.2), evaluator calibration per quarter
 * (2.7.3), whether critical errors cost customer satisfaction (2.7.1.d.ii), and the frequent errors: the
 * Pareto of failed form attributes with each one's monthly trend (2.7.2) and the 3.5.1.e check of the stored
 * critical-error flags against the answers, for the program or one CSS. Program, month and the Pareto's
 * classes and CSS live in the URL; every number is the API's.
 */
import { Alert, Badge, Group, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useMemo } from "react";
import {
  api,
  type CalibrationReport,
  type CoachingReport,
  type ComplianceReport,
  type CxLink,
  type Estimate,
  type ParetoReport,
  type PlanRow,
  qualityPareto,
  type SamplePlan,
} from "../api.ts";
import { Chart } from "../components/Chart.tsx";
import { Section } from "../components/section.tsx";
import { LoadState } from "../components/status.tsx";
import { formatDay, formatMonth, formatNumber, formatShare, humanize } from "../format.ts";
import { useQueryState } from "../router.tsx";
import { useApi } from "../use-api.ts";

/** "97.6% (94.1–99.1%)": a share with its interval. */
export const withInterval = (e: Estimate) =>
  e.estimate === null
    ? "—"
    : `${formatShare(e.estimate)} (${formatShare(e.lower).replace("%", "")}–${formatShare(e.upper)})`;

/** ✓ or ✗ with words, never colour alone. */
const Flag = ({ bad, good, badText }: { bad: boolean; good: string; badText: string }) => (
  <Text span size="sm" fw={600} c={bad ? "red.8" : "teal.8"} style={{ whiteSpace: "nowrap" }}>
    {bad ? `✗ ${badText}` : `✓ ${good}`}
  </Text>
);

function PlanTable({ plan }: { plan: SamplePlan }) {
  const classes = ["customer", "business", "compliance"] as const;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped aria-label="Sample plan and critical-error accuracies" data-testid="plan-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Month</Table.Th>
            <Table.Th>Work</Table.Th>
            <Table.Th className="num">Volume</Table.Th>
            <Table.Th className="num">Required n</Table.Th>
            <Table.Th className="num">Monitored</Table.Th>
            <Table.Th>Precision</Table.Th>
            {classes.map((c) => (
              <Table.Th key={c}>{humanize(c)}-critical accuracy</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.rows.map((r: PlanRow) => (
            <Table.Tr key={`${r.month} ${r.work}`} data-row={`${r.month} ${r.work}`}>
              <Table.Td>{formatMonth(r.month)}</Table.Td>
              <Table.Td>{humanize(r.work)}</Table.Td>
              <Table.Td className="num">{formatNumber(r.volume)}</Table.Td>
              <Table.Td className="num">{r.required === null ? "—" : formatNumber(r.required)}</Table.Td>
              <Table.Td className="num">{formatNumber(r.monitored)}</Table.Td>
              <Table.Td>
                {r.achievedMargin === null ? (
                  r.worseThanPlan ? (
                    <Flag bad good="" badText="nothing monitored" />
                  ) : (
                    "—"
                  )
                ) : (
                  <Flag
                    bad={r.worseThanPlan}
                    good={`±${formatNumber(r.achievedMargin * 100, 1)} pts`}
                    badText={`±${formatNumber(r.achievedMargin * 100, 1)} pts`}
                  />
                )}
              </Table.Td>
              {classes.map((c) => (
                <Table.Td key={c} data-testid={`accuracy-${c}`}>
                  {withInterval(r.accuracy[c])}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ComplianceTable({ report }: { report: ComplianceReport }) {
  const list = (c: ComplianceReport["csss"][number], status: string) =>
    c.checks
      .filter((k) => k.status === status)
      .map((k) => `${humanize(k.check)} ${k.transactionType ?? k.period}`)
      .join(", ") || "—";
  const overdue = report.csss.filter((c) => c.overdue > 0).length;
  return (
    <Stack gap="xs">
      <Text size="sm" data-testid="compliance-summary">
        {overdue} of {report.csss.length} CSSs overdue, as of {formatDay(report.asOf)} (quarter {report.quarter}).
      </Text>
      <Table.ScrollContainer minWidth={800}>
        <Table striped aria-label="Monitoring compliance per CSS" data-testid="compliance-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>CSS</Table.Th>
              <Table.Th className="num">Handled</Table.Th>
              <Table.Th className="num">Monitored</Table.Th>
              <Table.Th className="num">Failed</Table.Th>
              <Table.Th>Overdue</Table.Th>
              <Table.Th>Due</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.csss.map((c) => (
              <Table.Tr key={c.css} data-css={c.css}>
                <Table.Td>{c.css}</Table.Td>
                <Table.Td className="num">{formatNumber(c.handled)}</Table.Td>
                <Table.Td className="num">{formatNumber(c.systematic)}</Table.Td>
                <Table.Td className="num">{formatNumber(c.failed)}</Table.Td>
                <Table.Td c={c.overdue ? "red" : undefined}>{list(c, "overdue")}</Table.Td>
                <Table.Td>{list(c, "due")}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function CoachingTable({ report }: { report: CoachingReport }) {
  const s = report.summary;
  return (
    <Stack gap="xs">
      <Text size="sm" data-testid="coaching-summary">
        {s.failed} failed evaluations: {s.coached} coached on time, {s.coachedLate} late, {s.due} due, {s.overdue}{" "}
        overdue. {s.correctiveActions} corrective actions ({report.settings.repeatFailures} failures in{" "}
        {report.settings.repeatWindowDays} days); {s.removeFromCustomers} CSSs to keep off customers.
      </Text>
      {report.csss.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped aria-label="Coaching and consequences per CSS" data-testid="coaching-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>CSS</Table.Th>
                <Table.Th>Failed transactions and coaching</Table.Th>
                <Table.Th>Closer monitoring</Table.Th>
                <Table.Th>Corrective action</Table.Th>
                <Table.Th>Off customers</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.csss.map((c) => (
                <Table.Tr key={c.css}>
                  <Table.Td>{c.css}</Table.Td>
                  <Table.Td>
                    {c.failed.map((f) => `${formatDay(f.date)}: ${humanize(f.status)}`).join(", ") || "—"}
                  </Table.Td>
                  <Table.Td>
                    {c.followUp
                      ? `${c.followUp.monitored} of ${c.followUp.required} in ${formatMonth(c.followUp.month)} (${c.followUp.status})`
                      : "—"}
                  </Table.Td>
                  <Table.Td>
                    {c.correctiveAction
                      ? `raised ${formatDay(c.correctiveAction.raisedOn)}, ${
                          c.correctiveAction.resolved ? `resolved ${formatDay(c.correctiveAction.resolvedOn)}` : "open"
                        }`
                      : "—"}
                  </Table.Td>
                  <Table.Td>
                    {c.removeFromCustomers ? <Badge color="red">✗ remove until resolved</Badge> : "no"}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function CalibrationTable({ report }: { report: CalibrationReport }) {
  if (report.quarters.length === 0) return <Text size="sm">No calibration sessions or evaluations.</Text>;
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped aria-label="Calibration per evaluator" data-testid="calibration-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Quarter</Table.Th>
            <Table.Th>Evaluator</Table.Th>
            <Table.Th className="num">Transactions</Table.Th>
            <Table.Th>Agreement with the reference</Table.Th>
            <Table.Th>Weakest attribute</Table.Th>
            <Table.Th>Cohen's kappa</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.quarters.flatMap((q) => [
            ...q.evaluators.map((e) => {
              const weakest = [...e.byAttribute].sort((a, b) => (a.share ?? 1) - (b.share ?? 1))[0];
              return (
                <Table.Tr key={`${q.quarter} ${e.evaluator}`} data-evaluator={`${q.quarter} ${e.evaluator}`}>
                  <Table.Td>{q.quarter}</Table.Td>
                  <Table.Td>{e.evaluator}</Table.Td>
                  <Table.Td className="num">{formatNumber(e.transactions)}</Table.Td>
                  <Table.Td data-testid="agreement">
                    <Group gap="xs">
                      <span>{withInterval({ estimate: e.share, lower: e.lower, upper: e.upper })}</span>
                      <Flag bad={e.belowThreshold} good="" badText={`under ${formatShare(report.threshold)}`} />
                    </Group>
                  </Table.Td>
                  <Table.Td>{weakest ? `${weakest.attribute} ${formatShare(weakest.share)}` : "—"}</Table.Td>
                  <Table.Td>
                    {e.kappa.kappa === null
                      ? "—"
                      : `${formatNumber(e.kappa.kappa, 2)} (${formatNumber(e.kappa.lower ?? 0, 2)} to ${formatNumber(e.kappa.upper ?? 0, 2)})`}
                  </Table.Td>
                </Table.Tr>
              );
            }),
            ...q.missing.map((m) => (
              <Table.Tr key={`${q.quarter} ${m} missing`}>
                <Table.Td>{q.quarter}</Table.Td>
                <Table.Td>{m}</Table.Td>
                <Table.Td colSpan={4}>
                  <Badge color="red" variant="light">
                    ✗ not calibrated this quarter
                  </Badge>
                </Table.Td>
              </Table.Tr>
            )),
          ])}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CxLinkTable({ link }: { link: CxLink }) {
  const points = (x: number) => `${x > 0 ? "+" : ""}${formatNumber(x * 100, 1)}`;
  const rate = (r: CxLink["classes"][number]["withError"]) =>
    r.rate === null
      ? "—"
      : `${withInterval({ estimate: r.rate, lower: r.lower, upper: r.upper })} of ${formatNumber(r.transactions)}`;
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped aria-label="Critical errors and satisfaction" data-testid="cx-link-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Critical error</Table.Th>
            <Table.Th>Top-box rate without it</Table.Th>
            <Table.Th>With it</Table.Th>
            <Table.Th>Difference (points)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {link.classes.map((c) => (
            <Table.Tr key={c.errorClass} data-class={c.errorClass}>
              <Table.Td>{humanize(c.errorClass)}</Table.Td>
              <Table.Td>{rate(c.withoutError)}</Table.Td>
              <Table.Td>{rate(c.withError)}</Table.Td>
              <Table.Td>
                {c.difference
                  ? `${points(c.difference.estimate)} (${points(c.difference.lower)} to ${points(c.difference.upper)})`
                  : "—"}
                {c.costsSatisfaction && (
                  <Badge ml="xs" color="red" variant="light" size="sm">
                    ✗ costs satisfaction
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const BAR_COLOUR = "#1c7ed6";
const CUMULATIVE_COLOUR = "#e8590c";
const TREND_COLOURS = ["#1c7ed6", "#e8590c", "#2f9e44", "#7048e8", "#c2255c"];

/** Failures per attribute as bars, most first, with the cumulative share as a line against the 80% mark. */
function ParetoChart({ report }: { report: ParetoReport }) {
  const option = useMemo(
    () => ({
      grid: { left: 56, right: 56, top: 40, bottom: 72 },
      legend: { top: 0, data: ["Failures", "Cumulative share"] },
      tooltip: { trigger: "axis" },
      xAxis: {
        type: "category",
        data: report.attributes.map((a) => a.attribute),
        axisLabel: { interval: 0, rotate: report.attributes.length > 6 ? 30 : 0 },
      },
      yAxis: [
        { type: "value", name: "Failures", nameLocation: "middle", nameGap: 40, minInterval: 1 },
        {
          type: "value",
          name: "Cumulative",
          nameLocation: "middle",
          nameGap: 44,
          min: 0,
          max: 100,
          axisLabel: { formatter: "{value}%" },
          splitLine: { show: false },
        },
      ],
      series: [
        {
          name: "Failures",
          type: "bar",
          data: report.attributes.map((a) => a.failures),
          itemStyle: { color: BAR_COLOUR },
        },
        {
          name: "Cumulative share",
          type: "line",
          yAxisIndex: 1,
          data: report.attributes.map((a) => +(a.cumulativeShare * 100).toFixed(1)),
          itemStyle: { color: CUMULATIVE_COLOUR },
          lineStyle: { color: CUMULATIVE_COLOUR },
          tooltip: { valueFormatter: (v: number) => `${v}%` },
          markLine: {
            silent: true,
            symbol: "none",
            lineStyle: { type: "dashed", color: "#868e96" },
            label: { show: false },
            data: [{ yAxis: 80 }],
          },
        },
      ],
    }),
    [report],
  );
  return (
    <Chart
      option={option}
      height={320}
      label={`Pareto of failed attributes: ${report.attributes.map((a) => `${a.attribute} ${a.failures}`).join(", ")}`}
    />
  );
}

/** Failures per 100 evaluations by month of the vital few (at most five). */
function ParetoTrendChart({ report }: { report: ParetoReport }) {
  const option = useMemo(() => {
    const shown = report.attributes.filter((a) => a.vitalFew).slice(0, TREND_COLOURS.length);
    return {
      grid: { left: 56, right: 24, top: 40, bottom: 32 },
      legend: { top: 0, data: shown.map((a) => a.attribute) },
      tooltip: { trigger: "axis", valueFormatter: (v: number | null) => (v === null ? "—" : formatNumber(v, 1)) },
      xAxis: { type: "category", data: report.months.map((m) => formatMonth(m)) },
      yAxis: { type: "value", name: "Per 100 evaluations", nameLocation: "middle", nameGap: 40 },
      series: shown.map((a, i) => ({
        name: a.attribute,
        type: "line",
        data: a.months.map((m) => (m.ratePer100 === null ? null : +m.ratePer100.toFixed(2))),
        itemStyle: { color: TREND_COLOURS[i] },
        lineStyle: { color: TREND_COLOURS[i] },
      })),
    };
  }, [report]);
  return (
    <Chart option={option} height={240} label="Monthly failures per 100 evaluations of the vital few attributes" />
  );
}

function ParetoTable({ report }: { report: ParetoReport }) {
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped aria-label="Frequent errors" data-testid="pareto-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Attribute</Table.Th>
            <Table.Th>Class</Table.Th>
            <Table.Th>Failures</Table.Th>
            <Table.Th>Share</Table.Th>
            <Table.Th>Cumulative</Table.Th>
            {report.months.map((m) => (
              <Table.Th key={m}>{formatMonth(m)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.attributes.map((a) => (
            <Table.Tr key={a.attribute} data-attribute={a.attribute}>
              <Table.Td>
                <Text size="sm" fw={a.vitalFew ? 600 : 400}>
                  {a.vitalFew ? `★ ${a.attribute}` : a.attribute}
                </Text>
                {a.label && (
                  <Text size="xs" c="dimmed">
                    {a.label}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {a.class === null ? (
                  "—"
                ) : (
                  <Badge variant="light" color={a.class === "non-critical" ? "gray" : "red"} size="sm">
                    {humanize(a.class)}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{formatNumber(a.failures)}</Table.Td>
              <Table.Td>{formatShare(a.share)}</Table.Td>
              <Table.Td>{formatShare(a.cumulativeShare)}</Table.Td>
              {a.months.map((m) => (
                <Table.Td key={m.month}>{m.ratePer100 === null ? "—" : formatNumber(m.ratePer100, 1)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The 3.5.1.e reading of the answers, in words. */
function Consistency({ report }: { report: ParetoReport }) {
  const c = report.consistency;
  return (
    <Stack gap={4} data-testid="pareto-consistency">
      <Text size="sm">
        3.5.1.e: {formatNumber(c.failed)} of {formatNumber(c.evaluations)} evaluations hold a critical error and fail;{" "}
        {formatNumber(c.nonCriticalOnly)} failed only non-critical attributes (they pass, but are defects).
      </Text>
      <Flag
        bad={c.disagreeing > 0}
        good="Every evaluation's critical-error flags agree with its answers."
        badText={`${formatNumber(c.disagreeing)} evaluations' stored flags disagree with their answers (e.g. ${c.examples.join(", ")}).`}
      />
      {c.unknownAttributes > 0 && (
        <Text size="sm" c="red.8">
          ✗ {formatNumber(c.unknownAttributes)} answers name an attribute missing from their form version.
        </Text>
      )}
    </Stack>
  );
}

export function QualityPage() {
  const { values, set } = useQueryState();
  const plans = useApi((signal) => api.quality.plan({}, signal), []);
  const programs = [...new Set(plans.data?.rows.map((r) => r.program) ?? [])];
  const program = values.get("program") ?? programs[0] ?? "";
  const months = [...new Set(plans.data?.rows.filter((r) => r.program === program).map((r) => r.month) ?? [])];
  const month = values.get("month") ?? months.at(-1) ?? "";
  const ready = program !== "" && month !== "";

  const compliance = useApi(
    (signal) => (ready ? api.quality.compliance({ program, month }, signal) : Promise.resolve(undefined)),
    [program, month],
  );
  const coaching = useApi(
    (signal) => (ready ? api.quality.coaching({ program, month }, signal) : Promise.resolve(undefined)),
    [program, month],
  );
  const calibration = useApi(
    (signal) => (program ? api.quality.calibration({ program }, signal) : Promise.resolve(undefined)),
    [program],
  );
  const link = useApi(
    (signal) => (program ? api.quality.cxLink({ program }, signal) : Promise.resolve(undefined)),
    [program],
  );
  const errors = values.get("errors") === "critical" ? "critical" : "all";
  const css = values.get("css") ?? undefined;
  const pareto = useApi(
    (signal) => (program ? qualityPareto({ program, agent: css, class: errors }, signal) : Promise.resolve(undefined)),
    [program, css, errors],
  );
  const plan = plans.data && { ...plans.data, rows: plans.data.rows.filter((r) => r.program === program) };

  return (
    <Stack>
      <Title order={2}>Quality</Title>
      <LoadState loading={plans.loading} error={plans.error} what="the sample plan">
        {plans.data && programs.length === 0 ? (
          <Alert title="No QA data">Load contacts and QA evaluations on the Data page.</Alert>
        ) : (
          plan && (
            <Stack>
              <SimpleGrid cols={{ base: 1, sm: 2 }} maw={600}>
                <Select
                  label="Program"
                  data={programs}
                  value={program}
                  onChange={(p) => set({ program: p, month: null })}
                  allowDeselect={false}
                  searchable
                />
                <Select
                  label="Month"
                  data={months.map((m) => ({ value: m, label: formatMonth(m) }))}
                  value={month}
                  onChange={(m) => set({ month: m })}
                  allowDeselect={false}
                />
              </SimpleGrid>
              <Section
                title="Sample plan and critical-error accuracies"
                subtitle={`Monitored transactions against the sample ±${formatNumber(plan.margin * 100)} points needs at ${formatShare(plan.confidence)} confidence; accuracies with Wilson intervals (2.7.1).`}
              >
                <PlanTable plan={plan} />
              </Section>
            </Stack>
          )
        )}
      </LoadState>
      {ready && (
        <>
          <Section title="Monitoring compliance" subtitle={`Each CSS's monitoring in ${formatMonth(month)} (3.5.1).`}>
            <LoadState loading={compliance.loading} error={compliance.error} what="monitoring compliance">
              {compliance.data ? <ComplianceTable report={compliance.data} /> : null}
            </LoadState>
          </Section>
          <Section
            title="Coaching and consequences"
            subtitle={`Failed monitoring in ${formatMonth(month)}: coaching, closer monitoring, corrective action (3.5.2).`}
          >
            <LoadState loading={coaching.loading} error={coaching.error} what="coaching">
              {coaching.data ? <CoachingTable report={coaching.data} /> : null}
            </LoadState>
          </Section>
        </>
      )}
      {program && (
        <>
          <Section
            title="Calibration"
            subtitle="Each evaluator's agreement with the session's reference, per quarter, and who was not calibrated (2.7.3)."
          >
            <LoadState loading={calibration.loading} error={calibration.error} what="calibration">
              {calibration.data ? <CalibrationTable report={calibration.data} /> : null}
            </LoadState>
          </Section>
          <Section
            title="Critical errors and customer satisfaction"
            subtitle={
              link.data
                ? `${formatNumber(link.data.transactions)} transactions both monitored and surveyed; top-${link.data.topBoxes}-box rates (2.7.1.d.ii).`
                : "Transactions both monitored and surveyed (2.7.1.d.ii)."
            }
          >
            <LoadState loading={link.loading} error={link.error} what="the link to satisfaction">
              {link.data ? <CxLinkTable link={link.data} /> : null}
            </LoadState>
          </Section>
          <Section
            title="Frequent errors"
            subtitle={
              pareto.data
                ? `Failed form attributes in ${formatNumber(pareto.data.evaluations)} evaluations${css ? ` of ${css}` : ""}, most frequent first; ★ the vital few that make the first 80% of failures; the trend as failures per 100 evaluations (2.7.2).`
                : "Failed form attributes, most frequent first, with their trend (2.7.2)."
            }
          >
            <Group mb="sm" align="end">
              <SegmentedControl
                aria-label="Classes of error"
                value={errors}
                onChange={(v) => set({ errors: v === "critical" ? "critical" : null })}
                data={[
                  { value: "all", label: "All errors" },
                  { value: "critical", label: "Critical only" },
                ]}
              />
              <Select
                label="CSS"
                placeholder="Every CSS"
                data={[...new Set([...(compliance.data?.csss.map((c) => c.css) ?? []), ...(css ? [css] : [])])]}
                value={css ?? null}
                onChange={(c) => set({ css: c })}
                clearable
                searchable
                w={200}
              />
            </Group>
            <LoadState loading={pareto.loading} error={pareto.error} what="the frequent errors">
              {pareto.data &&
                (pareto.data.attributes.length === 0 ? (
                  <Text size="sm">
                    No failed attributes: load QA forms and answers (qa_form_attributes, qa_answers).
                  </Text>
                ) : (
                  <Stack>
                    <ParetoChart report={pareto.data} />
                    <ParetoTrendChart report={pareto.data} />
                    <ParetoTable report={pareto.data} />
                    <Consistency report={pareto.data} />
                  </Stack>
                ))}
            </LoadState>
          </Section>
        </>
      )}
    </Stack>
  );
}
