// Posting under concurrency: every post succeeds ("database is locked" included on SQLite), event
// positions are gap-free and commit in order, and readers resuming by cursor see each post once.
import SQLite from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlitePath } from "../src/db.js";
import type { RunningServer } from "../src/server.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { bearer, globalId } from "./helpers/auth.js";
import { postingPaths } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";
import { connect, subscribe } from "./helpers/ws.js";

const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { __typename ... on AddCommentPayload { cursor comment { id body } } ... on Error { code message } } }`;
const COMMENT_ADDED = `subscription ($articleId: ID!, $after: Cursor) { commentAdded(articleId: $articleId, after: $after) { __typename ... on CommentAdded { cursor comment { body } } } }`;
const MODERATE = `mutation ($id: ID!) { moderateComment(input: { id: $id, decision: REJECT }) { __typename } }`;
const POSTS = 50;
const positionOf = (cursor: string) => Number(Buffer.from(cursor, "base64url").toString().split(":").at(-1));

/**
 * On PostgreSQL, holds every row inserted into `table` a random moment (up to `seconds`) before its
 * transaction commits: without the position lock, a later position would then often commit before
 * an earlier one; without the thread gate, a rejection would land between a reply's placing and its commit.
 */
async function delayCommits(t: TestApp, table = "CommentEvent", seconds = 0.02): Promise<() => Promise<void>> {
  if (t.app.config.database !== "postgresql") return async () => {};
  const client = new pg.Client({ connectionString: t.app.config.databaseUrl });
  await client.connect();
  await client.query(`CREATE FUNCTION delay_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(random() * ${seconds}); RETURN NULL; END $$`);
  await client.query(`CREATE TRIGGER delay_commit AFTER INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION delay_commit()`);
  return async () => {
    await client.query(`DROP TRIGGER delay_commit ON "${table}"; DROP FUNCTION delay_commit()`);
    await client.end();
  };
}

/** Reads committed event positions on a connection of its own, as a resuming reader would. */
async function positionReader(t: TestApp): Promise<{ read(after: number): Promise<number[]>; close(): Promise<void> }> {
  const sql = `SELECT "position" FROM "CommentEvent" WHERE "position" > $1 ORDER BY "position"`;
  if (t.app.config.database === "sqlite") {
    const db = new SQLite(sqlitePath(t.app.config.databaseUrl), { readonly: true });
    const statement = db.prepare(sql.replace("$1", "?")).pluck();
    return { read: async (after) => statement.all(after) as number[], close: async () => void db.close() };
  }
  const client = new pg.Client({ connectionString: t.app.config.databaseUrl });
  await client.connect();
  return {
    read: async (after) => (await client.query<{ position: number }>(sql, [after])).rows.map((row) => row.position),
    close: () => client.end(),
  };
}

describe.each(postingPaths)("posting concurrently on $name", ({ provider, env }) => {
  let t: TestApp;
  let server: RunningServer;
  beforeAll(async () => {
    t = await createTestApp({ provider, env });
    server = await t.listen();
  });
  afterAll(() => t.close());

  it("posts every comment, with positions gap-free and committed in order, each seen once by readers resuming by cursor", async () => {
    const article = await createArticle(t.prisma);
    const articleId = globalId("Article", article.id);
    const parent = await t.graphql(ADD, { variables: { input: { articleId, body: "The parent", guest: { name: "Parent", email: "parent@example.org" } } } });
    const start = positionOf(parent.data.addComment.cursor);
    const client = connect(server.url);
    const live = subscribe(client, COMMENT_ADDED, { articleId, after: parent.data.addComment.cursor });

    // A reader polling while the posts commit must only ever see a prefix: a hole would be a
    // position that commits later, which a reader resuming past it would never see.
    const reader = await positionReader(t);
    const undoDelay = await delayCommits(t);
    const holes: number[][] = [];
    let posting = true;
    const polling = (async () => {
      while (posting) {
        const seen = await reader.read(start);
        if (seen.some((position, i) => position !== start + 1 + i)) holes.push(seen);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const bodies = Array.from({ length: POSTS }, (_, i) => `concurrent ${i}`);
    const results = await Promise.all(
      bodies.map((body, i) =>
        t.graphql(ADD, {
          variables: {
            // Every third is a reply, so the parent's count is raced too; every other carries an
            // idempotency key, so posts in one statement race posts in a transaction.
            input: {
              articleId,
              body,
              guest: { name: `Poster ${i}`, email: `poster${i}@example.org` },
              ...(i % 3 === 0 ? { parentId: parent.data.addComment.comment.id } : {}),
              ...(i % 2 === 0 ? { idempotencyKey: `concurrency-test-key-${i}` } : {}),
            },
          },
        }),
      ),
    );
    posting = false;
    await polling;
    await Promise.all([reader.close(), undoDelay()]);

    expect(results.map((result) => result.errors ?? result.data.addComment.__typename)).toEqual(bodies.map(() => "AddCommentPayload"));
    expect(holes).toEqual([]);
    const positions = results.map((result) => positionOf(result.data.addComment.cursor)).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: POSTS }, (_, i) => start + 1 + i));
    const parentRow = await t.prisma.comment.findFirstOrThrow({ where: { body: "The parent" } });
    expect(parentRow.replyCount).toBe(bodies.filter((_, i) => i % 3 === 0).length);

    const resumedAt = positions[POSTS / 2 - 1]!;
    const resumed = subscribe(client, COMMENT_ADDED, { articleId, after: results.find((result) => positionOf(result.data.addComment.cursor) === resumedAt)!.data.addComment.cursor });
    for (const [sub, expected] of [[live, positions], [resumed, positions.slice(POSTS / 2)]] as const) {
      const messages = [];
      for (const _ of expected) messages.push((await sub.next(10_000)).data.commentAdded);
      expect(messages.map((message) => positionOf(message.cursor))).toEqual(expected);
      expect(new Set(messages.map((message) => message.comment.body)).size).toBe(expected.length);
      await sub.expectSilence(100);
    }
    await client.dispose();
  });

  it("hides every reply posted while a moderator rejects the thread above it, however the two interleave", async () => {
    const article = await createArticle(t.prisma);
    const articleId = globalId("Article", article.id);
    const post = (body: string, parentId?: string) =>
      t.graphql(ADD, { variables: { input: { articleId, body, guest: { name: "Racer", email: "racer@example.org" }, ...(parentId ? { parentId } : {}) } } });
    const top = (await post("The thread")).data.addComment.comment.id;
    const parent = (await post("A reply in it", top)).data.addComment.comment.id;
    // Each reply waits a moment between its insert and its commit, so the rejection lands inside that window.
    const undo = await delayCommits(t, "Comment", 0.05);
    const replies = Array.from({ length: 12 }, (_, i) => post(`racing reply ${i}`, parent));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const rejected = await t.graphql(MODERATE, { variables: { id: top }, headers: { authorization: await bearer({ roles: ["MODERATOR"] }) } });
    const posted = await Promise.all(replies);
    await undo();
    expect(rejected.data.moderateComment.__typename).toBe("CommentPayload");
    const ids = posted.filter((result) => result.data.addComment.__typename === "AddCommentPayload").map((result) => result.data.addComment.comment.id);
    const seen = await Promise.all(ids.map(async (id) => (await t.graphql(`query ($id: ID!) { node(id: $id) { id } }`, { variables: { id } })).data.node));
    expect(seen).toEqual(ids.map(() => null));
  });

  it("counts on /metrics each post written, by the path that wrote it, and no post refused", async () => {
    const posts = async () => {
      const text = await (await t.app.yoga.fetch("http://newsgraph.test/metrics")).text();
      return ["one_statement", "transaction"].map((path) => Number(new RegExp(`newsgraph_comment_posts_total\\{path="${path}"\\} (\\d+)`).exec(text)![1]));
    };
    const open = globalId("Article", (await createArticle(t.prisma)).id);
    const closed = globalId("Article", (await createArticle(t.prisma, { commentsOpen: false })).id);
    const guest = { name: "Counted", email: "counted@example.org" };
    const before = await posts();
    const written = await t.graphql(ADD, { variables: { input: { articleId: open, body: "Counted once", guest } } });
    const refused = await t.graphql(ADD, { variables: { input: { articleId: closed, body: "Not counted", guest } } });
    expect([written.data.addComment.__typename, refused.data.addComment.code]).toEqual(["AddCommentPayload", "COMMENTS_CLOSED"]);
    const oneStatement = provider === "postgresql" && env.ONE_STATEMENT_POSTS !== "false";
    expect(await posts()).toEqual([before[0]! + (oneStatement ? 1 : 0), before[1]! + (oneStatement ? 0 : 1)]);
  });
});
