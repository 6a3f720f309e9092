/**
 * What the command-line tests stand on: `cxpm` run as a user runs it (a Node process on bin/cxpm.js), and a
 * small demo warehouse made before a test file's tests and removed after them.
 */
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { generateDemo } from "../../src/warehouse/demo/generate.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";

/** Runs `cxpm …args` and returns its exit status, stdout and stderr. */
export function runCxpm(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync("node", ["bin/cxpm.js", ...args], { encoding: "utf8" });
}

/** Runs `cxpm …args --json`, expects success with nothing on stderr, and parses the one document printed. */
// biome-ignore lint/suspicious/noExplicitAny: tests read the document's fields freely
export function runCxpmJson(...args: string[]): any {
  const result = runCxpm(...args, "--json");
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

/**
 * A demo warehouse (seed 3, 4,000 contacts, February–March 2026) in a temporary folder of the calling file,
 * generated before its tests.
 */
export function demoWarehouse(): { readonly dir: string; readonly db: string } {
  const dir = mkdtempSync(join(tmpdir(), "cxpm-cli-"));
  const db = join(dir, "warehouse.duckdb");
  beforeAll(async () => {
    const warehouse = await Warehouse.open(db);
    try {
      await generateDemo(warehouse, { seed: 3, contacts: 4_000, months: 2, end: "2026-03" });
    } finally {
      warehouse.close();
    }
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, db };
}
