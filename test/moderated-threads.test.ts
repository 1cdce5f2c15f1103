// What a moderator's decision does to a thread, end to end through the API: hidden replies,
// refused replies, counts, edits under PRE moderation, and the response cache.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { postingPaths } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";
import { connect, subscribe } from "./helpers/ws.js";

const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) {
  __typename ... on AddCommentPayload { editKey comment { id status } } ... on Error { code message } } }`;
const MODERATE = `mutation ($id: ID!, $decision: ModerationDecision!) { moderateComment(input: { id: $id, decision: $decision }) {
  __typename ... on CommentPayload { comment { id status body } } ... on Error { code } } }`;
const EDIT = `mutation ($id: ID!, $body: String!, $key: String) { editComment(input: { id: $id, body: $body, editKey: $key }) {
  __typename ... on CommentPayload { comment { id body pendingEdit { body } } } ... on Error { code } } }`;
const RELATIONS = `query ($id: ID!) { node(id: $id) { ... on Comment { body parent { body authorName status } threadRoot { body } } } }`;
const COUNT = `query ($id: ID!) { node(id: $id) { ... on Article { commentCount comments { totalCount } } } }`;

describe.each(postingPaths)("moderated threads on $name", ({ provider, env }) => {
  let t: TestApp;
  let moderator: Record<string, string>;
  const guest = (name: string) => ({ name, email: `${name.toLowerCase().replace(/\W+/g, ".").replace(/\.$/, "")}@example.org` });

  beforeAll(async () => {
    t = await createTestApp({ provider, env: { ...env, RESPONSE_CACHE: "true" } });
    moderator = { authorization: await bearer({ name: "Mona", subject: "mona", roles: ["MODERATOR"] }) };
  });
  afterAll(() => t.close());

  const post = async (articleId: number, body: string, name: string, parentId?: string, headers?: Record<string, string>) => {
    const { data } = await t.graphql(ADD, { variables: { input: { articleId: globalId("Article", articleId), parentId, body, ...(headers ? {} : { guest: guest(name) }) } }, headers });
    return data.addComment;
  };
  const moderate = async (id: string, decision: string) => (await t.graphql(MODERATE, { variables: { id, decision }, headers: moderator })).data.moderateComment;

  it("hides a rejected comment's replies with it: no relation, count or page reaches them, and a restore brings them back", async () => {
    const article = await createArticle(t.prisma);
    const top = await post(article.id, "Top-level that will be rejected", "Rita Root");
    const replies = [await post(article.id, "First reply", "Ben Reply", top.comment.id), await post(article.id, "Second reply", "Cleo Reply", top.comment.id)];
    const deep = await post(article.id, "A reply to a reply", "Dan Deep", replies[0].comment.id);
    const count = async () => (await t.graphql(COUNT, { variables: { id: globalId("Article", article.id) } })).data.node;
    expect(await count()).toEqual({ commentCount: 4, comments: { totalCount: 1 } });

    await moderate(top.comment.id, "REJECT");
    expect(await count()).toEqual({ commentCount: 0, comments: { totalCount: 0 } });
    for (const reply of [...replies, deep]) {
      const { data } = await t.graphql(RELATIONS, { variables: { id: reply.comment.id } });
      expect(data.node).toBeNull();
    }
    // The moderator still sees the thread as it stands, rejected parent included.
    const seen = await t.graphql(RELATIONS, { variables: { id: deep.comment.id }, headers: moderator });
    expect(seen.data.node.parent.body).toBe("First reply");
    expect(seen.data.node.threadRoot.body).toBe("Top-level that will be rejected");

    await moderate(top.comment.id, "RESTORE");
    expect(await count()).toEqual({ commentCount: 4, comments: { totalCount: 1 } });
    const back = await t.graphql(RELATIONS, { variables: { id: deep.comment.id } });
    expect(back.data.node.threadRoot.body).toBe("Top-level that will be rejected");
  });

  it("keeps a pending parent that a moderator replied to out of sight, and the reply with it", async () => {
    const article = await createArticle(t.prisma, { moderation: "PRE" });
    const pending = await post(article.id, "Pending parent text", "Pat Pending");
    expect(pending.comment.status).toBe("PENDING");
    const answer = await post(article.id, "A moderator's answer", "", pending.comment.id, moderator);
    expect(answer.comment.status).toBe("APPROVED");
    const anonymous = await t.graphql(RELATIONS, { variables: { id: answer.comment.id } });
    expect(anonymous.data.node).toBeNull();
    expect(JSON.stringify(anonymous)).not.toContain("Pending parent text");
    // The pending comment's author sees their own comment, not what others wrote under it.
    const byKey = { "x-comment-edit-keys": pending.editKey };
    expect((await t.graphql(RELATIONS, { variables: { id: pending.comment.id }, headers: byKey })).data.node.body).toBe("Pending parent text");
    expect((await t.graphql(RELATIONS, { variables: { id: answer.comment.id }, headers: byKey })).data.node).toBeNull();
  });

  it("refuses replies into a removed thread with a typed error, writes nothing, and sends nothing live", async () => {
    const article = await createArticle(t.prisma);
    const top = await post(article.id, "Soon removed", "Rob Removed");
    const reply = await post(article.id, "Approved reply", "Amy Approved", top.comment.id);
    await moderate(top.comment.id, "REJECT");
    const server = await t.listen();
    const client = connect(server.url);
    const { data: page } = await t.graphql(`query ($id: ID!) { node(id: $id) { ... on Article { liveCursor } } }`, { variables: { id: globalId("Article", article.id) } });
    const live = subscribe(client, `subscription ($a: ID!, $after: Cursor) { commentAdded(articleId: $a, after: $after) { ... on CommentAdded { comment { id body } } } }`, {
      a: globalId("Article", article.id),
      after: page.node.liveCursor,
    });
    await expect.poll(() => t.app.services.feeds.size).toBe(1);
    const before = await t.prisma.comment.count({ where: { articleId: article.id } });
    for (const parentId of [reply.comment.id, top.comment.id]) {
      const refused = await post(article.id, "Into the void", "Vic Void", parentId);
      expect(refused.__typename).toBe(parentId === top.comment.id ? "NotFoundError" : "ThreadRemovedError");
    }
    const signedIn = await post(article.id, "Into the void", "", reply.comment.id, { authorization: await bearer({ name: "Sam Signed" }) });
    expect(signedIn).toMatchObject({ __typename: "ThreadRemovedError", code: "THREAD_REMOVED" });
    expect(await t.prisma.comment.count({ where: { articleId: article.id } })).toBe(before);
    await live.expectSilence(500);
    await client.dispose();
  });

  it("refuses a reply to a comment only its author sees (pending, or held by a rule), by guest key or sign-in, and lets a moderator answer it", async () => {
    const reader = { authorization: await bearer({ name: "Hana Held", subject: "hana-held" }) };
    for (const moderation of ["PRE", "POST"] as const) {
      const article = await createArticle(t.prisma, { moderation });
      const byKey = await post(article.id, `Held for a moderator (${moderation})`, "Gus Guest");
      const signedIn = await post(article.id, `Also held (${moderation})`, "", undefined, reader);
      // Under POST moderation a comment is held when a moderator's decision is still to come: here, put back to pending.
      for (const held of [byKey, signedIn]) if (held.comment.status !== "PENDING") await t.prisma.comment.update({ where: { id: Number(Buffer.from(held.comment.id, "base64url").toString().split(":")[1]) }, data: { status: "PENDING" } });
      const before = await t.prisma.comment.count({ where: { articleId: article.id } });
      const ownByKey = await t.graphql(ADD, {
        variables: { input: { articleId: globalId("Article", article.id), parentId: byKey.comment.id, body: "Replying to myself", guest: guest("Gus Guest") } },
        headers: { "x-comment-edit-keys": byKey.editKey },
      });
      expect(ownByKey.data.addComment).toMatchObject({ __typename: "ThreadRemovedError", code: "THREAD_REMOVED" });
      expect(await post(article.id, "Replying to myself", "", signedIn.comment.id, reader)).toMatchObject({ __typename: "ThreadRemovedError", code: "THREAD_REMOVED" });
      expect(await t.prisma.comment.count({ where: { articleId: article.id } })).toBe(before);
      expect((await post(article.id, "A moderator's answer", "", byKey.comment.id, moderator)).__typename).toBe("AddCommentPayload");
    }
  });

  it("holds an edit of an approved comment under PRE moderation until a moderator approves it, showing them the changes", async () => {
    const article = await createArticle(t.prisma, { moderation: "PRE" });
    const posted = await post(article.id, "The council voted yes", "Eve Editor");
    await moderate(posted.comment.id, "APPROVE");
    const body = async (headers?: Record<string, string>) =>
      (await t.graphql(`query ($id: ID!) { node(id: $id) { ... on Comment { body pendingEdit { body changes { kind text } } } } }`, { variables: { id: posted.comment.id }, headers })).data.node;
    expect((await body()).body).toBe("The council voted yes");

    const edited = (await t.graphql(EDIT, { variables: { id: posted.comment.id, body: "The council voted no", key: posted.editKey } })).data.editComment;
    expect(edited.comment).toMatchObject({ body: "The council voted yes", pendingEdit: { body: "The council voted no" } });
    expect(await body()).toEqual({ body: "The council voted yes", pendingEdit: null });
    const forModerator = await body(moderator);
    expect(forModerator.pendingEdit.changes).toEqual([
      { kind: "UNCHANGED", text: "The council voted " },
      { kind: "REMOVED", text: "yes" },
      { kind: "ADDED", text: "no" },
    ]);
    const queue = await t.graphql(`query ($a: ID!) { moderationQueue(articleId: $a) { nodes { id } } }`, { variables: { a: globalId("Article", article.id) }, headers: moderator });
    expect(queue.data.moderationQueue.nodes).toEqual([{ id: posted.comment.id }]);

    const rejected = await moderate(posted.comment.id, "REJECT_EDIT");
    expect(rejected.comment).toMatchObject({ status: "APPROVED", body: "The council voted yes" });
    await t.graphql(EDIT, { variables: { id: posted.comment.id, body: "The council voted no, 5 to 4", key: posted.editKey } });
    await moderate(posted.comment.id, "APPROVE");
    expect(await body()).toEqual({ body: "The council voted no, 5 to 4", pendingEdit: null });
    const noEdit = await moderate(posted.comment.id, "REJECT_EDIT");
    expect(noEdit.code).toBe("VALIDATION_FAILED");
  });

  it("drops cached answers the moment what they show or leave out changes: approval, rejection, edit, deletion, settings, mentions", async () => {
    const article = await createArticle(t.prisma, { moderation: "PRE" });
    const read = async (query: string, id: string) => {
      let data: any;
      const statements = await t.countStatements(async () => (data = (await t.graphql(query, { variables: { id } })).data));
      return { data, statements };
    };
    const COMMENT = `query ($id: ID!) { node(id: $id) { ... on Comment { body replyCount mentions { comment { id } } } } }`;
    const ARTICLE = `query ($id: ID!) { node(id: $id) { ... on Article { commentsOpen commentCount } } }`;
    const articleId = globalId("Article", article.id);

    const held = await post(article.id, "Held for now", "Hal Held");
    expect((await read(COMMENT, held.comment.id)).data.node).toBeNull();
    expect((await read(COMMENT, held.comment.id)).statements).toBeGreaterThan(0); // a miss is not kept
    await moderate(held.comment.id, "APPROVE");
    expect((await read(COMMENT, held.comment.id)).data.node.body).toBe("Held for now");

    // A reply mentioning a comment that is still pending: the link appears when the pending one is approved.
    const other = await post(article.id, "Another view", "Olga Other", held.comment.id);
    const mentioning = await post(article.id, "@Olga Other I agree", "Mia Mention", held.comment.id);
    await moderate(mentioning.comment.id, "APPROVE");
    await read(COMMENT, mentioning.comment.id);
    expect((await read(COMMENT, mentioning.comment.id)).statements).toBe(0);
    expect((await read(COMMENT, mentioning.comment.id)).data.node.mentions).toEqual([{ comment: null }]);
    await moderate(other.comment.id, "APPROVE");
    expect((await read(COMMENT, mentioning.comment.id)).data.node.mentions).toEqual([{ comment: { id: other.comment.id } }]);

    // A cached reply vanishes when its thread is rejected, and its parent's count moves.
    expect((await read(COMMENT, held.comment.id)).data.node.replyCount).toBe(2);
    expect((await read(COMMENT, held.comment.id)).statements).toBe(0);
    await moderate(other.comment.id, "REJECT");
    expect((await read(COMMENT, held.comment.id)).data.node.replyCount).toBe(1);
    await moderate(held.comment.id, "REJECT");
    expect((await read(COMMENT, mentioning.comment.id)).data.node).toBeNull();
    await moderate(held.comment.id, "RESTORE");
    expect((await read(COMMENT, mentioning.comment.id)).data.node.body).toBe("@Olga Other I agree");

    // An approved edit, then the author's deletion.
    await t.graphql(EDIT, { variables: { id: mentioning.comment.id, body: "@Olga Other I agree, mostly", key: mentioning.editKey } });
    expect((await read(COMMENT, mentioning.comment.id)).data.node.body).toBe("@Olga Other I agree");
    await moderate(mentioning.comment.id, "APPROVE");
    expect((await read(COMMENT, mentioning.comment.id)).data.node.body).toBe("@Olga Other I agree, mostly");
    await t.graphql(`mutation ($id: ID!, $key: String) { deleteComment(input: { id: $id, editKey: $key }) { __typename } }`, { variables: { id: mentioning.comment.id, key: mentioning.editKey } });
    expect((await read(COMMENT, mentioning.comment.id)).data.node).toBeNull();

    // Settings.
    expect((await read(ARTICLE, articleId)).data.node.commentsOpen).toBe(true);
    await t.graphql(`mutation ($id: ID!) { setCommentSettings(input: { articleId: $id, open: false }) { __typename } }`, { variables: { id: articleId }, headers: moderator });
    expect((await read(ARTICLE, articleId)).data.node.commentsOpen).toBe(false);
  });
});
