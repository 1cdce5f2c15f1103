// Live feeds over a positioned event log (comment events, article events). One feed per topic per
// process, shared by every local subscriber: a bus notice makes the feed read the new events from
// the database in position order, so events arrive once, in order, whichever instance wrote them.
import { Gate } from "../admission.js";
import { log } from "../log.js";
import type { EventBus } from "./bus.js";
import { Slicer } from "./slices.js";

/** A durable log whose events carry increasing positions, read by topic. */
export interface PositionedLog<E extends { position: number }, T> {
  /** The map key of a topic's feed ("article:4", "all"). */
  key(topic: T): string;
  /** Events of a topic after `after`, oldest first, at most `take`. */
  read(topic: T, after: number, take: number): Promise<E[]>;
  /** The newest position in the log (0 when empty). */
  latest(): Promise<number>;
  /** The oldest and newest positions retained, null when the log is empty. */
  bounds(): Promise<{ oldest: number | null; newest: number | null }>;
  /** Calls `notice` on each bus notice of the topic; gives how to stop. */
  listen(bus: EventBus, topic: T, notice: () => void): () => void;
}

/** Events read per page, by feeds and replays alike. */
export const PAGE = 500;
/** Hands pages of events to listeners a slice of listeners per turn, shared by every feed of the process. */
const fanOut = new Slicer();

class Feed<E extends { position: number }, T> {
  last = 0;
  readonly listeners = new Set<(event: E) => void>();
  readonly ready: Promise<void>;
  private stopListening: (() => void) | null = null;
  private pulling: Promise<void> | null = null;
  private pullAgain = false;

  constructor(
    private readonly log: PositionedLog<E, T>,
    private readonly bus: EventBus,
    private readonly reads: Gate,
    readonly topic: T,
  ) {
    this.ready = this.start();
  }

  private async start(): Promise<void> {
    // Listen before reading the position: anything announced from then on triggers a read.
    this.stopListening = this.log.listen(this.bus, this.topic, () => this.schedulePull());
    this.last = await this.log.latest();
  }

  /** Coalesces notifications: at most one read runs, and one more follows if any arrived meanwhile. */
  schedulePull(): void {
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    this.pulling = this.pull().finally(() => {
      this.pulling = null;
      if (this.pullAgain) {
        this.pullAgain = false;
        this.schedulePull();
      }
    });
  }

  private async pull(): Promise<void> {
    try {
      for (;;) {
        const events = await this.reads.run(() => this.log.read(this.topic, this.last, PAGE));
        if (events.length === 0) return;
        // Listeners who attach from here on start after this page.
        this.last = events.at(-1)!.position;
        // Each listener takes the whole page at once (what piled up while the last page went out), a slice of listeners per turn.
        await fanOut.forEach([...this.listeners], (listener) => {
          if (!this.listeners.has(listener)) return;
          for (const event of events) listener(event);
        });
        if (events.length < PAGE) return;
      }
    } catch (error) {
      // The next notification retries from the same position; nothing is skipped.
      log.error({ err: error }, "live feed read failed");
    }
  }

  close(): void {
    this.stopListening?.();
    this.stopListening = null;
  }
}

/** The shared feeds of one positioned log on this instance. */
export class LogFeeds<E extends { position: number }, T> {
  private readonly feeds = new Map<string, { feed: Feed<E, T>; users: number }>();
  private readonly stopCatchingUp: () => void;

  /** `reads` bounds this instance's feed reads and replays together (share one gate between logs). */
  constructor(
    readonly log: PositionedLog<E, T>,
    private readonly bus: EventBus,
    readonly reads: Gate,
  ) {
    // Notices lost while Redis was out are caught up by reading every followed topic from its position.
    this.stopCatchingUp = bus.onMissedNotices(() => {
      for (const { feed } of this.feeds.values()) void feed.ready.then(() => feed.schedulePull(), () => {});
    });
  }

  /** Attaches a listener to a topic's feed; the returned function detaches it. */
  async attach(topic: T, listener: (event: E) => void): Promise<{ last: number; detach: () => void }> {
    const key = this.log.key(topic);
    let entry = this.feeds.get(key);
    if (!entry) {
      entry = { feed: new Feed(this.log, this.bus, this.reads, topic), users: 0 };
      this.feeds.set(key, entry);
    }
    entry.users++;
    const { feed } = entry;
    const release = () => {
      if (--entry.users > 0) return;
      this.feeds.delete(key);
      feed.close();
    };
    try {
      await feed.ready;
    } catch (error) {
      release();
      throw error;
    }
    feed.listeners.add(listener);
    return {
      last: feed.last,
      detach: () => {
        feed.listeners.delete(listener);
        release();
      },
    };
  }

  /** Local subscribers across all feeds (for metrics and tests). */
  get size(): number {
    let total = 0;
    for (const { feed } of this.feeds.values()) total += feed.listeners.size;
    return total;
  }

  close(): void {
    this.stopCatchingUp();
    for (const { feed } of this.feeds.values()) feed.close();
    this.feeds.clear();
  }
}
