/**
 * The answer-time distribution that the Standard asks to be measured and managed beside ASA: for each period
 * and scope, the share of answered real-time transactions (voice and other live transactions; chats by first
 * response) answered within each bound of `ANSWER_TIME_BOUNDS`, from the additive components stored per day.
 *
 * @example
 * ```ts
 * const rows = await answerTimeDistribution(warehouse, { by: "month", scope: "program" });
 * rows[0]; // { period: "2026-01", scope: "care", channel: "voice", answered: 812, asaSeconds: 24.1,
 *          //   buckets: [{ withinSeconds: 10, answered: 402, share: 0.495 }, …] }
 * ```
 */
import type { Warehouse } from "../warehouse.ts";
import { ANSWER_TIME_BOUNDS } from "./components/contacts.ts";
import { type MetricQuery, PERIOD_SQL, SCOPE_SQL } from "./compute.ts";

export interface AnswerTimeDistribution {
  readonly period: string;
  readonly scope: string;
  /** voice: live transactions other than chat (rt.asa); chat: first manual responses (rt.chat_asa). */
  readonly channel: "voice" | "chat";
  readonly answered: number;
  readonly asaSeconds: number;
  /** Cumulative: answered within each bound, and that as a share of all answered. */
  readonly buckets: readonly { readonly withinSeconds: number; readonly answered: number; readonly share: number }[];
}

const CHANNELS = {
  voice: { answered: "answered", wait: "answer_wait_seconds", within: "answered" },
  chat: { answered: "chat_first_responses", wait: "chat_first_response_wait_seconds", within: "chat_first_response" },
} as const;

/** The distribution of answer times per period × scope and channel, rolled up exactly from the components. */
export async function answerTimeDistribution(
  warehouse: Warehouse,
  query: Omit<MetricQuery, "metrics"> = {},
): Promise<AnswerTimeDistribution[]> {
  const by = query.by ?? "month";
  const scope = query.scope ?? "program";
  const ids = Object.values(CHANNELS).flatMap((c) => [
    c.answered,
    c.wait,
    ...ANSWER_TIME_BOUNDS.map((b) => `${c.within}_within_${b}s`),
  ]);
  const conditions = [
    "mc.process_group = 'human-real-time'",
    `mc.component IN (${ids.map((id) => `'${id}'`).join(", ")})`,
  ];
  const params: string[] = [];
  if (query.from) conditions.push(`strftime(day, '%Y-%m') >= $${params.push(query.from)}`);
  if (query.to) conditions.push(`strftime(day, '%Y-%m') <= $${params.push(query.to)}`);
  const rows = await warehouse.all<{ period: string; scope: string; component: string; value: number }>(
    `SELECT ${PERIOD_SQL[by]} AS period, ${SCOPE_SQL[scope]} AS scope, component, sum(value) AS value
     FROM metric_components mc
     LEFT JOIN programs p ON p.program_id = mc.program_id
     LEFT JOIN locations l ON l.location_id = p.location_id
     WHERE ${conditions.join(" AND ")}
     GROUP BY ALL ORDER BY period, scope`,
    params,
  );
  const cells = new Map<string, { period: string; scope: string; values: Map<string, number> }>();
  for (const row of rows) {
    const key = `${row.period}\u0000${row.scope}`;
    const cell = cells.get(key) ?? { period: row.period, scope: row.scope, values: new Map<string, number>() };
    cell.values.set(row.component, row.value);
    cells.set(key, cell);
  }
  const out: AnswerTimeDistribution[] = [];
  for (const cell of cells.values()) {
    for (const [channel, c] of Object.entries(CHANNELS) as [
      keyof typeof CHANNELS,
      (typeof CHANNELS)[keyof typeof CHANNELS],
    ][]) {
      const answered = cell.values.get(c.answered) ?? 0;
      if (answered === 0) continue;
      out.push({
        period: cell.period,
        scope: cell.scope,
        channel,
        answered,
        asaSeconds: (cell.values.get(c.wait) ?? 0) / answered,
        buckets: ANSWER_TIME_BOUNDS.map((bound) => {
          const within = cell.values.get(`${c.within}_within_${bound}s`) ?? 0;
          return { withinSeconds: bound, answered: within, share: within / answered };
        }),
      });
    }
  }
  return out;
}
