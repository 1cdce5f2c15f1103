// Reader reports: readers report a comment; only moderators see the reports, who made them and why.
import { builder } from "../builder.js";
import { dismissReports, reportComment } from "../comments/reports.js";
import type { CommentReport as CommentReportRow } from "../generated/prisma/client.js";
import { InvalidIdError, NotFoundError, RateLimitedError, UnauthenticatedError, ValidationError } from "../errors.js";
import { encodeId, parseId } from "../ids.js";
import { visibleArticles } from "../visibility/articles.js";
import { visibleComments } from "../visibility/comments.js";
import { Comment } from "./comment.js";
import { CommentPayload } from "./comment-mutations.js";

const ReportReason = builder.enumType("ReportReason", {
  values: {
    ABUSIVE: { description: "Insulting, hateful or threatening." },
    SPAM: { description: "Advertising or repeated junk." },
    OFF_TOPIC: { description: "Nothing to do with the article." },
    MISINFORMATION: { description: "False or misleading claims." },
    OTHER: { description: "Something else: say what in `text`." },
  } as const,
});

builder.prismaObject("CommentReport", {
  description: "A reader's report of a comment. Moderators only.",
  // Who reported what, and their words, are for moderators alone.
  authScopes: { moderator: true },
  fields: (t) => ({
    reason: t.expose("reason", { type: ReportReason }),
    text: t.exposeString("text", { nullable: true }),
    reporter: t.exposeString("reporterKey", { description: '"user:<subject>" for a signed-in reader, "guest:<hash of the browser\'s reader key>" for a guest.' }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    resolvedAt: t.expose("resolvedAt", { type: "DateTime", nullable: true, description: "When a moderator's decision or dismissal closed it; null while open." }),
  }),
});

builder.prismaObjectFields(Comment, (t) => ({
  reports: t.relation("reports", {
    description: "Reader reports, open and closed, oldest first. Moderators only.",
    authScopes: { moderator: true },
    query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
  }),
  reportCount: t.exposeInt("reportCount", { description: "Open reader reports. Moderators only.", authScopes: { moderator: true } }),
  reviewedAt: t.expose("reviewedAt", {
    type: "DateTime",
    nullable: true,
    description: "When a moderator last decided on it; null if no one has. Moderators only.",
    authScopes: { moderator: true },
  }),
}));

const ReportCommentInput = builder.inputType("ReportCommentInput", {
  fields: (t) => ({
    commentId: t.id({ required: true }),
    reason: t.field({ type: ReportReason, required: true }),
    text: t.string({ description: "What is wrong, in the reader's words (moderators only).", text: { kind: "multiline", maxLength: 2000 } }),
  }),
});

const ReportCommentPayload = builder.objectRef<{ report: CommentReportRow }>("ReportCommentPayload").implement({
  fields: (t) => ({
    reportedCommentId: t.id({ resolve: (payload) => encodeId("Comment", payload.report.commentId) }),
    reason: t.field({ type: ReportReason, description: "The reason first given: a second report changes nothing.", resolve: (payload) => payload.report.reason }),
    comment: t.prismaField({
      type: Comment,
      nullable: true,
      description: "The comment as you see it now: null once reports sent it to review.",
      resolve: (query, payload, _args, ctx) =>
        ctx.prisma.comment.findFirst({ ...query, where: { id: payload.report.commentId, AND: [visibleComments(ctx), { article: visibleArticles(ctx) }] } }),
    }),
  }),
});

const DismissReportsInput = builder.inputType("DismissReportsInput", {
  fields: (t) => ({
    commentId: t.id({ required: true }),
    note: t.string({ description: "Why, for the moderation log.", text: { kind: "multiline", maxLength: 2000 } }),
  }),
});

builder.mutationFields((t) => ({
  reportComment: t.field({
    type: ReportCommentPayload,
    description: "Reports a comment you can see, once: signed in, or as a guest with the x-reader-key header. Enough open reports send it to review.",
    errors: { types: [ValidationError, NotFoundError, InvalidIdError, UnauthenticatedError, RateLimitedError] },
    args: { input: t.arg({ type: ReportCommentInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      reportComment(ctx, { commentId: parseId(String(input.commentId), "Comment"), reason: input.reason, text: input.text }),
  }),
  dismissReports: t.field({
    type: CommentPayload,
    description: "Closes a comment's open reports and leaves it as it is. Moderators only.",
    authScopes: { moderator: true },
    errors: { types: [ValidationError, NotFoundError, InvalidIdError] },
    args: { input: t.arg({ type: DismissReportsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      comment: await dismissReports(ctx, { commentId: parseId(String(input.commentId), "Comment"), note: input.note }),
    }),
  }),
}));
