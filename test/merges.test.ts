import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle, createAuthor, createSource } from "./helpers/fixtures.js";
import { roleHeaders } from "./helpers/newsroom.js";

const ERR = `... on Error { code message } ... on ValidationError { problems { path message } }`;
const MERGE_SOURCES = `mutation ($input: MergeInput!) { mergeSources(input: $input) { __typename ... on SourcePayload { source { id name } } ${ERR} } }`;
const MERGE_AUTHORS = `mutation ($input: MergeInput!) { mergeAuthors(input: $input) { __typename ... on AuthorPayload { author { id name } } ${ERR} } }`;
const MERGE_TOPICS = `mutation ($input: MergeInput!) { mergeTopics(input: $input) { __typename ... on TopicPayload { topic { id } } ${ERR} } }`;
const LOOKUPS = `query ($id: ID!) {
  node(id: $id) { id ... on Source { name } ... on Author { name } ... on Topic { name } }
  nodes(ids: [$id, $id]) { id }
}`;

describe.each(providers)("merging duplicates on %s", (provider) => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ provider });
    admin = (await roleHeaders()).ADMIN;
  });
  afterAll(() => t.close());

  const merge = async (query: string, type: string, survivor: number, duplicate: number) =>
    Object.values((await t.graphql(query, { variables: { input: { survivorId: globalId(type, survivor), duplicateId: globalId(type, duplicate) } }, headers: admin })).data)[0] as any;
  const lookups = async (type: string, id: number) => {
    const { data } = await t.graphql(LOOKUPS, { variables: { id: globalId(type, id) } });
    const source = type === "Source" ? (await t.graphql(`query ($id: ID!) { source(id: $id) { id } }`, { variables: { id: globalId(type, id) } })).data.source : undefined;
    return { node: data.node?.id ?? null, nodes: data.nodes.map((node: { id: string } | null) => node?.id ?? null), source: source?.id };
  };

  it("moves a source's citations, image credits and members to the survivor, and its id then resolves to the survivor", async () => {
    const survivor = await createSource(t.prisma, { kind: "ORGANIZATION", name: "Ministry" });
    const duplicate = await createSource(t.prisma, { kind: "ORGANIZATION", name: "The Ministry" });
    const member = await createSource(t.prisma, { kind: "PERSON", organizationId: duplicate.id });
    const article = await createArticle(t.prisma);
    const citation = await t.prisma.citation.create({ data: { articleId: article.id, sourceId: duplicate.id, quote: "We deny it." } });
    const media = await t.prisma.media.create({ data: { url: "https://img.example/a.jpg", altText: "A building", creditId: duplicate.id } });

    expect(await merge(MERGE_SOURCES, "Source", survivor.id, duplicate.id)).toEqual({ __typename: "SourcePayload", source: { id: globalId("Source", survivor.id), name: "Ministry" } });
    expect((await t.prisma.citation.findUniqueOrThrow({ where: { id: citation.id } })).sourceId).toBe(survivor.id);
    expect((await t.prisma.media.findUniqueOrThrow({ where: { id: media.id } })).creditId).toBe(survivor.id);
    expect((await t.prisma.source.findUniqueOrThrow({ where: { id: member.id } })).organizationId).toBe(survivor.id);
    expect(await t.prisma.source.findUnique({ where: { id: duplicate.id } })).toBeNull();
    const survivorId = globalId("Source", survivor.id);
    expect(await lookups("Source", duplicate.id)).toEqual({ node: survivorId, nodes: [survivorId, survivorId], source: survivorId });
  });

  it("resolves every id of a chain of merges, A into B then B into C, to C in one hop", async () => {
    const [a, b, c] = [await createSource(t.prisma), await createSource(t.prisma), await createSource(t.prisma)];
    await merge(MERGE_SOURCES, "Source", b.id, a.id);
    await merge(MERGE_SOURCES, "Source", c.id, b.id);
    const cId = globalId("Source", c.id);
    expect(await lookups("Source", a.id)).toEqual({ node: cId, nodes: [cId, cId], source: cId });
    expect(await lookups("Source", b.id)).toEqual({ node: cId, nodes: [cId, cId], source: cId });
    const records = await t.prisma.mergedRecord.findMany({ where: { typename: "Source", fromId: { in: [a.id, b.id] } }, orderBy: { fromId: "asc" } });
    expect(records.map((r) => [r.fromId, r.toId])).toEqual([[a.id, c.id], [b.id, c.id]]);
    // A merge naming an id already merged follows it: A is C now.
    expect((await merge(MERGE_SOURCES, "Source", c.id, a.id)).code).toBe("VALIDATION_FAILED");
    const mixed = (await t.graphql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { variables: { ids: [globalId("Source", a.id), globalId("Source", 999999), globalId("Source", c.id)] } })).data.nodes;
    expect(mixed).toEqual([{ id: cId }, null, { id: cId }]);
  });

  it("answers a front page filtered by a merged source's id with the survivor's articles, page, count and cursors alike", async () => {
    const [a, b, c] = [await createSource(t.prisma), await createSource(t.prisma), await createSource(t.prisma)];
    const articles = [await createArticle(t.prisma), await createArticle(t.prisma), await createArticle(t.prisma)];
    await t.prisma.citation.createMany({ data: articles.map((article, n) => ({ articleId: article.id, sourceId: [a, b, c][n]!.id })) });
    await merge(MERGE_SOURCES, "Source", b.id, a.id);
    await merge(MERGE_SOURCES, "Source", c.id, b.id);
    const FILTERED = `query ($source: ID!, $after: String) { articles(first: 2, after: $after, filter: { source: $source }, orderBy: TITLE) { nodes { id } totalCount pageInfo { endCursor hasNextPage } } }`;
    const page = async (source: number, after?: string) => (await t.graphql(FILTERED, { variables: { source: globalId("Source", source), after } })).data.articles;
    const survivor = await page(c.id);
    expect(survivor.totalCount).toBe(3);
    expect(survivor.nodes).toHaveLength(2);
    for (const merged of [a.id, b.id]) {
      expect(await page(merged)).toEqual(survivor);
      expect(await page(merged, survivor.pageInfo.endCursor)).toEqual(await page(c.id, survivor.pageInfo.endCursor));
    }
    // An id never merged, with nothing cited, is an empty page, not an error.
    const alone = await createSource(t.prisma);
    expect(await page(alone.id)).toEqual({ nodes: [], totalCount: 0, pageInfo: { endCursor: null, hasNextPage: false } });
    // An id is no text: empty or blank, it is refused as a malformed one is, not read as no filter.
    for (const source of ["", "   ", "garbage"]) {
      const refused = await t.graphql(FILTERED, { variables: { source } });
      expect([source, refused.errors?.[0]?.extensions?.code]).toEqual([source, "INVALID_ID"]);
    }
  });

  it("moves an author's bylines in their places without doubling a byline both were on, and passes on the sign-in link", async () => {
    const survivor = await createAuthor(t.prisma, { name: "Sam Survivor" });
    const duplicate = await createAuthor(t.prisma, { name: "Sam S.", userId: "sam-sub" });
    const other = await createAuthor(t.prisma);
    const shared = await createArticle(t.prisma);
    const alone = await createArticle(t.prisma);
    await t.prisma.byline.createMany({
      data: [
        { articleId: shared.id, authorId: duplicate.id, position: 0 },
        { articleId: shared.id, authorId: other.id, position: 1 },
        { articleId: shared.id, authorId: survivor.id, position: 2 },
        { articleId: alone.id, authorId: other.id, position: 0 },
        { articleId: alone.id, authorId: duplicate.id, position: 1 },
      ],
    });
    expect((await merge(MERGE_AUTHORS, "Author", survivor.id, duplicate.id)).__typename).toBe("AuthorPayload");
    const bylines = async (articleId: number) => (await t.prisma.byline.findMany({ where: { articleId }, orderBy: { position: "asc" } })).map((b) => b.authorId);
    expect(await bylines(shared.id)).toEqual([survivor.id, other.id]);
    expect(await bylines(alone.id)).toEqual([other.id, survivor.id]);
    expect((await t.prisma.author.findUniqueOrThrow({ where: { id: survivor.id } })).userId).toBe("sam-sub");
    const byId = await t.graphql(`query ($id: ID!) { author(id: $id) { name } }`, { variables: { id: globalId("Author", duplicate.id) } });
    expect(byId.data.author).toEqual({ name: "Sam Survivor" });
    expect((await lookups("Author", duplicate.id)).node).toBe(globalId("Author", survivor.id));
  });

  it("moves a topic's articles to the survivor without doubling an article that had both", async () => {
    const [survivor, duplicate] = [await t.prisma.topic.create({ data: { name: "Climate", slug: "climate-x" } }), await t.prisma.topic.create({ data: { name: "Climate change", slug: "climate-change-x" } })];
    const both = await createArticle(t.prisma);
    const one = await createArticle(t.prisma);
    await t.prisma.articleTopic.createMany({ data: [{ articleId: both.id, topicId: survivor.id }, { articleId: both.id, topicId: duplicate.id }, { articleId: one.id, topicId: duplicate.id }] });
    expect((await merge(MERGE_TOPICS, "Topic", survivor.id, duplicate.id)).__typename).toBe("TopicPayload");
    const links = await t.prisma.articleTopic.findMany({ where: { articleId: { in: [both.id, one.id] } }, orderBy: { articleId: "asc" } });
    expect(links.map((l) => [l.articleId, l.topicId])).toEqual([[both.id, survivor.id], [one.id, survivor.id]]);
    const byId = await t.graphql(`query ($id: ID!) { topic(id: $id) { name } }`, { variables: { id: globalId("Topic", duplicate.id) } });
    expect(byId.data.topic).toEqual({ name: "Climate" });
  });

  it("refuses to merge a record into itself or an unknown one, with typed errors", async () => {
    const source = await createSource(t.prisma);
    expect(await merge(MERGE_SOURCES, "Source", source.id, source.id)).toMatchObject({ code: "VALIDATION_FAILED", problems: [{ path: ["duplicateId"] }] });
    expect(await merge(MERGE_SOURCES, "Source", source.id, 999_999)).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
    const wrongType = await t.graphql(MERGE_SOURCES, { variables: { input: { survivorId: globalId("Source", source.id), duplicateId: globalId("Author", 1) } }, headers: admin });
    expect(wrongType.data.mergeSources.code).toBe("INVALID_ID");
  });

  it("leaves every relation where it was when a merge is refused", async () => {
    const person = await createSource(t.prisma, { kind: "PERSON" });
    const organization = await createSource(t.prisma, { kind: "ORGANIZATION" });
    const member = await createSource(t.prisma, { kind: "PERSON", organizationId: organization.id });
    const article = await createArticle(t.prisma);
    await t.prisma.citation.create({ data: { articleId: article.id, sourceId: organization.id } });
    const result = await merge(MERGE_SOURCES, "Source", person.id, organization.id);
    expect(result.problems[0].path).toEqual(["survivorId"]);
    expect(await t.prisma.source.findUnique({ where: { id: organization.id } })).not.toBeNull();
    expect(await t.prisma.citation.count({ where: { sourceId: organization.id } })).toBe(1);
    expect((await t.prisma.source.findUniqueOrThrow({ where: { id: member.id } })).organizationId).toBe(organization.id);
    expect(await t.prisma.mergedRecord.count({ where: { typename: "Source", fromId: organization.id } })).toBe(0);
  });
});
