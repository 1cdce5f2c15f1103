// Live comment feeds: the comment event log as a positioned log (./log-feeds.ts), one feed per
// topic (an article, a thread, or everything) per process.
import { Gate } from "../admission.js";
import { VISIBILITY_SELECT, type VisibilityFacts } from "../visibility/comments.js";
import type { Db } from "../db.js";
import type { CommentEventKind, CommentStatus, Prisma } from "../generated/prisma/client.js";
import type { Reader } from "../reads/reader.js";
import type { EventBus } from "./bus.js";
import { LogFeeds, PAGE, type PositionedLog } from "./log-feeds.js";

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

/** The comment event log as a positioned log read from `store`. */
export function commentLog(store: EventStore): PositionedLog<LiveEvent, Topic> {
  return {
    key: (topic) => (topic.kind === "all" ? "all" : `${topic.kind}:${topic.id}`),
    read: (topic, after, take) => readEvents(store, topic, after, take),
    latest: async () => (await store.prisma.commentEvent.aggregate({ _max: { position: true } }))._max.position ?? 0,
    bounds: async () => {
      const bounds = await store.prisma.commentEvent.aggregate({ _min: { position: true }, _max: { position: true } });
      return { oldest: bounds._min.position, newest: bounds._max.position };
    },
    listen: (bus, topic, notice) =>
      topic.kind === "article" ? bus.listen("comments:article", topic.id, notice)
      : topic.kind === "thread" ? bus.listen("comments:thread", topic.id, notice)
      : bus.listen("comments:all", null, notice),
  };
}

/** A gate for one instance's feed reads and replays, shared by the comment and article feeds. */
export function createFeedReads(): Gate {
  return new Gate({ concurrency: READ_CONCURRENCY });
}

/** This instance's comment feeds; `reads` defaults to a gate of their own. */
export class Feeds extends LogFeeds<LiveEvent, Topic> {
  constructor(store: EventStore, bus: EventBus, reads: Gate = createFeedReads()) {
    super(commentLog(store), bus, reads);
  }
}
