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
