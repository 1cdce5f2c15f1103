// Runs a compiled statement tree and shapes its rows as Prisma would have returned them.
import { PARENT_KEYS, type Column, type Statement } from "./statement.js";
import type { Dialect } from "./dialect.js";
import { utcDate } from "./instant.js";
import { bind } from "./params.js";

/** Sends one statement and returns its rows as arrays, in the order of its columns. */
export type Send = (sql: string, params: unknown[]) => Promise<unknown[][]>;

type Row = Record<string, unknown>;
/** Where values come from: a driver's row, or JSON built by PostgreSQL for an inline relation. */
type Source = Dialect | "json";

/** Each statement of a tree with its parameters bound to the read's `values`. Throws Declined for a bad value. */
export function bindAll(statement: Statement, values: readonly unknown[], bound = new Map<Statement, unknown[]>()): Map<Statement, unknown[]> {
  bound.set(statement, bind(statement.params, values));
  for (const child of statement.children) bindAll(child.statement, values, bound);
  if (statement.orElse) bindAll(statement.orElse, values, bound);
  return bound;
}

/**
 * The rows of a statement tree whose parameters `bound` holds (see bindAll), shaped as Prisma's;
 * `answeredBy` is the statement read, or its `orElse`.
 */
export async function run(statement: Statement, bound: Map<Statement, unknown[]>, send: Send, dialect: Dialect, parentKeys?: unknown[]): Promise<{ rows: Row[]; parents: unknown[]; answeredBy: Statement }> {
  let { sql } = statement;
  let params = bound.get(statement)!;
  if (statement.nested && parentKeys) {
    if (parentKeys.length === 1) [sql, params] = [statement.sqlOne!, [...params, parentKeys[0]]];
    else [sql, params] = [sql.replace(PARENT_KEYS, parentKeys.map(() => "?").join(", ")), [...params, ...parentKeys]];
  }
  const raw = await send(sql, params);
  if (raw.length === 0 && statement.orElse) return run(statement.orElse, bound, send, dialect, parentKeys);
  const rows = raw.map((values) => shape(statement, values, dialect));
  const parents = statement.parentKey === null ? [] : raw.map((values) => values[statement.parentKey!]);
  await Promise.all(statement.children.map((child) => attach(rows, raw.map((values) => values[child.onColumn]), child, bound, send, dialect)));
  return { rows, parents, answeredBy: statement };
}

function shape(statement: Statement, values: unknown[], source: Source): Row {
  const row: Row = {};
  for (const join of statement.joins) row[join.key] = values[join.presence] == null ? null : {};
  for (let index = 0; index < statement.columns.length; index++) {
    const column = statement.columns[index]!;
    if (column.hidden) continue;
    const target = column.join === null ? row : (row[column.join] as Row | null);
    if (target) target[column.key] = convert(column, values[index], source);
  }
  return row;
}

function convert(column: Column, value: unknown, source: Source): unknown {
  if (value == null) return value;
  switch (column.type) {
    case "relation": {
      const nested = column.nested!;
      const json = typeof value === "string" ? JSON.parse(value) : value;
      return column.list ? (json as unknown[][]).map((values) => shape(nested, values, "json")) : shape(nested, json as unknown[], "json");
    }
    case "DateTime":
      // PostgreSQL writes a timestamp without zone into JSON; Prisma keeps UTC there.
      if (source === "json") return utcDate(value as string);
      return source === "sqlite" ? new Date(value as string) : value;
    case "Boolean":
      return source === "sqlite" ? value === 1 || value === true : value;
    case "Json":
      return source === "sqlite" && typeof value === "string" ? JSON.parse(value) : value;
    default:
      return value;
  }
}

/** Loads `child` for the parents `rows`, whose keys to match it on are `parentKeys`, and hangs it on them. */
async function attach(rows: Row[], parentKeys: unknown[], child: Statement["children"][number], bound: Map<Statement, unknown[]>, send: Send, dialect: Dialect): Promise<void> {
  const keys = [...new Set(parentKeys.filter((key) => key != null))];
  const byParent = new Map<unknown, Row[]>();
  if (keys.length > 0) {
    const { rows: found, parents } = await run(child.statement, bound, send, dialect, keys);
    for (let index = 0; index < found.length; index++) {
      const list = byParent.get(parents[index]);
      if (list) list.push(found[index]!);
      else byParent.set(parents[index], [found[index]!]);
    }
  }
  for (const [index, row] of rows.entries()) {
    const matched = byParent.get(parentKeys[index]);
    row[child.key] = child.list ? (matched ?? []) : (matched?.[0] ?? null);
  }
}
