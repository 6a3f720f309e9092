import { describe, expect, it } from "vitest";
import { Random } from "../../src/warehouse/demo/random.ts";
import { demoActual, demoShift, workStates } from "../../src/warehouse/demo/realtime.ts";

const HOUR = 3600;
const contiguous = (blocks: readonly { start: number; end: number }[]) =>
  blocks.every((b, i) => b.end > b.start && (i === 0 || blocks[i - 1]!.end === b.start));

describe("the demo's schedules and agent states", () => {
  it("schedules a nine-hour shift of work, two breaks and lunch, breaks staggered per CSS", () => {
    const shift = demoShift(0, 0, null);
    expect(contiguous(shift)).toBe(true);
    expect(shift[0]!.start).toBe(0);
    expect(shift[shift.length - 1]!.end).toBe(9 * HOUR);
    expect(shift.map((b) => b.activity)).toEqual(["work", "break", "work", "lunch", "work", "break", "work"]);
    expect(demoShift(0, 2, null)[1]!.start - shift[1]!.start).toBe(30 * 60);
    const training = demoShift(0, 0, "training");
    expect(training.find((b) => b.activity === "training")).toMatchObject({ start: 5.5 * HOUR, end: 6.5 * HOUR });
    expect(contiguous(training)).toBe(true);
  });

  it("follows the schedule with deviations, the same ones for the same seed", () => {
    const shift = demoShift(1_000_000, 1, "meeting");
    const draw = (seed: number) => Array.from({ length: 40 }, (_, i) => demoActual(shift, new Random(seed + i)));
    expect(draw(3)).toEqual(draw(3));
    let late = 0;
    for (const actual of draw(3)) {
      expect(contiguous(actual)).toBe(true);
      expect(Math.abs(actual[0]!.start - shift[0]!.start)).toBeLessThanOrEqual(12 * 60);
      const scheduledLunch = shift.find((b) => b.activity === "lunch")!;
      const lunch = actual.find((b) => b.activity === "lunch")!;
      if (lunch.end > scheduledLunch.end + 60) late++;
    }
    // A return from lunch is late about one time in four.
    expect(late).toBeGreaterThan(2);
    expect(late).toBeLessThan(25);
  });

  it("turns a block of work into the contacts' talk, hold and after-contact work with available between", () => {
    const states = workStates({ start: 0, end: 1000, activity: "work" }, [
      [100, 200, 30, 50],
      [350, 100, 0, 20],
      [900, 300, 0, 0],
    ]);
    expect(states.map((s) => [s.activity, s.start, s.end])).toEqual([
      ["available", 0, 100],
      ["talk", 100, 300],
      ["hold", 300, 330],
      ["acw", 330, 380],
      // The second contact began while the first was still in after-contact work (a chat): it is not a state.
      ["available", 380, 900],
      ["talk", 900, 1000],
    ]);
  });
});
