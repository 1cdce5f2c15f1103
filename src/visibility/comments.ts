// Who sees which comment. The rule is written once, as data (a Prisma `where`): the database
// applies it to every query, and `matches` applies the same text to a row already loaded (live
// events, to-one relations). Policy:
// - moderators see every comment;
// - everyone sees a comment that is approved, or deleted but still holding visible replies (a
//   tombstone), and whose ancestors are all visible: a pending, rejected or spam comment hides
//   its whole subtree (`hiddenAncestors` counts such ancestors, kept by src/comments/thread-visibility.ts);
// - an author also sees their own pending comments, by sign-in or by edit key.
import { hasRole, type Viewer } from "../auth.js";
import type { CommentStatus, Prisma } from "../generated/prisma/client.js";
import { matches } from "./matches.js";

/** Who is asking, as far as comments care: a signed-in viewer and the hashes of the edit keys presented. */
export interface Asker {
  viewer: Viewer | null;
  editKeyHashes: readonly string[];
}

/** Statuses that take a comment's replies out of the public's sight along with it. */
export const HIDES_REPLIES: readonly CommentStatus[] = ["PENDING", "REJECTED", "SPAM"];

/** A comment's own state as the public may see it: approved, or a tombstone holding visible replies. */
const SHOWN: Prisma.CommentWhereInput[] = [{ status: "APPROVED" }, { status: "DELETED", replyCount: { gt: 0 } }];

/** The columns the rule reads: a row checked in memory must have been loaded with them. */
export const VISIBILITY_SELECT = { status: true, replyCount: true, hiddenAncestors: true, userId: true, editKeyHash: true } as const;

export type VisibilityFacts = Pick<Prisma.CommentGetPayload<{ select: typeof VISIBILITY_SELECT }>, keyof typeof VISIBILITY_SELECT>;

/** The comments `asker` may see, as a Prisma `where`. */
export function visibleComments(asker: Asker): Prisma.CommentWhereInput {
  if (hasRole(asker.viewer, "MODERATOR")) return {};
  const visible: Prisma.CommentWhereInput[] = SHOWN.map((shown) => ({ ...shown, hiddenAncestors: 0 }));
  if (asker.viewer) visible.push({ status: "PENDING", userId: asker.viewer.id });
  if (asker.editKeyHashes.length > 0) visible.push({ status: "PENDING", editKeyHash: { in: [...asker.editKeyHashes] } });
  return { OR: visible };
}

/** The same rule on a loaded comment. Throws when the row lacks a column the rule reads. */
export function canSeeComment(asker: Asker, comment: VisibilityFacts): boolean {
  return matches(visibleComments(asker), comment);
}

/** Whether a comment counts in its parent's `replyCount`: its own state is one the public sees. */
export function countsAsReply(comment: Pick<VisibilityFacts, "status" | "replyCount">): boolean {
  return matches({ OR: SHOWN }, comment);
}

/** Whether `asker` wrote the comment: by sign-in, or by one of the edit keys presented. */
export function isAuthor(asker: Asker, comment: Pick<VisibilityFacts, "userId" | "editKeyHash">): boolean {
  return (!!asker.viewer && comment.userId === asker.viewer.id) || (!!comment.editKeyHash && asker.editKeyHashes.includes(comment.editKeyHash));
}
