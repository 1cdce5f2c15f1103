// Reactions to comments: counts per kind and the asker's own on every comment, and the mutations
// that add and take back a reaction (src/comments/reactions.ts).
import { builder } from "../builder.js";
import type { Context } from "../context.js";
import { reactorKeyOf, setReaction, type ReactionCounts } from "../comments/reactions.js";
import type { Comment as CommentRow } from "../generated/prisma/client.js";
import { InvalidIdError, NotFoundError, RateLimitedError, UnauthenticatedError, ValidationError } from "../errors.js";
import { parseId } from "../ids.js";
import { Comment } from "./comment.js";

const ReactionCount = builder.objectRef<{ kind: string; count: number }>("ReactionCount").implement({
  fields: (t) => ({
    kind: t.exposeString("kind", { description: "One of the configured kinds (REACTION_KINDS)." }),
    count: t.exposeInt("count"),
  }),
});

builder.prismaObjectFields(Comment, (t) => ({
  reactions: t.field({
    type: [ReactionCount],
    description: "Reactions by kind: every configured kind, in the configured order, zeros included.",
    select: { reactionCounts: true },
    resolve: (comment, _args, ctx) => {
      const counts = (comment.reactionCounts ?? {}) as ReactionCounts;
      return ctx.config.reactions.kinds.map((kind) => ({ kind, count: counts[kind] ?? 0 }));
    },
  }),
  viewerReactions: t.stringList({
    description: "The kinds the asker reacted with (signed in, or by the x-reader-key header as a guest); empty for anyone else.",
    // One filtered relation read for the whole page, not a query per comment.
    select: (_args, ctx: Context) => {
      const reactorKey = reactorKeyOf(ctx);
      return reactorKey ? { reactions: { where: { reactorKey }, select: { kind: true }, orderBy: { kind: "asc" } } } : {};
    },
    resolve: (comment) => ((comment as { reactions?: { kind: string }[] }).reactions ?? []).map((reaction) => reaction.kind),
  }),
}));

const ReactionInput = builder.inputType("ReactionInput", {
  fields: (t) => ({
    commentId: t.id({ required: true }),
    kind: t.string({ required: true, description: "One of the configured kinds (REACTION_KINDS; RESPECT, INSIGHTFUL, FUNNY by default)." }),
  }),
});

const ReactionPayload = builder.objectRef<{ comment: CommentRow; changed: boolean }>("ReactionPayload").implement({
  fields: (t) => ({
    comment: t.prismaField({ type: Comment, resolve: (query, payload, _args, ctx) => ctx.prisma.comment.findUniqueOrThrow({ ...query, where: { id: payload.comment.id } }) }),
    changed: t.exposeBoolean("changed", { description: "False when the reaction was already there (react) or already gone (unreact)." }),
  }),
});

const reactionErrors = [ValidationError, NotFoundError, UnauthenticatedError, InvalidIdError, RateLimitedError];

builder.mutationFields((t) => ({
  react: t.field({
    type: ReactionPayload,
    description: "Reacts to a comment you can see with one kind, once: reacting again changes nothing. Signed in, or as a guest with a browser key (x-reader-key) when GUEST_REACTIONS allows.",
    errors: { types: reactionErrors },
    args: { input: t.arg({ type: ReactionInput, required: true }) },
    resolve: (_root, { input }, ctx) => setReaction(ctx, { commentId: parseId(String(input.commentId), "Comment"), kind: input.kind, on: true }),
  }),
  unreact: t.field({
    type: ReactionPayload,
    description: "Takes back your reaction of one kind; taking back one you do not have changes nothing.",
    errors: { types: reactionErrors },
    args: { input: t.arg({ type: ReactionInput, required: true }) },
    resolve: (_root, { input }, ctx) => setReaction(ctx, { commentId: parseId(String(input.commentId), "Comment"), kind: input.kind, on: false }),
  }),
}));
