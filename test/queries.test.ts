import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NODE_TYPES } from "../src/ids.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providersAndExecutors } from "./helpers/databases.js";
import { createArticle, createAuthor, createComment, createSource, createThreadedArticle } from "./helpers/fixtures.js";

const DEEP_ARTICLE = /* GraphQL */ `
  query ($id: ID!) {
    article(id: $id) {
      title
      authors { name bio }
      citations { quote context source { name organization { name } } }
      images { caption image { url credit { name } } }
      comments(first: 20) {
        totalCount
        nodes { body replyCount replies(first: 5) { totalCount nodes { body authorName } } }
      }
    }
  }
`;

describe.each(providersAndExecutors)("queries on $provider, $executor", ({ provider, env }) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ provider, env });
  });
  afterAll(() => t.close());

  it("loads an article with byline, sources, images and 20 comments with 5 replies each in a constant number of statements", async () => {
    const small = await createThreadedArticle(t.prisma, { comments: 2, replies: 1 });
    const large = await createThreadedArticle(t.prisma, { comments: 25, replies: 7 });
    const [author, minister, ministry] = [await createAuthor(t.prisma), await createSource(t.prisma), await createSource(t.prisma, { kind: "ORGANIZATION" })];
    await t.prisma.source.update({ where: { id: minister.id }, data: { organizationId: ministry.id } });
    for (const article of [small, large]) {
      await t.prisma.byline.create({ data: { articleId: article.id, authorId: author.id, position: 0 } });
      await t.prisma.citation.create({ data: { articleId: article.id, sourceId: minister.id, quote: "A quote.", context: "press conference" } });
      const media = await t.prisma.media.create({ data: { url: "https://img.example/1.jpg", altText: "A photo", creditId: ministry.id } });
      await t.prisma.articleImage.create({ data: { articleId: article.id, mediaId: media.id, position: 0 } });
    }
    const run = async (id: number) => {
      let result: Awaited<ReturnType<TestApp["graphql"]>> | undefined;
      const statements = await t.countStatements(async () => {
        result = await t.graphql(DEEP_ARTICLE, { variables: { id: Buffer.from(`Article:${id}`).toString("base64url") } });
      });
      expect(result!.errors).toBeUndefined();
      return { statements, data: result!.data as any };
    };
    const a = await run(small.id);
    const b = await run(large.id);
    expect(b.data.article.comments.nodes).toHaveLength(20);
    expect(b.data.article.comments.nodes.every((c: any) => c.replies.nodes.length === 5 && c.replies.totalCount === 7)).toBe(true);
    expect(b.data.article.citations[0].source.organization.name).toBe(ministry.name);
    expect(a.statements).toBe(b.statements);
    expect(b.statements).toBeLessThanOrEqual(12);
  });

  it("reads the live cursor once per request, however many articles show it", async () => {
    const count = (first: number) => t.countStatements(() => t.graphql(`{ articles(first: ${first}) { nodes { liveCursor authors { name } } } }`));
    expect(await count(1)).toBe(await count(3));
  });

  it("pages forwards and backwards through articles with stable cursors", async () => {
    for (let i = 0; i < 7; i++) await createArticle(t.prisma, { title: `Paging ${i}`, publishedAt: new Date(Date.UTC(2025, 0, 1 + i)) });
    const PAGE = `query ($first: Int, $after: String, $last: Int, $before: String) {
      articles(first: $first, after: $after, last: $last, before: $before, orderBy: OLDEST) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { title } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { data }: { data?: any } = await t.graphql(PAGE, { variables: { first: 3, after } });
      const connection: any = data.articles;
      seen.push(...connection.edges.map((e: any) => e.node.title));
      pages++;
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    const { data: all } = await t.graphql(PAGE, { variables: { first: 100 } });
    expect(seen).toEqual(all.articles.edges.map((e: any) => e.node.title));
    expect(seen.length).toBe(all.articles.totalCount);
    expect(pages).toBe(Math.ceil(seen.length / 3));
    expect(seen.slice(0, 7)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `Paging ${i}`));

    const lastCursor = all.articles.edges.at(-1).cursor;
    const { data: back } = await t.graphql(PAGE, { variables: { last: 2, before: lastCursor } });
    expect(back.articles.edges.map((e: any) => e.node.title)).toEqual(seen.slice(-3, -1));
    expect(back.articles.pageInfo.hasPreviousPage).toBe(true);
    const again = await t.graphql(PAGE, { variables: { last: 2, before: lastCursor } });
    expect(again.data.articles.edges.map((e: any) => e.cursor)).toEqual(back.articles.edges.map((e: any) => e.cursor));
  });

  it("filters articles by topic, author, source, search and status", async () => {
    const count = async (filter: Record<string, unknown>) => {
      const { data, errors } = await t.graphql(`query ($filter: ArticleFilter) { articles(filter: $filter) { totalCount nodes { slug } } }`, {
        variables: { filter },
      });
      expect(errors).toBeUndefined();
      return data.articles;
    };
    expect((await count({ topic: "fisheries" })).nodes.map((a: any) => a.slug)).toEqual(["coastal-states-sign-fisheries-accord"]);
    expect((await count({ author: "matteo-brandt" })).totalCount).toBe(2);
    const { data } = await t.graphql(`{ sources(kind: PUBLICATION) { nodes { id } } }`);
    expect((await count({ source: data.sources.nodes[0].id })).nodes.map((a: any) => a.slug)).toEqual(["trade-corridor-vote-delayed"]);
    expect((await count({ search: "FISHERIES" })).totalCount).toBe(1);
    expect((await count({ search: "bridge", topic: "diplomacy" })).totalCount).toBe(1);
    expect((await count({ status: "DRAFT" })).totalCount).toBe(0);
  });

  it("hides drafts and archived articles from the public on every path", async () => {
    const draftId = Buffer.from("Article:4").toString("base64url");
    const { data, errors } = await t.graphql(
      `query ($id: ID!) {
        bySlug: article(slug: "envoy-appointments-inquiry") { id }
        byId: article(id: $id) { id }
        node(id: $id) { id }
        nodes(ids: [$id]) { id }
        author(slug: "matteo-brandt") { articles { totalCount nodes { slug } } }
        topic(slug: "regional-politics") { articles { totalCount } }
        articles(first: 100) { nodes { status } }
      }`,
      { variables: { id: draftId } },
    );
    expect(errors).toBeUndefined();
    expect(data).toMatchObject({ bySlug: null, byId: null, node: null, nodes: [null] });
    expect(data.author.articles.nodes.map((a: any) => a.slug)).not.toContain("envoy-appointments-inquiry");
    expect(data.topic.articles.totalCount).toBe(1);
    expect(new Set(data.articles.nodes.map((a: any) => a.status))).toEqual(new Set(["PUBLISHED"]));
  });

  it("hides pending, rejected and spam comments from the public, and counts only what it shows", async () => {
    const article = await createArticle(t.prisma);
    const top = await createComment(t.prisma, { articleId: article.id, body: "visible" });
    for (const status of ["PENDING", "REJECTED", "SPAM"] as const) {
      await createComment(t.prisma, { articleId: article.id, body: `hidden ${status}`, status });
      await createComment(t.prisma, { articleId: article.id, parentId: top.id, body: `hidden reply ${status}`, status });
    }
    const hiddenId = (await t.prisma.comment.findFirstOrThrow({ where: { articleId: article.id, status: "PENDING" } })).id;
    const { data } = await t.graphql(
      `query ($slug: String!, $hidden: ID!) {
        article(slug: $slug) { commentCount comments { totalCount nodes { body replyCount replies { totalCount nodes { body } } } } }
        node(id: $hidden) { id }
      }`,
      { variables: { slug: article.slug, hidden: Buffer.from(`Comment:${hiddenId}`).toString("base64url") } },
    );
    expect(data.article.commentCount).toBe(1);
    expect(data.article.comments).toMatchObject({ totalCount: 1, nodes: [{ body: "visible", replyCount: 0, replies: { totalCount: 0, nodes: [] } }] });
    expect(data.node).toBeNull();
  });

  it("round-trips global ids through node and nodes for every type", async () => {
    const { data } = await t.graphql(`{
      article(slug: "ministers-meet-in-geneva-as-border-talks-resume") {
        id authors { id } topics { id } citations { id source { id } } images { image { id } } comments(first: 1) { nodes { id } }
      }
    }`);
    const a = data.article;
    const ids = [a.id, a.authors[0].id, a.topics[0].id, a.citations[0].id, a.citations[0].source.id, a.images[0].image.id, a.comments.nodes[0].id];
    const { data: nodes, errors } = await t.graphql(`query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { variables: { ids } });
    expect(errors).toBeUndefined();
    expect(nodes.nodes.map((n: any) => n.__typename)).toEqual(["Article", "Author", "Topic", "Citation", "Source", "Image", "Comment"]);
    expect(nodes.nodes.map((n: any) => n.id)).toEqual(ids);
    const { data: one } = await t.graphql(`query ($id: ID!) { node(id: $id) { ... on Article { slug } } }`, { variables: { id: a.id } });
    expect(one.node.slug).toBe("ministers-meet-in-geneva-as-border-talks-resume");
  });

  it("answers node and nodes with null for an id of every Node type whose row does not exist", async () => {
    for (const type of NODE_TYPES) {
      const id = Buffer.from(`${type}:987654321`).toString("base64url");
      const { data, errors } = await t.graphql(`query ($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { id } }`, { variables: { id } });
      expect(errors, type).toBeUndefined();
      expect(data, type).toEqual({ node: null, nodes: [null] });
    }
  });

  it("answers a bad id, a wrong-type id, an oversized page and a bad cursor with typed errors, not 500s", async () => {
    const authorId = Buffer.from("Author:1").toString("base64url");
    const cases: [string, Record<string, unknown>, string][] = [
      [`query ($id: ID!) { article(id: $id) { id } }`, { id: "not-an-id" }, "INVALID_ID"],
      [`query ($id: ID!) { article(id: $id) { id } }`, { id: authorId }, "INVALID_ID"],
      [`query ($id: ID!) { node(id: $id) { id } }`, { id: "%%%" }, "INVALID_ID"],
      [`{ article(slug: "x", id: "y") { id } }`, {}, "VALIDATION_FAILED"],
      [`{ articles(first: 101) { totalCount } }`, {}, "INVALID_PAGINATION"],
      [`{ articles(last: -1) { totalCount } }`, {}, "INVALID_PAGINATION"],
      [`{ articles(after: "bogus") { totalCount } }`, {}, "INVALID_PAGINATION"],
      [`{ article(slug: "ministers-meet-in-geneva-as-border-talks-resume") { comments(first: 1000) { totalCount } } }`, {}, "INVALID_PAGINATION"],
      [`query ($f: ArticleFilter) { articles(filter: $f) { totalCount } }`, { f: { source: "nope" } }, "INVALID_ID"],
      // Ids and positions past 32 bits: no row holds them, on either database.
      [`query ($id: ID!) { node(id: $id) { id } }`, { id: Buffer.from("Comment:2147483648").toString("base64url") }, "INVALID_ID"],
      [`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [Buffer.from("Article:9999999999999").toString("base64url")] }, "INVALID_ID"],
      [`query ($f: ArticleFilter) { articles(filter: $f) { totalCount } }`, { f: { source: Buffer.from("Source:2147483648").toString("base64url") } }, "INVALID_ID"],
      [
        `query ($after: String) { article(slug: "ministers-meet-in-geneva-as-border-talks-resume") { comments(after: $after, orderBy: NEWEST) { totalCount } } }`,
        { after: Buffer.from('k1|Comment:NEWEST|["2026-11-30T14:59:57.902Z",2147483648]').toString("base64url") },
        "INVALID_PAGINATION",
      ],
    ];
    for (const [query, variables, code] of cases) {
      const result = await t.graphql(query, { variables });
      expect(result.status, query).toBe(200);
      expect(result.errors?.[0]?.extensions?.code, query).toBe(code);
      expect(result.errors?.[0]?.message, query).not.toMatch(/Unexpected error/);
    }
    // A refused id is named in its message, cut short when it is long: the message never carries 5,000 characters back.
    for (const id of ["x".repeat(5000), "😀".repeat(5000)]) {
      const refused = await t.graphql(`query ($id: ID!) { node(id: $id) { id } }`, { variables: { id } });
      expect(refused.errors?.[0]?.extensions?.code).toBe("INVALID_ID");
      expect(refused.errors?.[0]?.message).toBe(`"${Array.from(id).slice(0, 64).join("")}…" is not a valid global id.`);
    }
  });

  it("answers malformed request JSON, in a query string, a form or a body, with a 400 and a typed error", async () => {
    const requests: [string, RequestInit][] = [
      ["/graphql?query=%7B__typename%7D&variables=%7Bbad", { method: "GET" }],
      ["/graphql?query=%7B__typename%7D&extensions=%5B", { method: "GET" }],
      ["/graphql", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-graphql-yoga-csrf": "1" }, body: "query=%7B__typename%7D&variables=%7B" }],
      ["/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":' }],
    ];
    for (const [path, init] of requests) {
      const response = await t.app.yoga.fetch(`http://newsgraph.test${path}`, { ...init, headers: { accept: "application/graphql-response+json", ...init.headers } });
      expect(response.status, path).toBe(400);
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code, path).toBe("BAD_REQUEST");
      expect(body.errors[0]!.message, path).toMatch(/JSON/);
    }
  });
});
