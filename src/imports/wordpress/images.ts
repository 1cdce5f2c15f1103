// A post's images as the article's placements: the featured image (_thumbnail_id) first, then each
// image of the body in order, each block naming its placement. A re-run keeps the placements it finds.
import type { Block } from "../../articles/blocks.js";
import type { Tx } from "../../events/record.js";
import { findImported } from "../records.js";
import type { DraftBlock } from "./body.js";
import { ATTACHMENT_KIND, mediaOfImage } from "./media.js";
import { ORIGIN } from "./newsroom.js";

/**
 * Replaces the article's image placements: the featured attachment at position 0 (when it was
 * imported already; else it is named in `waitingThumbnail`), then the body's images. Gives the
 * stored body and what was kept as html, by kind ("a list", "an embed").
 */
export async function placeImages(tx: Tx, articleId: number, post: { thumbnailId: string | null; blocks: DraftBlock[] }): Promise<{ body: Block[]; kept: string[]; waitingThumbnail: string | null }> {
  // A re-run keeps each image's placement (and so its id in the body): an unchanged post is an unchanged article.
  const earlier = new Map((await tx.articleImage.findMany({ where: { articleId }, select: { id: true, mediaId: true } })).map((row) => [row.mediaId, row.id]));
  const place = (mediaId: number, data: { position: number; blockIndex: number | null; caption: string | null }) => {
    const id = earlier.get(mediaId);
    earlier.delete(mediaId);
    return id === undefined
      ? tx.articleImage.create({ data: { articleId, mediaId, ...data }, select: { id: true, blockIndex: true } })
      : tx.articleImage.update({ where: { id }, data, select: { id: true, blockIndex: true } });
  };
  const placements = new Map<number, { id: number; blockIndex: number | null }>();
  let waitingThumbnail: string | null = null;
  if (post.thumbnailId) {
    const mediaId = await findImported(tx, { origin: ORIGIN, kind: ATTACHMENT_KIND, externalId: post.thumbnailId });
    if (mediaId === null) waitingThumbnail = post.thumbnailId;
    else placements.set(mediaId, await place(mediaId, { position: 0, blockIndex: null, caption: null }));
  }
  const body: Block[] = [];
  const kept = new Map<string, number>();
  for (const block of post.blocks) {
    if (block.type === "html") {
      kept.set(block.why, (kept.get(block.why) ?? 0) + 1);
      body.push({ type: "html", html: block.html });
    } else if (block.type === "image") {
      const mediaId = await mediaOfImage(tx, block.image);
      if (mediaId === null) {
        kept.set("an image without an address", (kept.get("an image without an address") ?? 0) + 1);
        continue;
      }
      let placement = placements.get(mediaId);
      if (!placement) {
        placement = await place(mediaId, { position: placements.size + (waitingThumbnail ? 1 : 0), blockIndex: body.length, caption: block.image.caption ?? null });
        placements.set(mediaId, placement);
      } else if (placement.blockIndex === null) {
        // The featured image also shown in the body: one placement, now tied to its block.
        await tx.articleImage.update({ where: { id: placement.id }, data: { blockIndex: body.length, caption: block.image.caption } });
        placement.blockIndex = body.length;
      }
      body.push({ type: "image", imageId: placement.id });
    } else body.push(block);
  }
  if (earlier.size > 0) await tx.articleImage.deleteMany({ where: { id: { in: [...earlier.values()] } } });
  return { body, kept: [...kept].map(([why, count]) => (count === 1 ? why : `${why} (${count})`)), waitingThumbnail };
}

/** Makes an attachment imported after the posts that feature it their featured image (position 0). */
export async function placeWaitingThumbnail(tx: Tx, articleIds: readonly number[], mediaId: number): Promise<void> {
  for (const articleId of articleIds) {
    const placed = await tx.articleImage.findUnique({ where: { articleId_mediaId: { articleId, mediaId } }, select: { id: true } });
    if (placed) await tx.articleImage.update({ where: { id: placed.id }, data: { position: 0 } });
    else await tx.articleImage.create({ data: { articleId, mediaId, position: 0 } });
  }
}
