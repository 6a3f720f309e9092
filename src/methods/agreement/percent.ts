/**
 * Percent agreement for calibration sessions: how often raters give the same answer, among themselves and
 * against a reference rater (the gauge: the quality lead or client whose evaluation counts as right).
 *
 * Percent agreement does not discount chance agreement as kappa does; calibration reports show both because
 * the percentage is what people act on and kappa tells whether it means anything.
 */
import { type ProportionInterval, wilson } from "../sampling/proportion.ts";

/** One rating: a rater's label for one attribute (form question) of one item (evaluated contact). */
export interface Rating {
  readonly item: string;
  /** The attribute or form question; one attribute per item when left out. */
  readonly attribute?: string;
  readonly rater: string;
  readonly value: string;
}

export interface Agreement {
  /** Ratings compared with the reference. */
  readonly compared: number;
  /** Of those, the ones equal to the reference. */
  readonly agreed: number;
  /** agreed / compared, or null when nothing was compared. */
  readonly share: number | null;
  /** Wilson interval for the share, or null when nothing was compared. */
  readonly interval: ProportionInterval | null;
}

export interface ReferenceAgreement {
  readonly reference: string;
  /** Every rater other than the reference, pooled. */
  readonly overall: Agreement;
  readonly byAttribute: readonly ({ attribute: string } & Agreement)[];
  readonly byRater: readonly ({
    rater: string;
    byAttribute: readonly ({ attribute: string } & Agreement)[];
  } & Agreement)[];
}

export interface GroupAgreement {
  readonly items: number;
  /** Items on which every rater gave the same label. */
  readonly unanimous: number;
  readonly unanimousShare: number;
  /** Mean over items of the share of rater pairs that agree (Fleiss' P̄; for two raters, plain agreement). */
  readonly pairwiseShare: number;
}

const NO_ATTRIBUTE = "";

function agreement(compared: number, agreed: number, confidence: number): Agreement {
  return {
    compared,
    agreed,
    share: compared === 0 ? null : agreed / compared,
    interval: compared === 0 ? null : wilson(agreed, compared, confidence),
  };
}

/**
 * Agreement of each rater with the reference rater, overall and per attribute. A rating counts only where
 * the reference rated the same item and attribute; the reference's own ratings are not compared.
 *
 * @example
 * agreementWithReference([
 *   { item: "c1", rater: "gauge", value: "yes" }, { item: "c1", rater: "ana", value: "yes" },
 *   { item: "c2", rater: "gauge", value: "no" }, { item: "c2", rater: "ana", value: "yes" },
 * ], "gauge").overall // { compared: 2, agreed: 1, share: 0.5, … }
 */
export function agreementWithReference(
  ratings: readonly Rating[],
  reference: string,
  confidence = 0.95,
): ReferenceAgreement {
  const key = (r: Rating) => JSON.stringify([r.item, r.attribute ?? NO_ATTRIBUTE]);
  const truth = new Map<string, string>();
  for (const r of ratings) {
    if (r.rater !== reference) continue;
    if (truth.has(key(r))) throw new RangeError(`the reference rated item ${r.item} ${r.attribute ?? ""} twice`.trim());
    truth.set(key(r), r.value);
  }
  if (truth.size === 0) throw new RangeError(`the reference rater "${reference}" has no ratings`);

  // counts[rater][attribute] = [compared, agreed]
  const counts = new Map<string, Map<string, [number, number]>>();
  const attributes = new Set<string>();
  for (const r of ratings) {
    if (r.rater === reference) continue;
    const expected = truth.get(key(r));
    if (expected === undefined) continue;
    const attribute = r.attribute ?? NO_ATTRIBUTE;
    attributes.add(attribute);
    const byAttribute = counts.get(r.rater) ?? new Map<string, [number, number]>();
    counts.set(r.rater, byAttribute);
    const cell = byAttribute.get(attribute) ?? [0, 0];
    cell[0]++;
    if (r.value === expected) cell[1]++;
    byAttribute.set(attribute, cell);
  }
  const sum = (cells: Iterable<[number, number]>) => {
    let compared = 0;
    let agreed = 0;
    for (const [c, a] of cells) {
      compared += c;
      agreed += a;
    }
    return agreement(compared, agreed, confidence);
  };
  const attributeList = [...attributes];
  const all = [...counts.values()].flatMap((m) => [...m.values()]);
  return {
    reference,
    overall: sum(all),
    byAttribute: attributeList.map((attribute) => ({
      attribute,
      ...sum([...counts.values()].map((m) => m.get(attribute) ?? [0, 0])),
    })),
    byRater: [...counts].map(([rater, byAttribute]) => ({
      rater,
      ...sum(byAttribute.values()),
      byAttribute: attributeList.map((attribute) => ({ attribute, ...sum([byAttribute.get(attribute) ?? [0, 0]]) })),
    })),
  };
}

/**
 * Agreement within a group of raters, from each item's labels (one per rater who rated it; items with fewer
 * than two labels are skipped).
 *
 * @example groupAgreement([["a", "a", "a"], ["a", "b", "b"]]) // unanimous 1 of 2; pairwise (1 + 1/3) / 2
 */
export function groupAgreement(labelsByItem: readonly (readonly string[])[]): GroupAgreement {
  const rated = labelsByItem.filter((labels) => labels.length >= 2);
  if (rated.length === 0) throw new RangeError("no item was rated by two raters or more");
  let unanimous = 0;
  let pairwise = 0;
  for (const labels of rated) {
    const m = labels.length;
    const tally = new Map<string, number>();
    for (const label of labels) tally.set(label, (tally.get(label) ?? 0) + 1);
    if (tally.size === 1) unanimous++;
    pairwise += [...tally.values()].reduce((sum, c) => sum + c * (c - 1), 0) / (m * (m - 1));
  }
  return {
    items: rated.length,
    unanimous,
    unanimousShare: unanimous / rated.length,
    pairwiseShare: pairwise / rated.length,
  };
}
