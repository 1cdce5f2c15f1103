// A comment storm with readers watching: every post is accepted or refused with a documented,
// typed code (never masked), and every accepted comment reaches every subscriber. Writes beyond
// what the server can start in time are refused with OVERLOADED, HTTP 503 and a Retry-After.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES } from "../src/errors.js";
import type { RunningServer } from "../src/server.js";
import { globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";
import { connect } from "./helpers/ws.js";

const COMMENT_ADDED = `subscription ($a: ID!) { commentAdded(articleId: $a) { ... on CommentAdded { comment { id } } } }`;
const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { __typename ... on AddCommentPayload { comment { id } } ... on Error { code } } }`;

interface Answer {
  status: number;
  retryAfter: string | null;
  id: string | null;
  code: string | null;
  retryAfterSeconds?: number;
}

async function post(server: RunningServer, articleId: string, body: string): Promise<Answer> {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: ADD, variables: { input: { articleId, body, guest: { name: "Storm Guest", email: "storm@example.org" } } } }),
  });
  const json = (await response.json()) as any;
  const result = json.data?.addComment;
  return { status: response.status, retryAfter: response.headers.get("retry-after"), id: result?.comment?.id ?? null, code: result?.code ?? json.errors?.[0]?.extensions?.code ?? null, retryAfterSeconds: json.errors?.[0]?.extensions?.retryAfterSeconds };
}

/** Posts `count` comments, `concurrency` at a time. */
async function storm(server: RunningServer, articleId: string, count: number, concurrency: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) answers.push(await post(server, articleId, `Storm comment ${next++}`));
    }),
  );
  return answers;
}

// PostgreSQL only for now: on SQLite every query runs on the event loop, so a storm queues in the
// kernel, beyond the write gate, and a post can wait past the request timeout.
describe.runIf(providers.includes("postgresql"))("a comment storm with readers watching on postgresql", () => {
  let t: TestApp;
  let server: RunningServer;
  beforeAll(async () => {
    t = await createTestApp({ provider: "postgresql" });
    server = await t.listen();
  });
  afterAll(() => t.close());

  it("answers every post with a comment or a documented typed refusal, and delivers every accepted comment to every subscriber", async () => {
    const articleId = globalId("Article", (await createArticle(t.prisma)).id);
    const clients = Array.from({ length: 100 }, () => connect(server.url));
    const seen = clients.map(() => new Set<string>());
    await Promise.all(
      clients.map(
        (client, i) =>
          new Promise<void>((subscribed) => {
            client.subscribe<any>(
              { query: COMMENT_ADDED, variables: { a: articleId } },
              { next: ({ data }) => data?.commentAdded?.comment && seen[i]!.add(data.commentAdded.comment.id), error: () => {}, complete: () => {} },
            );
            client.on("connected", () => subscribed());
          }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));

    const answers = await storm(server, articleId, 300, 20);
    const accepted = answers.flatMap((answer) => (answer.id ? [answer.id] : []));
    const refused = answers.filter((answer) => !answer.id);
    expect(accepted.length + refused.length).toBe(300);
    expect(accepted.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(answer.code).not.toBe("INTERNAL_SERVER_ERROR");
      expect(ERROR_CODES).toContain(answer.code);
    }
    const missing = () => seen.reduce((sum, ids) => sum + accepted.filter((id) => !ids.has(id)).length, 0);
    for (let i = 0; i < 600 && missing() > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(missing()).toBe(0);
    await Promise.all(clients.map((client) => client.dispose()));
  }, 240_000);
});

// PostgreSQL only: SQLite answers synchronously, so one write finishes before the next request is read and none waits here.
describe.runIf(providers.includes("postgresql"))("comment writes beyond what the server can take in time on postgresql", () => {
  let t: TestApp;
  let server: RunningServer;
  beforeAll(async () => {
    t = await createTestApp({ provider: "postgresql", env: { WRITE_CONCURRENCY: "1", WRITE_QUEUE_TIMEOUT_MS: "1" } });
    server = await t.listen();
  });
  afterAll(() => t.close());

  it("are refused with OVERLOADED, HTTP 503 and a Retry-After, and nothing is written for them", async () => {
    const article = await createArticle(t.prisma);
    const answers = await storm(server, globalId("Article", article.id), 20, 20);
    const overloaded = answers.filter((answer) => answer.code === "OVERLOADED");
    expect(overloaded.length).toBeGreaterThan(0);
    for (const answer of overloaded) expect(answer).toMatchObject({ status: 503, retryAfter: "1", retryAfterSeconds: 1, id: null });
    const accepted = answers.filter((answer) => answer.id);
    expect(accepted.length + overloaded.length).toBe(20);
    expect(await t.prisma.comment.count({ where: { articleId: article.id } })).toBe(accepted.length);
  });

  it("are all accepted one after another, under the limit", async () => {
    const articleId = globalId("Article", (await createArticle(t.prisma)).id);
    const answers = await storm(server, articleId, 5, 1);
    expect(answers.map((answer) => answer.code ?? answer.status)).toEqual([200, 200, 200, 200, 200]);
  });
});
