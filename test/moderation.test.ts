import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/server.js";
import { bearer, globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";
import { connect, subscribe } from "./helpers/ws.js";

const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { ... on AddCommentPayload { editKey cursor comment { id status } } } }`;
const MODERATE = `mutation ($input: ModerateCommentInput!) { moderateComment(input: $input) { __typename ... on CommentPayload { comment { status moderationLog { kind actorName fromStatus toStatus note } } } ... on Error { code } } }`;
const THREAD = `query ($slug: String!) { article(slug: $slug) { commentCount comments { totalCount nodes { id body status viewerCanEdit } } } }`;

describe.each(providers)("moderation on %s", (provider) => {
  let t: TestApp;
  let server: RunningServer;
  let moderator: string;
  beforeAll(async () => {
    t = await createTestApp({ provider });
    server = await t.listen();
    moderator = await bearer({ name: "Mona Moderator", subject: "mona", roles: ["MODERATOR"] });
  });
  afterAll(() => t.close());

  it("holds PRE-moderated comments until approved: only the author and moderators see them, and approval delivers them live", async () => {
    const article = await createArticle(t.prisma, { moderation: "PRE" });
    const articleId = globalId("Article", article.id);
    const { data: page } = await t.graphql(`query ($slug: String!) { article(slug: $slug) { liveCursor } }`, { variables: { slug: article.slug } });

    const readerClient = connect(server.url);
    const readerFeed = subscribe(readerClient, `subscription ($a: ID!, $after: Cursor) { commentAdded(articleId: $a, after: $after) { ... on CommentAdded { comment { body status } } } }`, { a: articleId, after: page.article.liveCursor });
    const modClient = connect(server.url, { authorization: moderator });
    const modFeed = subscribe(modClient, `subscription ($after: Cursor) { moderationEvents(after: $after) { ... on ModerationEvent { kind fromStatus toStatus comment { body email } } } }`, { after: page.article.liveCursor });

    const posted = (await t.graphql(ADD, { variables: { input: { articleId, body: "Please approve me", guest: { name: "Pat", email: "pat@example.org" } } } })).data.addComment;
    expect(posted.comment.status).toBe("PENDING");

    const asPublic = await t.graphql(THREAD, { variables: { slug: article.slug } });
    expect(asPublic.data.article).toMatchObject({ commentCount: 0, comments: { totalCount: 0 } });
    const asAuthor = await t.graphql(THREAD, { variables: { slug: article.slug }, headers: { "x-comment-edit-keys": posted.editKey } });
    expect(asAuthor.data.article.comments.nodes).toEqual([{ id: posted.comment.id, body: "Please approve me", status: "PENDING", viewerCanEdit: true }]);
    const asOtherGuest = await t.graphql(THREAD, { variables: { slug: article.slug }, headers: { "x-comment-edit-keys": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" } });
    expect(asOtherGuest.data.article.comments.totalCount).toBe(0);

    expect((await modFeed.next()).data.moderationEvents).toMatchObject({ kind: "ADDED", toStatus: "PENDING", comment: { body: "Please approve me", email: "pat@example.org" } });
    await readerFeed.expectSilence(300);

    const queue = await t.graphql(`{ moderationQueue { totalCount nodes { id body email } } }`, { headers: { authorization: moderator } });
    expect(queue.data.moderationQueue.nodes.map((c: any) => c.id)).toContain(posted.comment.id);

    const approved = await t.graphql(MODERATE, { variables: { input: { id: posted.comment.id, decision: "APPROVE", note: "fine" } }, headers: { authorization: moderator } });
    expect(approved.data.moderateComment.comment).toMatchObject({
      status: "APPROVED",
      moderationLog: [{ kind: "APPROVE", actorName: "Mona Moderator", fromStatus: "PENDING", toStatus: "APPROVED", note: "fine" }],
    });
    expect((await readerFeed.next()).data.commentAdded.comment).toEqual({ body: "Please approve me", status: "APPROVED" });
    expect((await modFeed.next()).data.moderationEvents).toMatchObject({ kind: "STATUS_CHANGED", fromStatus: "PENDING", toStatus: "APPROVED" });
    expect((await t.graphql(THREAD, { variables: { slug: article.slug } })).data.article.commentCount).toBe(1);
    await Promise.all([readerClient.dispose(), modClient.dispose()]);
  });

  it("tells thread readers when a comment is rejected, without its content, and restores it", async () => {
    const article = await createArticle(t.prisma);
    const articleId = globalId("Article", article.id);
    const top = (await t.graphql(ADD, { variables: { input: { articleId, body: "Root", guest: { name: "R", email: "r@example.org" } } } })).data.addComment;
    const client = connect(server.url);
    const thread = subscribe(client, `subscription ($id: ID!, $after: Cursor) { threadUpdated(rootId: $id, after: $after) { ... on ThreadUpdate { kind commentId comment { body } } } }`, { id: top.comment.id, after: top.cursor });
    const reply = (await t.graphql(ADD, { variables: { input: { articleId, parentId: top.comment.id, body: "Rude", guest: { name: "X", email: "x@example.org" } } } })).data.addComment;
    expect((await thread.next()).data.threadUpdated).toMatchObject({ kind: "ADDED", comment: { body: "Rude" } });
    await t.graphql(MODERATE, { variables: { input: { id: reply.comment.id, decision: "REJECT" } }, headers: { authorization: moderator } });
    expect((await thread.next()).data.threadUpdated).toEqual({ kind: "STATUS_CHANGED", commentId: reply.comment.id, comment: null });
    const restored = await t.graphql(MODERATE, { variables: { input: { id: reply.comment.id, decision: "RESTORE" } }, headers: { authorization: moderator } });
    expect(restored.data.moderateComment.comment.status).toBe("APPROVED");
    expect((await thread.next()).data.threadUpdated).toMatchObject({ kind: "STATUS_CHANGED", comment: { body: "Rude" } });
    await client.dispose();
  });

  it("closes and reopens an article's comments, recording who did it", async () => {
    const article = await createArticle(t.prisma);
    const SETTINGS = `mutation ($input: CommentSettingsInput!) { setCommentSettings(input: $input) { __typename ... on ArticlePayload { article { commentsOpen moderation } } } }`;
    const input = { articleId: globalId("Article", article.id), open: false, moderation: "PRE" };
    const asReader = await t.graphql(SETTINGS, { variables: { input }, headers: { authorization: await bearer() } });
    expect(asReader.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const closed = await t.graphql(SETTINGS, { variables: { input }, headers: { authorization: moderator } });
    expect(closed.data.setCommentSettings.article).toEqual({ commentsOpen: false, moderation: "PRE" });
    const actions = await t.prisma.moderationAction.findMany({ where: { articleId: article.id }, orderBy: { id: "asc" } });
    expect(actions.map((a) => [a.kind, a.actorId])).toEqual([["CLOSE_COMMENTS", "mona"], ["SET_MODERATION", "mona"]]);
  });

  it("leaves a comment its author deleted, or whose author's data was erased, deleted whatever a moderator decides, alone or in a list, and out of the REPORTED queue", async () => {
    const article = await createArticle(t.prisma);
    const articleId = globalId("Article", article.id);
    const admin = await bearer({ name: "Ada", subject: "ada", roles: ["ADMIN"] });
    const add = async (body: string, email: string, parentId?: string) =>
      (await t.graphql(ADD, { variables: { input: { articleId, parentId, body, guest: { name: "G", email } } } })).data.addComment;
    const top = await add("top", "top@example.org");
    const withdrawn = await add("I take it back", "withdrawn@example.org", top.comment.id);
    const erased = await add("Forget me", "erased@example.org", top.comment.id);
    const hidden = await add("Rejected, then erased", "erased@example.org", top.comment.id);
    await t.graphql(MODERATE, { variables: { input: { id: hidden.comment.id, decision: "REJECT" } }, headers: { authorization: moderator } });
    // Reported before its author deleted it: it leaves the REPORTED queue with the deletion.
    const reader = await bearer({ name: "Rita", subject: "rita" });
    const reported = await t.graphql(`mutation ($input: ReportCommentInput!) { reportComment(input: $input) { __typename } }`, {
      variables: { input: { commentId: withdrawn.comment.id, reason: "ABUSIVE" } },
      headers: { authorization: reader },
    });
    expect(reported.data.reportComment.__typename).toBe("ReportCommentPayload");
    const REPORTED = `query ($a: ID!) { moderationQueue(filter: { queue: REPORTED, article: $a }) { nodes { id } counts { reported } } }`;
    expect((await t.graphql(REPORTED, { variables: { a: articleId }, headers: { authorization: moderator } })).data.moderationQueue).toEqual({ nodes: [{ id: withdrawn.comment.id }], counts: { reported: 1 } });
    await t.graphql(`mutation ($id: ID!, $key: String) { deleteComment(input: { id: $id, editKey: $key }) { __typename } }`, { variables: { id: withdrawn.comment.id, key: withdrawn.editKey } });
    const erasure = await t.graphql(`mutation ($input: EraseCommenterDataInput!) { eraseCommenterData(input: $input) { __typename } }`, {
      variables: { input: { commenter: { email: "erased@example.org" }, bodies: "TOMBSTONE" } },
      headers: { authorization: admin },
    });
    expect(erasure.data.eraseCommenterData.__typename).toBe("EraseCommenterDataPayload");
    expect((await t.graphql(REPORTED, { variables: { a: articleId }, headers: { authorization: moderator } })).data.moderationQueue).toEqual({ nodes: [], counts: { reported: 0 } });
    const BULK = `mutation ($input: ModerateCommentsInput!) { moderateComments(input: $input) { __typename ... on ValidationError { code problems { path } } } }`;
    const rows = () => t.prisma.comment.findMany({ where: { id: { in: [withdrawn, erased].map((c) => Number(Buffer.from(c.comment.id, "base64url").toString().split(":")[1])) } }, select: { status: true, body: true } });
    const before = await rows();
    for (const deleted of [withdrawn, erased]) {
      for (const decision of ["APPROVE", "RESTORE", "REJECT", "MARK_SPAM", "REJECT_EDIT"]) {
        const alone = await t.graphql(MODERATE, { variables: { input: { id: deleted.comment.id, decision } }, headers: { authorization: moderator } });
        expect(alone.data.moderateComment, `${decision} alone`).toEqual({ __typename: "ValidationError", code: "VALIDATION_FAILED" });
        const listed = await t.graphql(BULK, { variables: { input: { ids: [deleted.comment.id, top.comment.id], decision } }, headers: { authorization: moderator } });
        expect(listed.data.moderateComments, `${decision} in a list`).toEqual({ __typename: "ValidationError", code: "VALIDATION_FAILED", problems: [{ path: ["ids", "0"] }] });
      }
    }
    // Rejected before the erasure, it kept its status and lost its text: it cannot be published as a blank.
    for (const decision of ["APPROVE", "RESTORE"]) {
      const publish = await t.graphql(MODERATE, { variables: { input: { id: hidden.comment.id, decision } }, headers: { authorization: moderator } });
      expect(publish.data.moderateComment, decision).toEqual({ __typename: "ValidationError", code: "VALIDATION_FAILED" });
    }
    expect(await rows()).toEqual(before);
    expect(before.map((row) => row.status)).toEqual(["DELETED", "DELETED"]);
    expect(await t.prisma.comment.findMany({ where: { authorName: "Deleted user", status: { not: "DELETED" } }, select: { body: true, status: true } })).toEqual([{ body: "", status: "REJECTED" }]);
    expect(await t.prisma.moderationAction.count({ where: { comment: { articleId: article.id }, kind: { not: "REJECT" } } })).toBe(0);
    const thread = await t.graphql(THREAD, { variables: { slug: article.slug } });
    expect(thread.data.article.comments.nodes).toEqual([{ id: top.comment.id, body: "top", status: "APPROVED", viewerCanEdit: false }]);
  });

  it("keeps reply counts and tombstones right as comments are hidden and restored", async () => {
    const article = await createArticle(t.prisma);
    const articleId = globalId("Article", article.id);
    const add = async (body: string, parentId?: string) =>
      (await t.graphql(ADD, { variables: { input: { articleId, parentId, body, guest: { name: "G", email: "g@example.org" } } } })).data.addComment;
    const top = await add("top");
    const middle = await add("middle", top.comment.id);
    const leaf = await add("leaf", middle.comment.id);
    await t.graphql(`mutation ($id: ID!, $key: String) { deleteComment(input: { id: $id, editKey: $key }) { __typename } }`, { variables: { id: middle.comment.id, key: middle.editKey } });
    const counts = async () => (await t.prisma.comment.findMany({ where: { articleId: article.id }, orderBy: { id: "asc" } })).map((c) => c.replyCount);
    expect(await counts()).toEqual([1, 1, 0]); // the deleted middle stays as a tombstone for its reply
    await t.graphql(MODERATE, { variables: { input: { id: leaf.comment.id, decision: "MARK_SPAM" } }, headers: { authorization: moderator } });
    expect(await counts()).toEqual([0, 0, 0]); // the leaf is gone, so the tombstone goes too
    await t.graphql(MODERATE, { variables: { input: { id: leaf.comment.id, decision: "RESTORE" } }, headers: { authorization: moderator } });
    expect(await counts()).toEqual([1, 1, 0]);
  });
});
