// The moderators' workspace: which comments each queue holds, narrowed by article, topic,
// commenter, text and links, as Prisma `where`s (the page and its counts read the same ones).
import type { Context } from "../context.js";
import type { Prisma } from "../generated/prisma/client.js";

export const QUEUES = ["PENDING", "REPORTED", "UNMODERATED", "APPROVED", "REJECTED"] as const;

export type Queue = (typeof QUEUES)[number];

/** What a moderator narrows a queue by; every field is optional and they combine with AND. */
export interface QueueFilter {
  articleId?: number | null;
  topicId?: number | null;
  /** A guest's email address or a signed-in commenter's subject. */
  commenter?: string | null;
  /** Words in the body or the commenter's name. */
  search?: string | null;
  hasLinks?: boolean | null;
}

const QUEUE_WHERE: Record<Queue, Prisma.CommentWhereInput> = {
  // Waiting for a decision: a pending comment, or an edit of an approved one waiting for review.
  PENDING: { OR: [{ status: "PENDING" }, { pendingBody: { not: null } }] },
  // A comment its author deleted leaves it: what they reported is gone, and no decision applies to it.
  REPORTED: { reportCount: { gt: 0 }, status: { not: "DELETED" } },
  // Published and never looked at by a moderator (POST moderation's blind spot).
  UNMODERATED: { status: "APPROVED", reviewedAt: null },
  APPROVED: { status: "APPROVED" },
  REJECTED: { status: { in: ["REJECTED", "SPAM"] } },
};

/** The comments in `queue` that pass `filter`, as a Prisma `where`. */
export function queueWhere(ctx: Context, queue: Queue, filter: QueueFilter): Prisma.CommentWhereInput {
  return { AND: [QUEUE_WHERE[queue], ...filterWheres(ctx, filter)] };
}

/** How many comments each queue holds under `filter`: one `count` per queue (the caller's, which may make search literal). */
export async function queueCounts(ctx: Context, filter: QueueFilter, count: (where: Prisma.CommentWhereInput) => Promise<number>): Promise<Record<Queue, number>> {
  const counts = await Promise.all(QUEUES.map((queue) => count(queueWhere(ctx, queue, filter))));
  return Object.fromEntries(QUEUES.map((queue, i) => [queue, counts[i]!])) as Record<Queue, number>;
}

/**
 * A commenter by sign-in subject, or by email as it was stored: its domain in any case, its local
 * part as the guest typed it (any case too on PostgreSQL), so both databases find what a post stored.
 */
export function commenterWhere(ctx: Context, commenter: string): Prisma.CommentWhereInput {
  const value = commenter.trim();
  const at = value.lastIndexOf("@");
  const stored = at < 0 ? value : `${value.slice(0, at)}@${value.slice(at + 1).toLowerCase()}`;
  return { OR: [{ userId: value }, { guestEmail: caseless(ctx, "equals", stored) }] };
}

function filterWheres(ctx: Context, filter: QueueFilter): Prisma.CommentWhereInput[] {
  const wheres: Prisma.CommentWhereInput[] = [];
  if (filter.articleId != null) wheres.push({ articleId: filter.articleId });
  if (filter.topicId != null) wheres.push({ article: { topics: { some: { topicId: filter.topicId } } } });
  if (filter.commenter?.trim()) wheres.push(commenterWhere(ctx, filter.commenter));
  const search = filter.search?.trim();
  if (search) wheres.push({ OR: [{ body: caseless(ctx, "contains", search) }, { authorName: caseless(ctx, "contains", search) }] });
  if (filter.hasLinks != null) {
    // A URL with a scheme or a host starting "www.": the link rule's plain forms (src/moderation-rules/links.ts).
    const links: Prisma.CommentWhereInput = { OR: ["http://", "https://", "www."].map((mark) => ({ body: caseless(ctx, "contains", mark) })) };
    wheres.push(filter.hasLinks ? links : { NOT: links });
  }
  return wheres;
}

/** A case-insensitive string filter: SQLite's LIKE already ignores ASCII case, PostgreSQL needs the mode. */
function caseless(ctx: Context, op: "equals" | "contains", value: string): Prisma.StringFilter {
  return ctx.config.database === "postgresql" ? ({ [op]: value, mode: "insensitive" } as Prisma.StringFilter) : { [op]: value };
}
