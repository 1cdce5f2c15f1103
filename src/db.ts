// The Prisma client for the configured database: SQLite (embedded default) or PostgreSQL.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { PrismaClient } from "./generated/prisma/client.js";

/** Both generated clients share one shape; the SQLite client's type stands for both. */
export type Db = PrismaClient;

export interface Database {
  prisma: Db;
  provider: "sqlite" | "postgresql";
  /** Counts SQL statements sent, for tests and benchmarks that guard against N+1. */
  statements: { count: number };
  close(): Promise<void>;
}

/** The project root (where package.json is), whether running from src/ or the built dist/. */
const root = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

export async function openDatabase(options: { url: string; logQueries?: boolean }): Promise<Database> {
  const statements = { count: 0 };
  const log: [{ emit: "event"; level: "query" }] = [{ emit: "event", level: "query" }];
  let prisma: Db;
  let provider: Database["provider"];
  if (options.url.startsWith("file:")) {
    const file = sqlitePath(options.url);
    mkdirSync(dirname(file), { recursive: true });
    const [{ PrismaClient }, { PrismaBetterSQLite3 }] = await Promise.all([
      import("./generated/prisma/client.js"),
      import("@prisma/adapter-better-sqlite3"),
    ]);
    prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file }), log });
    provider = "sqlite";
  } else {
    const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
      import("./generated/prisma-pg/client.js"),
      import("@prisma/adapter-pg"),
    ]);
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: options.url, max: 10 }), log });
    prisma = client as unknown as Db;
    provider = "postgresql";
  }
  (prisma as unknown as { $on(event: "query", cb: (e: { query: string }) => void): void }).$on("query", (event) => {
    statements.count++;
    if (options.logQueries) console.log(`[sql] ${event.query}`);
  });
  if (provider === "sqlite") {
    // WAL lets readers proceed while a comment is written; the busy timeout rides out short locks.
    await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await prisma.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  }
  return { prisma, provider, statements, close: () => prisma.$disconnect() };
}

/** Resolves `file:<path>` relative to the project root, as the Prisma CLI does through prisma.config.ts. */
export function sqlitePath(url: string): string {
  return resolve(root, url.slice("file:".length));
}

/** Applies pending migrations with `prisma migrate deploy` (the JavaScript schema engine). */
export async function migrate(url: string): Promise<void> {
  const run = promisify(execFile);
  const databaseUrl = url.startsWith("file:") ? `file:${sqlitePath(url)}` : url;
  if (url.startsWith("file:")) mkdirSync(dirname(sqlitePath(url)), { recursive: true });
  await run(resolve(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}
