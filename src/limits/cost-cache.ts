// Costs already measured, so a document asked for again with the same variables is not walked
// again: the cost is a pure function of the schema, the document, the operation's name and the
// variables. Only accepted costs are kept; a refusal is measured afresh every time.
import type { DocumentNode } from "graphql";

/** How many (document, operation, variables) costs are kept, the least recently used dropped first. */
export const COST_CACHE_SIZE = 1_000;

/** Variables longer than this (as JSON) are measured every time rather than held in memory. */
export const COST_CACHE_MAX_KEY = 2_048;

/** A bounded cache of costs by document, operation name and variables. */
export class CostCache {
  private readonly documentIds = new WeakMap<DocumentNode, number>();
  private nextId = 0;
  private readonly costs = new Map<string, number>();

  constructor(private readonly size = COST_CACHE_SIZE) {}

  /** The key for this operation, or null when its variables are too long to keep. */
  key(document: DocumentNode, operationName: string | null | undefined, variables: unknown): string | null {
    let id = this.documentIds.get(document);
    if (id === undefined) this.documentIds.set(document, (id = this.nextId++));
    const key = `${id}\u0000${operationName ?? ""}\u0000${JSON.stringify(variables ?? {})}`;
    return key.length > COST_CACHE_MAX_KEY ? null : key;
  }

  /** The cost kept under `key`, now the most recently used; undefined when there is none. */
  get(key: string): number | undefined {
    const cost = this.costs.get(key);
    if (cost === undefined) return undefined;
    this.costs.delete(key);
    this.costs.set(key, cost);
    return cost;
  }

  /** Keeps `cost` under `key`, dropping the least recently used past the size. */
  set(key: string, cost: number): void {
    this.costs.delete(key);
    this.costs.set(key, cost);
    if (this.costs.size > this.size) this.costs.delete(this.costs.keys().next().value!);
  }
}
