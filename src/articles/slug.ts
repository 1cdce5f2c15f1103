// Article slugs: made from the title when not given, unique across every slug an article holds
// now or held before a rename (a former slug keeps resolving to its article).
import type { Tx } from "../events/record.js";

/** What a slug may look like: lowercase ASCII words joined by single hyphens, at most 120 characters. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 120;

/** A slug for `text`: accents folded, anything else between words a hyphen, cut at a word; "article" when nothing is left. */
export function slugify(text: string): string {
  const words = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > SLUG_MAX_LENGTH - 4) break;
    slug = next;
  }
  return slug || "article";
}

/** Whether an article other than `articleId` holds `slug`, now or as a former slug. */
export async function slugTaken(tx: Tx, slug: string, articleId: number | null): Promise<boolean> {
  const [current, former] = await Promise.all([
    tx.article.findFirst({ where: { slug, ...(articleId ? { NOT: { id: articleId } } : {}) }, select: { id: true } }),
    tx.articleSlug.findFirst({ where: { slug, ...(articleId ? { NOT: { articleId } } : {}) }, select: { slug: true } }),
  ]);
  return !!current || !!former;
}

/** `base`, or `base-2`, `base-3` ... : the first no other article holds. */
export async function freeSlug(tx: Tx, base: string, articleId: number | null): Promise<string> {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await slugTaken(tx, slug, articleId))) return slug;
  }
}
