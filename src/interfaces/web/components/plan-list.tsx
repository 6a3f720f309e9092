/**
 * What the Capacity plan and Schedule pages share: the list of saved plans (choose one, publish it, delete it)
 * and the status badge of a plan. The columns of headline numbers differ and are given by the page.
 */
import { Alert, Badge, Button, Group, Table, Text } from "@mantine/core";
import { useState } from "react";
import type { PublishedPlan, WfmPlanItem } from "../api.ts";
import { formatDay, formatNumber, formatTimestamp } from "../format.ts";

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
export function PlanList<S>({
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
