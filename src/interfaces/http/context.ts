/**
 * What every route is given: the app database, the pack, and the way to the warehouse.
 */
import type { AppDb } from "../../app/db/connect.ts";
import type { Pack } from "../../standard/pack.ts";

import { Warehouse } from "../../warehouse/warehouse.ts";

/** The API's version, in the OpenAPI document and /api/health. */
export const API_VERSION = "0.1.0";

/** Runs work against the warehouse. */
export type WithWarehouse = <T>(work: (warehouse: Warehouse) => Promise<T>) => Promise<T>;

/** What every route may use. */
export interface ServerContext {
  readonly app: AppDb;
  readonly pack: Pack;
  readonly withWarehouse: WithWarehouse;
  /** The data folder: uploads and rejects files live under it. */
  readonly dataDir: string;
}

/**
 * The warehouse in a DuckDB file, opened for each use and closed after it, one use at a time: the file stays
 * free between requests for `cxpm import` in another process.
 */
export function warehouseAt(path: string): WithWarehouse {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(work: (warehouse: Warehouse) => Promise<T>): Promise<T> => {
    const run = queue.then(async () => {
      const warehouse = await Warehouse.open(path);
      try {
        return await work(warehouse);
      } finally {
        warehouse.close();
      }
    });
    queue = run.catch(() => {});
    return run;
  };
}

/** Who made a change: the `X-Cxpm-User` header until sign-in arrives, else "anonymous". */
export const actorOf = (headers: Record<string, unknown>): string => {
  const given = headers["x-cxpm-user"];
  return typeof given === "string" && given.trim() ? given.trim().slice(0, 200) : "anonymous";
};
