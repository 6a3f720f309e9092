/**
 * The Real time page (/wfm/realtime) in a real Chromium against a real server on a fresh data folder with a
 * small demo: at a time picked in the URL it shows the API's reforecast, alerts, staffing per interval and
 * adherence per CSS, draws the reforecast chart, and picking another "now" moves the report. The screenshot goes
 * to artifacts/screenshots/wfm-realtime.png.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RealtimeReport, WfmQueue } from "../../src/interfaces/web/api.ts";
import { formatNumber, formatShare } from "../../src/interfaces/web/format.ts";
import { type Browser, buildWeb, launchBrowser, type RunningServer, screenshot, startServer } from "./harness.ts";

const PAGE_TIMEOUT = 120_000;

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  buildWeb();
  [server, browser] = await Promise.all([startServer({ demoContacts: 8_000, demoMonths: 2 }), launchBrowser()]);
  page = browser.page;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("Real time page", () => {
  test(
    "the busiest real-time queue at 14:00: reforecast, alerts, staffing, adherence; another time picked",
    async () => {
      // The busiest real-time queue with CSSs scheduled on its last day.
      const { queues } = await server.json<{ queues: WfmQueue[] }>("/api/wfm/queues");
      let queue: WfmQueue | undefined;
      let report: RealtimeReport | undefined;
      for (const q of queues.filter((q) => q.kind === "real-time")) {
        report = await server.json<RealtimeReport>(`/api/wfm/realtime?queue=${q.id}&at=14:00`);
        queue = q;
        if (report.agents.length > 0) break;
      }
      if (!queue || !report?.agents.length) throw new Error("no real-time queue of the demo has CSSs scheduled");

      await page.goto(`${server.url}/wfm/realtime?queue=${queue.id}&at=14:00`, { waitUntil: "networkidle" });
      const summary = page.getByTestId("realtime-summary");
      await summary.waitFor();
      expect(await summary.textContent()).toContain(`${queue.id} on`);
      expect(await summary.textContent()).toContain("at 14:00");
      expect(await page.getByTestId("day-reforecast").textContent()).toBe(
        formatNumber(report.reforecast.dayReforecast, 0),
      );
      expect(await page.getByTestId("attainment").textContent()).toBe(formatShare(report.attainment.deviation));
      expect(await page.getByTestId("adherence").textContent()).toBe(formatShare(report.adherence.overlap));

      const alerts = page.getByRole("region", { name: `Alerts (${report.alerts.length})` });
      await alerts.waitFor();
      if (report.alerts.length) expect(await alerts.locator("li").count()).toBe(report.alerts.length);

      const chart = page.getByRole("img", { name: /forecast, actual and reforecast contacts/ });
      await expect
        .poll(async () => {
          const svg = await chart.innerHTML();
          return ["#e8590c", "#2b8a3e"].every((c) => svg.includes(`stroke="${c}"`));
        })
        .toBe(true);
      expect(await chart.innerHTML()).toContain("now 14:00");

      const intervals = page.getByTestId("interval-table");
      expect(await intervals.locator('tr[data-phase="elapsed"]').count()).toBe(
        report.intervals.filter(
          (i) => i.phase === "elapsed" && (i.forecast >= 0.5 || i.scheduled > 0 || (i.actual ?? 0) > 0),
        ).length,
      );
      expect(await intervals.locator('tr[data-time="14:00"]').textContent()).toContain("ahead");

      const agents = page.getByTestId("adherence-table").locator("tbody tr");
      expect(await agents.count()).toBe(report.agents.length);
      const first = report.agents[0]!;
      const row = page.locator(`tr[data-agent="${first.agentId}"]`);
      expect(await row.textContent()).toContain(formatShare(first.overlap));
      expect(await row.getByTestId("state-now").textContent()).toBe(first.stateNow);
      expect(browser.errors).toEqual([]);
      await screenshot(page, "wfm-realtime");

      // Another "now": the report follows the picker and the URL.
      await page.getByTestId("at-select").click();
      await page.getByRole("option", { name: "10:00", exact: true }).click();
      await expect.poll(async () => summary.textContent()).toContain("at 10:00");
      expect(page.url()).toContain("at=10%3A00");
      expect(browser.errors).toEqual([]);
    },
    PAGE_TIMEOUT,
  );
});
