// One page of a connection: the find arguments that read it (keyset `where`, order, one row more
// than asked for) and the Relay connection built from the rows. Pothos reads the page arguments
// (parseCursorConnectionArgs) and builds the edges and pageInfo (resolveCursorConnection); this
// module supplies what it leaves to us, the cursors. Related connections plan their page inside
// the parent's query, so a list of parents and their pages load together.
import { parseCursorConnectionArgs } from "@pothos/core";
import { queryFromInfo } from "@pothos/plugin-prisma";
import { resolveCursorConnection } from "@pothos/plugin-relay";
import type { GraphQLResolveInfo } from "graphql";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { keysetWhere } from "./keyset.js";
import { orderBy, orderSelect, type Order } from "./orders.js";
import { checkPageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./page-size.js";

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

type Where = Record<string, unknown>;
type Row = Record<string, unknown>;

export interface PageQuery {
  where: Where;
  orderBy: Record<string, unknown>[];
  take: number;
  [key: string]: unknown;
}

/** Where a connection's nodes are selected: `nodes` and `edges.node`. */
const NODE_PATHS = [[{ name: "nodes" }], [{ name: "edges" }, { name: "node" }]];

/** The find arguments of the page `args` ask for, within `where`. Throws INVALID_PAGINATION. */
export function pageQuery(order: Order, args: PageArgs, where: Where): PageQuery {
  checkPageSize(args);
  const { limit, inverted } = parseCursorConnectionArgs({ args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE });
  const and: Where[] = [where];
  // `after: ""` is a cursor too (and a bad one), not an absent argument.
  if (args.after != null) and.push(keysetWhere(order, decodeCursor(order, args.after), "after", where));
  if (args.before != null) and.push(keysetWhere(order, decodeCursor(order, args.before), "before", where));
  return { where: and.length === 1 ? where : { AND: and }, orderBy: orderBy(order, inverted), take: limit };
}

/**
 * The connection for rows read with `pageQuery`; `node` maps a row to its node (a byline to its
 * article). Cursors are encoded when a client reads them: a page read for its nodes alone (the
 * front page) encodes none.
 */
export async function toConnection<R extends Row, N = R>(order: Order, args: PageArgs, rows: readonly R[], node?: (row: R) => N): Promise<Connection<N>> {
  // Pothos pages the rows and tells which way there is more; each edge's "cursor" is its row here.
  const connection = await resolveCursorConnection({ args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE, toCursor: (row: R) => row as unknown as string }, () => rows);
  // An empty page has no first or last row (Pothos hands back the request's own cursor or ""): its cursors are null, as Relay's are.
  const cursorOf = (row: unknown) => (typeof row === "object" && row !== null ? encodeCursor(order, row as R) : null);
  const { startCursor: first, endCursor: last, hasNextPage, hasPreviousPage } = connection.pageInfo;
  return {
    edges: connection.edges.map(({ node: row }) => new Edge(order, row as R, node ? node(row as R) : (row as unknown as N))),
    pageInfo: { hasNextPage, hasPreviousPage, get startCursor() { return cursorOf(first); }, get endCursor() { return cursorOf(last); } },
  };
}

/** An edge whose cursor is encoded when read: a class, as an object literal with a getter costs a new accessor per row. */
class Edge<R extends Row, N> {
  constructor(
    private readonly order: Order,
    private readonly row: R,
    readonly node: N,
  ) {}

  get cursor(): string {
    return encodeCursor(this.order, this.row);
  }
}

export interface Connection<N> {
  edges: { cursor: string; node: N }[];
  pageInfo: { startCursor?: string | null; endCursor?: string | null; hasNextPage: boolean; hasPreviousPage: boolean };
}

/** A root connection's page: the node selection planned from the request, read by `find`. */
export async function rootPage<R extends Row>(options: {
  order: Order;
  args: PageArgs;
  where: Where;
  info: GraphQLResolveInfo;
  ctx: object;
  typeName: string;
  find: (query: PageQuery & { select?: Record<string, unknown>; include?: Record<string, unknown> }) => Promise<R[]>;
  count: () => Promise<number>;
}) {
  const { order, args, info, ctx, typeName } = options;
  const page = pageQuery(order, args, options.where);
  const selection = queryFromInfo({ context: ctx, info, typeName, paths: [["nodes"], ["edges", "node"]], select: orderSelect(order) as never });
  const rows = await options.find({ ...selection, ...page });
  return { ...(await toConnection(order, args, rows)), totalCount: options.count };
}

/** Plans the node selection beneath a connection field (the `nestedSelection` of its `select`). */
type Nested = (query: object, include: { getType: () => string; paths: typeof NODE_PATHS }) => object;
/** The names of the fields selected on the connection, as the planner gives them to the field's selection. */
export type SelectedFields = () => ReadonlySet<string>;

/**
 * The parent's `select` for a related connection: the relation's page, and its count when asked
 * for. `join` is a to-one relation of the paged rows holding the node (a byline's article).
 */
function relatedSelect(options: {
  relation: string;
  order: Order;
  args: PageArgs;
  where: Where;
  nested: unknown;
  selected: SelectedFields;
  typeName: string;
  join?: string;
}): Record<string, unknown> {
  const { relation, order, args, where, typeName, join } = options;
  let page: PageQuery;
  try {
    page = pageQuery(order, args, where);
  } catch {
    // A bad page is refused by the resolver, as the connection field's error.
    return {};
  }
  const nested = options.nested as Nested;
  const include = { getType: () => typeName, paths: NODE_PATHS };
  const select = orderSelect(order);
  const query = join
    ? { ...page, select: { ...select, [join]: nested(select[join] as object, include) } }
    : nested({ ...page, select }, include);
  const counted = options.selected().has("totalCount");
  return { [relation]: query, ...(counted ? { _count: { select: { [relation]: { where } } } } : {}) };
}

/** The connection for a related page loaded by `relatedSelect`, with its count. */
async function relatedConnection<N>(options: {
  relation: string;
  order: Order;
  args: PageArgs;
  where: Where;
  parent: Row;
  join?: string;
}) {
  const { relation, order, args, parent, join } = options;
  pageQuery(order, args, options.where);
  const rows = (parent[relation] ?? []) as Row[];
  const connection = await toConnection<Row, N>(order, args, rows, join ? (row) => row[join] as N : undefined);
  return { ...connection, totalCount: (parent._count as Record<string, number> | undefined)?.[relation] };
}

/** A related connection's page: the relation, its order and filter, the node's type, and the to-one `join` of a row holding the node. */
export interface RelatedPage {
  relation: string;
  order: Order;
  where: Where;
  typeName: string;
  join?: string;
}

/**
 * The `select` and `resolve` of a related connection field, from one description of its page
 * (given the field's arguments and the context), so the planned page and the resolved one agree.
 */
export function relatedPage<N, A extends PageArgs = PageArgs, C = unknown>(page: (args: A, ctx: C) => RelatedPage) {
  return {
    // Set as the field's planned selection itself, as plugin-prisma's own relatedConnection does: a
    // field's `select` option is called without the selected-fields argument, so the page could not
    // tell whether `totalCount` was asked and would count on every read.
    extensions: {
      pothosPrismaSelect: (args: A, ctx: C, nested: unknown, selected: SelectedFields) => ({ select: relatedSelect({ ...page(args, ctx), args, nested, selected }) }),
    },
    resolve: (parent: object, args: A, ctx: C) => relatedConnection<N>({ ...page(args, ctx), args, parent: parent as Row }),
  };
}

/** A connection's `totalCount`: a number loaded with the page, or a count run when asked for. */
export const readTotalCount = (connection: object): number | Promise<number> => {
  const { totalCount } = connection as { totalCount: number | (() => Promise<number>) };
  return typeof totalCount === "function" ? totalCount() : totalCount;
};
