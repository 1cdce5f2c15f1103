// Images placed in an article: the image (URL, alt text, size, credit) and its place (caption,
// block, position). Each change is an article edit (./article-edit.ts). An image is made for its
// placement, so changing it changes only this article's image.
import type { Context } from "../context.js";
import { NotFoundError, ValidationError } from "../errors.js";
import type { Tx } from "../events/record.js";
import { blocksNaming, checkBlockIndex, editArticleList, type EditedArticle } from "./article-edit.js";
import { checkHttpUrl, checkPositive, Problems } from "./inputs.js";

/** An image placement's writable fields: undefined leaves a field as it is, null clears it. */
export interface ImageFields {
  url?: string | null;
  altText?: string | null;
  caption?: string | null;
  creditId?: number | null;
  width?: number | null;
  height?: number | null;
  blockIndex?: number | null;
  position?: number | null;
}

/** Places a new image in the article (at the end unless `position` is given); gives the image's id and the new version. */
export async function addImage(ctx: Context, input: ImageFields & { articleId: number; version: number; url: string; altText: string }) {
  const { result, version } = await editArticleList(ctx, { articleId: input.articleId, version: input.version, list: "images" }, async (tx, article) => {
    await checkImage(tx, article, input);
    const position = input.position ?? (await tx.articleImage.count({ where: { articleId: article.id } }));
    const media = await tx.media.create({
      data: { url: input.url, altText: input.altText, caption: input.caption ?? null, creditId: input.creditId ?? null, width: input.width ?? null, height: input.height ?? null, createdAt: ctx.now() },
      select: { id: true },
    });
    await tx.articleImage.create({ data: { articleId: article.id, mediaId: media.id, position, blockIndex: input.blockIndex ?? null, caption: input.caption ?? null } });
    return media;
  });
  return { imageId: result.id, articleId: input.articleId, version };
}

/** Changes an image placed in the article; gives the new version. Throws NotFoundError, ValidationError, ConflictError. */
export async function updateImage(ctx: Context, input: ImageFields & { articleId: number; imageId: number; version: number }) {
  const { version } = await editArticleList(ctx, { articleId: input.articleId, version: input.version, list: "images" }, async (tx, article) => {
    await placementOf(tx, article.id, input.imageId);
    await checkImage(tx, article, input);
    await tx.media.update({
      where: { id: input.imageId },
      data: {
        ...(input.url != null && { url: input.url }),
        ...(input.altText != null && { altText: input.altText }),
        ...(input.caption !== undefined && { caption: input.caption }),
        ...(input.creditId !== undefined && { creditId: input.creditId }),
        ...(input.width !== undefined && { width: input.width }),
        ...(input.height !== undefined && { height: input.height }),
      },
    });
    await tx.articleImage.update({
      where: { articleId_mediaId: { articleId: article.id, mediaId: input.imageId } },
      data: {
        ...(input.caption !== undefined && { caption: input.caption }),
        ...(input.blockIndex !== undefined && { blockIndex: input.blockIndex }),
        ...(input.position != null && { position: input.position }),
      },
    });
  });
  return { imageId: input.imageId, articleId: input.articleId, version };
}

/** Takes an image out of the article when no image block shows it (the image goes when no article holds it); gives the new version. */
export async function removeImage(ctx: Context, input: { articleId: number; imageId: number; version: number }) {
  const { version } = await editArticleList(ctx, { articleId: input.articleId, version: input.version, list: "images" }, async (tx, article) => {
    const placement = await placementOf(tx, article.id, input.imageId);
    const showing = blocksNaming(article.body, "image", "imageId", placement.id);
    if (showing.length > 0) throw ValidationError.of(showing.map((index) => ({ path: ["imageId"], message: `Image block ${index} shows this image: change the body first.` })));
    await tx.articleImage.delete({ where: { id: placement.id } });
    if ((await tx.articleImage.count({ where: { mediaId: input.imageId } })) === 0) await tx.media.delete({ where: { id: input.imageId } });
  });
  return { articleId: input.articleId, version };
}

async function placementOf(tx: Tx, articleId: number, imageId: number): Promise<{ id: number }> {
  const placement = await tx.articleImage.findUnique({ where: { articleId_mediaId: { articleId, mediaId: imageId } }, select: { id: true } });
  if (!placement) throw new NotFoundError("Image");
  return placement;
}

/** Checks every field at once: URL, alt text kept, sizes, the credited source, the block, the position. */
async function checkImage(tx: Tx, article: EditedArticle, input: ImageFields): Promise<void> {
  const problems = new Problems();
  if (input.url === null) problems.add(["url"], "An image needs a URL.");
  checkHttpUrl(problems, input.url, ["url"]);
  if (input.altText === null || input.altText === "") problems.add(["altText"], "Describe the image for readers who cannot see it.");
  checkPositive(problems, input.width, ["width"]);
  checkPositive(problems, input.height, ["height"]);
  if (input.creditId != null && !(await tx.source.findUnique({ where: { id: input.creditId }, select: { id: true } }))) problems.add(["creditId"], "No such source.");
  checkBlockIndex(problems, article.body, input.blockIndex, ["blockIndex"]);
  if (input.position != null && (!Number.isInteger(input.position) || input.position < 0 || input.position > 10_000)) problems.add(["position"], "Must be a whole number from 0 to 10,000.");
  problems.throwIfAny();
}
