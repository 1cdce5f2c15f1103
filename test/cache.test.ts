import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";

const PAGE = `query ($slug: String!) { article(slug: $slug) { title moderation commentCount comments(first: 50, orderBy: OLDEST) { totalCount nodes { body replyCount } } } }`;
const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { ... on AddCommentPayload { editKey comment { id status } } } }`;
const slug = "ministers-meet-in-geneva-as-border-talks-resume";

describe.each(providers)("the response cache on %s", (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ provider, env: { RESPONSE_CACHE: "true" } });
  });
  afterAll(() => t.close());

  const read = async (headers?: Record<string, string>) => {
    let result: any;
    const statements = await t.countStatements(async () => {
      result = await t.graphql(PAGE, { variables: { slug }, headers });
    });
    return { data: result.data, statements };
  };

  it("serves a repeated public read from the cache, without touching the database", async () => {
    await read();
    const again = await read();
    expect(again.statements).toBe(0);
    expect(again.data.article.title).toMatch(/Geneva/);
  });

  it("shows a new comment on the very next read, and a reply's new count on its parent", async () => {
    const before = await read();
    const parent = (await t.graphql(`{ article(slug: "${slug}") { comments(first: 1, orderBy: OLDEST) { nodes { id } } } }`)).data.article.comments.nodes[0].id;
    await t.graphql(ADD, { variables: { input: { articleId: globalId("Article", 1), parentId: parent, body: "Fresh reply", guest: { name: "C", email: "c@example.org" } } } });
    const after = await read();
    expect(after.statements).toBeGreaterThan(0);
    expect(after.data.article.commentCount).toBe(before.data.article.commentCount + 1);
    expect(after.data.article.comments.nodes[0].replyCount).toBe(before.data.article.comments.nodes[0].replyCount + 1);
  });

  it("shows a moderator's approval on the very next read", async () => {
    const moderator = { authorization: await bearer({ roles: ["MODERATOR"] }) };
    await t.graphql(`mutation { setCommentSettings(input: { articleId: "${globalId("Article", 1)}", moderation: PRE }) { __typename } }`, { headers: moderator });
    expect((await read()).data.article.moderation).toBe("PRE");
    const posted = (await t.graphql(ADD, { variables: { input: { articleId: globalId("Article", 1), body: "Held for review", guest: { name: "P", email: "p@example.org" } } } })).data.addComment;
    expect(posted.comment.status).toBe("PENDING");
    const held = await read();
    expect(JSON.stringify(held.data)).not.toContain("Held for review");
    await t.graphql(`mutation ($id: ID!) { moderateComment(input: { id: $id, decision: APPROVE }) { __typename } }`, { variables: { id: posted.comment.id }, headers: moderator });
    expect(JSON.stringify((await read()).data)).toContain("Held for review");
  });

  it("never shares what depends on the viewer: signed-in and edit-key reads bypass the cache", async () => {
    const posted = (await t.graphql(ADD, { variables: { input: { articleId: globalId("Article", 1), body: "Mine, pending", guest: { name: "Q", email: "q@example.org" } } } })).data.addComment;
    await read();
    const withKey = await read({ "x-comment-edit-keys": posted.editKey });
    expect(withKey.statements).toBeGreaterThan(0);
    expect(JSON.stringify(withKey.data)).toContain("Mine, pending");
    const publicAgain = await read();
    expect(publicAgain.statements).toBe(0);
    expect(JSON.stringify(publicAgain.data)).not.toContain("Mine, pending");
    const signedIn = await read({ authorization: await bearer() });
    expect(signedIn.statements).toBeGreaterThan(0);
  });
});

describe.each(providers)("cached reads over a real port on %s", (provider) => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp({ provider, env: { RESPONSE_CACHE: "true" } });
    url = (await t.listen()).url;
  });
  afterAll(() => t.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
  const metric = async (name: string) => Number(new RegExp(`${name} (\\d+)`).exec(await (await fetch(url.replace(/graphql$/, "metrics"))).text())![1]);
  const cacheHits = () => metric("newsgraph_response_cache_hits_total");
  const page = { query: PAGE, variables: { slug } };

  it("answers a repeated anonymous read from the cache inside Yoga, with Yoga's headers, counted on /metrics", async () => {
    const shapes: Record<string, string>[] = [{}, { accept: "application/json" }, { accept: "application/graphql-response+json" }, { origin: "https://paper.example" }];
    for (const headers of shapes) {
      const first = await post(page, headers);
      const firstText = await first.text();
      const hits = await cacheHits();
      const statements = await metric("newsgraph_sql_statements_total");
      const again = await post(page, headers);
      expect(await cacheHits()).toBe(hits + 1);
      expect(await metric("newsgraph_sql_statements_total")).toBe(statements);
      expect(again.status).toBe(200);
      expect(await again.text()).toBe(firstText);
      expect(again.headers.get("etag")).toBeTruthy();
      for (const name of ["content-type", "access-control-allow-origin", "vary", "access-control-allow-credentials"]) {
        expect([name, again.headers.get(name)]).toEqual([name, first.headers.get(name)]);
      }
    }
  });

  it("answers GET reads the same way", async () => {
    const get = () => fetch(`${url}?query=${encodeURIComponent(PAGE)}&variables=${encodeURIComponent(JSON.stringify({ slug }))}`);
    const first = await (await get()).text();
    const hits = await cacheHits();
    expect(await (await get()).text()).toBe(first);
    expect(await cacheHits()).toBe(hits + 1);
    expect(JSON.parse(first).data.article.title).toMatch(/Geneva/);
  });

  it("shows a new comment on the very next read over the port", async () => {
    await post(page);
    const before = (await (await post(page)).json()).data.article;
    const posted = await post({ query: ADD, variables: { input: { articleId: globalId("Article", 1), body: "Straight through", guest: { name: "S", email: "s@example.org" } } } });
    expect((await posted.json()).data.addComment.comment.status).toBe("APPROVED");
    const hits = await cacheHits();
    const after = (await (await post(page)).json()).data.article;
    expect(await cacheHits()).toBe(hits);
    expect(after.commentCount).toBe(before.commentCount + 1);
    expect(JSON.stringify(after)).toContain("Straight through");
  });

  it("answers viewers and bad bodies without the cache, and a conditional read with 304", async () => {
    const notFromCache = async (run: () => Promise<void>) => {
      const hits = await cacheHits();
      await run();
      expect(await cacheHits()).toBe(hits);
    };
    await t.graphql(`mutation { setCommentSettings(input: { articleId: "${globalId("Article", 1)}", moderation: PRE }) { __typename } }`, {
      headers: { authorization: await bearer({ roles: ["MODERATOR"] }) },
    });
    const held = await post({ query: ADD, variables: { input: { articleId: globalId("Article", 1), body: "Held, mine", guest: { name: "R", email: "r@example.org" } } } });
    const { editKey, comment } = (await held.json()).data.addComment;
    expect(comment.status).toBe("PENDING");
    await post(page);
    const hits = await cacheHits();
    const publicPage = await post(page);
    expect(await cacheHits()).toBe(hits + 1);
    expect(await publicPage.text()).not.toContain("Held, mine");

    await notFromCache(async () => {
      expect(await (await post(page, { "x-comment-edit-keys": editKey })).text()).toContain("Held, mine");
    });
    await notFromCache(async () => {
      expect((await post(page, { authorization: await bearer() })).status).toBe(200);
    });
    const etag = (await post(page)).headers.get("etag")!;
    expect((await post(page, { "if-none-match": etag })).status).toBe(304);
    await notFromCache(async () => {
      const broken = await post("{ not json", { accept: "application/graphql-response+json" });
      expect(broken.status).toBe(400);
      expect((await broken.json()).errors[0].message).toBeTruthy();
    });
  });
});
