// Posting a comment or a reply.
import { randomBytes } from "node:crypto";
import { hasRole, hashEditKey, type Context } from "../context.js";
import { CommentsClosedError, NotFoundError, ValidationError } from "../errors.js";
import type { Comment } from "../generated/prisma/client.js";
import { visibleArticles, visibleComments } from "../schema/visibility.js";
import { cleanBody, cleanGuest } from "./input.js";
import { linkMentions } from "./mentions.js";
import { propagateVisibility } from "./reply-counts.js";
import { writeComments } from "./transaction.js";

export interface PostCommentInput {
  articleId: number;
  parentId: number | null;
  body: string;
  guest: { name?: string | null; email?: string | null } | null | undefined;
}

export interface PostedComment {
  comment: Comment;
  /** Given to guests once: it edits and deletes the comment, and shows it while pending. */
  editKey: string | null;
  position: number;
}

export async function postComment(ctx: Context, input: PostCommentInput): Promise<PostedComment> {
  const body = cleanBody(input.body);
  const author = ctx.viewer ? { name: ctx.viewer.name, email: null } : cleanGuest(input.guest);
  const editKey = ctx.viewer ? null : randomBytes(24).toString("base64url");

  return writeComments(ctx, async (tx, record) => {
    const article = await tx.article.findFirst({
      where: { id: input.articleId, AND: [visibleArticles(ctx)] },
      select: { id: true, commentsOpen: true, moderation: true },
    });
    if (!article) throw new NotFoundError("Article");
    if (!article.commentsOpen) throw new CommentsClosedError();

    let placement = { parentId: null as number | null, rootId: null as number | null, depth: 0 };
    if (input.parentId != null) {
      const parent = await tx.comment.findFirst({
        where: { id: input.parentId, AND: [visibleComments(ctx)] },
        select: { id: true, articleId: true, parentId: true, rootId: true, depth: true, status: true },
      });
      if (!parent || parent.status === "DELETED") throw new NotFoundError("Comment");
      if (parent.articleId !== article.id) throw new ValidationError("The parent comment belongs to another article.", "parentId");
      const atCap = parent.depth >= ctx.config.comments.maxDepth;
      // A reply to a comment at the depth cap joins that comment's own parent, at the cap.
      placement = atCap
        ? { parentId: parent.parentId, rootId: parent.rootId, depth: parent.depth }
        : { parentId: parent.id, rootId: parent.rootId ?? parent.id, depth: parent.depth + 1 };
    }

    const status = article.moderation === "PRE" && !hasRole(ctx.viewer, "MODERATOR") ? "PENDING" : "APPROVED";
    const comment = await tx.comment.create({
      data: {
        articleId: article.id,
        ...placement,
        authorName: author.name,
        guestEmail: author.email,
        userId: ctx.viewer?.id ?? null,
        editKeyHash: editKey ? hashEditKey(editKey) : null,
        body,
        status,
        createdAt: ctx.now(),
      },
    });
    await linkMentions(tx, comment);
    await propagateVisibility(tx, { parentId: comment.parentId, wasVisible: false, isVisible: status === "APPROVED" });
    const event = await record({ kind: "ADDED", comment, toStatus: status });
    return { comment, editKey, position: event.position };
  });
}
