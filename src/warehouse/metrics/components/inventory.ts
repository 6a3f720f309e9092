/**
 * Components of stock control at face-to-face locations (Exhibit 2): cycle-count accuracy and variance, and
 * orders lost for lack of stock.
 */
import { type ComponentGroup, localDay, measured, nearDays } from "./define.ts";

/** SKUs counted on each local day: those matching the books, and the absolute gap against book quantity. */
export const cycleCounts: ComponentGroup = {
  base: () => `
    SELECT ${localDay("c.counted_at")} AS day, c.program_id, '' AS queue_id, c.book_quantity AS book,
      c.counted_quantity AS counted
    FROM stock_counts c`,
  byDay: { table: "stock_counts", near: (from, to) => nearDays("c.counted_at", from, to) },
  components: {
    skus_counted: "count(*)",
    skus_count_matched: "count(*) FILTER (WHERE counted = book)",
    count_abs_variance: "sum(abs(book - counted))",
    count_book_quantity: "sum(book)",
  },
};

/** Customer orders that could not be fulfilled for lack of stock, on the local day of the contact. */
export const outOfStock: ComponentGroup = {
  base: () => `
    SELECT ${localDay("c.arrived_at")} AS day, c.program_id, '' AS queue_id, c.out_of_stock
    FROM contacts c WHERE c.out_of_stock IS NOT NULL`,
  byDay: { table: "contacts", near: (from, to) => nearDays("c.arrived_at", from, to) },
  components: {
    orders_unfulfilled_stock: measured("out_of_stock", "count(*) FILTER (WHERE out_of_stock)"),
  },
};
