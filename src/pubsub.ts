// Typed pub/sub for comment activity: in-process by default, Redis between instances.
// Messages are notifications ("something happened at position N"); subscribers read the events
// themselves from the database, so a lost or late message never loses an event.
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { createPubSub, type PubSub } from "graphql-yoga";
import { Redis } from "ioredis";

export interface CommentNotice {
  position: number;
  commentId: number;
  articleId: number;
  parentId: number | null;
}

export type Events = {
  "comments:article": [articleId: number, notice: CommentNotice];
  "comments:thread": [threadId: number, notice: CommentNotice];
  "comments:all": [notice: CommentNotice];
  /** An article's own fields changed (comment settings); caches drop it. */
  "articles:changed": [notice: { articleId: number }];
};

export interface PubSubHandle {
  pubsub: PubSub<Events>;
  close(): Promise<void>;
}

export async function openPubSub(options: { redisUrl?: string }): Promise<PubSubHandle> {
  if (!options.redisUrl) return { pubsub: createPubSub<Events>(), close: async () => {} };
  const connect = async () => {
    const client = new Redis(options.redisUrl!, { lazyConnect: true, maxRetriesPerRequest: 3 });
    await client.connect();
    return client;
  };
  const [publishClient, subscribeClient] = await Promise.all([connect(), connect()]);
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient });
  return {
    pubsub: createPubSub<Events>({ eventTarget: eventTarget as never }),
    async close() {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
