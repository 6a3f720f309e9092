/**
 * A metric per CSS: the same components as the stored ones, grouped by agent instead of day × queue, for the
 * drill-down below a program. Only metrics whose every component comes from rows of one CSS's work (contacts,
 * agent time, QA evaluations) can be split this way; for the others (surveys, people, systems) there is no answer.
 *
 * Agent values are computed on demand from the canonical tables with the default settings, where the stored
 * components were computed with the settings of the last recompute.
 *
 * @example
 * ```ts
 * await agentValues(warehouse, pack, { metric: "rt.aht", from: "2026-01", to: "2026-03", programs: ["care"] });
 * // [{ agent: "a-102", value: 312.4, components: { handle_seconds: 93720, handled: 300 } }, ...]
 * ```
 */
import type { Pack } from "../../standard/pack.ts";
import type { Warehouse } from "../warehouse.ts";
import { COMPONENT_GROUPS, DEFAULT_SETTINGS } from "./components/index.ts";
import { defineLocalDay, evaluator, formulaComponents } from "./compute.ts";

export interface AgentQuery {
  readonly metric: string;
  /** First and last month, YYYY-MM (inclusive). */
  readonly from: string;
  readonly to: string;
  /** Only these programs' work. */
  readonly programs?: readonly string[];
}

export interface AgentValue {
  readonly agent: string;
  readonly value: number | null;
  readonly components: Readonly<Record<string, number>>;
}

/** Values per agent over the months, best first by the metric's direction; null when not attributable to agents. */
export async function agentValues(warehouse: Warehouse, pack: Pack, query: AgentQuery): Promise<AgentValue[] | null> {
  const metric = pack.findMetric(query.metric);
  if (!metric) throw new Error(`no metric "${query.metric}" in the catalog`);
  const needs = formulaComponents(metric.formula);
  const groups = (COMPONENT_GROUPS[metric.group] ?? []).filter((g) => needs.some((c) => c in g.components));
  if (!needs.every((c) => groups.some((g) => c in g.components))) return null;
  await defineLocalDay(warehouse);

  const sums = new Map<string, Record<string, number>>();
  for (const group of groups) {
    const base = group.base(DEFAULT_SETTINGS);
    const columns = await warehouse.all<{ column_name: string }>(`DESCRIBE SELECT * FROM (${base}) LIMIT 0`);
    if (!columns.some((c) => c.column_name === "agent_id")) return null;
    const names = needs.filter((c) => c in group.components);
    const params: string[] = [query.from, query.to];
    const programs = query.programs?.length
      ? `AND program_id IN (${query.programs.map((p) => `$${params.push(p)}`).join(", ")})`
      : "";
    const rows = await warehouse.all<Record<string, number | string | null>>(
      `SELECT agent_id, ${names.map((c) => `CAST(${group.components[c]} AS DOUBLE) AS ${c}`).join(", ")}
       FROM (${base}) AS base
       WHERE agent_id IS NOT NULL AND strftime(day, '%Y-%m') BETWEEN $1 AND $2 ${programs}
       GROUP BY agent_id`,
      params,
    );
    for (const row of rows) {
      const agent = String(row.agent_id);
      const sum = sums.get(agent) ?? {};
      for (const c of names) if (row[c] !== null) sum[c] = (sum[c] ?? 0) + Number(row[c]);
      sums.set(agent, sum);
    }
  }

  const evaluate = evaluator(metric.formula);
  const out: AgentValue[] = [];
  for (const [agent, components] of sums) {
    if (!needs.every((c) => components[c] !== undefined) || needs.every((c) => components[c] === 0)) continue;
    out.push({ agent, value: evaluate(components), components });
  }
  const sign = metric.direction === "lower" ? 1 : -1;
  return out.sort(
    (a, b) =>
      (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) ||
      sign * ((a.value ?? 0) - (b.value ?? 0)) ||
      a.agent.localeCompare(b.agent),
  );
}
