// The per-request (HTTP) or per-connection (WebSocket) context, built the same way for both.
import type { Config } from "./config.js";
import type { Database, Db } from "./db.js";

export type Role = "READER" | "AUTHOR" | "EDITOR" | "MODERATOR" | "ADMIN";

/** A signed-in user, from a verified bearer token. */
export interface Viewer {
  id: string;
  name: string;
  roles: Role[];
}

export interface Services {
  config: Config;
  database: Database;
}

export interface Context {
  prisma: Db;
  config: Config;
  viewer: Viewer | null;
  /** The clock; tests fix it. */
  now: () => Date;
}

export function createContext(services: Services, viewer: Viewer | null, now: () => Date = () => new Date()): Context {
  return { prisma: services.database.prisma, config: services.config, viewer, now };
}

export function hasRole(viewer: Viewer | null, ...roles: Role[]): boolean {
  return !!viewer && (viewer.roles.includes("ADMIN") || roles.some((role) => viewer.roles.includes(role)));
}
