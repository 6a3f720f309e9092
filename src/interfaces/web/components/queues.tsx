/**
 * The queues the workforce pages work on: those with contacts, busiest first as GET /api/wfm/queues lists them,
 * and a picker of them grouped by kind. A page opens on the busiest real-time queue — the kind staffing is
 * planned for, with handle time to forecast — or the busiest queue when there is none.
 */
import { Select } from "@mantine/core";
import type { ReactNode } from "react";
import { type WfmQueue, wfmApi } from "../api.ts";
import { humanize } from "../format.ts";
import { type Loaded, useApi } from "../use-api.ts";

export interface WfmQueues extends Loaded<{ queues: readonly WfmQueue[] }> {
  /** The queues with contacts, busiest first. */
  readonly withHistory: readonly WfmQueue[];
  /** The real-time ones among them. */
  readonly realTime: readonly WfmQueue[];
  /** The queue a page opens on; null while loading or without queues. */
  readonly busiest: string | null;
}

export function useWfmQueues(): WfmQueues {
  const queues = useApi((signal) => wfmApi.queues(signal), []);
  const withHistory = queues.data?.queues.filter((q) => q.contacts > 0) ?? [];
  const realTime = withHistory.filter((q) => q.kind === "real-time");
  return { ...queues, withHistory, realTime, busiest: (realTime[0] ?? withHistory[0])?.id ?? null };
}

/** A searchable queue picker, the queues grouped by kind. */
export function QueueSelect({
  queues,
  value,
  onChange,
  required,
  error,
}: {
  queues: readonly WfmQueue[];
  value: string | null;
  onChange: (queue: string) => void;
  required?: boolean;
  error?: ReactNode;
}) {
  const kinds = [...new Set(queues.map((q) => q.kind))];
  return (
    <Select
      label="Queue"
      data={kinds.map((kind) => ({
        group: humanize(kind),
        items: queues.filter((q) => q.kind === kind).map((q) => q.id),
      }))}
      value={value}
      onChange={(q) => q !== null && onChange(q)}
      allowDeselect={false}
      searchable
      required={required}
      error={error}
    />
  );
}
