import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import type { Database } from "../../src/app/db/schema.ts";
import { InvalidInputError } from "../../src/app/errors.ts";
import { setTarget, targetHistory, targetsInForce } from "../../src/app/targets.ts";
import { loadPack } from "../../src/standard/pack.ts";
import { appDbPerTest, ENGINES } from "../support/app-db.ts";
import { seedOrganisation } from "../support/organisation.ts";

const pack = loadPack();
const SL = { metric: "rt.service_level", scope: { level: "program", id: "nw-care" } } as const;
const set = (db: Kysely<Database>, input: Record<string, unknown>, actor = "ana") =>
  setTarget(db, pack, { ...SL, source: "client", ...input }, actor);

const problemsOf = async (work: Promise<unknown>) => {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  return (error as InvalidInputError).details;
};

describe.each(ENGINES)("targets on %s", (engine) => {
  const app = appDbPerTest(engine);

  it("sets a target with where it came from, who set it, and the benchmark it was compared with", async () => {
    const { db } = app();
    await seedOrganisation(db);
    const target = await setTarget(
      db,
      pack,
      {
        metric: "rt.css_utilization",
        scope: { level: "location", id: "manila" },
        value: 88,
        effectiveFrom: "2026-01",
        source: "internal",
      },
      "ana",
    );
    expect(target).toMatchObject({
      metric: "rt.css_utilization",
      scope: { level: "location", id: "manila" },
      value: 88,
      effectiveFrom: "2026-01",
      effectiveTo: null,
      source: "internal",
      benchmark: 86,
      reason: null,
      changedBy: "ana",
      closedBy: null,
    });
    expect(await targetHistory(db)).toEqual([target]);
  });

  it("never rewrites history: a new target closes the one in force, whose value stays as it was", async () => {
    const { db } = app();
    await seedOrganisation(db);
    const first = await set(db, { value: 80, effectiveFrom: "2026-01" });
    const second = await set(db, { value: 85, effectiveFrom: "2026-04" }, "ben");
    const history = await targetHistory(db, { metric: SL.metric });
    expect(history).toEqual([
      { ...first, effectiveTo: "2026-03", closedBy: second.id },
      { ...second, effectiveTo: null },
    ]);
    // The same month again replaces the row, which is closed before it began.
    const third = await set(db, { value: 90, effectiveFrom: "2026-04" });
    expect((await targetHistory(db)).map((t) => [t.value, t.effectiveFrom, t.effectiveTo, t.closedBy])).toEqual([
      [80, "2026-01", "2026-03", second.id],
      [85, "2026-04", "2026-03", third.id],
      [90, "2026-04", null, null],
    ]);
    // A target set before one already planned ends the month before it.
    const earlier = await set(db, { value: 75, effectiveFrom: "2025-10" });
    expect(earlier.effectiveTo).toBe("2025-12");
  });

  it("answers which targets are in force in a month, by metric and scope", async () => {
    const { db } = app();
    await seedOrganisation(db);
    await set(db, { value: 80, effectiveFrom: "2026-01" });
    await set(db, { value: 85, effectiveFrom: "2026-04" });
    await setTarget(
      db,
      pack,
      {
        metric: "rt.abandonment_rate",
        scope: { level: "entity", id: "acme" },
        value: 5,
        effectiveFrom: "2026-02",
        source: "client",
      },
      "ana",
    );
    const inForce = async (month: string, filter = {}) =>
      (await targetsInForce(db, { month, ...filter })).map((t) => `${t.metric}@${t.scope.id}=${t.value}`);
    expect(await inForce("2025-12")).toEqual([]);
    expect(await inForce("2026-01")).toEqual(["rt.service_level@nw-care=80"]);
    expect(await inForce("2026-03")).toEqual(["rt.abandonment_rate@acme=5", "rt.service_level@nw-care=80"]);
    expect(await inForce("2026-04")).toEqual(["rt.abandonment_rate@acme=5", "rt.service_level@nw-care=85"]);
    expect(await inForce("2027-12", { scope: { level: "program", id: "nw-care" } })).toEqual([
      "rt.service_level@nw-care=85",
    ]);
    expect(await inForce("2026-04", { metric: "rt.abandonment_rate" })).toEqual(["rt.abandonment_rate@acme=5"]);
    expect(await problemsOf(targetsInForce(db, { month: "2026-4" }))).toMatchObject([{ field: "month" }]);
  });

  it("needs a reason below the benchmark, by the metric's direction", async () => {
    const { db } = app();
    await seedOrganisation(db);
    const below = { metric: "rt.css_utilization", scope: { level: "entity", id: "acme" }, effectiveFrom: "2026-01" };
    expect(await problemsOf(setTarget(db, pack, { ...below, value: 80, source: "internal" }, "ana"))).toEqual([
      {
        field: "reason",
        message:
          "required: the target 80 is below the benchmark 86 for rt.css_utilization (higher is better); say why (1.3)",
      },
    ]);
    // Lower is better: 12% defective is worse than the 10% benchmark.
    const defective = { ...below, metric: "rt.escalation_defective", source: "client" };
    expect(await problemsOf(setTarget(db, pack, { ...defective, value: 12 }, "ana"))).toMatchObject([
      { field: "reason" },
    ]);
    expect(await targetHistory(db)).toEqual([]);
    const withReason = await setTarget(
      db,
      pack,
      { ...below, value: 80, source: "internal", reason: "new site ramping up" },
      "ana",
    );
    expect(withReason).toMatchObject({ reason: "new site ramping up", benchmark: 86 });
    expect(await setTarget(db, pack, { ...defective, value: 8 }, "ana")).toMatchObject({ reason: null, benchmark: 10 });
  });

  it("takes the date of comparative data with a comparative source, and only then", async () => {
    const { db } = app();
    await seedOrganisation(db);
    expect(await problemsOf(set(db, { value: 80, effectiveFrom: "2026-01", source: "comparative" }))).toMatchObject([
      { field: "comparativeDataDate" },
    ]);
    expect(
      await problemsOf(set(db, { value: 80, effectiveFrom: "2026-01", comparativeDataDate: "2025-06-30" })),
    ).toMatchObject([{ field: "comparativeDataDate" }]);
    expect(
      await problemsOf(
        set(db, { value: 80, effectiveFrom: "2026-01", source: "comparative", comparativeDataDate: "2025-02-30" }),
      ),
    ).toMatchObject([{ field: "comparativeDataDate" }]);
    expect(await targetHistory(db)).toEqual([]);
    const target = await set(db, {
      value: 80,
      effectiveFrom: "2026-01",
      source: "comparative",
      comparativeDataDate: "2025-06-30",
    });
    expect(target).toMatchObject({ source: "comparative", comparativeDataDate: "2025-06-30" });
  });

  it("refuses unknown metrics and scopes, metrics that take no target, and bad fields, writing nothing", async () => {
    const { db } = app();
    await seedOrganisation(db);
    expect(await problemsOf(set(db, { metric: "rt.happiness", value: 1, effectiveFrom: "2026-01" }))).toEqual([
      { field: "metric", message: 'no metric "rt.happiness" in the copc-cx-cc-7.0 catalog' },
    ]);
    expect(await problemsOf(set(db, { metric: "dc.volume", value: 1, effectiveFrom: "2026-01" }))).toMatchObject([
      { field: "metric" },
    ]);
    expect(
      await problemsOf(set(db, { scope: { level: "program", id: "nw-sales" }, value: 80, effectiveFrom: "2026-01" })),
    ).toEqual([{ field: "scope.id", message: 'no program "nw-sales"' }]);
    expect(
      (await problemsOf(set(db, { value: "80", effectiveFrom: "2026-1", source: "boss", extra: 1 }))).map(
        (p) => p.field,
      ),
    ).toEqual(expect.arrayContaining(["value", "effectiveFrom", "source", "extra"]));
    expect(await targetHistory(db)).toEqual([]);
    expect(await db.selectFrom("auditLog").select("id").where("subjectKind", "=", "target").execute()).toEqual([]);
  });
});
