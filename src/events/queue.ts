// A subscriber's queue as an async iterator: the feed pushes into it synchronously and the
// transport pulls. One array and at most one pending promise per subscriber; a comment reaching
// ten thousand readers costs ten thousand pushes, not ten thousand generator or repeater steps.
// A transport that can take items as they come diverts the queue: pushes then reach its callback
// directly and nothing is queued or awaited per item.

export class PushQueue<T> implements AsyncIterableIterator<T> {
  private items: T[] = [];
  private head = 0;
  private waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | null = null;
  private ended = false;
  private failure: { error: unknown } | null = null;
  private cleanup: (() => void) | null = null;
  private sink: ((item: T) => void) | null = null;
  private settle: { resolve: () => void; reject: (error: unknown) => void } | null = null;

  /** `limit`: queued items beyond which the reader is too far behind and the stream fails. */
  constructor(private readonly limit: number) {}

  push(item: T): void {
    if (this.ended) return;
    if (this.sink) {
      this.sink(item);
    } else if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ value: item, done: false });
    } else if (this.items.length - this.head >= this.limit) {
      this.fail(new Error("The subscriber fell too far behind."));
    } else {
      this.items.push(item);
    }
  }

  /** Ends the stream with an error, after the items already queued. */
  fail(error: unknown): void {
    if (this.ended) return;
    this.failure = { error };
    this.end();
    if (this.settle) {
      this.failure = null;
      this.settle.reject(error);
    } else if (this.waiting) {
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

  /**
   * Hands every item, those queued first, to `sink` as it is pushed, instead of to `next()`.
   * Resolves when the stream ends (`return()`), rejects when it fails.
   */
  divert(sink: (item: T) => void): Promise<void> {
    const queued = this.items.slice(this.head);
    this.items = [];
    this.head = 0;
    for (const item of queued) sink(item);
    const failure = this.failure;
    this.failure = null;
    if (failure) return Promise.reject(failure.error);
    if (this.ended) return Promise.resolve();
    this.sink = sink;
    return new Promise((resolve, reject) => (this.settle = { resolve, reject }));
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
    this.settle?.resolve();
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
    this.sink = null;
    release?.();
  }
}
