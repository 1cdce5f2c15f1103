import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import SQLite from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { commentWriteFaults } from "../src/comments/transaction.js";
import { openDatabase, sqlitePath } from "../src/db.js";
import { globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { createTestDatabase, providers, testPostgresUrl, withPostgresAdmin, type Provider } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";
import { startTcpProxy, type TcpProxy } from "./helpers/tcp-proxy.js";

const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { __typename ... on AddCommentPayload { comment { id body } } ... on Error { code } } }`;
const READ = `query ($id: ID!) { node(id: $id) { ... on Article { title comments(first: 5) { totalCount } } } }`;
const guest = { name: "Faulty Network", email: "faults@example.org" };

/** Bounds short enough for a test to wait out, long enough for a loaded machine's healthy queries. */
const LIMITS = { DB_CONNECT_TIMEOUT_MS: "1500", DB_STATEMENT_TIMEOUT_MS: "1500", DB_TRANSACTION_TIMEOUT_MS: "4000", DB_TRANSACTION_MAX_WAIT_MS: "2000", READY_TIMEOUT_MS: "500" };

/** POSTs one operation through yoga.fetch; the status, Retry-After and body. */
async function post(app: App, query: string, variables: Record<string, unknown>) {
  const response = await app.yoga.fetch("http://newsgraph.test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as { data?: any; errors?: any[] } };
}

async function ready(app: App) {
  const response = await app.yoga.fetch("http://newsgraph.test/ready");
  return { status: response.status, body: (await response.json()) as { status: string; checks: { name: string; status: string }[] } };
}

const elapsed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
};

describe.skipIf(!testPostgresUrl)("PostgreSQL behind a proxy that cuts or freezes", () => {
  let proxy: TcpProxy;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: App;
  let articleId: string;
  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
    const direct = new URL(database.url);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: proxy.urlFor(database.url), MIGRATE_ON_START: "false", SEED_DEMO_CONTENT: "false", RESPONSE_CACHE: "false", ...LIMITS });
    app = await createApp({ config });
    articleId = globalId("Article", (await createArticle(app.database.prisma)).id);
  });
  afterEach(() => proxy.restore());
  afterAll(async () => {
    await app.close();
    await proxy.close();
    await database.drop();
  });

  const expectUnavailable = (answer: Awaited<ReturnType<typeof post>>) => {
    expect(answer.status).toBe(503);
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    expect(answer.body.errors?.map((error) => error.extensions.code)).toEqual(["SERVICE_UNAVAILABLE"]);
    expect(answer.body.errors?.[0].message).not.toMatch(/prisma|postgres|connection|127\.0\.0\.1/i);
  };

  it("answers reads and posts during a cut with a typed 503 at once, says so on /ready, and serves again when the cut ends", async () => {
    expect((await post(app, READ, { id: articleId })).status).toBe(200);
    proxy.cut();
    const [read, readMs] = await elapsed(() => post(app, READ, { id: articleId }));
    expectUnavailable(read);
    const [posted, postMs] = await elapsed(() => post(app, ADD, { input: { articleId, body: "Posted into a cut.", guest } }));
    expectUnavailable(posted);
    // Answered while the cut lasts (it ends only below), with no wait near the connect timeout's several multiples.
    expect(Math.max(readMs, postMs)).toBeLessThan(4 * Number(LIMITS.DB_CONNECT_TIMEOUT_MS));
    expect(await ready(app)).toMatchObject({ status: 503, body: { status: "down", checks: [{ name: "database", status: "down" }] } });

    proxy.restore();
    await expect.poll(async () => (await ready(app)).status, { timeout: 10_000 }).toBe(200);
    expect((await post(app, READ, { id: articleId })).body.data.node.title).toBeTruthy();
    const after = await post(app, ADD, { input: { articleId, body: "Posted after the cut.", guest } });
    expect(after.body.data.addComment.__typename).toBe("AddCommentPayload");
    expect(await app.database.prisma.comment.count({ where: { body: "Posted into a cut." } })).toBe(0);
  });

  it("answers reads and posts while frozen within their bounds, /ready within a second, and serves again when it thaws", async () => {
    expect((await post(app, READ, { id: articleId })).status).toBe(200);
    proxy.freeze();
    const [[read, posted], ms] = await elapsed(() =>
      Promise.all([post(app, READ, { id: articleId }), post(app, ADD, { input: { articleId, body: "Posted into a freeze.", guest } })]),
    );
    expectUnavailable(read);
    expectUnavailable(posted);
    // Bounded by the statement and transaction timeouts, not by how long the database stays frozen.
    expect(ms).toBeLessThan(Number(LIMITS.DB_TRANSACTION_TIMEOUT_MS) + 4000);
    const [probe, probeMs] = await elapsed(() => ready(app));
    expect(probe).toMatchObject({ status: 503, body: { status: "down" } });
    expect(probeMs).toBeLessThan(1000);

    proxy.restore();
    await expect.poll(async () => (await ready(app)).status, { timeout: 10_000 }).toBe(200);
    const after = await post(app, ADD, { input: { articleId, body: "Posted after the freeze.", guest } });
    expect(after.body.data.addComment.__typename).toBe("AddCommentPayload");
    // The frozen post was rolled back, not committed when the bytes flowed again.
    expect(await app.database.prisma.comment.count({ where: { body: "Posted into a freeze." } })).toBe(0);
  });

  it("leaves neither comment nor event when the connection is cut between the comment and its event, and loses no pool connection to it", async () => {
    const before = await app.database.prisma.commentEvent.count();
    // More cuts than the pool has connections: a connection lost mid-transaction must not keep its slot.
    for (let cut = 0; cut < 12; cut++) {
      commentWriteFaults.beforeRecordingEvent = () => proxy.cut();
      try {
        expectUnavailable(await post(app, ADD, { input: { articleId, body: "Cut mid-write.", guest } }));
      } finally {
        commentWriteFaults.beforeRecordingEvent = undefined;
        proxy.restore();
      }
    }
    await expect.poll(async () => (await ready(app)).status, { timeout: 10_000 }).toBe(200);
    expect(await app.database.prisma.comment.count({ where: { body: "Cut mid-write." } })).toBe(0);
    expect(await app.database.prisma.commentEvent.count()).toBe(before);
    const after = await post(app, ADD, { input: { articleId, body: "Posted after the cuts.", guest } });
    expect(after.body.data.addComment.__typename).toBe("AddCommentPayload");
  });
});

describe.each(providers)("a comment write on %s", (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ provider });
  });
  afterAll(() => t.close());

  it("is all or nothing: a failure between the comment and its event leaves neither, masked as unexpected", async () => {
    const articleId = globalId("Article", (await createArticle(t.prisma)).id);
    const events = await t.prisma.commentEvent.count();
    commentWriteFaults.beforeRecordingEvent = () => {
      throw new Error("injected fault");
    };
    try {
      const { errors } = await t.graphql(ADD, { variables: { input: { articleId, body: "Half a write.", guest } } });
      expect(errors?.map((error) => error.extensions?.code)).toEqual(["INTERNAL_SERVER_ERROR"]);
    } finally {
      commentWriteFaults.beforeRecordingEvent = undefined;
    }
    expect(await t.prisma.comment.count({ where: { body: "Half a write." } })).toBe(0);
    expect(await t.prisma.commentEvent.count()).toBe(events);
    const { data } = await t.graphql(ADD, { variables: { input: { articleId, body: "A whole write.", guest } } });
    expect(data.addComment.__typename).toBe("AddCommentPayload");
  });
});

describe("SQLite locked by another writer", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ provider: "sqlite", env: { DB_STATEMENT_TIMEOUT_MS: "300" } });
  });
  afterAll(() => t.close());

  it("answers a post with a typed 503 once the busy timeout passes, and takes it when the lock is released", async () => {
    const articleId = globalId("Article", (await createArticle(t.prisma)).id);
    const other = new SQLite(sqlitePath(t.app.config.databaseUrl));
    other.exec("BEGIN IMMEDIATE");
    try {
      const locked = await t.graphql(ADD, { variables: { input: { articleId, body: "Behind a lock.", guest } } });
      expect(locked.status).toBe(503);
      expect(locked.errors?.map((error) => error.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    const { data } = await t.graphql(ADD, { variables: { input: { articleId, body: "Behind a lock.", guest } } });
    expect(data.addComment.__typename).toBe("AddCommentPayload");
    expect(await t.prisma.comment.count({ where: { body: "Behind a lock." } })).toBe(1);
  });
});

/** Every server process a test started, killed when the file is done whatever happened. */
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
});

/** Starts `npm start`'s entry point on a free port; resolves once it serves, with its URL. */
async function startServerProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  // Node itself, not the tsx wrapper: a signal must reach the server, not a parent that would outlive it.
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: { ...process.env, NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", MIGRATE_ON_START: "false", SEED_DEMO_CONTENT: "false", LOG_LEVEL: "silent", RATE_LIMITS: "false", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /serving \S+ at (\S+)/.exec(output);
      if (match) resolve(match[1]!.replace("localhost", "127.0.0.1"));
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => reject(new Error(`server exited ${code}: ${output}`)));
  });
  return { child, url, output: () => output };
}

const postOver = (url: string, variables: Record<string, unknown>) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: ADD, variables }) });

describe.skipIf(!testPostgresUrl)("SIGTERM while PostgreSQL is frozen", () => {
  it("exits within the shutdown grace period, leaving no transaction open", { timeout: 120_000 }, async () => {
    const database = await createTestDatabase("postgresql");
    const direct = new URL(database.url);
    const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const grace = 3000;
    const server = await startServerProcess({ DATABASE_URL: proxy.urlFor(database.url), SHUTDOWN_TIMEOUT_MS: String(grace), DB_TRANSACTION_TIMEOUT_MS: "20000", DB_STATEMENT_TIMEOUT_MS: "20000" });
    try {
      const seeded = await openDatabase({ url: database.url });
      const articleId = globalId("Article", (await createArticle(seeded.prisma)).id);
      await seeded.close();
      // A post that has begun its transaction when the database freezes.
      expect((await postOver(server.url, { input: { articleId, body: "Before the freeze.", guest } })).status).toBe(200);
      proxy.freeze();
      const inFlight = postOver(server.url, { input: { articleId, body: "Frozen in flight.", guest } }).catch(() => null);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const start = performance.now();
      server.child.kill("SIGTERM");
      // The database comes back as the signal lands.
      setTimeout(() => proxy.restore(), 500);
      const [code] = (await once(server.child, "exit")) as [number | null];
      expect(performance.now() - start, server.output()).toBeLessThan(grace + 3000);
      expect(code).not.toBeNull();
      await inFlight;
      await expect
        .poll(() =>
          withPostgresAdmin(async (admin) => (await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state LIKE 'idle in transaction%'", [direct.pathname.slice(1)])).rows[0].n),
        )
        .toBe(0);
    } finally {
      server.child.kill("SIGKILL");
      await proxy.close();
      await database.drop();
    }
  });
});

describe.each(providers)("SIGKILL while posting on %s", (provider: Provider) => {
  it("loses no comment whose post was acknowledged", { timeout: 120_000 }, async () => {
    const database = await createTestDatabase(provider);
    const server = await startServerProcess({ DATABASE_URL: database.url });
    const seeded = await openDatabase({ url: database.url });
    try {
      const article = await createArticle(seeded.prisma);
      const articleId = globalId("Article", article.id);
      const acknowledged: string[] = [];
      const answers: Record<string, number> = {};
      let killed = false;
      const posts = Array.from({ length: 200 }, async (_, n) => {
        // Spread over a moment, so the kill lands among posts in every stage.
        await new Promise((resolve) => setTimeout(resolve, n * 10));
        const response = await postOver(server.url, { input: { articleId, body: `Post ${n} before the kill.`, guest } }).catch(() => null);
        const body = (await response?.json().catch(() => null)) as { data?: { addComment?: { comment?: { body: string } } }; errors?: { extensions?: { code?: string } }[] } | null;
        const answer = body?.data?.addComment?.comment ? "acknowledged" : (body?.errors?.[0]?.extensions?.code ?? (response ? `HTTP ${response.status}` : "no answer"));
        answers[answer] = (answers[answer] ?? 0) + 1;
        if (body?.data?.addComment?.comment) acknowledged.push(body.data.addComment.comment.body);
        if (acknowledged.length >= 20 && !killed) {
          killed = true;
          server.child.kill("SIGKILL");
        }
      });
      await Promise.all(posts);
      console.log(`SIGKILL among 200 posts on ${provider}: ${JSON.stringify(answers)}`);
      expect(killed, JSON.stringify(answers)).toBe(true);
      expect(acknowledged.length).toBeLessThan(200);
      const stored = new Set((await seeded.prisma.comment.findMany({ where: { articleId: article.id }, select: { body: true } })).map((row) => row.body));
      expect(acknowledged.filter((body) => !stored.has(body))).toEqual([]);
      // Every stored comment has its event: none was half written.
      const events = await seeded.prisma.commentEvent.count({ where: { kind: "ADDED", comment: { body: { in: [...stored] } } } });
      expect(events).toBe(stored.size);
    } finally {
      server.child.kill("SIGKILL");
      await seeded.close();
      await database.drop();
    }
  });
});
