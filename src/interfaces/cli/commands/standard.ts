/**
 * `cxpm standard`: the pack's items with points and totals, and its metric catalog.
 */
import { Command, Option } from "commander";
import { DEFAULT_PACK, listPacks, loadPack, type Pack } from "../../../standard/pack.ts";
import { Exhibit } from "../../../standard/schema.ts";
import { emit, table } from "../output.ts";

/** Points per category and in total for one provider kind. */
function totals(pack: Pack, kind: "csp" | "osp") {
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

export function standardCommand(): Command {
  return new Command("standard")
    .description("show a standard pack: items with points, CSP/OSP totals, and the metric catalog")
    .option("--pack <id>", `pack id (shipped: ${listPacks().join(", ")})`, DEFAULT_PACK)
    .addOption(new Option("--exhibit <exhibit>", "only metrics of this exhibit").choices(Exhibit.options))
    .option("--json", "print one JSON document")
    .action((options: { pack: string; exhibit?: string; json?: boolean }) => {
      const pack = loadPack(options.pack);
      const metrics = pack.metrics.filter((m) => !options.exhibit || m.exhibit === options.exhibit);
      const data = {
        pack: pack.manifest,
        totals: { csp: totals(pack, "csp"), osp: totals(pack, "osp") },
        items: pack.items,
        requirements: pack.requirements,
        waivers: pack.waivers,
        metrics,
      };
      emit(options.json, data, () => {
        const { manifest } = pack;
        const csp = data.totals.csp;
        const osp = data.totals.osp;
        const benchmark = (m: (typeof metrics)[number]) =>
          m.benchmarks.length === 0
            ? "none"
            : m.benchmarks.map((b) => `${b.comparison} ${b.value}${b.condition ? " (conditional)" : ""}`).join("; ");
        return [
          `${manifest.name}, Release ${manifest.release} v${manifest.version} — pack ${manifest.id}`,
          "",
          table(
            ["Category", "CSP points", "OSP points"],
            [
              ...manifest.categories.map((c, i) => [
                `${c.id}.0 ${c.name}`,
                csp.categories[i]!.points,
                osp.categories[i]!.points,
              ]),
              ["Total", csp.available, osp.available],
            ],
          ),
          "",
          table(
            ["Item", "Name", "Points", "Applies to", "Requirements"],
            pack.items.map((i) => [
              i.id,
              i.name,
              i.points,
              i.appliesTo === "both" ? "CSP and OSP" : i.appliesTo.toUpperCase(),
              pack.requirements.filter((r) => r.item === i.id).length,
            ]),
          ),
          "",
          `Metric catalog: ${metrics.length} metrics${options.exhibit ? ` in Exhibit ${options.exhibit}` : ""}`,
          table(
            ["Id", "Name", "Exhibit", "Items", "Unit", "Direction", "Benchmark", "Status"],
            metrics.map((m) => [
              m.id,
              m.name,
              m.exhibit,
              m.items.join(", "),
              m.unit,
              m.direction,
              benchmark(m),
              m.status,
            ]),
          ),
          "",
          `${pack.waivers.length} OSP waivers. Use --json for requirements, waivers and full metric definitions.`,
        ].join("\n");
      });
    });
}
