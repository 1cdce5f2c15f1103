// Moderators' decisions on comments, on their pending edits and on an article's comment section;
// each is recorded with who, when, from and to.
import type { Viewer } from "../auth.js";
import type { Context } from "../context.js";
import { NotFoundError, ValidationError } from "../errors.js";
import { publishArticleChanged } from "../events/publish.js";
import type { Tx } from "../events/record.js";
import type { Article, Comment, CommentStatus, ModerationActionKind, ModerationMode } from "../generated/prisma/client.js";
import { checkCloseAfterDays } from "./closing.js";
import { linkMentions } from "./mentions.js";
import { updateThread } from "./thread-visibility.js";
import { writeComments } from "./transaction.js";

export type ModerationDecision = "APPROVE" | "REJECT" | "MARK_SPAM" | "RESTORE" | "REJECT_EDIT";

const target: Record<Exclude<ModerationDecision, "REJECT_EDIT">, CommentStatus> = {
  APPROVE: "APPROVED",
  REJECT: "REJECTED",
  MARK_SPAM: "SPAM",
  RESTORE: "APPROVED",
};

export async function moderateComment(
  ctx: Context,
  input: { id: number; decision: ModerationDecision; note?: string | null },
): Promise<Comment> {
  const actor = ctx.viewer as Viewer;
  const { result } = await writeComments(ctx, async (tx, record) => {
    const comment = await tx.comment.findUnique({ where: { id: input.id } });
    if (!comment) throw new NotFoundError("Comment");
    const log = (kind: ModerationActionKind, toStatus: CommentStatus) =>
      logDecision(tx, { actor, kind, comment, toStatus, note: input.note, at: ctx.now() });
    // A pending edit of an approved comment: approving publishes it, REJECT_EDIT keeps the approved text.
    if (comment.pendingBody !== null && (input.decision === "APPROVE" || input.decision === "REJECT_EDIT")) {
      const reviewed = await reviewEdit(tx, comment, input.decision === "APPROVE");
      await log(input.decision === "APPROVE" ? "APPROVE_EDIT" : "REJECT_EDIT", reviewed.status);
      if (input.decision === "APPROVE") record({ kind: "EDITED", comment: reviewed, fromStatus: reviewed.status, toStatus: reviewed.status });
      return reviewed;
    }
    if (input.decision === "REJECT_EDIT") throw new ValidationError("The comment has no edit waiting for review.", "decision");
    if (input.decision === "RESTORE" && comment.status === "APPROVED") {
      throw new ValidationError("Only a rejected, spam or deleted comment can be restored.", "decision");
    }
    const toStatus = target[input.decision];
    if (toStatus === comment.status) return comment;
    // A comment taken down takes its waiting edit with it.
    const updated = await tx.comment.update({ where: { id: comment.id }, data: { status: toStatus, pendingBody: null, pendingEditAt: null } });
    const related = await updateThread(tx, { comment, before: comment, after: updated });
    await log(input.decision, toStatus);
    record({ kind: "STATUS_CHANGED", comment: updated, fromStatus: comment.status, toStatus, related: [...related, ...(await mentioners(tx, comment.id))] });
    return updated;
  });
  return result;
}

/** Publishes (`approve`) or discards a comment's pending edit; the replaced text is kept as an edit. */
async function reviewEdit(tx: Tx, comment: Comment, approve: boolean): Promise<Comment> {
  if (!approve) return tx.comment.update({ where: { id: comment.id }, data: { pendingBody: null, pendingEditAt: null } });
  const editedAt = comment.pendingEditAt ?? new Date();
  await tx.commentEdit.create({ data: { commentId: comment.id, body: comment.body, editedAt } });
  const edited = await tx.comment.update({
    where: { id: comment.id },
    data: { body: comment.pendingBody!, editedAt, pendingBody: null, pendingEditAt: null },
  });
  await linkMentions(tx, edited);
  return edited;
}

/** Comments that mention this one: their `mentions` show it or not as its visibility changes. */
async function mentioners(tx: Tx, commentId: number): Promise<number[]> {
  const rows = await tx.mention.findMany({ where: { mentionedCommentId: commentId }, select: { commentId: true } });
  return rows.map((row) => row.commentId);
}

function logDecision(
  tx: Tx,
  entry: { actor: Viewer; kind: ModerationActionKind; comment: Comment; toStatus: CommentStatus; note?: string | null; at: Date },
) {
  return tx.moderationAction.create({
    data: {
      kind: entry.kind,
      actorId: entry.actor.id,
      actorName: entry.actor.name,
      articleId: entry.comment.articleId,
      commentId: entry.comment.id,
      fromStatus: entry.comment.status,
      toStatus: entry.toStatus,
      note: entry.note?.trim() || null,
      createdAt: entry.at,
    },
  });
}

export async function setCommenting(
  ctx: Context,
  input: { articleId: number; open?: boolean | null; moderation?: ModerationMode | null; closeAfterDays?: number | null },
): Promise<Article> {
  const actor = ctx.viewer as Viewer;
  if (input.closeAfterDays != null) checkCloseAfterDays(input.closeAfterDays, "closeAfterDays");
  const article = await ctx.prisma.$transaction(async (tx) => {
    const article = await tx.article.findUnique({ where: { id: input.articleId } });
    if (!article) throw new NotFoundError("Article");
    const changes: { kind: "OPEN_COMMENTS" | "CLOSE_COMMENTS" | "SET_MODERATION" | "SET_COMMENTS_CLOSING"; note: string }[] = [];
    // Left out: unchanged; null: the site's days.
    const days = input.closeAfterDays === undefined ? article.commentsCloseAfterDays : input.closeAfterDays;
    if (days !== article.commentsCloseAfterDays) {
      changes.push({ kind: "SET_COMMENTS_CLOSING", note: `${daysNote(article.commentsCloseAfterDays)} -> ${daysNote(days)}` });
    }
    if (input.open != null && input.open !== article.commentsOpen) {
      changes.push({ kind: input.open ? "OPEN_COMMENTS" : "CLOSE_COMMENTS", note: input.open ? "opened" : "closed" });
    }
    if (input.moderation != null && input.moderation !== article.moderation) {
      changes.push({ kind: "SET_MODERATION", note: `${article.moderation} -> ${input.moderation}` });
    }
    if (changes.length === 0) return article;
    await tx.moderationAction.createMany({
      data: changes.map((change) => ({ ...change, actorId: actor.id, actorName: actor.name, articleId: article.id, createdAt: ctx.now() })),
    });
    return tx.article.update({
      where: { id: article.id },
      data: {
        commentsOpen: input.open ?? article.commentsOpen,
        moderation: input.moderation ?? article.moderation,
        commentsCloseAfterDays: days,
        // A new close time is announced when it comes (src/comments/closing-timer.ts).
        ...(days !== article.commentsCloseAfterDays ? { commentsClosedAt: null } : {}),
      },
    });
  });
  publishArticleChanged(ctx.events, article.id);
  return article;
}

const daysNote = (days: number | null) => (days == null ? "site default" : `${days} days`);
