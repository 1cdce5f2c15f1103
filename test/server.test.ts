import { spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { ConfigError, loadConfig } from "../src/config.js";
import { openDatabase, pendingMigrations } from "../src/db.js";
import type { RunningServer } from "../src/server.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { createTestDatabase, providers } from "./helpers/databases.js";

describe("the server on a real port", () => {
  let t: TestApp;
  let server: RunningServer;
  beforeAll(async () => {
    t = await createTestApp({ provider: "sqlite" });
    server = await t.listen();
  });
  afterAll(() => t.close());

  it("answers /health and /ready", async () => {
    const base = new URL(server.url).origin;
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });

  it("takes request bodies up to 1 MiB and refuses larger ones with a typed 413, declared or streamed", async () => {
    const padded = JSON.stringify({ query: `{ articles(first: 1) { totalCount } }${" ".repeat(200_000)}` });
    const ok = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: padded });
    expect(ok.status).toBe(200);
    expect((await ok.json()).data.articles.totalCount).toBeGreaterThan(0);

    const huge = JSON.stringify({ query: `{ __typename }${" ".repeat(2 * 1024 * 1024)}` });
    const declared = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: huge });
    const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(server.url, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      });
      req.on("error", reject);
      for (let i = 0; i < huge.length; i += 64 * 1024) req.write(huge.slice(i, i + 64 * 1024));
      req.end();
    });
    const declaredBody = await declared.text();
    expect([declared.status, streamed.status]).toEqual([413, 413]);
    expect(JSON.parse(declaredBody)).toEqual({ errors: [{ message: "Request body too large", extensions: { code: "REQUEST_ENTITY_TOO_LARGE" } }] });
    expect(JSON.parse(streamed.body)).toEqual(JSON.parse(declaredBody));
    // Both ways of holding a body to the limit are counted, and answer alike (above).
    const bodies = async () => {
      const text = await (await fetch(server.url.replace(/graphql$/, "metrics"))).text();
      return {
        declared: Number(/newsgraph_request_bodies_total\{limit="declared"\} (\d+)/.exec(text)![1]),
        streamed: Number(/newsgraph_request_bodies_total\{limit="streamed"\} (\d+)/.exec(text)![1]),
        readBeforeYoga: Number(/newsgraph_request_bodies_read_before_yoga_total (\d+)/.exec(text)![1]),
      };
    };
    const before = await bodies();
    await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ __typename }"}' });
    const small = await new Promise<number>((resolve, reject) => {
      // A connection of its own: the one refused above is not to be reused.
      const req = httpRequest(server.url, { method: "POST", agent: false, headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      });
      req.on("error", reject);
      req.end('{"query":"{ __typename }"}');
    });
    expect(small).toBe(200);
    // The declared body was read before Yoga; the streamed one reached Yoga as it came.
    expect(await bodies()).toEqual({ declared: before.declared + 1, streamed: before.streamed + 1, readBeforeYoga: before.readBeforeYoga + 1 });
    // The server is still answering.
    expect((await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ __typename }"}' })).status).toBe(200);
  });

  it("counts SQL statements and live subscribers on /metrics", async () => {
    const base = new URL(server.url).origin;
    const statements = async () => Number(/newsgraph_sql_statements_total (\d+)/.exec(await (await fetch(`${base}/metrics`)).text())![1]);
    const before = await statements();
    await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ articles { totalCount } }" }) });
    expect(await statements()).toBeGreaterThan(before);
  });

  it("serves GraphiQL on the GraphQL endpoint, set up for WebSocket subscriptions", async () => {
    const response = await fetch(server.url, { headers: { accept: "text/html" } });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toMatch(/GraphiQL|graphiql/);
    expect(html).toMatch(/"subscriptionsProtocol":"WS"/);
    expect(html).toMatch(/FrontPage/);
  });

  it("answers GraphQL over graphql-ws on the same port and path", async () => {
    const client = createClient({ url: server.url.replace("http", "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const result = await new Promise<any>((resolve, reject) => {
        let value: unknown;
        client.subscribe({ query: "{ articles(first: 1) { nodes { title } } }" }, { next: (v) => (value = v), error: reject, complete: () => resolve(value) });
      });
      expect(result.data.articles.nodes[0].title).toMatch(/Geneva/);
    } finally {
      await client.dispose();
    }
  });
});

describe("shutdown", () => {
  it("finishes in-flight requests, then refuses new connections", async () => {
    const t = await createTestApp({ provider: "sqlite" });
    const server = await t.listen();
    // The instance's own first passes (publications and closings due) read the database too: let them end first.
    await Promise.all([t.app.scheduler.wake(), t.app.closing.wake()]);
    const inFlight = fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ articles(first: 100) { totalCount nodes { title body { __typename } comments(first: 100) { totalCount } } } }" }),
    });
    // Stop only once the request is being executed (its first SQL statement has gone out).
    const before = t.app.database.statements.count;
    await expect.poll(() => t.app.database.statements.count, { interval: 1, timeout: 10_000 }).toBeGreaterThan(before);
    const stopped = server.stop();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).data.articles.totalCount).toBe(3);
    await stopped;
    await expect(fetch(server.url)).rejects.toThrow();
    await t.close();
  });
});

describe("configuration", () => {
  it("names the variable at fault in one line", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/^Invalid PORT="eighty"/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ COMMENT_MAX_DEPTH: "0" })).toThrow(/COMMENT_MAX_DEPTH/);
    expect(loadConfig({}).database).toBe("sqlite");
    expect(loadConfig({ DATABASE_URL: "postgresql://u@h/db" }).database).toBe("postgresql");
  });

  it("refuses to start on a bad value, printing one line and exiting 1", async () => {
    const child = spawn("node_modules/.bin/tsx", ["src/main.ts"], { env: { ...process.env, PORT: "-3" }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([expect.stringMatching(/^newsgraph: Invalid PORT="-3"/)]);
  });
});

describe.each(providers)("migrations at start on %s", (provider) => {
  it("finds nothing pending on a migrated database (so the CLI is not started) and names what one lacks", async () => {
    const database = await createTestDatabase(provider);
    try {
      expect(await pendingMigrations(database.url)).toEqual([]);
      const db = await openDatabase({ url: database.url });
      const [last] = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>("SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1");
      await db.prisma.$executeRawUnsafe(`DELETE FROM _prisma_migrations WHERE migration_name = '${last!.migration_name}'`);
      await db.close();
      expect(await pendingMigrations(database.url)).toEqual([last!.migration_name]);
    } finally {
      await database.drop();
    }
  });

  it("cannot tell for a database that has never been migrated", async () => {
    expect(await pendingMigrations(provider === "sqlite" ? "file:data/test/never-created.db" : "postgresql://postgres@127.0.0.1:1/none")).toBeNull();
  });
});
