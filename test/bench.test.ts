/**
 * `npm run bench` works end to end at a tiny size: it completes and writes a valid JSON report. No timing is
 * asserted here; speed is judged from the report, as ratios within one run.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "cxpm-bench-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("runs at 20,000 contacts and writes its report", () => {
  const out = join(dir, "bench.json");
  const printed = execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/bench.ts",
      "--contacts",
      "20000",
      "--months",
      "2",
      "--out",
      out,
      "--verify",
      // The workforce step at CI size: a week of the staffing grid, a small schedule.
      "--wfm-queues",
      "3",
      "--wfm-days",
      "7",
      "--schedule-peak",
      "30",
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  expect(printed).toContain("recompute / scan");
  const report = JSON.parse(readFileSync(out, "utf8"));
  expect(report.options).toMatchObject({ contacts: 20000, months: 2, seed: 1 });
  expect(report.data.rows.contacts).toBeGreaterThan(15_000);
  for (const seconds of [
    report.import.seconds,
    report.recompute.seconds,
    report.scan.localDaySeconds,
    report.scan.utcDaySeconds,
    report.oneDay.seconds,
  ]) {
    expect(seconds).toBeGreaterThan(0);
  }
  expect(report.oneDay.rows).toBeGreaterThan(0);
  // Correctness, not speed: the one-day update left the components a full rebuild gives.
  expect(report.verified).toBe(true);
  expect(printed).toContain("staffing grid (Erlang C)");
  expect(report.wfm.staffingGrid).toMatchObject({ queues: 3, days: 7, problems: 3 * 7 * 48 });
  expect(report.wfm.staffingGrid.peakAgents).toBeGreaterThan(0);
  expect(report.wfm.scheduler).toMatchObject({ peak: 30, intervals: 336, candidateShifts: 10_080 });
  expect(report.wfm.scheduler.lpBound).toBeLessThanOrEqual(report.wfm.scheduler.objective + 1e-6);
}, 300_000);
