// Rate limits on comment writes, through a real port: per user, per address (X-Forwarded-For read
// only from trusted proxies), per window, over HTTP and WebSocket, in memory and shared over Redis.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { connect as netConnect, createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/server.js";
import { createTestApp } from "./helpers/app.js";
import { bearer, globalId } from "./helpers/auth.js";
import { createArticle } from "./helpers/fixtures.js";
import { connect } from "./helpers/ws.js";

const redisUrl = process.env.TEST_REDIS_URL || undefined;

const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) {
  __typename ... on AddCommentPayload { editKey comment { id } } ... on Error { code message } ... on RateLimitedError { retryAfterSeconds } } }`;
const EDIT = `mutation ($input: EditCommentInput!) { editComment(input: $input) { __typename ... on Error { code } ... on RateLimitedError { retryAfterSeconds } } }`;
const DELETE = `mutation ($input: DeleteCommentInput!) { deleteComment(input: $input) { __typename ... on Error { code } ... on RateLimitedError { retryAfterSeconds } } }`;

interface Writer {
  /** Sent as X-Forwarded-For; only a trusting server reads it. */
  address?: string;
  token?: string;
}

/** Sends one operation to a real port, as `writer`; gives the mutation's result. */
async function send(server: RunningServer, query: string, input: Record<string, unknown>, writer: Writer = {}) {
  const response = await fetch(server.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(writer.address ? { "x-forwarded-for": writer.address } : {}),
      ...(writer.token ? { authorization: writer.token } : {}),
    },
    body: JSON.stringify({ query, variables: { input } }),
  });
  const { data, errors } = (await response.json()) as { data: Record<string, any>; errors?: unknown };
  expect(errors).toBeUndefined();
  return Object.values(data)[0];
}

/** An app on a real port with rate limits on, and an article to comment on. */
async function limitedApp(env: Record<string, string> = {}) {
  const t = await createTestApp({ provider: "sqlite", env: { RATE_LIMITS: "true", ...env } });
  const server = await t.listen();
  const articleId = globalId("Article", (await createArticle(t.prisma)).id);
  const post = (writer: Writer = {}, body = "A comment.") =>
    send(server, ADD, { articleId, body, ...(writer.token ? {} : { guest: { name: "Guest", email: "guest@example.org" } }) }, writer);
  return { t, server, post };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("rate limits with the defaults, behind a trusted proxy", () => {
  let app: Awaited<ReturnType<typeof limitedApp>>;
  beforeAll(async () => {
    // The tests pose as many clients through X-Forwarded-For, which the loopback peer is trusted to send.
    app = await limitedApp({ TRUST_PROXY: "loopback" });
  });
  afterAll(() => app.t.close());

  it("refuses a guest's second comment within the burst window, says when to retry, and writes nothing", async () => {
    const { t, post } = app;
    const notices: unknown[] = [];
    const stop = t.app.services.events.listen("comments:all", null, (notice) => notices.push(notice));
    expect((await post({ address: "203.0.113.1" })).__typename).toBe("AddCommentPayload");
    const [comments, events] = [await t.prisma.comment.count(), await t.prisma.commentEvent.count()];
    notices.length = 0;

    const refused = await post({ address: "203.0.113.1" }, "Again, at once.");
    expect(refused).toMatchObject({ __typename: "RateLimitedError", code: "RATE_LIMITED" });
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(3);
    expect(refused.message).toMatch(/try again in \d+ seconds?/);
    expect(await t.prisma.comment.count()).toBe(comments);
    expect(await t.prisma.commentEvent.count()).toBe(events);
    expect(await t.prisma.comment.count({ where: { body: "Again, at once." } })).toBe(0);
    expect(notices).toEqual([]);
    stop();
  });

  it("does not hold back a guest at another address", async () => {
    expect((await app.post({ address: "203.0.113.2" })).__typename).toBe("AddCommentPayload");
    expect((await app.post({ address: "203.0.113.3" })).__typename).toBe("AddCommentPayload");
  });

  it("limits a signed-in user across addresses", async () => {
    const token = await bearer({ subject: `roaming-${randomUUID()}` });
    expect((await app.post({ token, address: "203.0.113.10" })).__typename).toBe("AddCommentPayload");
    expect((await app.post({ token, address: "203.0.113.11" })).__typename).toBe("RateLimitedError");
  });

  it("limits two users behind one address together", async () => {
    const [first, second] = [await bearer({ subject: `first-${randomUUID()}` }), await bearer({ subject: `second-${randomUUID()}` })];
    expect((await app.post({ token: first, address: "203.0.113.20" })).__typename).toBe("AddCommentPayload");
    expect((await app.post({ token: second, address: "203.0.113.20" })).__typename).toBe("RateLimitedError");
  });

  it("counts editing and deleting apart from posting, each with its own limit", async () => {
    const writer = { address: "203.0.113.30" };
    const posted = await app.post(writer);
    const target = { id: posted.comment.id, editKey: posted.editKey };
    expect((await send(app.server, EDIT, { ...target, body: "Edited once." }, writer)).__typename).toBe("CommentPayload");
    expect((await send(app.server, EDIT, { ...target, body: "Edited twice." }, writer)).__typename).toBe("RateLimitedError");
    expect((await app.t.prisma.comment.findFirstOrThrow({ where: { body: { startsWith: "Edited" } } })).body).toBe("Edited once.");
    expect((await send(app.server, DELETE, target, writer)).__typename).toBe("DeleteCommentPayload");
    expect((await send(app.server, DELETE, target, writer)).__typename).toBe("RateLimitedError");
  });

  it("holds back a guest who reports comment after comment from one address, whatever reader keys they send", async () => {
    const article = await createArticle(app.t.prisma);
    const REPORT = `mutation ($input: ReportCommentInput!) { reportComment(input: $input) { __typename ... on Error { code } } }`;
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const comment = await app.t.prisma.comment.create({ data: { articleId: article.id, authorName: "Target", body: `Target ${i}` } });
      const response = await fetch(app.server.url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.40", "x-reader-key": `reader-key-${i}-${randomUUID()}` },
        body: JSON.stringify({ query: REPORT, variables: { input: { commentId: globalId("Comment", comment.id), reason: "SPAM" } } }),
      });
      outcomes.push(((await response.json()) as any).data.reportComment.__typename);
    }
    expect(outcomes).toEqual(["ReportCommentPayload", "RateLimitedError", "RateLimitedError"]);
  });

  it("does not limit moderators and admins", async () => {
    for (const roles of [["MODERATOR"], ["ADMIN"]] as const) {
      const token = await bearer({ subject: `staff-${randomUUID()}`, roles: [...roles] });
      for (let i = 0; i < 3; i++) expect((await app.post({ token, address: "203.0.113.40" })).__typename).toBe("AddCommentPayload");
    }
  });
});

describe("rate limits without a trusted proxy", () => {
  it("ignores the X-Forwarded-For a client sends itself", async () => {
    const app = await limitedApp();
    try {
      expect((await app.post({ address: "198.51.100.1" })).__typename).toBe("AddCommentPayload");
      expect((await app.post({ address: "198.51.100.2" })).__typename).toBe("RateLimitedError");
    } finally {
      await app.t.close();
    }
  });

  it("knows the client's address over WebSocket too", async () => {
    const app = await limitedApp();
    try {
      const client = connect(app.server.url);
      const articleId = globalId("Article", (await createArticle(app.t.prisma)).id);
      const input = { articleId, body: "Over the socket.", guest: { name: "Socket Guest", email: "socket@example.org" } };
      const results: any[] = [];
      for (let i = 0; i < 2; i++) {
        results.push(await new Promise((resolve, reject) => client.subscribe({ query: ADD, variables: { input } }, { next: resolve, error: reject, complete: () => {} })));
      }
      await client.dispose();
      expect(results.map((result) => result.data.addComment.__typename)).toEqual(["AddCommentPayload", "RateLimitedError"]);
      // The socket's address is the one HTTP requests from this machine count against.
      expect((await app.post()).__typename).toBe("RateLimitedError");
    } finally {
      await app.t.close();
    }
  });
});

describe("rate limit windows", () => {
  it("lets a writer write again once the burst window has passed", async () => {
    const app = await limitedApp({ RATE_LIMIT_BURST_SECONDS: "1" });
    try {
      expect((await app.post()).__typename).toBe("AddCommentPayload");
      const refused = await app.post();
      expect(refused).toMatchObject({ __typename: "RateLimitedError", retryAfterSeconds: 1 });
      await sleep(1_100);
      expect((await app.post()).__typename).toBe("AddCommentPayload");
    } finally {
      await app.t.close();
    }
  });

  it("caps writes over the sustained window, with the retry time of that window", async () => {
    const app = await limitedApp({ RATE_LIMIT_BURST: "100", RATE_LIMIT_SUSTAINED: "3", RATE_LIMIT_SUSTAINED_SECONDS: "60" });
    try {
      for (let i = 0; i < 3; i++) expect((await app.post()).__typename).toBe("AddCommentPayload");
      const refused = await app.post();
      expect(refused.__typename).toBe("RateLimitedError");
      expect(refused.retryAfterSeconds).toBeGreaterThan(50);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    } finally {
      await app.t.close();
    }
  });
});

describe("rate limit counters in Redis", () => {
  it("keep counting in memory when Redis cannot be reached, so posting goes on", async () => {
    // Nothing listens on port 1.
    const app = await limitedApp({ RATE_LIMIT_REDIS_URL: "redis://127.0.0.1:1" });
    try {
      expect((await app.post()).__typename).toBe("AddCommentPayload");
      expect((await app.post()).__typename).toBe("RateLimitedError");
    } finally {
      await app.t.close();
    }
  });

  describe.runIf(redisUrl)("with Redis", () => {
    // Other checkouts share this Redis: every run counts under keys of its own, removed afterwards.
    const run = `newsgraph-test:${randomUUID()}`;
    const redisEnv = () => ({ RATE_LIMIT_REDIS_URL: redisUrl!, RATE_LIMIT_KEY_PREFIX: `${run}:${randomUUID()}` });
    afterAll(async () => {
      const redis = new Redis(redisUrl!);
      const keys = await redis.keys(`${run}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    });

    it("are shared by two instances", async () => {
      const env = { ...redisEnv(), TRUST_PROXY: "loopback" };
      const [one, two] = [await limitedApp(env), await limitedApp(env)];
      try {
        const token = await bearer({ subject: `shared-${randomUUID()}` });
        expect((await one.post({ token, address: "203.0.113.60" })).__typename).toBe("AddCommentPayload");
        // The same user elsewhere, and a guest at the same address, on the other instance.
        expect((await two.post({ token, address: "203.0.113.61" })).__typename).toBe("RateLimitedError");
        expect((await two.post({ address: "203.0.113.60" })).__typename).toBe("RateLimitedError");
        expect((await two.post({ address: "203.0.113.62" })).__typename).toBe("AddCommentPayload");
      } finally {
        await Promise.all([one.t.close(), two.t.close()]);
      }
    });

    it("fall back to memory when Redis goes away, and posting goes on", async () => {
      const proxy = await tcpProxy(new URL(redisUrl!));
      const env = { ...redisEnv(), RATE_LIMIT_REDIS_URL: proxy.url, TRUST_PROXY: "loopback" };
      const app = await limitedApp(env);
      const redis = new Redis(redisUrl!);
      try {
        expect((await app.post({ address: "203.0.113.70" })).__typename).toBe("AddCommentPayload");
        // Counted in Redis while it was there.
        expect(await redis.keys(`${env.RATE_LIMIT_KEY_PREFIX}:*`)).not.toEqual([]);
        await proxy.cut();
        expect((await app.post({ address: "203.0.113.71" })).__typename).toBe("AddCommentPayload");
        expect((await app.post({ address: "203.0.113.71" })).__typename).toBe("RateLimitedError");
      } finally {
        redis.disconnect();
        await app.t.close();
      }
    });
  });
});

/** A TCP proxy to `target` that can be cut: every connection dropped, no new ones accepted. */
async function tcpProxy(target: URL) {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const server: Server = createServer((inbound) => {
    const outbound = netConnect(Number(target.port || 6379), target.hostname);
    track(inbound);
    track(outbound);
    inbound.pipe(outbound).pipe(inbound);
    for (const [a, b] of [[inbound, outbound], [outbound, inbound]] as const) a.on("close", () => b.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `redis://127.0.0.1:${port}${target.pathname}`,
    cut: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
