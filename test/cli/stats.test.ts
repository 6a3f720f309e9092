import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const cxpm = (...args: string[]) => spawnSync("node", ["bin/cxpm.js", ...args], { encoding: "utf8" });
const json = (...args: string[]) =>
  JSON.parse(execFileSync("node", ["bin/cxpm.js", ...args, "--json"], { encoding: "utf8" }));
const fixture = (name: string) => `test/fixtures/stats/${name}`;

describe("cxpm stats sample-size", () => {
  it("prints one JSON document with n0, n, z and the formula", () => {
    const doc = json("stats", "sample-size", "--confidence", "0.95", "--margin", "0.05", "--population", "1000");
    expect(doc).toMatchObject({ n: 278, correction: "cochran", population: 1000, rounding: "up" });
    expect(doc.z).toBeCloseTo(1.959964, 6);
    expect(doc.n0).toBeCloseTo(384.146, 3);
    expect(doc.formula).toContain("n = n0 / (1 + (n0 - 1) / N)");
  });

  it("takes p, the correction, the rounding and a rounded z", () => {
    const doc = json(
      "stats",
      "sample-size",
      "--margin",
      "0.05",
      "--p",
      "0.2",
      "--population",
      "500",
      "--correction",
      "simple",
      "--rounding",
      "nearest",
      "--z-decimals",
      "2",
    );
    expect(doc.z).toBe(1.96);
    // n0 = 1.96² × 0.16 / 0.0025 = 245.86; 245.86 / (1 + 245.86 / 500) = 164.8
    expect(doc.n).toBe(165);
  });

  it("shows the working for people", () => {
    const result = cxpm("stats", "sample-size", "--margin", "0.05", "--population", "1000");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("z  = 1.959964");
    expect(result.stdout).toContain("Evaluate 278 contacts of 1,000.");
  });

  it.each([
    [["--margin", "5"], /option '--margin <e>' argument '5' is invalid/],
    [["--margin", "0.05", "--confidence", "95"], /'--confidence <level>' argument '95' is invalid/],
    [["--margin", "0.05", "--population", "12.5"], /'--population <N>' argument '12.5' is invalid/],
    [[], /required option '--margin <e>' not specified/],
  ])("refuses %j with exit 2, naming the option", (args, message) => {
    const result = cxpm("stats", "sample-size", ...args, "--json");
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
  });
});

describe("cxpm stats interval", () => {
  it("Wilson by default (Newcombe 1998, Table I: 81/263 → 0.2553 to 0.3662)", () => {
    const doc = json("stats", "interval", "--successes", "81", "--trials", "263");
    expect(doc).toMatchObject({ method: "wilson", confidence: 0.95, successes: 81, trials: 263 });
    expect(doc.lower).toBeCloseTo(0.2553, 4);
    expect(doc.upper).toBeCloseTo(0.3662, 4);
  });

  it("Clopper–Pearson with --method exact (Newcombe 1998, Table I: 15/148 → 0.0578 to 0.1617)", () => {
    const doc = json("stats", "interval", "--successes", "15", "--trials", "148", "--method", "exact");
    expect(doc.lower).toBeCloseTo(0.0578, 4);
    expect(doc.upper).toBeCloseTo(0.1617, 4);
  });

  it("prints the interval for people", () => {
    const result = cxpm("stats", "interval", "--successes", "81", "--trials", "263", "--confidence", "0.9");
    expect(result.stdout).toMatch(/^81 of 263 = 30\.80%\n90% Wilson score interval: /);
  });

  it("refuses more successes than trials, naming both options", () => {
    const result = cxpm("stats", "interval", "--successes", "12", "--trials", "10", "--json");
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("cxpm: --successes 12 is more than --trials 10\n");
  });

  it("refuses an unknown method", () => {
    const result = cxpm("stats", "interval", "--successes", "1", "--trials", "10", "--method", "wald");
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/'--method <method>' argument 'wald' is invalid/);
  });
});

describe("cxpm stats kappa", () => {
  it("two raters: Cohen's kappa with the SAS example's ASE and limits (statsmodels test_inter_rater.py)", () => {
    const doc = json("stats", "kappa", fixture("sas-weighted.csv"));
    expect(doc).toMatchObject({ method: "cohen", rows: 19, raters: ["first", "second"], fleiss: null });
    expect(doc.cohen.kappa).toBeCloseTo(0.4842, 4);
    expect(doc.cohen.se).toBeCloseTo(0.138, 4);
    expect(doc.agreement.unanimousShare).toBeCloseTo(13 / 19, 12);
  });

  it("numeric labels are scored by value for --weights (SAS: linear weighted kappa 0.4701, ASE 0.1457)", () => {
    const doc = json("stats", "kappa", fixture("sas-weighted.csv"), "--weights", "linear");
    expect(doc.scores).toEqual([1, 2, 3]);
    expect(doc.cohen.kappa).toBeCloseTo(0.4701, 4);
    expect(doc.cohen.se).toBeCloseTo(0.1457, 4);
  });

  it("--categories orders the scale: R irr::kappa2(anxiety[, 2:3], 'squared') = 0.2520325", () => {
    const doc = json(
      "stats",
      "kappa",
      fixture("irr-anxiety.csv"),
      "--weights",
      "quadratic",
      "--categories",
      "1,2,3,4,6",
    );
    expect(doc.scores).toEqual([0, 1, 2, 3, 4]);
    expect(doc.cohen.kappa).toBeCloseTo(0.2520325, 7);
  });

  it("more raters: Fleiss' kappa (Fleiss 1971 diagnoses, R irr::kappam.fleiss: 0.4302445, z 17.65183)", () => {
    const doc = json("stats", "kappa", fixture("fleiss-diagnoses.csv"));
    expect(doc).toMatchObject({ method: "fleiss", rows: 30, cohen: null, reference: null });
    expect(doc.fleiss.kappa).toBeCloseTo(0.4302445, 7);
    expect(doc.fleiss.z).toBeCloseTo(17.65183, 4);
  });

  it("a calibration session with attributes and a gauge", () => {
    const doc = json("stats", "kappa", fixture("calibration.csv"), "--reference", "gauge");
    expect(doc.attributes).toEqual(["greeting", "verification", "resolution"]);
    expect(doc.reference.overall).toMatchObject({ compared: 36, agreed: 28 });
    expect(doc.reference.byRater.map((r: { rater: string; agreed: number }) => [r.rater, r.agreed])).toEqual([
      ["ana", 9],
      ["ben", 9],
      ["cara", 10],
    ]);
    expect(
      doc.reference.byAttribute.map((a: { attribute: string; agreed: number }) => [a.attribute, a.agreed]),
    ).toEqual([
      ["greeting", 10],
      ["verification", 8],
      ["resolution", 10],
    ]);
    expect(doc.reference.kappa.map((k: { rater: string }) => k.rater)).toEqual(["ana", "ben", "cara"]);
    expect(doc.byAttribute).toHaveLength(3);
  });

  it("prints agreement and kappa for people", () => {
    const result = cxpm("stats", "kappa", fixture("calibration.csv"), "--reference", "gauge");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Fleiss' kappa: ");
    expect(result.stdout).toContain("Against the reference gauge");
    expect(result.stdout).toMatch(/cara\s*│ 10\/12 83\.3%/);
  });

  it("documents the file format in its help", () => {
    const result = cxpm("stats", "kappa", "--help");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("item,attribute,gauge,ana,ben");
  });

  it.each([
    [["missing-rating.csv"], 1, 'missing-rating.csv line 3: rater "ana" has no rating'],
    [["no-such-file.csv"], 1, "cannot read test/fixtures/stats/no-such-file.csv: ENOENT"],
    [["calibration.csv", "--reference", "zoe"], 2, '--reference "zoe" is not a rater'],
    [["calibration.csv", "--weights", "linear"], 2, "--weights linear applies to Cohen's kappa"],
    [["calibration.csv", "--weights", "linear", "--reference", "gauge"], 2, 'line 2 has the label "yes"'],
    [["calibration.csv", "--categories", "yes"], 1, 'calibration.csv line 3: rater "ana" gave "no"'],
  ])("refuses %j with exit %d: %s", (args, status, message) => {
    const [file, ...rest] = args;
    const result = cxpm("stats", "kappa", fixture(file!), ...rest, "--json");
    expect(result.status).toBe(status);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(message);
  });

  it("names the line of a malformed or repeated row from standard input", () => {
    const ragged = spawnSync("node", ["bin/cxpm.js", "stats", "kappa", "-"], {
      encoding: "utf8",
      input: "item,a,b\nx,1,2\ny,1\n",
    });
    expect(ragged.status).toBe(1);
    expect(ragged.stderr).toMatch(/standard input: Invalid Record Length: expect 3, got 2 on line 3/);
    const repeated = spawnSync("node", ["bin/cxpm.js", "stats", "kappa", "-"], {
      encoding: "utf8",
      input: "item,a,b\nx,1,2\nx,1,1\n",
    });
    expect(repeated.stderr).toBe('cxpm: standard input line 3: item "x" already appears on line 2\n');
  });
});
