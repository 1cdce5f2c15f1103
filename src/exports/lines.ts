// One row as one NDJSON line and back: columns in schema order, dates in ISO 8601 UTC, JSON values with sorted keys.
import * as enums from "../generated/prisma/enums.js";
import { isStorableDate } from "../dates.js";
import type { Column, Table } from "./tables.js";

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A row read by Prisma as one line of text (no trailing newline); the same data always gives the same bytes. */
export function encodeRow(table: Table, row: Record<string, unknown>): string {
  const line: Record<string, unknown> = {};
  for (const column of table.columns) {
    const value = row[column.name];
    if (value instanceof Date) line[column.name] = value.toISOString();
    else if (column.type === "Json") line[column.name] = sortKeys(value);
    else line[column.name] = value ?? null;
  }
  return JSON.stringify(line);
}

/** A line's row, ready for Prisma; throws an Error saying which column is wrong and why. */
export function decodeRow(table: Table, text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not a JSON object");
  const line = parsed as Record<string, unknown>;
  const known = new Set(table.columns.map((column) => column.name));
  const unknown = Object.keys(line).find((key) => !known.has(key));
  if (unknown !== undefined) throw new Error(`unknown field "${unknown}"`);
  const row: Record<string, unknown> = {};
  for (const column of table.columns) {
    if (!(column.name in line)) throw new Error(`missing field "${column.name}"`);
    row[column.name] = decodeValue(column, line[column.name]);
  }
  return row;
}

function decodeValue(column: Column, value: unknown): unknown {
  if (value === null) {
    if (column.nullable) return null;
    throw new Error(`"${column.name}" may not be null`);
  }
  const wrong = (expected: string) => new Error(`"${column.name}" must be ${expected}, not ${JSON.stringify(value)}`);
  if (column.kind === "enum") {
    const values = Object.values((enums as unknown as Record<string, Record<string, string>>)[column.type] ?? {});
    if (typeof value !== "string" || !values.includes(value)) throw wrong(`one of ${values.join(", ")}`);
    return value;
  }
  switch (column.type) {
    case "Int":
      if (!Number.isSafeInteger(value)) throw wrong("an integer");
      return value;
    case "Float":
      if (typeof value !== "number" || !Number.isFinite(value)) throw wrong("a number");
      return value;
    case "Boolean":
      if (typeof value !== "boolean") throw wrong("true or false");
      return value;
    case "String":
      if (typeof value !== "string") throw wrong("a string");
      return value;
    case "DateTime": {
      const date = typeof value === "string" && ISO_8601.test(value) ? new Date(value) : null;
      if (!date || Number.isNaN(date.getTime()) || !isStorableDate(date)) throw wrong("an ISO 8601 UTC time (YYYY-MM-DDTHH:mm:ss.sssZ)");
      return date;
    }
    case "Json":
      return value;
    default:
      throw new Error(`"${column.name}" has a type the import does not know (${column.type})`);
  }
}

/** A JSON value with every object's keys sorted, so a value stored as jsonb and as text prints the same. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}
