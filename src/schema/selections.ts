// prismaConnectionHelpers plans the node selection from `edges.node` only; with `nodes` on every
// connection, the selection under `nodes` must be planned too.
type NestedSelection<T> = (selection?: T, path?: string[]) => unknown;

export function withNodesSelection<T>(nested: NestedSelection<T>): NestedSelection<T> {
  return (selection, path) => {
    const edges = nested(selection, path);
    const nodes = nested(selection, ["nodes"]);
    // An unselected path plans as `{ select: {} }`; a client that asks for both `edges.node` and
    // `nodes` gets the union of the two when they are planned the same way.
    // Prisma refuses an empty select: a page of counts alone still selects the node's id.
    if (isEmptySelect(edges) && isEmptySelect(nodes)) return { select: { id: true } };
    if (isEmptySelect(edges)) return nodes;
    if (isEmptySelect(nodes)) return edges;
    return merge(edges, nodes);
  };
}

function isEmptySelect(value: unknown): boolean {
  return isObject(value) && isObject(value.select) && Object.keys(value.select).length === 0;
}

function merge(a: unknown, b: unknown): unknown {
  if (!isObject(a) || !isObject(b)) return isObject(a) ? a : isObject(b) ? b : a || b;
  const merged: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) merged[key] = key in a ? merge(a[key], value) : value;
  return merged;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The `totalCount` a join-row connection's resolver put next to its page. */
export const readTotalCount = (connection: object): number => (connection as { totalCount: number }).totalCount;
