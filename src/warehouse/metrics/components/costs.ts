/**
 * Components from costs and cost drivers: the cost of service delivery across human and digital channels, and
 * the units of the driver chosen as X (Exhibit 3).
 */
import type { ComponentGroup } from "./define.ts";

/** Every cost of service delivery, human and digital channels together, on the day it is booked to. */
export const serviceDeliveryCost: ComponentGroup = {
  base: () => `SELECT c.booked_on AS day, c.program_id, '' AS queue_id, c.amount FROM costs c`,
  byDay: { table: "costs" },
  components: { service_delivery_cost: "sum(amount)" },
};

/** Units of the chosen cost driver. A program whose driver is never counted has no cost per X. */
export const costDriverUnits: ComponentGroup = {
  base: (s) => `
    SELECT c.counted_on AS day, c.program_id, '' AS queue_id, c.units
    FROM cost_drivers c WHERE c.driver = '${s.costDriver.replaceAll("'", "''")}'`,
  byDay: { table: "cost_drivers" },
  components: { cost_driver_units: "sum(units)" },
};

/** The cost of one digital group's channels, for its cost per conversation, transaction or task. */
export const digitalServiceCost = (channel: string): ComponentGroup => ({
  base: () =>
    `SELECT c.booked_on AS day, c.program_id, '' AS queue_id, c.amount FROM costs c WHERE c.channel = '${channel}'`,
  byDay: { table: "costs" },
  components: { service_cost: "sum(amount)" },
});
