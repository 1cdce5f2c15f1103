import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { VISIBILITY_SELECT } from "../src/visibility/comments.js";
import { readEvents } from "../src/events/feeds.js";
import { bearer, globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createComment } from "./helpers/fixtures.js";
import { connect, subscribe } from "./helpers/ws.js";

const operations = ["article", "fragments"].map((name) => readFileSync(`schema/operations/${name}.graphql`, "utf8")).join("\n");
const benchPage = (name: string) => readFileSync(`bench/queries/${name}.graphql`, "utf8");

const DEEP = /* GraphQL */ `
  query ($id: ID!) {
    article(id: $id) {
      title dateline excerpt status commentsOpen moderation updatedAt
      body { __typename ... on ParagraphBlock { text } }
      authors { name bio }
      byline { role author { name } }
      images { caption position image { url altText credit { name kind organization { name } } } }
      citations { quote context source { name role organization { name url } } }
      comments(first: 10, orderBy: OLDEST) {
        nodes {
          id body status replyCount createdAt editedAt authorName
          replies(first: 3, orderBy: NEWEST) { nodes { id body authorName replies(first: 2, orderBy: OLDEST) { nodes { id body status } } } }
        }
      }
    }
  }
`;

describe.each(providers)("compiled reads on %s", (provider) => {
  let t: TestApp;
  let prismaOnly: App;
  let articleId: number;

  beforeAll(async () => {
    t = await createTestApp({ provider });
    // A second instance on the same database that reads everything through Prisma.
    prismaOnly = await createApp({ config: { ...t.app.config, compiledReads: false } });
    const article = await t.prisma.article.findFirstOrThrow({ where: { status: "PUBLISHED" }, orderBy: { id: "asc" } });
    articleId = article.id;
    // The site's rules (when comments close) are read once and kept: count a page as every page after the first reads it.
    await Promise.all([t.app.services.rules.current(), prismaOnly.services.rules.current()]);
  });
  afterAll(async () => {
    await prismaOnly.close();
    await t.close();
  });

  async function both(query: string, options: { variables?: Record<string, unknown>; headers?: Record<string, string>; operationName?: string } = {}) {
    const send = async (app: App) => {
      const before = app.database.statements.count;
      const response = await app.yoga.fetch("http://newsgraph.test/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", ...options.headers },
        body: JSON.stringify({ query, variables: options.variables, operationName: options.operationName }),
      });
      return { body: (await response.json()) as { data?: any; errors?: unknown }, statements: app.database.statements.count - before };
    };
    const compiled = await send(t.app);
    const reference = await send(prismaOnly);
    expect(compiled.body.errors).toBeUndefined();
    expect(compiled.body).toEqual(reference.body);
    return { data: compiled.body.data, statements: compiled.statements };
  }

  it("answers the benchmark's article page as Prisma does, in one statement on PostgreSQL and five on SQLite", async () => {
    const { data, statements } = await both(benchPage("article-page"), { variables: { id: globalId("Article", articleId) } });
    expect(data.article.comments.nodes.length).toBeGreaterThan(0);
    expect(data.article.comments.nodes.some((comment: any) => comment.replies.nodes.length > 0)).toBe(true);
    expect(statements).toBe(provider === "postgresql" ? 1 : 5);
  });

  it("answers the front page as Prisma does, in one statement on PostgreSQL and two on SQLite", async () => {
    const { data, statements } = await both(benchPage("front-page"));
    expect(data.articles.nodes.length).toBeGreaterThan(1);
    expect(statements).toBe(provider === "postgresql" ? 1 : 2);
  });

  it("answers a deep article (photos, credits, sources and their organisations, three reply levels) as Prisma does: one statement on PostgreSQL, one per relation on SQLite", async () => {
    const { data, statements } = await both(DEEP, { variables: { id: globalId("Article", articleId) } });
    expect(data.article.images.length + data.article.citations.length).toBeGreaterThan(0);
    // SQLite: article; two bylines; images, their media; citations, their sources; comments; two reply levels
    expect(statements).toBe(provider === "postgresql" ? 1 : 10);
  });

  it("counts visible comments and orders topics by name inside the compiled statements", async () => {
    const { data, statements } = await both(`{ articles(first: 5) { nodes { title commentCount topics { name } authors { name } } } }`);
    expect(data.articles.nodes.some((article: any) => article.commentCount > 0 && article.topics.length > 0)).toBe(true);
    expect(statements).toBe(provider === "postgresql" ? 1 : 3);
  });

  it("pages through comments and articles after a cursor as Prisma does, in one statement a page on PostgreSQL", async () => {
    const commentsPage = `query ($id: ID!, $after: String, $order: CommentOrder) {
      article(id: $id) { comments(first: 3, after: $after, orderBy: $order) { pageInfo { hasNextPage endCursor } nodes { id body replies(first: 1) { nodes { id } } } } } }`;
    for (const order of ["OLDEST", "NEWEST"]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const { data, statements }: { data: any; statements: number } = await both(commentsPage, { variables: { id: globalId("Article", articleId), after, order } });
        if (provider === "postgresql") expect(statements).toBe(1);
        seen.push(...data.article.comments.nodes.map((comment: any) => comment.id));
        if (!data.article.comments.pageInfo.hasNextPage) break;
        after = data.article.comments.pageInfo.endCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThan(3);
    }
    const articlesPage = `query ($after: String) { articles(first: 2, after: $after, orderBy: TITLE) { pageInfo { hasNextPage endCursor } nodes { title } } }`;
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const { data }: { data: any } = await both(articlesPage, { variables: { after } });
      after = data.articles.pageInfo.endCursor;
    }
  });

  it("answers the SDK's article page and list as Prisma does", async () => {
    const { slug } = await t.prisma.article.findUniqueOrThrow({ where: { id: articleId } });
    await both(operations, { operationName: "ArticlePage", variables: { slug } });
    await both(operations, { operationName: "ArticleList", variables: { first: 5 } });
  });

  it("applies each reader's visibility: moderators, signed-in authors of pending comments, guests with edit keys, the public", async () => {
    const pending = await createComment(t.prisma, { articleId, status: "PENDING", userId: "pending-author", body: "Waiting for a moderator" });
    const newest = `query ($id: ID!) { article(id: $id) { comments(first: 5, orderBy: NEWEST) { nodes { id body status } } } }`;
    const variables = { id: globalId("Article", articleId) };
    const page = (data: any) => JSON.stringify(data);
    const moderator = await both(newest, { variables, headers: { authorization: await bearer({ roles: ["MODERATOR"] }) } });
    const author = await both(newest, { variables, headers: { authorization: await bearer({ subject: "pending-author" }) } });
    const anonymous = await both(newest, { variables });
    expect(page(moderator.data)).toContain(globalId("Comment", pending.id));
    expect(page(author.data)).toContain(globalId("Comment", pending.id));
    expect(page(anonymous.data)).not.toContain(globalId("Comment", pending.id));
  });

  it("leaves an unpublished article out for the public and shows it to editors", async () => {
    const draft = await t.prisma.article.create({ data: { slug: "compiled-draft", title: "Draft", body: [], status: "DRAFT" } });
    const variables = { id: globalId("Article", draft.id) };
    expect((await both(benchPage("article-page"), { variables })).data.article).toBeNull();
    const editor = await both(benchPage("article-page"), { variables, headers: { authorization: await bearer({ roles: ["EDITOR"] }) } });
    expect(editor.data.article.title).toBe("Draft");
  });

  /** The hot pages, each as a query and its variables; pages after and before need a first read. */
  async function hotQueries(): Promise<[string, string, Record<string, unknown>][]> {
    const id = globalId("Article", articleId);
    const front = await both(benchPage("front-page"));
    const queries: [string, string, Record<string, unknown>][] = [
      ["the article page", benchPage("article-page"), { id }],
      ["the front page", benchPage("front-page"), {}],
    ];
    const NEXT_FRONT = benchPage("front-page").replace("articles(first: 20, orderBy: NEWEST)", "articles(first: 20, after: $after, orderBy: NEWEST)").replace("query FrontPage", "query FrontPage($after: String)");
    queries.push(["the front page's next page", NEXT_FRONT, { after: front.data.articles.pageInfo?.endCursor ?? (await firstCursor("NEWEST")) }]);
    const ARTICLES = `query ($order: ArticleOrder, $filter: ArticleFilter, $first: Int, $last: Int, $after: String, $before: String) {
      articles(filter: $filter, orderBy: $order, first: $first, last: $last, after: $after, before: $before) {
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id title publishedAt authors { name } } } }`;
    for (const order of ["NEWEST", "OLDEST", "RECENTLY_UPDATED", "TITLE"]) {
      const cursor = await firstCursor(order);
      queries.push([`articles ${order}`, ARTICLES, { order, first: 2 }], [`articles ${order} after`, ARTICLES, { order, first: 2, after: cursor }]);
      queries.push([`articles ${order} backwards`, ARTICLES, { order, last: 2, before: cursor }], [`articles ${order} last`, ARTICLES, { order, last: 2 }]);
    }
    const { data: lists } = await t.graphql(`{ sources(first: 1, kind: PUBLICATION) { nodes { id } } }`);
    for (const filter of [{ topic: "diplomacy" }, { author: "matteo-brandt" }, { source: lists.sources.nodes[0].id }, { search: "border" }, { status: "PUBLISHED" }]) {
      queries.push([`articles filtered by ${Object.keys(filter)[0]}`, ARTICLES, { filter, first: 5 }]);
    }
    const COMMENTS = `query ($id: ID!, $order: CommentOrder, $first: Int, $last: Int, $after: String, $before: String) {
      article(id: $id) { comments(orderBy: $order, first: $first, last: $last, after: $after, before: $before) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { id body replyCount replies(first: 2, orderBy: $order) { pageInfo { endCursor } nodes { id } } } } } } }`;
    for (const order of ["NEWEST", "OLDEST", "MOST_REPLIES"]) {
      const { data } = await t.graphql(COMMENTS, { variables: { id, order, first: 2 } });
      const cursor = data.article.comments.pageInfo.endCursor;
      queries.push([`comments ${order}`, COMMENTS, { id, order, first: 2 }], [`comments ${order} after`, COMMENTS, { id, order, first: 2, after: cursor }]);
      queries.push([`comments ${order} backwards`, COMMENTS, { id, order, last: 2, before: cursor }], [`comments ${order} last`, COMMENTS, { id, order, last: 2 }]);
    }
    return queries;
  }
  async function firstCursor(order: string): Promise<string> {
    const { data } = await t.graphql(`query ($order: ArticleOrder) { articles(first: 2, orderBy: $order) { pageInfo { endCursor } } }`, { variables: { order } });
    return data.articles.pageInfo.endCursor;
  }

  it("compiles every hot page (article page, front page, next pages, each order and filter, comment pages both ways) without leaving one to Prisma", async () => {
    const fallbacks = () => JSON.stringify([...t.app.database.reads.counts.fallbacks].map(([model, reasons]) => [model, [...reasons]]));
    for (const [name, query, variables] of await hotQueries()) {
      const before = fallbacks();
      const compiled = t.app.database.reads.counts.compiled;
      await both(query, { variables });
      expect(fallbacks(), name).toBe(before);
      expect(t.app.database.reads.counts.compiled, name).toBeGreaterThan(compiled);
    }
  });

  it("reads each live delivery (the comment re-read with the subscriber's visibility, its parent, root and mentions) without leaving it to Prisma", async () => {
    const server = await t.listen();
    const client = connect(server.url);
    const fallbacks = () => JSON.stringify([...t.app.database.reads.counts.fallbacks].map(([model, reasons]) => [model, [...reasons]]));
    const { data: page } = await t.graphql(`query ($id: ID!) { article(id: $id) { liveCursor comments(first: 1) { nodes { id } } } }`, { variables: { id: globalId("Article", articleId) } });
    const feed = subscribe(client, `subscription ($a: ID!, $after: Cursor) { commentAdded(articleId: $a, after: $after) {
      ... on CommentAdded { comment { id body authorName replyCount parent { id body } threadRoot { id body } mentions { name comment { id } } } } } }`, {
      a: globalId("Article", articleId),
      after: page.article.liveCursor,
    });
    await expect.poll(() => t.app.services.feeds.size).toBe(1);
    const before = fallbacks();
    const input = { articleId: globalId("Article", articleId), parentId: page.article.comments.nodes[0].id, body: "Live and compiled", guest: { name: "Lina Live", email: "lina@example.org" } };
    await t.graphql(`mutation ($input: AddCommentInput!) { addComment(input: $input) { __typename } }`, { variables: { input } });
    const delivered = await feed.next(15_000);
    expect(delivered.data.commentAdded.comment).toMatchObject({ body: "Live and compiled", parent: { id: page.article.comments.nodes[0].id } });
    expect(fallbacks()).toBe(before);
    await client.dispose();
  });

  it("answers every hot page as Prisma does, forwards and backwards", async () => {
    for (const [, query, variables] of await hotQueries()) {
      const { data } = await both(query, { variables });
      expect(JSON.stringify(data)).not.toBe("{}");
    }
  });

  it("counts compiled reads and, by model and reason, the reads left to Prisma on /metrics", async () => {
    await both(benchPage("front-page"));
    const metrics = async (app: App) => (await app.yoga.fetch("http://newsgraph.test/metrics")).text();
    expect(await metrics(t.app)).toMatch(/^newsgraph_compiled_reads_total [1-9]\d*$/m);
    expect(await metrics(prismaOnly)).toMatch(/^newsgraph_compiled_reads_fallbacks_total\{model="Article",reason="disabled"\} [1-9]\d*$/m);
  });

  it("returns a config that turns the compiled reads off", () => {
    expect(loadConfig({ COMPILED_READS: "false" }).compiledReads).toBe(false);
    expect(loadConfig({}).compiledReads).toBe(true);
  });

  it("reads live comment events as Prisma does, in one statement (Prisma takes two), since every reader's feed waits on it", async () => {
    const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { __typename } }`;
    const article = globalId("Article", articleId);
    const start = await t.prisma.commentEvent.aggregate({ _max: { position: true } });
    for (const body of ["First live comment", "Second live comment"]) {
      const { data } = await t.graphql(ADD, { variables: { input: { articleId: article, body, guest: { name: "Reader", email: "reader@example.org" } } } });
      expect(data.addComment.__typename).toBe("AddCommentPayload");
    }
    const after = start._max.position ?? 0;
    const before = t.app.database.statements.count;
    const compiled = await readEvents(t.app.database, { kind: "article", id: articleId }, after);
    expect(t.app.database.statements.count - before).toBe(1);
    const reference = await readEvents(prismaOnly.database, { kind: "article", id: articleId }, after);
    expect(compiled).toHaveLength(2);
    // The compiled join also carries the comment's id, which tells it the row exists.
    const asSelected = ({ comment, ...event }: (typeof compiled)[number]) => ({ ...event, comment: pick(comment, Object.keys(VISIBILITY_SELECT)) });
    expect(compiled.map(asSelected)).toEqual(reference);
  });

  it.runIf(provider === "postgresql")("plans for data held in memory on PostgreSQL, unless the connection string brings its own options", async () => {
    const cost = async (app: App) => ((await app.database.prisma.$queryRawUnsafe("SHOW random_page_cost")) as { random_page_cost: string }[])[0]!.random_page_cost;
    expect(await cost(t.app)).toBe("1.1");
    const tuned = await createApp({ config: { ...t.app.config, databaseUrl: `${t.app.config.databaseUrl}?options=-c%20random_page_cost%3D3` } });
    try {
      expect(await cost(tuned)).toBe("3");
    } finally {
      await tuned.close();
    }
  });
});

const pick = (row: object, keys: string[]) => Object.fromEntries(Object.entries(row).filter(([key]) => keys.includes(key)));
