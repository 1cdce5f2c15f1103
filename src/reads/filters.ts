// Prisma's where as SQL, for the subset the compiled reads cover: equality, `in`, comparisons
// (dates included), `not: null`, literal `contains`, AND/OR, and relation filters (`some` on a
// list, a to-one relation's own filter). Anything else throws Declined with the reason, and the
// caller leaves the read to Prisma. Values become parameters, or slots bound later (./params.ts).
import { copiedConditions, copiedOrder, PARENT_COPIES } from "./copies.js";
import { decline } from "./declined.js";
import type { SomeForms } from "./density.js";
import type { Dialect } from "./dialect.js";
import { models, type ModelInfo } from "./models.js";
import { parameter, Slot } from "./params.js";

export interface SqlParts {
  dialect: Dialect;
  /** Adds a parameter; returns its placeholder. */
  param: (value: unknown) => string;
  /** The qualified name of one of the model's columns. */
  column: (name: string) => string;
  /** A fresh table alias, for a relation filter's subquery. */
  alias: () => string;
  /** A root page's: takes a to-many filter's forms, gives the SQL standing for it (./density.ts). */
  some?: (forms: SomeForms) => string;
}

const COMPARISONS: Record<string, string> = { gt: ">", gte: ">=", lt: "<", lte: "<=" };

/** `%`, `_` and `\` as themselves in a LIKE pattern whose escape is the backslash. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/** `filter` on `model` as an SQL condition, its values added through `sql.param`. */
export function where(model: ModelInfo, filter: Record<string, unknown>, sql: SqlParts): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === "AND" || key === "OR") {
      const list = Array.isArray(value) ? value : [value];
      const subs = list.map((sub) => where(model, sub as Record<string, unknown>, sql));
      // An OR wrapped as a truth test is no set of index conditions for a plan made once to gather
      // and sort (a BitmapOr), but a filter on the scan of the order's index. With no NOT in these
      // filters, false and unknown are alike in a WHERE, so the wrapping changes no answer.
      parts.push(key === "AND" ? (subs.length ? `(${subs.join(" AND ")})` : "1=1") : subs.length ? `(${subs.join(" OR ")}) IS TRUE` : "1=0");
      continue;
    }
    const type = model.scalars.get(key);
    if (type) parts.push(scalarFilter(sql.column(key), type, value, sql));
    else if (model.relations.has(key)) parts.push(relationFilter(model, key, value, sql));
    else decline(`filter ${key}`);
  }
  return parts.length > 0 ? parts.join(" AND ") : "1=1";
}

/** `{ list: { some: where } }` or `{ toOne: where }` (or `{ is: where }`): an EXISTS subquery, or the one matching row's id. */
function relationFilter(model: ModelInfo, name: string, filter: unknown, sql: SqlParts): string {
  const relation = model.relations.get(name)!;
  const target = models.get(relation.model)!;
  if (typeof filter !== "object" || filter === null || filter instanceof Slot) decline("relation filter");
  let nested = filter as Record<string, unknown>;
  let link: string;
  const alias = sql.alias();
  if (relation.list) {
    if (Object.keys(nested).length !== 1 || !nested.some || !model.id) decline("relation filter");
    nested = nested.some as Record<string, unknown>;
    link = `${alias}."${relation.to}" = ${sql.column(model.id)}`;
  } else {
    if ("is" in nested) nested = nested.is as Record<string, unknown>;
    if (!target.id || !relation.from || nested === null || "isNot" in nested) decline("relation filter");
    link = `${alias}."${target.id}" = ${sql.column(relation.from)}`;
  }
  const targetSql = { ...sql, some: undefined, column: (column: string) => `${alias}."${column}"` };
  const inner = where(target, nested, targetSql);
  // A to-one filter that pins a unique column matches one row at most: its id is read once for the
  // statement rather than looked up for every row. Where no row matches, the comparison is NULL,
  // which a WHERE reads as false as it does the EXISTS (these filters have no NOT to tell them apart).
  if (!relation.list && pinsUnique(target, nested)) return `${sql.column(relation.from!)} = (SELECT ${alias}."${target.id}" FROM "${target.name}" ${alias} WHERE ${inner})`;
  const exists = `EXISTS (SELECT 1 FROM "${target.name}" ${alias} WHERE ${link} AND ${inner})`;
  if (!relation.list || !sql.some) return exists;
  const id = sql.column(model.id!);
  const matching = `FROM "${target.name}" ${alias} WHERE ${inner}`;
  // The relation's copies of its parent's columns, when they are this parent's (./copies.ts).
  const copies = PARENT_COPIES.get(target.name);
  const candidates = copies && copies.columns[model.id!] === relation.to
    ? (order: unknown, parentWhere: unknown, limit: number): string | null => {
        const sorted = copiedOrder(target, copies, order, targetSql.column);
        if (!sorted) return null;
        const also = copiedConditions(parentWhere, copies).map((part) => where(target, part, targetSql));
        return `SELECT ${alias}."${relation.to}" ${[matching, ...also].join(" AND ")} ORDER BY ${sorted} LIMIT ${limit}`;
      }
    : undefined;
  return sql.some({
    ...(candidates ? { candidates } : {}),
    exists,
    sparse: `${id} = ANY(ARRAY(SELECT ${alias}."${relation.to}" ${matching}))`,
    // Wrapped, the IN is no join for the planner to reorder but a hashed filter on the page's scan.
    middle: `(${id} IN (SELECT ${alias}."${relation.to}" ${matching})) IS TRUE`,
    // A scalar subquery is never hashed: each parent the scan passes probes the relation's index.
    dense: `(SELECT 1 FROM "${target.name}" ${alias} WHERE ${link} AND ${inner} LIMIT 1) IS NOT NULL`,
    matches: `SELECT 1 ${matching}`,
  });
}

/** Whether `filter` holds one of `model`'s unique columns to a single value. */
function pinsUnique(model: ModelInfo, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).some(([key, value]) => model.unique.has(key) && value !== null && value !== undefined && isValue(value));
}

/** A parameter as the driver must send it for a column of `type`: now, or from a slot when bound. */
function paramValue(type: string, raw: unknown, sql: SqlParts): unknown {
  if (type === "Json" || (typeof raw === "object" && raw !== null && !(raw instanceof Date) && !(raw instanceof Slot))) decline("filter value");
  return parameter(raw, (value) => driverValue(type, value, sql.dialect));
}

function driverValue(type: string, raw: unknown, dialect: Dialect): unknown {
  if (type === "DateTime") {
    const date = raw instanceof Date ? raw : typeof raw === "string" ? new Date(raw) : null;
    if (!date || Number.isNaN(date.getTime())) decline("date filter");
    // PostgreSQL reads the text as a zoneless timestamp; SQLite compares the text Prisma writes.
    return dialect === "postgresql" ? date.toISOString() : date.toISOString().replace("Z", "+00:00");
  }
  if (raw instanceof Date) decline("date filter");
  if (typeof raw === "number" && !Number.isFinite(raw)) decline("filter value");
  if (type === "Boolean" && typeof raw === "boolean" && dialect === "sqlite") return raw ? 1 : 0;
  return raw;
}

/** A leaf of a filter: a value, or the slot of one. */
const isValue = (filter: unknown) => typeof filter !== "object" || filter instanceof Date || filter instanceof Slot;

function scalarFilter(column: string, type: string, filter: unknown, sql: SqlParts): string {
  const value = (raw: unknown) => sql.param(paramValue(type, raw, sql));
  if (filter === null) return `${column} IS NULL`;
  if (isValue(filter)) return `${column} = ${value(filter)}`;
  const parts: string[] = [];
  const { mode, ...ops } = filter as Record<string, unknown>;
  if (mode !== undefined && mode !== "insensitive" && mode !== "default") decline(`mode ${String(mode)}`);
  for (const [op, operand] of Object.entries(ops)) {
    if (operand === undefined) continue;
    if (op === "equals") {
      parts.push(operand === null ? `${column} IS NULL` : `${column} = ${value(operand)}`);
    } else if (op === "not" && operand === null) {
      parts.push(`${column} IS NOT NULL`);
    } else if (op === "in") {
      if (!Array.isArray(operand)) decline("filter in");
      const placeholders = operand.map(value);
      parts.push(placeholders.length ? `${column} IN (${placeholders.join(", ")})` : "1=0");
    } else if (op in COMPARISONS) {
      if (operand === null) decline(`filter ${op} null`);
      parts.push(`${column} ${COMPARISONS[op]} ${value(operand)}`);
    } else if (op === "contains" && (typeof operand === "string" || (operand instanceof Slot && operand.kind === "string")) && type === "String") {
      // Literal text: Prisma's `contains`, case-insensitive on PostgreSQL when asked, and as
      // SQLite's LIKE always is (ASCII). PostgreSQL's LIKE escapes with the backslash unless told
      // otherwise; naming it would make a prepared statement's generic plan escape the pattern again for every row.
      const like = sql.dialect === "postgresql" && mode === "insensitive" ? "ILIKE" : "LIKE";
      const escape = sql.dialect === "sqlite" ? " ESCAPE '\\'" : "";
      parts.push(`${column} ${like} ${sql.param(parameter(operand, (text) => `%${escapeLike(text as string)}%`))}${escape}`);
    } else {
      decline(`filter ${op}`);
    }
  }
  return parts.length > 0 ? parts.join(" AND ") : "1=1";
}
