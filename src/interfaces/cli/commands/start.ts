/**
 * `cxpm start`: what `npm start` runs. Until the server lands it checks the shipped packs and says what is ready.
 */
import { Command } from "commander";
import { listPacks, loadPack } from "../../../standard/pack.ts";

export function startCommand(): Command {
  return new Command("start").description("start cxpm").action(() => {
    for (const id of listPacks()) {
      const pack = loadPack(id);
      process.stdout.write(
        `✓ ${pack.manifest.name} R${pack.manifest.release} (${id}): ${pack.items.length} items, ` +
          `${pack.requirements.length} requirements, ${pack.metrics.length} metrics, ` +
          `${pack.availablePoints("csp")} CSP / ${pack.availablePoints("osp")} OSP points\n`,
      );
    }
    process.stdout.write(
      [
        "",
        "cxpm is ready on the command line:",
        "  npx cxpm standard            the Standard: items, points, metric catalog",
        "  npx cxpm judge FILE          judge metric series (try examples/judge/contact-center.json)",
        "  npx cxpm import contacts FILE --mapping examples/mappings/anonymous-bank.yaml",
        "  npx cxpm metrics             metrics computed from what was imported",
        "",
      ].join("\n"),
    );
  });
}
