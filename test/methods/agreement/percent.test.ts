import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fleissKappaOf } from "../../../src/methods/agreement/fleiss.ts";
import { agreementWithReference, groupAgreement, type Rating } from "../../../src/methods/agreement/percent.ts";

// A calibration session: four calls, two form questions, the quality lead as the gauge.
const SESSION: Rating[] = [
  ["c1", "greeting", "yes", "yes", "yes"],
  ["c1", "verification", "yes", "no", "yes"],
  ["c2", "greeting", "no", "no", "yes"],
  ["c2", "verification", "yes", "yes", "yes"],
  ["c3", "greeting", "yes", "yes", "no"],
  ["c3", "verification", "no", "no", "no"],
  ["c4", "greeting", "yes", "yes", "yes"],
  ["c4", "verification", "no", "yes", "yes"],
].flatMap(([item, attribute, gauge, ana, ben]) =>
  (
    [
      ["gauge", gauge],
      ["ana", ana],
      ["ben", ben],
    ] as const
  ).map(([rater, value]) => ({ item: item!, attribute: attribute!, rater, value: value! })),
);

describe("agreement with a reference rater", () => {
  const result = agreementWithReference(SESSION, "gauge");

  it("overall: ana agrees on 6 of 8, ben on 5 of 8, 11 of 16 pooled", () => {
    expect(result.overall).toMatchObject({ compared: 16, agreed: 11, share: 11 / 16 });
    expect(result.byRater.map((r) => [r.rater, r.agreed, r.compared])).toEqual([
      ["ana", 6, 8],
      ["ben", 5, 8],
    ]);
  });

  it("per attribute, pooled and per rater", () => {
    expect(result.byAttribute.map((a) => [a.attribute, a.agreed, a.compared])).toEqual([
      ["greeting", 6, 8],
      ["verification", 5, 8],
    ]);
    expect(result.byRater[0]!.byAttribute.map((a) => [a.attribute, a.agreed])).toEqual([
      ["greeting", 4],
      ["verification", 2],
    ]);
  });

  it("gives a Wilson interval for each share", () => {
    expect(result.overall.interval).toMatchObject({ successes: 11, trials: 16, method: "wilson" });
    expect(result.overall.interval!.lower).toBeLessThan(11 / 16);
  });

  it("skips ratings the reference did not make", () => {
    const extra = [...SESSION, { item: "c9", attribute: "greeting", rater: "ana", value: "yes" }];
    expect(agreementWithReference(extra, "gauge").overall.compared).toBe(16);
  });

  it("works without attributes", () => {
    const plain = agreementWithReference(
      [
        { item: "a", rater: "gauge", value: "1" },
        { item: "a", rater: "ana", value: "1" },
        { item: "b", rater: "gauge", value: "2" },
        { item: "b", rater: "ana", value: "3" },
      ],
      "gauge",
    );
    expect(plain.overall).toMatchObject({ compared: 2, agreed: 1, share: 0.5 });
    expect(plain.byAttribute).toHaveLength(1);
  });

  it("refuses an unknown reference and a reference who rated the same thing twice", () => {
    expect(() => agreementWithReference(SESSION, "zoe")).toThrow(/"zoe" has no ratings/);
    expect(() => agreementWithReference([...SESSION, SESSION[0]!], "gauge")).toThrow(/twice/);
  });
});

describe("agreement within the group", () => {
  it("unanimous items and mean pairwise agreement", () => {
    const result = groupAgreement([
      ["a", "a", "a"],
      ["a", "b", "b"],
    ]);
    expect(result).toMatchObject({ items: 2, unanimous: 1, unanimousShare: 0.5 });
    expect(result.pairwiseShare).toBeCloseTo((1 + 1 / 3) / 2, 14);
  });

  it("for two raters both shares are plain percent agreement", () => {
    const result = groupAgreement([
      ["a", "a"],
      ["a", "b"],
      ["b", "b"],
      ["b", "a"],
    ]);
    expect(result.unanimousShare).toBe(0.5);
    expect(result.pairwiseShare).toBe(0.5);
  });

  it("refuses items nobody compared", () => {
    expect(() => groupAgreement([["a"]])).toThrow(/two raters/);
  });

  it("property: pairwise agreement is Fleiss' P̄ and never below the unanimous share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((m) =>
          fc.array(fc.array(fc.constantFrom("x", "y", "z"), { minLength: m, maxLength: m }), {
            minLength: 1,
            maxLength: 30,
          }),
        ),
        (items) => {
          const group = groupAgreement(items);
          expect(group.pairwiseShare).toBeCloseTo(fleissKappaOf(items).observed, 12);
          expect(group.pairwiseShare).toBeGreaterThanOrEqual(group.unanimousShare - 1e-12);
        },
      ),
    );
  });
});
