import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/server.js";
import { bearer, globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle, createComment } from "./helpers/fixtures.js";
import { connect, subscribe } from "./helpers/ws.js";

const REPORT = `mutation ($input: ReportCommentInput!) { reportComment(input: $input) {
  __typename ... on ReportCommentPayload { reportedCommentId reason comment { id status } } ... on Error { code } } }`;
const REPORTS = `query ($id: ID!) { node(id: $id) { ... on Comment { status reportCount reviewedAt reports { reason text reporter resolvedAt } moderationLog { kind fromStatus toStatus } } } }`;
const MODERATE = `mutation ($input: ModerateCommentInput!) { moderateComment(input: $input) { __typename ... on CommentPayload { comment { status } } } }`;
const THREAD = `query ($slug: String!) { article(slug: $slug) { commentCount comments { nodes { id replies { nodes { id } } } } } }`;
const GUEST_KEY = "guest-browser-key-0123456789";

describe.each(providers)("reader reports on %s", (provider) => {
  let t: TestApp;
  let server: RunningServer;
  let moderator: string;
  let admin: string;
  let readers: string[];
  beforeAll(async () => {
    t = await createTestApp({ provider });
    server = await t.listen();
    moderator = await bearer({ name: "Mona", subject: "mona", roles: ["MODERATOR"] });
    admin = await bearer({ name: "Ada", subject: "ada", roles: ["ADMIN"] });
    readers = await Promise.all(["r1", "r2", "r3", "r4"].map((subject) => bearer({ subject, name: subject })));
  });
  afterAll(() => t.close());

  const report = (commentId: number, headers: Record<string, string>, reason = "ABUSIVE", text?: string) =>
    t.graphql(REPORT, { variables: { input: { commentId: globalId("Comment", commentId), reason, text } }, headers });

  it("takes a report from a signed-in reader and a guest with a reader key, once each, and shows them to moderators only", async () => {
    const article = await createArticle(t.prisma);
    const comment = await createComment(t.prisma, { articleId: article.id, body: "Something rude" });
    const first = await report(comment.id, { authorization: readers[0]! }, "ABUSIVE", "Insults another reader");
    expect(first.data.reportComment).toEqual({ __typename: "ReportCommentPayload", reportedCommentId: globalId("Comment", comment.id), reason: "ABUSIVE", comment: { id: globalId("Comment", comment.id), status: "APPROVED" } });
    // Twice: the same answer, no second report.
    const again = await report(comment.id, { authorization: readers[0]! }, "SPAM", "Changed my mind");
    expect(again.data.reportComment).toEqual(first.data.reportComment);
    await report(comment.id, { "x-reader-key": GUEST_KEY }, "OFF_TOPIC");
    await report(comment.id, { "x-reader-key": GUEST_KEY }, "OFF_TOPIC");

    const asModerator = await t.graphql(REPORTS, { variables: { id: globalId("Comment", comment.id) }, headers: { authorization: moderator } });
    expect(asModerator.data.node.reportCount).toBe(2);
    expect(asModerator.data.node.reports).toEqual([
      { reason: "ABUSIVE", text: "Insults another reader", reporter: "user:r1", resolvedAt: null },
      { reason: "OFF_TOPIC", text: null, reporter: expect.stringMatching(/^guest:[0-9a-f]{64}$/), resolvedAt: null },
    ]);
    expect(JSON.stringify(asModerator)).not.toContain(GUEST_KEY);
    expect(await t.prisma.commentReport.count({ where: { commentId: comment.id } })).toBe(2);

    const queue = await t.graphql(`{ moderationQueue(filter: { queue: REPORTED }) { nodes { id reportCount } counts { reported } } }`, { headers: { authorization: moderator } });
    expect(queue.data.moderationQueue.nodes).toContainEqual({ id: globalId("Comment", comment.id), reportCount: 2 });

    for (const headers of [{}, { authorization: readers[0]! }] as Record<string, string>[]) {
      const denied = await t.graphql(`query ($id: ID!) { node(id: $id) { ... on Comment { reports { text reporter } } } }`, { variables: { id: globalId("Comment", comment.id) }, headers });
      expect(denied.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
      expect(JSON.stringify(denied)).not.toContain("Insults another reader");
    }
  });

  it("refuses a report from a guest without a reader key, and one on a comment the reporter cannot see", async () => {
    const article = await createArticle(t.prisma);
    const shown = await createComment(t.prisma, { articleId: article.id });
    const pending = await createComment(t.prisma, { articleId: article.id, status: "PENDING" });
    expect((await report(shown.id, {})).data.reportComment).toEqual({ __typename: "UnauthenticatedError", code: "UNAUTHENTICATED" });
    expect((await report(pending.id, { authorization: readers[0]! })).data.reportComment).toEqual({ __typename: "NotFoundError", code: "NOT_FOUND" });
    expect(await t.prisma.commentReport.count({ where: { commentId: { in: [shown.id, pending.id] } } })).toBe(0);
  });

  it("sends a POST-moderated comment to review at the threshold, with its replies, live to moderators, and a decision closes the reports", async () => {
    const set = await t.graphql(`mutation { setModerationSettings(input: { reportThreshold: 2 }) { ... on ModerationSettingsPayload { settings { reportThreshold } } } }`, { headers: { authorization: admin } });
    expect(set.data.setModerationSettings.settings.reportThreshold).toBe(2);
    const article = await createArticle(t.prisma);
    const top = await createComment(t.prisma, { articleId: article.id, body: "Reported" });
    const reply = await createComment(t.prisma, { articleId: article.id, parentId: top.id, body: "A reply" });
    const { data: page } = await t.graphql(`query ($slug: String!) { article(slug: $slug) { liveCursor } }`, { variables: { slug: article.slug } });
    const modClient = connect(server.url, { authorization: moderator });
    const modFeed = subscribe(modClient, `subscription ($after: Cursor) { moderationEvents(after: $after) { ... on ModerationEvent { kind fromStatus toStatus } } }`, { after: page.article.liveCursor });
    const readerClient = connect(server.url);
    const threadFeed = subscribe(readerClient, `subscription ($id: ID!, $after: Cursor) { threadUpdated(rootId: $id, after: $after) { ... on ThreadUpdate { kind comment { id } } } }`, { id: globalId("Comment", top.id), after: page.article.liveCursor });

    await report(top.id, { authorization: readers[1]! });
    expect((await modFeed.next()).data.moderationEvents).toEqual({ kind: "REPORTED", fromStatus: "APPROVED", toStatus: "APPROVED" });
    expect((await t.graphql(THREAD, { variables: { slug: article.slug } })).data.article.commentCount).toBe(2);

    const second = await report(top.id, { authorization: readers[2]! });
    expect(second.data.reportComment.comment).toBeNull();
    expect((await modFeed.next()).data.moderationEvents).toEqual({ kind: "REPORTED", fromStatus: "APPROVED", toStatus: "APPROVED" });
    expect((await modFeed.next()).data.moderationEvents).toEqual({ kind: "STATUS_CHANGED", fromStatus: "APPROVED", toStatus: "PENDING" });
    // The reader's thread hears the comment leave, never the reports.
    expect((await threadFeed.next()).data.threadUpdated).toEqual({ kind: "STATUS_CHANGED", comment: null });
    expect((await t.graphql(THREAD, { variables: { slug: article.slug } })).data.article).toEqual({ commentCount: 0, comments: { nodes: [] } });
    // The reporter asking again gets the same answer, though the comment is out of sight now.
    expect((await report(top.id, { authorization: readers[2]! })).data).toEqual(second.data);

    const held = await t.graphql(`{ moderationQueue(filter: { queue: PENDING }) { nodes { id } } }`, { headers: { authorization: moderator } });
    expect(held.data.moderationQueue.nodes).toContainEqual({ id: globalId("Comment", top.id) });
    await t.graphql(MODERATE, { variables: { input: { id: globalId("Comment", top.id), decision: "APPROVE" } }, headers: { authorization: moderator } });
    const after = (await t.graphql(REPORTS, { variables: { id: globalId("Comment", top.id) }, headers: { authorization: moderator } })).data.node;
    expect(after).toMatchObject({ status: "APPROVED", reportCount: 0, reviewedAt: expect.any(String) });
    expect(after.reports.every((r: any) => r.resolvedAt !== null)).toBe(true);
    expect((await threadFeed.next()).data.threadUpdated).toEqual({ kind: "STATUS_CHANGED", comment: { id: globalId("Comment", top.id) } });
    const thread = (await t.graphql(THREAD, { variables: { slug: article.slug } })).data.article;
    expect(thread.comments.nodes).toEqual([{ id: globalId("Comment", top.id), replies: { nodes: [{ id: globalId("Comment", reply.id) }] } }]);
    await threadFeed.expectSilence(200);
    await Promise.all([modClient.dispose(), readerClient.dispose()]);
    await t.graphql(`mutation { setModerationSettings(input: { reportThreshold: 3 }) { __typename } }`, { headers: { authorization: admin } });
  });

  it("puts guests' reports in the REPORTED queue but never sends a comment to review on guests' reports alone", async () => {
    await t.graphql(`mutation { setModerationSettings(input: { reportThreshold: 2 }) { __typename } }`, { headers: { authorization: admin } });
    const article = await createArticle(t.prisma);
    const target = await createComment(t.prisma, { articleId: article.id, body: "Reported by made-up keys" });
    for (let i = 0; i < 4; i++) await report(target.id, { "x-reader-key": `made-up-reader-key-${i}-0123456789` });
    expect((await t.prisma.comment.findUniqueOrThrow({ where: { id: target.id } })).status).toBe("APPROVED");
    const queue = await t.graphql(`{ moderationQueue(filter: { queue: REPORTED }) { nodes { id reportCount } } }`, { headers: { authorization: moderator } });
    expect(queue.data.moderationQueue.nodes).toContainEqual({ id: globalId("Comment", target.id), reportCount: 4 });
    await report(target.id, { authorization: readers[1]! });
    await report(target.id, { authorization: readers[2]! });
    expect((await t.prisma.comment.findUniqueOrThrow({ where: { id: target.id } })).status).toBe("PENDING");
  });

  it("leaves a PRE-moderated article's approved comment published whatever the reports, and only admins set the threshold", async () => {
    const article = await createArticle(t.prisma, { moderation: "PRE" });
    const comment = await createComment(t.prisma, { articleId: article.id });
    for (const reader of readers) await report(comment.id, { authorization: reader });
    expect((await t.prisma.comment.findUniqueOrThrow({ where: { id: comment.id } })).status).toBe("APPROVED");
    const refused = await t.graphql(`mutation { setModerationSettings(input: { reportThreshold: 1 }) { __typename } }`, { headers: { authorization: moderator } });
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const invalid = await t.graphql(`mutation { setModerationSettings(input: { reportThreshold: 0, maxLinks: -1 }) { ... on ValidationError { problems { path } } } }`, { headers: { authorization: admin } });
    expect(invalid.data.setModerationSettings.problems).toEqual([{ path: ["maxLinks"] }, { path: ["reportThreshold"] }]);
  });

  it("dismisses a comment's reports without changing it, logged as DISMISS_REPORTS", async () => {
    const article = await createArticle(t.prisma);
    const comment = await createComment(t.prisma, { articleId: article.id });
    await report(comment.id, { authorization: readers[0]! });
    const dismissed = await t.graphql(`mutation ($id: ID!) { dismissReports(input: { commentId: $id, note: "fair comment" }) { ... on CommentPayload { comment { status reportCount reports { resolvedAt } moderationLog { kind note fromStatus toStatus } } } } }`, {
      variables: { id: globalId("Comment", comment.id) },
      headers: { authorization: moderator },
    });
    expect(dismissed.data.dismissReports.comment).toEqual({
      status: "APPROVED",
      reportCount: 0,
      reports: [{ resolvedAt: expect.any(String) }],
      moderationLog: [{ kind: "DISMISS_REPORTS", note: "fair comment", fromStatus: "APPROVED", toStatus: "APPROVED" }],
    });
    const reader = await t.graphql(`mutation ($id: ID!) { dismissReports(input: { commentId: $id }) { __typename } }`, { variables: { id: globalId("Comment", comment.id) }, headers: { authorization: readers[0]! } });
    expect(reader.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
