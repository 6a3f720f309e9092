import { describe, expect, it } from "vitest";
import { metricFixture } from "./fixtures.ts";

const fixture = metricFixture();

const visit = (id: string, over: Record<string, unknown>) => ({
  source: "queue-system",
  source_id: id,
  program_id: "stores",
  queue_id: "stores-lisbon",
  channel: "retail",
  kind: "face-to-face",
  time_zone: "Europe/Lisbon",
  arrived_at: "2026-01-10T10:00:00",
  offered_at: "2026-01-10T10:00:30",
  ...over,
});

const one = async (metric: string) => {
  const values = await fixture.metric(metric);
  expect(values).toHaveLength(1);
  return values[0]!;
};

describe("face-to-face", () => {
  const day = async () => {
    await fixture.load("contacts", [
      visit("1", {
        answered_at: "2026-01-10T10:05:30",
        wait_seconds: 300,
        talk_seconds: 600,
        acw_seconds: 60,
        resolved: true,
        escalated: false,
        sale: true,
        sale_value: 200,
      }),
      // A repair, escalated (correctly) to the workshop, not resolved in the visit.
      visit("2", {
        answered_at: "2026-01-10T10:02:10",
        wait_seconds: 100,
        talk_seconds: 400,
        hold_seconds: 50,
        resolved: false,
        escalated: true,
        escalated_correctly: true,
        rework: false,
        sale: false,
      }),
      // Left after 15 minutes in the queue.
      visit("3", { abandoned_at: "2026-01-10T10:15:30", wait_seconds: 900 }),
      // A repair that had to be done again.
      visit("5", { answered_at: "2026-01-10T10:00:30", wait_seconds: 0, talk_seconds: 200, rework: true }),
    ]);
    await fixture.load("footfall", [
      {
        program_id: "stores",
        time_zone: "Europe/Lisbon",
        starts_at: "2026-01-10T09:00:00",
        interval_minutes: 60,
        people: 10,
      },
      {
        program_id: "stores",
        time_zone: "Europe/Lisbon",
        starts_at: "2026-01-10T10:00:00",
        interval_minutes: 60,
        people: 6,
      },
    ]);
  };

  it("waits and time to serve over visitors served; abandonment over visitors registered", async () => {
    await day();
    expect((await one("f2f.average_wait_time")).components).toEqual({ wait_seconds: 400, served: 3 });
    // (300 + 600) + (100 + 400 + 50) + (0 + 200)
    expect((await one("f2f.average_time_to_serve")).value).toBe(550);
    expect((await one("f2f.abandonment_rate")).components).toEqual({ visitors_abandoned: 1, visitors_registered: 4 });
    expect((await one("f2f.volume_registered")).value).toBe(4);
  });

  it("footfall from the door count; exit rate is those who came in and never registered", async () => {
    await day();
    expect((await one("f2f.volume_footfall")).value).toBe(16);
    expect((await one("f2f.exit_rate")).components).toEqual({ footfall_not_registered: 12, footfall: 16 });
  });

  it("escalation, resolution, repairs, sales and handle time", async () => {
    await day();
    expect((await one("f2f.escalation_rate")).value).toBe(25);
    expect((await one("f2f.escalation_accuracy")).value).toBe(100);
    expect((await one("f2f.issue_resolution")).components).toEqual({ resolved: 1, resolution_assessed: 2 });
    expect((await one("f2f.repair_rework_rate")).components).toEqual({ repairs_reworked: 1, repairs_completed: 2 });
    expect((await one("f2f.sales_conversion_rate")).components).toEqual({
      visits_with_sale: 1,
      visitors_registered: 4,
    });
    expect((await one("f2f.sales_volume")).value).toBe(200);
    // (600 + 60) + (400 + 50) + 200
    expect((await one("f2f.aht")).components).toEqual({ handle_seconds: 1310, handled: 3 });
  });

  it("customers handled per staffed hour, and the mystery-shopping score", async () => {
    await day();
    const shift = (agent: string) => ({
      agent_id: agent,
      program_id: "stores",
      kind: "face-to-face",
      time_zone: "Europe/Lisbon",
      starts_at: "2026-01-10T09:00:00",
      paid_onsite_seconds: 8 * 3600,
      productive_seconds: 4 * 3600,
      available_seconds: 3 * 3600,
    });
    await fixture.load("agent_time", [shift("a"), shift("b")]);
    expect((await one("f2f.customers_per_staffed_hour")).components).toEqual({ handled: 3, staffed_hours: 16 });
    const shop = (id: string, score: number) => ({
      source: "shoppers",
      shop_id: id,
      program_id: "stores",
      time_zone: "Europe/Lisbon",
      shopped_at: "2026-01-20T15:00:00",
      score,
    });
    await fixture.load("mystery_shops", [shop("1", 80), shop("2", 90)]);
    expect((await one("f2f.overall_location_quality")).value).toBe(85);
  });
});

describe("stock control", () => {
  it("cycle-count accuracy and variance over the SKUs counted, and orders lost for lack of stock", async () => {
    const sku = (id: string, book: number, counted: number) => ({
      source: "stock",
      count_id: "monday",
      sku: id,
      program_id: "stores",
      time_zone: "Europe/Lisbon",
      counted_at: "2026-01-12T08:00:00",
      book_quantity: book,
      counted_quantity: counted,
    });
    await fixture.load("stock_counts", [sku("a", 10, 10), sku("b", 20, 18), sku("c", 5, 6), sku("d", 15, 15)]);
    expect((await one("ksp.inventory.cycle_count_accuracy")).components).toEqual({
      skus_count_matched: 2,
      skus_counted: 4,
    });
    const variance = await one("ksp.inventory.cycle_count_variance");
    expect(variance.components).toEqual({ count_abs_variance: 3, count_book_quantity: 50 });
    expect(variance.value).toBeCloseTo(6, 12);
    await fixture.load("contacts", [
      visit("1", { out_of_stock: true }),
      visit("2", { out_of_stock: false }),
      visit("3", { out_of_stock: true }),
      visit("4", {}),
    ]);
    expect((await one("ksp.inventory.out_of_stock")).value).toBe(2);
  });
});
