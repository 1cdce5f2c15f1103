// Admission: at most `concurrency` tasks of one kind run at once; the rest wait their turn in
// arrival order. With `maxWaitMs`, a task that waits longer is refused with OverloadedError (it
// carries when to retry) rather than left to time out deeper down as an unexpected failure.
import { OverloadedError } from "./errors.js";

/** With a wait limit, waiting tasks beyond this are refused at once: memory stays bounded whatever arrives. */
const MAX_WAITING = 1000;

/** Tasks waiting or running on gates with a wait limit: work a client is waiting on (a write), which background work defers to. */
let waitedOn = 0;

/** How many tasks a client is waiting on are queued or running now, across every gate with a wait limit. */
export function waitedOnTasks(): number {
  return waitedOn;
}

export class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: { concurrency: number; maxWaitMs?: number }) {}

  /** Runs `task` once admitted; rejects with OverloadedError if it could not be admitted in time. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    const counted = this.options.maxWaitMs !== undefined;
    if (counted) waitedOn++;
    try {
      await this.enter();
      try {
        return await task();
      } finally {
        this.leave();
      }
    } finally {
      if (counted) waitedOn--;
    }
  }

  private enter(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    const { maxWaitMs } = this.options;
    if (maxWaitMs !== undefined && this.waiting.length >= MAX_WAITING) return Promise.reject(this.refusal());
    const since = performance.now();
    return new Promise((resolve, reject) => {
      const admit = () => {
        clearTimeout(timer);
        // Work that never yields to timers (SQLite answers synchronously) can outlast the wait unseen.
        if (maxWaitMs === undefined || performance.now() - since <= maxWaitMs) return resolve();
        this.leave();
        reject(this.refusal());
      };
      const timer =
        maxWaitMs === undefined
          ? undefined
          : setTimeout(() => {
              this.waiting.splice(this.waiting.indexOf(admit), 1);
              reject(this.refusal());
            }, maxWaitMs);
      this.waiting.push(admit);
    });
  }

  private leave(): void {
    // The slot passes straight to the next in line.
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  private refusal(): OverloadedError {
    return new OverloadedError(Math.max(1, Math.ceil((this.options.maxWaitMs ?? 1000) / 1000)));
  }
}
