/**
 * The web UI in a real Chromium against a real server on a fresh data folder with a small demo operation:
 * every page opens and shows the numbers the API computes (formatted as the UI formats them), a target edited
 * in the browser changes a verdict, and a small file uploaded from the browser appears in the import history.
 * A screenshot of every page is kept in artifacts/screenshots/.
 */
import { describe, expect, test } from "vitest";
import { formatMonth, formatShare, formatValue } from "../../src/interfaces/web/format.ts";
import { screenshot, serveApp } from "./harness.ts";

const LOCALE = "en-US";
// Generous: on two shared cores a page that computes the whole judgement can take seconds under load.
const PAGE_TIMEOUT = 120_000;

interface ScopeVerdict {
  scope: { level: string; id: string; name: string };
  counted: number;
  meeting: number;
  meetingShare: number | null;
  meetingOrImprovingShare: number | null;
  met: boolean;
}
interface Overview {
  periods: string[];
  scopes: ScopeVerdict[];
}
interface Cell {
  period: string;
  value: number | null;
  target: number | null;
  met: boolean | null;
}
interface Row {
  key: string;
  metric: string;
  name: string;
  unit: string;
  direction: "higher" | "lower" | "none";
  program: { id: string; name: string } | null;
  benchmark: number | null;
  cells: Cell[];
  evaluated: number;
  met: number;
  meeting: boolean;
}
interface Summary {
  periods: string[];
  rows: Row[];
}
interface CatalogMetric {
  id: string;
  item46: string;
  unit: string;
  direction: string;
  benchmarks: { value: number; comparison: string; condition?: string }[];
}

const app = serveApp({ demoContacts: 20_000, demoMonths: 6 });
const { open } = app;

/** Picks a month in an open Mantine month picker: steps through the years, then clicks the month. */
async function pickMonth(month: string) {
  const year = Number(month.slice(0, 4));
  const dropdown = app.page.locator(".mantine-Popover-dropdown:visible").last();
  for (let step = 0; step < 20; step++) {
    const shown = Number(await dropdown.locator(".mantine-MonthPickerInput-calendarHeaderLevel").innerText());
    if (shown === year) break;
    await dropdown.getByRole("button", { name: shown > year ? "Previous year" : "Next year" }).click();
  }
  await dropdown.locator(`[data-month="${month}"]`).click();
}

describe("the web UI", () => {
  test(
    "Overview shows the 50/75 verdict of every scope as the API computes it",
    async () => {
      await open("/");
      const overview = await app.server.json<Overview>("/api/overview");
      const entity = overview.scopes.find((s) => s.scope.level === "entity")!;
      await expect
        .poll(() => app.page.getByTestId("entity-meeting-share").innerText())
        .toBe(formatShare(entity.meetingShare, LOCALE));
      expect(await app.page.getByTestId("entity-improving-share").innerText()).toBe(
        formatShare(entity.meetingOrImprovingShare, LOCALE),
      );
      for (const s of overview.scopes) {
        const row = app.page.locator(`tr[data-scope="${s.scope.level}:${s.scope.id}"]`);
        await expect.poll(() => row.getByTestId("meeting").innerText()).toContain(formatShare(s.meetingShare, LOCALE));
        const verdict = (await row.innerText()).toLowerCase();
        if (s.counted === 0) expect(verdict).toContain("nothing counted");
        else if (s.met) expect(verdict).not.toContain("not met");
        else expect(verdict).toContain("not met");
      }
      // Both axes of the chart carry their titles with units.
      const chart = app.page.getByRole("img", { name: /share of counted metrics/i });
      expect(await chart.innerHTML()).toContain("Share of counted metrics (%)");
      await screenshot(app.page, "overview");
    },
    PAGE_TIMEOUT,
  );

  test(
    "the navigation works from the keyboard",
    async () => {
      await open("/");
      const link = app.page.getByRole("link", { name: /Performance summary/ }).first();
      await link.focus();
      await app.page.keyboard.press("Enter");
      await expect.poll(() => new URL(app.page.url()).pathname).toBe("/summary");
      await app.page.getByRole("heading", { name: "Performance summary" }).waitFor();
    },
    PAGE_TIMEOUT,
  );

  test(
    "the Performance Summary Table shows each value against its target, filtered by URL",
    async () => {
      await open("/summary");
      const summary = await app.server.json<Summary>("/api/summary");
      await app.page.getByTestId("summary-table").waitFor();
      expect(await app.page.getByTestId("rows-meeting").innerText()).toBe(
        String(summary.rows.filter((r) => r.meeting).length),
      );
      // A row with values in the latest month: the cell shows the API's value as the UI formats it.
      const last = summary.periods.at(-1)!;
      const samples = summary.rows.filter((r) => r.cells.at(-1)?.value !== null).slice(0, 5);
      expect(samples.length).toBeGreaterThan(0);
      for (const row of samples) {
        const cell = app.page.locator(`tr[data-key="${row.key}"] td[data-period="${last}"]`);
        expect(await cell.getByTestId("value").innerText()).toBe(
          formatValue(row.cells.at(-1)!.value, row.unit, LOCALE),
        );
        const met = row.cells.at(-1)!.met;
        if (met !== null) expect(await cell.getAttribute("data-met")).toBe(met ? "met" : "not-met");
        expect(await app.page.locator(`tr[data-key="${row.key}"] [data-testid="months-met"]`).innerText()).toBe(
          `${row.met} of ${row.evaluated}`,
        );
      }
      expect(await app.page.locator("thead").first().innerText()).toContain(formatMonth(last, LOCALE));
      await screenshot(app.page, "summary");

      // A program chosen in the filter goes to the URL and narrows the rows to the ones the API gives.
      const program = samples.find((r) => r.program)?.program ?? summary.rows.find((r) => r.program)!.program!;
      await app.page.getByRole("combobox", { name: "Program" }).click();
      await app.page.getByRole("option", { name: program.name }).first().click();
      await expect.poll(() => new URL(app.page.url()).searchParams.get("program")).toBe(program.id);
      const filtered = await app.server.json<Summary>(`/api/summary?program=${encodeURIComponent(program.id)}`);
      await expect.poll(() => app.page.locator("tr[data-key]").count()).toBe(filtered.rows.length);
      // The exports are the same table.
      const csv = await app.page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
      expect(csv).toBe(`/api/summary.csv?program=${encodeURIComponent(program.id)}`);
      const response = await fetch(`${app.server.url}${csv}`);
      expect(response.status).toBe(200);
      expect((await response.text()).trim().split(/\r?\n/).length).toBe(filtered.rows.length + 1);
    },
    PAGE_TIMEOUT,
  );

  test(
    "Metric detail shows the trend, the points with their components, the drill-down and the definition",
    async () => {
      const path = "/metrics/rt.service_level";
      await open(path);
      const detail = await app.server.json<{
        points: { period: string; value: number | null; components: Record<string, number> }[];
        breakdown: { programs: { id: string; name: string }[]; queues: { id: string }[] };
      }>("/api/metrics/rt.service_level/detail");
      await app.page.getByTestId("points-table").waitFor();
      for (const point of detail.points) {
        const row = app.page.locator(`[data-testid="points-table"] tr[data-period="${point.period}"]`);
        expect(await row.getByTestId("value").innerText()).toBe(formatValue(point.value, "percent", LOCALE));
      }
      const chart = await app.page.getByRole("img", { name: /line chart of service level/i }).innerHTML();
      expect(chart).toContain("Month");
      expect(chart).toContain("Service Level (%)");
      const body = await app.page.locator("main").innerText();
      for (const program of detail.breakdown.programs) expect(body).toContain(program.name);
      for (const queue of detail.breakdown.queues) expect(body).toContain(queue.id);
      expect(await app.page.getByTestId("definition").innerText()).toContain("higher is better");
      await screenshot(app.page, "metric-detail");

      // Drill down to a program: the scope goes to the URL and the values are the program's.
      const program = detail.breakdown.programs[0]!;
      await app.page.getByRole("link", { name: program.name }).first().click();
      await expect.poll(() => new URL(app.page.url()).searchParams.get("scopeId")).toBe(program.id);
      const atProgram = await app.server.json<{ points: { period: string; value: number | null }[] }>(
        `/api/metrics/rt.service_level/detail?scopeLevel=program&scopeId=${program.id}`,
      );
      const lastPoint = atProgram.points.at(-1)!;
      await expect
        .poll(() =>
          app.page
            .locator(`[data-testid="points-table"] tr[data-period="${lastPoint.period}"] [data-testid="value"]`)
            .innerText(),
        )
        .toBe(formatValue(lastPoint.value, "percent", LOCALE));
    },
    PAGE_TIMEOUT,
  );

  test(
    "a target set in the browser changes the verdict, and a target below the benchmark asks for a reason",
    async () => {
      const [summary, catalog, before] = await Promise.all([
        app.server.json<Summary>("/api/summary"),
        app.server.json<{ metrics: CatalogMetric[] }>("/api/standard"),
        app.server.json<Overview>("/api/overview"),
      ]);
      const counted = new Set(catalog.metrics.filter((m) => m.item46 === "program").map((m) => m.id));
      // A counted program metric meeting its targets, whose values a stricter target puts out of reach: above
      // every value (higher is better, below 95 so the target stays a plausible percentage), or under every one.
      const valuesOf = (r: Row) => r.cells.flatMap((c) => (c.value === null ? [] : [c.value]));
      const row = summary.rows.find((r) => {
        const values = valuesOf(r);
        return (
          r.program &&
          r.meeting &&
          counted.has(r.metric) &&
          values.length >= 3 &&
          (r.direction === "higher" ? Math.max(...values) < 95 : r.direction === "lower" && Math.min(...values) >= 2)
        );
      });
      expect(row, "a program metric meeting its targets with room for a stricter one").toBeDefined();
      const values = valuesOf(row!);
      const stricter =
        row!.direction === "higher" ? Math.ceil(Math.max(...values)) + 1 : Math.floor(Math.min(...values) / 2);

      await open(`/targets?metric=${row!.metric}&scopeLevel=program&scopeId=${row!.program!.id}`);
      const value = app.page.getByRole("textbox", { name: /^Target/ });
      await value.fill(String(stricter));
      await app.page.getByRole("button", { name: /In force from/ }).click();
      await pickMonth(summary.periods[0]!);
      await app.page.getByRole("button", { name: "Save target" }).click();
      await app.page.getByText("Target saved").waitFor();
      await expect
        .poll(() => app.page.getByTestId("target-history").innerText())
        .toContain(formatValue(stricter, row!.unit, LOCALE));

      // The row no longer meets targeted levels, in the API and on the Performance Summary Table.
      const after = await app.server.json<Summary>(`/api/summary?program=${row!.program!.id}`);
      const changed = after.rows.find((r) => r.key === row!.key)!;
      expect(changed.meeting).toBe(false);
      await open(`/summary?program=${row!.program!.id}`);
      const status = app.page.locator(`tr[data-key="${row!.key}"] td`).last();
      await expect.poll(async () => (await status.innerText()).toLowerCase()).toMatch(/not meeting|improving/);
      // ... and the entity counts one metric fewer meeting, on the Overview.
      const overview = await app.server.json<Overview>("/api/overview");
      const entityBefore = before.scopes.find((s) => s.scope.level === "entity")!;
      const entityAfter = overview.scopes.find((s) => s.scope.level === "entity")!;
      expect(entityAfter.meeting).toBe(entityBefore.meeting - 1);
      await open("/");
      await expect
        .poll(() => app.page.getByTestId("entity-meeting-share").innerText())
        .toBe(formatShare(entityAfter.meetingShare, LOCALE));

      // A target worse than the benchmark without a reason: the API's message shows at the Reason field.
      const benchmarked = catalog.metrics.find(
        (m) =>
          summary.rows.some((r) => r.metric === m.id && r.program) &&
          (m.direction === "higher" || m.direction === "lower") &&
          m.benchmarks.length === 1 &&
          !m.benchmarks[0]!.condition,
      )!;
      const where = summary.rows.find((r) => r.metric === benchmarked.id && r.program)!.program!;
      const bench = benchmarked.benchmarks[0]!.value;
      const worse = benchmarked.direction === "higher" ? bench - 10 : bench + 10;
      await open(`/targets?metric=${benchmarked.id}&scopeLevel=program&scopeId=${where.id}`);
      await app.page.getByRole("textbox", { name: /^Target/ }).fill(String(worse));
      await app.page.getByRole("button", { name: "Save target" }).click();
      const reason = app.page.getByRole("textbox", { name: /^Reason/ });
      await expect.poll(() => reason.getAttribute("aria-invalid")).toBe("true");
      const describedBy = (await reason.getAttribute("aria-describedby")) ?? "";
      const messages = await Promise.all(
        describedBy
          .split(/\s+/)
          .filter(Boolean)
          .map((id) => app.page.locator(`[id="${id}"]`).innerText()),
      );
      expect(messages.join(" ")).toMatch(/below the benchmark/);
      await screenshot(app.page, "targets-reason-required");
      await reason.fill("New client programme: ramping up for the first quarter");
      await app.page.getByRole("button", { name: "Save target" }).click();
      await app.page.getByText("Target saved").waitFor();
      await screenshot(app.page, "targets");

      // A queue's own target: the form offers queues, and the target is stored at the queue.
      const { queues } = await app.server.json<{ queues: { id: string; kind: string }[] }>("/api/organisation");
      const queue = queues.find((q) => q.kind === "real-time")!;
      await open(`/targets?metric=rt.service_level&scopeLevel=queue&scopeId=${queue.id}`);
      await app.page.getByRole("textbox", { name: /^Target/ }).fill("85");
      await app.page.getByRole("button", { name: "Save target" }).click();
      await app.page.getByText("Target saved").waitFor();
      const inForce = await app.server.json<{ targets: { metric: string; scope: { level: string; id: string } }[] }>(
        `/api/targets?metric=rt.service_level&scopeLevel=queue&scopeId=${queue.id}`,
      );
      expect(inForce.targets.map((t) => t.scope)).toContainEqual({ level: "queue", id: queue.id });
    },
    PAGE_TIMEOUT,
  );

  test(
    "a file uploaded from the browser is imported and shows in the history",
    async () => {
      const organisation = await app.server.json<{
        locations: { id: string; timeZone?: string; time_zone?: string }[];
        programs: { id: string; locationId: string }[];
        queues: { id: string; programId: string; channel: string; kind: string }[];
      }>("/api/organisation");
      const queue = organisation.queues.find((q) => q.kind === "real-time" && q.channel === "voice")!;
      const program = organisation.programs.find((p) => p.id === queue.programId)!;
      const location = organisation.locations.find((l) => l.id === program.locationId)!;
      const zone = location.timeZone ?? location.time_zone ?? "UTC";
      const header =
        "source,source_id,program_id,queue_id,channel,kind,time_zone,arrived_at,offered_at,answered_at,completed_at,wait_seconds,talk_seconds";
      const lines = Array.from({ length: 20 }, (_, i) => {
        const arrived = new Date(Date.UTC(2026, 9, 15, 9, i * 3));
        const at = (seconds: number) => new Date(arrived.getTime() + seconds * 1000).toISOString();
        return [
          "e2e-upload",
          `call-${i + 1}`,
          program.id,
          queue.id,
          "voice",
          "real-time",
          zone,
          at(0),
          at(5),
          at(5 + 10 + i),
          at(5 + 10 + i + 240),
          10 + i,
          240,
        ].join(",");
      });
      const csv = `${header}\n${lines.join("\n")}\n`;

      await open("/data");
      await app.page.getByRole("heading", { name: "Upload a file" }).waitFor();
      await app.page.locator('input[type="file"]').setInputFiles({
        name: "twenty-calls.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(csv),
      });
      await app.page.getByText("twenty-calls.csv").waitFor();
      await app.page.getByRole("button", { name: "Upload and import" }).click();
      const result = app.page.getByTestId("import-result");
      await result.waitFor({ timeout: 60_000 });
      expect(await result.innerText()).toMatch(/20 rows read, 20 loaded, 0 rejected/);
      const history = await app.server.json<{ imports: { id: number; files: string[]; rows: { loaded: number } }[] }>(
        "/api/imports",
      );
      const batch = history.imports.find((b) => b.files.includes("twenty-calls.csv"));
      expect(batch?.rows.loaded).toBe(20);
      const row = app.page.locator(`tr[data-import="${batch!.id}"]`);
      await expect.poll(() => row.innerText()).toContain("twenty-calls.csv");
      expect(await row.getByTestId("rows-loaded").innerText()).toBe("20");
      await screenshot(app.page, "data");
    },
    PAGE_TIMEOUT,
  );

  test(
    "Quality shows a program's accuracies and calibration as the API computes them",
    async () => {
      const program = "northwind-care-chicago";
      await open(`/quality?program=${program}`);
      const plan = await app.server.json<{
        rows: { program: string; month: string; work: string; accuracy: { customer: { estimate: number | null } } }[];
      }>(`/api/quality/plan?program=${program}`);
      const row = plan.rows.find((r) => r.work === "human")!;
      const cell = app.page.locator(`tr[data-row="${row.month} human"]`).getByTestId("accuracy-customer");
      await expect.poll(() => cell.innerText()).toContain(formatShare(row.accuracy.customer.estimate, LOCALE));
      const calibration = await app.server.json<{
        quarters: { quarter: string; evaluators: { evaluator: string; share: number | null }[] }[];
      }>(`/api/quality/calibration?program=${program}`);
      const quarter = calibration.quarters.at(-1)!;
      const evaluator = quarter.evaluators[0]!;
      const agreement = app.page.locator(`tr[data-evaluator="${quarter.quarter} ${evaluator.evaluator}"]`);
      await expect
        .poll(() => agreement.getByTestId("agreement").innerText())
        .toContain(formatShare(evaluator.share, LOCALE));
      await app.page.getByTestId("compliance-table").waitFor();
      await app.page.getByTestId("cx-link-table").waitFor();
      await screenshot(app.page, "quality");
    },
    PAGE_TIMEOUT,
  );

  test(
    "no page logged an error",
    () => {
      // 404s for resources are reported by the tests above; page errors would mean a broken component.
      expect(app.browser.errors.filter((e) => e.startsWith("page error"))).toEqual([]);
    },
    PAGE_TIMEOUT,
  );
});
