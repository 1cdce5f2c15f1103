// One timer per instance for work that falls due at a time (a scheduled publication, comments
// closing): a pass does what is due and says when the next is; the timer is armed for then,
// re-armed whenever the listened notices say something changed, and caught up on start. Passes
// never overlap: a wake-up during one asks for one more after it. Claiming each due item once
// across instances is the pass's own business (a claimed row in a transaction).
import { log } from "../log.js";

/** setTimeout's longest delay (about 24.8 days); a later moment re-arms when it fires. */
const MAX_DELAY_MS = 2 ** 31 - 1;
/** After a failed pass (the database away), try again this much later. */
const RETRY_MS = 5000;

export interface DueTimer {
  /** Does what is due now and re-arms; resolves once a pass begun after the call has ended. */
  wake(): Promise<void>;
  /** Stops the timer and the listening; resolves once a running pass ends. */
  stop(): Promise<void>;
}

/**
 * Starts a timer whose `pass` does the due work and gives the milliseconds until the next due
 * moment (null: nothing pending); `listen` subscribes `wake` to the notices that may change that.
 */
export function startDueTimer(options: { name: string; pass: () => Promise<number | null>; listen: (wake: () => void) => (() => void)[] }): DueTimer {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again: Promise<void> | null = null;
  let stopped = false;

  const arm = (delay: number | null) => {
    if (timer) clearTimeout(timer);
    timer = stopped || delay === null ? null : setTimeout(() => void wake(), Math.min(Math.max(0, delay), MAX_DELAY_MS));
    // Pending work never keeps the process alive.
    timer?.unref();
  };

  const run = async () => {
    try {
      arm(await options.pass());
    } catch (error) {
      log.error({ err: error }, `${options.name} pass failed`);
      arm(RETRY_MS);
    }
  };

  const wake = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again ??= running.then(() => {
        again = null;
        return wake();
      });
      return again;
    }
    running = run().finally(() => (running = null));
    return running;
  };

  const stopListening = options.listen(() => void wake());
  void wake();

  return {
    wake,
    async stop() {
      stopped = true;
      for (const stop of stopListening) stop();
      if (timer) clearTimeout(timer);
      await again?.catch(() => {});
      await running?.catch(() => {});
    },
  };
}
