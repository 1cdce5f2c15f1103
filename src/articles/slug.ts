// Article slugs: unique across every slug an article holds now or held before a rename (a former
// slug keeps resolving to its article).
import type { Tx } from "../events/record.js";
import { uniqueSlug } from "../slugs.js";

/** Whether an article other than `articleId` holds `slug`, now or as a former slug. */
export async function slugTaken(tx: Tx, slug: string, articleId: number | null): Promise<boolean> {
  const [current, former] = await Promise.all([
    tx.article.findFirst({ where: { slug, ...(articleId ? { NOT: { id: articleId } } : {}) }, select: { id: true } }),
    tx.articleSlug.findFirst({ where: { slug, ...(articleId ? { NOT: { articleId } } : {}) }, select: { slug: true } }),
  ]);
  return !!current || !!former;
}

/** `base`, or `base-2`, `base-3` ...: the first no other article holds, now or formerly. */
export function freeSlug(tx: Tx, base: string, articleId: number | null): Promise<string> {
  return uniqueSlug({
    base,
    taken: async (prefix) => {
      const [current, former] = await Promise.all([
        tx.article.findMany({ where: { slug: { startsWith: prefix }, ...(articleId ? { NOT: { id: articleId } } : {}) }, select: { slug: true } }),
        tx.articleSlug.findMany({ where: { slug: { startsWith: prefix }, ...(articleId ? { NOT: { articleId } } : {}) }, select: { slug: true } }),
      ]);
      return [...current, ...former].map((row) => row.slug);
    },
  });
}
