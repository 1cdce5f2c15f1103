import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, globalId, manualClock } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { postingPaths } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";

const ADD = /* GraphQL */ `
  mutation ($input: AddCommentInput!) {
    addComment(input: $input) {
      __typename
      ... on AddCommentPayload { editKey cursor comment { id body depth status authorName parent { id } threadRoot { id } mentions { name comment { id authorName } } } }
      ... on Error { message code }
      ... on ValidationError { field }
    }
  }
`;
const EDIT = `mutation ($input: EditCommentInput!) { editComment(input: $input) { __typename ... on CommentPayload { comment { body editedAt } } ... on Error { code message } } }`;
const DELETE = `mutation ($input: DeleteCommentInput!) { deleteComment(input: $input) { __typename ... on DeleteCommentPayload { deletedCommentId comment { isDeleted body } } ... on Error { code } } }`;
const guest = (name = "Guest Poster") => ({ name, email: `${name.toLowerCase().replace(/\W+/g, ".").replace(/\.$/, "")}@example.org` });

describe.each(postingPaths)("posting and threads on $name", ({ provider, env }) => {
  let t: TestApp;
  const clock = manualClock();
  beforeAll(async () => {
    t = await createTestApp({ provider, env, now: clock.now });
  });
  afterAll(() => t.close());

  const add = async (input: Record<string, unknown>, headers?: Record<string, string>) => {
    const { data, errors } = await t.graphql(ADD, { variables: { input }, headers });
    expect(errors).toBeUndefined();
    return data.addComment;
  };

  it("lets a guest post, reply three deep, and lands a fourth-level reply at the cap", async () => {
    const article = await createArticle(t.prisma);
    const articleId = globalId("Article", article.id);
    const top = await add({ articleId, body: "  Top-level thought.  ", guest: guest("Ada") });
    expect(top).toMatchObject({ __typename: "AddCommentPayload", comment: { body: "Top-level thought.", depth: 0, status: "APPROVED", authorName: "Ada" } });
    expect(top.editKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    let parent = top.comment;
    for (const depth of [1, 2, 3]) {
      const reply = await add({ articleId, parentId: parent.id, body: `Reply at ${depth}`, guest: guest("Ben") });
      expect(reply.comment).toMatchObject({ depth, parent: { id: parent.id }, threadRoot: { id: top.comment.id } });
      parent = reply.comment;
    }
    const fourth = await add({ articleId, parentId: parent.id, body: "One level too deep", guest: guest("Cy") });
    expect(fourth.__typename).toBe("AddCommentPayload");
    expect(fourth.comment.depth).toBe(3);
    const { data } = await t.graphql(`query ($id: ID!) { node(id: $id) { ... on Comment { replyCount replies { nodes { body } } } } }`, {
      variables: { id: fourth.comment.parent.id },
    });
    expect(data.node.replies.nodes.map((r: any) => r.body)).toEqual(["Reply at 3", "One level too deep"]);
    expect(data.node.replyCount).toBe(2);
  });

  it("links @mentions to the named commenter's latest earlier comment in the thread", async () => {
    const article = await createArticle(t.prisma);
    const articleId = globalId("Article", article.id);
    const top = await add({ articleId, body: "Opening", guest: guest("Marta K.") });
    clock.advance(1000);
    const second = await add({ articleId, parentId: top.comment.id, body: "Second from Marta", guest: guest("Marta K.") });
    clock.advance(1000);
    const reply = await add({ articleId, parentId: top.comment.id, body: "@Marta K. agreed, and @Nobody too", guest: guest("Dev") });
    expect(reply.comment.mentions).toEqual([{ name: "Marta K.", comment: { id: second.comment.id, authorName: "Marta K." } }]);
  });

  it("signs a reader's comment with their name and needs no guest details", async () => {
    const article = await createArticle(t.prisma);
    const posted = await add({ articleId: globalId("Article", article.id), body: "Signed in." }, { authorization: await bearer({ name: "Rita Reader" }) });
    expect(posted).toMatchObject({ editKey: null, comment: { authorName: "Rita Reader" } });
  });

  it("refuses bad input with typed errors and writes nothing", async () => {
    const article = await createArticle(t.prisma);
    const other = await createArticle(t.prisma);
    const closed = await createArticle(t.prisma, { commentsOpen: false });
    const draft = await createArticle(t.prisma, { status: "DRAFT" });
    const otherTop = await add({ articleId: globalId("Article", other.id), body: "elsewhere", guest: guest() });
    const articleId = globalId("Article", article.id);
    const before = await t.prisma.comment.count();
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ articleId, body: "   ", guest: guest() }, "VALIDATION_FAILED", "body"],
      [{ articleId, body: "x".repeat(5001), guest: guest() }, "VALIDATION_FAILED", "body"],
      [{ articleId, body: "hi" }, "VALIDATION_FAILED", "guest.name"],
      [{ articleId, body: "hi", guest: { name: "No Mail", email: "not-an-email" } }, "VALIDATION_FAILED", "guest.email"],
      [{ articleId: globalId("Article", closed.id), body: "hi", guest: guest() }, "COMMENTS_CLOSED"],
      [{ articleId: globalId("Article", draft.id), body: "hi", guest: guest() }, "NOT_FOUND"],
      [{ articleId, parentId: otherTop.comment.id, body: "hi", guest: guest() }, "VALIDATION_FAILED", "parentId"],
      [{ articleId: "garbage", body: "hi", guest: guest() }, "INVALID_ID"],
      [{ articleId, parentId: globalId("Comment", 999999), body: "hi", guest: guest() }, "NOT_FOUND"],
    ];
    for (const [input, code, field] of cases) {
      const result = await add(input);
      expect(result.code, JSON.stringify(input).slice(0, 80)).toBe(code);
      if (field) expect(result.field).toBe(field);
      expect(result.message).not.toMatch(/not-an-email/);
    }
    expect(await t.prisma.comment.count()).toBe(before);
    expect(await t.prisma.commentEvent.count({ where: { articleId: article.id } })).toBe(0);
  });

  it("lets the author edit within the window with a history kept, and delete at any time", async () => {
    const article = await createArticle(t.prisma);
    const articleId = globalId("Article", article.id);
    const posted = await add({ articleId, body: "First draft", guest: guest("Edith") });
    const reply = await add({ articleId, parentId: posted.comment.id, body: "A reply", guest: guest("Other") });
    const id = posted.comment.id;

    const stranger = await t.graphql(EDIT, { variables: { input: { id, body: "hijack", editKey: reply.editKey } } });
    expect(stranger.data.editComment.code).toBe("FORBIDDEN");
    clock.advance(60_000);
    const edited = await t.graphql(EDIT, { variables: { input: { id, body: "Second draft", editKey: posted.editKey } } });
    expect(edited.data.editComment).toMatchObject({ __typename: "CommentPayload", comment: { body: "Second draft" } });
    expect(edited.data.editComment.comment.editedAt).toBe(clock.now().toISOString());

    const moderator = { authorization: await bearer({ name: "Mo", roles: ["MODERATOR"] }) };
    const history = await t.graphql(`query ($id: ID!) { node(id: $id) { ... on Comment { edits { body } } } }`, { variables: { id }, headers: moderator });
    expect(history.data.node.edits).toEqual([{ body: "First draft" }]);
    const hidden = await t.graphql(`query ($id: ID!) { node(id: $id) { ... on Comment { edits { body } } } }`, { variables: { id } });
    expect(hidden.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    clock.advance(15 * 60_000);
    const late = await t.graphql(EDIT, { variables: { input: { id, body: "Too late", editKey: posted.editKey } } });
    expect(late.data.editComment).toMatchObject({ __typename: "EditWindowExpiredError", code: "EDIT_WINDOW_EXPIRED" });

    // The key proves authorship from the header as from the input; another guest's key does not.
    const fresh = await add({ articleId, body: "Header draft", guest: guest("Hedda") });
    const keyed = (key: string) => ({ headers: { "x-comment-edit-keys": `${reply.editKey},${key}` } });
    const byStranger = await t.graphql(EDIT, { variables: { input: { id: fresh.comment.id, body: "hijack" } }, ...keyed(posted.editKey) });
    expect(byStranger.data.editComment.code).toBe("FORBIDDEN");
    const byHeader = await t.graphql(EDIT, { variables: { input: { id: fresh.comment.id, body: "Header edit" } }, ...keyed(fresh.editKey) });
    expect(byHeader.data.editComment).toMatchObject({ __typename: "CommentPayload", comment: { body: "Header edit" } });
    const deletedByHeader = await t.graphql(DELETE, { variables: { input: { id: fresh.comment.id } }, ...keyed(fresh.editKey) });
    expect(deletedByHeader.data.deleteComment).toMatchObject({ deletedCommentId: fresh.comment.id });

    const deleted = await t.graphql(DELETE, { variables: { input: { id, editKey: posted.editKey } } });
    expect(deleted.data.deleteComment).toMatchObject({ deletedCommentId: id, comment: { isDeleted: true, body: null } });
    const lone = await add({ articleId, body: "No replies", guest: guest("Solo") });
    const gone = await t.graphql(DELETE, { variables: { input: { id: lone.comment.id, editKey: lone.editKey } } });
    expect(gone.data.deleteComment.comment).toBeNull();
    const { data } = await t.graphql(`query ($slug: String!) { article(slug: $slug) { comments(orderBy: OLDEST) { totalCount nodes { isDeleted replies { nodes { body } } } } } }`, {
      variables: { slug: article.slug },
    });
    expect(data.article.comments).toMatchObject({ totalCount: 1, nodes: [{ isDeleted: true, replies: { nodes: [{ body: "A reply" }] } }] });
  });
});
