// Every order a connection pages in: its columns, each with a direction, ending with the id as
// the tie-breaker. A nullable column sorts its nulls last, spelled out, since SQLite puts nulls
// first when ascending and PostgreSQL last.

export interface OrderColumn {
  field: string;
  type: "Int" | "Float" | "String" | "DateTime";
  direction: "asc" | "desc";
  nullable?: boolean;
  /** A column of a to-one relation of the paged rows (a byline's article). */
  relation?: string;
}

export interface Order {
  /** Names the rows and the order; every cursor carries it, so another connection's is refused. */
  name: string;
  columns: OrderColumn[];
}

const column = (field: string, type: OrderColumn["type"], direction: OrderColumn["direction"], more: Partial<OrderColumn> = {}): OrderColumn => ({
  field,
  type,
  direction,
  ...more,
});
const id = (direction: OrderColumn["direction"], field = "id") => column(field, "Int", direction);

export const commentOrders = {
  NEWEST: { name: "Comment:NEWEST", columns: [column("createdAt", "DateTime", "desc"), id("desc")] },
  OLDEST: { name: "Comment:OLDEST", columns: [column("createdAt", "DateTime", "asc"), id("asc")] },
  MOST_REPLIES: {
    name: "Comment:MOST_REPLIES",
    columns: [column("replyCount", "Int", "desc"), column("createdAt", "DateTime", "desc"), id("desc")],
  },
  BEST: {
    name: "Comment:BEST",
    columns: [column("bestScore", "Float", "desc"), column("createdAt", "DateTime", "desc"), id("desc")],
  },
} satisfies Record<string, Order>;

const published = (direction: OrderColumn["direction"], relation?: string) => column("publishedAt", "DateTime", direction, { nullable: true, relation });

export const articleOrders = {
  NEWEST: { name: "Article:NEWEST", columns: [published("desc"), id("desc")] },
  OLDEST: { name: "Article:OLDEST", columns: [published("asc"), id("asc")] },
  RECENTLY_UPDATED: { name: "Article:RECENTLY_UPDATED", columns: [column("updatedAt", "DateTime", "desc"), id("desc")] },
  TITLE: { name: "Article:TITLE", columns: [column("title", "String", "asc"), id("asc")] },
} satisfies Record<string, Order>;

/** Rows ordered by name: authors, sources, topics, an organisation's members. */
export const byName = (model: string): Order => ({ name: `${model}:NAME`, columns: [column("name", "String", "asc"), id("asc")] });

/** Join rows (bylines, topic links) and citations in their article's order, newest first. */
export const byArticleNewest = (model: string, tieBreaker: string): Order => ({
  name: `${model}:NEWEST`,
  columns: [published("desc", "article"), id("desc", tieBreaker)],
});

export const mediaNewest: Order = { name: "Media:NEWEST", columns: [id("desc")] };

/** Prisma's orderBy for an order, or for its reverse (a page read backwards). */
export function orderBy(order: Order, reversed = false): Record<string, unknown>[] {
  return order.columns.map(({ field, direction, nullable, relation }) => {
    const sort = reversed ? (direction === "asc" ? "desc" : "asc") : direction;
    const term = { [field]: nullable ? { sort, nulls: reversed ? "first" : "last" } : sort };
    return relation ? { [relation]: term } : term;
  });
}

/** The columns a row needs to say where it stands in the order. */
export function orderSelect(order: Order): Record<string, unknown> {
  const select: Record<string, unknown> = {};
  for (const { field, relation } of order.columns) {
    if (relation) select[relation] = { select: { ...((select[relation] as { select?: object })?.select ?? {}), [field]: true } };
    else select[field] = true;
  }
  return select;
}

/** A row's position: the values of the order's columns. */
export function positionOf(order: Order, row: Record<string, unknown>): unknown[] {
  return order.columns.map(({ field, relation }) => (relation ? (row[relation] as Record<string, unknown>)[field] : row[field]));
}
