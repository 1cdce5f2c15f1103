// Posting, editing and deleting comments.
import { builder } from "../builder.js";
import type { Context } from "../context.js";
import { deleteComment, editComment } from "../comments/own.js";
import { postComment } from "../comments/post.js";
import type { PostedComment } from "../comments/posting.js";
import type { Comment as CommentRow } from "../generated/prisma/client.js";
import {
  CommenterBannedError,
  CommenterSuspendedError,
  CommentsClosedError,
  EditWindowExpiredError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  InvalidIdError,
  NotFoundError,
  RateLimitedError,
  ThreadRemovedError,
  ValidationError,
} from "../errors.js";
import { COMMENT_BODY, GUEST_EMAIL, GUEST_NAME } from "../comments/input.js";
import { Comment } from "./comment.js";
import { encodeId, parseId } from "../ids.js";
import { canSeeComment } from "../visibility/comments.js";

const GuestInput = builder.inputType("GuestInput", {
  description: "Who a guest is. The email is stored for moderators and never published.",
  fields: (t) => ({
    name: t.string({ required: true, text: GUEST_NAME }),
    email: t.string({ required: true, text: GUEST_EMAIL, description: "Checked as an address (validator's isEmail); kept as given but for a lowercased domain." }),
  }),
});

const AddCommentInput = builder.inputType("AddCommentInput", {
  fields: (t) => ({
    articleId: t.id({ required: true }),
    parentId: t.id({ description: "The comment replied to; omit for a top-level comment." }),
    body: t.string({ required: true, text: COMMENT_BODY }),
    guest: t.field({ type: GuestInput, description: "Required unless signed in." }),
    idempotencyKey: t.string({
      description:
        "Optional, 16 to 255 visible ASCII characters (a UUID fits), unique per poster: a retry with the same key and the same input returns the comment already posted, with `replayed` true; with other input it is refused (IdempotencyKeyReusedError).",
    }),
  }),
});

const AddCommentPayload = builder.objectRef<PostedComment>("AddCommentPayload").implement({
  fields: (t) => ({
    comment: t.prismaField({ type: Comment, resolve: (query, posted, _args, ctx) => reload(ctx, query, posted.comment.id) }),
    editKey: t.exposeString("editKey", {
      nullable: true,
      description: "Guests only, shown once: keep it to edit or delete the comment and to see it while it awaits moderation.",
    }),
    cursor: t.field({ type: "Cursor", description: "Resume live feeds from here.", resolve: (posted) => posted.position }),
    replayed: t.exposeBoolean("replayed", {
      description: "True when this answers a retry with an idempotency key already used: the comment was posted before. A guest gets a new edit key; the earlier one stops working.",
    }),
  }),
});

const EditCommentInput = builder.inputType("EditCommentInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    body: t.string({ required: true, text: COMMENT_BODY }),
    editKey: t.string({ description: "A guest's edit key, here or in the x-comment-edit-keys header; signed-in authors need none." }),
  }),
});

const DeleteCommentInput = builder.inputType("DeleteCommentInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    editKey: t.string({ description: "A guest's edit key, here or in the x-comment-edit-keys header; signed-in authors need none." }),
  }),
});

const CommentPayload = builder.objectRef<{ comment: CommentRow }>("CommentPayload").implement({
  fields: (t) => ({ comment: t.prismaField({ type: Comment, resolve: (query, payload, _args, ctx) => reload(ctx, query, payload.comment.id) }) }),
});

const DeleteCommentPayload = builder.objectRef<{ comment: CommentRow }>("DeleteCommentPayload").implement({
  fields: (t) => ({
    deletedCommentId: t.id({ resolve: (payload) => encodeId("Comment", payload.comment.id) }),
    comment: t.prismaField({
      type: Comment,
      nullable: true,
      description: "The tombstone left in the thread, when the comment has replies.",
      resolve: (query, payload, _args, ctx) => (canSeeComment(ctx, payload.comment) ? reload(ctx, query, payload.comment.id) : null),
    }),
  }),
});

/** A payload's comment, loaded with the selection the client asked for (the writer may see it even while pending). */
const reload = (ctx: Context, query: object, id: number) => ctx.prisma.comment.findUniqueOrThrow({ ...query, where: { id } });

const authorErrors = [ValidationError, NotFoundError, ForbiddenError, InvalidIdError, RateLimitedError];
const commenterErrors = [CommenterBannedError, CommenterSuspendedError];

builder.mutationFields((t) => ({
  addComment: t.field({
    type: AddCommentPayload,
    description: "Posts a comment or a reply, as a guest or as the signed-in reader.",
    errors: { types: [ValidationError, NotFoundError, CommentsClosedError, ThreadRemovedError, InvalidIdError, IdempotencyKeyReusedError, RateLimitedError, ...commenterErrors] },
    args: { input: t.arg({ type: AddCommentInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      postComment(ctx, {
        articleId: parseId(String(input.articleId), "Article"),
        parentId: input.parentId == null ? null : parseId(String(input.parentId), "Comment"),
        body: input.body,
        guest: input.guest,
        idempotencyKey: input.idempotencyKey,
      }),
  }),
  editComment: t.field({
    type: CommentPayload,
    description: "Changes a comment's body, within the edit window after posting. Earlier versions are kept.",
    errors: { types: [...authorErrors, EditWindowExpiredError, ...commenterErrors] },
    args: { input: t.arg({ type: EditCommentInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      comment: await editComment(ctx, { id: parseId(String(input.id), "Comment"), body: input.body, editKey: input.editKey }),
    }),
  }),
  deleteComment: t.field({
    type: DeleteCommentPayload,
    description: "Deletes a comment at any time; one with replies stays as a tombstone.",
    errors: { types: authorErrors },
    args: { input: t.arg({ type: DeleteCommentInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      comment: await deleteComment(ctx, { id: parseId(String(input.id), "Comment"), editKey: input.editKey }),
    }),
  }),
}));

export { CommentPayload };
