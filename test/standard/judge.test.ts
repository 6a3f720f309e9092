import { describe, expect, it } from "vitest";
import { JudgeInputError, judge, parseJudgeInput } from "../../src/standard/judge.ts";
import { loadPack } from "../../src/standard/pack.ts";

const pack = loadPack();
const months = (values: (number | null)[], target: number) =>
  values.map((value, i) => ({ period: `2026-${String(i + 1).padStart(2, "0")}`, value, target }));

const organisation = {
  entity: "Acme",
  locations: [
    { id: "manila", region: "apac" },
    { id: "cebu", region: "apac" },
    { id: "austin", region: "amer" },
  ],
  programs: [
    { id: "bank-care", location: "manila", service: "customer-service" },
    { id: "bank-tech", location: "cebu", service: "tech-support" },
    { id: "telco-care", location: "austin", service: "customer-service" },
  ],
};

const meeting = months([81, 82, 83, 84, 85, 86], 80);
const failing = months([70, 71, 70, 72, 70, 71], 80);
const improving = months([70, 70, 70, 75, 76, 74], 80);

describe("judge", () => {
  const judgement = judge(
    parseJudgeInput({
      organisation,
      series: [
        { metric: "rt.service_level", program: "bank-care", periods: meeting },
        { metric: "rt.abandonment_rate", program: "bank-care", periods: months([3, 4, 3, 3, 6, 3], 5) },
        { metric: "rt.service_level", program: "bank-tech", periods: failing },
        {
          metric: "rt.customer_critical_error_accuracy",
          program: "bank-tech",
          periods: improving.map((p) => ({ ...p, target: 95, value: (p.value ?? 0) + 20 })),
        },
        { metric: "rt.service_level", program: "telco-care", periods: meeting },
        {
          metric: "rt.volume",
          program: "telco-care",
          periods: months([1000, 1100, 1050, 990, 1200, 1010], 0).map((p) => ({ ...p, target: null })),
        },
      ],
    }),
    pack,
  );
  const scope = (level: string, id: string) =>
    judgement.scopes.find((s) => s.scope.level === level && s.scope.id === id)!;

  it("judges every period and the 3-of-4 rule per series", () => {
    const sl = judgement.series.find((s) => s.key === "rt.service_level@bank-care")!;
    expect(sl.periods.every((p) => p.met)).toBe(true);
    expect(sl).toMatchObject({ met: 6, evaluated: 6, meeting: true, direction: "higher" });
    const abandon = judgement.series.find((s) => s.key === "rt.abandonment_rate@bank-care")!;
    expect(abandon).toMatchObject({ direction: "lower", met: 5, meeting: true });
  });

  it("finds sustained improvement where the target is missed", () => {
    const accuracy = judgement.series.find((s) => s.key === "rt.customer_critical_error_accuracy@bank-tech")!;
    expect(accuracy.meeting).toBe(false);
    expect(accuracy.sustainedImprovement.current).toBe(true);
  });

  it("does not judge volume metrics and leaves them out of 50/75", () => {
    const volume = judgement.series.find((s) => s.key === "rt.volume@telco-care")!;
    expect(volume.direction).toBe("none");
    expect(scope("location", "austin").counted).toBe(1);
  });

  it("rolls program metrics up to location, region, service and entity", () => {
    expect(scope("entity", "Acme")).toMatchObject({ counted: 5, meeting: 3, meetingOrImproving: 4, met: true });
    expect(scope("location", "manila")).toMatchObject({ counted: 2, met: true });
    expect(scope("location", "cebu")).toMatchObject({ counted: 2, meeting: 0, meetingOrImproving: 1, met: false });
    expect(scope("region", "apac")).toMatchObject({ counted: 4, meeting: 2, meetingOrImproving: 3, met: true });
    expect(scope("service", "tech-support")).toMatchObject({ counted: 2, met: false });
    expect(judgement.item46Met).toBe(false);
  });

  it("raises corrective action for customer-affecting metrics not meeting and scopes under 75%", () => {
    const keys = judgement.triggers.filter((t) => t.kind === "metric-not-meeting").map((t) => t.key);
    expect(keys.sort()).toEqual(["rt.customer_critical_error_accuracy@bank-tech", "rt.service_level@bank-tech"]);
    const scopes = judgement.triggers.filter((t) => t.kind === "improvement-examples-required").map((t) => t.scope);
    expect(scopes).toContain("entity:Acme");
    expect(scope("location", "cebu").triggers.map((t) => t.kind)).toContain("improvement-examples-required");
  });

  it("judges as of the end of the latest period", () => {
    expect(judgement.asOf).toBe("2026-07-01");
  });

  it("reports governance findings: routinely beaten target and missing target", () => {
    const findings = judge(
      parseJudgeInput({
        series: [
          { metric: "rt.aht", periods: months([300, 290, 280, 270, 260, 250], 320) },
          { metric: "rt.asa", periods: months([20, 21], 0).map((p) => ({ ...p, target: null })) },
        ],
      }),
      pack,
    ).governance;
    expect(findings.map((f) => `${f.kind} ${f.key}`).sort()).toEqual([
      "missing-target rt.asa",
      "routinely-better-than-target rt.aht",
    ]);
  });

  it("accepts metrics outside the catalog with a direction and category", () => {
    const result = judge(
      parseJudgeInput({
        series: [
          { metric: "client-nps", direction: "higher", category: "satisfaction", additional: true, periods: meeting },
        ],
      }),
      pack,
    );
    expect(result.series[0]).toMatchObject({ name: "client-nps", item46: "entity", meeting: true });
  });
});

describe("judge input errors", () => {
  const problems = (raw: unknown) => {
    try {
      judge(parseJudgeInput(raw), pack);
    } catch (error) {
      expect(error).toBeInstanceOf(JudgeInputError);
      return (error as JudgeInputError).problems;
    }
    throw new Error("expected a JudgeInputError");
  };

  it("names the path and what was expected", () => {
    expect(problems({ series: [{ metric: "rt.aht", periods: [{ period: "2026-13", value: "fast" }] }] })).toEqual([
      expect.stringMatching(/^series\[0\]\.periods\[0\]\.period: expected a period/),
      expect.stringMatching(/^series\[0\]\.periods\[0\]\.value: .*number/),
    ]);
  });

  it("rejects unknown metrics without direction, unknown programs, duplicates and periods out of order", () => {
    const found = problems({
      series: [
        { metric: "mystery", periods: meeting },
        { metric: "rt.aht", program: "nowhere", periods: meeting },
        { metric: "rt.asa", periods: [...months([1], 2), ...months([1], 2)] },
        { metric: "rt.asa", periods: meeting },
        { metric: "rt.service_level", direction: "lower", periods: meeting },
      ],
    });
    expect(found).toEqual([
      'series[0]: "mystery" is not in the copc-cx-cc-7.0 catalog: give its direction and category',
      'series[1].program: no program "nowhere" in organisation.programs',
      "series[2].periods[1]: periods must be in time order without overlap",
      "series[3]: a second series for rt.asa",
      'series[4].direction: the catalog says "higher" for rt.service_level',
    ]);
  });
});
