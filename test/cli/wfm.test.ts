import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const cxpm = (...args: string[]) => spawnSync("node", ["bin/cxpm.js", ...args], { encoding: "utf8" });
const json = (...args: string[]) =>
  JSON.parse(execFileSync("node", ["bin/cxpm.js", ...args, "--json"], { encoding: "utf8" }));

// The classic worked example: 100 calls in 30 minutes, AHT 180 s, 80% in 20 s, 30% shrinkage.
const classic = ["--calls", "100", "--interval-min", "30", "--aht-s", "180"];

describe("cxpm wfm staff", () => {
  it("staffs the classic example: 14 agents, 20 scheduled", () => {
    const doc = json(
      "wfm",
      "staff",
      "--model",
      "c",
      ...classic,
      "--sl",
      "80",
      "--threshold-s",
      "20",
      "--shrinkage",
      "0.3",
    );
    expect(doc).toMatchObject({ model: "c", load: 10, agents: 14, scheduled: 20, binding: ["serviceLevel"] });
    expect(doc.targets).toEqual({ serviceLevel: { target: 0.8, thresholdSeconds: 20 } });
    expect(doc.measures.serviceLevel).toBeCloseTo(0.8884, 4);
  });

  it("Erlang A with every kind of target, and chat concurrency", () => {
    const doc = json(
      "wfm",
      "staff",
      "--model",
      "a",
      ...classic,
      "--patience-s",
      "120",
      "--sl",
      "80",
      "--threshold-s",
      "20",
      "--asa-s",
      "5",
      "--max-occupancy",
      "0.8",
      "--max-abandon",
      "0.03",
    );
    expect(doc).toMatchObject({ model: "a", agents: 14 });
    expect(doc.measures.probabilityOfAbandon).toBeLessThanOrEqual(0.03);
    expect(json("wfm", "staff", ...classic, "--sl", "80", "--threshold-s", "20", "--concurrency", "2")).toMatchObject({
      agents: 7,
      servers: 14,
    });
  });

  it("prints the staffing for people", () => {
    const result = cxpm("wfm", "staff", ...classic, "--sl", "80", "--threshold-s", "20", "--shrinkage", "0.3");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Agents needed: 14");
    expect(result.stdout).toContain("Scheduled positions at 30% shrinkage: 20");
  });

  it.each([
    [["--calls", "abc", "--aht-s", "180", "--asa-s", "10"], 2, /option '--calls <n>' argument 'abc' is invalid/],
    [["--calls", "100", "--aht-s", "0", "--asa-s", "10"], 2, /option '--aht-s <seconds>' argument '0' is invalid/],
    [[...classic, "--sl", "80"], 2, /--sl needs --threshold-s/],
    [
      [...classic, "--sl", "0.8", "--threshold-s", "20"],
      2,
      /'--sl <percent>' argument '0.8' is invalid. expected a percent/,
    ],
    [[...classic], 2, /give at least one target/],
    [[...classic, "--model", "a", "--asa-s", "10"], 2, /--patience-s/],
    [[...classic, "--max-abandon", "0.05"], 2, /--max-abandon needs --model a/],
    [[...classic, "--asa-s", "10", "--shrinkage", "1"], 2, /'--shrinkage <share>' argument '1' is invalid/],
    [[...classic, "--asa-s", "10", "--max-occupancy", "85"], 2, /'--max-occupancy <share>' argument '85' is invalid/],
  ])("refuses %j on stderr with exit %d", (args, status, message) => {
    const result = cxpm("wfm", "staff", ...args, "--json");
    expect(result.status).toBe(status);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
  });
});

describe("cxpm wfm erlang", () => {
  it("prints the Erlang C measures as one JSON document", () => {
    const doc = json("wfm", "erlang", "--model", "c", ...classic, "--agents", "13", "--threshold-s", "20");
    expect(doc).toMatchObject({ model: "c", load: 10, agents: 13, stable: true });
    expect(doc.serviceLevel).toBeCloseTo(0.7956, 4);
    expect(doc.asaSeconds).toBeCloseTo(17.12, 2);
  });

  it("Erlang B: blocking of 10 Erlangs on 15 lines", () => {
    expect(
      json("wfm", "erlang", "--model", "b", ...classic, "--agents", "15", "--threshold-s", "0").blocking,
    ).toBeCloseTo(0.0365, 4);
  });

  it("Erlang A: abandonment and every service-level definition", () => {
    const doc = json(
      "wfm",
      "erlang",
      "--model",
      "a",
      ...classic,
      "--patience-s",
      "120",
      "--agents",
      "12",
      "--threshold-s",
      "20",
    );
    expect(doc.probabilityOfAbandon).toBeCloseTo(0.0616, 4);
    expect(doc.serviceLevelDefinition).toBe("offered");
    expect(Object.keys(doc.serviceLevels)).toEqual([
      "offered",
      "exclude-short-abandons",
      "answered",
      "short-abandons-met",
    ]);
  });

  it("an unstable queue reports unbounded waits as null in JSON and in words for people", () => {
    expect(json("wfm", "erlang", ...classic, "--agents", "10", "--threshold-s", "20")).toMatchObject({
      stable: false,
      asaSeconds: null,
    });
    expect(cxpm("wfm", "erlang", ...classic, "--agents", "10", "--threshold-s", "20").stdout).toContain("unbounded");
  });

  it("refuses a fractional number of agents, naming the option", () => {
    const result = cxpm("wfm", "erlang", ...classic, "--agents", "12.5", "--threshold-s", "20", "--json");
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/'--agents <n>' argument '12.5' is invalid/);
  });
});
