/**
 * Validates one pack data file against its schema and prints every problem.
 * Usage: npx tsx scripts/check-pack-file.ts items|requirements|waivers|metrics FILE
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { Item, Metric, Requirement, Waiver } from "../src/standard/schema.ts";

const schemas = { items: Item, requirements: Requirement, waivers: Waiver, metrics: Metric } as const;
const [kind, file] = process.argv.slice(2) as [keyof typeof schemas, string];
const schema = schemas[kind];
if (!schema || !file) {
  console.error("usage: check-pack-file.ts items|requirements|waivers|metrics FILE");
  process.exit(2);
}
const result = z.array(schema).safeParse(JSON.parse(readFileSync(file, "utf8")));
if (!result.success) {
  for (const issue of result.error.issues) console.error(`${file}: ${issue.path.join(".")}: ${issue.message}`);
  process.exit(1);
}
const ids = result.data.map((e) => e.id);
const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
if (dupes.length) {
  console.error(`${file}: duplicate ids: ${dupes.join(", ")}`);
  process.exit(1);
}
console.log(`${file}: ${result.data.length} ${kind} valid`);
