// A subscriber's queue as an async iterator: the feed pushes into it synchronously and the
// transport pulls. One array and at most one pending promise per subscriber; a comment reaching
// ten thousand readers costs ten thousand pushes, not ten thousand generator or repeater steps.
import { SubscriberTooSlowError } from "../errors.js";

export class PushQueue<T> implements AsyncIterableIterator<T> {
  private items: T[] = [];
  private head = 0;
  private waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | null = null;
  private ended = false;
  private failure: { error: unknown } | null = null;
  private cleanup: (() => void) | null = null;

  /** `limit`: queued items beyond which the reader is too far behind and the stream fails. */
  constructor(private readonly limit: number) {}

  push(item: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ value: item, done: false });
    } else if (this.items.length - this.head >= this.limit) {
      this.fail(new SubscriberTooSlowError());
    } else {
      this.items.push(item);
    }
  }

  /** Ends the stream with an error, after the items already queued. */
  fail(error: unknown): void {
    if (this.ended) return;
    this.failure = { error };
    this.end();
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = null;
      this.failure = null;
      reject(error);
    }
  }

  /** Runs `release` when the stream ends, or at once if it already has. */
  onEnd(release: () => void): void {
    if (this.ended) release();
    else this.cleanup = release;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.head < this.items.length) {
      const value = this.items[this.head++]!;
      if (this.head === this.items.length) {
        this.items = [];
        this.head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.failure) {
      const { error } = this.failure;
      this.failure = null;
      return Promise.reject(error);
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    this.items = [];
    this.head = 0;
    this.end();
    this.waiting?.resolve({ value: undefined, done: true });
    this.waiting = null;
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    const release = this.cleanup;
    this.cleanup = null;
    release?.();
  }
}
