// A merged source, author or topic keeps its id: it resolves to the record it was merged into.
// Merges repoint earlier records (A->B, then B->C makes A->C), so one lookup is always enough.
import type { Db } from "../db.js";
import type { Tx } from "../events/record.js";

/** The types whose records can be merged. */
export const MERGEABLE_TYPES: ReadonlySet<string> = new Set(["Source", "Author", "Topic"]);

/** The survivor each of `ids` of `typename` was merged into, by id; ids never merged are absent. */
export async function survivorsOf(db: Db | Tx, typename: string, ids: readonly number[]): Promise<Map<number, number>> {
  if (!MERGEABLE_TYPES.has(typename) || ids.length === 0) return new Map();
  const rows = await db.mergedRecord.findMany({ where: { typename, fromId: { in: [...ids] } }, select: { fromId: true, toId: true } });
  return new Map(rows.map((row) => [row.fromId, row.toId]));
}

/** `id` itself, or the survivor it was merged into. */
export async function currentId(db: Db | Tx, typename: string, id: number): Promise<number> {
  return (await survivorsOf(db, typename, [id])).get(id) ?? id;
}

/**
 * `find(id)`, or when that finds nothing and the record was merged, `find(survivor)`: a lookup by
 * id that follows merges, costing one more query only on a miss.
 */
export async function findFollowingMerges<T>(db: Db, typename: string, id: number, find: (id: number) => Promise<T | null>): Promise<T | null> {
  const found = await find(id);
  if (found !== null || !MERGEABLE_TYPES.has(typename)) return found;
  const survivor = (await survivorsOf(db, typename, [id])).get(id);
  return survivor === undefined ? null : find(survivor);
}
