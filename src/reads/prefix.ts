// A root page filtered through a relation whose rows copy the page's order (./copies.ts), read
// from the first rows of the relation's index: the candidates, the first LIMIT matching rows in
// the page's order, and the page read from their parents alone. That page is the answer when it
// is full, as every parent the candidates left out comes after them, or when the candidates are
// every matching row. Otherwise the statement returns nothing, and the density statement
// (./density.ts) answers in a second one.

/**
 * The candidates read this many times the page's rows: enough that an article citing a source
 * twice, or one the page's other conditions drop, seldom leaves the page short.
 */
export const CANDIDATES_PER_ROW = 2;

/** The condition standing for the filter: the parent's `id` column is among the candidates. */
export const amongCandidates = (id: string) => `${id} = ANY(ARRAY(SELECT "id" FROM "candidates"))`;

/**
 * The statement answering the page from the candidates: `page` is the page's SELECT with
 * `amongCandidates` in place of the filter, `rows` its LIMIT; `candidates` selects the parent ids
 * with a LIMIT of `limit`. Its rows are the page, or none when the page is empty or the density
 * statement must answer.
 */
export function prefixStatement(page: string, candidates: string, rows: number, limit: number): string {
  const full = `(SELECT count(*) FROM "page") >= ${rows}`;
  const every = `(SELECT count(*) FROM "candidates") < ${limit}`;
  return `WITH "candidates"("id") AS MATERIALIZED (${candidates}), "page" AS MATERIALIZED (${page}) SELECT * FROM "page" WHERE ${full} OR ${every}`;
}
