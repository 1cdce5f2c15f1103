// A page filtered through a to-many relation (articles citing a source, on a topic, by an author)
// costs what its plan makes it cost, and no one plan serves every value: a source cited twice is
// found from its citations, one cited by half the archive by reading the newest articles until
// the page is full. The compiled reads plan each statement once for any value, so a root page
// with such a filter is three statements in one, each gated on how many rows the filter matches
// (counted up to a bound), and PostgreSQL runs only the one whose gate holds. See docs/tuning.md.

/** The forms of one to-many filter, each true for the same rows; `matches` selects its matching rows. */
export interface SomeForms {
  /** A correlated EXISTS, as PostgreSQL would plan it with the rest. */
  exists: string;
  /** The parent ids read from the relation's rows first, then the parents by primary key. */
  sparse: string;
  /** The parents read in the page's order, each looked up in a hash of the matching rows' parent ids. */
  middle: string;
  /** The parents read in the page's order, each probing the relation's index for a match. */
  dense: string;
  /** `SELECT 1 FROM <relation> WHERE <its filter>`. */
  matches: string;
  /**
   * Where the relation's rows copy the page's order (./prefix.ts): the candidates' SELECT, its
   * first `limit` matching rows in the page's `order` held to the parent `where`'s conditions on
   * the copied columns too; null for an order its index does not keep.
   */
  candidates?: (order: unknown, where: unknown, limit: number) => string | null;
}

/**
 * Bounds between the forms, in square roots of the parent table's rows. Reading m matches by
 * primary key costs about m probes; reading the page's order costs about 21·N/m rows passed, each
 * a hash lookup (middle) or an index probe (dense), and the hash costs m insertions to build.
 * The bounds keep each form to a few square roots of N probes; docs/tuning.md has the measurements.
 */
export const MIDDLE = 1.6;
export const DENSE = 11;

/** Stands for the filter in the WHERE until the statement is written. */
export const SOME = "\u0000some\u0000";

/**
 * The statement reading `table`'s page in the form the filter's density calls for: `branch(form,
 * gate)` writes the page's SELECT with `form` in place of SOME and `gate` among its conditions.
 */
export function densityStatement(table: string, forms: SomeForms, branch: (form: string, gate: string) => string): string {
  const root = `(SELECT sqrt(GREATEST(reltuples, 0)) AS r FROM pg_class WHERE oid = '"${table}"'::regclass)`;
  const counted = `(SELECT count(*) AS n FROM (${forms.matches} LIMIT (SELECT ceil(${DENSE} * r) FROM "rows")) m)`;
  const n = `(SELECT n FROM "matches")`;
  const bound = (factor: number) => `(SELECT ${factor} * r FROM "rows")`;
  const gates = [`${n} < ${bound(MIDDLE)}`, `${n} >= ${bound(MIDDLE)} AND ${n} < ${bound(DENSE)}`, `${n} >= ${bound(DENSE)}`];
  const branches = [forms.sparse, forms.middle, forms.dense].map((form, index) => `(${branch(form, gates[index]!)})`);
  // One branch's gate holds; the others stop at their one-time filter. A UNION ALL yields its
  // branches in turn, so the rows keep the order of the branch that reads them.
  return `WITH "rows" AS MATERIALIZED ${root}, "matches" AS MATERIALIZED ${counted} ${branches.join(" UNION ALL ")}`;
}
