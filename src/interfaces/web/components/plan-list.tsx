/**
 * What the Capacity plan and Schedule pages share: the page itself — the form that makes a plan, the list of
 * saved plans (choose one, publish it, delete it) and the chosen plan — and the status badge of a plan. The
 * form, the columns of headline numbers and the view of a plan differ and are given by the page.
 */
import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { type ReactNode, useState } from "react";
import type { PlanCalls, PublishedPlan, WfmPlanItem } from "../api.ts";
import { formatDay, formatNumber, formatTimestamp } from "../format.ts";
import { useQueryState } from "../router.tsx";
import { useApi } from "../use-api.ts";
import { Section } from "./section.tsx";
import { LoadState } from "./status.tsx";

/**
 * A page of one kind of plan: the form, the saved plans, and the chosen one — `?id=` in the URL, else the
 * newest. A plan made or deleted reloads the list.
 */
export function PlansPage<S, D extends WfmPlanItem<S>>({
  title,
  calls,
  columns,
  what,
  listSubtitle,
  make,
  view,
}: {
  title: string;
  calls: PlanCalls<S, D>;
  columns: readonly PlanColumn<S>[];
  /** One plan and the saved ones in words, e.g. "schedule" and "schedules". */
  what: { one: string; many: string };
  listSubtitle: string;
  make: (onMade: (plan: D) => void) => ReactNode;
  view: (plan: D) => ReactNode;
}) {
  const { values, set } = useQueryState();
  const list = useApi((signal) => calls.list(undefined, signal), []);
  const given = values.get("id");
  const chosen = given ? Number(given) : list.data?.plans[0]?.id;
  const plan = useApi(
    (signal) => (chosen ? calls.get(chosen, signal) : Promise.resolve(undefined)),
    [chosen, list.data],
  );
  const saved = `Saved ${what.many}`;

  return (
    <Stack>
      <Title order={2}>{title}</Title>
      {make((made) => {
        set({ id: String(made.id) });
        list.reload();
      })}
      <Section title={saved} subtitle={listSubtitle}>
        <LoadState loading={list.loading} error={list.error} what={`the ${what.many}`}>
          {list.data ? (
            <PlanList
              plans={list.data.plans}
              columns={columns}
              chosen={chosen}
              onChoose={(id) => set({ id: String(id) })}
              onPublish={async (id) => {
                const done = await calls.publish(id);
                list.reload();
                return done;
              }}
              onDelete={async (id) => {
                await calls.remove(id);
                if (id === chosen) set({ id: null });
                list.reload();
              }}
              label={saved}
            />
          ) : null}
        </LoadState>
      </Section>
      {chosen !== undefined && (
        <LoadState loading={plan.loading} error={plan.error} what={`the ${what.one}`}>
          {plan.data ? view(plan.data) : null}
        </LoadState>
      )}
    </Stack>
  );
}

/** Draft or published: a word with the colour, never colour alone. */
export function PlanStatus({ plan }: { plan: Pick<WfmPlanItem<unknown>, "status" | "publishedBy" | "publishedAt"> }) {
  return plan.status === "published" ? (
    <Badge
      color="teal"
      variant="light"
      leftSection="✓"
      title={`published by ${plan.publishedBy ?? "?"} at ${formatTimestamp(plan.publishedAt)}`}
    >
      published
    </Badge>
  ) : (
    <Badge color="gray" variant="light">
      draft
    </Badge>
  );
}

/** One column of headline numbers. */
export interface PlanColumn<S> {
  readonly title: string;
  readonly value: (summary: S) => string;
}

/** What publishing wrote, in words. */
export const publishedText = (p: PublishedPlan) =>
  `Published: ${formatNumber(p.rows)} workforce intervals written (${formatNumber(p.inserted)} new, ` +
  `${formatNumber(p.updated)} updated), metrics of ${formatNumber(p.daysRecomputed)} days recomputed.`;

/**
 * The saved plans, newest first; the chosen one is highlighted. Publishing and deleting ask the API and then
 * `onChanged` so the page loads the list (and the chosen plan) again.
 */
function PlanList<S>({
  plans,
  columns,
  chosen,
  onChoose,
  onPublish,
  onDelete,
  label,
}: {
  plans: readonly WfmPlanItem<S>[];
  columns: readonly PlanColumn<S>[];
  chosen: number | undefined;
  onChoose: (id: number) => void;
  onPublish: (id: number) => Promise<PublishedPlan>;
  onDelete: (id: number) => Promise<void>;
  label: string;
}) {
  const [busy, setBusy] = useState<number>();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const act = async (id: number, work: () => Promise<string>) => {
    setBusy(id);
    setMessage(undefined);
    try {
      setMessage({ ok: true, text: await work() });
    } catch (error) {
      setMessage({ ok: false, text: (error as Error).message });
    } finally {
      setBusy(undefined);
    }
  };
  if (plans.length === 0) {
    return <Text c="dimmed">None saved yet: make one with the form above.</Text>;
  }
  return (
    <>
      {message && (
        <Alert color={message.ok ? "teal" : "red"} mb="sm" role={message.ok ? "status" : "alert"}>
          {message.text}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={720}>
        <Table highlightOnHover aria-label={label} data-testid="plan-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>From</Table.Th>
              {columns.map((c) => (
                <Table.Th key={c.title} className="num">
                  {c.title}
                </Table.Th>
              ))}
              <Table.Th>Status</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plans.map((p) => (
              <Table.Tr
                key={p.id}
                data-plan={p.id}
                bg={p.id === chosen ? "var(--mantine-color-blue-light)" : undefined}
                aria-selected={p.id === chosen}
              >
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => onChoose(p.id)}>
                    {p.name}
                  </Button>
                  <Text size="xs" c="dimmed" px={10}>
                    by {p.createdBy}, {formatTimestamp(p.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDay(p.firstDay)}</Table.Td>
                {columns.map((c) => (
                  <Table.Td key={c.title} className="num">
                    {c.value(p.summary)}
                  </Table.Td>
                ))}
                <Table.Td miw={110}>
                  <PlanStatus plan={p} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-sm"
                      variant="light"
                      loading={busy === p.id}
                      onClick={() => act(p.id, async () => publishedText(await onPublish(p.id)))}
                    >
                      Publish
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      disabled={busy === p.id}
                      onClick={() =>
                        act(p.id, async () => {
                          await onDelete(p.id);
                          return `Deleted ${p.name}.`;
                        })
                      }
                    >
                      Delete
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
