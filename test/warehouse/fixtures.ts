/**
 * A warehouse in memory for hand-computed metric fixtures: rows go in through the ordinary import (so they are
 * validated like any load), and `metric` recomputes the components and returns one metric's values.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { loadPack } from "../../src/standard/pack.ts";
import { importFiles } from "../../src/warehouse/import/load.ts";
import { identityMapping } from "../../src/warehouse/import/mapping.ts";
import { type ComponentSettings, DEFAULT_SETTINGS } from "../../src/warehouse/metrics/components/index.ts";
import {
  type MetricQuery,
  type MetricValue,
  metricValues,
  recomputeComponents,
} from "../../src/warehouse/metrics/compute.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";

export const pack = loadPack();

export interface Fixture {
  readonly warehouse: Warehouse;
  /** Loads rows into a canonical dataset through `importFiles`. */
  load(dataset: string, rows: readonly Record<string, unknown>[]): Promise<void>;
  /** One metric's values after recomputing every component. */
  metric(
    id: string,
    query?: Omit<MetricQuery, "metrics">,
    settings?: Partial<ComponentSettings>,
  ): Promise<MetricValue[]>;
}

/** A fresh in-memory warehouse for each test of the calling file. */
export function metricFixture(): Fixture {
  let warehouse: Warehouse | undefined;
  let dir = "";
  let files = 0;
  beforeEach(async () => {
    warehouse = await Warehouse.open(":memory:");
    dir = mkdtempSync(join(tmpdir(), "cxpm-fixture-"));
  });
  afterEach(() => {
    warehouse?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const open = () => {
    if (!warehouse) throw new Error("use the fixture inside a test");
    return warehouse;
  };
  return {
    get warehouse() {
      return open();
    },
    async load(dataset, rows) {
      const path = join(dir, `${dataset}-${++files}.json`);
      writeFileSync(path, JSON.stringify(rows));
      await importFiles(open(), { mapping: identityMapping(dataset), files: [path] });
    },
    async metric(id, query = {}, settings = {}) {
      await recomputeComponents(open(), { ...DEFAULT_SETTINGS, ...settings });
      return metricValues(open(), pack, { ...query, metrics: [id] });
    },
  };
}

/** The value of `id` for one period and scope, or undefined when none is reported. */
export function pick(values: readonly MetricValue[], period: string, scope: string): MetricValue | undefined {
  return values.find((v) => v.period === period && v.scope === scope);
}
