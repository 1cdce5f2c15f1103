// Prisma's orderBy as SQL: a column or a to-one relation's column, either direction, with
// explicit nulls first or last (both databases take NULLS FIRST/LAST). Anything else declines.
import { decline } from "./declined.js";
import type { ModelInfo } from "./models.js";

/** Prisma's orderBy: `{ field: direction }`, `{ field: { sort, nulls } }`, or either under a to-one relation. */
export function orderBy(
  model: ModelInfo,
  order: unknown,
  column: (name: string) => string,
  relationColumn: (relation: string, field: string) => string | null,
): string {
  if (order === undefined) return "";
  const entries = Array.isArray(order) ? order : [order];
  const terms: string[] = [];
  for (const entry of entries as Record<string, unknown>[]) {
    for (const [field, value] of Object.entries(entry)) {
      if (model.scalars.has(field)) {
        terms.push(`${column(field)} ${sortOf(value)}`);
        continue;
      }
      if (typeof value !== "object" || value === null || Object.keys(value).length !== 1) decline("order");
      // { relation: { field: direction } }
      const [nested, direction] = Object.entries(value)[0]!;
      const expression = relationColumn(field, nested) ?? decline("order");
      terms.push(`${expression} ${sortOf(direction)}`);
    }
  }
  return terms.join(", ");
}

/** `asc`, `desc` or `{ sort, nulls }` as SQL; both databases take NULLS FIRST/LAST. */
function sortOf(value: unknown): string {
  if (value === "asc" || value === "desc") return value.toUpperCase();
  const { sort, nulls, ...rest } = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  if ((sort !== "asc" && sort !== "desc") || Object.keys(rest).length > 0) decline("order");
  if (nulls === undefined) return sort.toUpperCase();
  if (nulls !== "first" && nulls !== "last") decline("order");
  return `${sort.toUpperCase()} NULLS ${nulls.toUpperCase()}`;
}
