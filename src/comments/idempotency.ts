// Idempotency keys on posting (as Stripe's): a client that lost the answer retries with the same key
// and gets the same comment; the same key with anything else is refused.
import { createHash, randomBytes } from "node:crypto";
import { hashEditKey } from "../auth.js";
import type { Context } from "../context.js";
import type { Db } from "../db.js";
import { IdempotencyKeyReusedError, ValidationError } from "../errors.js";
import type { Tx } from "../events/record.js";
import type { PostCommentInput, PostedComment } from "./posting.js";

/** A key a client could not guess for another poster: a UUID fits. */
const KEY = /^[\x21-\x7e]{16,255}$/;

/** What a post with a key is stored under: the key scoped to its poster, and a hash of what was posted. */
export interface Idempotency {
  key: string;
  requestHash: string;
}

/** The stored key and request hash for a post, or null when it carries no key; refuses a malformed key. */
export function idempotencyOf(ctx: Context, input: PostCommentInput, post: { body: string; author: { name: string; email: string | null } }): Idempotency | null {
  if (input.idempotencyKey == null) return null;
  if (!KEY.test(input.idempotencyKey)) {
    throw new ValidationError("An idempotency key is 16 to 255 visible ASCII characters (a UUID fits).", "idempotencyKey");
  }
  // Unique per poster: two guests (or users) may pick the same key without meeting.
  const poster = ctx.viewer ? `user:${ctx.viewer.id}` : `guest:${post.author.email}`;
  return {
    key: sha256(`${poster}\n${input.idempotencyKey}`),
    requestHash: sha256(JSON.stringify([input.articleId, input.parentId, post.body, ctx.viewer ? null : post.author.name])),
  };
}

/**
 * The answer already given to a post with this key, or null when there was none. A guest's edit
 * key is stored only as a hash, so a replay issues a fresh one (the lost one stops working).
 */
export async function replayPost(db: Db | Tx, idempotency: Idempotency): Promise<PostedComment | null> {
  const comment = await db.comment.findUnique({ where: { idempotencyKey: idempotency.key } });
  if (!comment) return null;
  if (comment.requestHash !== idempotency.requestHash) throw new IdempotencyKeyReusedError();
  const editKey = comment.editKeyHash ? randomBytes(24).toString("base64url") : null;
  if (editKey) await db.comment.update({ where: { id: comment.id }, data: { editKeyHash: hashEditKey(editKey) } });
  // Once the event is pruned, position 0 resumes from the oldest kept: nothing is skipped.
  const added = await db.commentEvent.findFirst({ where: { commentId: comment.id, kind: "ADDED" }, select: { position: true } });
  return { comment, editKey, position: added?.position ?? 0, replayed: true };
}

/** After a failed post: when a concurrent post with the same key committed first (a unique violation), its answer; else the failure. */
export async function replayConflict(ctx: Context, idempotency: Idempotency, error: unknown): Promise<PostedComment> {
  const conflict = typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
  const replay = conflict ? await replayPost(ctx.prisma, idempotency) : null;
  if (!replay) throw error;
  return replay;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
