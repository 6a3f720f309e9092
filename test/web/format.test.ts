/**
 * Numbers for people, as every page of the web UI shows them: percentages with one decimal, durations in
 * seconds or minutes and seconds, counts grouped, months and days in words.
 */
import { describe, expect, it } from "vitest";
import {
  formatDay,
  formatMonth,
  formatSeconds,
  formatShare,
  formatValue,
  unitLabel,
} from "../../src/interfaces/web/format.ts";

const en = "en-US";

describe("formatting for people", () => {
  it.each([
    [85.25, "percent", "85.3%"],
    [0, "percent", "0.0%"],
    [35.66, "seconds", "35.7 s"],
    [482.4, "seconds", "8:02 min"],
    [3725, "seconds", "1:02:05 h"],
    [-75, "seconds", "−1:15 min"],
    [12.34, "hours", "12.3 h"],
    [3.04, "days", "3.0 d"],
    [12345, "count", "12,345"],
    [2.5, "count", "2.5"],
    [1234.5, "currency", "1,234.50"],
    [1.234, "ratio", "1.23"],
    [4.25, "score", "4.3"],
    [null, "percent", "—"],
    [Number.NaN, "seconds", "—"],
  ])("%s %s → %s", (value, unit, shown) => {
    expect(formatValue(value, unit, en)).toBe(shown);
  });

  it("shows shares from 0 to 1 as percentages", () => {
    expect(formatShare(0.5142857, en)).toBe("51.4%");
    expect(formatShare(1, en)).toBe("100.0%");
    expect(formatShare(null, en)).toBe("—");
  });

  it("follows the reader's language", () => {
    expect(formatValue(1234.56, "percent", "de-DE")).toBe("1.234,6%");
    expect(formatSeconds(35.66, "fr-FR")).toBe("35,7 s");
  });

  it("names months and days in words, in UTC", () => {
    expect(formatMonth("2026-03", en)).toBe("Mar 2026");
    expect(formatDay("2026-10-31", en)).toBe("Oct 31, 2026");
    expect(formatDay(null, en)).toBe("—");
  });

  it("labels axes with units", () => {
    expect(unitLabel("percent")).toBe("%");
    expect(unitLabel("seconds")).toBe("s");
  });
});
