// A read's shape: its find arguments with every value inside a `where` taken out. Reads of ten
// thousand different articles share one shape, so one compiled statement; their values are bound
// as parameters. The shape keeps all that changes the SQL: keys, nulls, the length of an `in`
// list, a `mode`, take and skip, the order, the selection, and each value's kind (a `contains`
// needs text). Values outside a `where` (take, skip) are structure.
import { Slot } from "./params.js";

/** A read's shape as text, and the values taken out of it in the order the slots number them. */
export interface Shape {
  key: string;
  values: unknown[];
}

/** Thrown for a value the key cannot write (a BigInt, a Buffer): such a read is compiled each time. */
export class Unshaped extends Error {}

/** The shape of `args`; throws Unshaped for a value it cannot write. */
export function shapeOf(args: unknown): Shape {
  const values: unknown[] = [];
  let key = "";
  // Keys and the strings outside a where (directions, modes) come from the code, never from a
  // client, so they are written as they are.
  const write = (value: unknown, inWhere: boolean): void => {
    if (value === null) {
      key += "null";
      return;
    }
    switch (typeof value) {
      case "string":
      case "number":
      case "boolean":
        if (inWhere) {
          values.push(value);
          key += typeof value === "string" ? "?s" : typeof value === "number" ? "?n" : "?b";
        } else key += typeof value === "string" ? `"${value}"` : String(value);
        return;
      case "object":
        break;
      default:
        throw new Unshaped();
    }
    if (value instanceof Date) {
      if (inWhere) {
        values.push(value);
        key += "?d";
      } else key += `D${value.getTime()}`;
    } else if (Array.isArray(value)) {
      key += "[";
      for (const item of value) {
        write(item, inWhere);
        key += ",";
      }
      key += "]";
    } else {
      if (!isPlain(value)) throw new Unshaped();
      key += "{";
      for (const name in value as Record<string, unknown>) {
        const item = (value as Record<string, unknown>)[name];
        if (item === undefined) continue;
        key += name;
        key += ":";
        write(item, name === "mode" ? false : inWhere || name === "where");
        key += ",";
      }
      key += "}";
    }
  };
  write(args, false);
  return { key, values };
}

/** `args` with the values a shape takes out replaced by their slots, to compile the shape once. */
export function template(args: unknown): unknown {
  let next = 0;
  const walk = (value: unknown, inWhere: boolean): unknown => {
    if (value === null || value === undefined) return value;
    const kind = kindOf(value);
    if (kind) return inWhere ? new Slot(next++, kind) : value;
    if (Array.isArray(value)) return value.map((item) => walk(item, inWhere));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as object)) {
      if (key === "__proto__") throw new Unshaped();
      if (item !== undefined) out[key] = walk(item, key === "mode" ? false : inWhere || key === "where");
    }
    return out;
  };
  return walk(args, false);
}

/** The kind of a value a slot can hold, or null for structure (objects, arrays, null). */
function kindOf(value: unknown): string | null {
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return typeof value;
    case "object":
      return value instanceof Date ? "date" : null;
    default:
      // A function, symbol or BigInt: not an argument a shape can name.
      if (value === undefined) return null;
      throw new Unshaped();
  }
}

const isPlain = (value: unknown): boolean => {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};
