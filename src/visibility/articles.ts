// Who sees which article. The rule is written once, as data (a Prisma `where`): the public sees an
// article once it is published and its publication time has come (a scheduled or embargoed article
// stays out of sight until then, on every read, with no job to flip it); newsroom staff see every
// state. The in-memory check applies the same text to a loaded row.
import { hasRole, type Viewer } from "../auth.js";
import type { Prisma } from "../generated/prisma/client.js";
import { matches } from "./matches.js";

/** Who is asking, as far as articles care: a signed-in viewer, on a clock. */
export interface ArticleAsker {
  viewer: Viewer | null;
  now: () => Date;
}

/** Whether the viewer is newsroom staff, who see drafts, scheduled and archived articles. */
export function isNewsroom(viewer: Viewer | null): boolean {
  return hasRole(viewer, "EDITOR", "AUTHOR");
}

/** The articles the public may see at `now`, as a Prisma `where`. */
export function publicArticles(now: Date): Prisma.ArticleWhereInput {
  return { status: "PUBLISHED", publishedAt: { lte: now } };
}

/** The articles the asker may see, as a Prisma `where`. */
export function visibleArticles(asker: ArticleAsker): Prisma.ArticleWhereInput {
  return isNewsroom(asker.viewer) ? {} : publicArticles(asker.now());
}

/** The same rule on a loaded row (status and publishedAt). Throws when the row lacks either. */
export function isPublicAt(article: { status: string; publishedAt: Date | null }, now: Date): boolean {
  return matches(publicArticles(now), article);
}

/**
 * The images (Media) the asker may see: staff every one; the public an image placed in an article it
 * may see, so a photo of an embargoed or draft article stays out of sight on every path to it.
 */
export function visibleImages(asker: ArticleAsker): Prisma.MediaWhereInput {
  return isNewsroom(asker.viewer) ? {} : { articles: { some: { article: publicArticles(asker.now()) } } };
}

/** Join rows (bylines, topic links) whose article the asker may see, newest article first. */
export function visibleArticleLinks(asker: ArticleAsker) {
  return {
    where: { article: visibleArticles(asker) },
    orderBy: [{ article: { publishedAt: "desc" as const } }, { articleId: "desc" as const }],
  };
}

/** The asker's rule on a loaded row (status and publishedAt): staff see it, the public once its time has come. */
export function canSeeArticle(asker: ArticleAsker, article: { status: string; publishedAt: Date | null }): boolean {
  return matches(visibleArticles(asker), article);
}
