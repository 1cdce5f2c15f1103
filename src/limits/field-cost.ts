// What a field costs: about the rows it loads. A scalar comes with its row and costs nothing; an
// object costs one; a page multiplies what it selects by its `first`/`last`, so `first: 100` inside
// `first: 100` costs the 10,000 rows it would load. Read by @pothos/plugin-complexity, which sums it
// over an operation (src/limits/cost.ts).
import { getNamedType, isLeafType, isListType, isNonNullType, type GraphQLField } from "graphql";
import { checkPageSize, DEFAULT_PAGE_SIZE } from "../pagination/page-size.js";

/** How many rows a plain list (authors, topics, mentions...) is counted as, having no page size of its own. */
export const LIST_ESTIMATE = 1;

/** Fields holding thousands of characters, counted as that many rows' worth of reading and writing out. */
export const LONG_TEXT_COST: Record<string, number> = { "Comment.body": 4, "Article.body": 4 };

/** A text search reads every row of its table (no index serves a match inside the text), whatever page it returns. */
export const SEARCH_SCAN_COST = 1_000;

/** A field's own cost and the factor its selections are multiplied by: a page's `first`/`last`, the ids asked for, or a list's estimate. */
export function fieldCost(args: Record<string, unknown>, field: GraphQLField<unknown, never>): { field: number; multiplier: number } {
  if (field.args.some((arg) => arg.name === "first" || arg.name === "last")) {
    // A page out of range is refused as it would be when run (INVALID_PAGINATION), not costed.
    checkPageSize(args);
    const size = args.first ?? args.last;
    return { field: 1 + searchCost(args), multiplier: typeof size === "number" ? Math.max(size, 0) : DEFAULT_PAGE_SIZE };
  }
  if (Array.isArray(args.ids)) return { field: args.ids.length, multiplier: args.ids.length };
  const parentType = (field.extensions as { pothosConfig?: { parentType?: string } }).pothosConfig?.parentType;
  const longText = LONG_TEXT_COST[`${parentType}.${field.name}`];
  if (longText !== undefined) return { field: longText, multiplier: 1 };
  // Scalars and a page's own position come with what is already loaded.
  if (isLeafType(getNamedType(field.type)) || field.name === "pageInfo") return { field: 0, multiplier: 1 };
  const type = isNonNullType(field.type) ? field.type.ofType : field.type;
  if (!isListType(type)) return { field: 1, multiplier: 1 };
  // A page's `nodes` and `edges` are the rows its size counted already: one each.
  if (field.name === "nodes" || field.name === "edges") return { field: 1, multiplier: 1 };
  return { field: LIST_ESTIMATE, multiplier: LIST_ESTIMATE };
}

function searchCost(args: Record<string, unknown>): number {
  const search = (args.filter as { search?: unknown } | null | undefined)?.search;
  return typeof search === "string" && search.trim() !== "" ? SEARCH_SCAN_COST : 0;
}
