// One subscriber's stream of a topic: the events missed since `after` (replayed from the
// database), then the live ones, with no gap and no duplicate; or a resync when `after` is
// too old or not ours.
import { readEvents, type EventStore, type Feeds, type LiveEvent, type Topic } from "./feeds.js";
import { PushQueue } from "./queue.js";

export type FeedItem = { type: "event"; event: LiveEvent } | { type: "resync"; position: number; reason: string };

/** More missed events than this and the client is better off refetching. */
export const REPLAY_LIMIT = 1000;
/** A replay plus a burst must fit; a reader that falls further behind than this is dropped. */
const BACKLOG_LIMIT = REPLAY_LIMIT * 2;

/** The events of `topic` that `keep` accepts for this subscriber, and any resync. */
export function liveStream(source: EventStore & { feeds: Feeds }, topic: Topic, after: number | null, keep: (event: LiveEvent) => boolean): AsyncIterableIterator<FeedItem> {
  const queue = new PushQueue<FeedItem>(BACKLOG_LIMIT);
  let last = 0;
  let replaying = true;
  const held: LiveEvent[] = [];
  const deliver = (event: LiveEvent) => {
    if (event.position <= last) return;
    last = event.position;
    if (keep(event)) queue.push({ type: "event", event });
  };
  const start = async () => {
    const feed = await source.feeds.attach(topic, (event) => (replaying ? held.push(event) : deliver(event)));
    queue.onEnd(feed.detach);
    last = after == null ? feed.last : await source.feeds.reads.run(() => replay(source, topic, after, feed.last, deliver, (item) => queue.push(item)));
    replaying = false;
    for (const event of held.splice(0)) deliver(event);
  };
  start().catch((error: unknown) => queue.fail(error));
  return queue;
}

async function replay(
  store: EventStore,
  topic: Topic,
  after: number,
  latest: number,
  deliver: (event: LiveEvent) => void,
  push: (item: FeedItem) => void,
): Promise<number> {
  const resync = (reason: string) => {
    push({ type: "resync", position: latest, reason });
    return latest;
  };
  const bounds = await store.prisma.commentEvent.aggregate({ _min: { position: true }, _max: { position: true } });
  const newest = Math.max(bounds._max.position ?? 0, latest);
  if (after > newest) return resync("The cursor is not from this server's history.");
  if (bounds._min.position != null && after < bounds._min.position - 1) return resync("The cursor is older than the retained history.");
  const missed = await readEvents(store, topic, after, REPLAY_LIMIT + 1);
  if (missed.length > REPLAY_LIMIT) return resync(`More than ${REPLAY_LIMIT} events were missed.`);
  let last = after;
  for (const event of missed) {
    deliver(event);
    last = event.position;
  }
  return last;
}
