// Where a new comment goes in its thread: the one rule live posting and imports share.
import type { CommentStatus } from "../generated/prisma/client.js";
import { HIDES_REPLIES } from "../visibility/comments.js";

/** A comment's place in its thread: parent, thread root, depth, and how many ancestors hide it. */
export type Placement = { parentId: number | null; rootId: number | null; depth: number; hiddenAncestors: number };

/** A top-level comment's place. */
export const TOP_LEVEL: Placement = { parentId: null, rootId: null, depth: 0, hiddenAncestors: 0 };

/**
 * A reply's place under `parent`: beneath it, or beside it at the depth cap (`maxDepth`, from
 * COMMENT_MAX_DEPTH), counting the parent among the ancestors that hide it when its status does.
 */
export function placementUnder(parent: { id: number; parentId: number | null; rootId: number | null; depth: number; status: CommentStatus; hiddenAncestors: number } | null | undefined, maxDepth: number): Placement {
  if (!parent) return TOP_LEVEL;
  if (parent.depth >= maxDepth) return { parentId: parent.parentId, rootId: parent.rootId, depth: parent.depth, hiddenAncestors: parent.hiddenAncestors };
  const hidden = parent.hiddenAncestors + (HIDES_REPLIES.includes(parent.status) ? 1 : 0);
  return { parentId: parent.id, rootId: parent.rootId ?? parent.id, depth: parent.depth + 1, hiddenAncestors: hidden };
}
