/**
 * Guards the copyright rule: pack descriptions must be cxpm's own words. Reports every text field of every
 * shipped pack that repeats a run of N or more consecutive words of the Standard's text.
 * Usage: npx tsx scripts/check-wording.ts STANDARD.txt [--words N]
 */
import { readFileSync } from "node:fs";
import { listPacks, loadPack } from "../src/standard/pack.ts";

const [source, flag, n] = process.argv.slice(2);
if (!source) {
  console.error("usage: check-wording.ts STANDARD.txt [--words N]");
  process.exit(2);
}
const size = flag === "--words" ? Number(n) : 9;
const words = (text: string) => text.toLowerCase().match(/[a-z0-9%]+/g) ?? [];
const shingles = (ws: string[]) =>
  ws.slice(0, Math.max(0, ws.length - size + 1)).map((_, i) => ws.slice(i, i + size).join(" "));
const standard = new Set(shingles(words(readFileSync(source, "utf8"))));

/** Every string in an entry except ids and names, with its path. */
function* texts(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* texts(v, `${path}[${i}]`);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) if (k !== "id" && k !== "name") yield* texts(v, `${path}.${k}`);
  }
}

let problems = 0;
let checked = 0;
for (const id of listPacks()) {
  const pack = loadPack(id);
  for (const [kind, entries] of Object.entries({
    items: pack.items,
    requirements: pack.requirements,
    waivers: pack.waivers,
    metrics: pack.metrics,
  })) {
    for (const entry of entries) {
      for (const [path, text] of texts(entry, `${kind}/${entry.id}`)) {
        checked++;
        const copied = shingles(words(text)).find((s) => standard.has(s));
        if (copied) {
          problems++;
          console.error(`${id} ${path}: repeats the Standard's words "${copied}…"`);
        }
      }
    }
  }
}
console.log(`${checked} texts checked against runs of ${size} words: ${problems} copied`);
process.exit(problems ? 1 : 0);
