/**
 * The Schedule and Capacity plan pages in a real Chromium against a real server on a fresh data folder with a
 * small demo: a schedule made from the form with a short time limit shows its heat map, its line chart, the LP
 * gap and the roster the API stored, and publishes; a capacity plan made from the form shows its weekly chart
 * and table. Screenshots go to artifacts/screenshots/.
 */
import { describe, expect, test } from "vitest";
import type {
  CapacityPlanDetail,
  SchedulePlanDetail,
  ScheduleSummary,
  WfmPlanItem,
} from "../../src/interfaces/web/api.ts";
import { formatShare } from "../../src/interfaces/web/format.ts";
import { screenshot, serveApp } from "./harness.ts";

const PAGE_TIMEOUT = 120_000;

const app = serveApp({ demoContacts: 8_000, demoMonths: 2 });
const { open } = app;

/** The chart's SVG once ECharts has drawn something in every colour given. */
async function chartSvg(label: RegExp, colours: readonly string[]) {
  const chart = app.page.getByRole("img", { name: label });
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
      await app.page.getByText("None saved yet").waitFor();
      const limit = app.page.getByLabel("Time limit (s)");
      await limit.fill("8");
      await app.page.getByRole("button", { name: "Make schedule" }).click();
      const summary = app.page.getByTestId("schedule-summary");
      await summary.waitFor({ timeout: 60_000 });

      const { plans } = await app.server.json<{ plans: WfmPlanItem<ScheduleSummary>[] }>("/api/wfm/schedules");
      expect(plans).toHaveLength(1);
      const plan = await app.server.json<SchedulePlanDetail>(`/api/wfm/schedules/${plans[0]?.id}`);
      expect(plan.inputs.timeLimitSeconds).toBe(8);
      expect(await app.page.getByTestId("lp-gap").textContent()).toBe(
        `LP gap ${formatShare(plan.result.solver.lpGap)}`,
      );

      // The heat map's cells: short in red, over in blue (the visual map's ends are drawn in both).
      const heat = await chartSvg(/Heat map of scheduled minus required/, []);
      expect(heat).toContain("over");
      expect(heat).toContain("short");
      expect((heat.match(/<path/g) ?? []).length).toBeGreaterThan(7 * 16);
      await chartSvg(/required and scheduled agents per interval/, ["#e8590c", "#364fc7"]);

      const roster = app.page.getByTestId("roster").locator("tbody tr");
      expect(await roster.count()).toBe(plan.result.totals.agents);
      expect(await app.page.getByTestId("total-LP gap").textContent()).toBe(formatShare(plan.result.solver.lpGap));
      expect(app.browser.errors).toEqual([]);
      await screenshot(app.page, "wfm-schedule");

      await app.page.getByRole("button", { name: "Publish" }).click();
      await expect
        .poll(() => app.page.getByRole("status").textContent())
        .toMatch(/^Published: \d+ workforce intervals/);
      await expect
        .poll(async () => (await app.page.getByTestId("plan-list").textContent()) ?? "")
        .toContain("published");
      const after = await app.server.json<SchedulePlanDetail>(`/api/wfm/schedules/${plan.id}`);
      expect(after.status).toBe("published");
    },
    PAGE_TIMEOUT,
  );

  test(
    "Capacity plan: made from the form, the weekly chart of required vs planned FTE with the gap, and the table",
    async () => {
      await open("/wfm/capacity");
      await app.page.getByText("None saved yet").waitFor();
      await app.page.getByLabel("Weeks", { exact: true }).fill("12");
      await app.page.getByLabel("Hiring lag (weeks)").fill("2");
      // A headcount given rather than the roster's: a little above the demo queue's need, so that attrition
      // makes later weeks short and the week hiring must start is marked.
      await app.page.getByLabel("Headcount (FTE)").fill("3.6");
      await app.page.getByRole("button", { name: "Make capacity plan" }).click();
      const summary = app.page.getByTestId("capacity-summary");
      await summary.waitFor({ timeout: 60_000 });

      const { plans } = await app.server.json<{ plans: { id: number }[] }>("/api/wfm/capacity-plans");
      const plan = await app.server.json<CapacityPlanDetail>(`/api/wfm/capacity-plans/${plans[0]?.id}`);
      expect(plan.result.weeks).toHaveLength(12);
      expect(plan.inputs).toMatchObject({ weeks: 12, lagWeeks: 2, headcount: 3.6 });
      expect(await summary.textContent()).toContain(`12 weeks from`);

      await chartSvg(/required, planned and recommended FTE per week/, ["#e8590c", "#364fc7", "#2b8a3e"]);
      const rows = app.page.getByTestId("capacity-weeks").locator("tbody tr");
      expect(await rows.count()).toBe(12);
      const short = plan.result.weeks.filter((w) => w.gapFte > 0).length;
      expect(
        await app.page
          .getByTestId("capacity-weeks")
          .getByText(/short$/)
          .count(),
      ).toBe(short);
      if (plan.summary.hireBy)
        expect(await app.page.getByTestId("hire-by").textContent()).toContain("hiring must start by");
      expect(await summary.textContent()).toContain("Shrinkage 30.0%.");

      // The queue's shrinkage forecast instead of the number: the plan says which it allowed for.
      await app.page.getByLabel("the queue's forecast, week by week").check();
      expect(await app.page.getByLabel("Shrinkage (%)").isDisabled()).toBe(true);
      await app.page.getByRole("button", { name: "Make capacity plan" }).click();
      await expect
        .poll(async () => await summary.textContent(), { timeout: 60_000 })
        .toMatch(/Shrinkage .*\(forecast by /);
      const latest = await app.server.json<{ plans: { id: number }[] }>("/api/wfm/capacity-plans");
      expect(latest.plans).toHaveLength(2);
      expect(app.browser.errors).toEqual([]);
      await screenshot(app.page, "wfm-capacity");
    },
    PAGE_TIMEOUT,
  );
});
