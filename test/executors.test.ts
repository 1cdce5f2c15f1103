// Queries and mutations run on graphql-jit, subscriptions and GRAPHQL_JIT=false on Yoga's executor
// (src/execution/executor.ts). The two answer alike, statement for statement, data and errors, and
// /metrics counts which ran what.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../src/app.js";
import { bearer, globalId } from "./helpers/auth.js";
import type { RunningServer } from "../src/server.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle, createComment } from "./helpers/fixtures.js";
import { connect, subscribe } from "./helpers/ws.js";

const benchPage = (name: string) => readFileSync(`bench/queries/${name}.graphql`, "utf8");

const DEEP = /* GraphQL */ `
  query ($id: ID!) {
    article(id: $id) {
      id title status commentCount
      body { __typename ... on ParagraphBlock { text } ... on HtmlBlock { key } }
      authors { name }
      byline { role author { name } }
      citations { quote source { name organization { name } } }
      comments(first: 10, orderBy: OLDEST) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { id body status replyCount viewerReactions parent { id } replies(first: 3) { nodes { id body status } } } }
      }
    }
  }
`;

/** Requests each executor must answer alike: pages, then refusals of every kind the API types. */
/** `rerun`: graphql-jit's answer is nulled above a failed non-null field, so Yoga's executor answers it again and reads twice. */
const REQUESTS: { name: string; query: string; variables?: Record<string, unknown>; viewer?: "moderator"; rerun?: true }[] = [
  { name: "the front page", query: benchPage("front-page") },
  { name: "the article page", query: benchPage("article-page") },
  { name: "the comments page", query: benchPage("comments-page") },
  { name: "a deep article, anonymous", query: DEEP },
  { name: "a deep article, by a moderator", query: DEEP, viewer: "moderator" },
  { name: "a malformed id", query: `{ article(id: "not-an-id") { id } }` },
  { name: "an error on a later line", query: "query {\n  a: article(slug: \"x\") { id }\n    b: article(id: \"bad\") { id }\n}" },
  { name: "an error past \\r\\n line breaks", query: "query {\r\n  a: article(slug: \"x\") { id }\r\n\r\n      b: article(id: \"bad\") { id }\r\n}" },
  { name: "a page too large", query: `{ articles(first: 1000) { nodes { id } } }` },
  { name: "a variable of the wrong type", query: `query ($slug: String!) { article(slug: $slug) { id } }`, variables: { slug: { a: 1 } } },
  { name: "a missing variable", query: `query ($slug: String!) { article(slug: $slug) { id } }` },
  { name: "a mutation refused to a guest", query: `mutation { deleteArticle(input: { id: "QXJ0aWNsZTox", version: 1 }) { __typename ... on Error { code message } } }` },
  { name: "a moderator-only field failing on every row of a page", query: `query ($id: ID!) { article(id: $id) { title comments(first: 3) { nodes { body moderationReasons { __typename } } } } }`, rerun: true },
  { name: "failures at the root and on every row", query: `query ($id: ID!) { b: articlePreview(token: "x") { id } article(id: $id) { comments(first: 3) { nodes { moderationReasons { __typename } } } } c: articlePreview(token: "y") { id } }`, rerun: true },
  { name: "a moderator-only list, anonymous", query: `{ moderationQueue(first: 5) { nodes { id } } }` },
];

describe.each(providers)("the executors on %s", (provider) => {
  let t: TestApp;
  let standard: App;
  let server: RunningServer;
  let articleId: string;
  let moderator: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ provider, env: { GRAPHQL_JIT: "true" } });
    // A second instance on the same database, on Yoga's executor only.
    standard = await createApp({ config: { ...t.app.config, graphqlJit: false } });
    server = await t.listen();
    moderator = { authorization: `Bearer ${await bearer({ name: "Mo", subject: "executors-moderator", roles: ["MODERATOR"] })}` };
    const article = await createArticle(t.prisma, { title: "Executors" });
    articleId = globalId("Article", article.id);
    const root = await createComment(t.prisma, { articleId: article.id, body: "Seen" });
    await createComment(t.prisma, { articleId: article.id, parentId: root.id, body: "Held", status: "PENDING" });
    await createComment(t.prisma, { articleId: article.id, body: "Removed", status: "REJECTED" });
    await createComment(t.prisma, { articleId: article.id, body: "Also seen" });
    await createComment(t.prisma, { articleId: article.id, body: "Seen too" });
    await Promise.all([t.app.services.rules.current(), standard.services.rules.current()]);
  });
  afterAll(async () => {
    await standard.close();
    await t.close();
  });

  const send = async (app: App, request: (typeof REQUESTS)[number]) => {
    const before = app.database.statements.count;
    const response = await app.yoga.fetch("http://newsgraph.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...(request.viewer === "moderator" ? moderator : {}) },
      body: JSON.stringify({ query: request.query, variables: request.variables ?? { id: articleId, slug: "executors" } }),
    });
    const body = (await response.json()) as { errors?: { extensions?: Record<string, unknown> }[] };
    // Each request's id differs by nature; the rest must not.
    for (const error of body.errors ?? []) delete error.extensions?.requestId;
    // Errors come in the order their fields settled, which GraphQL leaves open: root fields race.
    body.errors?.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    return { status: response.status, body, statements: app.database.statements.count - before };
  };

  it.each(REQUESTS)("answers $name alike, statement for statement", async (request) => {
    const jit = await send(t.app, request);
    const yoga = await send(standard, request);
    expect({ ...jit, statements: 0 }).toEqual({ ...yoga, statements: 0 });
    expect(jit.statements).toBe(request.rerun ? 2 * yoga.statements : yoga.statements);
    // Neither can pass by answering nothing.
    expect(JSON.stringify(jit.body)).toMatch(/"(data|errors)"/);
  });

  it("counts operations by executor on /metrics, and runs subscriptions on Yoga's", async () => {
    const metrics = async () => {
      const text = await (await fetch(server.url.replace(/graphql$/, "metrics"))).text();
      const count = (executor: string) => Number(new RegExp(`newsgraph_operations_total\\{executor="${executor}"\\} (\\d+)`).exec(text)![1]);
      return { jit: count("jit"), standard: count("standard") };
    };
    const before = await metrics();
    await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ articles(first: 1) { nodes { id } } }" }) });
    expect(await metrics()).toEqual({ jit: before.jit + 1, standard: before.standard });

    const client = connect(server.url);
    const live = subscribe(client, `subscription ($articleId: ID!) { commentAdded(articleId: $articleId) { __typename } }`, { articleId });
    await expect.poll(async () => (await metrics()).standard, { timeout: 5_000 }).toBe(before.standard + 1);
    live.unsubscribe();
    await client.dispose();
    expect((await metrics()).jit).toBe(before.jit + 1);
  });
});
