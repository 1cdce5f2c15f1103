import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";

const ADD = /* GraphQL */ `
  mutation ($input: AddCommentInput!) {
    addComment(input: $input) {
      __typename
      ... on AddCommentPayload { replayed editKey cursor comment { id body } }
      ... on Error { code message }
      ... on ValidationError { field }
    }
  }
`;
const EDIT = `mutation ($input: EditCommentInput!) { editComment(input: $input) { __typename ... on Error { code } } }`;
const guest = { name: "Retrying Reader", email: "retry@example.org" };

describe.each(providers)("posting with an idempotency key on %s", (provider) => {
  let t: TestApp;
  let articleId: string;
  let article: number;
  beforeAll(async () => {
    t = await createTestApp({ provider });
    article = (await createArticle(t.prisma)).id;
    articleId = globalId("Article", article);
  });
  afterAll(() => t.close());

  const add = async (input: Record<string, unknown>, headers?: Record<string, string>) => {
    const { data, errors } = await t.graphql(ADD, { variables: { input: { articleId, guest, ...input } }, headers });
    expect(errors).toBeUndefined();
    return data.addComment;
  };
  const stored = (body: string) => t.prisma.comment.count({ where: { articleId: article, body } });

  it("answers a retry with the comment already posted, once, with a fresh edit key that replaces the lost one", async () => {
    const idempotencyKey = randomUUID();
    const first = await add({ body: "Posted once, answered twice.", idempotencyKey });
    const retry = await add({ body: "Posted once, answered twice.", idempotencyKey });
    expect(first).toMatchObject({ __typename: "AddCommentPayload", replayed: false });
    expect(retry).toMatchObject({ __typename: "AddCommentPayload", replayed: true, comment: first.comment, cursor: first.cursor });
    expect(await stored("Posted once, answered twice.")).toBe(1);
    expect(retry.editKey).not.toBe(first.editKey);
    const edit = (editKey: string) => t.graphql(EDIT, { variables: { input: { id: first.comment.id, body: "Edited after the retry.", editKey } } });
    expect((await edit(first.editKey)).data.editComment).toMatchObject({ code: "FORBIDDEN" });
    expect((await edit(retry.editKey)).data.editComment.__typename).toBe("CommentPayload");
  });

  it("makes exactly one comment from concurrent retries with the same key", async () => {
    const idempotencyKey = randomUUID();
    const answers = await Promise.all(Array.from({ length: 8 }, () => add({ body: "Sent eight times at once.", idempotencyKey })));
    expect(new Set(answers.map((answer) => answer.comment?.id)).size).toBe(1);
    expect(answers.filter((answer) => !answer.replayed)).toHaveLength(1);
    expect(await stored("Sent eight times at once.")).toBe(1);
  });

  it("refuses the same key with a different body, posting nothing", async () => {
    const idempotencyKey = randomUUID();
    await add({ body: "The first use of a key.", idempotencyKey });
    expect(await add({ body: "A second post under the same key.", idempotencyKey })).toMatchObject({ __typename: "IdempotencyKeyReusedError", code: "IDEMPOTENCY_KEY_REUSED" });
    expect(await stored("A second post under the same key.")).toBe(0);
  });

  it("keeps keys apart per poster: another guest or a signed-in reader may use the same key", async () => {
    const idempotencyKey = randomUUID();
    const mine = await add({ body: "Same key, three posters.", idempotencyKey });
    const theirs = await add({ body: "Same key, three posters.", idempotencyKey, guest: { name: "Someone Else", email: "else@example.org" } });
    const signedIn = await add({ body: "Same key, three posters.", idempotencyKey, guest: null }, { authorization: await bearer({ subject: "reader-1", name: "Signed In" }) });
    expect(new Set([mine, theirs, signedIn].map((answer) => answer.comment.id)).size).toBe(3);
    expect([mine, theirs, signedIn].map((answer) => answer.replayed)).toEqual([false, false, false]);
    const again = await add({ body: "Same key, three posters.", idempotencyKey, guest: null }, { authorization: await bearer({ subject: "reader-1", name: "Signed In" }) });
    expect(again).toMatchObject({ replayed: true, editKey: null, comment: signedIn.comment });
  });

  it("posts as before without a key, and refuses a key too short to be unguessable", async () => {
    const one = await add({ body: "No key, twice." });
    const two = await add({ body: "No key, twice." });
    expect(one.comment.id).not.toBe(two.comment.id);
    expect(await add({ body: "A short key.", idempotencyKey: "abc" })).toMatchObject({ __typename: "ValidationError", field: "idempotencyKey" });
    expect(await add({ body: "A key of exactly sixteen.", idempotencyKey: "0123456789abcdef" })).toMatchObject({ __typename: "AddCommentPayload" });
  });
});
