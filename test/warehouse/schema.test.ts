import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createTableSql } from "../../src/warehouse/schema/define.ts";
import { describeSchema } from "../../src/warehouse/schema/describe.ts";
import { DATASETS } from "../../src/warehouse/schema/tables.ts";
import { Warehouse } from "../../src/warehouse/warehouse.ts";

describe("the canonical schema", () => {
  it("is documented in docs/warehouse-schema.md, generated from the definitions", () => {
    expect(readFileSync("docs/warehouse-schema.md", "utf8")).toBe(describeSchema());
  });

  it("creates every dataset in DuckDB with its natural key", async () => {
    const warehouse = await Warehouse.open(":memory:");
    try {
      for (const t of Object.values(DATASETS)) {
        const columns = await warehouse.all<{ column_name: string }>(
          "SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position",
          [t.name],
        );
        expect(columns.map((c) => c.column_name)).toEqual([...Object.keys(t.columns), "batch_id"]);
        expect(createTableSql(t)).toContain(`PRIMARY KEY (${t.naturalKey.join(", ")})`);
      }
    } finally {
      warehouse.close();
    }
  });
});
