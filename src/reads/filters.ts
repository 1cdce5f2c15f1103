// Prisma's where, orderBy and cursor arguments as SQL, for the subset the compiled reads cover:
// equality, `in`, comparisons, AND/OR, ordering by a column (or a to-one relation's column), and
// a cursor over required columns. Anything else is null, and the caller leaves the read to Prisma.
import type { Dialect } from "./compile.js";
import type { ModelInfo } from "./models.js";

export interface SqlParts {
  dialect: Dialect;
  /** Adds a parameter; returns its placeholder. */
  param: (value: unknown) => string;
  /** The qualified name of one of the model's columns. */
  column: (name: string) => string;
}

const COMPARISONS: Record<string, string> = { gt: ">", gte: ">=", lt: "<", lte: "<=" };

export function where(model: ModelInfo, filter: Record<string, unknown>, sql: SqlParts): string | null {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    let part: string | null;
    if (key === "AND" || key === "OR") {
      const list = Array.isArray(value) ? value : [value];
      const subs = list.map((sub) => where(model, sub as Record<string, unknown>, sql));
      if (subs.some((sub) => sub === null)) return null;
      part = key === "AND" ? (subs.length ? `(${subs.join(" AND ")})` : "1=1") : subs.length ? `(${subs.join(" OR ")})` : "1=0";
    } else {
      const type = model.scalars.get(key);
      part = type ? scalarFilter(sql.column(key), type, value, sql) : null;
    }
    if (part === null) return null;
    parts.push(part);
  }
  return parts.length > 0 ? parts.join(" AND ") : "1=1";
}

function scalarFilter(column: string, type: string, filter: unknown, sql: SqlParts): string | null {
  const value = (raw: unknown): string | null => {
    if (raw instanceof Date || type === "DateTime" || type === "Json" || (typeof raw === "object" && raw !== null)) return null;
    if (type === "Boolean" && typeof raw === "boolean" && sql.dialect === "sqlite") return sql.param(raw ? 1 : 0);
    return sql.param(raw);
  };
  if (filter === null) return `${column} IS NULL`;
  if (typeof filter !== "object" || filter instanceof Date) {
    const placeholder = value(filter);
    return placeholder && `${column} = ${placeholder}`;
  }
  const parts: string[] = [];
  for (const [op, operand] of Object.entries(filter)) {
    if (operand === undefined) continue;
    if (op === "equals") {
      const placeholder = operand === null ? "" : value(operand);
      if (placeholder === null) return null;
      parts.push(operand === null ? `${column} IS NULL` : `${column} = ${placeholder}`);
    } else if (op === "in") {
      if (!Array.isArray(operand)) return null;
      const placeholders = operand.map(value);
      if (placeholders.some((placeholder) => placeholder === null)) return null;
      parts.push(placeholders.length ? `${column} IN (${placeholders.join(", ")})` : "1=0");
    } else if (op in COMPARISONS) {
      const placeholder = operand === null ? null : value(operand);
      if (placeholder === null) return null;
      parts.push(`${column} ${COMPARISONS[op]} ${placeholder}`);
    } else {
      return null;
    }
  }
  return parts.length > 0 ? parts.join(" AND ") : "1=1";
}

export function orderBy(
  model: ModelInfo,
  order: unknown,
  column: (name: string) => string,
  relationColumn: (relation: string, field: string) => string | null,
): string | null {
  if (order === undefined) return "";
  const entries = Array.isArray(order) ? order : [order];
  const terms: string[] = [];
  for (const entry of entries as Record<string, unknown>[]) {
    for (const [field, value] of Object.entries(entry)) {
      let expression: string | null = null;
      let direction = value;
      if (model.scalars.has(field)) {
        expression = column(field);
      } else if (typeof value === "object" && value !== null && Object.keys(value).length === 1) {
        // { relation: { field: direction } }
        const [nested, nestedDirection] = Object.entries(value)[0]!;
        expression = relationColumn(field, nested);
        direction = nestedDirection;
      }
      if (!expression || (direction !== "asc" && direction !== "desc")) return null;
      terms.push(`${expression} ${direction.toUpperCase()}`);
    }
  }
  return terms.join(", ");
}

/**
 * Prisma's `cursor: { id }`: the rows from the cursor row on, in the order given (a `skip: 1`
 * then steps past the cursor row itself). Only over orders of required columns, where every
 * comparison is defined; no cursor row, no rows, as with Prisma.
 */
export function cursorCondition(model: ModelInfo, cursor: unknown, order: unknown, sql: SqlParts & { alias: string }): string | null {
  if (!model.id || typeof cursor !== "object" || cursor === null) return null;
  const entries = Object.entries(cursor);
  if (entries.length !== 1 || entries[0]![0] !== model.id) return null;
  const id = entries[0]![1];
  if (typeof id !== "number" && typeof id !== "string") return null;
  const terms: [string, "asc" | "desc"][] = [];
  for (const entry of (Array.isArray(order) ? order : [order]) as Record<string, unknown>[]) {
    if (typeof entry !== "object" || entry === null) return null;
    for (const [field, direction] of Object.entries(entry)) {
      if (!model.scalars.has(field) || model.nullable.has(field) || (direction !== "asc" && direction !== "desc")) return null;
      terms.push([field, direction]);
    }
  }
  if (terms.length === 0) return null;
  // Built from the last term outwards: (a > x OR (a = x AND (b > y OR (b = y AND ... c >= z)))).
  const valueAt = (field: string) => `(SELECT ${sql.alias}."${field}" FROM "${model.name}" ${sql.alias} WHERE ${sql.alias}."${model.id}" = ${sql.param(id)})`;
  const build = (index: number): string => {
    const [field, direction] = terms[index]!;
    const column = sql.column(field);
    const after = direction === "asc" ? ">" : "<";
    if (index === terms.length - 1) return `${column} ${after}= ${valueAt(field)}`;
    return `(${column} ${after} ${valueAt(field)} OR (${column} = ${valueAt(field)} AND ${build(index + 1)}))`;
  };
  return build(0);
}
