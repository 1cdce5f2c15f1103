// Malformed requests and operations over each transport: every one gets a prompt, typed answer for
// itself alone, with a documented code and no server internals.
import { connect as connectTcp } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { ERROR_CODES } from "../src/errors.js";
import type { RunningServer } from "../src/server.js";
import { globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";
import { connect, subscribe } from "./helpers/ws.js";

const COMMENT_ADDED = `subscription ($articleId: ID!) { commentAdded(articleId: $articleId) { ... on CommentAdded { comment { body } } } }`;
const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { __typename ... on AddCommentPayload { comment { body } } } }`;
const guest = { name: "Transport Guest", email: "transport@example.org" };
/** What a leaked exception looks like in a response: a stack frame, a JS error name, the raw parser text. */
const INTERNALS = /\bat .+:\d+|SyntaxError|TypeError|RangeError|originalError|Unexpected end of JSON|is not valid JSON|reading '|in JSON at position|has not been implemented|resolve to a|loading by id/;

/** Every `extensions.code` in a JSON or event-stream body. */
function codesIn(text: string): string[] {
  return [...text.matchAll(/"code":"([A-Z_]+)"/g)].map((match) => match[1]!);
}

/** Sends raw bytes on a TCP connection; resolves with what came back once the server closes or answers. */
function raw(url: string, bytes: string, options: { halfClose: boolean }): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: hostname, port: Number(port), allowHalfOpen: true }, () => {
      socket.write(bytes);
      if (options.halfClose) socket.end();
    });
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk;
      // One response is enough: the server is not holding the request open.
      if (/\r\n\r\n/.test(received) && !options.halfClose) socket.destroy();
    });
    socket.on("close", () => resolve(received));
    socket.on("error", reject);
  });
}

describe.each(providers)("malformed HTTP requests on %s", (provider) => {
  let t: TestApp;
  let server: RunningServer;
  beforeAll(async () => {
    t = await createTestApp({ provider, env: { RESPONSE_CACHE: "true" } });
    server = await t.listen();
  });
  afterAll(() => t.close());

  const json = { "content-type": "application/json" };
  const requests: [string, RequestInit & { path?: string }][] = [
    ["an empty body", { method: "POST", headers: json, body: "" }],
    ["a body that is not JSON", { method: "POST", headers: json, body: "{ not json" }],
    ["a truncated body", { method: "POST", headers: json, body: '{"query":"{ articles(first: 1) { nod' }],
    ["a JSON array", { method: "POST", headers: json, body: "[1, 2]" }],
    ["no query", { method: "POST", headers: json, body: "{}" }],
    ["a query that is a number", { method: "POST", headers: json, body: '{"query":1}' }],
    ["variables that are a string", { method: "POST", headers: json, body: '{"query":"{ __typename }","variables":"x"}' }],
    ["a syntax error", { method: "POST", headers: json, body: '{"query":"{"}' }],
    ["an unknown field", { method: "POST", headers: json, body: '{"query":"{ nope }"}' }],
    ["a variable of the wrong type", { method: "POST", headers: json, body: JSON.stringify({ query: "query ($n: Int!) { articles(first: $n) { totalCount } }", variables: { n: "x" } }) }],
    ["a missing variable", { method: "POST", headers: json, body: JSON.stringify({ query: "query ($n: Int!) { articles(first: $n) { totalCount } }" }) }],
    ["a persisted query hash", { method: "POST", headers: json, body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: "abc" } } }) }],
    ["an unknown operation name", { method: "POST", headers: json, body: JSON.stringify({ query: "query A { __typename }", operationName: "B" }) }],
    ["two operations and no name", { method: "POST", headers: json, body: JSON.stringify({ query: "query A { __typename } query B { __typename }" }) }],
    ["a malformed id", { method: "POST", headers: json, body: JSON.stringify({ query: '{ node(id: "zzz") { id } }' }) }],
    ["a page too large", { method: "POST", headers: json, body: JSON.stringify({ query: "{ articles(first: 1000) { totalCount } }" }) }],
    ["the wrong content type", { method: "POST", headers: { "content-type": "text/plain" }, body: '{"query":"{ __typename }"}' }],
    ["no content type", { method: "POST", body: '{"query":"{ __typename }"}' }],
    ["a multipart upload", { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x" }, body: '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ __typename }"}\r\n--x--\r\n' }],
    ["a mutation over GET", { method: "GET", path: `?query=${encodeURIComponent("mutation { __typename }")}` }],
    ["malformed variables over GET", { method: "GET", path: "?query=%7B__typename%7D&variables=%7B" }],
    ["a GET without a query", { method: "GET", path: "?foo=1", headers: { accept: "application/json" } }],
    ["a PUT", { method: "PUT", headers: json, body: '{"query":"{ __typename }"}' }],
    ["an unacceptable Accept", { method: "POST", headers: { ...json, accept: "text/xml" }, body: '{"query":"{ __typename }"}' }],
    ["an invalid Content-Length", { method: "POST", headers: { ...json, "content-length": "12abc" }, body: '{"query":"{ __typename }"}' }],
    ["a selection nested 2,000 deep", { method: "POST", headers: json, body: JSON.stringify({ query: `{ node(id: "Q29tbWVudDox") { ... on Comment { ${"parent { ".repeat(2000)}id${" }".repeat(2000)} } } }` }) }],
    ["a list literal nested 5,000 deep", { method: "POST", headers: json, body: JSON.stringify({ query: `{ articles(first: 1, filter: { search: ${"[".repeat(5000)}"x"${"]".repeat(5000)} }) { totalCount } }` }) }],
    ["variables nested 5,000 deep", { method: "POST", headers: json, body: `{"query":"query ($x: Int) { __typename }","variables":{"x":${"[".repeat(5000)}1${"]".repeat(5000)}}}` }],
    ...["Foo:1", "Node:1", "Error:1", "Viewer:1", "CommentEdit:1", "Mention:1", "Query:1"].map(
      (id): [string, RequestInit] => [`the id of ${id}`, { method: "POST", headers: json, body: JSON.stringify({ query: "query ($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { id } }", variables: { id: globalId(id.split(":")[0]!, 1) } }) }],
    ),
    ["a search holding NUL", { method: "POST", headers: json, body: JSON.stringify({ query: "query ($s: String) { articles(filter: { search: $s }) { totalCount } }", variables: { s: "\u0000zzzz" } }) }],
  ];

  it("answers every malformed request with a documented code, never a 5xx or the text of an exception", async () => {
    const seen = new Set<string>();
    for (const [name, { path = "", ...init }] of requests) {
      for (const accept of [undefined, "application/graphql-response+json"]) {
        const headers = { ...(init.headers as Record<string, string>), ...(accept && !(init.headers as Record<string, string>)?.accept ? { accept } : {}) };
        const response = await t.app.yoga.fetch(`http://newsgraph.test/graphql${path}`, { ...init, headers });
        const text = await response.text();
        expect([name, response.status < 500]).toEqual([name, true]);
        expect([name, text]).not.toEqual([name, expect.stringMatching(INTERNALS)]);
        // Every refusal says what it is, in a code.
        expect([name, codesIn(text).length > 0]).toEqual([name, true]);
        for (const code of codesIn(text)) {
          expect([name, ERROR_CODES]).toEqual([name, expect.arrayContaining([code])]);
          seen.add(code);
        }
      }
    }
    // The sweep reaches the codes it is meant to check.
    expect([...seen]).toEqual(expect.arrayContaining(["BAD_REQUEST", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "INVALID_ID", "INVALID_PAGINATION"]));
  });

  it("answers an empty, non-JSON or truncated body with a prompt 400 on a real port", async () => {
    for (const body of ["", "{ not json", '{"query":"{ articles(first: 1) { nod']) {
      const response = await fetch(server.url, { method: "POST", headers: json, body });
      expect([body, response.status]).toEqual([body, 400]);
      expect((await response.json()).errors).toMatchObject([{ extensions: { code: "BAD_REQUEST" } }]);
    }
  });

  it("refuses a multipart upload and the wrong content type with a 4xx", async () => {
    const multipart = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x" },
      body: '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ __typename }"}\r\n--x--\r\n',
    });
    expect(multipart.status).toBe(415);
    const plain = await fetch(server.url, { method: "POST", headers: { "content-type": "text/plain" }, body: '{"query":"{ __typename }"}' });
    expect(plain.status).toBe(415);
  });

  it("closes a body that ends before its declared length, rather than holding the socket open", async () => {
    const head = `POST /graphql HTTP/1.1\r\nHost: newsgraph.test\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n`;
    // The client stops sending: the server must end the exchange (an answer or a close), not wait for ever.
    const answer = await raw(server.url, `${head}{"query":"{ __typ`, { halfClose: true });
    expect(answer).not.toMatch(/HTTP\/1\.1 5\d\d/);
    const garbage = await raw(server.url, "THIS IS NOT HTTP\r\n\r\n", { halfClose: false });
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);
    // What Node's HTTP parser refuses is answered in the API's own shape, with a documented code.
    for (const bytes of [`${head}{"query":"{ __typ`, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", "THIS IS NOT HTTP\r\n\r\n"]) {
      const answer = await raw(server.url, bytes, { halfClose: true });
      expect(answer).toMatch(/^HTTP\/1\.1 400[^]*"code":"BAD_REQUEST"/);
    }
  });

  it("answers a server-sent-events subscription to a missing article with a typed NOT_FOUND, not a 500", async () => {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { ...json, accept: "text/event-stream" },
      body: JSON.stringify({ query: COMMENT_ADDED, variables: { articleId: globalId("Article", 99_999) } }),
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(codesIn(text)).toEqual(["NOT_FOUND"]);
  });
});

describe.each(providers)("queries and mutations over graphql-ws on %s", (provider) => {
  describe.each(["true", "false"])("with RESPONSE_CACHE=%s", (responseCache) => {
    let t: TestApp;
    let server: RunningServer;
    beforeAll(async () => {
      t = await createTestApp({ provider, env: { RESPONSE_CACHE: responseCache } });
      server = await t.listen();
    });
    afterAll(() => t.close());
    afterEach(() => vi.restoreAllMocks());

    /** One operation on `client`, to its completion; its results, or its error. */
    const operate = (client: ReturnType<typeof connect>, query: string, variables?: Record<string, unknown>) =>
      new Promise<{ results: any[]; error?: unknown }>((resolve) => {
        const results: any[] = [];
        client.subscribe({ query, variables }, { next: (value) => results.push(value), error: (error) => resolve({ results, error }), complete: () => resolve({ results }) });
      });

    it("closes a socket whose token is not a string (4403) and one that sends a message over the body limit (1009)", async () => {
      const badToken = connect(server.url, { authorization: 42 });
      expect((await badToken.closed).code).toBe(4403);
      const socket = new WebSocket(server.url.replace(/^http/, "ws"), "graphql-transport-ws");
      const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
      socket.on("open", () => {
        socket.send(JSON.stringify({ type: "connection_init" }));
        socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: `{ __typename }`, variables: { padding: "x".repeat(2 * 1024 * 1024) } } }));
      });
      expect(await closed).toBe(1009);
    });

    it("answers a query and a mutation on a socket that holds a subscription, which then receives its next comment", async () => {
      const article = await createArticle(t.prisma);
      const articleId = globalId("Article", article.id);
      const client = connect(server.url);
      const live = subscribe(client, COMMENT_ADDED, { articleId });
      await new Promise((resolve) => setTimeout(resolve, 200));

      for (let i = 0; i < 2; i++) {
        const read = await operate(client, "{ articles(first: 1) { nodes { title } } }");
        expect(read.error).toBeUndefined();
        expect(read.results[0].data.articles.nodes).toHaveLength(1);
      }
      const posted = await operate(client, ADD, { input: { articleId, body: "Posted over the socket", guest } });
      expect(posted.results[0].data.addComment).toMatchObject({ __typename: "AddCommentPayload", comment: { body: "Posted over the socket" } });
      expect((await live.next()).data.commentAdded.comment.body).toBe("Posted over the socket");

      await t.graphql(ADD, { variables: { input: { articleId, body: "Posted over HTTP", guest } } });
      expect((await live.next()).data.commentAdded.comment.body).toBe("Posted over HTTP");
      await client.dispose();
      expect(await Promise.race([client.closed, "open"])).not.toMatchObject({ code: 4500 });
    });

    it("answers an operation that fails unexpectedly with a masked error of its own, and keeps the socket and its subscription", async () => {
      const article = await createArticle(t.prisma);
      const articleId = globalId("Article", article.id);
      const client = connect(server.url);
      const live = subscribe(client, COMMENT_ADDED, { articleId });
      await new Promise((resolve) => setTimeout(resolve, 200));

      const getEnveloped = t.app.yoga.getEnveloped;
      const failing = vi.spyOn(t.app.yoga, "getEnveloped").mockImplementationOnce(() => {
        throw new TypeError("Cannot read properties of undefined (reading 'secret')");
      });
      const failed = await operate(client, "{ articles(first: 1) { nodes { title } } }");
      expect(failing).toHaveBeenCalled();
      expect(failed.error).toEqual([{ message: "Unexpected error.", extensions: { code: "INTERNAL_SERVER_ERROR" } }]);

      // Execution failing underneath (its enveloped execute throws) is masked the same way.
      vi.spyOn(t.app.yoga, "getEnveloped").mockImplementationOnce((context) => ({
        ...getEnveloped.call(t.app.yoga, context),
        execute: () => {
          throw new Error("connection to 10.0.0.7 refused");
        },
      }));
      const broken = await operate(client, "{ articles(first: 1) { nodes { title } } }");
      expect(JSON.stringify(broken)).not.toMatch(/10\.0\.0\.7|refused/);
      expect(broken.results[0]?.errors ?? broken.error).toMatchObject([{ message: "Unexpected error.", extensions: { code: "INTERNAL_SERVER_ERROR" } }]);

      await t.graphql(ADD, { variables: { input: { articleId, body: "Still live", guest } } });
      expect((await live.next()).data.commentAdded.comment.body).toBe("Still live");
      expect((await operate(client, "{ articles(first: 1) { totalCount } }")).results[0].data.articles.totalCount).toBeGreaterThan(0);
      await client.dispose();
    });

    it("gives every error over the socket a documented code", async () => {
      const client = connect(server.url);
      const failures = await Promise.all([
        operate(client, "{"),
        operate(client, "{ nope }"),
        operate(client, "query ($n: Int!) { articles(first: $n) { totalCount } }", { n: "x" }),
        operate(client, "query A { __typename } query B { __typename }"),
        operate(client, '{ node(id: "zzz") { id } }'),
        operate(client, COMMENT_ADDED, { articleId: globalId("Article", 99_999) }),
      ]);
      const text = JSON.stringify(failures);
      // As over HTTP: a syntax error, a validation error, a variable that does not fit, an unknown operation, a bad id, a missing article.
      expect(failures.map((failure) => codesIn(JSON.stringify(failure))[0])).toEqual([
        "GRAPHQL_PARSE_FAILED",
        "GRAPHQL_VALIDATION_FAILED",
        "BAD_USER_INPUT",
        "OPERATION_RESOLUTION_FAILURE",
        "INVALID_ID",
        "NOT_FOUND",
      ]);
      for (const code of codesIn(text)) expect(ERROR_CODES).toContain(code);
      expect(text).not.toMatch(INTERNALS);
      await client.dispose();
    });
  });
});

describe.each(providers)("a live reader too slow to keep up on %s", (provider) => {
  let t: TestApp;
  let server: RunningServer;
  beforeAll(async () => {
    t = await createTestApp({ provider });
    server = await t.listen();
  });
  afterAll(() => t.close());
  afterEach(() => vi.restoreAllMocks());

  it("is told so with SUBSCRIBER_TOO_SLOW and dropped, and its socket still answers", async () => {
    const article = await createArticle(t.prisma);
    const articleId = globalId("Article", article.id);
    const client = connect(server.url);
    const live = subscribe(client, COMMENT_ADDED, { articleId });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The server's side of the socket reports more than 4 MiB not yet taken by the client.
    const real = Object.getOwnPropertyDescriptor(WebSocket.prototype, "bufferedAmount")!;
    vi.spyOn(WebSocket.prototype, "bufferedAmount", "get").mockImplementation(function (this: WebSocket & { _isServer?: boolean }) {
      return this._isServer ? 5 * 1024 * 1024 : real.get!.call(this);
    });
    await t.graphql(ADD, { variables: { input: { articleId, body: "Too much", guest } } });
    await expect(live.error).rejects.toMatchObject([{ extensions: { code: "SUBSCRIBER_TOO_SLOW" } }]);
    vi.restoreAllMocks();
    const still = await new Promise<any>((resolve, reject) =>
      client.subscribe({ query: "{ articles(first: 1) { totalCount } }" }, { next: resolve, error: reject, complete: () => {} }),
    );
    expect(still.data.articles.totalCount).toBeGreaterThan(0);
    await client.dispose();
  });
});
