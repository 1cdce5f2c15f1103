// Reader reports: anyone signed in, or a guest by their browser's reader key, reports a comment once.
// Enough open reports by signed-in readers send a POST-moderated comment back to review (guests'
// reports reach the REPORTED queue only); a moderator's decision closes them.
import { limitWriteRate } from "../abuse/rate-limits.js";
import type { Viewer } from "../auth.js";
import type { Context } from "../context.js";
import { NotFoundError, UnauthenticatedError } from "../errors.js";
import type { Comment, CommentReport, ReportReason } from "../generated/prisma/client.js";
import { DEFAULT_SETTINGS } from "../moderation-rules/rules.js";
import { visibleArticles } from "../visibility/articles.js";
import { visibleComments } from "../visibility/comments.js";
import { changeStatus, logDecision, markReviewed } from "./moderate.js";
import { readerKeyOf, SIGNED_IN } from "./reader-key.js";
import { writeComments } from "./transaction.js";

/** Who reports: "user:<subject>" signed in, "guest:<SHA-256 of the reader key>" as a guest. Throws UnauthenticatedError with neither. */
export function reporterKeyOf(ctx: Context): string {
  const key = readerKeyOf(ctx, true);
  if (key) return key;
  throw new UnauthenticatedError("Sign in, or send your browser's reader key (x-reader-key), to report a comment.");
}

/**
 * Reports a comment the reporter can see. A second report by the same reporter changes nothing and
 * gives the same answer: the report first made. Gives the report and whether it was new.
 */
export async function reportComment(
  ctx: Context,
  input: { commentId: number; reason: ReportReason; text?: string | null },
): Promise<{ report: CommentReport; created: boolean }> {
  const reporterKey = reporterKeyOf(ctx);
  await limitWriteRate(ctx, "report");
  const { result } = await writeComments(ctx, async (tx, record) => {
    // Asked first, so a reporter whose report sent the comment to review still gets the same answer.
    const earlier = await tx.commentReport.findUnique({ where: { commentId_reporterKey: { commentId: input.commentId, reporterKey } } });
    if (earlier) return { report: earlier, created: false };
    const comment = await tx.comment.findFirst({
      where: { id: input.commentId, status: { not: "DELETED" }, AND: [visibleComments(ctx), { article: visibleArticles(ctx) }] },
      include: { article: { select: { moderation: true } } },
    });
    if (!comment) throw new NotFoundError("Comment");
    const report = await tx.commentReport.create({
      data: { commentId: comment.id, reporterKey, reason: input.reason, text: input.text?.trim() || null, createdAt: ctx.now() },
    });
    const counted = await tx.comment.update({ where: { id: comment.id }, data: { reportCount: { increment: 1 } } });
    record({ kind: "REPORTED", comment: counted, fromStatus: counted.status, toStatus: counted.status });
    const settings = await tx.moderationSettings.findUnique({ where: { id: 1 }, select: { reportThreshold: true } });
    const threshold = settings?.reportThreshold ?? DEFAULT_SETTINGS.reportThreshold;
    // Only signed-in readers' reports count toward review: a guest can mint reader keys at will.
    const bySignedIn = await tx.commentReport.count({ where: { commentId: comment.id, resolvedAt: null, reporterKey: { startsWith: SIGNED_IN } } });
    if (counted.status === "APPROVED" && comment.article.moderation === "POST" && bySignedIn >= threshold) {
      await changeStatus(tx, record, { comment: counted, toStatus: "PENDING" });
    }
    return { report, created: true };
  });
  return result;
}

/** Closes a comment's open reports without changing it (a moderator's "no action"), logged as DISMISS_REPORTS. Throws NotFoundError. */
export async function dismissReports(ctx: Context, input: { commentId: number; note?: string | null }): Promise<Comment> {
  const { result } = await writeComments(ctx, async (tx) => {
    const comment = await tx.comment.findUnique({ where: { id: input.commentId } });
    if (!comment) throw new NotFoundError("Comment");
    await markReviewed(tx, comment.id, ctx.now());
    await logDecision(tx, { actor: ctx.viewer as Viewer, kind: "DISMISS_REPORTS", comment, toStatus: comment.status, note: input.note, at: ctx.now() });
    return tx.comment.findUniqueOrThrow({ where: { id: comment.id } });
  });
  return result;
}
