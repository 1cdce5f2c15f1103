// Slugs: the readable, unique key of an article, author or topic in URLs.

/** A slug: lowercase letters and digits in hyphen-separated words. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The longest slug, suffix included. */
export const MAX_SLUG = 100;
// Room left for a "-NNN" suffix when a generated slug is cut.
const BASE_LENGTH = MAX_SLUG - 8;

/** `name` as a slug ("Émile Zola, Jr." -> "emile-zola-jr"); `fallback` when nothing of it is Latin letters or digits. */
export function slugify(name: string, fallback: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const cut = words.slice(0, BASE_LENGTH).replace(/-+$/, "");
  return cut || fallback;
}

/**
 * The first of `base`, `base-2`, `base-3` ... not in use. `taken(prefix)` gives the slugs in use
 * that start with `prefix` (one query: `{ slug: { startsWith: prefix } }`, former slugs included
 * where they keep resolving). Unique at the moment of reading: call it in the writing transaction.
 */
export async function uniqueSlug(options: { base: string; taken: (prefix: string) => Promise<string[]> }): Promise<string> {
  const used = new Set(await options.taken(options.base));
  if (!used.has(options.base)) return options.base;
  for (let n = 2; ; n++) {
    const candidate = `${options.base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
