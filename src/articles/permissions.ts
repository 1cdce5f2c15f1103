// Who may change which article, by the roles in the token (src/auth.ts):
// - an AUTHOR creates drafts and edits their own while they are drafts (DRAFT or IN_REVIEW);
//   their own: they created it, or they are on its byline (Author.userId is their sign-in subject);
// - an EDITOR edits any article and publishes, schedules, unpublishes, archives and corrects;
// - an ADMIN holds every role.
import { hasRole, type Viewer } from "../auth.js";
import { ForbiddenError, UnauthenticatedError } from "../errors.js";

/** What the rule reads of an article: its state, its creator, and the sign-in subjects on its byline. */
export interface ArticleOwnership {
  status: string;
  createdById: string | null;
  bylineUserIds: (string | null)[];
}

/** The Prisma selection that loads an ArticleOwnership's facts. */
export const OWNERSHIP_SELECT = { status: true, createdById: true, bylines: { select: { author: { select: { userId: true } } } } } as const;

/** The facts of a row loaded with OWNERSHIP_SELECT. */
export function ownershipOf(row: { status: string; createdById: string | null; bylines: { author: { userId: string | null } }[] }): ArticleOwnership {
  return { status: row.status, createdById: row.createdById, bylineUserIds: row.bylines.map((byline) => byline.author.userId) };
}

/** Whether the viewer wrote the article: created it or stands on its byline. */
export function isOwnArticle(viewer: Viewer, article: ArticleOwnership): boolean {
  return article.createdById === viewer.id || article.bylineUserIds.includes(viewer.id);
}

/** Whether the viewer may edit the article's content (fields, blocks, citations, images, byline). */
export function canEditArticle(viewer: Viewer | null, article: ArticleOwnership): boolean {
  if (hasRole(viewer, "EDITOR")) return true;
  return !!viewer && hasRole(viewer, "AUTHOR") && (article.status === "DRAFT" || article.status === "IN_REVIEW") && isOwnArticle(viewer, article);
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless the viewer may edit the article. */
export function assertCanEditArticle(viewer: Viewer | null, article: ArticleOwnership): asserts viewer is Viewer {
  if (!viewer) throw new UnauthenticatedError("Sign in to do this.");
  if (!canEditArticle(viewer, article)) {
    throw new ForbiddenError(hasRole(viewer, "AUTHOR") ? "Authors edit only their own drafts." : "Only the newsroom edits articles.");
  }
}
