import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";

const ARTICLE_PAGE = /* GraphQL */ `
  query ArticlePage($slug: String!) {
    article(slug: $slug) {
      title
      dateline
      status
      authors { name bio }
      byline { position author { slug } }
      topics { slug }
      images { caption image { url altText credit { name kind } } }
      citations { quote context source { name kind role organization { name } } }
      body {
        __typename
        ... on QuoteBlock { text citation { source { name } } }
        ... on ImageBlock { image { position } }
        ... on HeadingBlock { text level }
      }
      commentCount
      comments(first: 20, orderBy: OLDEST) {
        totalCount
        nodes {
          authorName body depth replyCount isDeleted
          replies(first: 5) {
            totalCount
            nodes { authorName body depth isDeleted parent { authorName } replies { nodes { authorName depth threadRoot { authorName } } } }
          }
        }
      }
    }
  }
`;

describe.each(providers)("the demo newsroom on %s", (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ provider, env: { QUERY_MAX_COST: "20000" } });
  });
  afterAll(() => t.close());

  it("serves the rich article with its byline, photos, sourced quotes and comment threads", async () => {
    const { data, errors } = await t.graphql(ARTICLE_PAGE, { variables: { slug: "ministers-meet-in-geneva-as-border-talks-resume" } });
    expect(errors).toBeUndefined();
    const article = data.article;
    expect(article.dateline).toBe("GENEVA");
    expect(article.authors.map((a: { name: string }) => a.name)).toEqual(["Hana Sorel", "Matteo Brandt"]);
    expect(article.authors[0].bio).toMatch(/Diplomatic correspondent/);
    expect(article.byline.map((b: { position: number }) => b.position)).toEqual([0, 1]);

    const credits = article.images.map((i: { image: { credit: { kind: string } } }) => i.image.credit.kind);
    expect(credits).toEqual(["SOCIAL_ACCOUNT", "ORGANIZATION"]);
    expect(article.images[1].caption).toMatch(/aid convoys from Monday/);

    const quoted = article.citations.filter((c: { quote: string | null; source: { kind: string } }) => c.quote && c.source.kind === "PERSON");
    expect(quoted.length).toBeGreaterThanOrEqual(6);
    for (const citation of quoted) {
      expect(citation.context).toBeTruthy();
      expect(citation.source.organization.name).toBeTruthy();
    }
    const quoteBlocks = article.body.filter((b: { __typename: string }) => b.__typename === "QuoteBlock");
    expect(quoteBlocks.every((b: { citation: { source: { name: string } } | null }) => b.citation?.source.name)).toBe(true);
    expect(article.body.filter((b: { __typename: string }) => b.__typename === "ImageBlock")).toHaveLength(2);

    expect(article.commentCount).toBe(23); // 22 comments and one tombstone that keeps its reply
    const threads = article.comments.nodes;
    const depths = threads.flatMap((c: any) => [c.depth, ...c.replies.nodes.flatMap((r: any) => [r.depth, ...r.replies.nodes.map((rr: any) => rr.depth)])]);
    expect(Math.max(...depths)).toBe(2);
    const bodies = JSON.stringify(threads);
    expect(bodies).toMatch(/@Marta K\./);
    expect(bodies).not.toMatch(/Cheap flights|Waiting for a moderator/);
  });

  it("keeps a deleted comment with replies as a tombstone so the thread keeps its shape", async () => {
    const { data } = await t.graphql(ARTICLE_PAGE, { variables: { slug: "ministers-meet-in-geneva-as-border-talks-resume" } });
    const replies = data.article.comments.nodes.flatMap((c: any) => c.replies.nodes);
    const tombstone = replies.find((r: any) => r.isDeleted);
    expect(tombstone).toMatchObject({ body: null, authorName: null, isDeleted: true });
    expect(tombstone.replies.nodes).toHaveLength(1);
    expect(tombstone.replies.nodes[0].threadRoot.authorName).toBe("Ines Maro");
  });

  it("navigates from a source to the articles that quote it and the images credited to it", async () => {
    const { data: found } = await t.graphql(`{ sources(kind: PERSON, first: 100) { nodes { id name } } }`);
    const redek = found.sources.nodes.find((s: { name: string }) => s.name === "Tomas Redek");
    const { data, errors } = await t.graphql(
      `query ($id: ID!) { source(id: $id) { name organization { name members { totalCount nodes { name } } credits { totalCount } }
         citations { totalCount nodes { quote article { slug } } } } }`,
      { variables: { id: redek.id } },
    );
    expect(errors).toBeUndefined();
    expect(data.source.citations.totalCount).toBe(2);
    expect(data.source.citations.nodes.map((c: any) => c.article.slug)).toEqual([
      "ministers-meet-in-geneva-as-border-talks-resume",
      "coastal-states-sign-fisheries-accord",
    ]);
    expect(data.source.organization.members.nodes.map((m: any) => m.name)).toContain("Tomas Redek");

    const { data: account } = await t.graphql(`{ sources(kind: SOCIAL_ACCOUNT) { nodes { name credits { totalCount nodes { altText } } } } }`);
    expect(account.sources.nodes[0].credits.totalCount).toBe(1);
  });

  it("lists an author's articles and a topic's articles, newest first", async () => {
    const { data } = await t.graphql(`{
      author(slug: "hana-sorel") { name articles { totalCount nodes { slug } } }
      topic(slug: "diplomacy") { articles(first: 1) { totalCount pageInfo { hasNextPage } nodes { slug } } }
      topics { totalCount nodes { slug } }
      authors { totalCount }
    }`);
    expect(data.author.articles.nodes.map((a: any) => a.slug)).toEqual([
      "ministers-meet-in-geneva-as-border-talks-resume",
      "coastal-states-sign-fisheries-accord",
    ]);
    expect(data.author.articles.totalCount).toBe(2);
    expect(data.topic.articles).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    expect(data.topics.totalCount).toBe(5);
    expect(data.authors.totalCount).toBe(3);
  });
});
