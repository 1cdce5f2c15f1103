// One subscriber's stream of a topic of a positioned log: the events missed since `after`
// (replayed from the database), then the live ones, with no gap and no duplicate; or a resync
// when `after` is too old, not ours, or further back than a replay reaches.
import type { LiveEvent } from "./feeds.js";
import type { LogFeeds, PositionedLog } from "./log-feeds.js";
import { PushQueue } from "./queue.js";

export type FeedItem<E = LiveEvent> = { type: "event"; event: E } | { type: "resync"; position: number; reason: string };

/** More missed events than this and the client is better off refetching. */
export const REPLAY_LIMIT = 1000;
/** A replay plus a burst must fit; a reader that falls further behind than this is dropped. */
const BACKLOG_LIMIT = REPLAY_LIMIT * 2;

/** The events of `topic` that `keep` accepts for this subscriber, and any resync. */
export function liveStream<E extends { position: number }, T>(feeds: LogFeeds<E, T>, topic: T, after: number | null, keep: (event: E) => boolean): AsyncIterableIterator<FeedItem<E>> {
  const queue = new PushQueue<FeedItem<E>>(BACKLOG_LIMIT);
  let last = 0;
  let replaying = true;
  const held: E[] = [];
  const deliver = (event: E) => {
    if (event.position <= last) return;
    last = event.position;
    if (keep(event)) queue.push({ type: "event", event });
  };
  const start = async () => {
    const feed = await feeds.attach(topic, (event) => (replaying ? held.push(event) : deliver(event)));
    queue.onEnd(feed.detach);
    last = after == null ? feed.last : await feeds.reads.run(() => replay(feeds.log, topic, after, feed.last, deliver, (item) => queue.push(item)));
    replaying = false;
    for (const event of held.splice(0)) deliver(event);
  };
  start().catch((error: unknown) => queue.fail(error));
  return queue;
}

async function replay<E extends { position: number }, T>(
  log: PositionedLog<E, T>,
  topic: T,
  after: number,
  latest: number,
  deliver: (event: E) => void,
  push: (item: FeedItem<E>) => void,
): Promise<number> {
  const resync = (reason: string) => {
    push({ type: "resync", position: latest, reason });
    return latest;
  };
  const bounds = await log.bounds();
  const newest = Math.max(bounds.newest ?? 0, latest);
  if (after > newest) return resync("The cursor is not from this server's history.");
  if (bounds.oldest != null && after < bounds.oldest - 1) return resync("The cursor is older than the retained history.");
  const missed = await log.read(topic, after, REPLAY_LIMIT + 1);
  if (missed.length > REPLAY_LIMIT) return resync(`More than ${REPLAY_LIMIT} events were missed.`);
  let last = after;
  for (const event of missed) {
    deliver(event);
    last = event.position;
  }
  return last;
}
