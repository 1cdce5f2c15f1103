// Live comment feeds. One feed per topic (an article, a thread, or everything) per process, shared
// by every local subscriber: a notification makes the feed read the new events from the database
// in position order, so events arrive once, in order, whichever instance wrote them.
import { Gate } from "../admission.js";
import { log } from "../log.js";
import { VISIBILITY_SELECT, type VisibilityFacts } from "../visibility/comments.js";
import type { Db } from "../db.js";
import type { CommentEventKind, CommentStatus, Prisma } from "../generated/prisma/client.js";
import type { Reader } from "../reads/reader.js";
import type { EventBus } from "./bus.js";
import { Slicer } from "./slices.js";

/** Where events are read from: the compiled reads, with Prisma answering what they cannot. */
export interface EventStore {
  prisma: Db;
  reads: Reader;
}

export type Topic = { kind: "article"; id: number } | { kind: "thread"; id: number } | { kind: "all" };

/** An event as subscribers see it, with the comment's state when the feed read it. */
export interface LiveEvent {
  position: number;
  kind: CommentEventKind;
  commentId: number;
  articleId: number;
  threadId: number;
  fromStatus: CommentStatus | null;
  toStatus: CommentStatus;
  /** What the visibility rule reads of the comment, as the feed found it. */
  comment: VisibilityFacts;
}

const PAGE = 500;
/** Hands pages of events to listeners a slice of listeners per turn, shared by every feed of the process. */
const fanOut = new Slicer();
/** Feed reads and replays at once per instance: the pool less what comment writes may hold, so writes keep their connections. */
const READ_CONCURRENCY = 6;
const eventSelect = {
  position: true,
  kind: true,
  commentId: true,
  articleId: true,
  threadId: true,
  fromStatus: true,
  toStatus: true,
  comment: { select: VISIBILITY_SELECT },
} satisfies Prisma.CommentEventSelect;

export function topicWhere(topic: Topic): Prisma.CommentEventWhereInput {
  if (topic.kind === "article") return { articleId: topic.id };
  if (topic.kind === "thread") return { threadId: topic.id };
  return {};
}

/** Events of a topic after `after`, oldest first, one page. Compiled: every live event waits on it. */
export function readEvents(store: EventStore, topic: Topic, after: number, take = PAGE): Promise<LiveEvent[]> {
  const args = { where: { ...topicWhere(topic), position: { gt: after } }, orderBy: { position: "asc" as const }, take, select: eventSelect };
  return store.reads.findMany<LiveEvent>("CommentEvent", args, () => store.prisma.commentEvent.findMany(args));
}

class Feed {
  last = 0;
  readonly listeners = new Set<(event: LiveEvent) => void>();
  readonly ready: Promise<void>;
  private stopListening: (() => void) | null = null;
  private pulling: Promise<void> | null = null;
  private pullAgain = false;

  constructor(
    private readonly store: EventStore,
    private readonly bus: EventBus,
    private readonly reads: Gate,
    readonly topic: Topic,
  ) {
    this.ready = this.start();
  }

  private async start(): Promise<void> {
    // Listen before reading the position: anything announced from then on triggers a read.
    const { topic } = this;
    const pull = () => this.schedulePull();
    this.stopListening =
      topic.kind === "article" ? this.bus.listen("comments:article", topic.id, pull)
      : topic.kind === "thread" ? this.bus.listen("comments:thread", topic.id, pull)
      : this.bus.listen("comments:all", null, pull);
    const latest = await this.store.prisma.commentEvent.aggregate({ _max: { position: true } });
    this.last = latest._max.position ?? 0;
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
        const events = await this.reads.run(() => readEvents(this.store, this.topic, this.last));
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

export class Feeds {
  private readonly feeds = new Map<string, { feed: Feed; users: number }>();
  private readonly stopCatchingUp: () => void;
  /** Bounds this instance's feed reads and replays together. */
  readonly reads = new Gate({ concurrency: READ_CONCURRENCY });

  constructor(
    private readonly store: EventStore,
    private readonly bus: EventBus,
  ) {
    // Notices lost while Redis was out are caught up by reading every followed topic from its position.
    this.stopCatchingUp = bus.onMissedNotices(() => {
      for (const { feed } of this.feeds.values()) void feed.ready.then(() => feed.schedulePull(), () => {});
    });
  }

  /** Attaches a listener to a topic's feed; the returned function detaches it. */
  async attach(topic: Topic, listener: (event: LiveEvent) => void): Promise<{ last: number; detach: () => void }> {
    const key = topic.kind === "all" ? "all" : `${topic.kind}:${topic.id}`;
    let entry = this.feeds.get(key);
    if (!entry) {
      entry = { feed: new Feed(this.store, this.bus, this.reads, topic), users: 0 };
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
