import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/server.js";
import { bearer, globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { connect, subscribe } from "./helpers/ws.js";

const SECRET = "private.guest@example.org";

describe.each(providers)("a guest's email on %s", (provider) => {
  let t: TestApp;
  let server: RunningServer;
  let fields: string;
  beforeAll(async () => {
    t = await createTestApp({ provider, env: { QUERY_MAX_COST: "20000" } });
    server = await t.listen();
    // Every field of Comment a reader may select (email is asked for separately below).
    const { data } = await t.graphql(`{ __type(name: "Comment") { fields { name args { name type { kind } } type { kind ofType { kind ofType { kind ofType { kind } } } } } } }`);
    fields = data.__type.fields
      .filter((f: any) => f.name !== "email" && !["edits", "moderationLog", "moderationReasons", "reports", "reportCount", "reviewedAt"].includes(f.name))
      .map((f: any) => {
        // Unwrapped of non-null and list: a list of scalars is selected as a scalar is.
        let type = f.type;
        while (type.kind === "NON_NULL" || type.kind === "LIST") type = type.ofType;
        const kind = type.kind;
        return kind === "SCALAR" || kind === "ENUM" ? f.name : f.name === "replies" ? `${f.name} { totalCount nodes { id authorName } }` : `${f.name} { __typename }`;
      })
      .join(" ");
  });
  afterAll(() => t.close());

  it("is readable by no one but moderators, on any path, in any payload, error or introspection", async () => {
    const articleId = globalId("Article", 1);
    const add = `mutation ($input: AddCommentInput!) { addComment(input: $input) { __typename ... on AddCommentPayload { editKey cursor comment { ${fields} } } ... on Error { message } } }`;
    const client = connect(server.url);
    const { data: page } = await t.graphql(`{ article(slug: "ministers-meet-in-geneva-as-border-talks-resume") { liveCursor comments(first: 1) { nodes { id } } } }`);
    const top = page.article.comments.nodes[0].id;
    const feeds = [
      subscribe(client, `subscription ($a: ID!, $after: Cursor) { commentAdded(articleId: $a, after: $after) { ... on CommentAdded { comment { ${fields} } } } }`, { a: articleId, after: page.article.liveCursor }),
      subscribe(client, `subscription ($id: ID!, $after: Cursor) { threadUpdated(rootId: $id, after: $after) { ... on ThreadUpdate { comment { ${fields} } } } }`, { id: top, after: page.article.liveCursor }),
    ];

    await expect.poll(() => t.app.services.feeds.size, { timeout: 15_000 }).toBe(2); // both subscriptions are live
    const responses: unknown[] = [];
    const ask = async (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => {
      const result = await t.graphql(query, { variables, headers });
      responses.push(result);
      return result;
    };
    const posted = await ask(add, { input: { articleId, parentId: top, body: "@Marta K. I disagree.", guest: { name: "Private Guest", email: SECRET } } });
    const mine = posted.data.addComment;
    await ask(add, { input: { articleId, body: "bad email", guest: { name: "x", email: `${SECRET} ` + "<script>" } } });
    const reader = { authorization: await bearer({ name: "Curious Reader" }) };
    await ask(`{ article(slug: "ministers-meet-in-geneva-as-border-talks-resume") {
      comments(first: 100) { nodes { ${fields} parent { ${fields} } threadRoot { ${fields} } mentions { comment { ${fields} } } } } } }`, undefined, reader);
    await ask(`query ($id: ID!) { node(id: $id) { ... on Comment { parent { ${fields} } threadRoot { ${fields} } mentions { comment { ${fields} } } } } }`, { id: mine.comment.id }, reader);
    await ask(`query ($id: ID!) { node(id: $id) { ... on Comment { ${fields} } } nodes(ids: [$id]) { ... on Comment { ${fields} } } }`, { id: mine.comment.id }, reader);
    await ask(`query ($id: ID!) { node(id: $id) { ... on Comment { email } } }`, { id: mine.comment.id }, reader);
    await ask(`query ($id: ID!) { node(id: $id) { ... on Comment { email } } }`, { id: mine.comment.id });
    await ask(`query ($id: ID!) { node(id: $id) { ... on Comment { email } } }`, { id: mine.comment.id }, { "x-comment-edit-keys": mine.editKey });
    await ask(`{ moderationQueue { nodes { email } } }`, undefined, reader);
    await ask(`mutation ($id: ID!, $key: String) { editComment(input: { id: $id, body: "edited", editKey: $key }) { ... on CommentPayload { comment { ${fields} } } } }`, { id: mine.comment.id, key: mine.editKey });
    await ask(`{ __schema { types { name fields { name description args { name description } } inputFields { name description } } } }`);
    await ask(`mutation ($id: ID!, $key: String) { deleteComment(input: { id: $id, editKey: $key }) { ... on DeleteCommentPayload { comment { ${fields} } } } }`, { id: mine.comment.id, key: mine.editKey });
    const [added, thread] = feeds;
    responses.push(await added!.next(15_000), await thread!.next(15_000), await thread!.next(15_000), await thread!.next(15_000));

    const everything = JSON.stringify(responses).toLowerCase();
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain("marta.k@example.org");
    expect(everything).toContain("edited"); // the responses did carry the comment
    const denied = responses.filter((r: any) => r.errors?.some((e: any) => ["FORBIDDEN", "UNAUTHENTICATED"].includes(e.extensions?.code)));
    expect(denied.length).toBe(4);
    expect(responses.filter((r: any) => r.status === 400)).toEqual([]);

    const moderator = { authorization: await bearer({ roles: ["MODERATOR"] }) };
    const { data } = await t.graphql(`query ($id: ID!) { node(id: $id) { ... on Comment { email } } }`, { variables: { id: mine.comment.id }, headers: moderator });
    expect(data.node.email).toBe(SECRET);
    await client.dispose();
  });
});

const REPORT_TEXT = "private report text naming a neighbour";
const READER_KEY = "private-reader-key-0123456789";

describe.each(providers)("reader reports on %s", (provider) => {
  let t: TestApp;
  let server: RunningServer;
  beforeAll(async () => {
    t = await createTestApp({ provider, env: { RESPONSE_CACHE: "true" } });
    server = await t.listen();
  });
  afterAll(() => t.close());

  it("are readable by no one but moderators: not by the reporter, readers, guests, the cache or live feeds", async () => {
    const { data: page } = await t.graphql(`{ article(slug: "ministers-meet-in-geneva-as-border-talks-resume") { liveCursor comments(first: 1) { nodes { id } } } }`);
    const top = page.article.comments.nodes[0].id;
    const client = connect(server.url, { readerKey: READER_KEY });
    const thread = subscribe(client, `subscription ($id: ID!, $after: Cursor) { threadUpdated(rootId: $id, after: $after) { ... on ThreadUpdate { kind comment { id } } } }`, { id: top, after: page.article.liveCursor });
    await expect.poll(() => t.app.services.feeds.size, { timeout: 15_000 }).toBe(1);
    const responses: unknown[] = [];
    const ask = async (query: string, headers?: Record<string, string>) => {
      const result = await t.graphql(query, { variables: { id: top }, headers });
      responses.push(result);
      return result;
    };
    const reporter = { authorization: await bearer({ subject: "reporter-sub", name: "Reporter Name" }) };
    const reported = await ask(`mutation ($id: ID!) { reportComment(input: { commentId: $id, reason: OTHER, text: "${REPORT_TEXT}" }) { __typename ... on ReportCommentPayload { reason comment { id body } } } }`, reporter);
    expect(reported.data.reportComment.__typename).toBe("ReportCommentPayload");
    await ask(`mutation ($id: ID!) { reportComment(input: { commentId: $id, reason: SPAM }) { __typename } }`, { "x-reader-key": READER_KEY });
    const REPORTS = `query ($id: ID!) { node(id: $id) { ... on Comment { reports { reporter text reason } } } }`;
    for (const headers of [undefined, reporter, { "x-reader-key": READER_KEY }, { authorization: await bearer({ roles: ["EDITOR", "AUTHOR"] }) }]) {
      // Twice each, so a cached answer would be the second.
      await ask(REPORTS, headers);
      await ask(REPORTS, headers);
      await ask(`{ moderationQueue(filter: { queue: REPORTED }) { nodes { reports { text } } } }`, headers);
    }
    await ask(`{ __schema { types { name fields { name description } } } }`);
    await thread.expectSilence(500);
    responses.push(...thread.received);

    const everything = JSON.stringify(responses);
    expect(everything).not.toContain(REPORT_TEXT);
    expect(everything).not.toContain("reporter-sub");
    expect(everything).not.toMatch(/guest:[0-9a-f]{64}/);
    expect(responses.filter((r: any) => r.errors?.some((e: any) => ["FORBIDDEN", "UNAUTHENTICATED"].includes(e.extensions?.code))).length).toBe(12);

    const moderator = { authorization: await bearer({ roles: ["MODERATOR"] }) };
    const { data } = await t.graphql(REPORTS, { variables: { id: top }, headers: moderator });
    expect(data.node.reports).toEqual([
      { reporter: "user:reporter-sub", text: REPORT_TEXT, reason: "OTHER" },
      { reporter: expect.stringMatching(/^guest:/), text: null, reason: "SPAM" },
    ]);
    await client.dispose();
  });
});
