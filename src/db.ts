// The Prisma client for the configured database: SQLite (embedded default) or PostgreSQL.
import { log as logger } from "./log.js";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { DatabaseLimits } from "./config.js";
import type { PrismaClient } from "./generated/prisma/client.js";
import { postgresSend, sqliteSend } from "./reads/drivers.js";
import { createReader, type Reader } from "./reads/reader.js";
import type { Send } from "./reads/run.js";

/** Both generated clients share one shape; the SQLite client's type stands for both. */
export type Db = PrismaClient;

export interface Database {
  prisma: Db;
  provider: "sqlite" | "postgresql";
  /** Counts SQL statements sent, for tests and benchmarks that guard against N+1. */
  statements: { count: number };
  /** Hot reads compiled to SQL, with Prisma answering what they cannot. */
  reads: Reader;
  /** Posts written by one SQL statement and by a Prisma transaction (src/comments/post.ts), for /metrics. */
  posts: { oneStatement: number; transaction: number };
  close(): Promise<void>;
}

/** The project root (where package.json is), whether running from src/ or the built dist/. */
const root = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

/**
 * Opens the configured database. `limits` bound every call the server makes (see DatabaseLimits);
 * scripts that run long bulk statements (seeding, benchmarks) open without them.
 */
export async function openDatabase(options: { url: string; logQueries?: boolean; compiledReads?: boolean; limits?: DatabaseLimits }): Promise<Database> {
  const limits = options.limits;
  const transactionOptions = limits && { maxWait: limits.transactionMaxWaitMs, timeout: limits.transactionTimeoutMs };
  const statements = { count: 0 };
  const busyTimeoutMs = limits?.statementTimeoutMs ?? 5000;
  const log: [{ emit: "event"; level: "query" }] = [{ emit: "event", level: "query" }];
  let prisma: Db;
  let provider: Database["provider"];
  let send: Send;
  let closeDriver: () => Promise<void> | void;
  if (options.url.startsWith("file:")) {
    const file = sqlitePath(options.url);
    mkdirSync(dirname(file), { recursive: true });
    const [{ PrismaClient }, { PrismaBetterSQLite3 }] = await Promise.all([
      import("./generated/prisma/client.js"),
      import("@prisma/adapter-better-sqlite3"),
    ]);
    prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: busyTimeoutMs }), log, transactionOptions });
    provider = "sqlite";
    countStatements(prisma);
    await useWal(prisma, busyTimeoutMs);
    // Opened once the file is in WAL mode: this connection only reads, and never waits on a writer.
    ({ send, close: closeDriver } = await sqliteSend(file, counted, busyTimeoutMs));
  } else {
    const [{ PrismaClient }, { PrismaPg }, { default: pg }] = await Promise.all([
      import("./generated/prisma-pg/client.js"),
      import("@prisma/adapter-pg"),
      import("pg"),
    ]);
    // Prisma's pool, and the compiled reads' own, whose statements are planned for any values.
    const open = (planner: string | undefined) => {
      const pool = new pg.Pool({ connectionString: options.url, max: 10, options: planner, ...(limits && boundedConnections(pg, limits)) });
      // An idle connection the server dropped (restart, failover) is discarded; the next query reconnects.
      pool.on("error", (error) => logger.warn({ err: error }, "PostgreSQL connection lost"));
      return pool;
    };
    const pool = open(plannerOptions(options.url));
    const client = new PrismaClient({ adapter: new PrismaPg(pool), log, transactionOptions });
    const reads = postgresSend(open(plannerOptions(options.url, { genericPlans: true })), pg.types, counted);
    send = reads.send;
    closeDriver = async () => {
      await reads.close();
      await pool.end();
    };
    countStatements(client);
    prisma = client.$extends(loadRelationsByQuery) as unknown as Db;
    provider = "postgresql";
  }
  const reads = createReader({ dialect: provider, send, enabled: options.compiledReads ?? true });
  return {
    prisma,
    provider,
    statements,
    reads,
    posts: { oneStatement: 0, transaction: 0 },
    close: async () => {
      await prisma.$disconnect();
      await closeDriver();
    },
  };

  function counted(sql: string): void {
    statements.count++;
    if (options.logQueries) console.log(`[sql] ${sql}`);
  }

  function countStatements(client: object): void {
    (client as { $on(event: "query", cb: (e: { query: string }) => void): void }).$on("query", (event) => counted(event.query));
  }
}

/**
 * WAL lets readers proceed while a comment is written, and the busy timeout rides out another
 * process's write (a script, a second instance); one writer at a time remains SQLite's rule, and
 * this process has one write connection, whose transactions Prisma's adapter runs one at a time.
 */
async function useWal(prisma: Db, busyTimeoutMs: number): Promise<void> {
  await prisma.$queryRawUnsafe(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
  const [row] = await prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode = WAL");
  // An in-memory database stays in its own mode; a file that refuses WAL would lock readers out.
  if (row?.journal_mode !== "wal" && row?.journal_mode !== "memory") logger.warn({ mode: row?.journal_mode }, "SQLite did not switch to WAL: readers and writers will wait on each other");
}

/**
 * Pool settings that bound every PostgreSQL call: connecting, each statement (on the server and, for
 * a network that holds bytes, on the client), and a session left idle inside a transaction.
 */
function boundedConnections(pg: typeof import("pg").default, limits: DatabaseLimits): import("pg").PoolConfig {
  return {
    Client: boundedClient(pg),
    connectionTimeoutMillis: limits.connectTimeoutMs,
    statement_timeout: limits.statementTimeoutMs,
    // The server's own timeout answers first when it is merely slow; this one when nothing answers.
    query_timeout: limits.statementTimeoutMs + 1000,
    idle_in_transaction_session_timeout: limits.transactionTimeoutMs,
  };
}

/**
 * A pool connection that cannot be lost. One whose answer is overdue is closed, so the pool never
 * hands it out again; one that closes while checked out goes back to the pool (which drops it):
 * Prisma releases a transaction's connection only after its ROLLBACK succeeds, so a connection cut
 * mid-transaction would otherwise hold its pool slot for good.
 */
function boundedClient(pg: typeof import("pg").default) {
  return class BoundedClient extends pg.Client {
    #held: ((error?: Error | boolean) => void) | null = null;

    constructor(config?: string | import("pg").ClientConfig) {
      super(config);
      this.once("end", () => this.release(new Error("Connection closed while checked out")));
    }

    /** Set by the pool at checkout; calling it twice is harmless. */
    get release(): (error?: Error | boolean) => void {
      return (error) => {
        const release = this.#held;
        this.#held = null;
        release?.(error);
      };
    }

    set release(release: (error?: Error | boolean) => void) {
      this.#held = release;
    }

    override query(...args: any[]): any {
      const result = (super.query as (...args: unknown[]) => unknown)(...args);
      if (result instanceof Promise) result.catch((error: unknown) => this.#closeIfOverdue(error));
      return result;
    }

    #closeIfOverdue(error: unknown): void {
      const connection = (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection;
      if (error instanceof Error && error.message === "Query read timeout") connection?.stream?.destroy();
    }
  };
}

const READS = new Set(["findMany", "findFirst", "findFirstOrThrow", "findUnique", "findUniqueOrThrow"]);

/**
 * PostgreSQL's relation joins are opted into where they pay (schema/article-loading.ts). By default a
 * nested relation loads with one `IN` query: a join would build every row of a large relation (an
 * article's 2,000 comments) before paging it, and measured slower on lists too.
 */
const loadRelationsByQuery = {
  query: {
    $allModels: {
      $allOperations({ operation, args, query }: { operation: string; args: object | undefined; query: (args: object | undefined) => Promise<unknown> }) {
        if (!READS.has(operation) || !args || "relationLoadStrategy" in args) return query(args);
        return query({ ...args, relationLoadStrategy: "query" });
      },
    },
  },
};

/** Resolves `file:<path>` relative to the project root, as the Prisma CLI does through prisma.config.ts. */
export function sqlitePath(url: string): string {
  return resolve(root, url.slice("file:".length));
}

/**
 * Applies pending migrations with `prisma migrate deploy` (the JavaScript schema engine). The CLI
 * takes about ten seconds to start, so a database that already has every migration is left as is.
 */
export async function migrate(url: string): Promise<void> {
  if ((await pendingMigrations(url))?.length === 0) return;
  const run = promisify(execFile);
  const databaseUrl = url.startsWith("file:") ? `file:${sqlitePath(url)}` : url;
  if (url.startsWith("file:")) mkdirSync(dirname(sqlitePath(url)), { recursive: true });
  await run(resolve(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}

/** Migrations in the provider's folder that the database has not finished; null when it cannot tell (a new database). */
export async function pendingMigrations(url: string): Promise<string[] | null> {
  const sqlite = url.startsWith("file:");
  const folder = resolve(root, sqlite ? "prisma/migrations" : "prisma/postgresql/migrations");
  const all = readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? [entry.name] : []));
  const sql = "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL";
  let applied: string[];
  try {
    if (sqlite) {
      if (!existsSync(sqlitePath(url))) return null;
      const { default: SQLite } = await import("better-sqlite3");
      const db = new SQLite(sqlitePath(url), { readonly: true, fileMustExist: true });
      try {
        applied = db.prepare<[], string>(sql).pluck().all();
      } finally {
        db.close();
      }
    } else {
      const { default: pg } = await import("pg");
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        applied = (await client.query<{ migration_name: string }>(sql)).rows.map((row) => row.migration_name);
      } finally {
        await client.end();
      }
    }
  } catch {
    return null;
  }
  const done = new Set(applied);
  return all.filter((name) => !done.has(name));
}

/**
 * A newsroom's working set (recent articles, their bylines, authors and threads) lives in
 * memory, where an index probe costs about what a sequential read does. At PostgreSQL's default
 * random_page_cost (4, for spinning disks) the planner scans the whole author table once per
 * article in a page's byline subqueries; at 1.1 it probes the primary key, and the front page's
 * statement costs the database two fifths as much. A connection string carrying its own `options`
 * (`?options=-c%20random_page_cost%3D4`, say) is left to them, so a tuned server keeps its tuning.
 *
 * `genericPlans`: the compiled reads' connections plan each prepared statement once for any values
 * (plan_cache_mode). Left to choose, PostgreSQL plans a statement again on every execution when a
 * value changes its estimate (a search pattern, a cursor read backwards), and the planning costs
 * more than the read; the hot pages' statements are written to be read from their indexes whatever
 * the values, which test/order-indexes.test.ts asks of the generic plans.
 */
export function plannerOptions(url: string, options: { genericPlans?: boolean } = {}): string | undefined {
  if (/[?&]options=/.test(url)) return undefined;
  return options.genericPlans ? "-c random_page_cost=1.1 -c plan_cache_mode=force_generic_plan" : "-c random_page_cost=1.1";
}
