import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/server.js";
import { bearer, globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";
import WebSocket from "ws";
import { connect, subscribe } from "./helpers/ws.js";

const COMMENT_ADDED = /* GraphQL */ `
  subscription ($articleId: ID!, $after: Cursor) {
    commentAdded(articleId: $articleId, after: $after) {
      __typename
      ... on CommentAdded { cursor comment { body authorName depth } }
      ... on ResyncRequired { cursor reason }
    }
  }
`;
const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { ... on AddCommentPayload { cursor editKey comment { id } } ... on Error { code } } }`;

describe.each(providers)("live comments on %s", (provider) => {
  let t: TestApp;
  let server: RunningServer;
  beforeAll(async () => {
    t = await createTestApp({ provider });
    server = await t.listen();
  });
  afterAll(() => t.close());

  const post = async (articleId: string, body: string, extra: Record<string, unknown> = {}) => {
    const { data } = await t.graphql(ADD, { variables: { input: { articleId, body, guest: { name: "Live Guest", email: "live@example.org" }, ...extra } } });
    return data.addComment as { cursor: string; editKey: string; comment: { id: string } };
  };
  const cursorOf = async (slug: string) =>
    (await t.graphql(`query ($slug: String!) { article(slug: $slug) { liveCursor } }`, { variables: { slug } })).data.article.liveCursor as string;

  it("delivers a comment posted over HTTP to a graphql-ws subscriber", async () => {
    const article = await createArticle(t.prisma);
    const articleId = globalId("Article", article.id);
    const client = connect(server.url);
    const sub = subscribe(client, COMMENT_ADDED, { articleId, after: await cursorOf(article.slug) });
    await post(articleId, "Hello, live world");
    const message = await sub.next();
    expect(message.data.commentAdded).toMatchObject({ __typename: "CommentAdded", comment: { body: "Hello, live world", authorName: "Live Guest", depth: 0 } });
    const top = await t.prisma.comment.findFirstOrThrow({ where: { articleId: article.id } });
    await post(articleId, "And a reply", { parentId: globalId("Comment", top.id) });
    expect((await sub.next()).data.commentAdded.comment).toMatchObject({ body: "And a reply", depth: 1 });
    await client.dispose();
  });

  it("replays exactly the missed comments after a reconnect, then the live ones", async () => {
    const article = await createArticle(t.prisma);
    const articleId = globalId("Article", article.id);
    const first = connect(server.url);
    const sub = subscribe(first, COMMENT_ADDED, { articleId, after: await cursorOf(article.slug) });
    await post(articleId, "seen before the drop");
    const seen = await sub.next();
    await first.dispose();

    const other = await createArticle(t.prisma);
    for (const body of ["missed 1", "missed 2", "missed 3"]) {
      await post(articleId, body);
      await post(globalId("Article", other.id), `elsewhere: ${body}`);
    }
    const second = connect(server.url);
    const resumed = subscribe(second, COMMENT_ADDED, { articleId, after: seen.data.commentAdded.cursor });
    const replayed = [await resumed.next(), await resumed.next(), await resumed.next()];
    expect(replayed.map((m) => m.data.commentAdded.comment.body)).toEqual(["missed 1", "missed 2", "missed 3"]);
    await post(articleId, "live again");
    expect((await resumed.next()).data.commentAdded.comment.body).toBe("live again");
    await resumed.expectSilence(300);
    await second.dispose();
  });

  it("sends each comment of a burst once and in order to every reader, shared or not, resuming or not", async () => {
    const article = await createArticle(t.prisma);
    const articleId = globalId("Article", article.id);
    const start = await cursorOf(article.slug);
    await post(articleId, "before the burst");
    const anonymous = connect(server.url);
    const signedIn = connect(server.url, { authorization: await bearer() });
    // Four anonymous readers share executions; one resumes from before the first comment; one is signed in.
    const shared = [1, 2, 3, 4].map(() => subscribe(anonymous, COMMENT_ADDED, { articleId }));
    const resuming = subscribe(anonymous, COMMENT_ADDED, { articleId, after: start });
    const own = subscribe(signedIn, COMMENT_ADDED, { articleId });
    expect((await resuming.next()).data.commentAdded.comment.body).toBe("before the burst");
    await new Promise((resolve) => setTimeout(resolve, 200));

    const bodies = Array.from({ length: 25 }, (_, i) => `burst ${i}`);
    await Promise.all(bodies.map((body) => post(articleId, body)));
    for (const sub of [...shared, resuming, own]) {
      const messages = [];
      for (const _ of bodies) messages.push((await sub.next()).data.commentAdded);
      const cursors = messages.map((m) => Buffer.from(m.cursor, "base64url").toString()).map((c) => Number(c.split(":")[1]));
      expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
      expect(new Set(cursors).size).toBe(bodies.length);
      expect(messages.map((m) => m.comment.body).sort()).toEqual([...bodies].sort());
      await sub.expectSilence(50);
    }
    await Promise.all([anonymous.dispose(), signedIn.dispose()]);
  });

  it("answers every post of a burst and hands every comment, in order, to hundreds of readers fanned out in slices", async () => {
    const article = await createArticle(t.prisma);
    const articleId = globalId("Article", article.id);
    // Many anonymous readers share one execution per comment and are handed it a slice at a time; one leaves mid-burst.
    const after = await cursorOf(article.slug);
    const sockets = [1, 2, 3].map(() => connect(server.url));
    const readers = sockets.flatMap((socket) => Array.from({ length: 100 }, () => subscribe(socket, COMMENT_ADDED, { articleId, after })));
    await post(articleId, "warm-up");
    for (const reader of readers) expect((await reader.next()).data.commentAdded.comment.body).toBe("warm-up");
    const leaving = readers.pop()!;

    const bodies = Array.from({ length: 20 }, (_, i) => `slice ${i}`);
    const answers = bodies.map((body, i) => {
      if (i === 10) leaving.unsubscribe();
      return post(articleId, body);
    });
    expect((await Promise.all(answers)).every((answer) => answer.comment.id)).toBe(true);
    for (const reader of readers) {
      const messages = [];
      for (const _ of bodies) messages.push((await reader.next()).data.commentAdded);
      const cursors = messages.map((m) => Number(Buffer.from(m.cursor, "base64url").toString().split(":")[1]));
      expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
      expect(messages.map((m) => m.comment.body).sort()).toEqual([...bodies].sort());
    }
    await readers[0]!.expectSilence(50);
    await Promise.all(sockets.map((socket) => socket.dispose()));
  });

  it("writes graphql-ws messages, and none after the reader completes", async () => {
    const article = await createArticle(t.prisma);
    const articleId = globalId("Article", article.id);
    const socket = new WebSocket(server.url.replace(/^http/, "ws"), "graphql-transport-ws");
    const frames: string[] = [];
    const arrived = (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => (frames.length >= count ? resolve() : setTimeout(check, 10));
        check();
      });
    socket.on("message", (data) => frames.push(String(data)));
    await new Promise((resolve) => socket.once("open", resolve));
    socket.send(JSON.stringify({ type: "connection_init" }));
    await arrived(1);
    expect(JSON.parse(frames[0]!)).toEqual({ type: "connection_ack" });
    for (const id of ["one", "two"]) socket.send(JSON.stringify({ id, type: "subscribe", payload: { query: COMMENT_ADDED, variables: { articleId } } }));
    const subscribers = async () => Number(/newsgraph_live_subscribers (\d+)/.exec(await (await fetch(server.url.replace(/graphql$/, "metrics"))).text())![1]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await post(articleId, "framed");
    await arrived(3);
    const messages = frames.slice(1, 3).map((frame) => JSON.parse(frame));
    expect(messages.map((m) => m.id).sort()).toEqual(["one", "two"]);
    for (const message of messages) {
      expect(Object.keys(message)).toEqual(["id", "type", "payload"]);
      expect(message).toMatchObject({ type: "next", payload: { data: { commentAdded: { __typename: "CommentAdded", comment: { body: "framed" } } } } });
      expect(Object.keys(message.payload)).toEqual(["data"]);
    }

    const attached = await subscribers();
    socket.send(JSON.stringify({ id: "one", type: "complete" }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await subscribers()).toBe(attached - 1);
    await post(articleId, "only two");
    await arrived(4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(frames.slice(3).map((frame) => JSON.parse(frame))).toMatchObject([{ id: "two", payload: { data: { commentAdded: { comment: { body: "only two" } } } } }]);
    socket.close();
  });

  it("serves the same subscription over server-sent events", async () => {
    const article = await createArticle(t.prisma);
    const articleId = globalId("Article", article.id);
    const open = () =>
      fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "text/event-stream" },
        body: JSON.stringify({ query: COMMENT_ADDED, variables: { articleId } }),
        // A stream that never carries the comment fails the read instead of hanging the test.
        signal: AbortSignal.timeout(10_000),
      });
    // Two anonymous readers: they share one execution per event, as WebSocket readers do.
    const streams = [await open(), await open()];
    await new Promise((resolve) => setTimeout(resolve, 200));
    await post(articleId, "over SSE");
    for (const response of streams) {
      expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const reader = response.body!.getReader();
      let text = "";
      while (!text.includes("over SSE")) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      const data = text.split("\n").find((line) => line.startsWith("data:") && line.includes("over SSE"))!;
      expect(JSON.parse(data.slice("data:".length))).toMatchObject({
        data: { commentAdded: { __typename: "CommentAdded", comment: { body: "over SSE", authorName: "Live Guest" } } },
      });
      await reader.cancel();
    }
  });

  it("answers a cursor it cannot replay with a typed resync, not silence", async () => {
    const article = await createArticle(t.prisma);
    const client = connect(server.url);
    const future = Buffer.from("event:99999999").toString("base64url");
    const sub = subscribe(client, COMMENT_ADDED, { articleId: globalId("Article", article.id), after: future });
    const message = await sub.next();
    expect(message.data.commentAdded).toMatchObject({ __typename: "ResyncRequired", reason: expect.stringMatching(/cursor/i) });
    await client.dispose();
  });

  it("refuses a subscription to a draft or a malformed id with a typed error", async () => {
    const draft = await createArticle(t.prisma, { status: "DRAFT" });
    const client = connect(server.url);
    const hidden = subscribe(client, COMMENT_ADDED, { articleId: globalId("Article", draft.id) });
    expect((await hidden.next()).errors).toMatchObject([{ extensions: { code: "NOT_FOUND" } }]);
    const bad = subscribe(client, COMMENT_ADDED, { articleId: "nope" });
    expect((await bad.next()).errors).toMatchObject([{ extensions: { code: "INVALID_ID" } }]);
    const garbled = subscribe(client, "subscription { commentAdded(", {});
    await expect(garbled.error).rejects.toMatchObject([{ message: expect.stringMatching(/Syntax Error/) }]);
    const badCursor = subscribe(client, COMMENT_ADDED, { articleId: globalId("Article", draft.id), after: "x" });
    expect((await badCursor.next()).errors).toMatchObject([{ message: expect.stringMatching(/Cursor/) }]);
    await client.dispose();
  });

  it("checks the token once at connection: a bad one closes the socket with 4403", async () => {
    for (const authorization of ["Bearer not.a.token", "Token abc", await bearer({ expiresIn: Math.floor(Date.now() / 1000) - 60 })]) {
      const client = connect(server.url, { authorization });
      expect((await client.closed).code).toBe(4403);
      await client.dispose();
    }
    const moderator = connect(server.url, { authorization: await bearer({ roles: ["MODERATOR"] }) });
    const feed = subscribe(moderator, `subscription { moderationEvents { __typename } }`);
    await feed.expectSilence(100);
    await moderator.dispose();

    const reader = connect(server.url, { authorization: await bearer({ roles: ["READER"] }) });
    const denied = subscribe(reader, `subscription { moderationEvents { __typename } }`);
    expect((await denied.next()).errors).toMatchObject([{ extensions: { code: "FORBIDDEN" } }]);
    const anonymous = connect(server.url);
    const unauthenticated = subscribe(anonymous, `subscription { moderationEvents { __typename } }`);
    expect((await unauthenticated.next()).errors).toMatchObject([{ extensions: { code: "UNAUTHENTICATED" } }]);
    await Promise.all([reader.dispose(), anonymous.dispose()]);
  });
});
