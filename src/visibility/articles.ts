// Who sees which article: the public sees published articles; newsroom staff see every state.
import { hasRole, type Viewer } from "../auth.js";
import type { Prisma } from "../generated/prisma/client.js";

/** The articles the viewer may see, as a Prisma `where`. */
export function visibleArticles(asker: { viewer: Viewer | null }): Prisma.ArticleWhereInput {
  return hasRole(asker.viewer, "EDITOR", "AUTHOR", "MODERATOR") ? {} : { status: "PUBLISHED" };
}

/** Join rows (bylines, topic links) whose article the asker may see, newest article first. */
export function visibleArticleLinks(asker: { viewer: Viewer | null }) {
  return {
    where: { article: visibleArticles(asker) },
    orderBy: [{ article: { publishedAt: "desc" as const } }, { articleId: "desc" as const }],
  };
}
