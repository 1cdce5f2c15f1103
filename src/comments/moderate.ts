// Moderators' decisions on comments, on their pending edits and on an article's comment section;
// each is recorded with who, when, from and to.
import type { Viewer } from "../auth.js";
import type { Context } from "../context.js";
import { NotFoundError, ValidationError } from "../errors.js";
import { publishArticleChanged } from "../events/publish.js";
import type { CommentEventInput, Tx } from "../events/record.js";
import type { Article, Comment, CommentStatus, ModerationActionKind, ModerationMode, Prisma } from "../generated/prisma/client.js";
import { checkCloseAfterDays } from "../moderation-rules/closing-days.js";
import { linkMentions } from "./mentions.js";
import { updateThread } from "./thread-visibility.js";
import { writeComments } from "./transaction.js";

type RecordEvent = (event: CommentEventInput) => void;

export type ModerationDecision = "APPROVE" | "REJECT" | "MARK_SPAM" | "RESTORE" | "REJECT_EDIT";

const target: Record<Exclude<ModerationDecision, "REJECT_EDIT">, CommentStatus> = {
  APPROVE: "APPROVED",
  REJECT: "REJECTED",
  MARK_SPAM: "SPAM",
  RESTORE: "APPROVED",
};

/** One moderator's decision on one comment, in its own transaction; gives the comment as it stands after. */
export async function moderateComment(
  ctx: Context,
  input: { id: number; decision: ModerationDecision; note?: string | null },
): Promise<Comment> {
  const { result } = await writeComments(ctx, async (tx, record) => {
    const comment = await tx.comment.findUnique({ where: { id: input.id } });
    if (!comment) throw new NotFoundError("Comment");
    return decide(tx, ctx, record, { comment, decision: input.decision, note: input.note });
  });
  return result;
}

/**
 * Applies a decision to a loaded comment inside a comment write (src/comments/transaction.ts): logs
 * it, records its event, closes the comment's open reports and marks it reviewed. Throws
 * ValidationError (`field`, default "decision") when the decision does not apply to the comment,
 * for any decision on a comment its author deleted, and for publishing one whose text an erasure removed.
 */
export async function decide(
  tx: Tx,
  ctx: Context,
  record: RecordEvent,
  input: { comment: Comment; decision: ModerationDecision; note?: string | null; field?: string },
): Promise<Comment> {
  const { comment, decision } = input;
  const actor = ctx.viewer as Viewer;
  const field = input.field ?? "decision";
  const log = (kind: ModerationActionKind, toStatus: CommentStatus) =>
    logDecision(tx, { actor, kind, comment, toStatus, note: input.note, at: ctx.now() });
  // Deleting is the author's word (or an erasure's): no moderator's decision publishes it again.
  if (comment.status === "DELETED") throw new ValidationError("Its author deleted this comment, so it stays deleted.", field);
  // A pending edit of an approved comment: approving publishes it, REJECT_EDIT keeps the approved text.
  if (comment.pendingBody !== null && (decision === "APPROVE" || decision === "REJECT_EDIT")) {
    const reviewed = await reviewEdit(tx, comment, decision === "APPROVE");
    await log(decision === "APPROVE" ? "APPROVE_EDIT" : "REJECT_EDIT", reviewed.status);
    await markReviewed(tx, comment.id, ctx.now());
    if (decision === "APPROVE") record({ kind: "EDITED", comment: reviewed, fromStatus: reviewed.status, toStatus: reviewed.status });
    return reviewed;
  }
  if (decision === "REJECT_EDIT") throw new ValidationError("The comment has no edit waiting for review.", field);
  if (decision === "RESTORE" && comment.status === "APPROVED") {
    throw new ValidationError("Only a rejected or spam comment can be restored.", field);
  }
  const toStatus = target[decision];
  // An erasure that removed a hidden comment's text left nothing to publish but a blank under "Deleted user".
  if (toStatus === "APPROVED" && comment.erasedAt !== null && comment.body === "") {
    throw new ValidationError("Its author's data was erased with its text, so there is nothing to publish.", field);
  }
  if (toStatus === comment.status) {
    // Keeping a comment as it is still reviews it: its reports close and it leaves the unmoderated queue.
    const resolved = await markReviewed(tx, comment.id, ctx.now());
    if (resolved > 0 || comment.reviewedAt === null) await log(decision, toStatus);
    return tx.comment.findUniqueOrThrow({ where: { id: comment.id } });
  }
  await log(decision, toStatus);
  await markReviewed(tx, comment.id, ctx.now());
  // A comment taken down takes its waiting edit with it.
  return changeStatus(tx, record, { comment, toStatus, data: { pendingBody: null, pendingEditAt: null } });
}

/** Moves a comment to `toStatus` with the thread's counts, and records STATUS_CHANGED for it and every comment it touched. */
export async function changeStatus(
  tx: Tx,
  record: RecordEvent,
  change: { comment: Comment; toStatus: CommentStatus; data?: Prisma.CommentUpdateInput },
): Promise<Comment> {
  const { comment, toStatus } = change;
  const updated = await tx.comment.update({ where: { id: comment.id }, data: { ...change.data, status: toStatus } });
  const related = await updateThread(tx, { comment, before: comment, after: updated });
  record({ kind: "STATUS_CHANGED", comment: updated, fromStatus: comment.status, toStatus, related: [...related, ...(await mentioners(tx, comment.id))] });
  return updated;
}

/** Closes the comment's open reports and stamps its review; gives how many reports it closed. */
export async function markReviewed(tx: Tx, commentId: number, at: Date): Promise<number> {
  const { count } = await tx.commentReport.updateMany({ where: { commentId, resolvedAt: null }, data: { resolvedAt: at } });
  await tx.comment.update({ where: { id: commentId }, data: { reviewedAt: at, reportCount: 0 } });
  return count;
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

/** Writes one entry of the moderation log for a comment. */
export function logDecision(
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
        // A new close time is announced when it comes (src/articles/closing-timer.ts).
        ...(days !== article.commentsCloseAfterDays ? { commentsClosedAt: null } : {}),
      },
    });
  });
  publishArticleChanged(ctx.events, article.id);
  return article;
}

const daysNote = (days: number | null) => (days == null ? "site default" : `${days} days`);
