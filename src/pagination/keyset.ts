// The rows strictly after (or before) a position in an order, as a Prisma `where`: whether or not
// the row the cursor came from still exists or is still visible, the page continues from where it
// stood. For columns a, b, id: a beyond x, or a = x and b beyond y, or a = x, b = y and id beyond z.
import type { Order, OrderColumn } from "./orders.js";

type Where = Record<string, unknown>;

/**
 * Rows after `position` in `order` (`side: "after"`), or before it. `within`: the page's other
 * conditions; a nullable column they already hold non-null (the public's `publishedAt <= now`) is
 * bounded as a required one, since no null row can be on the page.
 */
export function keysetWhere(order: Order, position: unknown[], side: "after" | "before", within: Where = {}): Where {
  const nonNull = nonNullFields(within);
  order = { ...order, columns: order.columns.map((column) => (column.nullable && !column.relation && nonNull.has(column.field) ? { ...column, nullable: false } : column)) };
  const branches: Where[] = [];
  const equal: Where[] = [];
  order.columns.forEach((column, index) => {
    const value = position[index];
    const beyond = (side === "after" ? later(column, value) : earlier(column, value)).map((condition) => on(column, condition));
    if (beyond.length > 0) {
      const step = beyond.length === 1 ? beyond[0]! : { OR: beyond };
      branches.push(equal.length > 0 ? { AND: [...equal, step] } : step);
    }
    equal.push(on(column, value === null ? null : { equals: value }));
  });
  const bound = leadingBound(order, position, side);
  return bound ? { AND: [bound, { OR: branches }] } : { OR: branches };
}

/**
 * The first column's inclusive bound (a >= x after an ascending position), implied by the branches
 * but written out: a prepared statement's generic plan can start its index scan there, where the
 * branches alone leave it filtering the table from the first row. None where nulls lie beyond.
 */
function leadingBound(order: Order, position: unknown[], side: "after" | "before"): Where | null {
  const [column] = order.columns;
  const value = position[0];
  if (!column || value === null || column.relation || (column.nullable && side === "after")) return null;
  return { [column.field]: { [(side === "after") === (column.direction === "asc") ? "gte" : "lte"]: value } };
}

/** Fields a `where` holds to a non-null value: a comparison at its top level or in its top-level ANDs. */
function nonNullFields(where: Where, fields = new Set<string>()): Set<string> {
  for (const [key, condition] of Object.entries(where)) {
    if (key === "AND") for (const part of [condition].flat() as Where[]) nonNullFields(part, fields);
    else if (isNonNull(condition)) fields.add(key);
  }
  return fields;
}

const COMPARISONS = ["lt", "lte", "gt", "gte", "equals", "in"];
const isNonNull = (condition: unknown): boolean =>
  condition instanceof Date || typeof condition === "string" || typeof condition === "number" ||
  (typeof condition === "object" && condition !== null && (("not" in condition && condition.not === null) ||
    Object.entries(condition).some(([operator, value]) => COMPARISONS.includes(operator) && value !== null && value !== undefined)));

const on = (column: OrderColumn, condition: unknown): Where =>
  column.relation ? { [column.relation]: { [column.field]: condition } } : { [column.field]: condition };

/** Conditions, any of which puts a column's value after `value` (nulls sort last). */
function later({ direction, nullable }: OrderColumn, value: unknown): unknown[] {
  if (value === null) return [];
  const after = { [direction === "asc" ? "gt" : "lt"]: value };
  return nullable ? [after, null] : [after];
}

/** The same, before `value`: before a null comes every value. */
function earlier({ direction }: OrderColumn, value: unknown): unknown[] {
  if (value === null) return [{ not: null }];
  return [{ [direction === "asc" ? "lt" : "gt"]: value }];
}
