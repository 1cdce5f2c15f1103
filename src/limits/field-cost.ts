// What a field costs: one per field, and its selections multiplied by the rows it can return.
// Read by @pothos/plugin-complexity, which sums it over an operation (src/limits/cost.ts).
import { isListType, isNonNullType, type GraphQLField } from "graphql";
import { checkPageSize, DEFAULT_PAGE_SIZE } from "../pagination/page-size.js";

/** How many rows a plain list (authors, topics, mentions...) is counted as, having no page size of its own. */
export const LIST_ESTIMATE = 10;

/** A field's own cost and the factor its selections are multiplied by: a page's `first`/`last`, the ids asked for, or a list's estimate. */
export function fieldCost(args: Record<string, unknown>, field: GraphQLField<unknown, never>): { field: number; multiplier: number } {
  if (field.args.some((arg) => arg.name === "first" || arg.name === "last")) {
    // A page out of range is refused as it would be when run (INVALID_PAGINATION), not costed.
    checkPageSize(args);
    const size = args.first ?? args.last;
    return { field: 1, multiplier: typeof size === "number" ? Math.max(size, 0) : DEFAULT_PAGE_SIZE };
  }
  if (Array.isArray(args.ids)) return { field: 1, multiplier: args.ids.length };
  const type = isNonNullType(field.type) ? field.type.ofType : field.type;
  if (!isListType(type)) return { field: 1, multiplier: 1 };
  // A connection's `nodes` and `edges` are the rows its page size already counted.
  return { field: 1, multiplier: field.name === "nodes" || field.name === "edges" ? 1 : LIST_ESTIMATE };
}
