import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/server.js";
import { bearer, globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { postingPaths, providers } from "./helpers/databases.js";
import { createArticle, createComment } from "./helpers/fixtures.js";
import { connect, subscribe } from "./helpers/ws.js";

const QUEUE = `query ($filter: ModerationQueueFilter, $order: ModerationQueueOrder) {
  moderationQueue(filter: $filter, order: $order, first: 50) { totalCount nodes { id } counts { pending reported unmoderated approved rejected } } }`;
const BULK = `mutation ($input: ModerateCommentsInput!) { moderateComments(input: $input) {
  __typename ... on CommentsPayload { comments { id status moderationLog { kind } } } ... on ValidationError { code problems { path } } ... on Error { code } } }`;
const FEATURE = `mutation ($input: FeatureCommentInput!) { featureComment(input: $input) { __typename ... on CommentPayload { comment { featured featuredNote moderationLog { kind note } } } ... on Error { code } } }`;
const FEATURED = `query ($slug: String!) { article(slug: $slug) { featuredComments(first: 10) { totalCount nodes { id featured featuredNote } } } }`;

describe.each(providers)("the moderators' workspace on %s", (provider) => {
  let t: TestApp;
  let server: RunningServer;
  let moderator: string;
  beforeAll(async () => {
    t = await createTestApp({ provider });
    server = await t.listen();
    moderator = await bearer({ name: "Mona", subject: "mona", roles: ["MODERATOR"] });
  });
  afterAll(() => t.close());

  const queue = (filter: Record<string, unknown>, order?: string) =>
    t.graphql(QUEUE, { variables: { filter, order }, headers: { authorization: moderator } }).then((r) => r.data.moderationQueue);
  const ids = (nodes: { id: string }[]) => nodes.map((node) => node.id);
  const gid = (comment: { id: number }) => globalId("Comment", comment.id);

  it("filters every queue by article, topic, commenter, words and links, with the counts of each queue for the same filter", async () => {
    const topic = await t.prisma.topic.create({ data: { slug: `workspace-topic-${provider}`, name: "Workspace" } });
    const article = await createArticle(t.prisma, { topics: { create: { topicId: topic.id } } });
    const other = await createArticle(t.prisma);
    const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 12, minute));
    const pending = await createComment(t.prisma, { articleId: article.id, status: "PENDING", body: "Wait for me", guestEmail: "troll@example.org", createdAt: at(1) });
    const unmoderated = await createComment(t.prisma, { articleId: article.id, body: "See https://spam.example for more", guestEmail: "troll@example.org", createdAt: at(2) });
    const reviewed = await createComment(t.prisma, { articleId: article.id, body: "A careful reply", userId: "sam", reviewedAt: at(3), createdAt: at(3) });
    const reported = await createComment(t.prisma, { articleId: article.id, body: "Quite Rude words", userId: "sam", reportCount: 2, createdAt: at(4) });
    const rejected = await createComment(t.prisma, { articleId: article.id, status: "REJECTED", body: "Gone", createdAt: at(5) });
    const spam = await createComment(t.prisma, { articleId: article.id, status: "SPAM", body: "Buy www.pills.example", createdAt: at(6) });
    const elsewhere = await createComment(t.prisma, { articleId: other.id, status: "PENDING", body: "Elsewhere", guestEmail: "troll@example.org", createdAt: at(7) });
    const articleId = globalId("Article", article.id);

    const onArticle = await queue({ queue: "PENDING", article: articleId });
    expect(ids(onArticle.nodes)).toEqual([gid(pending)]);
    expect(onArticle.counts).toEqual({ pending: 1, reported: 1, unmoderated: 2, approved: 3, rejected: 2 });
    expect(ids((await queue({ queue: "UNMODERATED", article: articleId })).nodes)).toEqual([gid(unmoderated), gid(reported)]);
    expect(ids((await queue({ queue: "APPROVED", article: articleId }, "NEWEST")).nodes)).toEqual([gid(reported), gid(reviewed), gid(unmoderated)]);
    expect(ids((await queue({ queue: "REJECTED", article: articleId })).nodes)).toEqual([gid(rejected), gid(spam)]);
    expect(ids((await queue({ queue: "REPORTED", article: articleId })).nodes)).toEqual([gid(reported)]);

    const byTopic = await queue({ queue: "PENDING", topic: globalId("Topic", topic.id) });
    expect(ids(byTopic.nodes)).toEqual([gid(pending)]);
    const byEmail = await queue({ queue: "PENDING", commenter: "troll@example.org" });
    expect(ids(byEmail.nodes)).toEqual([gid(pending), gid(elsewhere)]);
    expect(byEmail.counts).toEqual({ pending: 2, reported: 0, unmoderated: 1, approved: 1, rejected: 0 });
    expect((await queue({ queue: "APPROVED", commenter: "sam", article: articleId })).totalCount).toBe(2);
    expect(ids((await queue({ queue: "APPROVED", search: "rude", article: articleId })).nodes)).toEqual([gid(reported)]);
    const withLinks = await queue({ queue: "APPROVED", hasLinks: true, article: articleId });
    expect(ids(withLinks.nodes)).toEqual([gid(unmoderated)]);
    expect(withLinks.counts).toMatchObject({ rejected: 1, approved: 1, pending: 0 });
    expect(ids((await queue({ queue: "APPROVED", hasLinks: false, article: articleId })).nodes)).toEqual([gid(reviewed), gid(reported)]);

    // The old argument still works.
    const legacy = await t.graphql(`query ($a: ID!) { moderationQueue(articleId: $a) { nodes { id } } }`, { variables: { a: articleId }, headers: { authorization: moderator } });
    expect(ids(legacy.data.moderationQueue.nodes)).toEqual([gid(pending)]);
    const reader = await t.graphql(`{ moderationQueue(filter: { queue: APPROVED }) { counts { approved } } }`, { headers: { authorization: await bearer({ subject: "r" }) } });
    expect(reader.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("takes a queue search literally, refuses one over 200 characters, and finds a guest by the address they typed", async () => {
    const article = await createArticle(t.prisma);
    const articleId = globalId("Article", article.id);
    const percent = await createComment(t.prisma, { articleId: article.id, status: "PENDING", body: "Up 50% today" });
    await createComment(t.prisma, { articleId: article.id, status: "PENDING", body: "Nothing special" });
    expect(ids((await queue({ article: articleId, search: "%" })).nodes)).toEqual([gid(percent)]);
    expect((await queue({ article: articleId, search: "_" })).nodes).toEqual([]);
    const long = await t.graphql(QUEUE, { variables: { filter: { search: "x".repeat(201) } }, headers: { authorization: moderator } });
    expect(long.errors?.[0]?.extensions?.code).toBe("VALIDATION_FAILED");
    const bea = await createComment(t.prisma, { articleId: article.id, status: "PENDING", body: "By Bea", guestEmail: "Bea@example.org" });
    expect(ids((await queue({ article: articleId, commenter: "Bea@Example.ORG" })).nodes)).toEqual([gid(bea)]);
  });

  it("decides a list of comments in one go, each logged and live, and changes nothing when one id is wrong", async () => {
    const article = await createArticle(t.prisma, { moderation: "PRE" });
    const first = await createComment(t.prisma, { articleId: article.id, status: "PENDING" });
    const second = await createComment(t.prisma, { articleId: article.id, status: "PENDING" });
    const approved = await createComment(t.prisma, { articleId: article.id });
    const { data: page } = await t.graphql(`query ($slug: String!) { article(slug: $slug) { liveCursor } }`, { variables: { slug: article.slug } });
    const client = connect(server.url, { authorization: moderator });
    const feed = subscribe(client, `subscription ($after: Cursor) { moderationEvents(after: $after) { ... on ModerationEvent { kind toStatus } } }`, { after: page.article.liveCursor });

    const missing = await t.graphql(BULK, { variables: { input: { ids: [gid(first), globalId("Comment", 99_999_999), gid(second)], decision: "APPROVE" } }, headers: { authorization: moderator } });
    expect(missing.data.moderateComments).toMatchObject({ __typename: "ValidationError", problems: [{ path: ["ids", "1"] }] });
    const badRestore = await t.graphql(BULK, { variables: { input: { ids: [gid(first), gid(approved)], decision: "RESTORE" } }, headers: { authorization: moderator } });
    expect(badRestore.data.moderateComments).toMatchObject({ __typename: "ValidationError", problems: [{ path: ["ids", "1"] }] });
    const malformed = await t.graphql(BULK, { variables: { input: { ids: [gid(first), "nonsense"], decision: "APPROVE" } }, headers: { authorization: moderator } });
    expect(malformed.data.moderateComments.code).toBe("INVALID_ID");
    expect(await t.prisma.comment.count({ where: { id: { in: [first.id, second.id] }, status: "PENDING" } })).toBe(2);
    expect(await t.prisma.moderationAction.count({ where: { commentId: { in: [first.id, second.id, approved.id] } } })).toBe(0);

    const done = await t.graphql(BULK, { variables: { input: { ids: [gid(first), gid(second)], decision: "APPROVE", note: "batch" } }, headers: { authorization: moderator } });
    expect(done.data.moderateComments.comments).toEqual([
      { id: gid(first), status: "APPROVED", moderationLog: [{ kind: "APPROVE" }] },
      { id: gid(second), status: "APPROVED", moderationLog: [{ kind: "APPROVE" }] },
    ]);
    expect([(await feed.next()).data.moderationEvents, (await feed.next()).data.moderationEvents]).toEqual([
      { kind: "STATUS_CHANGED", toStatus: "APPROVED" },
      { kind: "STATUS_CHANGED", toStatus: "APPROVED" },
    ]);
    await client.dispose();
  });

  it("rejects everything by one commenter in one transaction and shows their history with a rejection rate", async () => {
    const article = await createArticle(t.prisma);
    const other = await createArticle(t.prisma);
    const email = `repeat.${provider}@example.org`;
    const kept = await createComment(t.prisma, { articleId: article.id, guestEmail: email, status: "REJECTED" });
    const a = await createComment(t.prisma, { articleId: article.id, guestEmail: email });
    const b = await createComment(t.prisma, { articleId: other.id, guestEmail: email, status: "PENDING" });
    const bystander = await createComment(t.prisma, { articleId: article.id, guestEmail: "someone.else@example.org" });

    const HISTORY = `query ($c: String!) { commenter(commenter: $c) { total approved rejected spam rejectionRate comments(first: 10) { totalCount nodes { id status } } decisions(first: 10) { edges { node { kind toStatus } } } } }`;
    const before = (await t.graphql(HISTORY, { variables: { c: email }, headers: { authorization: moderator } })).data.commenter;
    expect(before).toMatchObject({ total: 3, approved: 1, rejected: 1, rejectionRate: 0.5 });

    const result = await t.graphql(`mutation ($c: String!) { rejectAllByCommenter(input: { commenter: $c, note: "serial abuse" }) { ... on CommentsPayload { comments { id status } } } }`, {
      variables: { c: email },
      headers: { authorization: moderator },
    });
    expect(result.data.rejectAllByCommenter.comments).toEqual([{ id: gid(a), status: "REJECTED" }, { id: gid(b), status: "REJECTED" }]);
    expect((await t.prisma.comment.findUniqueOrThrow({ where: { id: bystander.id } })).status).toBe("APPROVED");

    const after = (await t.graphql(HISTORY, { variables: { c: email }, headers: { authorization: moderator } })).data.commenter;
    expect(after).toMatchObject({ total: 3, approved: 0, rejected: 3, spam: 0, rejectionRate: 1 });
    expect(after.comments.totalCount).toBe(3);
    expect(after.comments.nodes.map((node: any) => node.id)).toContain(gid(kept));
    expect(after.decisions.edges.map((edge: any) => edge.node)).toEqual([{ kind: "REJECT", toStatus: "REJECTED" }, { kind: "REJECT", toStatus: "REJECTED" }]);
    const reader = await t.graphql(HISTORY, { variables: { c: email }, headers: { authorization: await bearer({ subject: "r" }) } });
    expect(reader.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("features a comment live for its readers, lists picks newest first, and drops a pick the public can no longer see", async () => {
    const article = await createArticle(t.prisma);
    const older = await createComment(t.prisma, { articleId: article.id, body: "Insightful" });
    const newer = await createComment(t.prisma, { articleId: article.id, body: "Also good" });
    const pending = await createComment(t.prisma, { articleId: article.id, status: "PENDING" });
    const client = connect(server.url);
    const thread = subscribe(client, `subscription ($id: ID!) { threadUpdated(rootId: $id) { ... on ThreadUpdate { kind comment { featured featuredNote } } } }`, { id: gid(older) });
    await expect.poll(() => t.app.services.feeds.size, { timeout: 15_000 }).toBeGreaterThan(0);

    const featured = await t.graphql(FEATURE, { variables: { input: { id: gid(older), note: "A reader who was there" } }, headers: { authorization: moderator } });
    expect(featured.data.featureComment.comment).toEqual({ featured: true, featuredNote: "A reader who was there", moderationLog: [{ kind: "FEATURE", note: "A reader who was there" }] });
    expect((await thread.next()).data.threadUpdated).toEqual({ kind: "FEATURED", comment: { featured: true, featuredNote: "A reader who was there" } });
    await t.graphql(FEATURE, { variables: { input: { id: gid(newer) } }, headers: { authorization: moderator } });
    expect((await t.graphql(FEATURE, { variables: { input: { id: gid(pending) } }, headers: { authorization: moderator } })).data.featureComment.code).toBe("VALIDATION_FAILED");
    const byReader = await t.graphql(FEATURE, { variables: { input: { id: gid(newer) } }, headers: { authorization: await bearer({ subject: "r" }) } });
    expect(byReader.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const picks = (await t.graphql(FEATURED, { variables: { slug: article.slug } })).data.article.featuredComments;
    expect(picks.totalCount).toBe(2);
    expect(ids(picks.nodes)).toEqual([gid(newer), gid(older)]);

    await t.graphql(`mutation ($input: ModerateCommentInput!) { moderateComment(input: $input) { __typename } }`, { variables: { input: { id: gid(older), decision: "REJECT" } }, headers: { authorization: moderator } });
    expect((await thread.next()).data.threadUpdated).toEqual({ kind: "STATUS_CHANGED", comment: null });
    expect(ids((await t.graphql(FEATURED, { variables: { slug: article.slug } })).data.article.featuredComments.nodes)).toEqual([gid(newer)]);
    const asModerator = await t.graphql(FEATURED, { variables: { slug: article.slug }, headers: { authorization: moderator } });
    expect(asModerator.data.article.featuredComments.totalCount).toBe(2);

    const unfeatured = await t.graphql(`mutation ($id: ID!) { unfeatureComment(input: { id: $id }) { ... on CommentPayload { comment { featured featuredNote moderationLog { kind } } } } }`, { variables: { id: gid(newer) }, headers: { authorization: moderator } });
    expect(unfeatured.data.unfeatureComment.comment).toEqual({ featured: false, featuredNote: null, moderationLog: [{ kind: "FEATURE" }, { kind: "UNFEATURE" }] });
    expect((await t.graphql(FEATURED, { variables: { slug: article.slug } })).data.article.featuredComments.totalCount).toBe(0);
    await client.dispose();
  });

  it("drops a pick its author deletes, even when it stays as a tombstone for its replies", async () => {
    const article = await createArticle(t.prisma);
    const pick = await createComment(t.prisma, { articleId: article.id, userId: "picked-author", body: "Worth reading" });
    await createComment(t.prisma, { articleId: article.id, parentId: pick.id, body: "Agreed" });
    await t.graphql(FEATURE, { variables: { input: { id: gid(pick), note: "It quotes the minister" } }, headers: { authorization: moderator } });
    const author = await bearer({ subject: "picked-author" });
    const deleted = await t.graphql(`mutation ($id: ID!) { deleteComment(input: { id: $id }) { __typename } }`, { variables: { id: gid(pick) }, headers: { authorization: author } });
    expect(deleted.data.deleteComment.__typename).toBe("DeleteCommentPayload");
    const picks = (await t.graphql(FEATURED, { variables: { slug: article.slug } })).data.article.featuredComments;
    expect(picks).toEqual({ totalCount: 0, nodes: [] });
  });
});

describe.each(postingPaths)("staff badges on $name", ({ provider, env }) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ provider, env });
  });
  afterAll(() => t.close());

  it("stores the poster's newsroom role with the comment, shows an admin as a moderator, and gives readers and guests none", async () => {
    const article = await createArticle(t.prisma);
    const articleId = globalId("Article", article.id);
    const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { ... on AddCommentPayload { comment { staffBadge } } } }`;
    const post = async (roles: ("READER" | "AUTHOR" | "EDITOR" | "MODERATOR" | "ADMIN")[] | null) => {
      const headers = roles ? { authorization: await bearer({ subject: `s-${roles.join("-")}`, roles }) } : undefined;
      const input = { articleId, body: `Posted as ${roles?.join(",") ?? "guest"}`, ...(roles ? {} : { guest: { name: "G", email: "g@example.org" } }) };
      return (await t.graphql(ADD, { variables: { input }, headers })).data.addComment.comment.staffBadge;
    };
    expect(await post(["AUTHOR"])).toBe("AUTHOR");
    expect(await post(["EDITOR", "AUTHOR"])).toBe("EDITOR");
    expect(await post(["MODERATOR", "EDITOR"])).toBe("MODERATOR");
    expect(await post(["ADMIN"])).toBe("MODERATOR");
    expect(await post(["READER"])).toBeNull();
    expect(await post(null)).toBeNull();
    const page = await t.graphql(`query ($slug: String!) { article(slug: $slug) { comments(first: 10, orderBy: OLDEST) { nodes { staffBadge } } } }`, { variables: { slug: article.slug } });
    expect(page.data.article.comments.nodes.map((node: any) => node.staffBadge)).toEqual(["AUTHOR", "EDITOR", "MODERATOR", "MODERATOR", null, null]);
  });
});
