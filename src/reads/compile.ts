// Compiles the find arguments Pothos hands a resolver (select/include trees with where, orderBy,
// take, skip) into SQL. To-one relations of plain columns join their parent's statement. Other
// relations are, on PostgreSQL, correlated subqueries that build JSON (one statement for a whole
// article page); on SQLite, a statement each, with each parent's page cut by ROW_NUMBER().
// Relation counts, ordering by a to-one relation (nulls first or last), keyset pages in either
// direction and relation filters are covered; anything else is Declined with the reason, and
// Prisma answers it.
import { Declined, decline, orderBy, where } from "./filters.js";
import type { Dialect } from "./dialect.js";
import { models, type ModelInfo } from "./models.js";
import { Params } from "./params.js";


export interface FindArgs {
  select?: Record<string, unknown>;
  include?: Record<string, unknown>;
  where?: Record<string, unknown>;
  orderBy?: unknown;
  take?: number;
  skip?: number;
  [key: string]: unknown;
}

/** A column of a statement's result and where its value goes in the row object. */
export interface Column {
  /** The joined to-one relation holding the value, or null for the row itself. */
  join: string | null;
  key: string;
  /** A Prisma scalar type, `enum`, or `relation` for a relation read inline as JSON. */
  type: string;
  /** For `relation`: the shape of the rows inside the JSON, and whether there is a list of them. */
  nested?: Statement;
  list?: boolean;
  /** Read for matching children to their parent only, and left out of the row. */
  hidden?: boolean;
}

export interface Statement {
  sql: string;
  /** Values, and Bindings made from the read's values when it runs (./params.ts). */
  params: unknown[];
  columns: Column[];
  /** Joined to-one relations, and the column telling whether the target row exists. */
  joins: { key: string; presence: number }[];
  /** Relations loaded by their own statement: rows whose `parentKey` column equals the parent's `on` field. */
  children: { key: string; list: boolean; on: string; onColumn: number; statement: Statement }[];
  /** The column of this statement that children are matched to their parent on (nested statements only). */
  parentKey: number | null;
  /** For a nested (SQLite) statement, the same for a single parent (no window needed). */
  sqlOne: string | null;
  /** Nested statements take their parents' keys as the last parameter(s). */
  nested: boolean;
}

/** Where a nested SQLite statement lists its parents' keys, one placeholder each. */
export const PARENT_KEYS = "/* parent keys */";

const ARGS = new Set(["select", "include", "where", "orderBy", "take", "skip", "relationLoadStrategy"]);
/** Types both drivers return as Prisma does (after ./run.ts converts SQLite's); BigInt, Decimal, Bytes are not. */
const TYPES = new Set(["Int", "Float", "String", "Boolean", "DateTime", "Json", "enum"]);

/** The statement for a read, or why it is left to Prisma. */
export function compile(dialect: Dialect, modelName: string, args: FindArgs): Statement | Declined {
  const model = models.get(modelName);
  if (!model) return new Declined("model");
  // PostgreSQL answers a whole tree in one statement (relations as correlated JSON subqueries);
  // SQLite runs in-process, where a statement per relation costs no round trip.
  const scope: Scope = { dialect, inline: dialect === "postgresql", aliases: 0 };
  try {
    return level(scope, model, args, null);
  } catch (error) {
    if (error instanceof Declined) return error;
    throw error;
  }
}

interface Scope {
  dialect: Dialect;
  inline: boolean;
  aliases: number;
}

/** How a nested level hangs off its parent: its `to` column equals the parent's `on` column. */
interface Link {
  list: boolean;
  to: string;
  /** Inline only: the parent's column, already qualified, that `to` is compared with. */
  outer?: string;
  /** Inline only: the parent's parameter list, shared by the whole statement. */
  params?: Params;
}

const quote = (alias: string, column: string) => `${alias}."${column}"`;

function level(scope: Scope, model: ModelInfo, args: FindArgs, link: Link | null): Statement {
  const unknown = Object.keys(args).find((key) => !ARGS.has(key) && args[key] !== undefined);
  if (unknown) decline(unknown === "cursor" ? "prisma cursor" : `argument ${unknown}`);
  const { take, skip = 0 } = args;
  if (take !== undefined && (!Number.isInteger(take) || take < 0)) decline("negative take");
  if (!Number.isInteger(skip) || skip < 0 || (skip > 0 && take === undefined)) decline("skip");

  const { dialect } = scope;
  const params = link?.params ?? new Params(dialect);
  const self = `t${scope.aliases++}`;
  const sqlParts = { dialect, param: (value: unknown) => params.add(value), alias: () => `t${scope.aliases++}` };
  const columns: Column[] = [];
  const selected: string[] = [];
  const joins: Statement["joins"] = [];
  const joinClauses: string[] = [];
  const children: Statement["children"] = [];

  /** `_count: { select: { relation: true | { where } } }`: a correlated COUNT per relation. */
  const counts = (value: unknown): boolean => {
    const select = (value as FindArgs).select;
    if (value === true || !select || Object.keys(value as object).length !== 1) return false;
    joins.push({ key: "_count", presence: columns.length });
    for (const [name, filter] of Object.entries(select)) {
      const relation = model.relations.get(name);
      const target = relation && models.get(relation.model)!;
      if (filter === false || filter === undefined) continue;
      const filterArgs = filter === true ? {} : filter;
      if (!relation?.list || !target || !model.id || typeof filterArgs !== "object" || filterArgs === null) return false;
      if (Object.keys(filterArgs).some((arg) => arg !== "where")) return false;
      const alias = `t${scope.aliases++}`;
      const conditions = [`${quote(alias, relation.to!)} = ${quote(self, model.id)}`];
      const nestedWhere = (filterArgs as FindArgs).where;
      if (nestedWhere) {
        conditions.push(where(target, nestedWhere, { ...sqlParts, column: (column) => quote(alias, column) }));
      }
      columns.push({ join: "_count", key: name, type: "Int" });
      selected.push(`(SELECT COUNT(*)${dialect === "postgresql" ? "::int" : ""} FROM "${target.name}" ${alias} WHERE ${conditions.join(" AND ")})`);
    }
    return columns.at(-1)?.join === "_count";
  };
  /** Ordering by a column of a to-one relation joins that relation for the order alone. */
  const relationOrder = (name: string, field: string): string | null => {
    const relation = model.relations.get(name);
    const target = relation && !relation.list && models.get(relation.model);
    if (!target || !target.id || !target.scalars.has(field)) return null;
    const alias = `t${scope.aliases++}`;
    joinClauses.push(`LEFT JOIN "${target.name}" ${alias} ON ${quote(alias, target.id)} = ${quote(self, relation.from!)}`);
    return quote(alias, field);
  };

  const fields = selection(model, args);
  for (const [key, value] of fields) {
    const type = model.scalars.get(key);
    if (type) {
      columns.push({ join: null, key, type });
      selected.push(quote(self, key));
      continue;
    }
    if (key === "_count") {
      if (!counts(value)) decline("count");
      continue;
    }
    const relation = model.relations.get(key);
    if (!relation) decline(`field ${key}`);
    const nestedArgs = value === true ? {} : (value as FindArgs);
    const target = models.get(relation.model)!;
    const joined = relation.list ? null : selection(target, nestedArgs);
    const joinable = joined && target.id && [...joined.keys()].every((name) => target.scalars.has(name)) && Object.keys(nestedArgs).every((name) => name === "select" || name === "include");
    if (!joinable) {
      // A list, or a to-one relation with relations of its own: matched by id, in a subquery
      // (inline) or a statement of its own.
      const match = relation.list ? { on: model.id, to: relation.to } : { on: relation.from, to: target.id };
      if (!match.on || !match.to) decline("relation key");
      const nested = scope.inline
        ? level(scope, target, nestedArgs, { list: relation.list, to: match.to, outer: quote(self, match.on), params })
        : level(scope, target, nestedArgs, { list: relation.list, to: match.to });
      if (scope.inline) {
        columns.push({ join: null, key, type: "relation", nested, list: relation.list });
        selected.push(`(${nested.sql})`);
      } else {
        children.push({ key, list: relation.list, on: match.on, onColumn: -1, statement: nested });
      }
      continue;
    }
    // A to-one relation of columns only joins its parent's statement.
    const alias = `t${scope.aliases++}`;
    joinClauses.push(`LEFT JOIN "${target.name}" ${alias} ON ${quote(alias, target.id!)} = ${quote(self, relation.from!)}`);
    joins.push({ key, presence: columns.length });
    // The id tells whether the row exists; it shows in the row only when selected.
    columns.push({ join: key, key: target.id!, type: target.scalars.get(target.id!)!, hidden: !joined.has(target.id!) });
    selected.push(quote(alias, target.id!));
    for (const name of joined.keys()) {
      if (name === target.id) continue;
      columns.push({ join: key, key: name, type: target.scalars.get(name)! });
      selected.push(quote(alias, name));
    }
  }
  // The columns children are matched on come along even when nobody asked for them.
  for (const child of children) {
    child.onColumn = columns.findIndex((column) => column.join === null && column.key === child.on);
    if (child.onColumn >= 0) continue;
    child.onColumn = columns.length;
    columns.push({ join: null, key: child.on, type: model.scalars.get(child.on)!, hidden: true });
    selected.push(quote(self, child.on));
  }

  const conditions: string[] = [];
  if (args.where) conditions.push(where(model, args.where, { ...sqlParts, column: (column) => quote(self, column) }));
  const order = orderBy(model, args.orderBy, (column) => quote(self, column), relationOrder);
  const ordered = order ? ` ORDER BY ${order}` : "";
  const limit = take === undefined ? "" : ` LIMIT ${take}${skip > 0 ? ` OFFSET ${skip}` : ""}`;
  const from = (extra: string[]) => {
    const all = [...conditions, ...extra];
    return [`FROM "${model.name}" ${self}`, ...joinClauses, all.length > 0 ? `WHERE ${all.join(" AND ")}` : ""].filter(Boolean).join(" ");
  };
  /** A statement whose parameters live in the root's list (or that has none of its own). */
  const single = (sql: string, params: unknown[] = []): Statement => ({ columns, joins, children, sql, sqlOne: null, params, parentKey: null, nested: false });

  if (link?.outer) {
    // Inline: a correlated subquery yielding a JSON array of rows (each a JSON array of columns),
    // or one row for a to-one relation. json_build_array takes at most 100 arguments.
    if (selected.length > 100) decline("columns");
    const correlated = from([`${quote(self, link.to)} = ${link.outer}`]);
    const row = (names: string[]) => `json_build_array(${names.join(", ")})`;
    if (!link.list) return single(`SELECT ${row(selected)} ${correlated} LIMIT 1`);
    if (!ordered && !limit) return single(`SELECT COALESCE(json_agg(${row(selected)}), '[]'::json) ${correlated}`);
    // An ordered list or page is aggregated from a subquery that sorts (and cuts) it: the aggregate
    // takes its rows in the order the subquery yields them, which with nothing joined above it is
    // the subquery's ORDER BY. An index in that order then leaves nothing to sort (PostgreSQL 15
    // sorts inside json_agg(... ORDER BY) even when its input is already in order).
    const sub = `s${self}`;
    return single(`SELECT COALESCE(json_agg(${sub}."r"), '[]'::json) FROM (SELECT ${row(selected)} AS "r" ${correlated}${ordered}${limit}) ${sub}`);
  }
  if (!link) return single(`SELECT ${selected.join(", ")} ${from([])}${ordered}${limit}`, params.values);

  // A statement of its own (SQLite; PostgreSQL inlines): the parents' keys close the parameter
  // list, one placeholder each, so the planner sees how few there are. One parent needs no
  // window, only a LIMIT.
  const parentKey = columns.length;
  const column = quote(self, link.to);
  selected.push(column);
  const plain = (condition: string) => `SELECT ${selected.join(", ")} ${from([condition])}${ordered}${limit}`;
  const keys = `${column} IN (${PARENT_KEYS})`;
  let sql = plain(keys);
  if (take !== undefined) {
    // Each parent's own page: number the rows per parent, keep the window asked for.
    const window = `ROW_NUMBER() OVER (PARTITION BY ${column}${ordered}) AS "__row"`;
    const inner = selected.map((expression, index) => `${expression} AS "c${index}"`).join(", ");
    const outer = selected.map((_, index) => `"c${index}"`).join(", ");
    sql = `SELECT ${outer} FROM (SELECT ${inner}, ${window} ${from([keys])}) w WHERE "__row" > ${skip} AND "__row" <= ${skip + take} ORDER BY "c${parentKey}", "__row"`;
  }
  return { columns, joins, children, sql, sqlOne: plain(`${column} = ?`), params: params.values, parentKey, nested: true };
}

/** The fields a select or include asks for: field name → true or the nested arguments. */
function selection(model: ModelInfo, args: FindArgs): Map<string, unknown> {
  if (args.select && args.include) decline("select and include");
  const fields = new Map<string, unknown>();
  if (!args.select) for (const name of model.scalars.keys()) fields.set(name, true);
  for (const [name, value] of Object.entries(args.select ?? args.include ?? {})) {
    if (value === false || value === undefined) continue;
    if (value !== true && (typeof value !== "object" || value === null)) decline("selection");
    fields.set(name, value);
  }
  for (const name of fields.keys()) if (model.scalars.has(name) && !TYPES.has(model.scalars.get(name)!)) decline("column type");
  return fields;
}
