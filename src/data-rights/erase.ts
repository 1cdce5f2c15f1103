// Erasure (GDPR Article 17): a commenter's personal data leaves every comment they wrote, in one
// comment write, so live readers and every response cache hear each changed comment at once.
// Their name becomes "Deleted user"; their email, subject, edit key, idempotency hashes, edit
// history and any edit waiting for review go. Bodies are kept under that name (KEEP) or removed
// (TOMBSTONE): an approved or pending comment becomes a tombstone as an author's own delete makes
// one, so replies keep their place and counts move by the same rule. Their reactions and reports
// stay, so every count stays exact, but are unlinked: filed under "erased:<row id>" instead of
// their key, a report's text removed. Standings that name them stay (a ban outlives an erasure).
import type { Context } from "../context.js";
import type { CommentEventInput, Tx } from "../events/record.js";
import type { CommentStatus } from "../generated/prisma/client.js";
import { updateThread } from "../comments/thread-visibility.js";
import { writeComments } from "../comments/transaction.js";
import { commentsOf, counted, DELETED_USER, logRequest, readerKeyOfSubject, type DataSubject } from "./commenter.js";

export type ErasedBodies = "KEEP" | "TOMBSTONE";

/** What an erasure changed: comments erased, those made tombstones, edits removed, reactions and reports unlinked. */
export interface ErasureCounts {
  bodies: ErasedBodies;
  comments: number;
  tombstones: number;
  edits: number;
  reactions: number;
  reports: number;
}

/** Ids per statement, well under both databases' bound-parameter limits. */
const BATCH = 500;

/** Statuses an author's delete turns into a tombstone; a rejected or spam comment stays as a moderator left it. */
const DELETABLE: CommentStatus[] = ["APPROVED", "PENDING"];

/**
 * Erases the data subject's personal data (see above), `bodies` defaulting to ERASURE_BODIES, and
 * logs it as ERASE_COMMENTER_DATA with its counts. A commenter with nothing stored erases nothing
 * and is logged all the same; a second erasure finds nothing left.
 */
export async function eraseCommenterData(ctx: Context, input: { who: DataSubject; bodies?: ErasedBodies | null }): Promise<ErasureCounts> {
  const bodies = input.bodies ?? ctx.config.dataRights.erasureBodies;
  const { result } = await writeComments(ctx, async (tx, record) => {
    const rows = await tx.comment.findMany({
      where: await commentsOf(tx, input.who),
      select: { id: true, articleId: true, parentId: true, rootId: true, status: true },
      orderBy: { id: "asc" },
    });
    const ids = rows.map((row) => row.id);
    let edits = 0;
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      edits += (await tx.commentEdit.deleteMany({ where: { commentId: { in: batch } } })).count;
      await tx.comment.updateMany({ where: { id: { in: batch } }, data: erasedColumns(ctx.now()) });
      // A removed body takes the links its @names made.
      if (bodies === "TOMBSTONE") await tx.mention.deleteMany({ where: { commentId: { in: batch } } });
    }
    let tombstones = 0;
    for (const row of rows) {
      if (bodies === "KEEP") {
        record({ kind: "EDITED", comment: row, fromStatus: row.status, toStatus: row.status });
      } else if (await tombstone(tx, record, row.id)) tombstones++;
    }
    const unlinked = await unlinkReaderKey(tx, readerKeyOfSubject(input.who));
    const note = [
      `${counted(rows.length, "comment")} erased (${bodies === "KEEP" ? "bodies kept" : `bodies removed, ${tombstones} made tombstones`})`,
      `${counted(edits, "edit")} removed`,
      `${counted(unlinked.reactions, "reaction")} and ${counted(unlinked.reports, "report")} unlinked`,
    ].join(", ");
    await logRequest(tx, ctx, { kind: "ERASE_COMMENTER_DATA", who: input.who, note });
    return { bodies, comments: rows.length, tombstones, edits, ...unlinked };
  });
  return result;
}

/** The columns that hold who wrote a comment, emptied. */
const erasedColumns = (at: Date) => ({
  authorName: DELETED_USER,
  guestEmail: null,
  userId: null,
  editKeyHash: null,
  idempotencyKey: null,
  requestHash: null,
  pendingBody: null,
  pendingEditAt: null,
  erasedAt: at,
});

/** Removes one comment's body; a published or pending one becomes a tombstone with its thread's counts moved. True when it did. */
async function tombstone(tx: Tx, record: (event: CommentEventInput) => void, id: number): Promise<boolean> {
  // Read again: an earlier tombstone in this erasure may have moved this one's counts.
  const comment = await tx.comment.findUniqueOrThrow({ where: { id } });
  if (!DELETABLE.includes(comment.status)) {
    const emptied = await tx.comment.update({ where: { id }, data: { body: "" } });
    record({ kind: "EDITED", comment: emptied, fromStatus: emptied.status, toStatus: emptied.status });
    return false;
  }
  // As an author's delete (src/comments/own.ts): no editor's pick stays on a tombstone.
  const deleted = await tx.comment.update({ where: { id }, data: { body: "", status: "DELETED", featuredAt: null, featuredById: null, featuredNote: null } });
  const related = await updateThread(tx, { comment, before: comment, after: deleted });
  record({ kind: "DELETED", comment: deleted, fromStatus: comment.status, toStatus: "DELETED", related });
  return true;
}

/** Files a signed-in reader's reactions and reports under "erased:<row id>", a report's text removed; gives how many of each. */
async function unlinkReaderKey(tx: Tx, key: string | null): Promise<{ reactions: number; reports: number }> {
  if (!key) return { reactions: 0, reports: 0 };
  const reactions = await tx.$executeRaw`UPDATE "CommentReaction" SET "reactorKey" = 'erased:' || CAST("id" AS TEXT) WHERE "reactorKey" = ${key}`;
  const reports = await tx.$executeRaw`UPDATE "CommentReport" SET "reporterKey" = 'erased:' || CAST("id" AS TEXT), "text" = NULL WHERE "reporterKey" = ${key}`;
  return { reactions, reports };
}
