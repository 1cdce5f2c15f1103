// Who sees what, as a table: every status of a reply × every status of its parent × every viewer,
// through every path to a comment (node, nodes, parent, threadRoot, replies, mentions, the
// article's page and counts, the response cache, the live feed's payloads, the moderation queue).
// The expectations below restate the policy in the README, independently of src/visibility/comments.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashEditKey } from "../src/auth.js";
import type { CommentStatus } from "../src/generated/prisma/client.js";
import { bearer, globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providersAndExecutors } from "./helpers/databases.js";
import { createArticle, createComment } from "./helpers/fixtures.js";
import { connect, subscribe, type Subscription } from "./helpers/ws.js";

const STATUSES: CommentStatus[] = ["APPROVED", "PENDING", "REJECTED", "SPAM", "DELETED"];
const EDIT_KEY = "table-author-edit-key-0123456789";
type Viewer = "anonymous" | "reader" | "author by sign-in" | "author by edit key" | "moderator";
const VIEWERS: Viewer[] = ["anonymous", "reader", "author by sign-in", "author by edit key", "moderator"];

interface Case {
  name: string;
  parent: CommentStatus;
  reply: CommentStatus;
  /** How the reply's author is known: by sign-in or by edit key. */
  author: "sign-in" | "edit key";
  articleId: number;
  parentId: number;
  replyId: number;
}

/** The policy: moderators see all; others see approved comments (and tombstones holding visible replies) under visible ancestors, and their own pending comments. */
function expected(c: Case, viewer: Viewer) {
  const moderator = viewer === "moderator";
  const authorOfReply = (viewer === "author by sign-in" && c.author === "sign-in") || (viewer === "author by edit key" && c.author === "edit key");
  const replyCounted = c.reply === "APPROVED";
  const parent = moderator || c.parent === "APPROVED" || (c.parent === "DELETED" && replyCounted);
  const parentHidesReplies = ["PENDING", "REJECTED", "SPAM"].includes(c.parent);
  const reply = moderator || (c.reply === "APPROVED" && !parentHidesReplies) || (c.reply === "PENDING" && authorOfReply);
  return { parent, reply, replyCount: replyCounted ? 1 : 0 };
}

const READ = `query ($a: ID!, $p: ID!, $r: ID!) {
  article: node(id: $a) { ... on Article { commentCount comments(first: 10) { totalCount nodes { id replyCount body replies(first: 10) { totalCount nodes { id body authorName status } } } } } }
  p: node(id: $p) { ... on Comment { id body authorName status } }
  r: node(id: $r) { ... on Comment { id body authorName status parent { id body authorName status } threadRoot { id body } mentions { name comment { id } } } }
  both: nodes(ids: [$p, $r]) { ... on Comment { id } }
}`;

const LIVE = `subscription ($a: ID!, $after: Cursor) { commentAdded(articleId: $a, after: $after) {
  ... on CommentAdded { comment { id body authorName status parent { id body authorName } threadRoot { id body } } } } }`;

describe.each(providersAndExecutors)("who sees which comment on $provider, $executor", ({ provider, env }) => {
  let t: TestApp;
  let headers: Record<Viewer, Record<string, string>>;
  let connectionParams: Record<Viewer, Record<string, unknown>>;
  const cases: Case[] = [];
  let startPosition = 0;

  beforeAll(async () => {
    t = await createTestApp({ provider, env: { ...env, RESPONSE_CACHE: "true" } });
    const moderator = await bearer({ name: "Mo Derator", subject: "table-moderator", roles: ["MODERATOR"] });
    const tokens = {
      reader: await bearer({ name: "Other Reader", subject: "table-reader" }),
      author: await bearer({ name: "Reply Author", subject: "table-reply-author" }),
      topAuthor: await bearer({ name: "Top Author", subject: "table-top-author" }),
    };
    headers = {
      anonymous: {},
      reader: { authorization: tokens.reader },
      "author by sign-in": { authorization: tokens.author },
      "author by edit key": { "x-comment-edit-keys": EDIT_KEY },
      moderator: { authorization: moderator },
    };
    connectionParams = {
      anonymous: {},
      reader: { authorization: tokens.reader },
      "author by sign-in": { authorization: tokens.author },
      "author by edit key": { editKeys: [EDIT_KEY] },
      moderator: { authorization: moderator },
    };
    startPosition = (await t.prisma.commentEvent.aggregate({ _max: { position: true } }))._max.position ?? 0;

    for (const parent of STATUSES) {
      for (const reply of STATUSES) {
        for (const author of ["sign-in", "edit key"] as const) {
          const name = `${parent}-${reply}-${author === "sign-in" ? "S" : "K"}`;
          const article = await createArticle(t.prisma);
          // A parent to be hidden by a moderator or its author starts approved, so the API moves the counts.
          const initial = parent === "PENDING" ? "PENDING" : "APPROVED";
          const top = await createComment(t.prisma, { articleId: article.id, status: initial, authorName: `Top ${name}`, body: `Parent body ${name}`, userId: "table-top-author" });
          const child = await createComment(t.prisma, {
            articleId: article.id,
            parentId: top.id,
            status: reply,
            authorName: `Reply ${name}`,
            body: `@Top ${name} reply body ${name}`,
            ...(author === "sign-in" ? { userId: "table-reply-author" } : { editKeyHash: hashEditKey(EDIT_KEY) }),
          });
          await t.prisma.mention.create({ data: { commentId: child.id, mentionedCommentId: top.id, name: `Top ${name}` } });
          // The log a live reader replays: both comments were added.
          for (const comment of [top, child]) {
            await t.prisma.commentEvent.create({ data: { kind: "ADDED", commentId: comment.id, articleId: article.id, threadId: top.id, toStatus: comment.status } });
          }
          const decision = { REJECTED: "REJECT", SPAM: "MARK_SPAM" }[parent as string];
          if (decision) {
            const moderated = await t.graphql(`mutation ($id: ID!) { moderateComment(input: { id: $id, decision: ${decision} }) { __typename } }`, {
              variables: { id: globalId("Comment", top.id) },
              headers: headers.moderator,
            });
            expect(moderated.data?.moderateComment.__typename).toBe("CommentPayload");
          }
          if (parent === "DELETED") {
            const deleted = await t.graphql(`mutation ($id: ID!) { deleteComment(input: { id: $id }) { __typename } }`, {
              variables: { id: globalId("Comment", top.id) },
              headers: { authorization: tokens.topAuthor },
            });
            expect(deleted.data?.deleteComment.__typename).toBe("DeleteCommentPayload");
          }
          cases.push({ name, parent, reply, author, articleId: article.id, parentId: top.id, replyId: child.id });
        }
      }
    }
  }, 300_000);
  afterAll(() => t.close());

  it("holds the rule on every query path, for every status, parent status and viewer, cached or not", async () => {
    const mismatches: string[] = [];
    const check = (label: string, actual: unknown, wanted: unknown) => {
      if (JSON.stringify(actual) !== JSON.stringify(wanted)) mismatches.push(`${label}: got ${JSON.stringify(actual)}, want ${JSON.stringify(wanted)}`);
    };
    for (const c of cases) {
      const ids = { a: globalId("Article", c.articleId), p: globalId("Comment", c.parentId), r: globalId("Comment", c.replyId) };
      for (const viewer of VIEWERS) {
        const want = expected(c, viewer);
        const label = `${c.name} as ${viewer}`;
        const result = await t.graphql(READ, { variables: ids, headers: headers[viewer] });
        if (result.errors) mismatches.push(`${label}: errors ${JSON.stringify(result.errors)}`);
        const { article, p, r, both } = result.data;
        check(`${label} node(parent)`, p?.id ?? null, want.parent ? ids.p : null);
        check(`${label} node(reply)`, r?.id ?? null, want.reply ? ids.r : null);
        check(`${label} nodes`, both.map((node: { id: string } | null) => node?.id ?? null), [want.parent ? ids.p : null, want.reply ? ids.r : null]);
        check(`${label} commentCount`, article.commentCount, Number(want.parent) + Number(want.reply));
        check(`${label} comments`, article.comments.nodes.map((node: { id: string }) => node.id), want.parent ? [ids.p] : []);
        check(`${label} comments.totalCount`, article.comments.totalCount, Number(want.parent));
        if (want.parent) {
          const top = article.comments.nodes[0];
          check(`${label} replyCount`, top.replyCount, want.replyCount);
          check(`${label} replies`, top.replies.nodes.map((node: { id: string }) => node.id), want.reply ? [ids.r] : []);
          check(`${label} replies.totalCount`, top.replies.totalCount, Number(want.reply));
          if (c.parent === "DELETED") check(`${label} tombstone body`, [top.body, p.body, p.authorName], [null, null, null]);
        }
        if (want.reply) {
          check(`${label} parent`, r.parent?.id ?? null, want.parent ? ids.p : null);
          check(`${label} threadRoot`, r.threadRoot?.id ?? null, want.parent ? ids.p : null);
          check(`${label} mention`, r.mentions.map((mention: { comment: { id: string } | null }) => mention.comment?.id ?? null), [want.parent ? ids.p : null]);
        }
        // Nothing hidden reaches the response: no body, no name, no status of a comment this viewer may not see.
        const text = JSON.stringify(result.data);
        const parentSecrets = [`Parent body ${c.name}`, `"authorName":"Top ${c.name}"`];
        if (!want.parent || c.parent === "DELETED") for (const secret of parentSecrets) if (text.includes(secret)) mismatches.push(`${label} leaks ${secret}`);
        if (!want.reply) for (const secret of [`reply body ${c.name}`, `Reply ${c.name}`]) if (text.includes(secret)) mismatches.push(`${label} leaks ${secret}`);
        if (viewer !== "moderator") {
          const statuses = [...text.matchAll(/"status":"(\w+)"/g)].map((match) => match[1]);
          const allowed = want.reply && c.reply === "PENDING" ? ["APPROVED", "DELETED", "PENDING"] : ["APPROVED", "DELETED"];
          for (const status of statuses) if (!allowed.includes(status!)) mismatches.push(`${label} shows status ${status}`);
        }
        if (viewer === "anonymous") {
          // The same read again says the same; from the response cache when it found everything (a miss is not kept).
          let again: Awaited<ReturnType<TestApp["graphql"]>> | undefined;
          const statements = await t.countStatements(async () => (again = await t.graphql(READ, { variables: ids })));
          check(`${label} cached`, again!.data, result.data);
          if ((statements === 0) !== (want.parent && want.reply)) mismatches.push(`${label}: cached ${statements === 0}, want ${want.parent && want.reply}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("holds the rule in the moderation queue: moderators see what waits, nobody else sees the queue", async () => {
    for (const viewer of VIEWERS) {
      for (const c of cases.filter((c) => c.parent === "PENDING" || c.reply === "PENDING").slice(0, 4)) {
        const result = await t.graphql(`query ($a: ID!) { moderationQueue(articleId: $a) { nodes { id } } }`, { variables: { a: globalId("Article", c.articleId) }, headers: headers[viewer] });
        if (viewer === "moderator") {
          const waiting = [c.parent === "PENDING" ? c.parentId : null, c.reply === "PENDING" ? c.replyId : null].filter((id) => id !== null);
          expect(result.data.moderationQueue.nodes.map((node: { id: string }) => node.id)).toEqual(waiting.map((id) => globalId("Comment", id!)));
        } else {
          expect(result.data?.moderationQueue ?? null).toBeNull();
          expect(["UNAUTHENTICATED", "FORBIDDEN"]).toContain(result.errors?.[0]?.extensions?.code);
        }
      }
    }
  });

  it("holds the rule in live payloads: a replayed feed delivers what the viewer may see, and nothing hidden through its relations", async () => {
    const server = await t.listen();
    const mismatches: string[] = [];
    for (const viewer of VIEWERS) {
      const client = connect(server.url, connectionParams[viewer]);
      const feeds = new Map<Case, Subscription>();
      for (const c of cases) feeds.set(c, subscribe(client, LIVE, { a: globalId("Article", c.articleId), after: Buffer.from(`event:${startPosition}`).toString("base64url") }));
      await expect.poll(() => t.app.services.feeds.size, { timeout: 30_000 }).toBe(cases.length);
      // Replays are read when a feed attaches; give the last of them time to arrive.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      for (const [c, feed] of feeds) {
        const want = expected(c, viewer);
        const label = `${c.name} as ${viewer}, live`;
        const payloads = feed.received.map((message) => message.data?.commentAdded?.comment).filter(Boolean);
        const delivered = [...new Set(payloads.map((comment: { id: string }) => comment.id))].sort();
        const visible = [want.parent ? globalId("Comment", c.parentId) : null, want.reply ? globalId("Comment", c.replyId) : null].filter(Boolean).sort();
        if (JSON.stringify(delivered) !== JSON.stringify(visible)) mismatches.push(`${label}: delivered ${delivered}, want ${visible}`);
        for (const comment of payloads) {
          if (comment.id === globalId("Comment", c.replyId) && (comment.parent !== null) !== want.parent) mismatches.push(`${label}: parent ${JSON.stringify(comment.parent)}`);
          if (comment.id === globalId("Comment", c.replyId) && (comment.threadRoot !== null) !== want.parent) mismatches.push(`${label}: threadRoot ${JSON.stringify(comment.threadRoot)}`);
        }
        const text = JSON.stringify(feed.received);
        if (!want.reply && text.includes(`reply body ${c.name}`)) mismatches.push(`${label} leaks the reply`);
        if ((!want.parent || c.parent === "DELETED") && text.includes(`Parent body ${c.name}`)) mismatches.push(`${label} leaks the parent`);
        feed.unsubscribe();
      }
      await client.dispose();
      await expect.poll(() => t.app.services.feeds.size, { timeout: 10_000 }).toBe(0);
    }
    expect(mismatches).toEqual([]);
  }, 180_000);
});
