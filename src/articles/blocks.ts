// An article body as stored: ordered JSON blocks of five kinds. An html block keeps markup the
// other kinds cannot hold (lists, tables, embeds), as imported from another system.
import { createHash } from "node:crypto";

/** One stored body block. */
export type Block =
  | { type: "paragraph"; text: string }
  | { type: "heading"; text: string; level: number }
  | { type: "quote"; text: string; citationId?: number }
  | { type: "image"; imageId: number }
  | { type: "html"; html: string };

const kinds = new Set(["paragraph", "heading", "quote", "image", "html"]);

/** Keeps the blocks this API knows; unknown kinds written by newer editors are skipped. */
export function parseBody(body: unknown): Block[] {
  return Array.isArray(body) ? body.filter((block): block is Block => kinds.has((block as Block)?.type)) : [];
}

/** The key an html block is kept by in an edit of the body: the SHA-256 of its markup, in hex (64 characters). */
export function htmlBlockKey(html: string): string {
  return createHash("sha256").update(html).digest("hex");
}
