// Editor's picks: moderators feature an approved comment (with a note) and take it back; each is
// logged and live on the comment's thread for whoever can see it.
import type { Viewer } from "../auth.js";
import type { Context } from "../context.js";
import { NotFoundError, ValidationError } from "../errors.js";
import type { Comment } from "../generated/prisma/client.js";
import { logDecision } from "./moderate.js";
import { writeComments } from "./transaction.js";

/** Features a comment, or changes the note of one already featured. Throws NotFoundError, or ValidationError when it is not approved. */
export async function featureComment(ctx: Context, input: { id: number; note?: string | null }): Promise<Comment> {
  const actor = ctx.viewer as Viewer;
  const note = input.note?.trim() || null;
  const { result } = await writeComments(ctx, async (tx, record) => {
    const comment = await tx.comment.findUnique({ where: { id: input.id } });
    if (!comment) throw new NotFoundError("Comment");
    if (comment.status !== "APPROVED") throw new ValidationError("Only an approved comment can be featured.", "id");
    if (comment.featuredAt !== null && comment.featuredNote === note) return comment;
    const featured = await tx.comment.update({
      where: { id: comment.id },
      // A changed note keeps the pick's place: featuredAt stays.
      data: { featuredAt: comment.featuredAt ?? ctx.now(), featuredById: actor.id, featuredNote: note },
    });
    await logDecision(tx, { actor, kind: "FEATURE", comment, toStatus: comment.status, note, at: ctx.now() });
    record({ kind: "FEATURED", comment: featured, fromStatus: featured.status, toStatus: featured.status });
    return featured;
  });
  return result;
}

/** Takes a comment out of the editor's picks; one not featured is returned unchanged. Throws NotFoundError. */
export async function unfeatureComment(ctx: Context, input: { id: number; note?: string | null }): Promise<Comment> {
  const { result } = await writeComments(ctx, async (tx, record) => {
    const comment = await tx.comment.findUnique({ where: { id: input.id } });
    if (!comment) throw new NotFoundError("Comment");
    if (comment.featuredAt === null) return comment;
    const unfeatured = await tx.comment.update({ where: { id: comment.id }, data: { featuredAt: null, featuredById: null, featuredNote: null } });
    await logDecision(tx, { actor: ctx.viewer as Viewer, kind: "UNFEATURE", comment, toStatus: comment.status, note: input.note, at: ctx.now() });
    record({ kind: "UNFEATURED", comment: unfeatured, fromStatus: unfeatured.status, toStatus: unfeatured.status });
    return unfeatured;
  });
  return result;
}
