// Attachments as media: the file's address (wp:attachment_url), alt text (the
// `_wp_attachment_image_alt` postmeta, else the title), caption (excerpt:encoded) and credit, a
// source found or created by name. The credit is read from the first of the postmeta keys below,
// else from a "Credit:" or "Photo:" line of the description (content:encoded).
import type { Tx } from "../../events/record.js";
import { htmlToText } from "../html-text.js";
import { findImported, rememberImported } from "../records.js";
import type { BodyImage } from "./body.js";
import { ensureCreditSource, ORIGIN } from "./newsroom.js";
import type { WxrItem } from "./wxr.js";

/** Postmeta keys photo-credit plugins write ("Media Credit" writes _media_credit), read in this order. */
const CREDIT_KEYS = ["_media_credit", "media_credit", "_credit", "credit", "_photo_credit", "photo_credit"];
const CREDIT_LINE = /^(?:photo\s+credit|credit|photo|image|courtesy)\s*:\s*(.+)$/i;

/** The ImportedRecord kind of media made for an image shown by its address alone (external id: the address). */
const IMAGE_URL_KIND = "image-url";

/** The ImportedRecord kind of attachments (external id: the attachment's post id). */
export const ATTACHMENT_KIND = "attachment";

/** An attachment's columns as read; throws ItemError-worthy text when it names no file. */
export function attachmentFields(item: WxrItem): { url: string; altText: string; caption: string | null; credit: string | null } {
  const url = item.attachmentUrl || "";
  if (!url) throw new Error("the attachment has no wp:attachment_url");
  const caption = htmlToText(item.excerpt) || null;
  return { url, altText: (item.meta.get("_wp_attachment_image_alt") ?? "").trim() || item.title, caption, credit: creditOf(item) };
}

function creditOf(item: WxrItem): string | null {
  for (const key of CREDIT_KEYS) {
    const value = item.meta.get(key)?.trim();
    if (value) return value;
  }
  for (const line of htmlToText(item.content).split("\n")) {
    const match = CREDIT_LINE.exec(line.trim());
    if (match) return match[1]!.trim();
  }
  return null;
}

/** Writes an attachment as media (updating the one imported before); gives its id and whether it is new. */
export async function importAttachment(tx: Tx, item: WxrItem): Promise<{ id: number; created: boolean; credit: string | null }> {
  const fields = attachmentFields(item);
  const key = { origin: ORIGIN, kind: ATTACHMENT_KIND, externalId: item.id };
  // A post earlier in the file may have shown this file already: that media becomes the attachment's.
  const known = (await findImported(tx, key)) ?? (await findImported(tx, { origin: ORIGIN, kind: IMAGE_URL_KIND, externalId: fields.url }));
  const data = { url: fields.url, altText: fields.altText, caption: fields.caption, creditId: fields.credit ? await ensureCreditSource(tx, fields.credit) : null };
  const existing = known !== null ? await tx.media.findUnique({ where: { id: known }, select: { id: true } }) : null;
  const media = existing ? await tx.media.update({ where: { id: existing.id }, data, select: { id: true } }) : await tx.media.create({ data, select: { id: true } });
  await rememberImported(tx, key, media.id);
  return { id: media.id, created: !existing, credit: fields.credit };
}

/**
 * The media an image in a body shows: the attachment it names when that was imported, else the
 * media made before for its address, else a new one (remembered by address, so a re-run finds it).
 */
export async function mediaOfImage(tx: Tx, image: BodyImage): Promise<number | null> {
  if (image.attachmentId) {
    const attachment = await findImported(tx, { origin: ORIGIN, kind: ATTACHMENT_KIND, externalId: image.attachmentId });
    if (attachment !== null) return attachment;
  }
  if (!image.url) return null;
  const key = { origin: ORIGIN, kind: IMAGE_URL_KIND, externalId: image.url };
  const known = await findImported(tx, key);
  if (known !== null && (await tx.media.findUnique({ where: { id: known }, select: { id: true } }))) return known;
  const media = await tx.media.create({ data: { url: image.url, altText: image.alt }, select: { id: true } });
  await rememberImported(tx, key, media.id);
  return media.id;
}
