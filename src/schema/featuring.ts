// Editor's picks: moderators feature comments; an article lists the picks its reader can see.
import { builder } from "../builder.js";
import type { Context } from "../context.js";
import { featureComment, unfeatureComment } from "../comments/featuring.js";
import { InvalidIdError, NotFoundError, ValidationError } from "../errors.js";
import { parseId } from "../ids.js";
import { readTotalCount, relatedPage, type PageArgs } from "../pagination/connection.js";
import type { Order } from "../pagination/orders.js";
import { visibleComments } from "../visibility/comments.js";
import { Article } from "./article.js";
import { Comment } from "./comment.js";
import { CommentPayload } from "./comment-mutations.js";

/** Newest pick first. */
const featuredOrder: Order = {
  name: "Comment:FEATURED",
  columns: [
    { field: "featuredAt", type: "DateTime", direction: "desc", nullable: true },
    { field: "id", type: "Int", direction: "desc" },
  ],
};

builder.prismaObjectFields(Comment, (t) => ({
  featured: t.boolean({ description: "Whether moderators made it an editor's pick.", select: { featuredAt: true }, resolve: (comment) => comment.featuredAt !== null }),
  featuredNote: t.exposeString("featuredNote", { nullable: true, description: "Why it was picked, as the newsroom wrote it for readers." }),
}));

builder.prismaObjectField(Article, "featuredComments", (t) =>
  t.connection(
    {
      type: Comment,
      description: "Editor's picks among the comments you can see, replies included, newest pick first.",
      ...relatedPage<typeof Comment.$inferType, PageArgs, Context>((_args, ctx) => ({
        relation: "comments",
        order: featuredOrder,
        where: { AND: [{ featuredAt: { not: null } }, visibleComments(ctx)] },
        typeName: "Comment",
      })),
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: readTotalCount }) }) },
  ),
);

const FeatureCommentInput = builder.inputType("FeatureCommentInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    note: t.string({ description: "Why it was picked: shown to readers.", text: { kind: "multiline", maxLength: 500 } }),
  }),
});

const UnfeatureCommentInput = builder.inputType("UnfeatureCommentInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    note: t.string({ description: "Why, for the moderation log.", text: { kind: "multiline", maxLength: 2000 } }),
  }),
});

const errors = [ValidationError, NotFoundError, InvalidIdError];

builder.mutationFields((t) => ({
  featureComment: t.field({
    type: CommentPayload,
    description: "Makes an approved comment an editor's pick, or changes its note. Logged and live. Moderators only.",
    authScopes: { moderator: true },
    errors: { types: errors },
    args: { input: t.arg({ type: FeatureCommentInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({ comment: await featureComment(ctx, { id: parseId(String(input.id), "Comment"), note: input.note }) }),
  }),
  unfeatureComment: t.field({
    type: CommentPayload,
    description: "Takes a comment out of the editor's picks. Logged and live. Moderators only.",
    authScopes: { moderator: true },
    errors: { types: errors },
    args: { input: t.arg({ type: UnfeatureCommentInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({ comment: await unfeatureComment(ctx, { id: parseId(String(input.id), "Comment"), note: input.note }) }),
  }),
}));
