/**
 * The Real time page (/wfm/realtime) in a real Chromium against a real server on a fresh data folder with a
 * small demo: at a time picked in the URL it shows the API's reforecast, alerts, staffing per interval and
 * adherence per CSS, draws the reforecast chart, and picking another "now" moves the report. The screenshot goes
 * to artifacts/screenshots/wfm-realtime.png.
 */
import { describe, expect, test } from "vitest";
import type { RealtimeReport, WfmQueue } from "../../src/interfaces/web/api.ts";
import { formatNumber, formatShare } from "../../src/interfaces/web/format.ts";
import { screenshot, serveApp } from "./harness.ts";

const PAGE_TIMEOUT = 120_000;

const app = serveApp({ demoContacts: 8_000, demoMonths: 2 });

describe("Real time page", () => {
  test(
    "the busiest real-time queue at 14:00: reforecast, alerts, staffing, adherence; another time picked",
    async () => {
      // The busiest real-time queue with CSSs scheduled on its last day.
      const { queues } = await app.server.json<{ queues: WfmQueue[] }>("/api/wfm/queues");
      let queue: WfmQueue | undefined;
      let report: RealtimeReport | undefined;
      for (const q of queues.filter((q) => q.kind === "real-time")) {
        report = await app.server.json<RealtimeReport>(`/api/wfm/realtime?queue=${q.id}&at=14:00`);
        queue = q;
        if (report.agents.length > 0) break;
      }
      if (!queue || !report?.agents.length) throw new Error("no real-time queue of the demo has CSSs scheduled");

      await app.open(`/wfm/realtime?queue=${queue.id}&at=14:00`);
      const summary = app.page.getByTestId("realtime-summary");
      await summary.waitFor();
      expect(await summary.textContent()).toContain(`${queue.id} on`);
      expect(await summary.textContent()).toContain("at 14:00");
      expect(await app.page.getByTestId("day-reforecast").textContent()).toBe(
        formatNumber(report.reforecast.dayReforecast, 0),
      );
      expect(await app.page.getByTestId("attainment").textContent()).toBe(formatShare(report.attainment.deviation));
      expect(await app.page.getByTestId("adherence").textContent()).toBe(formatShare(report.adherence.overlap));

      const alerts = app.page.getByRole("region", { name: `Alerts (${report.alerts.length})` });
      await alerts.waitFor();
      if (report.alerts.length) expect(await alerts.locator("li").count()).toBe(report.alerts.length);

      const chart = app.page.getByRole("img", { name: /forecast, actual and reforecast contacts/ });
      await expect
        .poll(async () => {
          const svg = await chart.innerHTML();
          return ["#e8590c", "#2b8a3e"].every((c) => svg.includes(`stroke="${c}"`));
        })
        .toBe(true);
      expect(await chart.innerHTML()).toContain("now 14:00");

      const intervals = app.page.getByTestId("interval-table");
      expect(await intervals.locator('tr[data-phase="elapsed"]').count()).toBe(
        report.intervals.filter(
          (i) => i.phase === "elapsed" && (i.forecast >= 0.5 || i.scheduled > 0 || (i.actual ?? 0) > 0),
        ).length,
      );
      expect(await intervals.locator('tr[data-time="14:00"]').textContent()).toContain("ahead");

      const agents = app.page.getByTestId("adherence-table").locator("tbody tr");
      expect(await agents.count()).toBe(report.agents.length);
      const first = report.agents[0]!;
      const row = app.page.locator(`tr[data-agent="${first.agentId}"]`);
      expect(await row.textContent()).toContain(formatShare(first.overlap));
      expect(await row.getByTestId("state-now").textContent()).toBe(first.stateNow);
      expect(app.browser.errors).toEqual([]);
      await screenshot(app.page, "wfm-realtime");

      // Another "now": the report follows the picker and the URL.
      await app.page.getByTestId("at-select").click();
      await app.page.getByRole("option", { name: "10:00", exact: true }).click();
      await expect.poll(async () => summary.textContent()).toContain("at 10:00");
      expect(app.page.url()).toContain("at=10%3A00");
      expect(app.browser.errors).toEqual([]);
    },
    PAGE_TIMEOUT,
  );
});
