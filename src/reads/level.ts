// One level of a statement tree as it is built: a model's table under an alias, the columns
// selected so far, the joins, the children, and the parameter list it writes into.
import type { Dialect } from "./dialect.js";
import type { SqlParts } from "./filters.js";
import type { ModelInfo } from "./models.js";
import { Params } from "./params.js";
import type { Child, Column, Statement } from "./statement.js";

/** What every level of one compilation shares. */
export interface Scope {
  dialect: Dialect;
  /** Relations as correlated JSON subqueries of one statement (PostgreSQL), or statements of their own. */
  inline: boolean;
  aliases: number;
}

/** How a nested level hangs off its parent: its `to` column equals the parent's `on` column. */
export interface Link {
  list: boolean;
  to: string;
  /** Inline only: the parent's column, already qualified, that `to` is compared with. */
  outer?: string;
  /** Inline only: the parent's parameter list, shared by the whole statement. */
  params?: Params;
}

export interface Level {
  scope: Scope;
  model: ModelInfo;
  link: Link | null;
  /** The alias of the model's table. */
  self: string;
  params: Params;
  /** Parameters and aliases for filters, without the column naming (which depends on the table). */
  sql: Omit<SqlParts, "column">;
  columns: Column[];
  /** The SQL of each column, in the order of `columns`. */
  selected: string[];
  joins: Statement["joins"];
  joinClauses: string[];
  children: Child[];
}

/** `alias."column"`. */
export const quote = (alias: string, column: string) => `${alias}."${column}"`;

/** A fresh table alias of the compilation. */
export const newAlias = (scope: Scope) => `t${scope.aliases++}`;

/** An empty level for `model`, writing into its parent's parameters when inline. */
export function newLevel(scope: Scope, model: ModelInfo, link: Link | null): Level {
  const params = link?.params ?? new Params(scope.dialect);
  const self = newAlias(scope);
  const sql = { dialect: scope.dialect, param: (value: unknown) => params.add(value), alias: () => newAlias(scope) };
  return { scope, model, link, self, params, sql, columns: [], selected: [], joins: [], joinClauses: [], children: [] };
}

/** Adds a column read from `expression` to the level's result. */
export function addColumn(level: Level, column: Column, expression: string): void {
  level.columns.push(column);
  level.selected.push(expression);
}
