// graphql-jit's response paths are shared by every request of an operation (src/execution/response-paths.ts):
// the answers stay each request's own, concurrent requests included, and the links the operations
// hold together stay within their bound however many distinct documents arrive.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_SHARED_LINKS, sharedLinkCount } from "../src/execution/response-paths.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { createArticle, createAuthor } from "./helpers/fixtures.js";

const PAGE = 40;

describe("response paths shared by an operation's requests", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ provider: "sqlite" });
    const authors = await Promise.all([1, 2, 3].map(() => createAuthor(t.prisma)));
    for (let i = 0; i < PAGE * 2; i++) {
      const article = await createArticle(t.prisma, { publishedAt: new Date(Date.UTC(2026, 0, 1, 0, i)) });
      await t.prisma.byline.create({ data: { articleId: article.id, authorId: authors[i % 3]!.id, position: 0 } });
    }
  });
  afterAll(() => t.close());

  const page = (alias: string) => `query ($after: String) { ${alias}: articles(first: ${PAGE}, after: $after) { nodes { slug authors { name } } pageInfo { endCursor } } }`;

  it("answers each request with its own rows, one after another and all at once, adding no links the second time", async () => {
    const first = await t.graphql(page("articles"));
    const second = await t.graphql(page("articles"), { variables: { after: first.data.articles.pageInfo.endCursor } });
    const slugs = (answer: typeof first) => answer.data.articles.nodes.map((node: { slug: string }) => node.slug);
    expect(new Set([...slugs(first), ...slugs(second)]).size).toBe(PAGE * 2);
    const held = sharedLinkCount();
    const together = await Promise.all(Array.from({ length: 10 }, (_, i) => t.graphql(page("articles"), { variables: { after: i % 2 ? first.data.articles.pageInfo.endCursor : null } })));
    for (const [i, answer] of together.entries()) expect(answer.data).toEqual((i % 2 ? second : first).data);
    expect(sharedLinkCount()).toBe(held);
    // Each row carries its own byline, not a sibling's.
    const rows = await t.prisma.article.findMany({ select: { slug: true, bylines: { orderBy: { position: "asc" }, select: { author: { select: { name: true } } } } } });
    const expected = new Map(rows.map((row) => [row.slug, row.bylines.map((b) => ({ name: b.author.name }))]));
    for (const node of [...first.data.articles.nodes, ...second.data.articles.nodes]) expect(node.authors).toEqual(expected.get(node.slug));
  });

  it("holds the operations' links within the bound as distinct documents arrive", async () => {
    let most = 0;
    for (let i = 0; i < 300; i++) {
      const answer = await t.graphql(page(`page${i}`));
      expect(answer.data[`page${i}`].nodes).toHaveLength(PAGE);
      most = Math.max(most, sharedLinkCount());
    }
    // Past the bound by at most one request's links (a page of PAGE rows), let go when the next begins.
    expect(most).toBeGreaterThan(MAX_SHARED_LINKS);
    expect(most).toBeLessThanOrEqual(MAX_SHARED_LINKS + 4 * PAGE);
  });
});
