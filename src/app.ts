// Everything one instance needs, without a port: database, pub/sub, live feeds, schema, Yoga.
import { createAuthenticator } from "./auth.js";
import type { Config } from "./config.js";
import type { Services } from "./context.js";
import { migrate, openDatabase } from "./db.js";
import { Feeds } from "./live/feeds.js";
import { pruneCommentEvents } from "./live/retention.js";
import { openPubSub } from "./pubsub.js";
import { seedDemoContent } from "./seed/demo.js";
import { createYogaApp, type Yoga } from "./yoga.js";

export interface App {
  config: Config;
  services: Services;
  database: Services["database"];
  yoga: Yoga;
  close(): Promise<void>;
}

export async function createApp(options: { config: Config; now?: () => Date }): Promise<App> {
  const { config } = options;
  if (config.migrateOnStart) await migrate(config.databaseUrl);
  const database = await openDatabase({ url: config.databaseUrl, logQueries: config.logQueries });
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
  const feeds = new Feeds(database.prisma, pubsub.pubsub);
  const services: Services = { config, database, pubsub: pubsub.pubsub, feeds, authenticate: createAuthenticator(config.auth) };
  const retention = setInterval(() => void pruneCommentEvents(services).catch(() => {}), 60 * 60_000);
  retention.unref();
  void pruneCommentEvents(services).catch(() => {});

  return {
    config,
    services,
    database,
    yoga: createYogaApp(services, { now: options.now }),
    async close() {
      clearInterval(retention);
      await feeds.close();
      await pubsub.close();
      await database.close();
    },
  };
}
