import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providersAndExecutors } from "./helpers/databases.js";
import { createArticle, createComment, createThreadedArticle } from "./helpers/fixtures.js";

const PAGE = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }";
const PAGE_ARGS = "first: $first, last: $last, after: $after, before: $before, orderBy: $order";
const VARS = "$first: Int, $last: Int, $after: String, $before: String";

const COMMENTS = `query ($id: ID!, ${VARS}, $order: CommentOrder) { article(id: $id) { comments(${PAGE_ARGS}) { ${PAGE} } } }`;
const REPLIES = `query ($id: ID!, ${VARS}, $order: CommentOrder) { node(id: $id) { ... on Comment { replies(${PAGE_ARGS}) { ${PAGE} } } } }`;
const ARTICLES = `query ($search: String, ${VARS}, $order: ArticleOrder) { articles(filter: { search: $search }, ${PAGE_ARGS}) { ${PAGE} } }`;

type Page = { pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string }; edges: { cursor: string; node: { id: string } }[] };
type Hide = (id: number) => Promise<unknown>;

const idOf = (globalIdText: string) => Number(Buffer.from(globalIdText, "base64url").toString().split(":")[1]);

describe.each(providersAndExecutors)("keyset pagination on $provider, $executor", ({ provider, env }) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ provider, env });
  });
  afterAll(() => t.close());

  async function page(query: string, variables: Record<string, unknown>, pick: (data: any) => Page, headers?: Record<string, string>): Promise<Page> {
    const { data, errors } = await t.graphql(query, { variables, headers });
    expect(errors).toBeUndefined();
    return pick(data);
  }
  const ids = (connection: Page) => connection.edges.map((edge) => edge.node.id);

  /**
   * Takes the first three of five rows, hides the third (the end cursor's row), and reads the
   * pages after and before that cursor: the two rows after it, and the two before it.
   */
  async function continuesPastHidden(read: (variables: Record<string, unknown>) => Promise<Page>, hide: Hide) {
    const all = ids(await read({ first: 100 }));
    expect(all).toHaveLength(5);
    const first = await read({ first: 3 });
    expect(ids(first)).toEqual(all.slice(0, 3));
    await hide(idOf(all[2]!));
    const after = await read({ first: 2, after: first.pageInfo.endCursor });
    expect(ids(after)).toEqual(all.slice(3, 5));
    expect(after.pageInfo.hasPreviousPage).toBe(true);
    expect(after.pageInfo.hasNextPage).toBe(false);
    const before = await read({ last: 2, before: first.pageInfo.endCursor });
    expect(ids(before)).toEqual(all.slice(0, 2));
    expect(before.pageInfo.hasNextPage).toBe(true);
    expect(before.pageInfo.hasPreviousPage).toBe(false);
  }

  const hides: [string, Hide][] = [
    ["rejected by a moderator", (id) => t.prisma.comment.update({ where: { id }, data: { status: "REJECTED" } })],
    ["deleted by its author", (id) => t.prisma.comment.update({ where: { id }, data: { status: "DELETED" } })],
    ["removed from the database", (id) => t.prisma.comment.delete({ where: { id } })],
  ];
  const commentOrders = ["NEWEST", "OLDEST", "MOST_REPLIES"];

  for (const [how, hide] of hides) {
    it.each(commentOrders)(`continues an article's comments (%s) after and before a cursor whose comment was ${how}`, async (order) => {
      const article = await createThreadedArticle(t.prisma, { comments: 5, replies: 0 });
      const read = (variables: Record<string, unknown>) => page(COMMENTS, { id: globalId("Article", article.id), order, ...variables }, (data) => data.article.comments);
      await continuesPastHidden(read, hide);
    });

    it.each(commentOrders)(`continues a comment's replies (%s) after and before a cursor whose reply was ${how}`, async (order) => {
      const article = await createThreadedArticle(t.prisma, { comments: 1, replies: 5 });
      const top = await t.prisma.comment.findFirstOrThrow({ where: { articleId: article.id, parentId: null } });
      const read = (variables: Record<string, unknown>) => page(REPLIES, { id: globalId("Comment", top.id), order, ...variables }, (data) => data.node.replies);
      await continuesPastHidden(read, hide);
    });
  }

  const articleHides: [string, Hide][] = [
    ["unpublished", (id) => t.prisma.article.update({ where: { id }, data: { status: "DRAFT" } })],
    ["deleted", (id) => t.prisma.article.delete({ where: { id } })],
  ];
  let batch = 0;
  for (const [how, hide] of articleHides) {
    it.each(["NEWEST", "OLDEST", "RECENTLY_UPDATED", "TITLE"])(`continues the article list (%s) after and before a cursor whose article was ${how}`, async (order) => {
      const search = `keyset batch ${++batch} ${how}`;
      for (let i = 0; i < 5; i++) {
        const day = new Date(Date.UTC(2024, 0, 1 + i));
        await createArticle(t.prisma, { title: `${search} ${i}`, publishedAt: day, updatedAt: day });
      }
      const read = (variables: Record<string, unknown>) => page(ARTICLES, { search, order, ...variables }, (data) => data.articles);
      await continuesPastHidden(read, hide);
    });
  }

  it.each(["NEWEST", "OLDEST"])("pages editors through drafts, whose publication date is null, last in %s order, forwards and backwards", async (order) => {
    const search = `keyset drafts ${order}`;
    for (let i = 0; i < 3; i++) await createArticle(t.prisma, { title: `${search} published ${i}`, publishedAt: new Date(Date.UTC(2024, 5, 1 + i)) });
    for (let i = 0; i < 3; i++) await createArticle(t.prisma, { title: `${search} draft ${i}`, status: "DRAFT", publishedAt: null });
    const headers = { authorization: await bearer({ roles: ["EDITOR"] }) };
    const read = (variables: Record<string, unknown>) => page(ARTICLES, { search, order, ...variables }, (data) => data.articles, headers);
    const all = await read({ first: 100 });
    expect(all.edges).toHaveLength(6);
    const titles = await t.prisma.article.findMany({ where: { id: { in: ids(all).map(idOf) } } });
    const draftIds = new Set(titles.filter((article) => article.publishedAt === null).map((article) => globalId("Article", article.id)));
    expect(ids(all).slice(3).every((id) => draftIds.has(id))).toBe(true);

    const forwards: string[] = [];
    for (let after: string | undefined, next = true; next; ) {
      const one = await read({ first: 1, after });
      forwards.push(...ids(one));
      [after, next] = [one.pageInfo.endCursor, one.pageInfo.hasNextPage];
    }
    expect(forwards).toEqual(ids(all));
    const backwards: string[] = [];
    for (let before: string | undefined = all.edges.at(-1)!.cursor, previous = true; previous; ) {
      const one = await read({ last: 1, before });
      backwards.unshift(...ids(one));
      [before, previous] = [one.pageInfo.startCursor, one.pageInfo.hasPreviousPage];
    }
    expect(backwards).toEqual(ids(all).slice(0, -1));

    // The cursor of the first draft (a null date), whose draft is then deleted.
    await t.prisma.article.delete({ where: { id: idOf(ids(all)[3]!) } });
    expect(ids(await read({ first: 10, after: all.edges[3]!.cursor }))).toEqual(ids(all).slice(4));
    expect(ids(await read({ last: 10, before: all.edges[3]!.cursor }))).toEqual(ids(all).slice(0, 3));
  });

  describe("refuses cursors it did not hand out for that list", () => {
    let articleId: string;
    let commentCursor: string;
    let newestCursor: string;
    beforeAll(async () => {
      const article = await createThreadedArticle(t.prisma, { comments: 2, replies: 0 });
      articleId = globalId("Article", article.id);
      commentCursor = (await page(COMMENTS, { id: articleId, first: 1, order: "OLDEST" }, (data) => data.article.comments)).pageInfo.endCursor;
      newestCursor = (await page(ARTICLES, { first: 1, order: "NEWEST" }, (data) => data.articles)).pageInfo.endCursor;
    });

    const foreign: [string, () => { query: string; variables: Record<string, unknown> }][] = [
      ["another connection's cursor", () => ({ query: ARTICLES, variables: { order: "NEWEST", cursor: commentCursor } })],
      ["another order's cursor", () => ({ query: ARTICLES, variables: { order: "OLDEST", cursor: newestCursor } })],
      ["another order's cursor on comments", () => ({ query: COMMENTS, variables: { id: articleId, order: "NEWEST", cursor: commentCursor } })],
      ["an offset cursor of the old format (GPC:S:1)", () => ({ query: COMMENTS, variables: { id: articleId, order: "OLDEST", cursor: Buffer.from("GPC:S:1").toString("base64") } })],
      ["an id cursor of the old format (GPC:N:1)", () => ({ query: ARTICLES, variables: { order: "NEWEST", cursor: Buffer.from("GPC:N:1").toString("base64") } })],
      ["garbage", () => ({ query: ARTICLES, variables: { order: "NEWEST", cursor: "!!not a cursor!!" } })],
      ["an empty string", () => ({ query: COMMENTS, variables: { id: articleId, order: "OLDEST", cursor: "" } })],
      ...["+275760-09-13T00:00:00.000Z", "+010000-01-01T00:00:00.000Z", "-000001-01-01T00:00:00.000Z"].map((date): (typeof foreign)[number] => [
        `a made-up cursor dated ${date}, which no database stores`,
        () => ({ query: COMMENTS, variables: { id: articleId, order: "OLDEST", cursor: Buffer.from(`k1|Comment:OLDEST|["${date}",1]`).toString("base64url") } }),
      ]),
    ];
    for (const [what, make] of foreign) {
      it.each(["after", "before"])(`answers %s with ${what} with INVALID_PAGINATION, not an unexpected error`, async (side) => {
        const { query, variables } = make();
        const { cursor, ...rest } = variables;
        const { errors } = await t.graphql(query, { variables: { ...rest, [side]: cursor, ...(side === "after" ? { first: 2 } : { last: 2 }) } });
        expect(errors).toHaveLength(1);
        expect(errors![0]!.extensions?.code).toBe("INVALID_PAGINATION");
        expect(errors![0]!.message).not.toBe("Unexpected error.");
      });
    }

    it("refuses first and last together with INVALID_PAGINATION, on root and related connections", async () => {
      for (const [query, variables] of [
        [ARTICLES, { first: 2, last: 2 }],
        [COMMENTS, { id: articleId, first: 2, last: 2 }],
      ] as const) {
        const { errors } = await t.graphql(query, { variables });
        expect(errors?.[0]?.extensions?.code).toBe("INVALID_PAGINATION");
      }
    });
  });

  it("gives an empty page null cursors, as Relay's are, on root and related connections: first 0, last 0, past the end, no match", async () => {
    const article = await createThreadedArticle(t.prisma, { comments: 2, replies: 1 });
    const articleId = globalId("Article", article.id);
    const top = await page(COMMENTS, { id: articleId, first: 1, order: "OLDEST" }, (data) => data.article.comments);
    const connections: [string, (variables: Record<string, unknown>) => Promise<Page>][] = [
      ["articles", (variables) => page(ARTICLES, { search: article.title, ...variables }, (data) => data.articles)],
      ["comments", (variables) => page(COMMENTS, { id: articleId, ...variables }, (data) => data.article.comments)],
      ["replies", (variables) => page(REPLIES, { id: top.edges[0]!.node.id, ...variables }, (data) => data.node.replies)],
    ];
    for (const [name, read] of connections) {
      const all = await read({ first: 100 });
      expect(all.edges.length, name).toBeGreaterThan(0);
      for (const variables of [{ first: 0 }, { last: 0 }, { first: 5, after: all.pageInfo.endCursor }, { last: 5, before: all.pageInfo.startCursor }]) {
        const empty = await read(variables);
        expect(empty.edges, `${name} ${JSON.stringify(variables)}`).toEqual([]);
        expect({ startCursor: empty.pageInfo.startCursor, endCursor: empty.pageInfo.endCursor }, `${name} ${JSON.stringify(variables)}`).toEqual({ startCursor: null, endCursor: null });
      }
    }
    const none = await page(ARTICLES, { search: "no article says this", first: 5 }, (data) => data.articles);
    expect(none).toEqual({ pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, edges: [] });
  });

  it("takes back every cursor it gives, however long the row's order values make it (a title of 300 emoji families)", async () => {
    const family = "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}";
    const search = `long-cursor-${provider}`;
    for (const [i, title] of [`${family.repeat(300)} ${search}`, `${family.repeat(60)} ${search}`, `A ${search}`, `B ${search}`].entries()) {
      await createArticle(t.prisma, { title, excerpt: search, slug: `${search}-${i}` });
    }
    const read = (variables: Record<string, unknown>) => page(ARTICLES, { search, order: "TITLE", ...variables }, (data) => data.articles);
    const all = await read({ first: 10 });
    expect(all.edges).toHaveLength(4);
    const longest = all.edges.reduce((a, b) => (b.cursor.length > a.cursor.length ? b : a));
    expect(longest.cursor.length).toBeGreaterThan(10_000);
    const at = all.edges.indexOf(longest);
    expect(ids(await read({ first: 10, after: longest.cursor }))).toEqual(ids(all).slice(at + 1));
    expect(ids(await read({ last: 10, before: longest.cursor }))).toEqual(ids(all).slice(0, at));
  });

  it("keeps a hidden comment's page whole when it had replies: the tombstone holds its place", async () => {
    const article = await createThreadedArticle(t.prisma, { comments: 3, replies: 0 });
    const comments = await t.prisma.comment.findMany({ where: { articleId: article.id }, orderBy: { id: "asc" } });
    await createComment(t.prisma, { articleId: article.id, parentId: comments[1]!.id });
    await t.prisma.comment.update({ where: { id: comments[1]!.id }, data: { status: "DELETED" } });
    const read = (variables: Record<string, unknown>) => page(COMMENTS, { id: globalId("Article", article.id), order: "OLDEST", ...variables }, (data) => data.article.comments);
    const first = await read({ first: 1 });
    expect(ids(await read({ first: 5, after: first.pageInfo.endCursor }))).toEqual([globalId("Comment", comments[1]!.id), globalId("Comment", comments[2]!.id)]);
  });
});
