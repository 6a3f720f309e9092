import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  agreementWeights,
  categoriesOf,
  cohensKappa,
  cohensKappaOf,
  crossTable,
  KAPPA_WEIGHTS,
} from "../../../src/methods/agreement/cohen.ts";
import { ANXIETY, SAS_TABLE } from "./data.ts";

const table = (counts: number[][]) => ({ categories: counts.map((_, i) => String(i + 1)), counts });

describe("Cohen's kappa against published values", () => {
  it("Wikipedia's worked example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → po 0.7, pe 0.5, κ 0.4", () => {
    const result = cohensKappa({
      categories: ["yes", "no"],
      counts: [
        [20, 5],
        [10, 15],
      ],
    });
    expect(result.observed).toBeCloseTo(0.7, 14);
    expect(result.expected).toBeCloseTo(0.5, 14);
    expect(result.kappa).toBeCloseTo(0.4, 14);
  });

  // statsmodels/stats/tests/test_inter_rater.py, UnweightedCohens and TestWeightedCohens: SAS PROC FREQ output
  // for `table10` — kappa, ASE (Fleiss, Cohen & Everitt 1969), 95% limits, ASE under H0 and Z, to 4 decimals.
  // SAS's weighted kappa uses Cicchetti–Allison (linear) weights.
  it.each([
    ["none", [0.4842, 0.138, 0.2137, 0.7547, 0.1484, 3.2626]],
    ["linear", [0.4701, 0.1457, 0.1845, 0.7558, 0.1426, 3.2971]],
  ] as const)("SAS example, %s weights: κ, ASE, limits, ASE under H0, Z = %j", (weights, expected) => {
    const r = cohensKappa(table(SAS_TABLE), { weights });
    const actual = [r.kappa, r.se, r.lower, r.upper, r.seUnderNull, r.z];
    for (const [i, value] of actual.entries()) expect(Math.abs(value! - expected[i]!)).toBeLessThanOrEqual(5e-5);
  });

  // statsmodels' test_cohens_kappa_irr: R irr::kappa2 on raters 2 and 3 of `anxiety` — κ and z (z = κ / se₀).
  // irr weights by the position of each observed level (1, 2, 3, 4, 6: no rater 2 or 3 scored 5), which is
  // what categoriesOf + default scores give here.
  it.each([
    ["none", -0.006289308, -0.0604067],
    ["linear", 0.1459075, 1.282472],
    ["quadratic", 0.2520325, 1.437451],
  ] as const)("irr::kappa2 on anxiety raters 2 and 3, %s weights: κ %d, z %d", (weights, kappa, z) => {
    const r = cohensKappaOf(
      ANXIETY.map((row) => String(row[1])),
      ANXIETY.map((row) => String(row[2])),
      { weights },
    );
    expect(r.kappa).toBeCloseTo(kappa, 7);
    expect(r.z).toBeCloseTo(z, 5);
  });

  it("scores change weighted kappa: the real scale 1–6 instead of positions", () => {
    const a = ANXIETY.map((row) => String(row[1]));
    const b = ANXIETY.map((row) => String(row[2]));
    const byPosition = cohensKappaOf(a, b, { weights: "linear" });
    const byScore = cohensKappaOf(a, b, { weights: "linear", scores: [1, 2, 3, 4, 6] });
    expect(byScore.kappa).not.toBeCloseTo(byPosition.kappa!, 3);
    // Unweighted kappa ignores scores.
    expect(cohensKappaOf(a, b, { scores: [1, 2, 3, 4, 6] }).kappa).toBeCloseTo(-0.006289308, 9);
  });
});

describe("cross tables and weights", () => {
  it("orders numeric labels as numbers and others as text", () => {
    expect(categoriesOf(["10", "9"], ["1"])).toEqual(["1", "9", "10"]);
    expect(categoriesOf(["pass", "fail", "n/a"])).toEqual(["fail", "n/a", "pass"]);
  });

  it("tabulates rater A by rows and rater B by columns", () => {
    expect(crossTable(["yes", "no", "yes"], ["yes", "yes", "yes"])).toEqual({
      categories: ["no", "yes"],
      counts: [
        [0, 1],
        [0, 2],
      ],
    });
  });

  it("refuses labels outside the given categories and lists of different length", () => {
    expect(() => crossTable(["a", "b"], ["a", "c"], ["a", "b"])).toThrow(/item 2: label "c"/);
    expect(() => crossTable(["a"], ["a", "b"])).toThrow(/different numbers of items/);
  });

  it.each([
    [
      "linear",
      [
        [1, 0.5, 0],
        [0.5, 1, 0.5],
        [0, 0.5, 1],
      ],
    ],
    [
      "quadratic",
      [
        [1, 0.75, 0],
        [0.75, 1, 0.75],
        [0, 0.75, 1],
      ],
    ],
  ] as const)("%s weights for three categories", (weights, expected) => {
    expect(agreementWeights(weights, 3)).toEqual(expected);
  });

  it("kappa is undefined when both raters used one category only", () => {
    const result = cohensKappaOf(["pass", "pass"], ["pass", "pass"]);
    expect(result).toMatchObject({ kappa: null, se: null, lower: null, upper: null, observed: 1, expected: 1 });
  });

  it("refuses an empty or malformed table", () => {
    expect(() =>
      cohensKappa(
        table([
          [0, 0],
          [0, 0],
        ]),
      ),
    ).toThrow(/no items/);
    expect(() => cohensKappa({ categories: ["a", "b"], counts: [[1, 2]] })).toThrow(/2 × 2/);
    expect(() =>
      cohensKappa(
        table([
          [1, -1],
          [0, 1],
        ]),
      ),
    ).toThrow(/non-negative/);
  });
});

describe("properties", () => {
  const ratings = fc
    .integer({ min: 2, max: 5 })
    .chain((k) =>
      fc.array(fc.tuple(fc.integer({ min: 0, max: k - 1 }), fc.integer({ min: 0, max: k - 1 })), {
        minLength: 1,
        maxLength: 80,
      }),
    )
    .map((pairs) => ({ a: pairs.map(([x]) => String(x)), b: pairs.map(([, y]) => String(y)) }));
  const weights = fc.constantFrom(...KAPPA_WEIGHTS);

  it("property: identical ratings give κ = 1 whenever two or more categories are used", () => {
    fc.assert(
      fc.property(ratings, weights, ({ a }, w) => {
        const result = cohensKappaOf(a, a, { weights: w });
        if (new Set(a).size >= 2) expect(result.kappa).toBeCloseTo(1, 12);
        else expect(result.kappa).toBeNull();
      }),
    );
  });

  it("property: swapping the two raters changes nothing", () => {
    fc.assert(
      fc.property(ratings, weights, ({ a, b }, w) => {
        const ab = cohensKappaOf(a, b, { weights: w });
        const ba = cohensKappaOf(b, a, { weights: w });
        if (ab.kappa === null) {
          expect(ba.kappa).toBeNull();
        } else {
          expect(ba.kappa).toBeCloseTo(ab.kappa, 12);
          expect(ba.se).toBeCloseTo(ab.se!, 12);
          expect(ba.seUnderNull).toBeCloseTo(ab.seUnderNull!, 12);
        }
      }),
    );
  });

  it("property: κ ≤ 1, the interval contains κ and the standard error is not negative", () => {
    fc.assert(
      fc.property(ratings, weights, ({ a, b }, w) => {
        const r = cohensKappaOf(a, b, { weights: w });
        if (r.kappa === null) return;
        expect(r.kappa).toBeLessThanOrEqual(1 + 1e-12);
        expect(r.se).toBeGreaterThanOrEqual(0);
        expect(r.lower).toBeLessThanOrEqual(r.kappa);
        expect(r.upper).toBeGreaterThanOrEqual(r.kappa);
      }),
    );
  });

  it("property: with two categories every weighting is unweighted kappa", () => {
    const binary = fc
      .array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 80 })
      .map((pairs) => ({ a: pairs.map(([x]) => String(x)), b: pairs.map(([, y]) => String(y)) }));
    fc.assert(
      fc.property(binary, ({ a, b }) => {
        const plain = cohensKappaOf(a, b, { categories: ["false", "true"] });
        for (const w of ["linear", "quadratic"] as const) {
          const weighted = cohensKappaOf(a, b, { weights: w, categories: ["false", "true"] });
          if (plain.kappa === null) expect(weighted.kappa).toBeNull();
          else expect(weighted.kappa).toBeCloseTo(plain.kappa, 12);
        }
      }),
    );
  });
});
