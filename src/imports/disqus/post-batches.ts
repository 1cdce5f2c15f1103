// Disqus lists posts in one stream for all threads, not grouped by thread, and a reply may come
// before its parent. Posts are held per article and imported a batch at a time (one transaction
// each); a reply whose parent is neither in its batch nor imported yet waits, bounded, until the
// parent has been imported, so it lands under it instead of at the top.
import { COMMENT_KIND, importComments, type ImportedComment } from "../comment-threads.js";
import { findImportedMany } from "../records.js";
import type { ImportSession } from "../session.js";
import type { ImportSummary } from "../summary.js";
import { DISQUS_ORIGIN } from "./posts.js";

/** How much the batches hold: comments per article batch, comments held in all, replies waiting for a parent. */
export interface BatchLimits {
  batchSize: number;
  buffered: number;
  waiting: number;
}

// Holding more comments lets an export that interleaves many threads still import few, full batches.
export const DEFAULT_BATCH_LIMITS: BatchLimits = { batchSize: 500, buffered: 20_000, waiting: 10_000 };

type Entry = { comment: ImportedComment; waited: boolean };

/** Collects an export's comments per article and imports them in batches; call `finish` at the end of the file. */
export class PostBatches {
  private readonly buffers = new Map<number, Entry[]>();
  private buffered = 0;
  /** Replies by the parent they wait for, with their article. */
  private readonly waiting = new Map<string, { articleId: number; comment: ImportedComment }[]>();
  private waitingCount = 0;
  /** A dry run writes no ImportedRecord to find earlier batches by: it remembers their ids instead. */
  private readonly checked: Set<string> | null;

  constructor(private readonly session: ImportSession, private readonly summary: ImportSummary, private readonly limits: BatchLimits = DEFAULT_BATCH_LIMITS) {
    this.checked = session.dryRun ? new Set() : null;
  }

  /** Adds a comment of `articleId`; imports a batch when one is full. */
  async add(articleId: number, comment: ImportedComment, waited = false): Promise<void> {
    const buffer = this.buffers.get(articleId) ?? [];
    buffer.push({ comment, waited });
    this.buffers.set(articleId, buffer);
    this.buffered++;
    if (buffer.length >= this.limits.batchSize) await this.flush(articleId);
    else if (this.buffered >= this.limits.buffered) await this.flush(this.largest());
  }

  /** Imports everything held; replies whose parent never came are imported at the top, with a note. */
  async finish(): Promise<void> {
    await this.drain();
    const left = [...this.waiting.values()].flat();
    this.waiting.clear();
    this.waitingCount = 0;
    for (const { articleId, comment } of left) await this.add(articleId, comment, true);
    await this.drain();
  }

  private async drain(): Promise<void> {
    for (let next = this.buffers.keys().next(); !next.done; next = this.buffers.keys().next()) await this.flush(next.value);
  }

  private largest(): number {
    let largest = -1;
    let size = -1;
    for (const [articleId, buffer] of this.buffers) if (buffer.length > size) [largest, size] = [articleId, buffer.length];
    return largest;
  }

  private async flush(articleId: number): Promise<void> {
    const entries = this.buffers.get(articleId) ?? [];
    this.buffers.delete(articleId);
    this.buffered -= entries.length;
    const waits = await this.parentsToWaitFor(entries);
    const inBatch = new Set(entries.map((entry) => entry.comment.externalId));
    const ready: ImportedComment[] = [];
    for (const { comment } of entries) {
      const parent = waits.get(comment.externalId);
      if (parent !== undefined) this.wait(parent, articleId, comment);
      // A dry run's earlier batches were rolled back: a reply to one is checked at the top, where it notes nothing a run would not.
      else if (comment.parentExternalId && !inBatch.has(comment.parentExternalId) && this.checked?.has(comment.parentExternalId)) ready.push({ ...comment, parentExternalId: null });
      else ready.push(comment);
    }
    if (ready.length > 0) this.summary.add(await importComments(this.session, { origin: DISQUS_ORIGIN, articleId, comments: ready }));
    for (const comment of ready) this.checked?.add(comment.externalId);
    for (const comment of ready) {
      const replies = this.waiting.get(comment.externalId);
      if (!replies) continue;
      this.waiting.delete(comment.externalId);
      this.waitingCount -= replies.length;
      for (const reply of replies) await this.add(reply.articleId, reply.comment);
    }
    await this.overflow();
  }

  /** The comments of a batch that must wait, by their parent's id: its parent is neither in the batch nor imported, or it waits itself. */
  private async parentsToWaitFor(entries: readonly Entry[]): Promise<Map<string, string>> {
    const inBatch = new Set(entries.map((entry) => entry.comment.externalId));
    const outside = entries.flatMap(({ comment, waited }) => (!waited && comment.parentExternalId && !inBatch.has(comment.parentExternalId) ? [comment.parentExternalId] : []));
    const known = outside.length === 0 ? new Map<string, number>() : await findImportedMany(this.session.prisma, DISQUS_ORIGIN, COMMENT_KIND, [...new Set(outside)]);
    const waits = new Map<string, string>();
    for (const { comment, waited } of entries) {
      const parent = comment.parentExternalId;
      if (!waited && parent && !inBatch.has(parent) && !known.has(parent) && !this.checked?.has(parent)) waits.set(comment.externalId, parent);
    }
    // A reply to a waiting comment waits with it, on its parent in the batch.
    for (let grew = true; grew; ) {
      grew = false;
      for (const { comment, waited } of entries) {
        const parent = comment.parentExternalId;
        if (!waited && parent && !waits.has(comment.externalId) && waits.has(parent)) {
          waits.set(comment.externalId, parent);
          grew = true;
        }
      }
    }
    return waits;
  }

  private wait(parent: string, articleId: number, comment: ImportedComment): void {
    const replies = this.waiting.get(parent) ?? [];
    replies.push({ articleId, comment });
    this.waiting.set(parent, replies);
    this.waitingCount++;
  }

  // Too many replies waiting: the longest-waiting are imported at the top rather than held without bound.
  private async overflow(): Promise<void> {
    while (this.waitingCount > this.limits.waiting) {
      const [parent, replies] = this.waiting.entries().next().value!;
      this.waiting.delete(parent);
      this.waitingCount -= replies.length;
      for (const { articleId, comment } of replies) {
        this.summary.note(COMMENT_KIND, comment.line, `comment ${comment.externalId}: its parent ${parent} comes too far after it in the file to wait for; imported as a top-level comment`);
        await this.add(articleId, { ...comment, parentExternalId: null }, true);
      }
    }
  }
}
