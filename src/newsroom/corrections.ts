// Correcting a citation: its quote or its source was wrong. On a published article the change is a
// correction, with a public note; and since one misattributed quote is often reused, the answer
// lists every article that cites the same source with the same words, so editors can fix them all.
import type { Context } from "../context.js";
import { visibleArticles } from "../visibility/articles.js";
import { editArticleList } from "./article-edit.js";
import { articleOf, checkCitation, citationData } from "./citations.js";

/** What a correction names: the citation, its new quote and/or source, the public note, the version edited. */
export interface CitationCorrection {
  id: number;
  quote?: string | null;
  sourceId?: number | null;
  note: string;
  version: number;
}

/**
 * Corrects a citation: a CORRECTED revision with the note when the article is published (an EDITED
 * one otherwise). Gives the article's new version and the ids of the articles, visible to the
 * viewer, whose other citations cite the same source with the same quote as this one did.
 */
export async function correctCitation(ctx: Context, input: CitationCorrection) {
  const articleId = await articleOf(ctx, input.id);
  const { result, version } = await editArticleList(ctx, { articleId, version: input.version, list: "citations", correctionNote: input.note }, async (tx, article) => {
    const was = await tx.citation.findUniqueOrThrow({ where: { id: input.id }, select: { sourceId: true, quote: true } });
    await checkCitation(tx, article, { sourceId: input.sourceId });
    const affected = await tx.article.findMany({
      where: { AND: [visibleArticles(ctx), { citations: { some: { sourceId: was.sourceId, quote: was.quote, id: { not: input.id } } } }] },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    await tx.citation.update({ where: { id: input.id }, data: citationData({ quote: input.quote, sourceId: input.sourceId }) });
    return affected.map((row) => row.id);
  });
  return { id: input.id, articleId, version, affectedArticleIds: result };
}
