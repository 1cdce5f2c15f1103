// Moderation: decisions on comments, one or many at a time, and an article's comment settings.
import { builder } from "../builder.js";
import type { Comment as CommentRow } from "../generated/prisma/client.js";
import { ArticlePayload } from "./article-mutations.js";
import { moderateComment, setCommenting } from "../comments/moderate.js";
import { InvalidIdError, NotFoundError, ValidationError } from "../errors.js";
import { moderateComments, rejectAllByCommenter } from "../comments/bulk.js";
import { ModerationMode } from "./article.js";
import { Comment } from "./comment.js";
import { CommentPayload } from "./comment-mutations.js";
import { parseId } from "../ids.js";

export const ModerationDecision = builder.enumType("ModerationDecision", {
  values: {
    APPROVE: { description: "Publish a pending comment." },
    REJECT: { description: "Hide it: off-topic, abusive, against the rules." },
    MARK_SPAM: { description: "Hide it as spam." },
    RESTORE: { description: "Publish again a rejected or spam comment. A comment its author deleted stays deleted: no decision applies to it." },
    REJECT_EDIT: { description: "Discard a pending edit and keep the approved text. (APPROVE publishes the edit.)" },
  } as const,
});

const ModerateCommentInput = builder.inputType("ModerateCommentInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    decision: t.field({ type: ModerationDecision, required: true }),
    note: t.string({ description: "Why, for the moderation log.", text: { kind: "multiline", maxLength: 2000 } }),
  }),
});

const ModerateCommentsInput = builder.inputType("ModerateCommentsInput", {
  fields: (t) => ({
    ids: t.idList({ required: true, description: "Up to 100 comments; a missing one changes nothing and is named in the error." }),
    decision: t.field({ type: ModerationDecision, required: true }),
    note: t.string({ description: "Why, for each comment's moderation log.", text: { kind: "multiline", maxLength: 2000 } }),
  }),
});

const RejectAllByCommenterInput = builder.inputType("RejectAllByCommenterInput", {
  fields: (t) => ({
    commenter: t.string({ required: true, description: "A guest's email address or a signed-in commenter's subject." }),
    note: t.string({ description: "Why, for each comment's moderation log.", text: { kind: "multiline", maxLength: 2000 } }),
  }),
});

const CommentsPayload = builder.objectRef<{ comments: CommentRow[] }>("CommentsPayload").implement({
  fields: (t) => ({
    comments: t.prismaField({
      type: [Comment],
      description: "The comments decided, as they stand after.",
      resolve: async (query, payload, _args, ctx) => {
        const ids = payload.comments.map((comment) => comment.id);
        const rows = await ctx.prisma.comment.findMany({ ...query, where: { id: { in: ids } } });
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id)!);
      },
    }),
  }),
});

const CommentSettingsInput = builder.inputType("CommentSettingsInput", {
  fields: (t) => ({
    articleId: t.id({ required: true }),
    open: t.boolean({ description: "Open or close the comment section." }),
    moderation: t.field({ type: ModerationMode }),
    closeAfterDays: t.int({ description: "Days after publication that comments close by themselves (1 to 3,650); null: the site's default. Left out: unchanged." }),
  }),
});

// Sign-in and role failures are GraphQL errors (UNAUTHENTICATED, FORBIDDEN) raised before the resolver.
const moderatorErrors = [ValidationError, NotFoundError, InvalidIdError];

builder.mutationFields((t) => ({
  moderateComment: t.field({
    type: CommentPayload,
    authScopes: { moderator: true },
    errors: { types: moderatorErrors },
    args: { input: t.arg({ type: ModerateCommentInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      comment: await moderateComment(ctx, { id: parseId(String(input.id), "Comment"), decision: input.decision, note: input.note }),
    }),
  }),
  moderateComments: t.field({
    type: CommentsPayload,
    description: "One decision on many comments, in one transaction: each is logged and live as if decided alone; if one cannot be made, none is.",
    authScopes: { moderator: true },
    errors: { types: moderatorErrors },
    args: { input: t.arg({ type: ModerateCommentsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      comments: await moderateComments(ctx, {
        ids: input.ids.map((id) => parseId(String(id), "Comment")),
        decision: input.decision,
        note: input.note,
      }),
    }),
  }),
  rejectAllByCommenter: t.field({
    type: CommentsPayload,
    description: "Rejects every pending or approved comment by one commenter, in one transaction, each logged and live.",
    authScopes: { moderator: true },
    errors: { types: moderatorErrors },
    args: { input: t.arg({ type: RejectAllByCommenterInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({ comments: await rejectAllByCommenter(ctx, { commenter: input.commenter, note: input.note }) }),
  }),
  setCommentSettings: t.field({
    type: ArticlePayload,
    description: "Opens or closes an article's comments, sets when they close by themselves, or switches it between PRE and POST moderation.",
    authScopes: { moderator: true },
    errors: { types: moderatorErrors },
    args: { input: t.arg({ type: CommentSettingsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      id: (await setCommenting(ctx, { articleId: parseId(String(input.articleId), "Article"), open: input.open, moderation: input.moderation, closeAfterDays: input.closeAfterDays })).id,
    }),
  }),
}));
