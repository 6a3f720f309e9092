/**
 * The Schedule and Capacity plan pages in a real Chromium against a real server on a fresh data folder with a
 * small demo: a schedule made from the form with a short time limit shows its heat map, its line chart, the LP
 * gap and the roster the API stored, and publishes; a capacity plan made from the form shows its weekly chart
 * and table. Screenshots go to artifacts/screenshots/.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type {
  CapacityPlanDetail,
  SchedulePlanDetail,
  ScheduleSummary,
  WfmPlanItem,
} from "../../src/interfaces/web/api.ts";
import { formatShare } from "../../src/interfaces/web/format.ts";
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

const open = async (path: string) => {
  await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
};

/** The chart's SVG once ECharts has drawn something in every colour given. */
async function chartSvg(label: RegExp, colours: readonly string[]) {
  const chart = page.getByRole("img", { name: label });
  await expect
    .poll(async () => {
      const svg = (await chart.innerHTML()).toLowerCase();
      return colours.every((c) => svg.includes(c));
    })
    .toBe(true);
  return chart.innerHTML();
}

describe("WFM plans pages", () => {
  test(
    "Schedule: made from the form with an 8 s limit, the heat map, required vs scheduled, LP gap, roster, publish",
    async () => {
      await open("/wfm/schedule");
      await page.getByText("None saved yet").waitFor();
      const limit = page.getByLabel("Time limit (s)");
      await limit.fill("8");
      await page.getByRole("button", { name: "Make schedule" }).click();
      const summary = page.getByTestId("schedule-summary");
      await summary.waitFor({ timeout: 60_000 });

      const { plans } = await server.json<{ plans: WfmPlanItem<ScheduleSummary>[] }>("/api/wfm/schedules");
      expect(plans).toHaveLength(1);
      const plan = await server.json<SchedulePlanDetail>(`/api/wfm/schedules/${plans[0]?.id}`);
      expect(plan.inputs.timeLimitSeconds).toBe(8);
      expect(await page.getByTestId("lp-gap").textContent()).toBe(`LP gap ${formatShare(plan.result.solver.lpGap)}`);

      // The heat map's cells: short in red, over in blue (the visual map's ends are drawn in both).
      const heat = await chartSvg(/Heat map of scheduled minus required/, []);
      expect(heat).toContain("over");
      expect(heat).toContain("short");
      expect((heat.match(/<path/g) ?? []).length).toBeGreaterThan(7 * 16);
      await chartSvg(/required and scheduled agents per interval/, ["#e8590c", "#364fc7"]);

      const roster = page.getByTestId("roster").locator("tbody tr");
      expect(await roster.count()).toBe(plan.result.totals.agents);
      expect(await page.getByTestId("total-LP gap").textContent()).toBe(formatShare(plan.result.solver.lpGap));
      expect(browser.errors).toEqual([]);
      await screenshot(page, "wfm-schedule");

      await page.getByRole("button", { name: "Publish" }).click();
      await expect.poll(() => page.getByRole("status").textContent()).toMatch(/^Published: \d+ workforce intervals/);
      await expect.poll(async () => (await page.getByTestId("plan-list").textContent()) ?? "").toContain("published");
      const after = await server.json<SchedulePlanDetail>(`/api/wfm/schedules/${plan.id}`);
      expect(after.status).toBe("published");
    },
    PAGE_TIMEOUT,
  );

  test(
    "Capacity plan: made from the form, the weekly chart of required vs planned FTE with the gap, and the table",
    async () => {
      await open("/wfm/capacity");
      await page.getByText("None saved yet").waitFor();
      await page.getByLabel("Weeks", { exact: true }).fill("12");
      await page.getByLabel("Hiring lag (weeks)").fill("2");
      // A headcount given rather than the roster's: a little above the demo queue's need, so that attrition
      // makes later weeks short and the week hiring must start is marked.
      await page.getByLabel("Headcount (FTE)").fill("3.6");
      await page.getByRole("button", { name: "Make capacity plan" }).click();
      const summary = page.getByTestId("capacity-summary");
      await summary.waitFor({ timeout: 60_000 });

      const { plans } = await server.json<{ plans: { id: number }[] }>("/api/wfm/capacity-plans");
      const plan = await server.json<CapacityPlanDetail>(`/api/wfm/capacity-plans/${plans[0]?.id}`);
      expect(plan.result.weeks).toHaveLength(12);
      expect(plan.inputs).toMatchObject({ weeks: 12, lagWeeks: 2, headcount: 3.6 });
      expect(await summary.textContent()).toContain(`12 weeks from`);

      await chartSvg(/required, planned and recommended FTE per week/, ["#e8590c", "#364fc7", "#2b8a3e"]);
      const rows = page.getByTestId("capacity-weeks").locator("tbody tr");
      expect(await rows.count()).toBe(12);
      const short = plan.result.weeks.filter((w) => w.gapFte > 0).length;
      expect(
        await page
          .getByTestId("capacity-weeks")
          .getByText(/short$/)
          .count(),
      ).toBe(short);
      if (plan.summary.hireBy)
        expect(await page.getByTestId("hire-by").textContent()).toContain("hiring must start by");
      expect(browser.errors).toEqual([]);
      await screenshot(page, "wfm-capacity");
    },
    PAGE_TIMEOUT,
  );
});
