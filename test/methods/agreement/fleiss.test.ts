import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cohensKappaOf } from "../../../src/methods/agreement/cohen.ts";
import { countsByItem, fleissKappa, fleissKappaOf } from "../../../src/methods/agreement/fleiss.ts";
import { DIAGNOSES, WIKIPEDIA_FLEISS } from "./data.ts";

describe("Fleiss' kappa against published values", () => {
  it("Wikipedia's worked example: P̄ = 0.378, P̄e = 0.213, κ = 0.210", () => {
    const result = fleissKappa(WIKIPEDIA_FLEISS);
    expect(result).toMatchObject({ items: 10, raters: 14 });
    expect(result.observed).toBeCloseTo(0.378, 3);
    expect(result.expected).toBeCloseTo(0.213, 3);
    expect(result.kappa).toBeCloseTo(0.21, 3);
  });

  // statsmodels' test_fleiss_kappa_irr: R irr::kappam.fleiss(diagnoses) gives κ 0.4302445 and z 17.65183,
  // z from the standard error under κ = 0 (Fleiss, Nee & Landis 1979).
  it("Fleiss (1971) psychiatric diagnoses, as R's irr::kappam.fleiss: κ 0.4302445, z 17.65183", () => {
    const result = fleissKappaOf(DIAGNOSES.map((row) => row.map(String)));
    expect(result).toMatchObject({ items: 30, raters: 6, categories: ["1", "2", "3", "4", "5"] });
    expect(result.kappa).toBeCloseTo(0.4302445, 7);
    expect(result.z).toBeCloseTo(17.65183, 4);
  });

  it("overall kappa is the p·q-weighted mean of the category kappas (Fleiss 1971)", () => {
    const result = fleissKappaOf(DIAGNOSES.map((row) => row.map(String)));
    const pq = result.byCategory.map((c) => c.share * (1 - c.share));
    const weighted = result.byCategory.reduce((sum, c, j) => sum + pq[j]! * c.kappa!, 0);
    expect(weighted / pq.reduce((a, b) => a + b, 0)).toBeCloseTo(result.kappa!, 12);
  });
});

describe("fleissKappa", () => {
  it("builds the count table from each item's labels", () => {
    expect(
      countsByItem([
        ["a", "a", "b"],
        ["b", "b", "b"],
      ]),
    ).toEqual({
      categories: ["a", "b"],
      counts: [
        [2, 1],
        [0, 3],
      ],
    });
  });

  it("is undefined when every rating is the same category", () => {
    const result = fleissKappaOf([
      ["x", "x", "x"],
      ["x", "x", "x"],
    ]);
    expect(result).toMatchObject({ kappa: null, z: null, observed: 1, expected: 1 });
    expect(result.byCategory[0]!.kappa).toBeNull();
  });

  it.each([
    [[], /no items/],
    [[[1, 1], [2]], /one count per category/],
    [
      [
        [1, 1],
        [1, 2],
      ],
      /item 2 has 3 ratings/,
    ],
    [
      [
        [1, 0],
        [0, 1],
      ],
      /at least 2 raters/,
    ],
    [[[1.5, 0.5]], /whole numbers/],
  ])("refuses %j", (counts, message) => {
    expect(() => fleissKappa(counts)).toThrow(message);
  });

  const panel = fc.integer({ min: 2, max: 6 }).chain((m) =>
    fc.array(fc.array(fc.constantFrom("pass", "fail", "n/a"), { minLength: m, maxLength: m }), {
      minLength: 1,
      maxLength: 40,
    }),
  );

  it("property: unanimous items with at least two categories used give κ = 1", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("pass", "fail", "n/a"), { minLength: 2, maxLength: 30 }),
        fc.integer({ min: 2, max: 6 }),
        (labels, m) => {
          fc.pre(new Set(labels).size >= 2);
          expect(fleissKappaOf(labels.map((l) => Array(m).fill(l))).kappa).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it("property: the order of the raters does not matter", () => {
    fc.assert(
      fc.property(panel, (items) => {
        const a = fleissKappaOf(items);
        const b = fleissKappaOf(items.map((labels) => [...labels].reverse()));
        if (a.kappa === null) expect(b.kappa).toBeNull();
        else expect(b.kappa).toBeCloseTo(a.kappa, 12);
      }),
    );
  });

  it("property: κ ≤ 1 and, for two raters, never above Cohen's (Fleiss pools the two raters' margins)", () => {
    fc.assert(
      fc.property(panel, (items) => {
        const fleiss = fleissKappaOf(items);
        if (fleiss.kappa === null) return;
        expect(fleiss.kappa).toBeLessThanOrEqual(1 + 1e-12);
        if (items[0]!.length !== 2) return;
        const cohen = cohensKappaOf(
          items.map((l) => l[0]!),
          items.map((l) => l[1]!),
          { categories: fleiss.categories },
        );
        if (cohen.kappa !== null) expect(fleiss.kappa).toBeLessThanOrEqual(cohen.kappa + 1e-12);
      }),
    );
  });
});
