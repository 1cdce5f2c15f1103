// The three forms a level's statement takes once its columns are chosen: the root statement; an
// inline correlated subquery building JSON (PostgreSQL); a nested statement of its own, run once
// for all parents (SQLite).
import { decline } from "./declined.js";
import { densityStatement, SOME, type SomeForms } from "./density.js";
import { where } from "./filters.js";
import { newAlias, quote, type Level } from "./level.js";
import { models } from "./models.js";
import { orderBy } from "./order.js";
import { amongCandidates, CANDIDATES_PER_ROW, prefixStatement } from "./prefix.js";
import { PARENT_KEYS, type FindArgs, type Statement } from "./statement.js";

/** A level's WHERE conditions, ORDER BY and LIMIT, as SQL; `from` writes its FROM with extra conditions. */
export interface Clauses {
  ordered: string;
  limit: string;
  take: number | undefined;
  skip: number;
  /** A root page's to-many filter, standing as SOME in the WHERE until the statement picks its form. */
  some: SomeForms | null;
  /**
   * With `some`, where the relation keeps the page's order: the candidates' SELECT and its LIMIT
   * (./prefix.ts), and how many of the level's parameters come before the candidates' own.
   */
  prefix: { candidates: string; limit: number; before: number } | null;
  from(extra: string[]): string;
}

/** The clauses of `args` on `level`. Ordering by a to-one relation's column joins that relation. */
export function clauses(level: Level, args: FindArgs): Clauses {
  const { model, self } = level;
  const { take, skip = 0 } = args;
  const conditions: string[] = [];
  let some: SomeForms | null = null;
  // Only a PostgreSQL root page takes a form by density; a second such filter stays an EXISTS.
  const density = level.link === null && level.scope.inline && take !== undefined && args.orderBy !== undefined;
  const pick = (forms: SomeForms) => (some ? forms.exists : ((some = forms), SOME));
  if (args.where) conditions.push(where(model, args.where, { ...level.sql, column: (column) => quote(self, column), ...(density ? { some: pick } : {}) }));
  const relationColumn = (name: string, field: string): string | null => {
    const relation = model.relations.get(name);
    const target = relation && !relation.list && models.get(relation.model);
    if (!target || !target.id || !target.scalars.has(field)) return null;
    const alias = newAlias(level.scope);
    level.joinClauses.push(`LEFT JOIN "${target.name}" ${alias} ON ${quote(alias, target.id)} = ${quote(self, relation.from!)}`);
    return quote(alias, field);
  };
  const order = orderBy(model, args.orderBy, (column) => quote(self, column), relationColumn);
  // `pick` set `some` while the WHERE was written, which TypeScript's narrowing does not see.
  const forms = some as SomeForms | null;
  const limit = CANDIDATES_PER_ROW * (take ?? 0);
  const before = level.params.values.length;
  const candidates = forms?.candidates && take !== undefined && skip === 0 ? forms.candidates(args.orderBy, args.where, limit) : null;
  return {
    ordered: order ? ` ORDER BY ${order}` : "",
    limit: take === undefined ? "" : ` LIMIT ${take}${skip > 0 ? ` OFFSET ${skip}` : ""}`,
    take,
    skip,
    some,
    prefix: candidates ? { candidates, limit, before } : null,
    from(extra) {
      const all = [...conditions, ...extra];
      return [`FROM "${model.name}" ${self}`, ...level.joinClauses, all.length > 0 ? `WHERE ${all.join(" AND ")}` : ""].filter(Boolean).join(" ");
    },
  };
}

/** A statement whose parameters live in the root's list (or that has none of its own). */
function single(level: Level, sql: string, params: unknown[] = []): Statement {
  return { columns: level.columns, joins: level.joins, children: level.children, sql, sqlOne: null, params, parentKey: null, nested: false };
}

/** The read's own statement. */
export function rootStatement(level: Level, { from, ordered, limit, take, some, prefix }: Clauses): Statement {
  const select = (extra: string[]) => `SELECT ${level.selected.join(", ")} ${from(extra)}${ordered}${limit}`;
  if (!some) return single(level, select([]), level.params.values);
  // The density statement leaves the candidates' parameters out: PostgreSQL refuses a parameter no statement names.
  const shared = prefix ? level.params.values.slice(0, prefix.before) : level.params.values;
  const density = single(level, densityStatement(level.model.name, some, (form, gate) => select([gate]).split(SOME).join(form)), shared);
  if (!prefix) return density;
  const page = select([]).split(SOME).join(amongCandidates(quote(level.self, level.model.id!)));
  return { ...single(level, prefixStatement(page, prefix.candidates, take!, prefix.limit), level.params.values), orElse: density };
}

/**
 * Inline: a correlated subquery yielding a JSON array of rows (each a JSON array of columns), or
 * one row for a to-one relation. json_build_array takes at most 100 arguments.
 */
export function inlineStatement(level: Level, { from, ordered, limit }: Clauses): Statement {
  const { link, selected, self } = level;
  if (selected.length > 100) decline("columns");
  const correlated = from([`${quote(self, link!.to)} = ${link!.outer}`]);
  const row = `json_build_array(${selected.join(", ")})`;
  if (!link!.list) return single(level, `SELECT ${row} ${correlated} LIMIT 1`);
  if (!ordered && !limit) return single(level, `SELECT COALESCE(json_agg(${row}), '[]'::json) ${correlated}`);
  // An ordered list or page is aggregated from a subquery that sorts (and cuts) it: the aggregate
  // takes its rows in the order the subquery yields them, which with nothing joined above it is
  // the subquery's ORDER BY. An index in that order then leaves nothing to sort (PostgreSQL 15
  // sorts inside json_agg(... ORDER BY) even when its input is already in order).
  const sub = `s${self}`;
  return single(level, `SELECT COALESCE(json_agg(${sub}."r"), '[]'::json) FROM (SELECT ${row} AS "r" ${correlated}${ordered}${limit}) ${sub}`);
}

/**
 * A statement of its own (SQLite; PostgreSQL inlines): the parents' keys close the parameter
 * list, one placeholder each, so the planner sees how few there are. One parent needs no window,
 * only a LIMIT; several get each parent's own page by numbering the rows per parent.
 */
export function nestedStatement(level: Level, { from, ordered, limit, take, skip }: Clauses): Statement {
  const { columns, selected } = level;
  const parentKey = columns.length;
  const column = quote(level.self, level.link!.to);
  const all = [...selected, column];
  const plain = (condition: string) => `SELECT ${all.join(", ")} ${from([condition])}${ordered}${limit}`;
  const keys = `${column} IN (${PARENT_KEYS})`;
  let sql = plain(keys);
  if (take !== undefined) {
    const window = `ROW_NUMBER() OVER (PARTITION BY ${column}${ordered}) AS "__row"`;
    const inner = all.map((expression, index) => `${expression} AS "c${index}"`).join(", ");
    const outer = all.map((_, index) => `"c${index}"`).join(", ");
    sql = `SELECT ${outer} FROM (SELECT ${inner}, ${window} ${from([keys])}) w WHERE "__row" > ${skip} AND "__row" <= ${skip + take} ORDER BY "c${parentKey}", "__row"`;
  }
  return { columns, joins: level.joins, children: level.children, sql, sqlOne: plain(`${column} = ?`), params: level.params.values, parentKey, nested: true };
}
