import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listPacks, loadPack, loadPackDir, PACKS_DIR, PackError } from "../../src/standard/pack.ts";

describe.each(listPacks())("shipped pack %s", (id) => {
  const pack = loadPack(id);

  it("loads and validates every file", () => {
    expect(pack.items.length).toBeGreaterThan(0);
    expect(pack.requirements.length).toBeGreaterThan(0);
    expect(pack.metrics.length).toBeGreaterThan(0);
  });

  it("every requirement's parent chain reaches its item", () => {
    const ids = new Set(pack.requirements.map((r) => r.id));
    for (const r of pack.requirements) {
      let parent = r.parent;
      while (parent !== r.item) {
        expect(ids.has(parent), `${r.id} → ${parent}`).toBe(true);
        parent = pack.requirements.find((x) => x.id === parent)!.parent;
      }
    }
  });

  it("every metric's components are named once per formula", () => {
    for (const m of pack.metrics) {
      const f = m.formula;
      const ids =
        f.kind === "ratio"
          ? [f.numerator.id, f.denominator.id]
          : f.kind === "total"
            ? [f.component.id]
            : f.components.map((c) => c.id);
      expect(new Set(ids).size, m.id).toBe(ids.length);
      if (f.kind === "expression") {
        const used = f.expression.match(/[a-z_][a-z0-9_]*/g)?.filter((w) => !["abs", "min", "max"].includes(w)) ?? [];
        for (const name of used) expect(ids, `${m.id}: ${name} in "${f.expression}"`).toContain(name);
      }
    }
  });
});

describe("pack copc-cx-cc-7.0", () => {
  const pack = loadPack("copc-cx-cc-7.0");
  const byName = (pattern: RegExp) => pack.metrics.filter((m) => pattern.test(m.name));

  it("totals 4,000 points for a CSP and 4,360 for an OSP", () => {
    expect(pack.availablePoints("csp")).toBe(4000);
    expect(pack.availablePoints("osp")).toBe(4360);
  });

  it("has categories of 400 / 1,000 or 1,360 / 600 / 2,000 points", () => {
    const points = (kind: "csp" | "osp") =>
      ["1", "2", "3", "4"].map((c) =>
        pack
          .itemsFor(kind)
          .filter((i) => i.category === c)
          .reduce((s, i) => s + i.points, 0),
      );
    expect(points("csp")).toEqual([400, 1000, 600, 2000]);
    expect(points("osp")).toEqual([400, 1360, 600, 2000]);
  });

  it("has every item 1.1–4.6 with the right applicability", () => {
    expect(pack.items.map((i) => i.id)).toEqual([
      ...["1.1", "1.2", "1.3", "1.4"],
      ...Array.from({ length: 22 }, (_, i) => `2.${i + 1}`),
      ...Array.from({ length: 8 }, (_, i) => `3.${i + 1}`),
      ...["4.1", "4.2a", "4.2b", "4.3", "4.4", "4.5", "4.6"],
    ]);
    const osp = pack.items.filter((i) => i.appliesTo === "osp").map((i) => i.id);
    expect(osp).toEqual(["2.16", "2.17", "2.18", "2.19", "2.20", "2.21", "2.22", "4.2b"]);
    expect(pack.items.filter((i) => i.appliesTo === "csp").map((i) => i.id)).toEqual(["4.2a"]);
  });

  it("has the requirements other parts of the Standard refer to", () => {
    const ids = new Set(pack.requirements.map((r) => r.id));
    for (const ref of [
      "1.2.1",
      "1.3.4",
      "1.4.1",
      "2.4.1",
      "2.4.2",
      "2.5.1.e",
      "2.5.2",
      "2.5.3",
      "2.7.2",
      "2.7.3",
      "2.8.2.a",
      "2.8.2.c",
      "3.5.1",
      "3.5.2.c.i",
      "3.5.2.c.ii",
      "4.3.8",
      "4.6.1.a",
      "4.6.2.c",
    ]) {
      expect(ids.has(ref), ref).toBe(true);
    }
    expect(pack.requirements.find((r) => r.id === "1.2.1")?.parent).toBe("1.2");
  });

  it("carries the channel and operation tags", () => {
    const tags = new Set(pack.requirements.flatMap((r) => r.tags));
    for (const tag of ["Chat", "F2F", "Case"]) expect(tags.has(tag as never), tag).toBe(true);
  });

  it("has the OSP waivers attached to the items they relax", () => {
    const items = new Set(pack.waivers.map((w) => w.item));
    for (const item of [
      "1.3",
      "2.2",
      "2.4",
      "2.5",
      "2.7",
      "2.9",
      "2.10",
      "2.16",
      "2.17",
      "2.20",
      "3.5",
      "4.3",
      "4.5",
    ]) {
      expect(items.has(item), item).toBe(true);
    }
    expect(pack.waivers.find((w) => w.item === "3.5")?.requirements).toEqual(
      expect.arrayContaining(["3.5.2.c.i", "3.5.2.c.ii"]),
    );
  });

  it("has well over 100 metrics across every exhibit", () => {
    expect(pack.metrics.length).toBeGreaterThan(100);
    for (const exhibit of ["1a", "1b", "1c", "2", "3"]) {
      expect(
        pack.metrics.some((m) => m.exhibit === exhibit),
        exhibit,
      ).toBe(true);
    }
    const groups = new Set(pack.metrics.filter((m) => m.exhibit === "1a").map((m) => m.group));
    expect(groups.size).toBeGreaterThanOrEqual(5);
  });

  it("records the alternatives the Standard allows", () => {
    const alternativeNames = (pattern: RegExp) =>
      byName(pattern).flatMap((m) => m.alternatives.map((a) => pack.metric(a).name));
    expect(alternativeNames(/^Service Level$/i).some((n) => /ASA|Average Speed/i.test(n))).toBe(true);
    expect(alternativeNames(/Issue Resolution/i).some((n) => /First Contact Resolution|FCR/i.test(n))).toBe(true);
    expect(alternativeNames(/Take.?up/i).some((n) => /Deflection/i.test(n))).toBe(true);
  });

  it("has the benchmarks with their conditions", () => {
    const values = (pattern: RegExp) => byName(pattern).flatMap((m) => m.benchmarks.map((b) => b.value));
    const customerCritical = pack.metric("rt.customer_critical_error_accuracy");
    expect(customerCritical.benchmarks.map((b) => b.value).sort()).toEqual([95, 98]);
    expect(customerCritical.benchmarks.every((b) => b.condition)).toBe(true);
    expect(values(/uptime/i)).toContain(99.6);
    expect(values(/utili[sz]ation/i)).toContain(86);
    const csat = pack.metrics.filter(
      (m) => m.exhibit === "3" && m.benchmarks.some((b) => b.value === 85 && b.comparison === ">="),
    );
    expect(csat.length).toBeGreaterThan(0);
    const dsat = pack.metrics.filter(
      (m) => m.exhibit === "3" && m.benchmarks.some((b) => b.value === 5 && b.comparison === "<="),
    );
    expect(dsat.length).toBeGreaterThan(0);
  });

  it("requires no target for volume metrics and allows sampling only where the Standard does", () => {
    for (const m of pack.metrics.filter((m) => m.category === "volume")) expect(m.targetRequired, m.id).toBe(false);
    for (const m of pack.metrics.filter((m) => m.samplingAllowed)) {
      expect(["quality", "satisfaction", "sales", "people", "service"], m.id).toContain(m.category);
    }
  });
});

describe("a broken pack", () => {
  function brokenCopy(edit: (dir: string) => void): string {
    const dir = mkdtempSync(join(tmpdir(), "cxpm-pack-"));
    cpSync(join(PACKS_DIR, "copc-cx-cc-7.0"), dir, { recursive: true });
    edit(dir);
    return dir;
  }
  const editJson = (file: string, change: (json: never) => unknown) => {
    writeFileSync(file, JSON.stringify(change(JSON.parse(readFileSync(file, "utf8")) as never)));
  };

  it("is refused with every problem named, file and place", () => {
    const dir = brokenCopy((d) => {
      editJson(join(d, "items.json"), (items: { points: number }[]) =>
        items.map((i, n) => (n === 0 ? { ...i, points: 90 } : i)),
      );
      editJson(join(d, "pack.json"), (p: object) => ({ ...p, totals: { csp: "4000", osp: 4360 } }));
    });
    expect(() => loadPackDir(dir)).toThrow(PackError);
    try {
      loadPackDir(dir);
    } catch (error) {
      const problems = (error as PackError).problems.join("\n");
      expect(problems).toMatch(/pack\.json: at totals\.csp/);
    }
  });

  it("reports totals that disagree with the items", () => {
    const dir = brokenCopy((d) =>
      editJson(join(d, "items.json"), (items: { points: number }[]) =>
        items.map((i, n) => (n === 0 ? { ...i, points: 90 } : i)),
      ),
    );
    expect(() => loadPackDir(dir)).toThrow(/items total 3990 points for CSP, pack.json states 4000/);
  });

  it("reports a requirement whose parent does not exist", () => {
    const dir = brokenCopy((d) =>
      editJson(join(d, "requirements", "1.json"), (rs: object[]) => [
        ...rs,
        { id: "1.1.9.z", parent: "1.1.9", item: "1.1", text: "x" },
      ]),
    );
    expect(() => loadPackDir(dir)).toThrow(
      /requirement 1\.1\.9\.z: parent "1\.1\.9" is neither its item nor a requirement/,
    );
  });

  it("reports an alternative that is not listed back", () => {
    const dir = brokenCopy((d) => {
      const file = join(d, "metrics", "1a-human.json");
      editJson(file, (ms: { id: string; alternatives: string[] }[]) => {
        const [a, b] = ms;
        return [{ ...a!, alternatives: [b!.id] }, { ...b!, alternatives: [] }, ...ms.slice(2)];
      });
    });
    expect(() => loadPackDir(dir)).toThrow(/does not list .* back/);
  });
});
