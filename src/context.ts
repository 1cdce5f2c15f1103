// The per-request (HTTP) or per-operation (WebSocket) context, built the same way for both.
import { createHash } from "node:crypto";
import type { PubSub } from "graphql-yoga";
import type { Authenticator } from "./auth.js";
import type { Config } from "./config.js";
import type { Database, Db } from "./db.js";
import type { Reader } from "./reads/reader.js";
import type { Feeds } from "./live/feeds.js";
import type { RecordedEvent } from "./events/comments.js";
import type { Events } from "./pubsub.js";

export type Role = "READER" | "AUTHOR" | "EDITOR" | "MODERATOR" | "ADMIN";

/** A signed-in user, from a verified bearer token. */
export interface Viewer {
  id: string;
  name: string;
  roles: Role[];
}

/** Who is asking: a signed-in viewer and/or the edit keys of comments posted as a guest. */
export interface Identity {
  viewer: Viewer | null;
  editKeys: string[];
}

export interface Services {
  config: Config;
  database: Database;
  pubsub: PubSub<Events>;
  feeds: Feeds;
  authenticate: Authenticator;
  /** Tells this instance's caches and every instance's live feeds about committed comment events. */
  announce(events: RecordedEvent[]): void;
  /** Tells every instance's caches that an article's own fields changed. */
  articleChanged(articleId: number): void;
}

export interface Context {
  prisma: Db;
  reads: Reader;
  config: Config;
  feeds: Feeds;
  announce: Services["announce"];
  articleChanged: Services["articleChanged"];
  viewer: Viewer | null;
  /** SHA-256 of the guest edit keys presented with the request. */
  editKeyHashes: string[];
  /** The clock; tests fix it. */
  now: () => Date;
}

export function createContext(services: Services, identity: Identity, now: () => Date = () => new Date()): Context {
  return {
    prisma: services.database.prisma,
    reads: services.database.reads,
    config: services.config,
    feeds: services.feeds,
    announce: services.announce,
    articleChanged: services.articleChanged,
    viewer: identity.viewer,
    editKeyHashes: identity.editKeys.map(hashEditKey),
    now,
  };
}

export function hashEditKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Edit keys from a header or connection parameter: a list, or a comma-separated string. */
export function parseEditKeys(value: unknown): string[] {
  const keys = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : [];
  return keys
    .filter((key): key is string => typeof key === "string")
    .map((key) => key.trim())
    .filter((key) => /^[A-Za-z0-9_-]{16,128}$/.test(key))
    .slice(0, 100);
}

export function hasRole(viewer: Viewer | null, ...roles: Role[]): boolean {
  return !!viewer && (viewer.roles.includes("ADMIN") || roles.some((role) => viewer.roles.includes(role)));
}
