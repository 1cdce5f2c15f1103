// The event bus: committed changes are announced to every consumer on this instance at once
// (response cache, live feeds) and, with Redis, to every other instance's consumers through
// @graphql-yoga/redis-event-target. Consumers cannot tell a local notice from a remote one.
// Notices only say "something happened at position N"; consumers read the events themselves.
import { log } from "../log.js";
import { randomUUID } from "node:crypto";
import { openRedisBridge } from "./redis-bridge.js";

/** A committed comment event, and the other comments whose counts or visibility it changed. */
export interface CommentNotice {
  position: number;
  commentId: number;
  articleId: number;
  parentId: number | null;
  threadId: number;
  related: number[];
}

/** A committed article event: where it sits in the article log, and what happened to which article. */
export interface ArticleNotice {
  position: number;
  articleId: number;
  kind: "UPDATED" | "PUBLISHED" | "UNPUBLISHED" | "CORRECTED" | "COMMENTS_CLOSED";
}

/** Topics, each optionally scoped by an id (an article's feed, a thread's), and what they carry. */
export interface Notices {
  "comments:article": CommentNotice;
  "comments:thread": CommentNotice;
  "comments:all": CommentNotice;
  /** An article's own fields changed (comment settings). */
  "articles:changed": { articleId: number };
  /** An article event, scoped by the article (its live blog). */
  "articles:article": ArticleNotice;
  /** An article was scheduled (or rescheduled) to become public at `publishAt` (ISO 8601): schedulers arm a timer. */
  "articles:scheduled": { articleId: number; publishAt: string };
  /** Every article event (front pages, caches, the publication scheduler). */
  "articles:all": ArticleNotice;
  /** Newsroom records changed (sources, authors, topics, citations, images): caches drop every response holding the typenames. */
  "newsroom:changed": { typenames: string[] };
  /** An admin changed the spam and abuse rules: every instance drops its cached copy. */
  "moderation:rules": { changed: true };
}

export type Topic = keyof Notices;

export interface EventBus {
  /** Announces a notice on `topic` (scoped by `scope`, or unscoped when null). */
  publish<T extends Topic>(topic: T, scope: number | null, notice: Notices[T]): void;
  /** Calls `listener` for each notice on the topic, local or remote; returns how to stop. */
  listen<T extends Topic>(topic: T, scope: number | null, listener: (notice: Notices[T]) => void): () => void;
  /** "off" without Redis; with it, whether other instances hear this one now. */
  readonly redis: "off" | "up" | "down";
  /**
   * Calls `listener` whenever other instances' notices may have been missed: when Redis returns
   * after an outage, and every few seconds while it is out. Consumers re-read what they follow.
   */
  onMissedNotices(listener: () => void): () => void;
  close(): Promise<void>;
}

/** While Redis is out, how often consumers are asked to re-read what other instances may have written. */
const OUTAGE_POLL_MS = 2000;

type Listener = (notice: never) => void;
type Envelope = { origin: string; notice: unknown };

/** An in-process bus, bridged to other instances through Redis when `redisUrl` is set. */
export async function openEventBus(options: { redisUrl?: string }): Promise<EventBus> {
  const origin = randomUUID();
  const listeners = new Map<string, Set<Listener>>();
  const bridges = new Map<string, (event: { detail: Envelope | null }) => void>();
  const redis = options.redisUrl ? await openRedisBridge(options.redisUrl) : null;
  const remote = redis?.target ?? null;
  const missed = new Set<() => void>();
  const tellMissed = () => {
    for (const listener of missed) listener();
  };
  const stopReturn = redis?.onReturn(tellMissed);
  const outagePoll = redis ? setInterval(() => !redis.up && tellMissed(), OUTAGE_POLL_MS) : null;
  outagePoll?.unref();

  const deliver = (channel: string, notice: unknown) => {
    for (const listener of listeners.get(channel) ?? []) {
      try {
        (listener as (notice: unknown) => void)(notice);
      } catch (error) {
        log.error({ err: error, channel }, "event listener failed");
      }
    }
  };

  return {
    publish(topic, scope, notice) {
      const channel = channelOf(topic, scope);
      deliver(channel, notice);
      remote?.dispatchEvent({ type: channel, detail: { origin, notice } } as unknown as CustomEvent);
    },
    listen(topic, scope, listener) {
      const channel = channelOf(topic, scope);
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener as Listener);
      if (remote && !bridges.has(channel)) {
        // Notices this instance published were delivered when published.
        const bridge = (event: { detail: Envelope | null }) => event.detail && event.detail.origin !== origin && deliver(channel, event.detail.notice);
        bridges.set(channel, bridge);
        remote.addEventListener(channel, bridge as unknown as EventListener);
      }
      return () => {
        set.delete(listener as Listener);
        if (set.size > 0) return;
        listeners.delete(channel);
        const bridge = bridges.get(channel);
        bridges.delete(channel);
        if (bridge) remote?.removeEventListener(channel, bridge as unknown as EventListener);
      };
    },
    get redis() {
      return redis ? (redis.up ? "up" : "down") : "off";
    },
    onMissedNotices(listener) {
      missed.add(listener);
      return () => missed.delete(listener);
    },
    async close() {
      listeners.clear();
      missed.clear();
      stopReturn?.();
      if (outagePoll) clearInterval(outagePoll);
      await redis?.close();
    },
  };
}

function channelOf(topic: Topic, scope: number | null): string {
  return scope === null ? topic : `${topic}:${scope}`;
}

