// Global ids: base64url of "Type:id". A malformed id is a typed INVALID_ID error, never a 500.
import { InvalidIdError, ValidationError } from "./errors.js";

export function encodeId(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`).toString("base64url");
}

/** The types that implement Node, so hold global ids (a test holds this list against the schema). */
export const NODE_TYPES: ReadonlySet<string> = new Set(["Article", "Author", "Citation", "Comment", "Image", "ModerationRule", "Source", "Topic"]);

/** The largest id or position a row can hold: Int columns are 32-bit on PostgreSQL, and SQLite is held to the same. */
export const MAX_ROW_ID = 2_147_483_647;

/** A global id's type and database id. Throws InvalidIdError when it is malformed, names no Node type or an id no row can hold. */
export function decodeId(globalId: string): { typename: string; id: string } {
  const decoded = /^[A-Za-z0-9_-]{1,200}={0,2}$/.test(globalId) ? Buffer.from(globalId, "base64url").toString() : "";
  const match = /^([A-Z][A-Za-z]*):([1-9][0-9]{0,15})$/.exec(decoded);
  if (!match || !NODE_TYPES.has(match[1]!) || Number(match[2]) > MAX_ROW_ID) throw new InvalidIdError(globalId);
  return { typename: match[1]!, id: match[2]! };
}

/** Decodes a global id that must name `typename`, to its numeric database id. */
export function parseId(globalId: string, typename: string): number {
  const { typename: actual, id } = decodeId(globalId);
  if (actual !== typename) throw new InvalidIdError(globalId, typename);
  return Number(id);
}

/** The unique `where` of a lookup that takes exactly one of a global id or a slug. */
export function idOrSlug(
  args: { id?: string | number | null; slug?: string | null },
  typename: string,
): { id: number } | { slug: string } {
  if ((args.id == null) === (args.slug == null)) {
    throw new ValidationError("Give exactly one of id or slug.", args.id == null ? "slug" : "id");
  }
  return args.id != null ? { id: parseId(String(args.id), typename) } : { slug: args.slug! };
}
