// The bus's link to other instances: two ioredis clients (publish, subscribe) behind
// @graphql-yoga/redis-event-target. Redis going away never reaches the caller: commands fail at
// once instead of queueing, their failures are swallowed, the outage is logged once each way, and
// the subscriptions are renewed when Redis returns.
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { Redis } from "ioredis";
import { log } from "../log.js";

export type RemoteTarget = ReturnType<typeof createRedisEventTarget>;

export interface RedisBridge {
  target: RemoteTarget;
  /** Whether both clients are connected now. */
  readonly up: boolean;
  /** Calls `listener` each time Redis comes back after an outage. */
  onReturn(listener: () => void): () => void;
  close(): Promise<void>;
}

/** How long startup waits for Redis before serving without it (and connecting in the background). */
const STARTUP_WAIT_MS = 3000;

/** Connects to Redis at `url`; resolves connected, or after STARTUP_WAIT_MS degraded and still trying. */
export async function openRedisBridge(url: string): Promise<RedisBridge> {
  // No offline queue: a notice sent while Redis is away is dropped at once (readers catch up from the database).
  const options = { enableOfflineQueue: false, maxRetriesPerRequest: 1, autoResubscribe: false };
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, options);
  const channels = new Set<string>();
  const returned = new Set<() => void>();
  let up = false;
  let seenUp = false;
  let lastError: unknown = null;
  // A close we asked for is not an outage: nothing is logged for it.
  let closing = false;

  const ignore = (error: unknown) => void (lastError = error);
  const refresh = () => {
    const now = publisher.status === "ready" && subscriber.status === "ready";
    if (now === up || closing) return;
    up = now;
    if (!now) return log.warn({ err: lastError }, "Redis unreachable: live events reach this instance's subscribers only until it returns");
    if (seenUp) log.info("Redis reachable again: live events shared between instances");
    seenUp = true;
    for (const listener of returned) listener();
  };
  for (const client of [publisher, subscriber]) {
    client.on("error", (error: unknown) => {
      lastError = error;
      refresh();
    });
    client.on("close", refresh);
    client.on("end", refresh);
  }
  publisher.on("ready", refresh);
  // Subscriptions are renewed before anyone is told Redis is back.
  subscriber.on("ready", () => {
    if (channels.size > 0) subscriber.subscribe(...channels).catch(ignore);
    refresh();
  });

  const target = createRedisEventTarget({
    publishClient: { publish: (channel: string, message: string) => (up ? publisher.publish(channel, message).catch(ignore) : undefined) } as unknown as Redis,
    subscribeClient: {
      on: (event: string, listener: (...args: unknown[]) => void) => subscriber.on(event, listener),
      subscribe: (channel: string) => {
        channels.add(channel);
        return subscriber.status === "ready" ? subscriber.subscribe(channel).catch(ignore) : undefined;
      },
      unsubscribe: (channel: string) => {
        channels.delete(channel);
        return subscriber.status === "ready" ? subscriber.unsubscribe(channel).catch(ignore) : undefined;
      },
    } as unknown as Redis,
    // A message that is not JSON is dropped, not thrown inside the client's socket handler.
    serializer: { stringify: JSON.stringify, parse: (text: string) => safeParse(text) },
  });

  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, STARTUP_WAIT_MS);
    const stop = onReturn(done);
    function done() {
      clearTimeout(timer);
      stop();
      resolve();
    }
    if (up) done();
  });
  if (!up) log.warn({ err: lastError }, "Redis unreachable at start: serving without it and retrying in the background");

  function onReturn(listener: () => void): () => void {
    returned.add(listener);
    return () => returned.delete(listener);
  }

  return {
    target,
    get up() {
      return up;
    },
    onReturn,
    async close() {
      closing = true;
      returned.clear();
      await Promise.allSettled([publisher, subscriber].map((client) => client.quit()));
      for (const client of [publisher, subscriber]) client.disconnect();
      up = false;
    },
  };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
