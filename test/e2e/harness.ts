/**
 * What the browser tests stand on: a fresh build of the web UI, `cxpm serve` on a fresh data folder with a
 * small demo operation, and Debian's Chromium driven by playwright-core with a fresh profile. Missing Chromium
 * is a failure with the command that installs it, never a skip.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = join(REPO, "artifacts/screenshots");

/** Builds dist/web when it is older than its sources (what `npm test` does first; fast when up to date). */
export function buildWeb(): void {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/build-web.ts"], {
    cwd: REPO,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`building the web UI failed:\n${result.stderr}${result.stdout}`);
}

export interface RunningServer {
  readonly url: string;
  readonly dataDir: string;
  /** Reads a JSON document from the server. */
  json<T>(path: string): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Starts `cxpm serve --port 0` on a new data folder: the first start sets up the demo operation, then prints
 * `cxpm ready at URL`. The app database is the folder's own PGlite even where DATABASE_URL is set, so the test
 * never touches a shared database.
 */
export async function startServer(options: {
  demoContacts: number;
  demoMonths: number;
  timeoutMs?: number;
}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "cxpm-e2e-"));
  const { DATABASE_URL: _shared, ...env } = process.env;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "bin/cxpm.js",
      "serve",
      "--port",
      "0",
      "--data",
      dataDir,
      "--demo-contacts",
      String(options.demoContacts),
      "--demo-months",
      String(options.demoMonths),
    ],
    { cwd: REPO, env: { ...env, TZ: "UTC" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`cxpm serve was not ready within ${options.timeoutMs ?? 120_000} ms:\n${output}`)),
      options.timeoutMs ?? 120_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /cxpm ready at (http:\/\/\S+?)\/?\s/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`cxpm serve exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    async json<T>(path: string): Promise<T> {
      const response = await fetch(`${url}${path}`);
      if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Errors the pages threw or logged, to assert there were none. */
  readonly errors: string[];
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile, at a laptop's 1280 × 800 in US English and UTC. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `the browser tests need Chromium at ${CHROMIUM}: install it with \`apt-get install chromium\` ` +
        "(or set CHROMIUM_PATH)",
    );
  }
  const profile = mkdtempSync(join(tmpdir(), "cxpm-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-quic",
      "--no-first-run",
      "--disable-sync",
    ],
    viewport: { width: 1280, height: 800 },
    locale: "en-US",
    timezoneId: "UTC",
    acceptDownloads: true,
  });
  // A step that cannot happen fails with the locator it waited for, well before the test's own time limit.
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A full-page screenshot kept as a test artefact: artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: "disabled" });
}

/** A browser test file's server and browser, set up before its tests and closed after them. */
export interface AppSession {
  readonly server: RunningServer;
  readonly browser: Browser;
  readonly page: Page;
  /** Opens a path of the app and waits until the network is quiet. */
  open(path: string): Promise<void>;
}

/**
 * Builds the UI, starts `cxpm serve` with a demo of the size given and Chromium, before the calling file's
 * tests; closes both after them. The fields are there once the tests run.
 *
 * @example
 * const app = serveApp({ demoContacts: 8_000, demoMonths: 2 });
 * test("…", async () => { await app.open("/quality"); await app.page.getByRole("heading") … });
 */
export function serveApp(demo: { demoContacts: number; demoMonths: number }): AppSession {
  const session = {} as { server: RunningServer; browser: Browser; page: Page };
  beforeAll(async () => {
    buildWeb();
    [session.server, session.browser] = await Promise.all([startServer(demo), launchBrowser()]);
    session.page = session.browser.page;
  }, 180_000);
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
  return {
    get server() {
      return session.server;
    },
    get browser() {
      return session.browser;
    },
    get page() {
      return session.page;
    },
    async open(path) {
      await session.page.goto(`${session.server.url}${path}`, { waitUntil: "networkidle" });
    },
  };
}
