import { describe, expect, it } from "vitest";
import { calibrate, calibrationReport } from "../../src/warehouse/quality/calibration.ts";
import { metricFixture } from "./fixtures.ts";

const fixture = metricFixture();

/** One calibration answer; `lead` is the reference of every session here. */
const score = (
  session: string,
  date: string,
  transaction: string,
  evaluator: string,
  attribute: string,
  value: string,
) => ({
  source: "qa",
  session_id: session,
  session_date: date,
  program_id: "care",
  contact_id: transaction,
  evaluator_id: evaluator,
  reference: evaluator === "lead",
  attribute,
  score: value,
});

/** A session's answers: per transaction, greeting then verification. */
const session = (id: string, date: string, evaluator: string, answers: Record<string, [string, string]>) =>
  Object.entries(answers).flatMap(([t, [greeting, verification]]) => [
    score(id, date, t, evaluator, "greeting", greeting),
    score(id, date, t, evaluator, "verification", verification),
  ]);

const evaluation = (id: string, evaluator: string, at: string, mode = "remote") => ({
  source: "qa",
  evaluation_id: id,
  program_id: "care",
  kind: "real-time",
  time_zone: "America/Chicago",
  evaluated_at: at,
  evaluator_id: evaluator,
  mode,
  customer_critical_error: false,
  business_critical_error: false,
  compliance_critical_error: false,
});

const LEAD = { t1: ["yes", "yes"], t2: ["no", "yes"], t3: ["yes", "no"], t4: ["yes", "yes"] } as Record<
  string,
  [string, string]
>;

describe("evaluator calibration from the warehouse", () => {
  it("measures agreement with the reference per evaluator and attribute, flags the low, and finds who is missing", async () => {
    await fixture.load("calibration_scores", [
      ...session("s1", "2026-02-10", "lead", LEAD),
      // Ana agrees on everything.
      ...session("s1", "2026-02-10", "ana", LEAD),
      // Rui differs on t2's greeting, t3's verification and t4's greeting: 5 of 8.
      ...session("s1", "2026-02-10", "rui", {
        t1: ["yes", "yes"],
        t2: ["yes", "yes"],
        t3: ["yes", "yes"],
        t4: ["no", "yes"],
      }),
      // The second quarter: only Ana is calibrated.
      ...session("s2", "2026-05-05", "lead", { t5: ["yes", "no"] }),
      ...session("s2", "2026-05-05", "ana", { t5: ["yes", "no"] }),
    ]);
    await fixture.load("qa_evaluations", [
      evaluation("e1", "ana", "2026-01-20T16:00:00Z"),
      evaluation("e2", "rui", "2026-03-20T16:00:00Z"),
      evaluation("e3", "ana", "2026-04-20T16:00:00Z"),
      // Eva scored in the second quarter, so she is due a calibration there.
      evaluation("e4", "eva", "2026-05-20T16:00:00Z"),
      // A system check names no one to calibrate.
      evaluation("e5", "bot-checker", "2026-05-21T16:00:00Z", "system"),
      // 1 April 03:00 UTC is still 31 March in Chicago: the first quarter.
      evaluation("e6", "rui", "2026-04-01T03:00:00Z"),
    ]);

    const report = await calibrationReport(fixture.warehouse, { program: "care" });
    expect(report).toMatchObject({ threshold: 0.8, confidence: 0.95 });
    expect(
      report.quarters.map((q) => [q.quarter, q.sessions, q.references, q.expected, q.missing, q.complete]),
    ).toEqual([
      ["2026-Q1", ["s1"], ["lead"], ["ana", "rui"], [], true],
      ["2026-Q2", ["s2"], ["lead"], ["ana", "eva"], ["eva"], false],
    ]);

    const [rui, ana] = report.quarters[0]!.evaluators;
    expect(ana).toMatchObject({ evaluator: "ana", sessions: 1, transactions: 4, compared: 8, agreed: 8, share: 1 });
    expect(ana!.upper).toBe(1);
    expect(ana!.kappa).toMatchObject({ kappa: 1, se: 0, lower: 1, upper: 1 });
    expect(ana!.belowThreshold).toBe(false);

    // Lowest agreement first.
    expect(rui).toMatchObject({ evaluator: "rui", compared: 8, agreed: 5, share: 0.625, belowThreshold: true });
    expect(rui!.byAttribute.map((a) => [a.attribute, a.agreed, a.compared])).toEqual([
      ["greeting", 2, 4],
      ["verification", 3, 4],
    ]);
    // Rui no/yes 1, yes/no 2, yes/yes 5: po = 5/8, pe = 1/8·2/8 + 7/8·6/8 = 44/64, κ = (40 − 44)/(64 − 44) = −0.2.
    expect(rui!.kappa.kappa).toBeCloseTo(-0.2, 12);
    expect(rui!.kappa.lower!).toBeLessThan(-0.2);
    expect(rui!.kappa.upper!).toBeGreaterThan(-0.2);
    expect(rui!.lower!).toBeLessThan(0.625);

    const q2 = await calibrationReport(fixture.warehouse, { quarter: "2026-Q2", threshold: 0.9 });
    expect(q2.quarters).toHaveLength(1);
    expect(q2.quarters[0]!.evaluators.map((e) => [e.evaluator, e.share, e.belowThreshold])).toEqual([
      ["ana", 1, false],
    ]);
    // yes/yes and no/no: pe = 1/2, κ = 1.
    expect(q2.quarters[0]!.evaluators[0]!.kappa.kappa).toBe(1);
  });

  it("refuses a session without a reference, and a malformed quarter", async () => {
    await fixture.load("calibration_scores", [score("s9", "2026-02-10", "t1", "ana", "greeting", "yes")]);
    await expect(calibrationReport(fixture.warehouse)).rejects.toThrow(
      /session s9 \(care, 2026-02-10\) has no reference/,
    );
    await expect(calibrationReport(fixture.warehouse, { quarter: "2026-5" })).rejects.toThrow(/expected YYYY-Qn/);
  });
});

describe("calibrate", () => {
  const s = (evaluator: string, value: string, transaction = "t1") => ({
    session: "s",
    date: "2026-07-01",
    program: "p",
    transaction,
    evaluator,
    reference: evaluator === "gauge",
    attribute: "a",
    score: value,
  });

  it("reports a quarter with expected evaluators and no session, with everyone missing", () => {
    const report = calibrate([], new Map([["p 2026-Q3", ["ana", "rui"]]]));
    expect(report.quarters).toEqual([
      {
        program: "p",
        quarter: "2026-Q3",
        sessions: [],
        references: [],
        evaluators: [],
        expected: ["ana", "rui"],
        missing: ["ana", "rui"],
        complete: false,
      },
    ]);
  });

  it("leaves kappa undefined when both raters gave a single answer throughout", () => {
    const report = calibrate(
      [s("gauge", "yes"), s("ana", "yes"), s("gauge", "yes", "t2"), s("ana", "yes", "t2")],
      new Map(),
    );
    const [ana] = report.quarters[0]!.evaluators;
    expect(ana).toMatchObject({ share: 1, compared: 2, belowThreshold: false });
    expect(ana!.kappa.kappa).toBeNull();
  });

  it("does not expect the reference to be calibrated, and refuses two references in a session", () => {
    const report = calibrate([s("gauge", "yes"), s("ana", "no")], new Map([["p 2026-Q3", ["gauge", "ana"]]]));
    expect(report.quarters[0]).toMatchObject({ expected: ["ana"], missing: [], complete: true });
    expect(report.quarters[0]!.evaluators[0]).toMatchObject({ evaluator: "ana", share: 0, belowThreshold: true });
    expect(() => calibrate([s("gauge", "yes"), { ...s("lead", "yes"), reference: true }], new Map())).toThrow(
      /two references/,
    );
    expect(() => calibrate([], new Map(), { threshold: 80 })).toThrow(/threshold/);
  });
});
