// Everything one instance needs, without a port: database, pub/sub, live feeds, schema, Yoga.
import { createAuthenticator } from "./auth.js";
import { createResponseCache, type ResponseCache } from "./cache.js";
import { publishCommentEvents } from "./events/comments.js";
import type { Config } from "./config.js";
import type { Services } from "./context.js";
import { migrate, openDatabase } from "./db.js";
import { Feeds } from "./live/feeds.js";
import { pruneCommentEvents } from "./live/retention.js";
import { openPubSub } from "./pubsub.js";
import { seedDemoContent } from "./seed/demo.js";
import { createYogaApp, EDIT_KEYS_HEADER, type Yoga } from "./yoga.js";

export interface App {
  config: Config;
  services: Services;
  database: Services["database"];
  yoga: Yoga;
  /** Null when RESPONSE_CACHE is off. */
  responseCache: ResponseCache | null;
  close(): Promise<void>;
}

export async function createApp(options: { config: Config; now?: () => Date }): Promise<App> {
  const { config } = options;
  if (config.migrateOnStart) await migrate(config.databaseUrl);
  const database = await openDatabase({ url: config.databaseUrl, logQueries: config.logQueries, compiledReads: config.compiledReads });
  let pubsub: Awaited<ReturnType<typeof openPubSub>> | undefined;
  try {
    if (config.seedDemoContent && (await database.prisma.article.count()) === 0) {
      await seedDemoContent(database.prisma);
    }
    pubsub = await openPubSub({ redisUrl: config.redisUrl });
  } catch (error) {
    await database.close();
    throw error;
  }
  const feeds = new Feeds(database, pubsub.pubsub);
  const cache = config.responseCache ? createResponseCache({ privateHeaders: ["authorization", EDIT_KEYS_HEADER] }) : null;
  const services: Services = {
    config,
    database,
    pubsub: pubsub.pubsub,
    feeds,
    authenticate: createAuthenticator(config.auth),
    announce(events) {
      cache?.invalidate(events);
      publishCommentEvents(pubsub.pubsub, events);
    },
    articleChanged(articleId) {
      cache?.invalidate([{ articleId }]);
      pubsub.pubsub.publish("articles:changed", { articleId });
    },
  };
  // Other instances' changes reach this instance's cache through Redis; its own are dropped at once.
  const remote =
    cache && config.redisUrl
      ? [invalidateFrom(services.pubsub.subscribe("comments:all"), cache), invalidateFrom(services.pubsub.subscribe("articles:changed"), cache)]
      : [];
  await pruneCommentEvents(services);
  const retention = setInterval(() => void pruneCommentEvents(services).catch(() => {}), 60 * 60_000);
  retention.unref();

  return {
    config,
    services,
    database,
    yoga: createYogaApp(services, { now: options.now, responseCache: cache }),
    responseCache: cache,
    async close() {
      clearInterval(retention);
      await Promise.all(remote.map((notices) => notices.return?.()));
      await feeds.close();
      await pubsub.close();
      await database.close();
    },
  };
}

function invalidateFrom(source: AsyncIterable<{ articleId: number }>, cache: ResponseCache) {
  const notices = source[Symbol.asyncIterator]();
  void (async () => {
    for (let next = await notices.next(); !next.done; next = await notices.next()) cache.invalidate([next.value]);
  })();
  return notices;
}
