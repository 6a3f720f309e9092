/**
 * A standard pack as the API shows it: the manifest, points per category and in total for each provider
 * kind, the items with their points and requirement counts, and the metric catalog.
 */
import type { Pack } from "../standard/pack.ts";

export function packTotals(pack: Pack, kind: "csp" | "osp") {
  const items = pack.itemsFor(kind);
  return {
    available: pack.availablePoints(kind),
    categories: pack.manifest.categories.map((c) => ({
      id: c.id,
      name: c.name,
      points: items.filter((i) => i.category === c.id).reduce((sum, i) => sum + i.points, 0),
    })),
  };
}

export function packSummary(pack: Pack, options: { exhibit?: string } = {}) {
  const requirementCount = new Map<string, number>();
  for (const r of pack.requirements) requirementCount.set(r.item, (requirementCount.get(r.item) ?? 0) + 1);
  return {
    pack: pack.manifest,
    totals: { csp: packTotals(pack, "csp"), osp: packTotals(pack, "osp") },
    items: pack.items.map((i) => ({ ...i, requirements: requirementCount.get(i.id) ?? 0 })),
    waivers: pack.waivers.length,
    metrics: pack.metrics.filter((m) => !options.exhibit || m.exhibit === options.exhibit),
  };
}
