// The BEST order's score, kept on the comment row (`bestScore`) so the order has an index.
//
// A comment's reactions count half for every day it is older than another comment: ordering by
// reactions × 2^(createdAt / 1 day) is ordering by log2(reactions) + createdAt in days. The decay is
// measured from the comment's creation, a fixed moment, so the order between two comments never
// changes with the clock and the score needs no re-scoring: it changes only when a reaction does.
// A comment nobody reacted to scores 0 and comes after every comment someone did (newest first).

/** Days counted from here keep scores small (about 2,000 in 2026), where a double is exact to far below a reaction's weight. */
const EPOCH_MS = Date.UTC(2020, 0, 1);
const HALF_LIFE_MS = 24 * 3600 * 1000;

/**
 * The BEST score of a comment with `reactions` (all kinds) posted at `createdAt`:
 * 0 without reactions, else log2(1 + reactions) + days from 2020-01-01 to `createdAt`.
 */
export function bestScore(input: { reactions: number; createdAt: Date }): number {
  if (input.reactions <= 0) return 0;
  return Math.log2(1 + input.reactions) + Math.max(0, input.createdAt.getTime() - EPOCH_MS) / HALF_LIFE_MS;
}
