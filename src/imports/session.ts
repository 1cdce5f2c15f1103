// What an import writes through: the configured database (created when missing on PostgreSQL, and
// migrated first) and the event bus, so a running server hears imported comments and articles
// through Redis like any other write.
import type { App } from "../app.js";
import type { Config } from "../config.js";
import { loadConfig } from "../config.js";
import { openDatabase, type Db } from "../db.js";
import type { Tx } from "../events/record.js";
import { openEventBus, type EventBus } from "../events/bus.js";
import { migrateCreatingDatabase } from "../startup/database.js";

/** An open import: where it writes, whom it tells, and whether it may write at all. */
export interface ImportSession {
  prisma: Db;
  database: "sqlite" | "postgresql";
  events: EventBus;
  config: Config;
  /** Read and check everything, write nothing. */
  dryRun: boolean;
  /** Whether opening it created the PostgreSQL database DATABASE_URL names. */
  createdDatabase?: boolean;
  close(): Promise<void>;
}

/** Opens the configured database (created when missing on PostgreSQL, migrated first) and the event bus (through REDIS_URL when set). Throws ConfigError on bad settings, StartupError when the database cannot be made. */
export async function openImportSession(options: { dryRun: boolean; env?: Record<string, string | undefined> }): Promise<ImportSession> {
  const config = loadConfig(options.env);
  const { created } = await migrateCreatingDatabase(config);
  // No statement bounds: one article's comments may be a long transaction.
  const database = await openDatabase({ url: config.databaseUrl });
  const events = await openEventBus({ redisUrl: config.redisUrl });
  return {
    prisma: database.prisma,
    database: database.provider,
    events,
    config,
    dryRun: options.dryRun,
    createdDatabase: created,
    async close() {
      await events.close();
      await database.close();
    },
  };
}

/** The services a session writes through. */
export type ImportServices = Pick<ImportSession, "prisma" | "database" | "events" | "config">;

/** A session over services someone else opened (an app, running or under test); closing it closes nothing. */
export function importSessionOf(source: App | ImportServices, options: { dryRun?: boolean } = {}): ImportSession {
  const services: ImportServices =
    "services" in source ? { prisma: source.database.prisma, database: source.database.provider, events: source.services.events, config: source.config } : source;
  return { ...services, dryRun: options.dryRun ?? false, close: async () => {} };
}

/** Thrown inside a dry run's transaction once its work is done, so that nothing it wrote is kept. */
export class DryRunRollback extends Error {
  constructor(readonly value: unknown) {
    super("dry run: rolled back");
  }
}

/**
 * Runs `work` in one transaction on the session, without time bounds. In a dry run the transaction
 * is rolled back once the work is done, and its result is still returned: everything is checked, nothing kept.
 */
export async function inImportTransaction<T>(session: ImportSession, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await session.prisma.$transaction(
      async (tx) => {
        const result = await work(tx);
        if (session.dryRun) throw new DryRunRollback(result);
        return result;
      },
      { maxWait: 60_000, timeout: 10 * 60_000 },
    );
  } catch (error) {
    if (error instanceof DryRunRollback) return error.value as T;
    throw error;
  }
}
