// A commenter's data as a machine-readable JSON document (a GDPR access request, Article 15, and
// portability, Article 20): every comment with its edits and the decisions on it, every reaction
// and report they made, and the standings that name them. Nothing of anyone else's: comments they
// reacted to or reported are named by id only, moderators by nothing.
import type { Context } from "../context.js";
import { encodeId } from "../ids.js";
import { commentsOf, counted, logRequest, readerKeyOfSubject, standingsOf, type DataSubject } from "./commenter.js";

/** The document's version: raised when its shape changes. */
export const EXPORT_FORMAT = "newsgraph.commenter-data/1";

/** What an export holds, with its counts. `json`: the document, as text. */
export interface CommenterDataExport {
  exportedAt: Date;
  comments: number;
  edits: number;
  reactions: number;
  reports: number;
  json: string;
}

const GUEST_NOTE =
  "A guest's reactions and reports are filed under a random key kept by their browser, never under an email address: they cannot be linked to one and are not part of this export.";

/** Reads everything tied to the data subject and logs the export (EXPORT_COMMENTER_DATA) in the same transaction. */
export async function exportCommenterData(ctx: Context, who: DataSubject): Promise<CommenterDataExport> {
  const readerKey = readerKeyOfSubject(who);
  const exportedAt = ctx.now();
  const limits = ctx.config.databaseLimits;
  return ctx.prisma.$transaction(async (tx) => {
    const comments = await tx.comment.findMany({
      where: await commentsOf(tx, who),
      orderBy: { id: "asc" },
      include: {
        article: { select: { id: true, slug: true, title: true } },
        edits: { orderBy: { editedAt: "asc" }, select: { body: true, editedAt: true } },
        moderation: { orderBy: { createdAt: "asc" }, select: { kind: true, fromStatus: true, toStatus: true, createdAt: true } },
      },
    });
    const reactions = readerKey
      ? await tx.commentReaction.findMany({ where: { reactorKey: readerKey }, orderBy: { id: "asc" }, select: { commentId: true, kind: true, createdAt: true } })
      : [];
    const reports = readerKey
      ? await tx.commentReport.findMany({
          where: { reporterKey: readerKey },
          orderBy: { id: "asc" },
          select: { commentId: true, reason: true, text: true, createdAt: true, resolvedAt: true },
        })
      : [];
    const standings = await tx.commenterStanding.findMany({
      where: standingsOf(who),
      select: { match: true, value: true, standing: true, until: true, note: true, createdAt: true },
    });
    const edits = comments.reduce((sum, comment) => sum + comment.edits.length, 0);
    const document = {
      format: EXPORT_FORMAT,
      exportedAt,
      commenter: who,
      comments: comments.map((comment) => ({
        id: encodeId("Comment", comment.id),
        article: { id: encodeId("Article", comment.article.id), slug: comment.article.slug, title: comment.article.title },
        parentId: comment.parentId === null ? null : encodeId("Comment", comment.parentId),
        authorName: comment.authorName,
        email: comment.guestEmail,
        body: comment.body,
        pendingBody: comment.pendingBody,
        status: comment.status,
        createdAt: comment.createdAt,
        editedAt: comment.editedAt,
        reactionCounts: comment.reactionCounts,
        edits: comment.edits,
        decisions: comment.moderation,
      })),
      reactions: reactions.map((reaction) => ({ commentId: encodeId("Comment", reaction.commentId), kind: reaction.kind, createdAt: reaction.createdAt })),
      reports: reports.map((report) => ({ ...report, commentId: encodeId("Comment", report.commentId) })),
      standings,
      ...(readerKey ? {} : { notes: [GUEST_NOTE] }),
    };
    const note = [counted(comments.length, "comment"), counted(edits, "edit"), counted(reactions.length, "reaction"), counted(reports.length, "report")].join(", ");
    await logRequest(tx, ctx, { kind: "EXPORT_COMMENTER_DATA", who, note });
    return { exportedAt, comments: comments.length, edits, reactions: reactions.length, reports: reports.length, json: JSON.stringify(document, null, 2) };
  }, { maxWait: limits.transactionMaxWaitMs, timeout: limits.transactionTimeoutMs });
}
