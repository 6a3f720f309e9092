/**
 * `cxpm serve` (what `npm start` runs): the API and web UI on the data folder's stores — the app database
 * (PGlite in `<data>/app`, or the PostgreSQL server in DATABASE_URL) and the warehouse
 * (`<data>/warehouse.duckdb`). On first start with an empty data folder it sets up the demo operation.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { SingleBar } from "cli-progress";
import { Command, InvalidArgumentError } from "commander";
import { openAppDb } from "../../../app/db/connect.ts";
import { setUpDemo } from "../../../app/demo.ts";
import { listOrganisation } from "../../../app/organisation.ts";
import { DEFAULT_PACK, loadPack } from "../../../standard/pack.ts";
import { DEMO_DEFAULTS } from "../../../warehouse/demo/generate.ts";
import { Warehouse } from "../../../warehouse/warehouse.ts";
import { warehouseAt } from "../../http/context.ts";
import { buildServer } from "../../http/server.ts";

interface ServeOptions {
  port: number;
  host: string;
  data: string;
  demo: boolean;
  demoContacts: number;
  demoMonths: number;
}

const integer = (min: number, max: number) => (text: string) => {
  const value = Number(text.replaceAll("_", ""));
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
  }
  return value;
};

export function serveCommand(): Command {
  return new Command("serve")
    .description("start the server and web UI; sets up the demo operation on first start with an empty data folder")
    .option("--port <n>", "port to listen on; 0 picks a free one", integer(0, 65535), Number(process.env.PORT ?? 3000))
    .option("--host <address>", "address to listen on", process.env.HOST ?? "127.0.0.1")
    .option("--data <dir>", "data folder: app database and warehouse", process.env.CXPM_DATA ?? "data")
    .option("--no-demo", "start empty instead of setting up the demo operation")
    .option("--demo-contacts <n>", "about how many contacts the demo has", integer(1000, 1e9), DEMO_DEFAULTS.contacts)
    .option("--demo-months <n>", "months of demo data", integer(1, 120), DEMO_DEFAULTS.months)
    .action(async (options: ServeOptions) => {
      const started = performance.now();
      const pack = loadPack(DEFAULT_PACK);
      const url = process.env.DATABASE_URL;
      const app = await openAppDb(url ? { url } : { dataDir: join(options.data, "app") });
      const warehousePath = join(options.data, "warehouse.duckdb");
      const firstStart = !existsSync(warehousePath) && (await listOrganisation(app.db, "entity")).length === 0;
      if (firstStart && options.demo) {
        process.stderr.write(`First start: setting up the demo operation in ${options.data}…\n`);
        const warehouse = await Warehouse.open(warehousePath);
        const bar = process.stderr.isTTY
          ? new SingleBar({
              format: "demo [{bar}] {percentage}% | {value}/{total} days | {eta_formatted} left",
              stream: process.stderr,
            })
          : undefined;
        try {
          const { summary, targets } = await setUpDemo(app.db, pack, warehouse, {
            contacts: options.demoContacts,
            months: options.demoMonths,
            onProgress: (done, total) => {
              if (bar && done === 1) bar.start(total, 0);
              bar?.update(done);
            },
            onPhase: (phase) => {
              if (phase === "components") {
                bar?.stop();
                process.stderr.write("computing metrics…\n");
              }
            },
          });
          bar?.stop();
          process.stderr.write(
            `Demo ready: ${summary.rows.contacts.toLocaleString("en")} contacts, ${summary.from} to ${summary.to}, ` +
              `${targets} targets, in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`,
          );
        } finally {
          bar?.stop();
          warehouse.close();
        }
      } else if (!existsSync(warehousePath)) {
        (await Warehouse.open(warehousePath)).close();
      }

      const server = await buildServer({ app, withWarehouse: warehouseAt(warehousePath), pack, dataDir: options.data });
      const address = await server.listen({ port: options.port, host: options.host });
      const shown = address.replace("://[::1]", "://localhost");
      process.stdout.write(
        `cxpm ready at ${shown}/ (API reference ${shown}/api/docs; app database: ${app.location})\n`,
      );
      const stop = async () => {
        await server.close();
        await app.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
