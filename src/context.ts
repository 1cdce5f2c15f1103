// The per-request (HTTP) or per-operation (WebSocket) context, built the same way for both.
import { hashEditKey, type Authenticator, type Identity, type Viewer } from "./auth.js";
import type { RateLimits } from "./abuse/rate-limits.js";
import type { AddressResolver } from "./client-address.js";
import type { Config } from "./config.js";
import type { Database, Db } from "./db.js";
import type { EventBus } from "./events/bus.js";
import type { ArticleFeeds } from "./events/article-feeds.js";
import type { Feeds } from "./events/feeds.js";
import type { ModerationRules } from "./moderation-rules/rules.js";
import type { Reader } from "./reads/reader.js";

/** What one instance holds for every request: database, event bus, live feeds, sign-in. */
export interface Services {
  config: Config;
  database: Database;
  events: EventBus;
  feeds: Feeds;
  /** Live blogs and front pages, over the article event log. */
  articleFeeds: ArticleFeeds;
  authenticate: Authenticator;
  rateLimits: RateLimits;
  /** The client's address from a socket's peer and X-Forwarded-For, as TRUST_PROXY allows. */
  resolveAddress: AddressResolver;
  /** The spam and abuse rules, cached. */
  rules: ModerationRules;
}

export interface Context {
  prisma: Db;
  reads: Reader;
  /** How posts were written, counted for /metrics. */
  posts: Database["posts"];
  config: Config;
  feeds: Feeds;
  articleFeeds: ArticleFeeds;
  /** Where committed changes are announced (src/events/publish.ts names each announcement). */
  events: EventBus;
  /** The spam and abuse rules, cached. */
  rules: ModerationRules;
  viewer: Viewer | null;
  /** SHA-256 of the guest edit keys presented with the request. */
  editKeyHashes: string[];
  /** SHA-256 of a guest's reaction key (header x-reactor-key), null without one. */
  reactorKeyHash: string | null;
  /** The clock; tests fix it. */
  now: () => Date;
  rateLimits: RateLimits;
  /** The client's address (src/client-address.ts), null when the request came without a socket. */
  clientAddress: string | null;
}

/** A context for one request or operation: who asks (`identity`), from where (`clientAddress`), on which clock (`now`). */
export function createContext(
  services: Services,
  identity: Identity,
  { now = () => new Date(), clientAddress = null }: { now?: () => Date; clientAddress?: string | null } = {},
): Context {
  return {
    prisma: services.database.prisma,
    reads: services.database.reads,
    posts: services.database.posts,
    config: services.config,
    feeds: services.feeds,
    articleFeeds: services.articleFeeds,
    events: services.events,
    rules: services.rules,
    viewer: identity.viewer,
    editKeyHashes: identity.editKeys.map(hashEditKey),
    reactorKeyHash: identity.reactorKey ? hashEditKey(identity.reactorKey) : null,
    now,
    rateLimits: services.rateLimits,
    clientAddress,
  };
}
