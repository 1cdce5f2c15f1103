// Preview links: the newsroom mints one for a draft; an anonymous browser reads that draft with it,
// and nothing else; expired, revoked, forged and other articles' tokens are refused; never cached.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import { bearer, globalId, manualClock } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle, createAuthor } from "./helpers/fixtures.js";

const CREATE = `mutation ($input: CreatePreviewLinkInput!) { createPreviewLink(input: $input) {
  __typename ... on CreatedPreviewLink { token previewPath link { id } } ... on Error { code } } }`;
const PREVIEW = `query ($token: String!) { articlePreview(token: $token) { id title status byline { author { name } } } }`;

describe.each(providers)("preview links on %s", (provider) => {
  const clock = manualClock();
  let t: TestApp;
  let editor: string;
  beforeAll(async () => {
    t = await createTestApp({ provider, now: clock.now, env: { RESPONSE_CACHE: "true" } });
    editor = await bearer({ roles: ["EDITOR"] });
  });
  afterAll(() => t.close());

  const mint = async (articleId: number, authorization = editor, expiresInSeconds = 3600) =>
    (await t.graphql(CREATE, { variables: { input: { articleId: globalId("Article", articleId), expiresInSeconds } }, headers: { authorization } })).data!.createPreviewLink;

  it("lets an anonymous browser read that one draft, uncached, and never through node or articles", async () => {
    const author = await createAuthor(t.prisma, { name: "Preview Author" });
    const draft = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null, title: "Secret draft" });
    await t.prisma.byline.create({ data: { articleId: draft.id, authorId: author.id, position: 0 } });
    const created = await mint(draft.id);
    expect(created.previewPath).toContain(encodeURIComponent(created.token));
    const token = created.token;
    const first = await t.graphql(PREVIEW, { variables: { token } });
    expect(first.data.articlePreview).toMatchObject({ title: "Secret draft", status: "DRAFT", byline: [{ author: { name: "Preview Author" } }] });
    const statements = await t.countStatements(() => t.graphql(PREVIEW, { variables: { token } }));
    expect(statements).toBeGreaterThan(0); // the second read went to the database, not the cache
    const elsewhere = await t.graphql(`query ($id: ID!, $token: String!) { articlePreview(token: $token) { id } node(id: $id) { id } articles(first: 100) { nodes { id } } }`, {
      variables: { id: globalId("Article", draft.id), token },
    });
    expect(elsewhere.data.node).toBeNull();
    expect(elsewhere.data.articles.nodes.map((n: { id: string }) => n.id)).not.toContain(globalId("Article", draft.id));
  });

  it("refuses expired, revoked, forged and other articles' tokens as PREVIEW_INVALID", async () => {
    const draft = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null });
    const other = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null });
    const code = async (token: string) => (await t.graphql(PREVIEW, { variables: { token } })).errors?.[0]?.extensions?.code;

    const revoked = await mint(draft.id);
    const revoke = await t.graphql(`mutation ($id: ID!) { revokePreviewLink(id: $id) { __typename } }`, { variables: { id: revoked.link.id }, headers: { authorization: editor } });
    expect(revoke.data.revokePreviewLink.__typename).toBe("PreviewLink");
    expect(await code(revoked.token)).toBe("PREVIEW_INVALID");

    const forged = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setAudience("newsgraph-preview").setSubject(String(other.id)).setJti("made-up").setExpirationTime("1h").sign(new TextEncoder().encode("x".repeat(40)));
    expect(await code(forged)).toBe("PREVIEW_INVALID");
    expect(await code("not a token")).toBe("PREVIEW_INVALID");

    const expiring = await mint(draft.id, editor, 60);
    expect(await code(expiring.token)).toBeUndefined();
    clock.advance(61_000);
    expect(await code(expiring.token)).toBe("PREVIEW_INVALID");
  });

  it("lets an author preview their own draft only, and refuses anonymous minting", async () => {
    const mine = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null, createdById: "writer" });
    const theirs = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null, createdById: "someone-else" });
    const writer = await bearer({ roles: ["AUTHOR"], subject: "writer" });
    expect((await mint(mine.id, writer)).__typename).toBe("CreatedPreviewLink");
    expect((await mint(theirs.id, writer)).code).toBe("FORBIDDEN");
    const anonymous = await t.graphql(CREATE, { variables: { input: { articleId: globalId("Article", mine.id), expiresInSeconds: 60 } } });
    expect(anonymous.data?.createPreviewLink ?? anonymous.errors?.[0]?.extensions).toMatchObject({ code: expect.stringMatching(/UNAUTHENTICATED|FORBIDDEN/) });
  });
});
