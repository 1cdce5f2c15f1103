// Citations on an article: a source quoted or cited, with where it was said and the body block it
// belongs to. Each change is an article edit (./article-edit.ts).
import type { Context } from "../context.js";
import { NotFoundError, ValidationError } from "../errors.js";
import type { Tx } from "../events/record.js";
import { blocksNaming, checkBlockIndex, editArticleList, type EditedArticle } from "./article-edit.js";
import { Problems } from "./inputs.js";

/** A citation's writable fields: undefined leaves a field as it is, null clears it. */
export interface CitationFields {
  sourceId?: number | null;
  quote?: string | null;
  context?: string | null;
  blockIndex?: number | null;
  position?: number | null;
}

/** Adds a citation (at the end unless `position` is given); gives its id and the article's new version. */
export async function addCitation(ctx: Context, input: CitationFields & { articleId: number; version: number; sourceId: number }) {
  const { result, version } = await editArticleList(ctx, { articleId: input.articleId, version: input.version, list: "citations" }, async (tx, article) => {
    await checkCitation(tx, article, input);
    const position = input.position ?? (await tx.citation.count({ where: { articleId: article.id } }));
    return tx.citation.create({
      data: { articleId: article.id, sourceId: input.sourceId, quote: input.quote ?? null, context: input.context ?? null, blockIndex: input.blockIndex ?? null, position },
      select: { id: true },
    });
  });
  return { id: result.id, articleId: input.articleId, version };
}

/** Changes a citation's fields; gives its id and the article's new version. Throws NotFoundError, ValidationError, ConflictError. */
export async function updateCitation(ctx: Context, input: CitationFields & { id: number; version: number }) {
  const articleId = await articleOf(ctx, input.id);
  const { version } = await editArticleList(ctx, { articleId, version: input.version, list: "citations" }, async (tx, article) => {
    await checkCitation(tx, article, input);
    const moved = await tx.citation.updateMany({ where: { id: input.id, articleId: article.id }, data: citationData(input) });
    if (moved.count === 0) throw new NotFoundError("Citation");
  });
  return { id: input.id, articleId, version };
}

/** Removes a citation no quote block names; gives the article's new version. */
export async function removeCitation(ctx: Context, input: { id: number; version: number }) {
  const articleId = await articleOf(ctx, input.id);
  const { version } = await editArticleList(ctx, { articleId, version: input.version, list: "citations" }, async (tx, article) => {
    const quoting = blocksNaming(article.body, "quote", "citationId", input.id);
    if (quoting.length > 0) throw ValidationError.of(quoting.map((index) => ({ path: ["id"], message: `Quote block ${index} cites this citation: change the body first.` })));
    if ((await tx.citation.deleteMany({ where: { id: input.id, articleId: article.id } })).count === 0) throw new NotFoundError("Citation");
  });
  return { articleId, version };
}

/** Puts the article's citations in the order given (every one of them, each once); gives the new version. */
export async function reorderCitations(ctx: Context, input: { articleId: number; version: number; ids: number[] }) {
  const { version } = await editArticleList(ctx, { articleId: input.articleId, version: input.version, list: "citations" }, async (tx, article) => {
    const current = await tx.citation.findMany({ where: { articleId: article.id }, select: { id: true } });
    const given = new Set(input.ids);
    if (given.size !== input.ids.length || given.size !== current.length || current.some((row) => !given.has(row.id))) {
      throw ValidationError.of([{ path: ["ids"], message: "Must list each of the article's citations exactly once." }]);
    }
    for (const [position, id] of input.ids.entries()) await tx.citation.update({ where: { id }, data: { position } });
  });
  return { articleId: input.articleId, version };
}

/** The columns an update writes: the fields given, a null source or position left alone (checkCitation refuses a null source). */
export function citationData(input: CitationFields) {
  return {
    ...(input.sourceId != null && { sourceId: input.sourceId }),
    ...(input.quote !== undefined && { quote: input.quote }),
    ...(input.context !== undefined && { context: input.context }),
    ...(input.blockIndex !== undefined && { blockIndex: input.blockIndex }),
    ...(input.position != null && { position: input.position }),
  };
}

/** The article a citation belongs to; throws NotFoundError. */
export async function articleOf(ctx: Context, citationId: number): Promise<number> {
  const row = await ctx.prisma.citation.findUnique({ where: { id: citationId }, select: { articleId: true } });
  if (!row) throw new NotFoundError("Citation");
  return row.articleId;
}

/** Checks every field at once: the source exists, the block exists, the position is not negative, a source is not cleared. */
export async function checkCitation(tx: Tx, article: EditedArticle, input: CitationFields): Promise<void> {
  const problems = new Problems();
  if (input.sourceId === null) problems.add(["sourceId"], "A citation needs a source.");
  else if (input.sourceId !== undefined && !(await tx.source.findUnique({ where: { id: input.sourceId }, select: { id: true } }))) problems.add(["sourceId"], "No such source.");
  checkBlockIndex(problems, article.body, input.blockIndex, ["blockIndex"]);
  if (input.position != null && (!Number.isInteger(input.position) || input.position < 0 || input.position > 10_000)) problems.add(["position"], "Must be a whole number from 0 to 10,000.");
  problems.throwIfAny();
}
