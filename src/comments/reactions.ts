// Readers' reactions to comments: one per kind per reader, added or taken back. Counts and the
// BEST score are kept on the comment row, exact under concurrent writes: each write first takes the
// comment's row (an UPDATE, which PostgreSQL locks until COMMIT and SQLite serializes anyway), then
// adds or removes the reaction and rewrites the counts from the row as it now stands.
import { limitWriteRate } from "../abuse/rate-limits.js";
import { readerKeyOf } from "./reader-key.js";
import type { Context } from "../context.js";
import { NotFoundError, UnauthenticatedError, ValidationError } from "../errors.js";
import type { Tx } from "../events/record.js";
import type { Comment } from "../generated/prisma/client.js";
import { visibleArticles } from "../visibility/articles.js";
import { visibleComments } from "../visibility/comments.js";
import { bestScore } from "./best.js";
import { announceReactions, flushLater } from "./reaction-live.js";
import { writeComments } from "./transaction.js";

/** Reaction counts as kept on the row: kind → count, kinds without reactions absent. */
export type ReactionCounts = Record<string, number>;

/** Who reacts: "user:<subject>" signed in, "guest:<SHA-256 of the browser key>" as a guest, or null when neither may. */
export function reactorKeyOf(ctx: Pick<Context, "viewer" | "readerKeyHash" | "config">): string | null {
  return readerKeyOf(ctx, ctx.config.reactions.guests);
}

/**
 * Adds (`on`) or takes back the asker's reaction of `kind` to a comment they can see. Doing what is
 * already done changes nothing. Gives the comment row and whether anything changed.
 * Throws ValidationError (unknown kind, listing the configured ones), UnauthenticatedError (no
 * sign-in, and no guest key or guests may not react), NotFoundError (not visible, or deleted),
 * RateLimitedError.
 */
export async function setReaction(ctx: Context, input: { commentId: number; kind: string; on: boolean }): Promise<{ comment: Comment; changed: boolean }> {
  const kinds = ctx.config.reactions.kinds;
  if (!kinds.includes(input.kind)) throw new ValidationError(`Unknown reaction kind "${input.kind.slice(0, 40)}"; one of ${kinds.join(", ")}.`, "input.kind");
  const reactorKey = reactorKeyOf(ctx);
  if (!reactorKey) {
    throw new UnauthenticatedError(ctx.config.reactions.guests ? "Sign in, or send a browser key in the x-reader-key header, to react." : "Sign in to react.");
  }
  await limitWriteRate(ctx, "react");
  const visible = await ctx.prisma.comment.findFirst({
    where: { id: input.commentId, status: { not: "DELETED" }, AND: [visibleComments(ctx), { article: visibleArticles(ctx) }] },
    select: { id: true },
  });
  if (!visible) throw new NotFoundError("Comment");
  let owed: { announcedAt: Date } | null = null;
  const { result } = await writeComments(
    ctx,
    async (tx, record) => {
      const now = ctx.now();
      if (!(await lockComment(tx, ctx.config.database, input.commentId))) throw new NotFoundError("Comment");
      const changed = await (input.on ? addReaction : removeReaction)(tx, { commentId: input.commentId, kind: input.kind, reactorKey, at: now });
      if (!changed) return { comment: await tx.comment.findUniqueOrThrow({ where: { id: input.commentId } }), changed };
      const comment = await recount(tx, input.commentId, input.kind, input.on ? 1 : -1);
      const announced = await announceReactions(tx, { comment, now, windowMs: ctx.config.reactions.announceMs });
      if (announced) record({ kind: "REACTIONS_CHANGED", comment: announced, toStatus: announced.status });
      else owed = { announcedAt: comment.reactionsAnnouncedAt ?? now };
      return { comment: announced ?? comment, changed };
    },
    "reaction",
  );
  if (owed) flushLater(ctx, { commentId: input.commentId, ...(owed as { announcedAt: Date }) });
  return result;
}

/**
 * Takes the comment's row until COMMIT, so the reactions and counts below are read and written by
 * one toggle at a time (SQLite runs one write transaction at a time already). False when it is gone.
 */
async function lockComment(tx: Tx, database: "sqlite" | "postgresql", commentId: number): Promise<boolean> {
  if (database === "sqlite") return (await tx.comment.count({ where: { id: commentId } })) > 0;
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT "id" FROM "Comment" WHERE "id" = ${commentId}::int FOR UPDATE`;
  return rows.length > 0;
}

async function addReaction(tx: Tx, reaction: { commentId: number; kind: string; reactorKey: string; at: Date }): Promise<boolean> {
  const { commentId, kind, reactorKey } = reaction;
  const existing = await tx.commentReaction.findUnique({ where: { commentId_kind_reactorKey: { commentId, kind, reactorKey } }, select: { id: true } });
  if (existing) return false;
  await tx.commentReaction.create({ data: { commentId, kind, reactorKey, createdAt: reaction.at } });
  return true;
}

async function removeReaction(tx: Tx, reaction: { commentId: number; kind: string; reactorKey: string }): Promise<boolean> {
  const { count } = await tx.commentReaction.deleteMany({ where: { commentId: reaction.commentId, kind: reaction.kind, reactorKey: reaction.reactorKey } });
  return count > 0;
}

/** Moves one kind's count by `delta` on the (locked) row, with the total and the BEST score. */
async function recount(tx: Tx, commentId: number, kind: string, delta: 1 | -1): Promise<Comment> {
  const row = await tx.comment.findUniqueOrThrow({ where: { id: commentId }, select: { reactionCounts: true, reactionTotal: true, createdAt: true } });
  const counts = { ...((row.reactionCounts ?? {}) as ReactionCounts) };
  counts[kind] = Math.max(0, (counts[kind] ?? 0) + delta);
  if (counts[kind] === 0) delete counts[kind];
  const reactionTotal = Math.max(0, row.reactionTotal + delta);
  return tx.comment.update({
    where: { id: commentId },
    data: { reactionCounts: counts, reactionTotal, bestScore: bestScore({ reactions: reactionTotal, createdAt: row.createdAt }) },
  });
}
