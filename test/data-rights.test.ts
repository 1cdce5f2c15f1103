import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { logReference } from "../src/data-rights/commenter.js";
import type { RunningServer } from "../src/server.js";
import { bearer, globalId, manualClock } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle, createComment } from "./helpers/fixtures.js";
import { connect, subscribe } from "./helpers/ws.js";

const EXPORT = `query ($commenter: DataSubjectInput!) { commenterData(commenter: $commenter) { comments edits reactions reports json } }`;
const ERASE = `mutation ($input: EraseCommenterDataInput!) { eraseCommenterData(input: $input) {
  __typename ... on EraseCommenterDataPayload { bodies comments tombstones edits reactions reports } ... on Error { code } } }`;
const POST = `mutation ($input: AddCommentInput!) { addComment(input: $input) { ... on AddCommentPayload { editKey comment { id } } ... on Error { code } } }`;
const EDIT = `mutation ($input: EditCommentInput!) { editComment(input: $input) { __typename ... on Error { code } } }`;
const REACT = `mutation ($input: ReactionInput!) { react(input: $input) { __typename } }`;
const REPORT = `mutation ($input: ReportCommentInput!) { reportComment(input: $input) { __typename } }`;
const THREAD = `query ($slug: String!) { article(slug: $slug) { comments { nodes { id authorName body isDeleted replies { nodes { id authorName body reactions { kind count } } } } } } }`;
const MODERATOR_VIEW = `query ($id: ID!, $search: String!, $commenter: String!) {
  node(id: $id) { ... on Comment { authorName body email status edits { body } } }
  moderationQueue(filter: { queue: APPROVED, search: $search }) { nodes { id authorName email } }
  commenter(commenter: $commenter) { total comments { nodes { authorName email } } }
}`;

describe.each(providers)("a commenter's data rights on %s", (provider) => {
  let t: TestApp;
  let server: RunningServer;
  let admin: string;
  let moderator: string;
  let bob: string;
  beforeAll(async () => {
    t = await createTestApp({ provider, env: { RESPONSE_CACHE: "true" } });
    server = await t.listen();
    admin = await bearer({ name: "Ada", subject: "ada", roles: ["ADMIN"] });
    moderator = await bearer({ name: "Mona", subject: "mona", roles: ["MODERATOR"] });
    bob = await bearer({ name: "Bob", subject: "bob" });
  });
  afterAll(() => t.close());

  const post = async (headers: Record<string, string>, input: Record<string, unknown>) => {
    const { data } = await t.graphql(POST, { variables: { input }, headers });
    expect(data.addComment.comment).toBeTruthy();
    return data.addComment as { editKey: string | null; comment: { id: string } };
  };
  const exportOf = (headers: Record<string, string>, commenter: Record<string, string>) => t.graphql(EXPORT, { variables: { commenter }, headers });
  const erase = (headers: Record<string, string>, commenter: Record<string, string>, bodies?: string) =>
    t.graphql(ERASE, { variables: { input: { commenter, bodies } }, headers });
  // The log of requests not about one comment has no query of its own: it is read where it is kept.
  const logOf = () =>
    t.prisma.moderationAction.findMany({ where: { kind: { in: ["EXPORT_COMMENTER_DATA", "ERASE_COMMENTER_DATA"] } }, orderBy: { id: "asc" }, select: { kind: true, actorName: true, note: true } });

  it("lets an admin export and erase anyone and a signed-in reader only themselves, refusing everyone else with a typed error", async () => {
    const article = await createArticle(t.prisma);
    const cleo = await bearer({ name: "Cleo Table", subject: "cleo" });
    await post({ authorization: cleo }, { articleId: globalId("Article", article.id), body: "Cleo's words." });
    await post({}, { articleId: globalId("Article", article.id), body: "A guest's words.", guest: { name: "Gus Table", email: "gus@table.example" } });
    const bySubject = { subject: "cleo" };
    const byEmail = { email: "gus@table.example" };
    const refusals: [string, Record<string, string>, string][] = [
      ["anonymous", {}, "UNAUTHENTICATED"],
      ["another reader", { authorization: bob }, "FORBIDDEN"],
      ["a moderator", { authorization: moderator }, "FORBIDDEN"],
    ];
    for (const [, headers, code] of refusals) {
      for (const commenter of [bySubject, byEmail]) {
        const refused = await exportOf(headers, commenter);
        expect(refused.data?.commenterData ?? null).toBeNull();
        expect(refused.errors?.[0]?.extensions?.code).toBe(code);
        expect(JSON.stringify(refused)).not.toContain("words");
        const refusedErasure = await erase(headers, commenter);
        expect(refusedErasure.data?.eraseCommenterData ?? null).toBeNull();
        expect(refusedErasure.errors?.[0]?.extensions?.code).toBe(code);
      }
    }
    // The commenter themselves: their own subject, never a guest's email.
    expect((await exportOf({ authorization: cleo }, bySubject)).data.commenterData.comments).toBe(1);
    expect((await exportOf({ authorization: cleo }, byEmail)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await erase({ authorization: cleo }, byEmail)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    // Nothing refused touched a row or the log.
    expect(await t.prisma.comment.count({ where: { articleId: article.id, erasedAt: { not: null } } })).toBe(0);
    expect((await logOf()).filter((entry) => entry.kind === "ERASE_COMMENTER_DATA")).toEqual([]);

    expect((await exportOf({ authorization: admin }, bySubject)).data.commenterData.comments).toBe(1);
    expect((await exportOf({ authorization: admin }, byEmail)).data.commenterData.comments).toBe(1);
    expect((await erase({ authorization: admin }, byEmail)).data.eraseCommenterData).toMatchObject({ __typename: "EraseCommenterDataPayload", comments: 1 });
    expect((await erase({ authorization: cleo }, bySubject)).data.eraseCommenterData).toMatchObject({ __typename: "EraseCommenterDataPayload", comments: 1 });
    const log = await logOf();
    expect(log.filter((entry) => entry.kind === "ERASE_COMMENTER_DATA").map((entry) => entry.actorName)).toEqual(["Ada", "the commenter"]);
    expect(JSON.stringify(log)).not.toMatch(/Cleo Table|gus@table/);
  });

  it("exports a commenter's comments, edits, reactions and reports as JSON, and nothing of anyone else's", async () => {
    const article = await createArticle(t.prisma);
    const dana = await bearer({ name: "Dana Export", subject: "dana" });
    const articleId = globalId("Article", article.id);
    const theirs = await post({ authorization: dana }, { articleId, body: "First thoughts from Dana." });
    expect((await t.graphql(EDIT, { variables: { input: { id: theirs.comment.id, body: "Second thoughts from Dana." } }, headers: { authorization: dana } })).data.editComment.__typename).toBe("CommentPayload");
    const others = await post({ authorization: bob }, { articleId, body: "Bob's private musings." });
    await t.graphql(REACT, { variables: { input: { commentId: others.comment.id, kind: "RESPECT" } }, headers: { authorization: dana } });
    await t.graphql(REPORT, { variables: { input: { commentId: others.comment.id, reason: "OFF_TOPIC", text: "Dana thinks this strays." } }, headers: { authorization: dana } });
    // Bob's own doings on Dana's comment are Bob's, not Dana's.
    await t.graphql(REACT, { variables: { input: { commentId: theirs.comment.id, kind: "FUNNY" } }, headers: { authorization: bob } });
    await t.graphql(REPORT, { variables: { input: { commentId: theirs.comment.id, reason: "SPAM", text: "Bob's report text." } }, headers: { authorization: bob } });

    const { data } = await exportOf({ authorization: dana }, { subject: "dana" });
    expect(data.commenterData).toMatchObject({ comments: 1, edits: 1, reactions: 1, reports: 1 });
    const document = JSON.parse(data.commenterData.json);
    expect(document).toMatchObject({
      format: "newsgraph.commenter-data/1",
      commenter: { subject: "dana" },
      comments: [{ id: theirs.comment.id, body: "Second thoughts from Dana.", authorName: "Dana Export", status: "APPROVED", parentId: null, article: { id: articleId, slug: article.slug }, edits: [{ body: "First thoughts from Dana." }] }],
      reactions: [{ commentId: others.comment.id, kind: "RESPECT" }],
      reports: [{ commentId: others.comment.id, reason: "OFF_TOPIC", text: "Dana thinks this strays." }],
      standings: [],
    });
    expect(data.commenterData.json).not.toMatch(/Bob|musings|user:bob/);
    const entry = (await logOf()).find((row) => row.kind === "EXPORT_COMMENTER_DATA" && row.note?.startsWith(logReference({ subject: "dana" })));
    expect(entry).toEqual({ kind: "EXPORT_COMMENTER_DATA", actorName: "the commenter", note: `${logReference({ subject: "dana" })}: 1 comment, 1 edit, 1 reaction, 1 report` });

    await post({}, { articleId, body: "A guest speaks.", guest: { name: "Gwen Guest", email: "Gwen@Guest.Example" } });
    const guest = await exportOf({ authorization: admin }, { email: "gwen@guest.example" });
    const guestDocument = JSON.parse(guest.data.commenterData.json);
    expect(guestDocument.comments).toEqual([expect.objectContaining({ authorName: "Gwen Guest", email: "Gwen@guest.example", body: "A guest speaks." })]);
    expect(guestDocument.notes[0]).toMatch(/cannot be linked/);
    // The log names an address by its hash only.
    expect(JSON.stringify(await logOf())).not.toMatch(/gwen@/i);
  });

  it("erases a signed-in commenter into tombstones everywhere at once: the cached page, live readers, moderators' views and the log", async () => {
    const article = await createArticle(t.prisma);
    const articleId = globalId("Article", article.id);
    const erin = await bearer({ name: "Erin Erasable", subject: "erin" });
    const top = await post({ authorization: erin }, { articleId, body: "Erin's opening remark." });
    await t.graphql(EDIT, { variables: { input: { id: top.comment.id, body: "Erin's opening remark, revised." } }, headers: { authorization: erin } });
    const reply = await post({ authorization: bob }, { articleId, parentId: top.comment.id, body: "Bob answers." });
    await t.graphql(REACT, { variables: { input: { commentId: reply.comment.id, kind: "INSIGHTFUL" } }, headers: { authorization: erin } });
    await t.graphql(REACT, { variables: { input: { commentId: reply.comment.id, kind: "INSIGHTFUL" } }, headers: { authorization: moderator } });
    await t.graphql(REPORT, { variables: { input: { commentId: reply.comment.id, reason: "OTHER", text: "Erin objects." } }, headers: { authorization: erin } });

    const before = await t.graphql(THREAD, { variables: { slug: article.slug } });
    expect(JSON.stringify(before.data)).toContain("Erin Erasable");
    const hits = t.app.responseCache!.hits;
    expect(await t.graphql(THREAD, { variables: { slug: article.slug } })).toEqual(before);
    expect(t.app.responseCache!.hits).toBe(hits + 1);

    const { data: page } = await t.graphql(`query ($slug: String!) { article(slug: $slug) { liveCursor } }`, { variables: { slug: article.slug } });
    const client = connect(server.url);
    const feed = subscribe(client, `subscription ($id: ID!, $after: Cursor) { threadUpdated(rootId: $id, after: $after) { ... on ThreadUpdate { kind comment { id authorName isDeleted } } } }`, {
      id: top.comment.id,
      after: page.article.liveCursor,
    });

    const erased = await erase({ authorization: admin }, { subject: "erin" }, "TOMBSTONE");
    expect(erased.data.eraseCommenterData).toEqual({ __typename: "EraseCommenterDataPayload", bodies: "TOMBSTONE", comments: 1, tombstones: 1, edits: 1, reactions: 1, reports: 1 });
    // Reaction counts owed from before may be announced first; the erasure's event is the next one after them.
    let update = (await feed.next()).data.threadUpdated;
    while (update.kind === "REACTIONS_CHANGED") update = (await feed.next()).data.threadUpdated;
    expect(update).toEqual({ kind: "DELETED", comment: { id: top.comment.id, authorName: null, isDeleted: true } });

    const after = await t.graphql(THREAD, { variables: { slug: article.slug } });
    expect(after.data.article.comments.nodes).toEqual([
      {
        id: top.comment.id,
        authorName: null,
        body: null,
        isDeleted: true,
        // The reply keeps its place, and the reaction counts stay exact.
        replies: { nodes: [{ id: reply.comment.id, authorName: "Bob", body: "Bob answers.", reactions: expect.arrayContaining([{ kind: "INSIGHTFUL", count: 2 }]) }] },
      },
    ]);
    expect(await t.prisma.commentReaction.count({ where: { commentId: Number(Buffer.from(reply.comment.id, "base64url").toString().split(":")[1]), kind: "INSIGHTFUL" } })).toBe(2);

    for (const authorization of [moderator, admin]) {
      const seen = await t.graphql(MODERATOR_VIEW, { variables: { id: top.comment.id, search: "Erin", commenter: "erin" }, headers: { authorization } });
      expect(seen.errors).toBeUndefined();
      expect(seen.data.node).toEqual({ authorName: null, body: null, email: null, status: "DELETED", edits: [] });
      expect(seen.data.moderationQueue.nodes).toEqual([]);
      expect(seen.data.commenter).toEqual({ total: 0, comments: { nodes: [] } });
      const reports = await t.graphql(`query ($id: ID!) { node(id: $id) { ... on Comment { reports { reporter text } } } }`, { variables: { id: reply.comment.id }, headers: { authorization } });
      expect(reports.data.node.reports).toEqual([{ reporter: expect.stringMatching(/^erased:\d+$/), text: null }]);
    }
    const row = await t.prisma.comment.findFirstOrThrow({ where: { articleId: article.id, parentId: null } });
    expect(row).toMatchObject({ authorName: "Deleted user", body: "", userId: null, guestEmail: null, erasedAt: expect.any(Date) });
    expect(JSON.stringify(await t.prisma.commentReaction.findMany())).not.toContain("user:erin");
    expect((await logOf()).find((entry) => entry.kind === "ERASE_COMMENTER_DATA" && entry.note?.startsWith(logReference({ subject: "erin" })))).toEqual({
      kind: "ERASE_COMMENTER_DATA",
      actorName: "Ada",
      note: `${logReference({ subject: "erin" })}: 1 comment erased (bodies removed, 1 made tombstones), 1 edit removed, 1 reaction and 1 report unlinked`,
    });
    // Erased once, nothing is left to erase or export.
    expect((await erase({ authorization: admin }, { subject: "erin" })).data.eraseCommenterData).toMatchObject({ comments: 0, reactions: 0, reports: 0 });
    expect((await exportOf({ authorization: erin }, { subject: "erin" })).data.commenterData).toMatchObject({ comments: 0, reactions: 0, reports: 0 });
    await client.dispose();
  });

  it("erases a guest by email keeping their bodies under \"Deleted user\", and their edit key stops working", async () => {
    const article = await createArticle(t.prisma);
    const articleId = globalId("Article", article.id);
    const guest = { name: "Fern Guest", email: "fern@guest.example" };
    const first = await post({}, { articleId, body: "Fern's first.", guest, idempotencyKey: "fern-idempotency-key-0001" });
    await post({}, { articleId, body: "Fern's second.", guest });
    const erased = await erase({ authorization: admin }, { email: "FERN@guest.example" }, "KEEP");
    expect(erased.data.eraseCommenterData).toEqual({ __typename: "EraseCommenterDataPayload", bodies: "KEEP", comments: 2, tombstones: 0, edits: 0, reactions: 0, reports: 0 });

    const { data } = await t.graphql(THREAD, { variables: { slug: article.slug } });
    expect(data.article.comments.nodes.map((node: { authorName: string; body: string }) => [node.authorName, node.body])).toEqual([
      ["Deleted user", "Fern's second."],
      ["Deleted user", "Fern's first."],
    ]);
    for (const authorization of [moderator, admin]) {
      const seen = await t.graphql(MODERATOR_VIEW, { variables: { id: first.comment.id, search: "Fern Guest", commenter: guest.email }, headers: { authorization } });
      expect(seen.data.node).toMatchObject({ authorName: "Deleted user", email: null });
      expect(seen.data.moderationQueue.nodes).toEqual([]);
      expect(seen.data.commenter.total).toBe(0);
      expect(JSON.stringify(seen)).not.toMatch(/fern@|Fern Guest/i);
    }
    const edit = await t.graphql(EDIT, { variables: { input: { id: first.comment.id, body: "Changed.", editKey: first.editKey } } });
    expect(edit.data.editComment.code).toBe("FORBIDDEN");
    const rows = await t.prisma.comment.findMany({ where: { articleId: article.id } });
    expect(rows.every((row) => row.guestEmail === null && row.editKeyHash === null && row.idempotencyKey === null && row.requestHash === null)).toBe(true);
  });

  it("takes ERASURE_BODIES when no choice is given, erases an unknown commenter as a logged no-op, and refuses a malformed request", async () => {
    const erased = await erase({ authorization: admin }, { subject: "never-commented" });
    expect(erased.data.eraseCommenterData).toEqual({ __typename: "EraseCommenterDataPayload", bodies: "TOMBSTONE", comments: 0, tombstones: 0, edits: 0, reactions: 0, reports: 0 });
    expect((await logOf()).find((entry) => entry.note?.startsWith(logReference({ subject: "never-commented" })))?.kind).toBe("ERASE_COMMENTER_DATA");
    for (const commenter of [{}, { subject: "a", email: "a@example.org" }, { email: "not an address" }, { subject: "  " }, { subject: "nul\u0000byte" }, { email: `${"a".repeat(300)}@example.org` }] as Record<string, string>[]) {
      expect((await erase({ authorization: admin }, commenter)).data.eraseCommenterData).toEqual({ __typename: "ValidationError", code: "VALIDATION_FAILED" });
      expect((await exportOf({ authorization: admin }, commenter)).errors?.[0]?.extensions?.code).toBe("VALIDATION_FAILED");
    }
  });
});

describe.each(providers)("guest email retention on %s", (provider) => {
  const clock = manualClock(new Date("2026-11-20T12:00:00Z"));
  const DAY = 86_400_000;
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ provider, now: clock.now, env: { GUEST_EMAIL_RETENTION_DAYS: "30" } });
  });
  afterAll(() => t.close());

  it("erases the emails and edit keys of guest comments older than the period, once, and nothing newer", async () => {
    const article = await createArticle(t.prisma);
    const at = (daysAgo: number) => new Date(clock.now().getTime() - daysAgo * DAY);
    const guest = (email: string, daysAgo: number) =>
      createComment(t.prisma, { articleId: article.id, authorName: "Old Guest", guestEmail: email, editKeyHash: "f".repeat(64), createdAt: at(daysAgo) });
    const old = await guest("old@guest.example", 40);
    const recent = await guest("recent@guest.example", 10);
    const signedIn = await createComment(t.prisma, { articleId: article.id, userId: "sam", createdAt: at(40) });
    await t.app.guestEmails.wake();
    const read = (id: number) => t.prisma.comment.findUniqueOrThrow({ where: { id } });
    expect(await read(old.id)).toMatchObject({ guestEmail: null, editKeyHash: null, authorName: "Old Guest", body: old.body });
    expect(await read(recent.id)).toMatchObject({ guestEmail: "recent@guest.example", editKeyHash: "f".repeat(64) });
    expect(await read(signedIn.id)).toMatchObject({ userId: "sam" });
    await t.app.guestEmails.wake();
    expect(await read(recent.id)).toMatchObject({ guestEmail: "recent@guest.example" });

    clock.advance(25 * DAY);
    await t.app.guestEmails.wake();
    expect(await read(recent.id)).toMatchObject({ guestEmail: null, editKeyHash: null });
  });

  it("keeps guest emails for a year by default, and for good with 0", () => {
    expect(loadConfig({}).dataRights).toEqual({ erasureBodies: "TOMBSTONE", guestEmailRetentionDays: 365 });
    expect(loadConfig({ GUEST_EMAIL_RETENTION_DAYS: "0", ERASURE_BODIES: "keep" }).dataRights).toEqual({ erasureBodies: "KEEP", guestEmailRetentionDays: null });
    expect(() => loadConfig({ GUEST_EMAIL_RETENTION_DAYS: "-1" })).toThrow(/GUEST_EMAIL_RETENTION_DAYS/);
    expect(() => loadConfig({ ERASURE_BODIES: "shred" })).toThrow(/ERASURE_BODIES/);
  });
});
