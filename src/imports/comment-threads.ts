// One article's imported comments, threaded and written as live comments are: each placed under its
// parent (or beside it at the depth cap, as src/comments/post.ts places live replies), its parent's
// counts moved by src/comments/thread-visibility.ts, and an event recorded for each, so live feeds
// and caches hear an import like any other write. A re-run updates the rows it made before.
import { cleanEmail, MAX_NAME } from "../comments/input.js";
import { isStorableDate } from "../dates.js";
import { placementUnder } from "../comments/placement.js";
import { updateThread } from "../comments/thread-visibility.js";
import { guestEmailCutoff } from "../data-rights/guest-email-retention.js";
import type { CommentStatus } from "../generated/prisma/client.js";
import { publishCommentEvents } from "../events/publish.js";
import { recordCommentEventsInBulk, type CommentEventInput, type Tx } from "../events/record.js";
import { cleanText } from "../text.js";
import { countsAsReply } from "../visibility/comments.js";
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

/** What marks a comment as changed here since its import: a moderator's decision, its author's edit, an erasure. */
const CHANGED_HERE_SELECT = { reviewedAt: true, editedAt: true, erasedAt: true } as const;

/**
 * Whether a re-run must leave the comment alone: what a moderator removed, an author edited or
 * deleted, or an erasure emptied here is never undone by importing the old export again.
 */
const changedHere = (row: { status: string; reviewedAt: Date | null; editedAt: Date | null; erasedAt: Date | null }, imported: string) =>
  (row.status === "DELETED" && imported !== "DELETED") || row.reviewedAt !== null || row.editedAt !== null || row.erasedAt !== null;

/**
 * Imports one article's comments in one transaction (rolled back in a dry run), then announces their
 * events. Gives the counts ("comment": created, updated, skipped) and notes with lines.
 */
export async function importComments(session: ImportSession, batch: CommentBatch): Promise<ImportSummary> {
  const { summary, events } = await inImportTransaction(session, async (tx) => {
    const written = await writeImportedComments(tx, session, batch);
    return { summary: written.summary, events: await recordCommentEventsInBulk(tx, session.database, written.events) };
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
  const fresh: Fresh[] = [];
  const now = new Date();
  const retentionDays = session.config.dataRights.guestEmailRetentionDays;
  const emailCutoff = retentionDays === null ? null : guestEmailCutoff(retentionDays, now);

  // First the comments seen before, updated in place: a status change moves its descendants' counts,
  // which the new replies placed below must read.
  const updated = new Set<string>();
  const refreshed: string[] = [];
  for (const comment of byId.values()) {
    const localId = known.get(comment.externalId);
    if (localId === undefined) continue;
    const fields = checkedFields(comment, summary, emailCutoff);
    if (!fields) {
      updated.add(comment.externalId);
      continue;
    }
    const existing = await tx.comment.findUnique({ where: { id: localId }, select: { ...PLACED_SELECT, ...CHANGED_HERE_SELECT, replyCount: true, body: true, authorName: true, guestEmail: true } });
    // Deleted here since the last run: imported again as new.
    if (!existing) continue;
    updated.add(comment.externalId);
    if (existing.articleId !== batch.articleId) {
      summary.skip(COMMENT_KIND, comment.line, `comment ${comment.externalId} was imported into another article before`);
      continue;
    }
    if (changedHere(existing, comment.status)) {
      summary.skip(COMMENT_KIND, comment.line, `comment ${comment.externalId} was moderated, edited, deleted or erased here since it was imported: kept as it is`);
      continue;
    }
    const data = { ...fields, status: comment.status };
    await tx.comment.update({ where: { id: existing.id }, data });
    if (existing.status !== comment.status) {
      const related = await updateThread(tx, { comment: existing, before: existing, after: { status: comment.status, replyCount: existing.replyCount } });
      events.push({ kind: "STATUS_CHANGED", comment: existing, fromStatus: existing.status, toStatus: comment.status, related });
    } else if (existing.body !== data.body || existing.authorName !== data.authorName || existing.guestEmail !== data.guestEmail) {
      events.push({ kind: "EDITED", comment: existing, fromStatus: existing.status, toStatus: comment.status });
    }
    summary.count(COMMENT_KIND, "updated");
    refreshed.push(comment.externalId);
  }

  // Then the new ones, parents before their replies whatever the export's order; a cycle is cut where it closes.
  const placed = new Map<string, Fresh | null>();
  const visiting = new Set<string>();
  const place = async (comment: ImportedComment): Promise<Fresh | null> => {
    if (placed.has(comment.externalId)) return placed.get(comment.externalId)!;
    visiting.add(comment.externalId);
    let parent: Placed | Fresh | null = null;
    const parentId = comment.parentExternalId;
    if (parentId) {
      const inBatch = byId.get(parentId);
      if (inBatch && !updated.has(parentId)) parent = visiting.has(parentId) ? null : await place(inBatch);
      else if (known.has(parentId)) parent = await tx.comment.findUnique({ where: { id: known.get(parentId)! }, select: PLACED_SELECT });
      if (parent && "articleId" in parent && parent.articleId !== batch.articleId) parent = null;
    }
    const result = addNew(comment, parentId ? parent : null, parentId !== null && parent === null);
    placed.set(comment.externalId, result);
    visiting.delete(comment.externalId);
    return result;
  };

  const addNew = (comment: ImportedComment, parent: Placed | Fresh | null, orphan: boolean): Fresh | null => {
    const fields = checkedFields(comment, summary, emailCutoff);
    if (!fields) return null;
    if (orphan) summary.note(COMMENT_KIND, comment.line, `the parent of comment ${comment.externalId} (${comment.parentExternalId}) is not in the export; imported as a top-level comment`);
    const node: Fresh = { externalId: comment.externalId, parent, level: parent && "level" in parent ? parent.level + 1 : 0, data: { ...fields, status: comment.status }, row: null, replyCount: 0 };
    fresh.push(node);
    summary.count(COMMENT_KIND, "created");
    return node;
  };

  for (const comment of byId.values()) if (!updated.has(comment.externalId)) await place(comment);
  await insertFresh(tx, batch.articleId, fresh, session.config.comments.maxDepth, events);
  const kept = { origin: batch.origin, kind: COMMENT_KIND };
  const records = fresh.map((node) => ({ ...kept, externalId: node.externalId, localId: node.row!.id, importedAt: now, updatedAt: now }));
  for (let start = 0; start < records.length; start += CHUNK) {
    const chunk = records.slice(start, start + CHUNK);
    // A record whose comment was deleted since the last run is replaced.
    await tx.importedRecord.deleteMany({ where: { ...kept, externalId: { in: chunk.map((record) => record.externalId) } } });
    await tx.importedRecord.createMany({ data: chunk });
  }
  const again = refreshed;
  for (let start = 0; start < again.length; start += CHUNK) {
    await tx.importedRecord.updateMany({ where: { ...kept, externalId: { in: again.slice(start, start + CHUNK) } }, data: { updatedAt: now } });
  }
  return { summary, events };
}

/** Rows per multi-row statement: well under SQLite's bound on a statement's parameters. */
const CHUNK = 400;

/** A new comment waiting for its insert: its parent (new too, or already stored), its level among the new ones, and the row once written. */
interface Fresh {
  externalId: string;
  parent: Placed | Fresh | null;
  level: number;
  data: { body: string; authorName: string; guestEmail: string | null; userId: string | null; createdAt: Date; status: CommentStatus };
  row: (Placed & { replyCount: number }) | null;
  replyCount: number;
}

/**
 * Inserts the new comments a level at a time (a parent's id is known before its replies are
 * placed), sets the reply counts they give each other, moves stored parents' counts as
 * src/comments/thread-visibility.ts does, and queues an ADDED event for each, parents first.
 */
async function insertFresh(tx: Tx, articleId: number, fresh: Fresh[], maxDepth: number, events: CommentEventInput[]): Promise<void> {
  const levels: Fresh[][] = [];
  for (const node of fresh) (levels[node.level] ??= []).push(node);
  for (const level of levels) {
    for (let start = 0; start < level.length; start += CHUNK) {
      const chunk = level.slice(start, start + CHUNK);
      const data = chunk.map((node) => ({ articleId, ...placementUnder(node.parent && "level" in node.parent ? node.parent.row : node.parent, maxDepth), ...node.data }));
      const rows = await tx.comment.createManyAndReturn({ data, select: { ...PLACED_SELECT, replyCount: true } });
      // Ids are taken in the order of the rows inserted.
      rows.sort((a, b) => a.id - b.id).forEach((row, index) => (chunk[index]!.row = row));
    }
  }
  // Counts from the deepest level up: a deleted reply counts for its parent only while it holds visible replies.
  const byRow = new Map(fresh.map((node) => [node.row!.id, node]));
  const storedParents: Fresh[] = [];
  for (const level of [...levels].reverse()) {
    for (const node of level) {
      const row = node.row!;
      if (!countsAsReply({ status: row.status, replyCount: node.replyCount }) || row.parentId === null) continue;
      const parent = byRow.get(row.parentId);
      if (parent) parent.replyCount++;
      else storedParents.push(node);
    }
  }
  const byCount = new Map<number, number[]>();
  for (const node of fresh) if (node.replyCount > 0) byCount.set(node.replyCount, [...(byCount.get(node.replyCount) ?? []), node.row!.id]);
  for (const [replyCount, ids] of byCount) {
    for (let start = 0; start < ids.length; start += CHUNK) await tx.comment.updateMany({ where: { id: { in: ids.slice(start, start + CHUNK) } }, data: { replyCount } });
  }
  const related = new Map<number, number[]>();
  for (const node of storedParents) related.set(node.row!.id, await updateThread(tx, { comment: node.row!, before: null, after: { status: node.row!.status, replyCount: node.replyCount } }));
  for (const level of levels) {
    for (const node of level) {
      const row = node.row!;
      const parent = row.parentId !== null ? byRow.get(row.parentId) : undefined;
      const moved = related.get(row.id) ?? (parent && countsAsReply({ status: row.status, replyCount: node.replyCount }) ? [parent.row!.id] : []);
      events.push({ kind: "ADDED", comment: row, toStatus: row.status, related: moved });
    }
  }
}

/** The comment's own columns, cleaned as live comments are; null (and a note) when it cannot be kept. */
function checkedFields(comment: ImportedComment, summary: ImportSummary, emailCutoff: Date | null) {
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
  // An email older than GUEST_EMAIL_RETENTION_DAYS would only be erased again by the sweep: it is never stored.
  if (comment.guestEmail && (emailCutoff === null || comment.createdAt > emailCutoff)) {
    try {
      guestEmail = cleanEmail(comment.guestEmail, "guestEmail");
    } catch {
      summary.note(COMMENT_KIND, comment.line, `comment ${comment.externalId}: the guest's email address is not valid; not kept`);
    }
  }
  return { body, authorName, guestEmail, userId: comment.userId, createdAt: comment.createdAt };
}
