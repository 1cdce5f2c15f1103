import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/server.js";
import { bearer, globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle, createComment } from "./helpers/fixtures.js";
import { connect, subscribe } from "./helpers/ws.js";

const REACT = /* GraphQL */ `
  mutation ($input: ReactionInput!) {
    react(input: $input) {
      __typename
      ... on ReactionPayload { changed comment { id reactions { kind count } viewerReactions } }
      ... on Error { code message }
      ... on ValidationError { problems { path message } }
    }
  }
`;
const UNREACT = REACT.replace("react(input", "unreact(input").replace("mutation (", "mutation Unreact(");
const COMMENTS = /* GraphQL */ `
  query ($slug: String!, $order: CommentOrder, $first: Int, $after: String, $last: Int, $before: String) {
    article(slug: $slug) {
      comments(orderBy: $order, first: $first, after: $after, last: $last, before: $before) {
        edges { cursor node { id reactions { kind count } viewerReactions } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }
`;

const guestKey = (n: number | string) => `browser-key-${String(n).padStart(8, "0")}`;

describe.each(providers)("reactions on %s", (provider) => {
  let t: TestApp;
  let server: RunningServer;
  beforeAll(async () => {
    t = await createTestApp({ provider, env: { REACTION_ANNOUNCE_MS: "400" } });
    server = await t.listen();
  });
  afterAll(() => t.close());

  const react = async (commentId: number, kind: string, headers: Record<string, string>, mutation = REACT) => {
    const { data, errors } = await t.graphql(mutation, { variables: { input: { commentId: globalId("Comment", commentId), kind } }, headers });
    expect(errors).toBeUndefined();
    return Object.values(data)[0] as any;
  };
  const reader = (subject: string) => bearer({ subject, name: subject }).then((authorization) => ({ authorization }));
  const countsOf = async (id: number) => {
    const row = await t.prisma.comment.findUniqueOrThrow({ where: { id } });
    return { counts: row.reactionCounts, total: row.reactionTotal, rows: await t.prisma.commentReaction.count({ where: { commentId: id } }) };
  };

  it("counts a reader's reaction, shows it as theirs, and takes it back", async () => {
    const article = await createArticle(t.prisma);
    const comment = await createComment(t.prisma, { articleId: article.id });
    const alice = await reader("alice");
    const reacted = await react(comment.id, "RESPECT", alice);
    expect(reacted).toMatchObject({ __typename: "ReactionPayload", changed: true });
    expect(reacted.comment.reactions).toEqual([{ kind: "RESPECT", count: 1 }, { kind: "INSIGHTFUL", count: 0 }, { kind: "FUNNY", count: 0 }]);
    expect(reacted.comment.viewerReactions).toEqual(["RESPECT"]);
    const page = await t.graphql(COMMENTS, { variables: { slug: article.slug }, headers: await reader("bob") });
    expect(page.data.article.comments.edges[0].node).toMatchObject({ viewerReactions: [], reactions: [{ kind: "RESPECT", count: 1 }, { kind: "INSIGHTFUL", count: 0 }, { kind: "FUNNY", count: 0 }] });
    const undone = await react(comment.id, "RESPECT", alice, UNREACT);
    expect(undone).toMatchObject({ changed: true, comment: { viewerReactions: [], reactions: [{ kind: "RESPECT", count: 0 }, { kind: "INSIGHTFUL", count: 0 }, { kind: "FUNNY", count: 0 }] } });
  });

  it("is idempotent: reacting twice counts once, taking back twice removes once", async () => {
    const article = await createArticle(t.prisma);
    const comment = await createComment(t.prisma, { articleId: article.id });
    const carol = await reader("carol");
    expect((await react(comment.id, "FUNNY", carol)).changed).toBe(true);
    expect((await react(comment.id, "FUNNY", carol)).changed).toBe(false);
    expect((await react(comment.id, "INSIGHTFUL", carol)).comment.viewerReactions).toEqual(["FUNNY", "INSIGHTFUL"]);
    expect(await countsOf(comment.id)).toEqual({ counts: { FUNNY: 1, INSIGHTFUL: 1 }, total: 2, rows: 2 });
    expect((await react(comment.id, "FUNNY", carol, UNREACT)).changed).toBe(true);
    expect((await react(comment.id, "FUNNY", carol, UNREACT)).changed).toBe(false);
    expect(await countsOf(comment.id)).toEqual({ counts: { INSIGHTFUL: 1 }, total: 1, rows: 1 });
  });

  it("keeps exact counts under 50 concurrent reactions by different readers and by the same reader", async () => {
    const article = await createArticle(t.prisma);
    const comment = await createComment(t.prisma, { articleId: article.id });
    const readers = await Promise.all(Array.from({ length: 50 }, (_, n) => reader(`crowd-${n}`)));
    await Promise.all(readers.map((headers) => react(comment.id, "RESPECT", headers)));
    expect(await countsOf(comment.id)).toEqual({ counts: { RESPECT: 50 }, total: 50, rows: 50 });
    const same = readers[0]!;
    await Promise.all(Array.from({ length: 50 }, () => react(comment.id, "INSIGHTFUL", same)));
    expect(await countsOf(comment.id)).toEqual({ counts: { RESPECT: 50, INSIGHTFUL: 1 }, total: 51, rows: 51 });
    // Half take theirs back while the other half react again (changing nothing), all at once.
    await Promise.all(readers.map((headers, n) => react(comment.id, "RESPECT", headers, n % 2 === 0 ? UNREACT : REACT)));
    await Promise.all(Array.from({ length: 50 }, () => react(comment.id, "INSIGHTFUL", same, UNREACT)));
    expect(await countsOf(comment.id)).toEqual({ counts: { RESPECT: 25 }, total: 25, rows: 25 });
  });

  it("lets a guest react by browser key, one reaction per key, and refuses without one", async () => {
    const article = await createArticle(t.prisma);
    const comment = await createComment(t.prisma, { articleId: article.id });
    const guest = { "x-reader-key": guestKey("guest-one") };
    expect((await react(comment.id, "RESPECT", guest)).comment.viewerReactions).toEqual(["RESPECT"]);
    expect((await react(comment.id, "RESPECT", guest)).changed).toBe(false);
    expect((await react(comment.id, "RESPECT", { "x-reader-key": guestKey("guest-two") })).comment.reactions[0]).toEqual({ kind: "RESPECT", count: 2 });
    const stored = await t.prisma.commentReaction.findMany({ where: { commentId: comment.id } });
    expect(stored.every((row) => /^guest:[0-9a-f]{64}$/.test(row.reactorKey))).toBe(true);
    expect(await react(comment.id, "RESPECT", {})).toMatchObject({ __typename: "UnauthenticatedError", code: "UNAUTHENTICATED" });
  });

  it("refuses guests when GUEST_REACTIONS is off, but not signed-in readers", async () => {
    const off = await createTestApp({ provider, env: { GUEST_REACTIONS: "false" } });
    try {
      const article = await createArticle(off.prisma);
      const comment = await createComment(off.prisma, { articleId: article.id });
      const input = { commentId: globalId("Comment", comment.id), kind: "RESPECT" };
      const guest = await off.graphql(REACT, { variables: { input }, headers: { "x-reader-key": guestKey("guest") } });
      expect(guest.data.react).toMatchObject({ code: "UNAUTHENTICATED", message: "Sign in to react." });
      const signedIn = await off.graphql(REACT, { variables: { input }, headers: await reader("dora") });
      expect(signedIn.data.react.changed).toBe(true);
    } finally {
      await off.close();
    }
  });

  it("refuses an unknown kind with a ValidationError listing the configured kinds", async () => {
    const article = await createArticle(t.prisma);
    const comment = await createComment(t.prisma, { articleId: article.id });
    const refused = await react(comment.id, "LOVE", await reader("erin"));
    expect(refused).toMatchObject({ __typename: "ValidationError", code: "VALIDATION_FAILED", problems: [{ path: ["input", "kind"] }] });
    expect(refused.message).toContain("RESPECT, INSIGHTFUL, FUNNY");
  });

  it("answers NOT_FOUND for a comment the reader cannot see, and for one on an unpublished article", async () => {
    const article = await createArticle(t.prisma);
    const pending = await createComment(t.prisma, { articleId: article.id, status: "PENDING" });
    const draft = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null });
    const onDraft = await createComment(t.prisma, { articleId: draft.id });
    const headers = await reader("frank");
    expect(await react(pending.id, "RESPECT", headers)).toMatchObject({ code: "NOT_FOUND" });
    expect(await react(onDraft.id, "RESPECT", headers)).toMatchObject({ code: "NOT_FOUND" });
    expect(await t.prisma.commentReaction.count({ where: { commentId: { in: [pending.id, onDraft.id] } } })).toBe(0);
  });

  it("reads viewerReactions for a whole page in one query, not one per comment", async () => {
    const article = await createArticle(t.prisma);
    const headers = await reader("gina");
    const comments = [];
    for (let n = 0; n < 6; n++) comments.push(await createComment(t.prisma, { articleId: article.id, createdAt: new Date(Date.UTC(2026, 0, 1, 0, n)) }));
    for (const comment of comments.slice(0, 3)) await react(comment.id, "FUNNY", headers);
    // Owed live announcements (of this test's reactions or an earlier one's) are written first, outside the reads counted.
    await expect.poll(() => t.prisma.comment.count({ where: { reactionsChangedAt: { not: null } } }), { timeout: 10_000 }).toBe(0);
    const read = (first: number) => t.countStatements(() => t.graphql(COMMENTS, { variables: { slug: article.slug, first }, headers }));
    expect(await read(6)).toBe(await read(2));
    const page = await t.graphql(COMMENTS, { variables: { slug: article.slug, first: 6, order: "OLDEST" }, headers });
    expect(page.data.article.comments.edges.map((edge: any) => edge.node.viewerReactions)).toEqual([["FUNNY"], ["FUNNY"], ["FUNNY"], [], [], []]);
  });

  it("orders BEST by reactions with a day's half-life, unreacted comments last, and pages both ways with stable cursors", async () => {
    const article = await createArticle(t.prisma);
    const at = (day: number, minute = 0) => new Date(Date.UTC(2026, 0, day, 12, minute));
    // [reactions, created]: 3 reactions weigh as 1 a day later (log2(1 + 3) - 1 = log2(1 + 1)).
    const plan: [number, Date][] = [[3, at(1)], [1, at(2, 1)], [0, at(3)], [2, at(2, 5)], [0, at(3, 5)], [1, at(2, 10)], [7, at(1, 5)]];
    const ids: number[] = [];
    for (const [reactions, createdAt] of plan) {
      const comment = await createComment(t.prisma, { articleId: article.id, createdAt });
      ids.push(comment.id);
      for (let n = 0; n < reactions; n++) await react(comment.id, "RESPECT", await reader(`best-${n}`));
    }
    // In days after day 1: 7 reactions 3, 2 reactions log2(3) + 1, one at +1d10m, one at +1d1m, three at 0 + 2, then the unreacted, newest first.
    const expected = [6, 3, 5, 1, 0, 4, 2].map((index) => globalId("Comment", ids[index]!));
    const scores = await t.prisma.comment.findMany({ where: { articleId: article.id }, select: { id: true, bestScore: true } });
    const score = (index: number) => scores.find((row) => row.id === ids[index])!.bestScore;
    expect((score(1) - score(0)) * 24 * 60).toBeCloseTo(1, 6);
    const whole = await t.graphql(COMMENTS, { variables: { slug: article.slug, order: "BEST", first: 20 } });
    expect(whole.data.article.comments.edges.map((edge: any) => edge.node.id)).toEqual(expected);
    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await t.graphql(COMMENTS, { variables: { slug: article.slug, order: "BEST", first: 3, after } });
      const { edges, pageInfo } = page.data.article.comments;
      forward.push(...edges.map((edge: any) => edge.node.id));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(forward).toEqual(expected);
    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const page: any = await t.graphql(COMMENTS, { variables: { slug: article.slug, order: "BEST", last: 2, before } });
      const { edges, pageInfo } = page.data.article.comments;
      backward.unshift(...edges.map((edge: any) => edge.node.id));
      if (!pageInfo.hasPreviousPage) break;
      before = pageInfo.startCursor;
    }
    expect(backward).toEqual(expected);
    // A cursor still names its place after its comment gains a reaction and moves.
    const first = await t.graphql(COMMENTS, { variables: { slug: article.slug, order: "BEST", first: 2 } });
    await react(ids[3]!, "FUNNY", await reader("late"));
    const rest = await t.graphql(COMMENTS, { variables: { slug: article.slug, order: "BEST", first: 10, after: first.data.article.comments.pageInfo.endCursor } });
    expect(rest.data.article.comments.edges.map((edge: any) => edge.node.id)).toEqual(expected.slice(2));
  });

  it("sends an article's comment-list subscribers the counts and picks of comments they see, and nothing of a held one", async () => {
    const article = await createArticle(t.prisma);
    const [shown, held] = [await createComment(t.prisma, { articleId: article.id }), await createComment(t.prisma, { articleId: article.id, status: "PENDING" })];
    const client = connect(server.url);
    const sub = subscribe(client, `subscription ($articleId: ID!) { commentAdded(articleId: $articleId) {
      __typename ... on CommentChanged { kind comment { id featured reactions { kind count } } } ... on CommentAdded { comment { id } } } }`, { articleId: globalId("Article", article.id) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await react(held.id, "RESPECT", await reader("held-reactor")).catch(() => null);
    await react(shown.id, "RESPECT", await reader("list-reactor"));
    const changed = (await sub.next()).data.commentAdded;
    expect(changed).toMatchObject({ __typename: "CommentChanged", kind: "REACTIONS_CHANGED", comment: { id: globalId("Comment", shown.id) } });
    expect(changed.comment.reactions[0]).toEqual({ kind: "RESPECT", count: 1 });
    const moderator = { authorization: await bearer({ roles: ["MODERATOR"] }) };
    await t.graphql(`mutation ($input: FeatureCommentInput!) { featureComment(input: $input) { __typename } }`, { variables: { input: { id: globalId("Comment", shown.id) } }, headers: moderator });
    expect((await sub.next()).data.commentAdded).toMatchObject({ __typename: "CommentChanged", kind: "FEATURED", comment: { featured: true } });
    await sub.expectSilence(300);
    await client.dispose();
  });

  it("tells each live reader only their own reactions, guests by their reader key included", async () => {
    const article = await createArticle(t.prisma);
    const comment = await createComment(t.prisma, { articleId: article.id });
    const SUB = `subscription ($rootId: ID!) { threadUpdated(rootId: $rootId) { ... on ThreadUpdate { kind comment { viewerReactions } } } }`;
    const [keyA, keyB] = [guestKey("live-guest-a"), guestKey("live-guest-b")];
    const clients = [connect(server.url, { readerKey: keyA }), connect(server.url, { readerKey: keyB }), connect(server.url)];
    const subs = clients.map((client) => subscribe(client, SUB, { rootId: globalId("Comment", comment.id) }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await react(comment.id, "INSIGHTFUL", { "x-reader-key": keyB });
    await react(comment.id, "RESPECT", { "x-reader-key": keyA });
    const last = async (sub: (typeof subs)[number]) => {
      let seen: string[] = [];
      for (;;) {
        const message = await sub.next(1500).catch(() => null);
        if (!message) return seen;
        seen = message.data.threadUpdated.comment.viewerReactions;
      }
    };
    expect(await Promise.all(subs.map(last))).toEqual([["RESPECT"], ["INSIGHTFUL"], []]);
    await Promise.all(clients.map((client) => client.dispose()));
  });

  it("sends thread subscribers coalesced reaction changes, and always the final counts", async () => {
    const article = await createArticle(t.prisma);
    const comment = await createComment(t.prisma, { articleId: article.id });
    const client = connect(server.url);
    const sub = subscribe(client, `subscription ($rootId: ID!) { threadUpdated(rootId: $rootId) { ... on ThreadUpdate { kind comment { reactions { kind count } } } } }`, {
      rootId: globalId("Comment", comment.id),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const readers = await Promise.all(Array.from({ length: 40 }, (_, n) => reader(`storm-${n}`)));
    // Four bursts of ten, each reaction moving the count: 40 events without coalescing.
    const started = Date.now();
    for (let burst = 0; burst < 4; burst++) await Promise.all(readers.slice(burst * 10, burst * 10 + 10).map((headers) => react(comment.id, "RESPECT", headers)));
    const messages: any[] = [];
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      const message = await sub.next(Math.max(1, deadline - Date.now())).catch(() => null);
      if (!message) break;
      messages.push(message.data.threadUpdated);
      if (message.data.threadUpdated.comment.reactions[0].count === 40) break;
    }
    expect(messages.every((message) => message.kind === "REACTIONS_CHANGED")).toBe(true);
    expect(messages.at(-1).comment.reactions[0]).toEqual({ kind: "RESPECT", count: 40 });
    const announcements = await t.prisma.commentEvent.count({ where: { commentId: comment.id, kind: "REACTIONS_CHANGED" } });
    // At most one a window (400 ms) while they came, and the trailing one.
    expect(announcements).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 400) + 1);
    expect(announcements).toBeLessThan(40);
    // Nothing after but, at most, the trailing announcement of the same final counts.
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(sub.received.map((message) => message.data.threadUpdated.comment.reactions[0].count)).toEqual(sub.received.map(() => 40));
    await client.dispose();
  });
});
