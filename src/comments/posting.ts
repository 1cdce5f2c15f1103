// What posting a comment takes and gives, shared by the write and its idempotent replay.
import type { Comment } from "../generated/prisma/client.js";

export interface PostCommentInput {
  articleId: number;
  parentId: number | null;
  body: string;
  guest: { name?: string | null; email?: string | null } | null | undefined;
  /** A retry with the same key returns the comment already posted (src/comments/idempotency.ts). */
  idempotencyKey?: string | null;
}

export interface PostedComment {
  comment: Comment;
  /** Given to guests once: it edits and deletes the comment, and shows it while pending. */
  editKey: string | null;
  position: number;
  /** True when this answers a retry of an earlier post with the same idempotency key. */
  replayed: boolean;
}
