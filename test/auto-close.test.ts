// Comments that close by themselves: N days after publication (the article's days, else the site's),
// refused from the close time on, on both posting paths; the moment reaches caches and live readers.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bearer, globalId, manualClock } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { postingPaths, providers } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";
import { connect, subscribe } from "./helpers/ws.js";

const DAY = 24 * 60 * 60 * 1000;
const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) {
  __typename ... on AddCommentPayload { comment { id } } ... on Error { code } } }`;
const SITE = `mutation ($input: ModerationSettingsInput!) { setModerationSettings(input: $input) {
  __typename ... on ModerationSettingsPayload { settings { commentsCloseAfterDays } } ... on ValidationError { code problems { path } } } }`;
const ARTICLE_SETTINGS = `mutation ($input: CommentSettingsInput!) { setCommentSettings(input: $input) {
  __typename ... on ArticlePayload { article { commentsOpen commentsCloseAt } } ... on Error { code } } }`;
const ARTICLE = `query ($id: ID!) { node(id: $id) { ... on Article { commentsOpen commentsCloseAt } } }`;
const guest = { name: "Gina Guest", email: "gina@example.org" };

/** Sets the site's closing days (null: never) as an admin. */
async function setSiteDays(t: TestApp, days: number | null) {
  const result = await t.graphql(SITE, { variables: { input: { commentsCloseAfterDays: days } }, headers: { authorization: await bearer({ roles: ["ADMIN"], subject: "admin" }) } });
  expect(result.data?.setModerationSettings).toMatchObject({ settings: { commentsCloseAfterDays: days } });
}

/** Sets an article's own closing days (null: the site's) as a moderator; gives what the article then says. */
async function setArticleDays(t: TestApp, articleId: number, days: number | null) {
  const input = { articleId: globalId("Article", articleId), closeAfterDays: days };
  const result = await t.graphql(ARTICLE_SETTINGS, { variables: { input }, headers: { authorization: await bearer({ roles: ["MODERATOR"], subject: "mod" }) } });
  return result.data?.setCommentSettings;
}

const post = async (t: TestApp, articleId: number, parentId?: string) =>
  (await t.graphql(ADD, { variables: { input: { articleId: globalId("Article", articleId), parentId, body: "A comment.", guest } } })).data?.addComment;

/** Posts written so far by each path, from /metrics: [one statement, transaction]. */
async function postsByPath(t: TestApp) {
  const text = await (await t.app.yoga.fetch("http://newsgraph.test/metrics")).text();
  return ["one_statement", "transaction"].map((path) => Number(new RegExp(`newsgraph_comment_posts_total\\{path="${path}"\\} (\\d+)`).exec(text)![1]));
}

const read = async (t: TestApp, articleId: number) => (await t.graphql(ARTICLE, { variables: { id: globalId("Article", articleId) } })).data?.node;

describe.each(postingPaths)("comments closing by time on $name", ({ provider, env }) => {
  const clock = manualClock();
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ provider, env, now: clock.now })));
  afterAll(() => t.close());

  // The accepted posts went the way this path writes, so each path's own check is what refused the others.
  const expectWrittenBy = async (before: number[], count: number) => {
    const oneStatement = provider === "postgresql" && env.ONE_STATEMENT_POSTS !== "false";
    expect(await postsByPath(t)).toEqual([before[0]! + (oneStatement ? count : 0), before[1]! + (oneStatement ? 0 : count)]);
  };

  it("takes comments until one millisecond before the site's close time and refuses them, replies too, from that moment", async () => {
    await setSiteDays(t, 2);
    const before = await postsByPath(t);
    const publishedAt = new Date(clock.now().getTime() - 2 * DAY + 1);
    const article = await createArticle(t.prisma, { publishedAt });
    expect(await read(t, article.id)).toEqual({ commentsOpen: true, commentsCloseAt: new Date(publishedAt.getTime() + 2 * DAY).toISOString() });
    const top = await post(t, article.id);
    expect(top.__typename).toBe("AddCommentPayload");
    clock.advance(1);
    expect(await post(t, article.id)).toEqual({ __typename: "CommentsClosedError", code: "COMMENTS_CLOSED" });
    expect(await post(t, article.id, top.comment.id)).toMatchObject({ code: "COMMENTS_CLOSED" });
    expect((await read(t, article.id)).commentsOpen).toBe(false);
    expect(await t.prisma.comment.count({ where: { articleId: article.id } })).toBe(1);
    await expectWrittenBy(before, 1);
  });

  it("lets an article keep its comments open longer than the site's default, and go back to the default", async () => {
    await setSiteDays(t, 2);
    const publishedAt = new Date(clock.now().getTime() - 3 * DAY);
    const article = await createArticle(t.prisma, { publishedAt });
    const before = await postsByPath(t);
    expect(await post(t, article.id)).toMatchObject({ code: "COMMENTS_CLOSED" });
    expect(await setArticleDays(t, article.id, 5)).toEqual({
      __typename: "ArticlePayload",
      article: { commentsOpen: true, commentsCloseAt: new Date(publishedAt.getTime() + 5 * DAY).toISOString() },
    });
    expect((await post(t, article.id)).__typename).toBe("AddCommentPayload");
    expect((await setArticleDays(t, article.id, null)).article.commentsOpen).toBe(false);
    expect(await post(t, article.id)).toMatchObject({ code: "COMMENTS_CLOSED" });
    await expectWrittenBy(before, 1);
  });

  it("lets an article close sooner than the site's default", async () => {
    await setSiteDays(t, 30);
    const article = await createArticle(t.prisma, { publishedAt: new Date(clock.now().getTime() - 2 * DAY) });
    expect((await post(t, article.id)).__typename).toBe("AddCommentPayload");
    await setArticleDays(t, article.id, 1);
    expect(await post(t, article.id)).toMatchObject({ code: "COMMENTS_CLOSED" });
  });

  it("never closes comments by time when neither the site nor the article sets days", async () => {
    await setSiteDays(t, null);
    const article = await createArticle(t.prisma, { publishedAt: new Date(clock.now().getTime() - 3650 * DAY) });
    expect(await read(t, article.id)).toEqual({ commentsOpen: true, commentsCloseAt: null });
    expect((await post(t, article.id)).__typename).toBe("AddCommentPayload");
  });

  it("keeps a switched-off article closed whatever its close time", async () => {
    await setSiteDays(t, null);
    const article = await createArticle(t.prisma, { commentsOpen: false, publishedAt: clock.now() });
    await setArticleDays(t, article.id, 10);
    expect((await read(t, article.id)).commentsOpen).toBe(false);
    expect(await post(t, article.id)).toMatchObject({ code: "COMMENTS_CLOSED" });
  });
});

describe.each(providers)("closing settings on %s", (provider) => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ provider })));
  afterAll(() => t.close());

  it("refuses days outside 1 to 3,650, naming each bad field, and changes nothing", async () => {
    const admin = { authorization: await bearer({ roles: ["ADMIN"], subject: "admin" }) };
    const bad = await t.graphql(SITE, { variables: { input: { maxLinks: -1, commentsCloseAfterDays: 0 } }, headers: admin });
    expect(bad.data?.setModerationSettings.problems.map((p: { path: string[] }) => p.path)).toEqual([["maxLinks"], ["commentsCloseAfterDays"]]);
    const article = await createArticle(t.prisma);
    expect(await setArticleDays(t, article.id, 3651)).toMatchObject({ code: "VALIDATION_FAILED" });
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).commentsCloseAfterDays).toBeNull();
  });

  it("lets only admins set the site's days", async () => {
    const result = await t.graphql(SITE, { variables: { input: { commentsCloseAfterDays: 3 } }, headers: { authorization: await bearer({ roles: ["MODERATOR"] }) } });
    expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe.each(providers)("the moment comments close, on %s", (provider) => {
  const clock = manualClock();
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp({ provider, env: { RESPONSE_CACHE: "true" }, now: clock.now });
    url = (await t.listen()).url;
  });
  afterAll(() => t.close());
  afterEach(() => expect.poll(() => t.app.services.articleFeeds.size).toBe(0));

  it("drops the cached article page at the close time, recording the closing once", async () => {
    const article = await createArticle(t.prisma, { publishedAt: new Date(clock.now().getTime() - DAY + 1000) });
    await setArticleDays(t, article.id, 1);
    await t.app.closing.wake();
    expect((await read(t, article.id)).commentsOpen).toBe(true);
    const hits = t.app.responseCache!.hits;
    expect((await read(t, article.id)).commentsOpen).toBe(true);
    expect(t.app.responseCache!.hits).toBe(hits + 1);
    clock.advance(1000);
    // Until the closing is announced, the cached page is what anonymous readers get.
    expect((await read(t, article.id)).commentsOpen).toBe(true);
    await t.app.closing.wake();
    await t.app.closing.wake();
    await expect.poll(async () => (await read(t, article.id)).commentsOpen).toBe(false);
    expect(await t.prisma.articleEvent.count({ where: { articleId: article.id, kind: "COMMENTS_CLOSED" } })).toBe(1);
  });

  it("tells a live reader of the article that its comments closed", async () => {
    const article = await createArticle(t.prisma, { publishedAt: new Date(clock.now().getTime() - 2 * DAY + 1000) });
    await setArticleDays(t, article.id, 2);
    const client = connect(url);
    const feed = subscribe(client, `subscription ($id: ID!) { articleUpdated(id: $id) { __typename ... on ArticleUpdate { kind article { commentsOpen } } } }`, { id: globalId("Article", article.id) });
    await expect.poll(() => t.app.services.articleFeeds.size).toBe(1);
    clock.advance(1000);
    await t.app.closing.wake();
    expect((await feed.next()).data.articleUpdated).toEqual({ __typename: "ArticleUpdate", kind: "COMMENTS_CLOSED", article: { commentsOpen: false } });
    client.dispose();
  });

  it("announces a closing again when a later close time comes after reopening", async () => {
    const article = await createArticle(t.prisma, { publishedAt: new Date(clock.now().getTime() - 2 * DAY) });
    await setArticleDays(t, article.id, 1);
    await t.app.closing.wake();
    await setArticleDays(t, article.id, 3);
    await t.app.closing.wake();
    expect((await read(t, article.id)).commentsOpen).toBe(true);
    clock.advance(DAY);
    await t.app.closing.wake();
    expect(await t.prisma.articleEvent.count({ where: { articleId: article.id, kind: "COMMENTS_CLOSED" } })).toBe(2);
  });
});

describe.each(providers)("the closing timer on the real clock, on %s", (provider) => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ provider })));
  afterAll(() => t.close());

  it("records the closing at its time with no one asking", async () => {
    const article = await createArticle(t.prisma, { publishedAt: new Date(Date.now() - DAY + 300) });
    await setArticleDays(t, article.id, 1);
    await expect.poll(() => t.prisma.articleEvent.count({ where: { articleId: article.id, kind: "COMMENTS_CLOSED" } }), { timeout: 5000, interval: 50 }).toBe(1);
  });
});
