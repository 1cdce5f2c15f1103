// Columns a relation's rows carry from the row they belong to, which the database keeps equal on
// every write (triggers, in the migration named with each). A root page filtered through such a
// relation, in the order its index keeps, can read its candidates' ids in order from that index
// (./prefix.ts).
import { Declined } from "./declined.js";
import type { ModelInfo } from "./models.js";
import { orderBy } from "./order.js";

/** What a relation's rows copy from their parent. */
export interface ParentCopies {
  /** The parent's column → the relation's copy of it; the parent's id → the link column. */
  columns: Readonly<Record<string, string>>;
  /** The parent's order (Prisma's orderBy) that the relation's index keeps, read forward or backward. */
  order: readonly Record<string, unknown>[];
}

/** An article's publishedAt, copied with its id into the rows of the article_order_copies migration, in the NEWEST order. */
const ARTICLE_NEWEST: ParentCopies = {
  columns: { id: "articleId", publishedAt: "articlePublishedAt" },
  order: [{ publishedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
};

/** Relation model → what its rows copy from their parent: a source's, an author's, a topic's articles. */
export const PARENT_COPIES: ReadonlyMap<string, ParentCopies> = new Map([
  ["Citation", ARTICLE_NEWEST],
  ["Byline", ARTICLE_NEWEST],
  ["ArticleTopic", ARTICLE_NEWEST],
]);

type Where = Record<string, unknown>;

/**
 * The page's ORDER BY written on the relation's copies (`column` qualifies them), when `order` is
 * the one its index keeps or that order reversed; null otherwise, as the relation's rows would
 * then be sorted whole.
 */
export function copiedOrder(target: ModelInfo, copies: ParentCopies, order: unknown, column: (name: string) => string): string | null {
  const entries = Array.isArray(order) ? (order as Where[]) : [order as Where];
  const kept = copies.order.map(termOf);
  const asked = entries.map(termOf);
  const reversed = kept.map(reverse);
  if (asked.join() !== kept.join() && asked.join() !== reversed.join()) return null;
  return orderBy(target, entries.map((entry) => rename(entry, copies)), column, () => null);
}

/**
 * The parts of the parent's `where` that read only copied columns, renamed to the copies: its
 * top-level conjuncts (and those of its ANDs) that name nothing else. Each holds for a parent
 * exactly when it holds for that parent's relation rows, so the candidates can be filtered by them.
 */
export function copiedConditions(where: unknown, copies: ParentCopies): Where[] {
  if (typeof where !== "object" || where === null) return [];
  const found: Where[] = [];
  for (const [key, value] of Object.entries(where as Where)) {
    if (key === "AND") for (const part of [value].flat()) found.push(...copiedConditions(part, copies));
    else {
      const renamed = renameWhere({ [key]: value }, copies);
      if (renamed) found.push(renamed);
    }
  }
  return found;
}

/** `where` with every field renamed to its copy, or null when it names one that is not copied. */
function renameWhere(where: Where, copies: ParentCopies): Where | null {
  const renamed: Where = {};
  for (const [key, value] of Object.entries(where)) {
    if (key === "AND" || key === "OR") {
      const parts = [value].flat().map((part) => (typeof part === "object" && part !== null ? renameWhere(part as Where, copies) : null));
      if (parts.some((part) => part === null)) return null;
      renamed[key] = parts;
    } else if (key in copies.columns) renamed[copies.columns[key]!] = value;
    else return null;
  }
  return renamed;
}

/** One orderBy entry as `field sort nulls`, for comparing orders; a relation's column never matches. */
function termOf(entry: Where): string {
  const [field, value] = Object.entries(entry)[0] ?? ["", null];
  if (typeof value === "string") return `${field} ${value} -`;
  const { sort, nulls } = (value ?? {}) as { sort?: unknown; nulls?: unknown };
  return typeof sort === "string" ? `${field} ${sort} ${typeof nulls === "string" ? nulls : "-"}` : "?";
}

const FLIP: Record<string, string> = { asc: "desc", desc: "asc", first: "last", last: "first", "-": "-" };
const reverse = (term: string) => term.split(" ").map((word, index) => (index === 0 ? word : FLIP[word] ?? word)).join(" ");

function rename(entry: Where, copies: ParentCopies): Where {
  const [field, value] = Object.entries(entry)[0]!;
  const copy = copies.columns[field];
  if (!copy) throw new Declined("order");
  return { [copy]: value };
}
