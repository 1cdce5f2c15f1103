// Cursors: a row's position in its connection's order, opaque to clients. The text is
// `k1|<order name>|<JSON of the column values>` in base64url; dates travel as ISO text. Decoding
// checks the tag, the order's name and every value's type, so a cursor from another connection or
// order, or one a client made up, is an INVALID_PAGINATION error and never reaches the database.
import { isStorableDate } from "../dates.js";
import { MAX_ROW_ID } from "../ids.js";
import { PaginationError } from "../errors.js";
import { positionOf, type Order } from "./orders.js";

const VERSION = "k1";

export function encodeCursor(order: Order, row: Record<string, unknown>): string {
  const values = positionOf(order, row).map((value) => (value instanceof Date ? value.toISOString() : value));
  return Buffer.from(`${VERSION}|${order.name}|${JSON.stringify(values)}`).toString("base64url");
}

/** The position a cursor names, typed by the order's columns. */
export function decodeCursor(order: Order, cursor: string): unknown[] {
  const refuse = () => new PaginationError(`"${cursor.slice(0, 100)}" is not a cursor of this list.`);
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw refuse();
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const prefix = `${VERSION}|${order.name}|`;
  if (!text.startsWith(prefix)) throw refuse();
  let values: unknown;
  try {
    values = JSON.parse(text.slice(prefix.length));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(values) || values.length !== order.columns.length) throw refuse();
  return order.columns.map((column, index) => {
    const value = values[index];
    if (value === null && column.nullable) return null;
    switch (column.type) {
      case "Int":
        // Int columns are 32-bit: a value beyond them names no row's place.
        if (Number.isInteger(value) && Math.abs(value as number) <= MAX_ROW_ID) return value;
        break;
      case "Float":
        // JSON carries a double exactly, so the position compares equal to the stored score.
        if (typeof value === "number" && Number.isFinite(value)) return value;
        break;
      case "String":
        if (typeof value === "string") return value;
        break;
      case "DateTime": {
        const date = typeof value === "string" ? new Date(value) : null;
        if (date && !Number.isNaN(date.getTime()) && date.toISOString() === value && isStorableDate(date)) return date;
        break;
      }
    }
    throw refuse();
  });
}
