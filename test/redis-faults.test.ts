// Redis killed under two instances: both keep serving HTTP and their own subscribers, say so on
// /ready and /metrics, and share live events again once Redis returns, with nothing missed by a
// subscriber that was open all along or that resumes by cursor. The test owns its Redis (a
// redis-server on a free port), so it can kill it; it runs where redis-server is installed.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { startServer, type RunningServer } from "../src/server.js";
import { globalId } from "./helpers/auth.js";
import { createTestDatabase, testPostgresUrl } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";
import { connect, subscribe, type Subscription } from "./helpers/ws.js";

const hasRedisServer = spawnSync("redis-server", ["--version"]).status === 0;
const COMMENT_ADDED = `subscription ($a: ID!, $after: Cursor) { commentAdded(articleId: $a, after: $after) { ... on CommentAdded { cursor comment { body } } } }`;
const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { __typename ... on AddCommentPayload { cursor } } }`;

describe.runIf(hasRedisServer)("Redis down under two instances", () => {
  const provider = testPostgresUrl ? "postgresql" : "sqlite";
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let redisPort: number;
  let redis: ChildProcess;
  const apps: App[] = [];
  let a: RunningServer;
  let b: RunningServer;
  let articleId: string;
  let bFeed: Subscription;
  let cursorBeforeOutage: string;
  const clients: ReturnType<typeof connect>[] = [];

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    database = await createTestDatabase(provider);
    const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: database.url, REDIS_URL: `redis://127.0.0.1:${redisPort}`, MIGRATE_ON_START: "false", SEED_DEMO_CONTENT: "false", RATE_LIMITS: "false" });
    const servers: RunningServer[] = [];
    for (let i = 0; i < 2; i++) {
      const app = await createApp({ config });
      apps.push(app);
      servers.push(await startServer(app, { port: 0, host: "127.0.0.1" }));
    }
    [a, b] = servers as [RunningServer, RunningServer];
    articleId = globalId("Article", (await createArticle(apps[0]!.database.prisma)).id);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await Promise.all([a, b].map((server) => server?.stop()));
    redis?.kill("SIGKILL");
    await database?.drop();
  });

  it("shares a comment posted on one instance with a subscriber on the other while Redis is up", async () => {
    bFeed = subscribe(track(connect(b.url)), COMMENT_ADDED, { a: articleId });
    await bFeed.expectSilence(300);
    await post(a, articleId, "before the outage");
    const message = await bFeed.next();
    expect(message.data.commentAdded.comment.body).toBe("before the outage");
    cursorBeforeOutage = message.data.commentAdded.cursor;
    expect(await redisUp(a)).toBe(1);
  });

  it("keeps both instances serving HTTP and their own subscribers while Redis is down, and says degraded", async () => {
    redis.kill("SIGKILL");
    await new Promise((resolve) => redis.once("exit", resolve));
    for (const server of [a, b]) await until(async () => (await redisUp(server)) === 0);
    // Long enough for commands sent to a dead Redis to exhaust their retries.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const server of [a, b]) {
      const ready = await fetch(new URL("/ready", server.url));
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: "degraded", checks: expect.arrayContaining([expect.objectContaining({ name: "redis", status: "degraded" })]) });
    }
    const aFeed = subscribe(track(connect(a.url)), COMMENT_ADDED, { a: articleId });
    await aFeed.expectSilence(300);
    for (const body of ["during the outage 1", "during the outage 2"]) expect(await post(a, articleId, body)).toBe("AddCommentPayload");
    expect((await aFeed.next()).data.commentAdded.comment.body).toBe("during the outage 1");
    expect((await aFeed.next()).data.commentAdded.comment.body).toBe("during the outage 2");
    const health = await fetch(new URL("/health", b.url));
    expect(health.status).toBe(200);
  });

  it("resumes sharing when Redis returns, with nothing missed by an open subscriber or one resuming by cursor", async () => {
    // A topic first followed while Redis is out must be subscribed once it returns.
    const other = globalId("Article", (await createArticle(apps[0]!.database.prisma)).id);
    const otherFeed = subscribe(track(connect(b.url)), COMMENT_ADDED, { a: other });
    await otherFeed.expectSilence(300);
    redis = await startRedis(redisPort);
    for (const server of [a, b]) await until(async () => (await redisUp(server)) === 1);
    expect((await fetch(new URL("/ready", b.url))).status).toBe(200);

    // The subscriber open on B all along got what A took during the outage, in order, once each.
    const bodies = async (feed: Subscription, count: number) => {
      const seen: string[] = [];
      for (let i = 0; i < count; i++) seen.push((await feed.next()).data.commentAdded.comment.body);
      return seen;
    };
    expect(await bodies(bFeed, 2)).toEqual(["during the outage 1", "during the outage 2"]);
    const resumed = subscribe(track(connect(b.url)), COMMENT_ADDED, { a: articleId, after: cursorBeforeOutage });
    expect(await bodies(resumed, 2)).toEqual(["during the outage 1", "during the outage 2"]);

    await post(a, articleId, "after the outage");
    await post(a, other, "on a topic followed during the outage");
    expect(await bodies(bFeed, 1)).toEqual(["after the outage"]);
    expect(await bodies(resumed, 1)).toEqual(["after the outage"]);
    expect(await bodies(otherFeed, 1)).toEqual(["on a topic followed during the outage"]);
    await bFeed.expectSilence(300);
  });

  function track(client: ReturnType<typeof connect>) {
    clients.push(client);
    return client;
  }
});

async function post(server: RunningServer, articleId: string, body: string): Promise<string> {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: ADD, variables: { input: { articleId, body, guest: { name: "Outage Guest", email: "outage@example.org" } } } }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as any).data.addComment.__typename;
}

/** The instance's newsgraph_redis_up gauge. */
async function redisUp(server: RunningServer): Promise<number | null> {
  const text = await (await fetch(new URL("/metrics", server.url))).text();
  const match = /^newsgraph_redis_up (\d)$/m.exec(text);
  return match ? Number(match[1]) : null;
}

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway redis-server on `port`, without persistence; resolves once it accepts connections. */
function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
}
