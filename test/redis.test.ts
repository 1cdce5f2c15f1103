// Two server instances sharing PostgreSQL and Redis: a comment posted on one reaches a subscriber
// on the other. Runs when TEST_DATABASE_URL and TEST_REDIS_URL are both set.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp, type App } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { log } from "../src/log.js";
import { startServer, type RunningServer } from "../src/server.js";
import { globalId } from "./helpers/auth.js";
import { createTestDatabase, testPostgresUrl } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";
import { connect, subscribe } from "./helpers/ws.js";

const redisUrl = process.env.TEST_REDIS_URL || undefined;

describe.runIf(testPostgresUrl && redisUrl)("two instances over Redis", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const apps: App[] = [];
  const servers: RunningServer[] = [];
  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
    const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: database.url, REDIS_URL: redisUrl, MIGRATE_ON_START: "false", SEED_DEMO_CONTENT: "false", RATE_LIMITS: "false" });
    for (let i = 0; i < 2; i++) {
      const app = await createApp({ config });
      apps.push(app);
      servers.push(await startServer(app, { port: 0, host: "127.0.0.1" }));
    }
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database.drop();
  });

  it("delivers a comment posted on one instance to a subscriber on the other", async () => {
    const [one, two] = servers as [RunningServer, RunningServer];
    expect(one.port).not.toBe(two.port);
    const article = await createArticle(apps[0]!.database.prisma);
    const articleId = globalId("Article", article.id);
    const client = connect(two.url);
    const feed = subscribe(client, `subscription ($a: ID!) { commentAdded(articleId: $a) { ... on CommentAdded { cursor comment { body } } } }`, { a: articleId });
    await feed.expectSilence(500); // let the subscription reach Redis
    for (const body of ["across instances", "and another"]) {
      const response = await fetch(one.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `mutation ($input: AddCommentInput!) { addComment(input: $input) { __typename } }`,
          variables: { input: { articleId, body, guest: { name: "Redis Guest", email: "redis@example.org" } } },
        }),
      });
      expect(((await response.json()) as any).data.addComment.__typename).toBe("AddCommentPayload");
    }
    expect((await feed.next()).data.commentAdded.comment.body).toBe("across instances");
    expect((await feed.next()).data.commentAdded.comment.body).toBe("and another");
    await client.dispose();
  });

  it("stops without calling its own close an outage: no \"Redis unreachable\" in the log", async () => {
    const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: database.url, REDIS_URL: redisUrl, MIGRATE_ON_START: "false", SEED_DEMO_CONTENT: "false", RATE_LIMITS: "false" });
    const app = await createApp({ config });
    const server = await startServer(app, { port: 0, host: "127.0.0.1" });
    expect(app.services.events.redis).toBe("up");
    const warn = vi.spyOn(log, "warn");
    try {
      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(warn.mock.calls.map((call) => String(call.at(-1)))).not.toContainEqual(expect.stringMatching(/Redis unreachable/));
    } finally {
      warn.mockRestore();
    }
  });
});
