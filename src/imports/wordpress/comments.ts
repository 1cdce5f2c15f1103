// A post's <wp:comment>s as the shared comment importer takes them: status from comment_approved
// (1 approved, 0 pending, spam, trash as a deleted comment so its replies keep their place), the
// body as plain text, the date in UTC, and a WordPress user as the signed-in subject their author is
// linked to (else the comment stays a guest's). Pingbacks and trackbacks are not comments: skipped.
import type { CommentStatus } from "../../generated/prisma/client.js";
import type { ImportedComment } from "../comment-threads.js";
import { htmlToText } from "../html-text.js";
import type { ImportSummary } from "../summary.js";
import type { SiteClock } from "./dates.js";
import type { WxrComment } from "./wxr.js";

const STATUSES: Record<string, CommentStatus> = { "1": "APPROVED", approve: "APPROVED", "0": "PENDING", hold: "PENDING", spam: "SPAM", trash: "DELETED", "post-trashed": "DELETED" };

/** The comments to import, with the skipped ones counted in `summary` (kind "comment"). `subjects`: WordPress user id -> our subject. */
export function importableComments(comments: readonly WxrComment[], options: { clock: SiteClock; subjects: ReadonlyMap<string, string>; summary: ImportSummary }): ImportedComment[] {
  const kept: ImportedComment[] = [];
  for (const comment of comments) {
    if (comment.type === "pingback" || comment.type === "trackback") {
      options.summary.skip("comment", comment.line, `comment ${comment.id} is a ${comment.type}, not a reader's comment`);
      continue;
    }
    const status = STATUSES[comment.approved];
    if (!status) {
      options.summary.skip("comment", comment.line, `comment ${comment.id} has an unknown approval state "${comment.approved}"`);
      continue;
    }
    const userId = comment.userId && comment.userId !== "0" ? (options.subjects.get(comment.userId) ?? null) : null;
    kept.push({
      externalId: comment.id,
      parentExternalId: comment.parent && comment.parent !== "0" ? comment.parent : null,
      authorName: comment.author,
      // A signed-in commenter is known by subject; an address is a guest's, kept private.
      guestEmail: userId ? null : comment.email || null,
      userId,
      body: htmlToText(comment.content),
      status,
      createdAt: options.clock.instant(comment.date, comment.dateGmt) ?? new Date(Number.NaN),
      line: comment.line,
    });
  }
  return kept;
}
