/**
 * Capacity planning (Item 2.4.2): weekly required FTE from the forecast and the staffing model against the
 * FTE on hand after attrition and trained hires, the gap, and when hiring must start.
 */
export {
  type CapacityInput,
  type CapacityPlan,
  type CapacityStaffing,
  type CapacityWeek,
  capacityPlan,
  type IntervalLoad,
} from "./plan.ts";
