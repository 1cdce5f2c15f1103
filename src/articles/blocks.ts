// An article body as stored: ordered JSON blocks of four kinds.

/** One stored body block. */
export type Block =
  | { type: "paragraph"; text: string }
  | { type: "heading"; text: string; level: number }
  | { type: "quote"; text: string; citationId?: number }
  | { type: "image"; imageId: number };

const kinds = new Set(["paragraph", "heading", "quote", "image"]);

/** Keeps the blocks this API knows; unknown kinds written by newer editors are skipped. */
export function parseBody(body: unknown): Block[] {
  return Array.isArray(body) ? body.filter((block): block is Block => kinds.has((block as Block)?.type)) : [];
}
