/**
 * The WFM forecast and target-consistency pages in a real Chromium against a real server on a fresh data folder
 * with a small demo: each page opens on its defaults (the busiest queue, its last week or latest month), draws
 * its chart and shows the numbers the API computes, formatted as the UI formats them; the forecast follows the
 * days in the URL, and a "what if" typed into the form changes the verdict. Screenshots go to
 * artifacts/screenshots/.
 */
import { describe, expect, test } from "vitest";
import type { ConsistencyReport, ForecastVsActual, WfmQueue } from "../../src/interfaces/web/api.ts";
import { formatShare } from "../../src/interfaces/web/format.ts";
import { screenshot, serveApp } from "./harness.ts";

const PAGE_TIMEOUT = 120_000;

const app = serveApp({ demoContacts: 8_000, demoMonths: 2 });
const { open } = app;

/** The chart's SVG, once ECharts has drawn the lines stroked in every colour given. */
async function chartSvg(label: RegExp, colours: readonly string[]) {
  const chart = app.page.getByRole("img", { name: label });
  await expect
    .poll(async () => {
      const svg = await chart.innerHTML();
      return colours.every((c) => svg.includes(`stroke="${c}"`));
    })
    .toBe(true);
  return chart.innerHTML();
}

describe("WFM pages", () => {
  test(
    "Forecast: the busiest real-time queue's last week against its actuals, the methods and the error per day",
    async () => {
      const { queues } = await app.server.json<{ queues: WfmQueue[] }>("/api/wfm/queues");
      const busiest = queues.find((q) => q.kind === "real-time") as WfmQueue;
      const report = await app.server.json<ForecastVsActual>(`/api/wfm/forecast?queue=${busiest.id}`);
      await open("/wfm/forecast");
      const summary = app.page.getByTestId("forecast-summary");
      await summary.waitFor();
      expect(await summary.textContent()).toContain(busiest.id);
      expect(await app.page.getByTestId("overall-error").textContent()).toBe(
        `WAPE ${formatShare(report.error?.wape)}, MAPE ${formatShare(report.error?.mape)}`,
      );
      const lines = ["#e8590c", "#364fc7"];
      expect(await chartSvg(/forecast and actual contacts per interval/, lines)).toContain("Contacts per 30 min");
      expect(await chartSvg(/forecast and actual average handle time/, lines)).toContain("Handle time (s)");

      const methods = app.page.getByTestId("methods-table");
      expect(await methods.locator("tbody tr").count()).toBe(report.backtest.scores.length);
      const chosen = methods.locator(`tr[data-method="${report.method}"]`);
      expect(await chosen.textContent()).toContain("chosen");
      const best = report.backtest.scores.find((s) => s.method === report.method);
      expect(await chosen.textContent()).toContain(formatShare(best?.wape));

      const days = app.page.getByTestId("days-table").locator("tbody tr");
      expect(await days.count()).toBe(7);
      const shown = await app.page.getByTestId("day-wape").allTextContents();
      expect(shown).toEqual(report.days.map((d) => formatShare(d.error?.wape)));
      expect(app.browser.errors).toEqual([]);
      await screenshot(app.page, "wfm-forecast");

      // Three days picked in the calendar: they go to the URL and the page forecasts them.
      const [first, last] = [report.days[1]?.day as string, report.days[3]?.day as string];
      const dayLabel = (day: string) =>
        new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
          new Date(`${day}T00:00:00Z`),
        );
      await app.page.getByRole("button", { name: "Days forecast" }).click();
      await app.page
        .getByRole("button", { name: dayLabel(first), exact: true })
        .first()
        .click();
      await app.page
        .getByRole("button", { name: dayLabel(last), exact: true })
        .first()
        .click();
      await app.page.waitForFunction(() => window.location.search.includes("days=3"));
      expect(new URL(app.page.url()).searchParams.get("from")).toBe(first);
      await expect
        .poll(() => app.page.getByTestId("days-table").locator("tbody tr").count(), { timeout: 30_000 })
        .toBe(3);

      // Days from the URL: two with actuals and one after the history, at hourly intervals.
      const from = report.days.at(-2)?.day as string;
      await open(`/wfm/forecast?queue=${busiest.id}&from=${from}&days=3&interval=60`);
      await app.page.locator(`[data-testid="days-table"] tr[data-day="${from}"]`).waitFor();
      expect(await app.page.getByTestId("day-wape").allTextContents()).toEqual([
        expect.stringMatching(/%$/),
        expect.stringMatching(/%$/),
        "—",
      ]);
    },
    PAGE_TIMEOUT,
  );

  test(
    "Target consistency: the busiest real-time queue's latest month, its verdict and chart, and a what-if",
    async () => {
      const { queues } = await app.server.json<{ queues: WfmQueue[] }>("/api/wfm/queues");
      const queue = queues.find((q) => q.kind === "real-time") as WfmQueue;
      const report = await app.server.json<ConsistencyReport>(`/api/wfm/target-consistency?queue=${queue.id}`);
      await open("/wfm/targets");
      const verdict = app.page.getByTestId("verdict");
      await verdict.waitFor();
      expect(await verdict.textContent()).toContain(report.result.consistent ? "consistent" : "inconsistent");
      expect(await app.page.getByTestId("explanation").textContent()).toBe(report.explanation);
      expect(await app.page.getByTestId("implied").textContent()).toContain(
        `implies ${formatShare(report.result.impliedAbandonment)} abandoned`,
      );
      const curve = await chartSvg(/service level and abandonment against agents/, ["#364fc7", "#c92a2a"]);
      expect(curve).toContain(`SL target ${formatShare(report.inputs.serviceLevelTarget.value)}`);
      expect(curve).toContain(`abandonment target ${formatShare(report.inputs.abandonmentTarget.value)}`);
      expect(curve).toContain(`for SL: ${report.result.agents}`);
      const inputs = await app.page.getByTestId("inputs-table").textContent();
      expect(inputs).toContain(report.inputs.patienceSeconds.source);
      expect(inputs).toContain(report.inputs.serviceLevelTarget.source);
      expect(app.browser.errors).toEqual([]);
      await screenshot(app.page, "wfm-target-consistency");

      // What if: the classic 100 calls in 30 minutes at 180 s, 80% in 20 s, 120 s patience, 5% abandonment.
      const form = app.page.getByRole("form", { name: "What if" });
      const fill = async (name: string, value: string) => form.locator(`input[name="${name}"]`).fill(value);
      await fill("calls", "100");
      await fill("ahtSeconds", "180");
      await fill("patienceSeconds", "120");
      await fill("thresholdSeconds", "20");
      await fill("serviceLevelTarget", "80");
      await fill("abandonmentTarget", "5");
      await form.getByRole("button", { name: "Apply" }).click();
      await app.page.waitForFunction(() => window.location.search.includes("calls=100"));
      await app.page.getByText("implies 6.2% abandoned; the target is 5.0%").waitFor();
      expect(await verdict.textContent()).toContain("inconsistent");
      expect(await app.page.getByTestId("explanation").textContent()).toMatch(/takes 1[3-9] agents, more than the 12/);
    },
    PAGE_TIMEOUT,
  );
});
