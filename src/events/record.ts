// Comment events, recorded in the transaction of the change: the durable, positioned log that
// live feeds read and subscribers resume from. ./publish.ts announces them once committed.
import type { Db } from "../db.js";
import type { CommentEventKind, CommentStatus } from "../generated/prisma/client.js";
import type { CommentNotice } from "./bus.js";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** The advisory lock ordering event positions: held from taking a position to COMMIT. */
export const POSITION_LOCK = 7310001;
/**
 * The advisory lock between posts and the changes that move a thread's visibility: posts share it,
 * a moderation or an author's edit or delete holds it alone, so a post never places a reply from a
 * parent's state that a concurrent change is rewriting under it (see src/comments/transaction.ts).
 */
export const THREAD_GATE = 7310002;

/** An event as recorded: its position and what a consumer needs to route it. */
export type RecordedEvent = CommentNotice;

/** A change to record; `related`: other comments whose counts or visibility the change moved. */
export interface CommentEventInput {
  kind: CommentEventKind;
  comment: { id: number; articleId: number; parentId: number | null; rootId: number | null };
  fromStatus?: CommentStatus | null;
  toStatus: CommentStatus;
  related?: number[];
}

/**
 * Writes a transaction's events, as its last statements (nothing may follow them but COMMIT).
 * Positions must commit in the order they are taken, or a subscriber resuming after N could later
 * miss an N-1: SQLite has one writer at a time; on PostgreSQL each insert first takes a
 * transaction-scoped lock that COMMIT releases, so the lock is held for one insert and the commit.
 */
export async function recordCommentEvents(tx: Tx, database: "sqlite" | "postgresql", events: readonly CommentEventInput[]): Promise<RecordedEvent[]> {
  const recorded: RecordedEvent[] = [];
  for (const event of events) recorded.push(recordedAt(database === "postgresql" ? await insertLocked(tx, event) : await insert(tx, event), event));
  return recorded;
}

/** An event written at `position`, as consumers route it. */
export function recordedAt(position: number, event: CommentEventInput): RecordedEvent {
  const { comment } = event;
  return {
    position,
    commentId: comment.id,
    articleId: comment.articleId,
    parentId: comment.parentId,
    threadId: comment.rootId ?? comment.id,
    related: [...new Set(event.related ?? [])],
  };
}

async function insert(tx: Tx, event: CommentEventInput): Promise<number> {
  const row = await tx.commentEvent.create({ data: columns(event), select: { position: true } });
  return row.position;
}

/** One statement: the lock, then the position (the CTE's row is read before `nextval` runs). */
async function insertLocked(tx: Tx, event: CommentEventInput): Promise<number> {
  const data = columns(event);
  const rows = await tx.$queryRaw<{ position: number }[]>`
    WITH "lock" AS (SELECT pg_advisory_xact_lock(${POSITION_LOCK}::bigint))
    INSERT INTO "CommentEvent" ("kind", "commentId", "articleId", "threadId", "fromStatus", "toStatus")
    SELECT ${data.kind}::"CommentEventKind", ${data.commentId}::int, ${data.articleId}::int, ${data.threadId}::int,
      ${data.fromStatus}::"CommentStatus", ${data.toStatus}::"CommentStatus"
    FROM "lock"
    RETURNING "position"`;
  return Number(rows[0]!.position);
}

function columns(event: CommentEventInput) {
  const { comment } = event;
  return {
    kind: event.kind,
    commentId: comment.id,
    articleId: comment.articleId,
    threadId: comment.rootId ?? comment.id,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus,
  };
}

/** Events per statement of a bulk write: well under SQLite's bound on a statement's parameters. */
const BULK_CHUNK = 400;

/**
 * Writes many events (an import's) as the transaction's last statements, one statement per chunk,
 * positioned in the order given; the same guarantees as recordCommentEvents.
 */
export async function recordCommentEventsInBulk(tx: Tx, database: "sqlite" | "postgresql", events: readonly CommentEventInput[]): Promise<RecordedEvent[]> {
  const recorded: RecordedEvent[] = [];
  for (let start = 0; start < events.length; start += BULK_CHUNK) {
    const chunk = events.slice(start, start + BULK_CHUNK);
    const rows = database === "postgresql" ? await insertManyLocked(tx, chunk) : await tx.commentEvent.createManyAndReturn({ data: chunk.map(columns), select: { position: true } });
    // Positions are taken in the order of the rows inserted.
    const positions = rows.map((row) => Number(row.position)).sort((a, b) => a - b);
    chunk.forEach((event, index) => recorded.push(recordedAt(positions[index]!, event)));
  }
  return recorded;
}

async function insertManyLocked(tx: Tx, events: readonly CommentEventInput[]): Promise<{ position: number }[]> {
  const rows = events.map(columns);
  return tx.$queryRaw<{ position: number }[]>`
    WITH "lock" AS (SELECT pg_advisory_xact_lock(${POSITION_LOCK}::bigint))
    INSERT INTO "CommentEvent" ("kind", "commentId", "articleId", "threadId", "fromStatus", "toStatus")
    SELECT e."kind"::"CommentEventKind", e."commentId", e."articleId", e."threadId", e."fromStatus"::"CommentStatus", e."toStatus"::"CommentStatus"
    FROM "lock", unnest(${rows.map((row) => row.kind)}::text[], ${rows.map((row) => row.commentId)}::int[], ${rows.map((row) => row.articleId)}::int[],
      ${rows.map((row) => row.threadId)}::int[], ${rows.map((row) => row.fromStatus)}::text[], ${rows.map((row) => row.toStatus)}::text[])
      WITH ORDINALITY AS e("kind", "commentId", "articleId", "threadId", "fromStatus", "toStatus", "ord")
    ORDER BY e."ord"
    RETURNING "position"`;
}
