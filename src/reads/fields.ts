// The selection step: each field a select or include asks for becomes a column, a joined to-one
// relation, a correlated count, or a relation read by a nested level (an inline JSON subquery
// on PostgreSQL, a statement of its own on SQLite).
import { decline } from "./declined.js";
import { where } from "./filters.js";
import { addColumn, newAlias, quote, type Level, type Link } from "./level.js";
import { models, type ModelInfo, type Relation } from "./models.js";
import type { FindArgs, Statement } from "./statement.js";

/** Types both drivers return as Prisma does (after ./run.ts converts SQLite's); BigInt, Decimal, Bytes are not. */
const TYPES = new Set(["Int", "Float", "String", "Boolean", "DateTime", "Json", "enum"]);

/** Compiles a nested level: the statement of `args` on `model`, hanging off its parent by `link`. */
export type Nest = (model: ModelInfo, args: FindArgs, link: Link) => Statement;

/** The fields a select or include asks for: field name → true or the nested arguments. */
export function selection(model: ModelInfo, args: FindArgs): Map<string, unknown> {
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

/** Adds every field `args` selects to `level`, then the columns its children are matched on. */
export function selectFields(level: Level, args: FindArgs, nest: Nest): void {
  const { model } = level;
  for (const [key, value] of selection(model, args)) {
    const type = model.scalars.get(key);
    if (type) addColumn(level, { join: null, key, type }, quote(level.self, key));
    else if (key === "_count") counts(level, value);
    else relationField(level, key, value === true ? {} : (value as FindArgs), nest);
  }
  matchColumns(level);
}

/** `_count: { select: { relation: true | { where } } }`: a correlated COUNT per list relation. */
function counts(level: Level, value: unknown): void {
  const { model, self, scope } = level;
  const select = (value as FindArgs).select;
  if (value === true || !select || Object.keys(value as object).length !== 1 || !model.id) decline("count");
  level.joins.push({ key: "_count", presence: level.columns.length });
  let counted = 0;
  for (const [name, filter] of Object.entries(select)) {
    if (filter === false || filter === undefined) continue;
    const relation = model.relations.get(name);
    const args = (filter === true ? {} : filter) as FindArgs;
    if (!relation?.list || typeof args !== "object" || args === null || Object.keys(args).some((arg) => arg !== "where")) decline("count");
    const target = models.get(relation.model)!;
    const alias = newAlias(scope);
    const conditions = [`${quote(alias, relation.to!)} = ${quote(self, model.id)}`];
    if (args.where) conditions.push(where(target, args.where, { ...level.sql, column: (column) => quote(alias, column) }));
    const int = scope.dialect === "postgresql" ? "::int" : "";
    addColumn(level, { join: "_count", key: name, type: "Int" }, `(SELECT COUNT(*)${int} FROM "${target.name}" ${alias} WHERE ${conditions.join(" AND ")})`);
    counted++;
  }
  if (counted === 0) decline("count");
}

/** A relation: joined when it is to-one and asks for columns only, else read by a nested level. */
function relationField(level: Level, key: string, args: FindArgs, nest: Nest): void {
  const relation = level.model.relations.get(key) ?? decline(`field ${key}`);
  const target = models.get(relation.model)!;
  const joined = relation.list ? null : selection(target, args);
  const columnsOnly = joined && target.id && [...joined.keys()].every((name) => target.scalars.has(name)) && Object.keys(args).every((name) => name === "select" || name === "include");
  if (columnsOnly) joinToOne(level, key, relation, target, joined);
  else nestedRelation(level, key, relation, target, args, nest);
}

/** A to-one relation of columns only joins its parent's statement. */
function joinToOne(level: Level, key: string, relation: Relation, target: ModelInfo, joined: Map<string, unknown>): void {
  const alias = newAlias(level.scope);
  const id = target.id!;
  level.joinClauses.push(`LEFT JOIN "${target.name}" ${alias} ON ${quote(alias, id)} = ${quote(level.self, relation.from!)}`);
  level.joins.push({ key, presence: level.columns.length });
  // The id tells whether the row exists; it shows in the row only when selected.
  addColumn(level, { join: key, key: id, type: target.scalars.get(id)!, hidden: !joined.has(id) }, quote(alias, id));
  for (const name of joined.keys()) {
    if (name !== id) addColumn(level, { join: key, key: name, type: target.scalars.get(name)! }, quote(alias, name));
  }
}

/** A list, or a to-one relation with relations of its own: matched by id, inline or in a statement of its own. */
function nestedRelation(level: Level, key: string, relation: Relation, target: ModelInfo, args: FindArgs, nest: Nest): void {
  const on = relation.list ? level.model.id : relation.from;
  const to = relation.list ? relation.to : target.id;
  if (!on || !to) decline("relation key");
  if (level.scope.inline) {
    const nested = nest(target, args, { list: relation.list, to, outer: quote(level.self, on), params: level.params });
    addColumn(level, { join: null, key, type: "relation", nested, list: relation.list }, `(${nested.sql})`);
  } else {
    level.children.push({ key, list: relation.list, on, onColumn: -1, statement: nest(target, args, { list: relation.list, to }) });
  }
}

/** The columns children are matched on come along even when nobody asked for them. */
function matchColumns(level: Level): void {
  for (const child of level.children) {
    child.onColumn = level.columns.findIndex((column) => column.join === null && column.key === child.on);
    if (child.onColumn >= 0) continue;
    child.onColumn = level.columns.length;
    addColumn(level, { join: null, key: child.on, type: level.model.scalars.get(child.on)!, hidden: true }, quote(level.self, child.on));
  }
}
