/**
 * Builds the web UI (src/interfaces/web) into dist/web with Vite, only when dist/web is missing or older than
 * any of its sources (or the package lock), so `npm start` and `npm test` always serve a fresh build and later
 * runs skip the work.
 * Usage: npx tsx scripts/build-web.ts [--force]
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("..", import.meta.url));
const sources = join(repo, "src/interfaces/web");
const built = join(repo, "dist/web/index.html");

/** The latest modification time of a file under `dir` (recursively), in ms. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const force = process.argv.includes("--force");
const inputs = Math.max(newest(sources), statSync(join(repo, "package-lock.json")).mtimeMs);
if (!force && existsSync(built) && statSync(built).mtimeMs >= inputs) {
  process.stdout.write("web UI: dist/web is up to date\n");
} else {
  const started = performance.now();
  // Loaded only when needed: an up-to-date check stays a fraction of a second.
  const { build } = await import("vite");
  await build({ configFile: join(sources, "vite.config.ts"), logLevel: "warn" });
  process.stdout.write(`web UI: built into dist/web in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
