// What an author can do to their own comment: edit within the window, delete at any time. On a
// PRE-moderated article an edit of an approved comment waits for a moderator (`pendingBody`);
// readers keep the approved text until then.
import { limitWriteRate } from "../abuse/rate-limits.js";
import { hasRole, hashEditKey } from "../auth.js";
import type { Context } from "../context.js";
import { EditWindowExpiredError, ForbiddenError, NotFoundError } from "../errors.js";
import type { Tx } from "../events/record.js";
import type { Comment } from "../generated/prisma/client.js";
import { keepReasons, screenComment } from "../moderation-rules/screen.js";
import { cleanBody } from "./input.js";
import { linkMentions } from "./mentions.js";
import { updateThread } from "./thread-visibility.js";
import { writeComments } from "./transaction.js";

/** Loads a comment its author is acting on, proving authorship by identity or edit key (the input's, or one the request carries in its header). */
async function ownComment(tx: Tx, ctx: Context, id: number, editKey: string | null | undefined): Promise<Comment> {
  const comment = await tx.comment.findUnique({ where: { id } });
  if (!comment || comment.status === "DELETED" || comment.status === "SPAM" || comment.status === "REJECTED") {
    throw new NotFoundError("Comment");
  }
  const byIdentity = !!ctx.viewer && comment.userId === ctx.viewer.id;
  const byKey = !!editKey && !!comment.editKeyHash && hashEditKey(editKey) === comment.editKeyHash;
  const byHeader = !!comment.editKeyHash && ctx.editKeyHashes.includes(comment.editKeyHash);
  if (!byIdentity && !byKey && !byHeader) throw new ForbiddenError("Only the comment's author can change it.");
  // Proven by key: the rest of this request (the payload) sees the comment as its author does.
  if (byKey && !ctx.editKeyHashes.includes(comment.editKeyHash!)) ctx.editKeyHashes.push(comment.editKeyHash!);
  return comment;
}

export async function editComment(ctx: Context, input: { id: number; body: string; editKey?: string | null }): Promise<Comment> {
  const body = cleanBody(input.body);
  await limitWriteRate(ctx, "edit");
  const rules = await ctx.rules.current();
  const { result } = await writeComments(ctx, async (tx, record) => {
    const comment = await ownComment(tx, ctx, input.id, input.editKey);
    const windowSeconds = ctx.config.comments.editWindowSeconds;
    if (ctx.now().getTime() - comment.createdAt.getTime() > windowSeconds * 1000) throw new EditWindowExpiredError(windowSeconds);
    const screening = await screenComment(ctx, { tx, rules, body, commenter: { userId: comment.userId, email: comment.guestEmail } });
    await keepReasons(tx, comment.id, screening, ctx.now());
    // An approved comment whose edit trips a rule keeps its text until a moderator sees the edit.
    if ((screening.status !== null && comment.status === "APPROVED") || (await needsReview(tx, ctx, comment))) {
      // Back to the approved text: the edit is withdrawn, nothing waits.
      const pendingBody = body === comment.body ? null : body;
      if (pendingBody === comment.pendingBody) return comment;
      const submitted = await tx.comment.update({ where: { id: comment.id }, data: { pendingBody, pendingEditAt: pendingBody ? ctx.now() : null } });
      record({ kind: "EDIT_SUBMITTED", comment: submitted, fromStatus: submitted.status, toStatus: submitted.status });
      return submitted;
    }
    if (body === comment.body) return comment;
    await tx.commentEdit.create({ data: { commentId: comment.id, body: comment.body, editedAt: ctx.now() } });
    const edited = await tx.comment.update({ where: { id: comment.id }, data: { body, editedAt: ctx.now(), pendingBody: null, pendingEditAt: null } });
    await linkMentions(tx, edited);
    record({ kind: "EDITED", comment: edited, fromStatus: edited.status, toStatus: edited.status });
    return edited;
  });
  return result;
}

/** An approved comment on a PRE-moderated article, edited by anyone but a moderator, is reviewed again. */
async function needsReview(tx: Tx, ctx: Context, comment: Comment): Promise<boolean> {
  if (comment.status !== "APPROVED" || hasRole(ctx.viewer, "MODERATOR")) return false;
  const article = await tx.article.findUniqueOrThrow({ where: { id: comment.articleId }, select: { moderation: true } });
  return article.moderation === "PRE";
}

/** A deleted comment is no editor's pick: a tombstone keeps no pick, nor a note that may describe what it said. */
const UNFEATURED = { featuredAt: null, featuredById: null, featuredNote: null } as const;

export async function deleteComment(ctx: Context, input: { id: number; editKey?: string | null }): Promise<Comment> {
  await limitWriteRate(ctx, "delete");
  const { result } = await writeComments(ctx, async (tx, record) => {
    const comment = await ownComment(tx, ctx, input.id, input.editKey);
    const deleted = await tx.comment.update({ where: { id: comment.id }, data: { status: "DELETED", pendingBody: null, pendingEditAt: null, ...UNFEATURED } });
    const related = await updateThread(tx, { comment, before: comment, after: deleted });
    record({ kind: "DELETED", comment: deleted, fromStatus: comment.status, toStatus: "DELETED", related });
    return deleted;
  });
  return result;
}
