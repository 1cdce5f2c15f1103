// Test databases: one migrated, seeded template per provider; each suite gets a fresh copy.
import { createHash, randomUUID } from "node:crypto";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";

export type Provider = "sqlite" | "postgresql";

export const TEST_DATA_DIR = resolve("data/test");
export const SQLITE_TEMPLATE = join(TEST_DATA_DIR, "template.db");
/** One template per checkout, so two checkouts' test runs on one PostgreSQL server do not drop each other's. */
export const PG_TEMPLATE = `newsgraph_test_template_${createHash("sha1").update(process.cwd()).digest("hex").slice(0, 8)}`;

/** The PostgreSQL server for tests, when the PostgreSQL suite is switched on. */
export const testPostgresUrl = process.env.TEST_DATABASE_URL || undefined;

export const providers: Provider[] = testPostgresUrl ? ["sqlite", "postgresql"] : ["sqlite"];

export function postgresUrlFor(database: string): string {
  const url = new URL(testPostgresUrl!);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withPostgresAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh database copied from the template; returns its URL and how to drop it. */
export async function createTestDatabase(provider: Provider): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `newsgraph_t_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  if (provider === "sqlite") {
    mkdirSync(TEST_DATA_DIR, { recursive: true });
    const file = join(TEST_DATA_DIR, `${name}.db`);
    copyFileSync(SQLITE_TEMPLATE, file);
    return {
      url: `file:${file}`,
      drop: async () => {
        for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
      },
    };
  }
  await withPostgresAdmin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${PG_TEMPLATE}"`));
  return {
    url: postgresUrlFor(name),
    drop: () => withPostgresAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * Each way a comment can be written: SQLite, PostgreSQL's one-statement post, and PostgreSQL with
 * every post in a Prisma transaction, so both write paths pass the same behavioural suites.
 */
export const postingPaths: { name: string; provider: Provider; env: Record<string, string> }[] = [
  { name: "sqlite", provider: "sqlite", env: {} },
  ...(testPostgresUrl
    ? [
        { name: "postgresql", provider: "postgresql" as const, env: {} },
        { name: "postgresql, every post a transaction", provider: "postgresql" as const, env: { ONE_STATEMENT_POSTS: "false" } },
      ]
    : []),
];

/** The executors an operation may run on (src/execution/executor.ts), by the GRAPHQL_JIT each sets. */
export const executors = [
  { name: "graphql-jit", env: { GRAPHQL_JIT: "true" } },
  { name: "Yoga's executor", env: { GRAPHQL_JIT: "false" } },
] as const;

/** Every provider on every executor: the suites that hold the API's promises run on each pair. */
export const providersAndExecutors = providers.flatMap((provider) => executors.map((executor) => ({ provider, executor: executor.name, env: executor.env })));
