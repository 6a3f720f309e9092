/**
 * Targets (`/targets`): set a target for a metric at a scope from a month on, with where it came from
 * (benchmark, client, internal, comparative data and its date) and, below the benchmark, the reason; the
 * API's message for a field shows next to that field. Beside it, the target-governance findings (Item 1.3) and
 * the history of every change.
 */
import {
  Alert,
  Anchor,
  Button,
  Card,
  Grid,
  Group,
  List,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { DateInput, MonthPickerInput } from "@mantine/dates";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import {
  ApiError,
  api,
  type CatalogMetric,
  type Finding,
  type ScopeLevel,
  TARGET_SOURCES,
  type Target,
  type TargetInput,
  type TargetSource,
} from "../api.ts";
import { MONTH_PICKER, parseScopeKey, ScopeSelect, scopeKey } from "../components/filters.tsx";
import { LoadState } from "../components/status.tsx";
import { formatDay, formatMonth, formatNumber, formatTimestamp, formatValue, unitLabel } from "../format.ts";
import { Link, useQueryState } from "../router.tsx";
import { useApi } from "../use-api.ts";
import { scopesOf } from "./MetricDetail.tsx";
import { FindingItem } from "./Overview.tsx";

const SOURCE_LABELS: Record<TargetSource, string> = {
  benchmark: "Benchmark",
  client: "Client requirement",
  internal: "Internal",
  comparative: "Comparative data",
};

/** This page with the form set to a series' metric and program (or the entity, for an entity-level series). */
const targetHref = (key: string) => {
  const at = key.indexOf("@");
  return at < 0
    ? `/targets?metric=${encodeURIComponent(key)}`
    : `/targets?metric=${encodeURIComponent(key.slice(0, at))}&scopeLevel=program&scopeId=${encodeURIComponent(key.slice(at + 1))}`;
};

/** "12 missing targets · 3 below the benchmark without a reason · …" */
function findingCounts(findings: readonly Finding[]): string {
  const names: Record<Finding["kind"], string> = {
    "missing-target": "without a target",
    "stale-comparative-data": "with comparative data over two years old",
    "below-benchmark-without-reason": "below the benchmark without a reason",
    "routinely-better-than-target": "better than target every month",
  };
  const counts = new Map<Finding["kind"], number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${formatNumber(n)} ${names[kind]}`).join(" · ");
}

const thisMonth = () => new Date().toISOString().slice(0, 7);

/** The benchmark a target is compared with: the named condition's, else the unconditional one, else the most lenient. */
function benchmarkOf(metric: CatalogMetric | undefined, condition: string | null): number | undefined {
  if (!metric?.benchmarks.length) return undefined;
  const named = condition ? metric.benchmarks.find((b) => b.condition === condition) : undefined;
  if (named) return named.value;
  const plain = metric.benchmarks.find((b) => !b.condition);
  if (plain) return plain.value;
  const values = metric.benchmarks.map((b) => b.value);
  return metric.direction === "lower" ? Math.max(...values) : Math.min(...values);
}

const isWorse = (value: number, benchmark: number, direction: string) =>
  direction === "lower" ? value > benchmark : value < benchmark;

interface FormState {
  value: number | string;
  effectiveFrom: string;
  source: TargetSource;
  comparativeDataDate: string | null;
  reason: string;
  benchmarkCondition: string | null;
}

function TargetForm({
  metrics,
  scopes,
  metricId,
  scope,
  inForce,
  onSelect,
  onSaved,
}: {
  metrics: readonly CatalogMetric[];
  scopes: ReturnType<typeof scopesOf>;
  metricId: string | null;
  scope: string | null;
  inForce: Target | undefined;
  onSelect: (metric: string | null, scope: string | null) => void;
  onSaved: (target: Target) => void;
}) {
  const metric = metrics.find((m) => m.id === metricId);
  const [form, setForm] = useState<FormState>({
    value: "",
    effectiveFrom: thisMonth(),
    source: "client",
    comparativeDataDate: null,
    reason: "",
    benchmarkCondition: null,
  });
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  // A newly chosen metric and scope start from the target in force.
  useEffect(() => {
    setForm((f) => ({ ...f, value: inForce?.value ?? "", source: inForce?.source ?? f.source }));
    setError(undefined);
  }, [inForce]);

  const benchmark = benchmarkOf(metric, form.benchmarkCondition);
  const below =
    metric &&
    benchmark !== undefined &&
    typeof form.value === "number" &&
    isWorse(form.value, benchmark, metric.direction);
  const conditions = metric?.benchmarks.flatMap((b) => (b.condition ? [b.condition] : [])) ?? [];
  const field = (name: string) => error?.fieldMessage(name);
  const unmatched = error?.details.filter(
    (d) =>
      ![
        "metric",
        "scope",
        "scope.id",
        "scope.level",
        "value",
        "effectiveFrom",
        "source",
        "comparativeDataDate",
        "reason",
        "benchmarkCondition",
      ].includes(d.field),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const target = parseScopeKey(scope);
    const input: TargetInput = {
      metric: metricId ?? "",
      scope: { level: (target?.level ?? "entity") as ScopeLevel, id: target?.id ?? "" },
      value: typeof form.value === "number" ? form.value : Number.NaN,
      effectiveFrom: form.effectiveFrom,
      source: form.source,
      ...(form.source === "comparative" && form.comparativeDataDate
        ? { comparativeDataDate: form.comparativeDataDate.slice(0, 10) }
        : {}),
      ...(form.reason.trim() ? { reason: form.reason.trim() } : {}),
      ...(form.benchmarkCondition ? { benchmarkCondition: form.benchmarkCondition } : {}),
    };
    if (!metricId || !target || typeof form.value !== "number") {
      setError(
        new ApiError(400, "Fill in the metric, the scope and the value.", [
          ...(!metricId ? [{ field: "metric", message: "choose a metric" }] : []),
          ...(!target ? [{ field: "scope.id", message: "choose a scope" }] : []),
          ...(typeof form.value !== "number" ? [{ field: "value", message: "enter the target value" }] : []),
        ]),
      );
      return;
    }
    setSaving(true);
    try {
      const saved = await api.setTarget(input);
      setError(undefined);
      notifications.show({
        color: "teal",
        title: "Target saved",
        message: `${metric?.name ?? saved.metric}: ${formatValue(saved.value, metric?.unit ?? "")} from ${formatMonth(saved.effectiveFrom)}`,
      });
      onSaved(saved);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, String(failure)));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card withBorder padding="md" component="form" onSubmit={submit} aria-label="Set a target" noValidate>
      <Title order={3} size="h4" mb="sm">
        Set a target
      </Title>
      <Stack gap="sm">
        <Select
          label="Metric"
          data={metrics.map((m) => ({ value: m.id, label: `${m.name} (${m.id})` }))}
          value={metricId}
          onChange={(id) => onSelect(id, scope)}
          searchable
          required
          placeholder="choose a metric: type to search"
          nothingFoundMessage="no such metric"
          error={field("metric")}
        />
        <ScopeSelect
          scopes={scopes}
          levels={["entity", "region", "location", "service", "program", "queue"]}
          value={scope}
          onChange={(key) => onSelect(metricId, key)}
          w="100%"
          error={field("scope.id") ?? field("scope.level") ?? field("scope")}
        />
        <Group grow align="flex-start">
          <NumberInput
            label={`Target${metric ? ` (${unitLabel(metric.unit)})` : ""}`}
            description={
              metric
                ? `${metric.direction === "lower" ? "lower" : "higher"} is better${benchmark !== undefined ? ` · benchmark ${formatValue(benchmark, metric.unit)}` : " · no benchmark"}`
                : "choose a metric first"
            }
            value={form.value}
            onChange={(value) => setForm((f) => ({ ...f, value }))}
            decimalScale={3}
            required
            error={field("value")}
          />
          <MonthPickerInput
            label="In force from"
            description="first month"
            value={`${form.effectiveFrom}-01`}
            onChange={(date) => date && setForm((f) => ({ ...f, effectiveFrom: String(date).slice(0, 7) }))}
            valueFormat="MMM YYYY"
            {...MONTH_PICKER}
            required
            error={field("effectiveFrom")}
          />
        </Group>
        <Group grow align="flex-start">
          <Select
            label="Source"
            data={TARGET_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))}
            value={form.source}
            onChange={(source) => source && setForm((f) => ({ ...f, source: source as TargetSource }))}
            allowDeselect={false}
            required
            error={field("source")}
          />
          {form.source === "comparative" && (
            <DateInput
              label="Date of the comparative data"
              value={form.comparativeDataDate}
              onChange={(date) => setForm((f) => ({ ...f, comparativeDataDate: date ? String(date) : null }))}
              valueFormat="YYYY-MM-DD"
              placeholder="YYYY-MM-DD"
              required
              error={field("comparativeDataDate")}
            />
          )}
        </Group>
        {conditions.length > 0 && (
          <Select
            label="Benchmark condition"
            description="which of the metric's benchmarks applies"
            data={conditions}
            value={form.benchmarkCondition}
            onChange={(benchmarkCondition) => setForm((f) => ({ ...f, benchmarkCondition }))}
            clearable
            error={field("benchmarkCondition")}
          />
        )}
        <Textarea
          label="Reason"
          description={
            below
              ? "This target is worse than the benchmark: say why (Item 1.3)."
              : "Required when the target is worse than the benchmark."
          }
          value={form.reason}
          onChange={(event) => {
            const reason = event.currentTarget.value;
            setForm((f) => ({ ...f, reason }));
          }}
          autosize
          minRows={2}
          withAsterisk={Boolean(below)}
          error={field("reason")}
        />
        {error && (
          <Alert color="red" title="The target was not saved" role="alert">
            {error.details.length > 0 && unmatched?.length === 0
              ? "Correct the fields marked in red, then save again."
              : error.message}
            {unmatched && unmatched.length > 0 && (
              <List size="sm">
                {unmatched.map((d) => (
                  <List.Item key={`${d.field}:${d.message}`}>
                    {d.field ? `${d.field}: ` : ""}
                    {d.message}
                  </List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={saving}>
            Save target
          </Button>
          {inForce && metric && (
            <Text size="sm" c="dimmed">
              In force now: {formatValue(inForce.value, metric.unit)} since {formatMonth(inForce.effectiveFrom)} (
              {SOURCE_LABELS[inForce.source]})
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function History({
  targets,
  metrics,
  names,
}: {
  targets: readonly Target[];
  metrics: readonly CatalogMetric[];
  names: ReadonlyMap<string, string>;
}) {
  const unitOf = new Map(metrics.map((m) => [m.id, m.unit]));
  const nameOf = new Map(metrics.map((m) => [m.id, m.name]));
  const rows = [...targets].sort((a, b) => b.changedAt.localeCompare(a.changedAt) || b.id - a.id);
  if (!rows.length) return <Text size="sm">No target has been set for this selection yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped aria-label="Target history" data-testid="target-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Changed</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Metric</Table.Th>
            <Table.Th>Scope</Table.Th>
            <Table.Th className="num">Target</Table.Th>
            <Table.Th>In force</Table.Th>
            <Table.Th>Source</Table.Th>
            <Table.Th className="num">Benchmark</Table.Th>
            <Table.Th>Reason</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((t) => {
            const unit = unitOf.get(t.metric) ?? "";
            const replaced = t.effectiveTo !== null && t.effectiveTo < t.effectiveFrom;
            return (
              <Table.Tr key={t.id} c={replaced ? "dimmed" : undefined}>
                <Table.Td>{formatTimestamp(t.changedAt)}</Table.Td>
                <Table.Td>{t.changedBy}</Table.Td>
                <Table.Td>
                  <Text size="sm">{nameOf.get(t.metric) ?? t.metric}</Text>
                  <Text size="xs" c="dimmed">
                    {t.metric}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {names.get(scopeKey(t.scope)) ?? t.scope.id}{" "}
                  <Text span size="xs" c="dimmed">
                    ({t.scope.level})
                  </Text>
                </Table.Td>
                <Table.Td className="num">{formatValue(t.value, unit)}</Table.Td>
                <Table.Td>
                  {replaced
                    ? "replaced before it began"
                    : `${formatMonth(t.effectiveFrom)} – ${t.effectiveTo ? formatMonth(t.effectiveTo) : "now"}`}
                </Table.Td>
                <Table.Td>
                  {SOURCE_LABELS[t.source]}
                  {t.comparativeDataDate ? ` (${formatDay(t.comparativeDataDate)})` : ""}
                </Table.Td>
                <Table.Td className="num">{t.benchmark === null ? "—" : formatValue(t.benchmark, unit)}</Table.Td>
                <Table.Td>{t.reason ?? ""}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function TargetsPage() {
  const { values, set } = useQueryState();
  const metricId = values.get("metric");
  const scopeLevel = values.get("scopeLevel");
  const scopeId = values.get("scopeId");
  const [onlySelection, setOnlySelection] = useState(true);
  const catalog = useApi((signal) => api.catalog(signal), []);
  const organisation = useApi((signal) => api.organisation(signal), []);
  const scopes = scopesOf(organisation.data);
  const entity = scopes.find((s) => s.level === "entity");
  const scope = scopeLevel && scopeId ? `${scopeLevel}:${scopeId}` : entity ? scopeKey(entity) : null;
  const parsed = parseScopeKey(scope);
  const history = useApi(
    (signal) =>
      api.targetHistory(
        onlySelection && metricId
          ? { metric: metricId, ...(parsed ? { scopeLevel: parsed.level, scopeId: parsed.id } : {}) }
          : {},
        signal,
      ),
    [onlySelection, metricId, scope],
  );
  const inForce = useApi((signal) => api.targetsInForce(thisMonth(), signal), []);
  const overview = useApi((signal) => api.overview({}, signal), []);
  const metrics = useMemo(
    () =>
      (catalog.data?.metrics ?? []).filter((m) => m.direction !== "none").sort((a, b) => a.name.localeCompare(b.name)),
    [catalog.data],
  );
  const current = inForce.data?.targets.find(
    (t) => t.metric === metricId && parsed && t.scope.level === parsed.level && t.scope.id === parsed.id,
  );
  const names = new Map(scopes.map((s) => [scopeKey(s), s.name]));
  const findings = (overview.data?.governance ?? []).filter(
    (f) => !metricId || f.key === metricId || f.key.startsWith(`${metricId}@`),
  );

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Targets</Title>
        <Text size="sm" c="dimmed">
          A target holds from its first month until the next one for the same metric and scope; a queue without its own
          target takes its program's, and a program its location's, region's, service's, then the entity's.
        </Text>
      </div>
      <LoadState loading={catalog.loading} error={catalog.error ?? organisation.error} what="the catalog">
        {catalog.data ? (
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <TargetForm
                metrics={metrics}
                scopes={scopes}
                metricId={metricId}
                scope={scope}
                inForce={current}
                onSelect={(metric, key) => {
                  const s = parseScopeKey(key);
                  set({ metric, scopeLevel: s?.level, scopeId: s?.id });
                }}
                onSaved={() => {
                  history.reload();
                  inForce.reload();
                  overview.reload();
                }}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <Card withBorder padding="md" aria-label="Target governance">
                <Title order={3} size="h4">
                  Target governance (1.3){metricId ? ` for ${metricId}` : ""}
                </Title>
                <LoadState loading={overview.loading} error={overview.error} what="governance findings">
                  {overview.data ? (
                    findings.length ? (
                      <>
                        <Text size="sm" c="dimmed" mt={4}>
                          {formatNumber(findings.length)} finding{findings.length === 1 ? "" : "s"} as of{" "}
                          {formatDay(overview.data.asOf)}: {findingCounts(findings)}
                        </Text>
                        <List size="sm" mt="xs" spacing={4} data-testid="governance">
                          {findings.slice(0, 25).map((f) => (
                            <List.Item key={`${f.kind}:${f.key}`}>
                              <FindingItem finding={f} />{" "}
                              <Anchor component={Link} href={targetHref(f.key)} size="sm">
                                Set its target
                              </Anchor>
                            </List.Item>
                          ))}
                        </List>
                        {findings.length > 25 && (
                          <Text size="sm" c="dimmed">
                            and {formatNumber(findings.length - 25)} more; choose a metric to see its own.
                          </Text>
                        )}
                      </>
                    ) : (
                      <Text size="sm" mt="xs">
                        No findings{metricId ? " for this metric" : ""}.
                      </Text>
                    )
                  ) : null}
                </LoadState>
              </Card>
            </Grid.Col>
          </Grid>
        ) : null}
      </LoadState>
      <Card withBorder padding="md">
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h4">
            History of changes
          </Title>
          <Switch
            label="Only the chosen metric and scope"
            checked={onlySelection}
            onChange={(event) => setOnlySelection(event.currentTarget.checked)}
            disabled={!metricId}
          />
        </Group>
        <LoadState loading={history.loading} error={history.error} what="the target history">
          {history.data ? (
            <History targets={history.data.targets} metrics={catalog.data?.metrics ?? []} names={names} />
          ) : null}
        </LoadState>
      </Card>
    </Stack>
  );
}
