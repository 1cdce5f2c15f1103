// A Disqus post as the comment it becomes. Spam stays spam (moderators see it, the public does
// not); a deleted post becomes a tombstone, which the public sees only while it holds replies.
// Every author, anonymous or registered, is imported as a guest: the name shows, the email stays
// private. A Disqus username is an account on Disqus, not a subject our sign-in issues; making it
// one would let whoever is later given that subject edit and erase these comments.
import type { CommentStatus } from "../../generated/prisma/client.js";
import type { ImportedComment } from "../comment-threads.js";
import { htmlToText } from "../html-text.js";
import type { DisqusPost } from "./export-items.js";

/** The origin name under which Disqus ids are remembered (ImportedRecord.origin). */
export const DISQUS_ORIGIN = "disqus";

/** What a post's flags make of it: spam wins over deleted, as Disqus lists a deleted spam post as spam. */
export function postStatus(post: Pick<DisqusPost, "isSpam" | "isDeleted">): CommentStatus {
  if (post.isSpam) return "SPAM";
  if (post.isDeleted) return "DELETED";
  return "APPROVED";
}

/** The name a post's author is shown by: their display name, else their username, else "Anonymous". */
export function authorName(post: Pick<DisqusPost, "author">): string {
  return post.author.name || post.author.username || "Anonymous";
}

// Disqus may empty a deleted post's message; the tombstone still needs a body to hold its replies (no reader sees it).
function bodyOf(post: DisqusPost): string {
  const text = htmlToText(post.message);
  return text === "" && postStatus(post) === "DELETED" ? "[deleted]" : text;
}

/** A post as an ImportedComment for `importComments`; `parentExternalId` is the one given (null: top-level). */
export function postComment(post: DisqusPost, parentExternalId: string | null = post.parentDsqId): ImportedComment {
  return {
    externalId: post.dsqId,
    parentExternalId,
    authorName: authorName(post),
    guestEmail: post.author.email,
    userId: null,
    body: bodyOf(post),
    status: postStatus(post),
    createdAt: post.createdAt,
    line: post.line,
  };
}
