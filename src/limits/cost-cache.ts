// Costs already measured, so a document asked for again with the same variables is not walked
// again: the cost is a pure function of the schema, the document, the operation's name and the
// variables. Only accepted costs are kept; a refusal is measured afresh every time.
import type { DocumentNode } from "graphql";
import { documentId } from "../document-ids.js";
import { LruMap } from "../lru.js";

/** How many (document, operation, variables) costs are kept, the least recently used dropped first. */
export const COST_CACHE_SIZE = 1_000;

/** Variables longer than this (as JSON) are measured every time rather than held in memory. */
export const COST_CACHE_MAX_KEY = 2_048;

/** A bounded cache of costs by document, operation name and variables. */
export class CostCache extends LruMap<string, number> {
  constructor(size = COST_CACHE_SIZE) {
    super(size);
  }

  /** The key for this operation, or null when its variables are too long to keep. */
  key(document: DocumentNode, operationName: string | null | undefined, variables: unknown): string | null {
    const key = `${documentId(document)}\u0000${operationName ?? ""}\u0000${JSON.stringify(variables ?? {})}`;
    return key.length > COST_CACHE_MAX_KEY ? null : key;
  }
}
