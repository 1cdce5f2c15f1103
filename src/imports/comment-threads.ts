// One article's imported comments, threaded and written as live comments are: each placed under its
// parent (or beside it at the depth cap, as src/comments/post.ts places live replies), its parent's
// counts moved by src/comments/thread-visibility.ts, and an event recorded for each, so live feeds
// and caches hear an import like any other write. A re-run updates the rows it made before.
import { cleanEmail, MAX_NAME } from "../comments/input.js";
import { isStorableDate } from "../dates.js";
import { updateThread } from "../comments/thread-visibility.js";
import type { CommentStatus } from "../generated/prisma/client.js";
import { publishCommentEvents } from "../events/publish.js";
import { recordCommentEvents, type CommentEventInput, type Tx } from "../events/record.js";
import { cleanText } from "../text.js";
import { HIDES_REPLIES } from "../visibility/comments.js";
import { findImportedMany } from "./records.js";
import { inImportTransaction, type ImportSession } from "./session.js";
import { ImportSummary } from "./summary.js";

/** A comment as read from an export; `body` is plain text (see htmlToText), `line` where it stands in the file. */
export interface ImportedComment {
  externalId: string;
  parentExternalId: string | null;
  authorName: string;
  guestEmail: string | null;
  userId: string | null;
  body: string;
  status: CommentStatus;
  createdAt: Date;
  line: number;
}

/** One article's batch: where it came from and where it goes. */
export interface CommentBatch {
  origin: string;
  articleId: number;
  comments: readonly ImportedComment[];
}

/** The ImportedRecord kind of comments. */
export const COMMENT_KIND = "comment";
/** Longest imported body kept (WordPress' own column limit); longer ones are skipped and reported. */
const MAX_IMPORTED_BODY = 65_535;

type Placed = { id: number; articleId: number; parentId: number | null; rootId: number | null; depth: number; status: CommentStatus; hiddenAncestors: number };
const PLACED_SELECT = { id: true, articleId: true, parentId: true, rootId: true, depth: true, status: true, hiddenAncestors: true } as const;

/**
 * Imports one article's comments in one transaction (rolled back in a dry run), then announces their
 * events. Gives the counts ("comment": created, updated, skipped) and notes with lines.
 */
export async function importComments(session: ImportSession, batch: CommentBatch): Promise<ImportSummary> {
  const { summary, events } = await inImportTransaction(session, async (tx) => {
    const written = await writeImportedComments(tx, session, batch);
    return { summary: written.summary, events: await recordCommentEvents(tx, session.database, written.events) };
  });
  if (!session.dryRun) publishCommentEvents(session.events, events);
  return summary;
}

/**
 * Writes a batch inside the caller's transaction; gives the summary and the events to record as the
 * transaction's last statements (recordCommentEvents) and to publish once it commits.
 */
export async function writeImportedComments(tx: Tx, session: ImportSession, batch: CommentBatch): Promise<{ summary: ImportSummary; events: CommentEventInput[] }> {
  const summary = new ImportSummary();
  const events: CommentEventInput[] = [];
  const byId = new Map<string, ImportedComment>();
  for (const comment of batch.comments) {
    if (byId.has(comment.externalId)) summary.skip(COMMENT_KIND, comment.line, `comment ${comment.externalId} appears twice; the first is kept`);
    else byId.set(comment.externalId, comment);
  }
  const outside = [...byId.values()].flatMap((comment) => (comment.parentExternalId && !byId.has(comment.parentExternalId) ? [comment.parentExternalId] : []));
  const known = await findImportedMany(tx, batch.origin, COMMENT_KIND, [...byId.keys(), ...outside]);
  const placed = new Map<string, Placed | null>();
  const fresh: { externalId: string; localId: number }[] = [];
  const now = new Date();

  // Parents before their replies, whatever the export's order; a cycle is cut where it closes.
  const visiting = new Set<string>();
  const place = async (comment: ImportedComment): Promise<Placed | null> => {
    if (placed.has(comment.externalId)) return placed.get(comment.externalId)!;
    visiting.add(comment.externalId);
    let parent: Placed | null = null;
    const parentId = comment.parentExternalId;
    if (parentId) {
      const inBatch = byId.get(parentId);
      if (inBatch && placed.has(parentId)) parent = placed.get(parentId)!;
      else if (inBatch && !visiting.has(parentId)) parent = await place(inBatch);
      else if (!inBatch && known.has(parentId)) parent = await tx.comment.findUnique({ where: { id: known.get(parentId)! }, select: PLACED_SELECT });
      if (parent && parent.articleId !== batch.articleId) parent = null;
    }
    const result = await writeOne(comment, parentId ? parent : null, parentId !== null && parent === null);
    placed.set(comment.externalId, result);
    visiting.delete(comment.externalId);
    return result;
  };

  const writeOne = async (comment: ImportedComment, parent: Placed | null, orphan: boolean): Promise<Placed | null> => {
    const fields = checkedFields(comment, summary);
    if (!fields) return null;
    const localId = known.get(comment.externalId);
    const existing = localId === undefined ? null : await tx.comment.findUnique({ where: { id: localId }, select: { ...PLACED_SELECT, replyCount: true, body: true, authorName: true, guestEmail: true } });
    if (existing && existing.articleId !== batch.articleId) {
      summary.skip(COMMENT_KIND, comment.line, `comment ${comment.externalId} was imported into another article before`);
      return null;
    }
    if (existing) {
      const data = { ...fields, status: comment.status };
      await tx.comment.update({ where: { id: existing.id }, data });
      if (existing.status !== comment.status) {
        const related = await updateThread(tx, { comment: existing, before: existing, after: { status: comment.status, replyCount: existing.replyCount } });
        events.push({ kind: "STATUS_CHANGED", comment: existing, fromStatus: existing.status, toStatus: comment.status, related });
      } else if (existing.body !== data.body || existing.authorName !== data.authorName || existing.guestEmail !== data.guestEmail) {
        events.push({ kind: "EDITED", comment: existing, fromStatus: existing.status, toStatus: comment.status });
      }
      summary.count(COMMENT_KIND, "updated");
      return { ...existing, status: comment.status };
    }
    if (orphan) summary.note(COMMENT_KIND, comment.line, `the parent of comment ${comment.externalId} (${comment.parentExternalId}) is not in the export; imported as a top-level comment`);
    const row = await tx.comment.create({ data: { articleId: batch.articleId, ...placementUnder(parent, session.config.comments.maxDepth), ...fields, status: comment.status }, select: { ...PLACED_SELECT, replyCount: true } });
    const related = await updateThread(tx, { comment: row, before: null, after: row });
    events.push({ kind: "ADDED", comment: row, toStatus: row.status, related });
    fresh.push({ externalId: comment.externalId, localId: row.id });
    summary.count(COMMENT_KIND, "created");
    return row;
  };

  for (const comment of byId.values()) await place(comment);
  const kept = { origin: batch.origin, kind: COMMENT_KIND };
  if (fresh.length > 0) await tx.importedRecord.deleteMany({ where: { ...kept, externalId: { in: fresh.map((record) => record.externalId) } } });
  for (let start = 0; start < fresh.length; start += 500) {
    await tx.importedRecord.createMany({ data: fresh.slice(start, start + 500).map((record) => ({ ...kept, ...record, importedAt: now, updatedAt: now })) });
  }
  const again = [...byId.keys()].filter((id) => known.has(id) && placed.get(id));
  for (let start = 0; start < again.length; start += 500) {
    await tx.importedRecord.updateMany({ where: { ...kept, externalId: { in: again.slice(start, start + 500) } }, data: { updatedAt: now } });
  }
  return { summary, events };
}

/** Where a reply goes: under its parent, or beside it when the parent is at the depth cap (as live replies go). */
function placementUnder(parent: Placed | null, maxDepth: number) {
  if (!parent) return { parentId: null, rootId: null, depth: 0, hiddenAncestors: 0 };
  if (parent.depth >= maxDepth) return { parentId: parent.parentId, rootId: parent.rootId, depth: parent.depth, hiddenAncestors: parent.hiddenAncestors };
  const hidden = parent.hiddenAncestors + (HIDES_REPLIES.includes(parent.status) ? 1 : 0);
  return { parentId: parent.id, rootId: parent.rootId ?? parent.id, depth: parent.depth + 1, hiddenAncestors: hidden };
}

/** The comment's own columns, cleaned as live comments are; null (and a note) when it cannot be kept. */
function checkedFields(comment: ImportedComment, summary: ImportSummary) {
  const skip = (why: string) => (summary.skip(COMMENT_KIND, comment.line, `comment ${comment.externalId}: ${why}`), null);
  if (!isStorableDate(comment.createdAt)) return skip("its date is missing or not a date");
  let body: string;
  try {
    body = cleanText(comment.body, "body", { kind: "multiline", required: true, maxLength: MAX_IMPORTED_BODY });
  } catch (error) {
    return skip(`its text cannot be kept (${(error as Error).message})`);
  }
  let authorName = "Anonymous";
  try {
    authorName = cleanText(comment.authorName, "authorName", { kind: "name", required: true, maxLength: MAX_NAME });
  } catch {
    summary.note(COMMENT_KIND, comment.line, `comment ${comment.externalId}: the author's name is empty or cannot be kept; shown as "Anonymous"`);
  }
  let guestEmail: string | null = null;
  if (comment.guestEmail) {
    try {
      guestEmail = cleanEmail(comment.guestEmail, "guestEmail");
    } catch {
      summary.note(COMMENT_KIND, comment.line, `comment ${comment.externalId}: the guest's email address is not valid; not kept`);
    }
  }
  return { body, authorName, guestEmail, userId: comment.userId, createdAt: comment.createdAt };
}
