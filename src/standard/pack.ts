/**
 * Loading standard packs: read a pack folder, validate every file against the schema, and check the
 * facts that span files (totals, parent links, alternatives).
 *
 * @example
 * ```ts
 * const pack = loadPack("copc-cx-cc-7.0");
 * pack.metric("rt.service_level").benchmarks; // []
 * pack.availablePoints("osp"); // 4360
 * ```
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ZodType, z } from "zod";
import {
  type Applicability,
  Item,
  type Item as ItemT,
  Metric,
  type Metric as MetricT,
  PackManifest,
  Requirement,
  type Requirement as RequirementT,
  Waiver,
  type Waiver as WaiverT,
} from "./schema.ts";

export const PACKS_DIR = fileURLToPath(new URL("./packs/", import.meta.url));
export const DEFAULT_PACK = "copc-cx-cc-7.0";

/** A problem found while loading a pack, naming the file and the place in it. */
export class PackError extends Error {
  constructor(
    readonly problems: readonly string[],
    readonly packId: string,
  ) {
    super(`standard pack ${packId} is invalid:\n  ${problems.join("\n  ")}`);
    this.name = "PackError";
  }
}

export interface Pack {
  readonly manifest: PackManifest;
  readonly items: readonly ItemT[];
  readonly requirements: readonly RequirementT[];
  readonly waivers: readonly WaiverT[];
  readonly metrics: readonly MetricT[];
  /** The metric with this id; throws if the pack has none. */
  metric(id: string): MetricT;
  /** The metric with this id, or undefined. */
  findMetric(id: string): MetricT | undefined;
  item(id: string): ItemT;
  /** Items that apply to a provider kind. */
  itemsFor(kind: Exclude<Applicability, "both">): ItemT[];
  /** Sum of the points of the items that apply to a provider kind. */
  availablePoints(kind: Exclude<Applicability, "both">): number;
}

/** Ids of the packs shipped with cxpm. */
export function listPacks(): string[] {
  return readdirSync(PACKS_DIR)
    .filter((name) => existsSync(join(PACKS_DIR, name, "pack.json")))
    .sort();
}

const cache = new Map<string, Pack>();

/** Loads and validates a shipped pack (cached). Throws {@link PackError} listing every problem found. */
export function loadPack(id: string = DEFAULT_PACK): Pack {
  const cached = cache.get(id);
  if (cached) return cached;
  if (!listPacks().includes(id)) {
    throw new PackError([`no pack named "${id}"; shipped packs: ${listPacks().join(", ")}`], id);
  }
  const pack = loadPackDir(join(PACKS_DIR, id));
  cache.set(id, pack);
  return pack;
}

/** Loads and validates the pack in a folder: pack.json, items.json, waivers.json, requirements/*.json, metrics/*.json. */
export function loadPackDir(dir: string): Pack {
  const problems: string[] = [];
  const read = <T>(file: string, schema: ZodType<T>): T | undefined => {
    const path = join(dir, file);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
      return undefined;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues)
      problems.push(`${file}: at ${issue.path.join(".") || "(root)"}: ${issue.message}`);
    return undefined;
  };
  const readAll = <T>(folder: string, schema: ZodType<T>): T[] => {
    const path = join(dir, folder);
    if (!existsSync(path) || !statSync(path).isDirectory()) {
      problems.push(`${folder}/: missing folder`);
      return [];
    }
    return readdirSync(path)
      .filter((name) => name.endsWith(".json"))
      .sort()
      .flatMap((name) => read(`${folder}/${name}`, z.array(schema)) ?? []);
  };

  const manifest = read("pack.json", PackManifest);
  const items = read("items.json", z.array(Item)) ?? [];
  const waivers = read("waivers.json", z.array(Waiver)) ?? [];
  const requirements = readAll("requirements", Requirement);
  const metrics = readAll("metrics", Metric);
  if (manifest) problems.push(...crossCheck(manifest, items, requirements, waivers, metrics));
  if (!manifest || problems.length > 0) throw new PackError(problems, manifest?.id ?? dir);
  return makePack(manifest, items, requirements, waivers, metrics);
}

function makePack(
  manifest: PackManifest,
  items: ItemT[],
  requirements: RequirementT[],
  waivers: WaiverT[],
  metrics: MetricT[],
): Pack {
  const metricsById = new Map(metrics.map((m) => [m.id, m]));
  const itemsById = new Map(items.map((i) => [i.id, i]));
  const itemsFor = (kind: "csp" | "osp") => items.filter((i) => i.appliesTo === "both" || i.appliesTo === kind);
  return Object.freeze({
    manifest,
    items,
    requirements,
    waivers,
    metrics,
    findMetric: (id: string) => metricsById.get(id),
    metric(id: string) {
      const metric = metricsById.get(id);
      if (!metric) throw new Error(`pack ${manifest.id} has no metric "${id}"`);
      return metric;
    },
    item(id: string) {
      const item = itemsById.get(id);
      if (!item) throw new Error(`pack ${manifest.id} has no item "${id}"`);
      return item;
    },
    itemsFor,
    availablePoints: (kind: "csp" | "osp") => itemsFor(kind).reduce((sum, i) => sum + i.points, 0),
  });
}

/** Checks that span files. Returns one message per problem. */
function crossCheck(
  manifest: PackManifest,
  items: ItemT[],
  requirements: RequirementT[],
  waivers: WaiverT[],
  metrics: MetricT[],
): string[] {
  const problems: string[] = [];
  const duplicates = (ids: string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);
  for (const [what, ids] of [
    ["item", items.map((i) => i.id)],
    ["requirement", requirements.map((r) => r.id)],
    ["waiver", waivers.map((w) => w.id)],
    ["metric", metrics.map((m) => m.id)],
  ] as const) {
    for (const id of new Set(duplicates([...ids]))) problems.push(`duplicate ${what} id "${id}"`);
  }

  const itemIds = new Set(items.map((i) => i.id));
  for (const kind of ["csp", "osp"] as const) {
    const applicable = items.filter((i) => i.appliesTo === "both" || i.appliesTo === kind);
    const total = applicable.reduce((sum, i) => sum + i.points, 0);
    if (total !== manifest.totals[kind]) {
      problems.push(`items total ${total} points for ${kind.toUpperCase()}, pack.json states ${manifest.totals[kind]}`);
    }
    for (const category of manifest.categories) {
      const sum = applicable.filter((i) => i.category === category.id).reduce((s, i) => s + i.points, 0);
      if (sum !== category.points[kind]) {
        problems.push(
          `category ${category.id} items total ${sum} points for ${kind.toUpperCase()}, pack.json states ${category.points[kind]}`,
        );
      }
    }
  }

  const requirementIds = new Set(requirements.map((r) => r.id));
  for (const r of requirements) {
    if (!itemIds.has(r.item)) problems.push(`requirement ${r.id}: unknown item "${r.item}"`);
    if (!r.id.startsWith(`${r.item}.`))
      problems.push(`requirement ${r.id}: id does not start with its item "${r.item}"`);
    if (r.parent !== r.item && !requirementIds.has(r.parent)) {
      problems.push(`requirement ${r.id}: parent "${r.parent}" is neither its item nor a requirement`);
    }
    if (r.parent !== r.item && !r.id.startsWith(`${r.parent}.`)) {
      problems.push(`requirement ${r.id}: parent "${r.parent}" is not its prefix`);
    }
  }
  for (const item of items) {
    if (!requirements.some((r) => r.item === item.id)) problems.push(`item ${item.id} has no requirements`);
  }

  for (const w of waivers) {
    if (!itemIds.has(w.item)) problems.push(`waiver ${w.id}: unknown item "${w.item}"`);
    for (const r of w.requirements) {
      if (!requirementIds.has(r)) problems.push(`waiver ${w.id}: unknown requirement "${r}"`);
    }
  }

  const metricsById = new Map(metrics.map((m) => [m.id, m]));
  for (const m of metrics) {
    for (const item of m.items) if (!itemIds.has(item)) problems.push(`metric ${m.id}: unknown item "${item}"`);
    for (const alt of m.alternatives) {
      const other = metricsById.get(alt);
      if (!other) problems.push(`metric ${m.id}: unknown alternative "${alt}"`);
      else if (!other.alternatives.includes(m.id)) {
        problems.push(`metric ${m.id}: alternative "${alt}" does not list "${m.id}" back`);
      }
    }
    if (m.status === "conditional" && !m.condition) problems.push(`metric ${m.id}: conditional without a condition`);
    if (m.category === "volume" && m.targetRequired) problems.push(`metric ${m.id}: volume metric requires a target`);
    for (const b of m.benchmarks) {
      const expected = m.direction === "lower" ? "<=" : ">=";
      if (m.direction !== "none" && b.comparison !== expected) {
        problems.push(`metric ${m.id}: benchmark comparison ${b.comparison} contradicts direction "${m.direction}"`);
      }
    }
  }
  return problems;
}
