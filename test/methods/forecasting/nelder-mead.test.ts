import { describe, expect, it } from "vitest";
import { nelderMead } from "../../../src/methods/forecasting/nelder-mead.ts";

describe("Nelder–Mead in a box", () => {
  it("finds Rosenbrock's minimum at (1, 1)", () => {
    const rosenbrock = ([x, y]: number[]) => 100 * ((y as number) - (x as number) ** 2) ** 2 + (1 - (x as number)) ** 2;
    const min = nelderMead(rosenbrock, [-1, 2], { lower: [-3, -3], upper: [3, 3] }, { maxEvaluations: 4000 });
    expect(min.x[0]).toBeCloseTo(1, 3);
    expect(min.x[1]).toBeCloseTo(1, 3);
  });

  it("stays inside the bounds when the minimum lies outside", () => {
    const min = nelderMead(([x]) => ((x as number) - 5) ** 2, [0.5], { lower: [0], upper: [1] });
    expect(min.x[0]).toBeLessThanOrEqual(1);
    expect(min.x[0]).toBeGreaterThan(0.999);
  });

  it("treats non-finite values as refused points", () => {
    const min = nelderMead(([x]) => ((x as number) > 0.6 ? Number.NaN : ((x as number) - 0.3) ** 2), [0.2], {
      lower: [0],
      upper: [1],
    });
    expect(min.x[0]).toBeCloseTo(0.3, 4);
  });
});
