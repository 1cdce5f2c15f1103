// Live blogs and front pages: articleUpdated and articlePublished over graphql-ws, resumed from a
// cursor, with the visibility rule applied to every event.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bearer, globalId } from "./helpers/auth.js";
import { changeArticle } from "./helpers/article-events.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";
import { connect, subscribe } from "./helpers/ws.js";

const UPDATED = `subscription ($id: ID!, $after: Cursor) { articleUpdated(id: $id, after: $after) {
  __typename
  ... on ArticleUpdate { cursor kind changedFields correctionNote article { title } newBlocks { __typename ... on ParagraphBlock { text } } }
  ... on ResyncRequired { cursor reason } } }`;
const PUBLISHED = `subscription ($topic: ID, $after: Cursor) { articlePublished(topic: $topic, after: $after) {
  __typename ... on ArticlePublication { cursor article { title } } ... on ResyncRequired { cursor reason } } }`;

describe.each(providers)("live articles on %s", (provider) => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp({ provider });
    url = (await t.listen()).url;
  });
  afterAll(() => t.close());
  // Each test starts with no subscriber left attached by the one before.
  afterEach(() => expect.poll(() => t.app.services.articleFeeds.size).toBe(0));

  it("delivers an edit, a new block and a correction made through the newsroom's mutations to a live blog reader, and what they missed on reconnecting", async () => {
    const article = await createArticle(t.prisma, { body: [{ type: "paragraph", text: "09:00 Polls open." }] });
    const id = globalId("Article", article.id);
    const editor = { authorization: await bearer({ roles: ["EDITOR"] }) };
    const write = async (mutation: string, input: Record<string, unknown>) => {
      const result = await t.graphql(`mutation ($input: ${mutation === "correctArticle" ? "CorrectArticleInput" : "UpdateArticleInput"}!) { ${mutation}(input: $input) { __typename ... on Error { code message } } }`, { variables: { input: { id, ...input } }, headers: editor });
      expect(result.data?.[mutation].__typename).toBe("ArticlePayload");
    };
    const page = await t.graphql(`query ($id: ID!) { node(id: $id) { ... on Article { updatesCursor } } }`, { variables: { id } });
    const after = page.data.node.updatesCursor;
    const client = connect(url);
    const feed = subscribe(client, UPDATED, { id, after });
    await expect.poll(() => t.app.services.articleFeeds.size).toBe(1);

    await write("updateArticle", { version: 1, title: "Election day, live" });
    const edit = (await feed.next()).data.articleUpdated;
    expect(edit).toMatchObject({ __typename: "ArticleUpdate", kind: "UPDATED", changedFields: ["title"], newBlocks: [], article: { title: "Election day, live" } });

    const body = [{ type: "PARAGRAPH", text: "09:00 Polls open." }, { type: "PARAGRAPH", text: "10:30 Turnout is high." }];
    await write("updateArticle", { version: 2, body });
    const block = (await feed.next()).data.articleUpdated;
    expect(block.newBlocks).toEqual([{ __typename: "ParagraphBlock", text: "10:30 Turnout is high." }]);
    client.dispose();

    // Missed while away: a correction, then a new block.
    await write("correctArticle", { version: 3, title: "Election day, live updates", note: "An earlier headline misnamed the day." });
    await write("updateArticle", { version: 4, body: [...body, { type: "PARAGRAPH", text: "12:00 Queues at noon." }] });
    const again = connect(url);
    const resumed = subscribe(again, UPDATED, { id, after: block.cursor });
    expect((await resumed.next()).data.articleUpdated).toMatchObject({ kind: "CORRECTED", correctionNote: "An earlier headline misnamed the day.", article: { title: "Election day, live updates" } });
    expect((await resumed.next()).data.articleUpdated.newBlocks).toEqual([{ __typename: "ParagraphBlock", text: "12:00 Queues at noon." }]);
    await resumed.expectSilence(200); // no duplicate
    again.dispose();
  });

  it("asks for a resync when the cursor is not from this server's history", async () => {
    const article = await createArticle(t.prisma);
    const client = connect(url);
    const feed = subscribe(client, UPDATED, { id: globalId("Article", article.id), after: Buffer.from("event:99999999").toString("base64url") });
    expect((await feed.next()).data.articleUpdated).toMatchObject({ __typename: "ResyncRequired", reason: expect.stringMatching(/cursor/i) });
    client.dispose();
  });

  it("tells a reader that an article was withdrawn, and then nothing more of it", async () => {
    const article = await createArticle(t.prisma);
    const client = connect(url);
    const before = t.app.services.articleFeeds.size;
    const feed = subscribe(client, UPDATED, { id: globalId("Article", article.id) });
    await expect.poll(() => t.app.services.articleFeeds.size).toBe(before + 1);
    await changeArticle(t.app, { articleId: article.id, kind: "UNPUBLISHED", fields: { status: "DRAFT" } });
    expect((await feed.next()).data.articleUpdated).toMatchObject({ kind: "UNPUBLISHED", article: null });
    await changeArticle(t.app, { articleId: article.id, kind: "UPDATED", fields: { title: "A secret new headline" } });
    await feed.expectSilence(300);
    client.dispose();
  });

  it("refuses a live blog of an article the reader cannot see, and lets an editor follow it", async () => {
    const draft = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null });
    const client = connect(url);
    const refused = subscribe(client, UPDATED, { id: globalId("Article", draft.id) });
    expect((await refused.next()).errors).toMatchObject([{ extensions: { code: "NOT_FOUND" } }]);
    client.dispose();
    const staff = connect(url, { authorization: await bearer({ roles: ["EDITOR"] }) });
    const before = t.app.services.articleFeeds.size;
    const feed = subscribe(staff, UPDATED, { id: globalId("Article", draft.id) });
    await expect.poll(() => t.app.services.articleFeeds.size).toBe(before + 1);
    await changeArticle(t.app, { articleId: draft.id, kind: "UPDATED", fields: { title: "Draft headline" } });
    expect((await feed.next()).data.articleUpdated).toMatchObject({ kind: "UPDATED", article: { title: "Draft headline" } });
    staff.dispose();
  });

  it("sends a front page only the publications in its topic", async () => {
    const topic = await t.prisma.topic.create({ data: { slug: `live-topic-${Date.now()}`, name: "Live topic" } });
    const inTopic = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null, title: "In the topic", topics: { create: { topicId: topic.id } } } as never);
    const elsewhere = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null, title: "Elsewhere" });
    const client = connect(url);
    const before = t.app.services.articleFeeds.size;
    const all = subscribe(client, PUBLISHED, {});
    const front = subscribe(client, PUBLISHED, { topic: globalId("Topic", topic.id) });
    await expect.poll(() => t.app.services.articleFeeds.size).toBe(before + 2);
    const past = new Date(Date.now() - 60_000);
    await changeArticle(t.app, { articleId: elsewhere.id, kind: "PUBLISHED", fields: { status: "PUBLISHED", publishedAt: past } });
    await changeArticle(t.app, { articleId: inTopic.id, kind: "PUBLISHED", fields: { status: "PUBLISHED", publishedAt: past } });
    expect((await all.next()).data.articlePublished.article.title).toBe("Elsewhere");
    expect((await all.next()).data.articlePublished.article.title).toBe("In the topic");
    expect((await front.next()).data.articlePublished.article.title).toBe("In the topic");
    await front.expectSilence(200);
    client.dispose();
  });
});
