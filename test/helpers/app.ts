// An app on a fresh copy of the template database, queried through yoga.fetch (the front door).
import type { ExecutionResult } from "graphql";
import { createApp, type App } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { startServer, type RunningServer } from "../../src/server.js";
import { TEST_JWT_SECRET } from "./auth.js";
import { createTestDatabase, type Provider } from "./databases.js";

export interface TestApp {
  app: App;
  prisma: App["database"]["prisma"];
  /** POSTs one operation; returns the parsed body and the HTTP status. */
  graphql<TData = any>(query: string, options?: { variables?: Record<string, unknown>; headers?: Record<string, string> }): Promise<ExecutionResult<TData> & { status: number }>;
  /** SQL statements sent while `run` ran. */
  countStatements(run: () => Promise<unknown>): Promise<number>;
  /** Serves the app on a real port (HTTP + WebSocket). */
  listen(): Promise<RunningServer>;
  close(): Promise<void>;
}

export async function createTestApp(options: { provider: Provider; env?: Record<string, string>; now?: () => Date }): Promise<TestApp> {
  const database = await createTestDatabase(options.provider);
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: database.url,
    MIGRATE_ON_START: "false",
    SEED_DEMO_CONTENT: "false",
    // Fixtures write through Prisma, around the API; the cache has its own suite.
    RESPONSE_CACHE: "false",
    // Suites post in quick succession from one address; rate limits have their own suite.
    RATE_LIMITS: "false",
    JWT_SECRET: TEST_JWT_SECRET,
    ...options.env,
  });
  const app = await createApp({ config, now: options.now });
  const servers: RunningServer[] = [];

  const graphql: TestApp["graphql"] = async (query, { variables, headers } = {}) => {
    const response = await app.yoga.fetch("http://newsgraph.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { ...((await response.json()) as ExecutionResult<any>), status: response.status };
  };

  return {
    app,
    prisma: app.database.prisma,
    graphql,
    async countStatements(run) {
      const before = app.database.statements.count;
      await run();
      return app.database.statements.count - before;
    },
    async listen() {
      const server = await startServer(app, { port: 0, host: "127.0.0.1" });
      servers.push(server);
      return server;
    },
    async close() {
      if (servers.length > 0) await Promise.all(servers.map((server) => server.stop()));
      else await app.close();
      await database.drop();
    },
  };
}
