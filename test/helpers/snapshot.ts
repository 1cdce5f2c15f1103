// Every row of the content and comment tables, as text, but for the comments (and what hangs from
// them) of one article that a test lets change.
import type { Db } from "../../src/db.js";

/** The rows of every table a client could change, sorted, leaving out article `except`'s comments, events and mentions. */
export async function snapshot(prisma: Db, except: number): Promise<Record<string, string[]>> {
  const elsewhere = { articleId: { not: except } };
  const tables: Record<string, Promise<unknown[]>> = {
    article: prisma.article.findMany(),
    author: prisma.author.findMany(),
    byline: prisma.byline.findMany(),
    topic: prisma.topic.findMany(),
    articleTopic: prisma.articleTopic.findMany(),
    source: prisma.source.findMany(),
    citation: prisma.citation.findMany(),
    media: prisma.media.findMany(),
    articleImage: prisma.articleImage.findMany(),
    comment: prisma.comment.findMany({ where: elsewhere }),
    commentEdit: prisma.commentEdit.findMany(),
    mention: prisma.mention.findMany({ where: { comment: elsewhere } }),
    moderationAction: prisma.moderationAction.findMany(),
    commentEvent: prisma.commentEvent.findMany({ where: elsewhere }),
  };
  const rows = await Promise.all(Object.values(tables));
  return Object.fromEntries(Object.keys(tables).map((name, i) => [name, rows[i]!.map((row) => JSON.stringify(row, (_key, value) => (typeof value === "bigint" ? String(value) : value))).sort()]));
}
