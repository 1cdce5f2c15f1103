// One edit of an article's citations or images, as every article write goes: the viewer may edit
// the article, the version named is current (and moves on), a revision records the list before and
// after, and a public article's readers hear of it through an article event.
import type { Context } from "../context.js";
import { NotFoundError } from "../errors.js";
import type { RevisionKind } from "../generated/prisma/client.js";
import { assertCanEditArticle, OWNERSHIP_SELECT, ownershipOf } from "../articles/permissions.js";
import { recordRevision, takeNextVersion } from "../articles/revisions.js";
import { writeArticles } from "../articles/transaction.js";
import type { Tx } from "../events/record.js";
import { isPublicAt } from "../visibility/articles.js";

/** The article lists these edits change, named as revisions name the field. */
export type ArticleList = "citations" | "images";

/** The article as an edit's work sees it: its id and its stored body blocks. */
export interface EditedArticle {
  id: number;
  body: unknown[];
}

/** What an edit names: the article, the version it edits, the list it changes; a correction's public note. */
export interface ArticleEdit {
  articleId: number;
  version: number;
  list: ArticleList;
  /** Makes the edit of a published article a correction (CORRECTED) with this note; elsewhere it is an edit. */
  correctionNote?: string;
}

/**
 * Runs `work` as one edit of the article in one transaction; gives its result and the article's new
 * version. Throws UNAUTHENTICATED/FORBIDDEN (assertCanEditArticle), NotFoundError, ConflictError on
 * a stale version, and whatever `work` throws (nothing is then written).
 */
export async function editArticleList<T>(ctx: Context, edit: ArticleEdit, work: (tx: Tx, article: EditedArticle) => Promise<T>): Promise<{ result: T; version: number }> {
  const { result } = await writeArticles(ctx, async (tx, log) => {
    const article = await tx.article.findUnique({ where: { id: edit.articleId }, select: { id: true, body: true, publishedAt: true, ...OWNERSHIP_SELECT } });
    if (!article) throw new NotFoundError("Article");
    assertCanEditArticle(ctx.viewer, ownershipOf(article));
    const version = await takeNextVersion(tx, article.id, edit.version);
    const before = await SNAPSHOT[edit.list](tx, article.id);
    const result = await work(tx, { id: article.id, body: Array.isArray(article.body) ? article.body : [] });
    const after = await SNAPSHOT[edit.list](tx, article.id);
    const kind: RevisionKind = edit.correctionNote != null && article.status === "PUBLISHED" ? "CORRECTED" : "EDITED";
    const revisionId = await recordRevision(tx, {
      articleId: article.id,
      version,
      kind,
      actor: ctx.viewer!,
      before: { [edit.list]: before },
      after: { [edit.list]: after },
      note: kind === "CORRECTED" ? edit.correctionNote : null,
      at: ctx.now(),
    });
    if (isPublicAt(article, ctx.now())) log.record({ kind: kind === "CORRECTED" ? "CORRECTED" : "UPDATED", articleId: article.id, revisionId });
    return { result, version };
  });
  return result;
}

/** Each list as a revision keeps it: its rows in order, with the fields an editor changes. */
const SNAPSHOT: Record<ArticleList, (tx: Tx, articleId: number) => Promise<unknown[]>> = {
  citations: (tx, articleId) =>
    tx.citation.findMany({
      where: { articleId },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { id: true, sourceId: true, quote: true, context: true, blockIndex: true, position: true },
    }),
  images: async (tx, articleId) => {
    const rows = await tx.articleImage.findMany({
      where: { articleId },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { id: true, position: true, blockIndex: true, caption: true, media: { select: { id: true, url: true, altText: true, width: true, height: true, creditId: true } } },
    });
    return rows.map(({ media, ...placement }) => ({ ...placement, mediaId: media.id, url: media.url, altText: media.altText, width: media.width, height: media.height, creditId: media.creditId }));
  },
};

/** Notes a problem unless `blockIndex` names a block of `body`; null and undefined pass. */
export function checkBlockIndex(problems: { add(path: string[], message: string): void }, body: unknown[], blockIndex: number | null | undefined, path: string[]): void {
  if (blockIndex == null) return;
  if (!Number.isInteger(blockIndex) || blockIndex < 0 || blockIndex >= body.length) {
    problems.add(path, body.length === 0 ? "The article's body has no blocks." : `Must name a body block, from 0 to ${body.length - 1}.`);
  }
}

/** The indexes of the body blocks of `type` whose `key` is `id` (quote blocks citing a citation, image blocks placing an image). */
export function blocksNaming(body: unknown[], type: "quote" | "image", key: "citationId" | "imageId", id: number): number[] {
  return body.flatMap((block, index) => {
    const fields = block as Record<string, unknown> | null;
    return fields?.type === type && fields[key] === id ? [index] : [];
  });
}
