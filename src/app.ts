// Everything one instance needs, without a port: database, pub/sub, live feeds, schema, Yoga.
import { openRateLimits } from "./abuse/rate-limits.js";
import { startPublicationScheduler, type PublicationScheduler } from "./articles/scheduler.js";
import { startClosingTimer, type ClosingTimer } from "./articles/closing-timer.js";
import { createAuthenticator } from "./auth.js";
import { createResponseCache, type ResponseCache } from "./cache.js";
import { createAddressResolver } from "./client-address.js";
import type { Config } from "./config.js";
import type { Services } from "./context.js";
import { startGuestEmailRetention, type GuestEmailRetention } from "./data-rights/guest-email-retention.js";
import { migrate, openDatabase } from "./db.js";
import { ModerationRules } from "./moderation-rules/rules.js";
import { openEventBus, type EventBus } from "./events/bus.js";
import { ArticleFeeds } from "./events/article-feeds.js";
import { createFeedReads, Feeds } from "./events/feeds.js";
import { pruneCommentEvents } from "./events/retention.js";
import { seedDemoContent } from "./seed/demo.js";
import type { BodyLimitCounts } from "./request-body.js";
import { createYogaApp, EDIT_KEYS_HEADER, READER_KEY_HEADER, type Yoga } from "./yoga.js";

export interface App {
  config: Config;
  services: Services;
  database: Services["database"];
  yoga: Yoga;
  /** Null when RESPONSE_CACHE is off. */
  responseCache: ResponseCache | null;
  /** How request bodies reached Yoga (src/request-body.ts), shown on /metrics. */
  bodyCounts: BodyLimitCounts;
  /** Makes scheduled publications events when their time comes. */
  scheduler: PublicationScheduler;
  /** Announces comments closing by time (src/articles/closing-timer.ts). */
  closing: ClosingTimer;
  /** Erases guest emails past GUEST_EMAIL_RETENTION_DAYS (src/data-rights/guest-email-retention.ts). */
  guestEmails: GuestEmailRetention;
  close(): Promise<void>;
}

export async function createApp(options: { config: Config; now?: () => Date }): Promise<App> {
  const { config } = options;
  if (config.migrateOnStart) await migrate(config.databaseUrl);
  const database = await openDatabase({ url: config.databaseUrl, logQueries: config.logQueries, compiledReads: config.compiledReads, limits: config.databaseLimits });
  let events: EventBus;
  try {
    if (config.seedDemoContent && (await database.prisma.article.count()) === 0) {
      await seedDemoContent(database.prisma);
    }
    events = await openEventBus({ redisUrl: config.redisUrl });
  } catch (error) {
    await database.close();
    throw error;
  }
  const feedReads = createFeedReads();
  const feeds = new Feeds(database, events, feedReads);
  const articleFeeds = new ArticleFeeds(database, events, feedReads);
  const cache = config.responseCache ? createResponseCache({ privateHeaders: ["authorization", EDIT_KEYS_HEADER, READER_KEY_HEADER] }) : null;
  const bodyCounts: BodyLimitCounts = { declared: 0, streamed: 0, readBeforeYoga: 0 };
  // Never fails: without Redis the counters are kept in memory.
  const rateLimits = await openRateLimits(config.rateLimits);
  const rules = new ModerationRules({ db: database.prisma, events, ttlMs: config.moderationRulesCacheSeconds * 1000 });
  const services: Services = {
    config,
    database,
    events,
    feeds,
    articleFeeds,
    authenticate: createAuthenticator(config.auth),
    rateLimits,
    resolveAddress: createAddressResolver(config.trustProxy),
    rules,
  };
  // The cache listens like any other consumer: to this instance's changes and, through Redis, to the others'.
  const stopInvalidating = cache
    ? [
        events.listen("comments:all", null, (notice) => cache.invalidate([notice])),
        events.listen("articles:changed", null, (notice) => cache.invalidate([notice])),
        events.listen("articles:all", null, () => cache.clear()),
        events.listen("newsroom:changed", null, (notice) => cache.invalidateTypes(notice.typenames)),
      ]
    : [];
  await pruneCommentEvents(services);
  const scheduler = startPublicationScheduler({ services, now: options.now });
  const closing = startClosingTimer({ services, now: options.now });
  const guestEmails = startGuestEmailRetention({ services, now: options.now });
  // Its first pass ends before the app serves, so no request shares the database with it.
  await guestEmails.ready;
  const retention = setInterval(() => void pruneCommentEvents(services).catch(() => {}), 60 * 60_000);
  retention.unref();

  return {
    config,
    services,
    database,
    yoga: createYogaApp(services, { now: options.now, responseCache: cache, bodyCounts }),
    bodyCounts,
    responseCache: cache,
    scheduler,
    closing,
    guestEmails,
    async close() {
      clearInterval(retention);
      await scheduler.stop();
      await closing.stop();
      await guestEmails.stop();
      for (const stop of stopInvalidating) stop();
      feeds.close();
      articleFeeds.close();
      rules.close();
      await events.close();
      await rateLimits.close();
      await database.close();
    },
  };
}
