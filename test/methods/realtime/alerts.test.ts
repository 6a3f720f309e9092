import { describe, expect, it } from "vitest";
import { adherenceAlert, deviationAlert, staffingAlerts } from "../../../src/methods/realtime/index.ts";

describe("real-time alerts", () => {
  it("raises volume running 15% above forecast over the last three intervals, at the default 10%", () => {
    const alert = deviationAlert("volume", [100, 100, 100, 100], [50, 110, 115, 120]);
    expect(alert).toMatchObject({ kind: "volume", fromInterval: 1, toInterval: 3, forecast: 300, actual: 345 });
    expect(alert!.deviation).toBeCloseTo(0.15, 12);
    expect(Object.isFrozen(alert)).toBe(true);
  });

  it("stays quiet inside the threshold, and honours a wider one and a shorter window", () => {
    expect(deviationAlert("volume", [100, 100], [95, 108])).toBeNull();
    expect(deviationAlert("handle-time", [100, 100], [130, 100], { threshold: 0.2 })).toBeNull();
    expect(deviationAlert("handle-time", [100, 100], [100, 70], { last: 1 })).toMatchObject({
      deviation: -0.30000000000000004,
    });
    expect(() => deviationAlert("volume", [1], [1], { threshold: 0 })).toThrow(/above 0/);
  });

  it("lists intervals short of their requirement by more than half an agent", () => {
    const alerts = staffingAlerts([
      { interval: 8, required: 12, staff: 11.6 },
      { interval: 9, required: 12, staff: 10 },
    ]);
    expect(alerts).toEqual([{ kind: "understaffed", interval: 9, required: 12, staff: 10, short: 2 }]);
  });

  it("reports the latest long stretch out of adherence, and whether it goes on", () => {
    const out = [
      { start: 0, end: 1200 },
      { start: 3000, end: 3120 },
      { start: 6000, end: 6900 },
    ];
    expect(adherenceAlert("ana", out, 6900)).toMatchObject({ agentId: "ana", minutes: 15, ongoing: true });
    expect(adherenceAlert("ana", out, 9000, 20)).toMatchObject({ start: 0, minutes: 20, ongoing: false });
    expect(adherenceAlert("ana", out.slice(1, 2), 9000)).toBeNull();
  });
});
