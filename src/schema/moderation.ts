// Moderation: decisions on comments, an article's comment settings, and the queue.
import type { Prisma } from "../generated/prisma/client.js";
import { builder } from "../builder.js";
import { ArticlePayload } from "./article-mutations.js";
import { moderateComment, setCommenting } from "../comments/moderate.js";
import { InvalidIdError, NotFoundError, ValidationError } from "../errors.js";
import { readTotalCount, rootPage } from "../pagination/connection.js";
import { commentOrders } from "../pagination/orders.js";
import { ModerationMode } from "./article.js";
import { Comment } from "./comment.js";
import { CommentPayload } from "./comment-mutations.js";
import { parseId } from "../ids.js";

const ModerationDecision = builder.enumType("ModerationDecision", {
  values: {
    APPROVE: { description: "Publish a pending comment." },
    REJECT: { description: "Hide it: off-topic, abusive, against the rules." },
    MARK_SPAM: { description: "Hide it as spam." },
    RESTORE: { description: "Publish again a rejected, spam or deleted comment." },
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

builder.queryFields((t) => ({
  moderationQueue: t.connection(
    {
      type: Comment,
      description: "Comments awaiting a decision (pending, or an edit pending review), oldest first. Moderators only.",
      authScopes: { moderator: true },
      args: { articleId: t.arg.id() },
      resolve: (_root, args, ctx, info) =>
        rootPage<NonNullable<typeof Comment.$inferType>>({
          order: commentOrders.OLDEST,
          args,
          where: queueWhere(args.articleId),
          info,
          ctx,
          typeName: "Comment",
          find: (find) => ctx.prisma.comment.findMany(find as Prisma.CommentFindManyArgs),
          count: () => ctx.prisma.comment.count({ where: queueWhere(args.articleId) }),
        }),
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: readTotalCount }) }) },
  ),
}));

function queueWhere(articleId: string | number | null | undefined): Prisma.CommentWhereInput {
  const waiting: Prisma.CommentWhereInput = { OR: [{ status: "PENDING" }, { pendingBody: { not: null } }] };
  return articleId == null ? waiting : { AND: [waiting, { articleId: parseId(String(articleId), "Article") }] };
}
