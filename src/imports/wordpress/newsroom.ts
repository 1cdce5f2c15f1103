// The records posts point at: authors (WordPress users, matched by login), topics (categories and
// tags, matched by slug) and the sources credited for media (matched by name).
import type { Tx } from "../../events/record.js";
import { slugify, SLUG_PATTERN } from "../../slugs.js";
import { findImported, rememberImported } from "../records.js";
import type { WxrAuthor } from "./wxr.js";

/** The origin every WordPress record is remembered under. */
export const ORIGIN = "wordpress";

/**
 * The author for a WordPress user: the one imported for this login before, else the author whose
 * slug is the login's, else a new one. Gives its id and whether it was created.
 */
export async function ensureAuthor(tx: Tx, user: Pick<WxrAuthor, "login" | "displayName">): Promise<{ id: number; userId: string | null; created: boolean }> {
  const key = { origin: ORIGIN, kind: "author", externalId: user.login };
  const known = await findImported(tx, key);
  const name = user.displayName || user.login;
  const slug = slugify(user.login, "author");
  const existing = known !== null ? await tx.author.findUnique({ where: { id: known }, select: { id: true, userId: true } }) : await tx.author.findUnique({ where: { slug }, select: { id: true, userId: true } });
  const author = existing ?? (await tx.author.create({ data: { slug: await freeAuthorSlug(tx, slug), name }, select: { id: true, userId: true } }));
  await rememberImported(tx, key, author.id);
  return { ...author, created: !existing };
}

async function freeAuthorSlug(tx: Tx, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await tx.author.findUnique({ where: { slug }, select: { id: true } }))) return slug;
  }
}

/** The topic with this slug (a WordPress nicename, made a slug if it is not one), created with `name` when missing. */
export async function ensureTopic(tx: Tx, term: { slug: string; name: string }): Promise<{ id: number; created: boolean }> {
  const slug = topicSlug(term);
  const existing = await tx.topic.findUnique({ where: { slug }, select: { id: true } });
  if (existing) return { ...existing, created: false };
  const topic = await tx.topic.create({ data: { slug, name: term.name || slug }, select: { id: true } });
  return { ...topic, created: true };
}

/** A term's slug as ours: the nicename when it is one, else made from it (WordPress percent-encodes non-ASCII). */
export function topicSlug(term: { slug: string; name: string }): string {
  if (SLUG_PATTERN.test(term.slug)) return term.slug;
  return slugify(decodeSafely(term.slug) || term.name, "topic");
}

/** A credited source by name (the first of that name), created as a person when there is none. */
export async function ensureCreditSource(tx: Tx, name: string): Promise<number> {
  const existing = await tx.source.findFirst({ where: { name }, orderBy: { id: "asc" }, select: { id: true } });
  return existing?.id ?? (await tx.source.create({ data: { name, kind: "PERSON" }, select: { id: true } })).id;
}

/** Percent-decoded text, or the text itself when it is not valid percent-encoding. */
export function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
