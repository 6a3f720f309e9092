/**
 * The Quality page's frequent errors in a real Chromium against a real server on a fresh data folder with a
 * small demo: the Pareto chart (failures as bars, the cumulative share as a line) and the trend are drawn, the
 * table lists the attributes in the API's order with its counts, the 3.5.1.e line says the demo's answers
 * agree with its flags, "Critical only" narrows the Pareto to the critical classes, and a CSS in the URL to
 * their evaluations. Screenshot in artifacts/screenshots/.
 */
import { describe, expect, test } from "vitest";
import type { ParetoReport } from "../../src/interfaces/web/api.ts";
import { formatNumber } from "../../src/interfaces/web/format.ts";
import { screenshot, serveApp } from "./harness.ts";

const PAGE_TIMEOUT = 120_000;
const PROGRAM = "northwind-care-chicago";

const app = serveApp({ demoContacts: 8_000, demoMonths: 2 });

describe("Quality: frequent errors", () => {
  test(
    "the Pareto chart, its trend and the table show the API's attributes, most frequent first",
    async () => {
      const report = await app.server.json<ParetoReport>(`/api/quality/pareto?program=${PROGRAM}`);
      expect(report.attributes.length).toBeGreaterThan(1);
      const top = report.attributes[0]!;
      await app.open(`/quality?program=${PROGRAM}`);

      const chart = app.page.getByRole("img", { name: /Pareto of failed attributes/ });
      await expect.poll(async () => (await chart.innerHTML()).includes('stroke="#e8590c"')).toBe(true);
      expect(await chart.getAttribute("aria-label")).toContain(`${top.attribute} ${top.failures}`);
      expect(await chart.innerHTML()).toContain(top.attribute);
      await app.page.getByRole("img", { name: /per 100 evaluations of the vital few/ }).waitFor();

      const rows = app.page.getByTestId("pareto-table").locator("tbody tr");
      expect(await rows.count()).toBe(report.attributes.length);
      const first = rows.first();
      expect(await first.getAttribute("data-attribute")).toBe(top.attribute);
      expect(await first.innerText()).toContain(`★ ${top.attribute}`);
      expect(await first.locator("td").nth(2).innerText()).toBe(formatNumber(top.failures));
      expect(await app.page.getByTestId("pareto-consistency").innerText()).toContain(
        "Every evaluation's critical-error flags agree with its answers.",
      );
      await screenshot(app.page, "quality-pareto");

      // Critical only: the non-critical attributes leave the table.
      const critical = await app.server.json<ParetoReport>(`/api/quality/pareto?program=${PROGRAM}&class=critical`);
      await app.page.getByText("Critical only").click();
      await expect.poll(() => rows.count()).toBe(critical.attributes.length);
      expect(app.page.url()).toContain("errors=critical");
      for (const a of critical.attributes) expect(a.class).not.toBe("non-critical");

      // One CSS's frequent errors, from the URL.
      const month = report.months.at(-1)!;
      const { csss } = await app.server.json<{ csss: { css: string; systematic: number }[] }>(
        `/api/quality/compliance?program=${PROGRAM}&month=${month}`,
      );
      const css = csss.find((c) => c.systematic > 0)!.css;
      const theirs = await app.server.json<ParetoReport>(`/api/quality/pareto?program=${PROGRAM}&agent=${css}`);
      await app.open(`/quality?program=${PROGRAM}&css=${css}`);
      await expect
        .poll(() => app.page.getByRole("region", { name: "Frequent errors" }).innerText())
        .toContain(`in ${formatNumber(theirs.evaluations)} evaluations of ${css}`);
      expect(await rows.count()).toBe(theirs.attributes.length);
      expect(app.browser.errors).toEqual([]);
    },
    PAGE_TIMEOUT,
  );
});
