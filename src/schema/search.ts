// Search text matches literally: `%`, `_` and `\` are the reader's characters, not patterns.
// Prisma passes a `contains` into LIKE as it is. On PostgreSQL it is escaped with LIKE's default
// escape, the backslash. SQLite's LIKE has no escape unless the statement names one, and Prisma's
// does not, so there the matching ids are read by a statement that does. The compiled reads
// (src/reads/filters.ts) escape `contains` themselves.
import type { Context } from "../context.js";
import { escapeLike } from "../reads/filters.js";
import type { TextRule } from "../text.js";

/** Search text: one line, short enough that a pattern match stays cheap. NUL is refused with every text (SQLite reads a pattern only up to one). */
export const SEARCH_TEXT: TextRule = { kind: "line", maxLength: 200 };

type Where = Record<string, unknown>;

/** `find` with every `contains` on `model`'s own columns (through AND/OR/NOT) made literal for Prisma. */
export async function literalSearch<T extends { where?: unknown }>(ctx: Context, model: string, find: T): Promise<T> {
  if (!find.where) return find;
  const literal = async (where: Where): Promise<Where> => {
    const out: Where = {};
    for (const [key, value] of Object.entries(where)) {
      if ((key === "AND" || key === "OR" || key === "NOT") && value && typeof value === "object") {
        out[key] = Array.isArray(value) ? await Promise.all(value.map((item) => literal(item as Where))) : await literal(value as Where);
      } else if (isContains(value)) {
        Object.assign(out, await literalContains(ctx, model, key, value));
      } else {
        out[key] = value;
      }
    }
    return out;
  };
  return { ...find, where: await literal(find.where as Where) };
}

function isContains(value: unknown): value is { contains: string } {
  return typeof value === "object" && value !== null && typeof (value as { contains?: unknown }).contains === "string";
}

async function literalContains(ctx: Context, model: string, column: string, filter: { contains: string }): Promise<Where> {
  if (ctx.config.database === "postgresql") return { [column]: { ...filter, contains: escapeLike(filter.contains) } };
  if (!/[%_]/.test(filter.contains)) return { [column]: filter };
  const rows = await ctx.prisma.$queryRawUnsafe<{ id: number }[]>(
    `SELECT "id" FROM "${model}" WHERE "${column}" LIKE ? ESCAPE '\\'`,
    `%${escapeLike(filter.contains)}%`,
  );
  return { id: { in: rows.map((row) => Number(row.id)) } };
}
