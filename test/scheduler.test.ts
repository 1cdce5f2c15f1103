// The publication scheduler: a scheduled article's publication becomes exactly one PUBLISHED event
// at its time, on a fixed clock, on the real clock by timer, and with two instances racing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { publishArticleScheduled } from "../src/events/publish.js";
import { manualClock, TEST_JWT_SECRET } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { createTestDatabase, providers, testPostgresUrl } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";

const redisUrl = process.env.TEST_REDIS_URL || undefined;
const published = (app: App, articleId: number) => app.database.prisma.articleEvent.count({ where: { articleId, kind: "PUBLISHED" } });

describe.each(providers)("the publication scheduler on %s", (provider) => {
  const clock = manualClock();
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ provider, now: clock.now })));
  afterAll(() => t.close());

  it("records a scheduled article's publication once its time comes on the app's clock, and only once", async () => {
    const at = new Date(clock.now().getTime() + 3_600_000);
    const article = await createArticle(t.prisma, { status: "PUBLISHED", publishedAt: at, publicationPending: true });
    await t.app.scheduler.wake();
    expect(await published(t.app, article.id)).toBe(0);
    clock.advance(3_600_000);
    await t.app.scheduler.wake();
    await t.app.scheduler.wake();
    expect(await published(t.app, article.id)).toBe(1);
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).publicationPending).toBe(false);
  });

  it("does not record a publication for an article unpublished before its claim", async () => {
    const article = await createArticle(t.prisma, { status: "DRAFT", publishedAt: clock.now(), publicationPending: true });
    await t.app.scheduler.wake();
    expect(await published(t.app, article.id)).toBe(0);
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).publicationPending).toBe(false);
  });
});

describe.each(providers)("the publication timer on %s", (provider) => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ provider })));
  afterAll(() => t.close());

  it("publishes at the scheduled time with no one asking, after hearing of the schedule", async () => {
    const at = new Date(Date.now() + 300);
    const article = await createArticle(t.prisma, { status: "PUBLISHED", publishedAt: at, publicationPending: true });
    publishArticleScheduled(t.app.services.events, article.id, at);
    await expect.poll(() => published(t.app, article.id), { timeout: 5000, interval: 50 }).toBe(1);
    const event = await t.prisma.articleEvent.findFirstOrThrow({ where: { articleId: article.id } });
    expect(event.createdAt.getTime()).toBeGreaterThanOrEqual(at.getTime() - 5);
  });
});

describe.runIf(testPostgresUrl && redisUrl)("two instances racing for a publication", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const apps: App[] = [];
  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
    const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: database.url, REDIS_URL: redisUrl, MIGRATE_ON_START: "false", SEED_DEMO_CONTENT: "false", RATE_LIMITS: "false", JWT_SECRET: TEST_JWT_SECRET });
    for (let i = 0; i < 2; i++) apps.push(await createApp({ config }));
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await database.drop();
  });

  it("records exactly one PUBLISHED event per article however the instances race", async () => {
    const [one, two] = apps as [App, App];
    const at = new Date(Date.now() + 300);
    const articles = await Promise.all(
      Array.from({ length: 8 }, () => createArticle(one.database.prisma, { status: "PUBLISHED", publishedAt: at, publicationPending: true })),
    );
    // Scheduled on one instance: the other hears of it through Redis.
    for (const article of articles) publishArticleScheduled(one.services.events, article.id, at);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await Promise.all([one.scheduler.wake(), two.scheduler.wake(), one.scheduler.wake(), two.scheduler.wake()]);
    await expect.poll(() => one.database.prisma.articleEvent.count({ where: { kind: "PUBLISHED", articleId: { in: articles.map((a) => a.id) } } }), { timeout: 5000 }).toBe(8);
    for (const article of articles) expect(await published(two, article.id)).toBe(1);
  });
});
