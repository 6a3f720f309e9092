import { describe, expect, it } from "vitest";
import { loadPack } from "../../src/standard/pack.ts";
import { certificationDecision, type ItemRating } from "../../src/standard/rules/certification.ts";

const pack = loadPack("copc-cx-cc-7.0");

/** Every applicable item at full marks, then the overrides. */
function ratings(provider: "csp" | "osp", overrides: Record<string, Partial<ItemRating>> = {}): ItemRating[] {
  return pack.itemsFor(provider).map((item) => {
    const full: ItemRating =
      item.category === "4"
        ? { kind: "results", item: item.id, meetingOrImprovingPercent: 100 }
        : { kind: "approach-deployment", item: item.id, approach: 100, deployment: 100 };
    return { ...full, ...overrides[item.id] } as ItemRating;
  });
}

describe("certification decision", () => {
  it("full marks with Item 4.6 met certifies a CSP on 4,000 points", () => {
    const decision = certificationDecision(pack, { provider: "csp", ratings: ratings("csp"), item46Met: true });
    expect(decision).toMatchObject({ available: 4000, earned: 4000, percent: 100, certified: true, unrated: [] });
  });

  it("an OSP is scored on 4,360 points", () => {
    const decision = certificationDecision(pack, { provider: "osp", ratings: ratings("osp"), item46Met: true });
    expect(decision.available).toBe(4360);
    expect(decision.certified).toBe(true);
  });

  it("Item 4.6 not met blocks certification whatever the points", () => {
    const decision = certificationDecision(pack, { provider: "csp", ratings: ratings("csp"), item46Met: false });
    expect(decision.conditions).toEqual({ points: true, approach: true, item46: false });
    expect(decision.certified).toBe(false);
  });

  it("less than 100% on Approach in any Category 1–3 item blocks certification", () => {
    const decision = certificationDecision(pack, {
      provider: "csp",
      ratings: ratings("csp", { "2.15": { approach: 75, deployment: 100 } }),
      item46Met: true,
    });
    // 2.15 is 40 points: 30 earned, 99.75% of points, yet not certified.
    expect(decision.percent).toBeCloseTo(99.75, 10);
    expect(decision.conditions.approach).toBe(false);
    expect(decision.certified).toBe(false);
  });

  it("needs 95% of the available points", () => {
    // 4.1 (500 points) at the 75 band loses 125: 96.875% → certified; at the 50 band loses 250: 93.75% → not.
    const at = (share: number) =>
      certificationDecision(pack, {
        provider: "csp",
        ratings: ratings("csp", { "4.1": { meetingOrImprovingPercent: share } }),
        item46Met: true,
      });
    expect(at(80)).toMatchObject({ earned: 3875, certified: true });
    expect(at(60)).toMatchObject({ earned: 3750, certified: false });
  });

  it("scores an item by the lower of approach and deployment (cxpm's reading)", () => {
    const decision = certificationDecision(pack, {
      provider: "csp",
      ratings: ratings("csp", { "1.1": { approach: 100, deployment: 50 } }),
      item46Met: true,
    });
    expect(decision.items.find((i) => i.item === "1.1")).toMatchObject({ percent: 50, earned: 50 });
  });

  it("an unrated item earns nothing and fails the approach condition", () => {
    const all = ratings("csp").filter((r) => r.item !== "2.1");
    const decision = certificationDecision(pack, { provider: "csp", ratings: all, item46Met: true });
    expect(decision.unrated).toEqual(["2.1"]);
    expect(decision.conditions.approach).toBe(false);
  });

  it("rejects ratings that do not fit", () => {
    expect(() =>
      certificationDecision(pack, {
        provider: "osp",
        ratings: [{ kind: "results", item: "4.2a", meetingOrImprovingPercent: 100 }],
        item46Met: true,
      }),
    ).toThrow(/does not apply to an OSP/);
    expect(() =>
      certificationDecision(pack, {
        provider: "csp",
        ratings: [{ kind: "approach-deployment", item: "1.1", approach: 60, deployment: 100 }],
        item46Met: true,
      }),
    ).toThrow(/not one of/);
  });
});
