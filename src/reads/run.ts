// Runs a compiled statement tree and shapes its rows as Prisma would have returned them.
import { PARENT_KEYS, type Column, type Dialect, type Statement } from "./compile.js";

/** Sends one statement and returns its rows as arrays, in the order of its columns. */
export type Send = (sql: string, params: unknown[]) => Promise<unknown[][]>;

type Row = Record<string, unknown>;

export async function run(statement: Statement, send: Send, dialect: Dialect, parentKeys?: unknown[]): Promise<{ rows: Row[]; parents: unknown[] }> {
  let { sql, params } = statement;
  if (statement.nested && parentKeys) {
    if (parentKeys.length === 1) [sql, params] = [statement.sqlOne!, [...params, parentKeys[0]]];
    else if (dialect === "postgresql") params = [...params, parentKeys];
    else [sql, params] = [sql.replace(PARENT_KEYS, parentKeys.map(() => "?").join(", ")), [...params, ...parentKeys]];
  }
  const raw = await send(sql, params);
  const convert = converters(statement.columns, dialect);
  const rows: Row[] = new Array(raw.length);
  const parents: unknown[] = statement.parentKey === null ? [] : new Array(raw.length);
  for (let index = 0; index < raw.length; index++) {
    const values = raw[index]!;
    const row: Row = {};
    for (const join of statement.joins) row[join.key] = values[join.presence] == null ? null : {};
    for (let column = 0; column < statement.columns.length; column++) {
      const { join, key } = statement.columns[column]!;
      const target = join === null ? row : (row[join] as Row | null);
      if (target) target[key] = convert[column]!(values[column]);
    }
    rows[index] = row;
    if (statement.parentKey !== null) parents[index] = values[statement.parentKey];
  }
  await Promise.all(statement.children.map((child) => attach(rows, child, send, dialect)));
  return { rows, parents };
}

async function attach(rows: Row[], child: Statement["children"][number], send: Send, dialect: Dialect): Promise<void> {
  const keys = [...new Set(rows.map((row) => row[child.on]).filter((key) => key != null))];
  const byParent = new Map<unknown, Row[]>();
  if (keys.length > 0) {
    const { rows: found, parents } = await run(child.statement, send, dialect, keys);
    for (let index = 0; index < found.length; index++) {
      const list = byParent.get(parents[index]);
      if (list) list.push(found[index]!);
      else byParent.set(parents[index], [found[index]!]);
    }
  }
  for (const row of rows) {
    const matched = byParent.get(row[child.on]);
    row[child.key] = child.list ? (matched ?? []) : (matched?.[0] ?? null);
  }
}

const identity = (value: unknown) => value;

function converters(columns: Column[], dialect: Dialect): ((value: unknown) => unknown)[] {
  return columns.map(({ type }) => {
    if (dialect === "postgresql") return identity;
    if (type === "DateTime") return (value) => (value == null ? value : new Date(value as string));
    if (type === "Boolean") return (value) => (value == null ? value : value === 1 || value === true);
    if (type === "Json") return (value) => (typeof value === "string" ? JSON.parse(value) : value);
    return identity;
  });
}
