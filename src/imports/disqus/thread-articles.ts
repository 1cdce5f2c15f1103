// Which article a Disqus thread was on. Disqus knows a page by its link and, when the site set
// one, an identifier; our articles are known by slug (current or former, ArticleSlug). A thread
// matches when its identifier is a slug, or the last segment of its link's path is.
import type { Db } from "../../db.js";
import { SLUG_PATTERN } from "../../slugs.js";
import type { DisqusThread } from "./export-items.js";

// Threads looked up per query pair, so a large export takes a few hundred queries, not one per thread.
const LOOKUP_CHUNK = 500;

/** The slugs a thread may name its article by, most explicit first: its identifier, then its link. */
export function threadSlugs(thread: Pick<DisqusThread, "identifier" | "link">): string[] {
  const slugs = [slugOf(thread.identifier), slugOf(thread.link)].filter((slug): slug is string => slug !== null);
  return [...new Set(slugs)];
}

// A slug as given, or the last segment of a URL's or path's path ("/2024/05/some-slug/" -> "some-slug").
function slugOf(text: string): string | null {
  const value = text.trim();
  if (!value) return null;
  if (SLUG_PATTERN.test(value)) return value;
  // Only a URL or an absolute path is read for its path: "123 https://site/?p=123" names no slug.
  if (!/^(?:https?:\/\/|\/)\S*$/i.test(value)) return null;
  let path: string;
  try {
    path = new URL(value, "http://path.invalid").pathname;
  } catch {
    return null;
  }
  const last = path.split("/").filter(Boolean).at(-1);
  if (!last) return null;
  let segment: string;
  try {
    segment = decodeURIComponent(last);
  } catch {
    return null;
  }
  const slug = segment.replace(/\.(?:html?|php|aspx?)$/i, "").toLowerCase();
  // A non-ASCII WordPress slug ("żolw-i-żuraw") is held as a former slug of the article imported from it.
  return SLUG_PATTERN.test(slug) || /^[\p{L}\p{N}-]+$/u.test(slug) ? slug : null;
}

/** Finds each thread's article by its slugs (current, then former); returns thread dsq:id -> article id for those found. */
export async function matchThreads(prisma: Db, threads: readonly DisqusThread[]): Promise<Map<string, number>> {
  const matched = new Map<string, number>();
  for (let start = 0; start < threads.length; start += LOOKUP_CHUNK) {
    const chunk = threads.slice(start, start + LOOKUP_CHUNK);
    const slugs = [...new Set(chunk.flatMap((thread) => threadSlugs(thread)))];
    if (slugs.length === 0) continue;
    const [current, former] = await Promise.all([
      prisma.article.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } }),
      prisma.articleSlug.findMany({ where: { slug: { in: slugs } }, select: { articleId: true, slug: true } }),
    ]);
    const bySlug = new Map<string, number>(former.map((row) => [row.slug, row.articleId]));
    // A current slug wins over the same text left behind by another article's rename.
    for (const row of current) bySlug.set(row.slug, row.id);
    for (const thread of chunk) {
      const articleId = threadSlugs(thread)
        .map((slug) => bySlug.get(slug))
        .find((id) => id !== undefined);
      if (articleId !== undefined) matched.set(thread.dsqId, articleId);
    }
  }
  return matched;
}
