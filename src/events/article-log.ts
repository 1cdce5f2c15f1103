// Article events, recorded in the transaction of the change: the positioned log that live blogs
// and front pages read and resume from. ./publish.ts announces them once committed.
import type { ArticleEventKind } from "../generated/prisma/client.js";
import type { ArticleNotice } from "./bus.js";
import type { Tx } from "./record.js";

/** The advisory lock ordering article event positions: held from taking a position to COMMIT. */
export const ARTICLE_POSITION_LOCK = 7310003;

/** An article change to record; `revisionId`: the revision it publishes, when one does. */
export interface ArticleEventInput {
  kind: ArticleEventKind;
  articleId: number;
  revisionId?: number | null;
}

/**
 * Writes a transaction's article events as its last statements (nothing may follow them but COMMIT),
 * so positions commit in the order they are taken (as recordCommentEvents does for comments).
 */
export async function recordArticleEvents(tx: Tx, database: "sqlite" | "postgresql", events: readonly ArticleEventInput[]): Promise<ArticleNotice[]> {
  const recorded: ArticleNotice[] = [];
  for (const event of events) {
    if (database === "postgresql") await tx.$queryRaw`SELECT pg_advisory_xact_lock(${ARTICLE_POSITION_LOCK}::bigint)::text AS "lock"`;
    const row = await tx.articleEvent.create({
      data: { kind: event.kind, articleId: event.articleId, revisionId: event.revisionId ?? null },
      select: { position: true },
    });
    recorded.push({ position: row.position, articleId: event.articleId, kind: event.kind });
  }
  return recorded;
}
