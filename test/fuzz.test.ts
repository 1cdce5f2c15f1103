// Generated hostile requests over HTTP (a real port) and graphql-ws. Every one must end in a 4xx or
// a GraphQL error whose code is documented (src/errors.ts), never a 5xx, a masked failure or a
// dropped connection; the server must answer afterwards, and no row may change but the comments
// the fuzz posts to its one open article. Reproduce a run with FUZZ_SEED=<the printed seed>.
import fc from "fast-check";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODE_DESCRIPTIONS } from "../src/errors.js";
import type { RunningServer } from "../src/server.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { globalId } from "./helpers/auth.js";
import { providersAndExecutors } from "./helpers/databases.js";
import { createArticle, createComment } from "./helpers/fixtures.js";
import { badIds, brokenBodies, contentTypes, EDGE_STRINGS, INJECTIONS, nestedJson, operations, pageSizes, plainLeaves, wsMessages, type Leaves, type Operation } from "./helpers/fuzz.js";
import { snapshot } from "./helpers/snapshot.js";
import { connect } from "./helpers/ws.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
// Every documented code but the one that stands for a masked failure.
const ACCEPTED = new Set(Object.keys(ERROR_CODE_DESCRIPTIONS).filter((code) => code !== "INTERNAL_SERVER_ERROR"));
// graphql-ws's own closes for protocol violations, and the WebSocket close for an oversized message.
const ACCEPTED_CLOSES = new Set([1000, 1009, 4400, 4401, 4403, 4406, 4408, 4409, 4429]);

const unicode = fc.oneof(fc.constantFrom(...EDGE_STRINGS), fc.string({ unit: "binary", maxLength: 60 }), fc.string({ unit: "grapheme", maxLength: 30 }));
const injections = fc.oneof(fc.constantFrom(...INJECTIONS), fc.tuple(fc.constantFrom(...INJECTIONS), fc.constantFrom(...EDGE_STRINGS)).map(([a, b]) => a + b));

type Outcome = { label: string; failure?: string };

/** The codes in an answer: its errors' and a mutation result's own. */
function codesIn(body: { data?: { result?: { code?: unknown } } | null; errors?: { extensions?: { code?: unknown } }[] }): string[] {
  const codes = (body.errors ?? []).map((error) => String(error.extensions?.code));
  if (typeof body.data?.result?.code === "string") codes.push(body.data.result.code);
  return codes;
}

function judge(codes: string[]): string | undefined {
  const bad = codes.filter((code) => !ACCEPTED.has(code));
  return bad.length > 0 ? `codes ${bad.join(",")}` : undefined;
}

describe.each(providersAndExecutors)("fuzzing the API on $provider, $executor", ({ provider, env }) => {
  let t: TestApp;
  let server: RunningServer;
  let target: number;
  let safeIds: string[];
  beforeAll(async () => {
    t = await createTestApp({ provider, env });
    server = await t.listen();
    target = (await createArticle(t.prisma, { title: "Fuzz target" })).id;
    const closed = await createArticle(t.prisma, { commentsOpen: false });
    const comment = await createComment(t.prisma, { articleId: closed.id });
    // Ids a generated mutation may name: none of them can take a write from an anonymous client.
    safeIds = [globalId("Article", closed.id), globalId("Comment", comment.id), globalId("Comment", 99_999_999), globalId("Article", 99_999_999)];
  });
  afterAll(() => t.close());

  it("answers every generated request with a documented code, stays up, and changes no row it should not", { timeout: 300_000 }, async () => {
    console.log(`fuzz seed ${SEED} on ${provider} (set FUZZ_SEED to change it)`);
    const before = await snapshot(t.prisma, target);
    const tallies = new Map<string, Map<string, number>>();
    const failures: string[] = [];
    let posted = 0;
    const started = new Map<string, number>();
    const elapsed = new Map<string, number>();
    const record = (category: string, input: unknown, outcome: Outcome) => {
      if (!started.has(category)) started.set(category, performance.now());
      elapsed.set(category, performance.now() - started.get(category)!);
      const tally = tallies.get(category) ?? new Map<string, number>();
      tallies.set(category, tally.set(outcome.label, (tally.get(outcome.label) ?? 0) + 1));
      if (outcome.failure) failures.push(`${category}: ${outcome.failure} for ${JSON.stringify(input).slice(0, 300)}`);
    };
    const sample = <T,>(arbitrary: fc.Arbitrary<T>, count: number, salt: number) => fc.sample(arbitrary, { seed: SEED + salt, numRuns: count });

    const http = async (body: string | Uint8Array, init: { contentType?: string; method?: string; search?: string } = {}): Promise<Outcome & { json?: any }> => {
      try {
        const headers: Record<string, string> = init.contentType === "" ? {} : { "content-type": init.contentType ?? "application/json" };
        const response = await fetch(`${server.url}${init.search ?? ""}`, { method: init.method ?? "POST", headers, body: init.method === "GET" ? undefined : (body as BodyInit) });
        const text = await response.text();
        let json: any;
        try {
          json = JSON.parse(text);
        } catch {
          return { label: `${response.status} not JSON`, failure: `HTTP ${response.status} answered without a JSON body` };
        }
        const codes = codesIn(json);
        const label = `${response.status} ${codes.length > 0 ? [...new Set(codes)].join(",") : "data"}`;
        if (response.status >= 500) return { label, failure: `HTTP ${response.status} ${text.slice(0, 200)}`, json };
        if (response.status >= 400 && codes.length === 0) return { label, failure: `HTTP ${response.status} with no code`, json };
        return { label, failure: judge(codes), json };
      } catch (error) {
        return { label: "dropped", failure: `connection dropped: ${String(error)}` };
      }
    };
    const inPool = async <T,>(items: T[], run: (item: T) => Promise<void>, width = 8) => {
      let next = 0;
      await Promise.all(Array.from({ length: width }, async () => {
        while (next < items.length) await run(items[next++]!);
      }));
    };
    const sendOperations = async (category: string, ops: object[]) =>
      inPool(ops, async (op) => record(category, op, await http(JSON.stringify(op))));
    const leaves = (overrides: Partial<Leaves>): Leaves => ({ ...plainLeaves(safeIds), ...overrides });
    const rootOps = (overrides: Partial<Leaves>) => fc.oneof(operations("query", leaves(overrides)), operations("mutation", leaves(overrides)));

    // HTTP: bodies that are not GraphQL requests at all.
    const valid = sample(rootOps({}), 20, 1).map((op) => JSON.stringify(op));
    const broken = sample(fc.tuple(brokenBodies(valid), contentTypes), 700, 2);
    await inPool(broken, async ([body, contentType]) => record("broken JSON", typeof body === "string" ? body : `bytes:${body.length}`, await http(body, { contentType })));
    const gets = sample(fc.tuple(fc.string({ unit: "binary", maxLength: 80 }), fc.string({ unit: "binary", maxLength: 40 })), 100, 3);
    await inPool(gets, async ([query, variables]) =>
      record("broken JSON", { query, variables }, await http("", { method: "GET", search: `?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(variables)}` })),
    );

    // Well-formed requests whose variables are of any type but the declared one.
    const wrong = sample(fc.tuple(rootOps({}), fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 3 }))), 500, 4).map(([op, junk]) => ({
      query: op.query,
      variables: Object.fromEntries(Object.keys(op.variables).map((name, i) => [name, Object.values(junk)[i] ?? junk])),
    }));
    await sendOperations("wrong types", wrong);

    // Ids that are malformed, of other types, or of nothing; strings from the edges of Unicode; SQL and HTML.
    await sendOperations("ids", sample(rootOps({ id: badIds }), 800, 5));
    await sendOperations("unicode", sample(rootOps({ string: unicode }), 700, 6));
    await sendOperations("SQL and HTML", sample(rootOps({ string: injections, id: fc.oneof(badIds, injections) }), 500, 7));

    // Page sizes below zero, past the cap and past 32 bits, at the root and nested.
    const pages = sample(operations("query", leaves({ int: pageSizes, string: fc.oneof(fc.constantFrom("", "YXJyYXljb25uZWN0aW9uOjA"), unicode) })), 350, 8);
    const nestedPages = sample(fc.record({ a: pageSizes, b: pageSizes, c: fc.oneof(pageSizes, fc.double(), fc.constantFrom(2 ** 53, -(2 ** 53), "20")) }), 150, 9).map((variables) => ({
      query: `query ($a: Int, $b: Int, $c: Int) { articles(first: $a) { nodes { comments(first: $b) { nodes { replies(last: $c) { totalCount } } } } } }`,
      variables,
    }));
    await sendOperations("page sizes", [...pages, ...nestedPages]);

    // Documents that are not GraphQL, name no operation there is, or ask for fields there are not.
    const unknown = sample(
      fc.oneof(
        fc.string({ unit: "binary", maxLength: 120 }).map((query) => ({ query })),
        fc.string({ maxLength: 20 }).map((name) => ({ query: `{ ${name || "x"} }` })),
        fc.tuple(fc.string({ maxLength: 12 }), fc.constantFrom("query", "mutation", "subscription")).map(([name, kind]) => ({ query: `${kind} A { __typename }`, operationName: name })),
        fc.constantFrom({ query: "subscription { moderationEvents { __typename } }" }, { query: "mutation { nope }" }, { query: "{ __schema { types { name } } }" }, { query: "fragment F on Query { __typename }" }),
      ),
      400,
      10,
    );
    await sendOperations("unknown operations", unknown);

    // Huge and deeply nested values.
    const huge: (Operation | string)[] = [];
    for (const [i, size] of [1_000, 10_000, 100_000, 400_000].entries()) {
      for (const text of ["x".repeat(size), "👨‍👩‍👧‍👦".repeat(size / 10), "\u0336".repeat(size)]) {
        huge.push({ query: "query ($s: String) { articles(filter: { search: $s }) { totalCount } }", variables: { s: text } });
        huge.push({ query: "mutation ($i: AddCommentInput!) { result: addComment(input: $i) { __typename ... on Error { code } } }", variables: { i: { articleId: safeIds[i % 2], body: text, guest: { name: text, email: `${text}@example.org` } } } });
      }
    }
    for (const depth of [10, 100, 1_000, 5_000]) {
      for (const asObject of [false, true]) huge.push(`{"query":"query ($s: String) { article(slug: $s) { id } }","variables":{"s":${nestedJson(depth, asObject)}}}`);
    }
    for (const depth of [10, 100, 300]) {
      huge.push({ query: `{ node(id: "${safeIds[1]}") { ... on Comment { ${"article { comments(first: 1) { nodes { ".repeat(depth / 10)}id${" } } }".repeat(depth / 10)} } } }`, variables: {} });
    }
    for (const count of [10, 1_000, 20_000]) huge.push({ query: "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", variables: { ids: Array.from({ length: count }, (_, n) => globalId("Article", n + 1)) } });
    huge.push({ query: `{ ${Array.from({ length: 2_000 }, (_, n) => `a${n}: __typename`).join(" ")} }`, variables: {} });
    await inPool(huge, async (op) => record("huge and deep", op, await http(typeof op === "string" ? op : JSON.stringify(op))), 2);
    record("huge and deep", "2 MB", await http(`{"query":"{ __typename }","variables":{"x":"${"x".repeat(2 * 1024 * 1024)}"}}`));

    // Posts to the one open article: every accepted one is counted and must read back as it was answered.
    const postOps = sample(fc.record({ body: fc.oneof(unicode, injections), name: fc.oneof(unicode, injections, fc.constant("Fuzz Poster")), email: fc.oneof(fc.constant("fuzz@example.org"), unicode.map((s) => `${s}@example.org`), injections) }), 150, 11);
    const accepted = new Map<string, string>();
    await inPool(postOps, async ({ body, name, email }) => {
      const op = { query: "mutation ($i: AddCommentInput!) { result: addComment(input: $i) { __typename ... on AddCommentPayload { comment { id body } } ... on Error { code } } }", variables: { i: { articleId: globalId("Article", target), body, guest: { name, email } } } };
      const outcome = await http(JSON.stringify(op));
      record("posts", op, outcome);
      const comment = outcome.json?.data?.result?.comment;
      if (comment) accepted.set(comment.id, comment.body);
    }, 2);
    posted = accepted.size;

    // graphql-ws: protocol violations on raw sockets, then generated operations through the client.
    const wsUrl = server.url.replace(/^http/, "ws");
    const rawCases = sample(fc.record({ protocol: fc.constantFrom("graphql-transport-ws", "graphql-transport-ws", "graphql-transport-ws", "graphql-ws", "nope", ""), init: fc.constantFrom(0, 1, 1, 2), messages: fc.array(wsMessages, { minLength: 1, maxLength: 3 }) }), 300, 12);
    await inPool(rawCases, async (testCase) => record("ws protocol", { ...testCase, messages: testCase.messages.map(String) }, await rawSocket(wsUrl, testCase)), 16);

    const client = connect(server.url);
    const wsOps = sample(fc.oneof(operations("subscription", leaves({ id: fc.oneof(badIds, fc.constantFrom(...safeIds)), string: fc.oneof(unicode, injections) })), rootOps({ string: unicode, id: badIds }), rootOps({ string: injections })), 400, 13);
    await inPool(wsOps, async (op) => record("ws operations", op, await overClient(client, op)), 16);
    await client.dispose();

    // Still answering, on both transports.
    expect((await http(JSON.stringify({ query: "{ __typename }" }))).label).toBe("200 data");
    expect((await fetch(`${server.url.replace(/\/graphql$/, "")}/health`)).status).toBe(200);
    const after = connect(server.url);
    expect(await overClient(after, { query: "{ __typename }", variables: {} })).toEqual({ label: "next data" });
    await after.dispose();

    const lines = [...tallies].map(([category, tally]) => {
      const total = [...tally.values()].reduce((sum, n) => sum + n, 0);
      return `${category.padEnd(20)} ${String(total).padStart(5)} ${`${(elapsed.get(category)! / 1000).toFixed(1)} s`.padStart(7)}  ${[...tally].sort((a, b) => b[1] - a[1]).map(([label, n]) => `${label}: ${n}`).join("; ")}`;
    });
    const total = [...tallies.values()].reduce((sum, tally) => sum + [...tally.values()].reduce((s, n) => s + n, 0), 0);
    console.log(`${lines.join("\n")}\n${"total".padEnd(20)} ${String(total).padStart(5)}  (${posted} posts accepted)`);

    expect(failures.slice(0, 15), `seed ${SEED}: ${failures.length} failures`).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(5000);
    // Nothing changed but the accepted posts, which read back exactly as they were answered.
    expect(await snapshot(t.prisma, target)).toEqual(before);
    const stored = await t.prisma.comment.findMany({ where: { articleId: target }, select: { id: true, body: true } });
    expect(new Map(stored.map((row) => [globalId("Comment", row.id), row.body]))).toEqual(accepted);
    expect(await t.prisma.commentEvent.count({ where: { articleId: target } })).toBe(posted);
  });
});

/** Opens a raw socket, sends the case's messages, then a ping: the server must answer or close with an accepted code. */
function rawSocket(url: string, testCase: { protocol: string; init: number; messages: (string | Uint8Array)[] }): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = testCase.protocol ? new WebSocket(url, testCase.protocol) : new WebSocket(url);
    const codes: string[] = [];
    const timer = setTimeout(() => finish({ label: "silent", failure: "no answer to a ping within 10 s" }), 10_000);
    const finish = (outcome: Outcome) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on("error", () => {});
      if (socket.readyState === WebSocket.OPEN) socket.close(1000);
      resolve(outcome);
    };
    socket.on("message", (data) => {
      let message: { type?: string; payload?: any };
      try {
        message = JSON.parse(String(data));
      } catch {
        return finish({ label: "garbled", failure: `a message that is not JSON: ${String(data).slice(0, 100)}` });
      }
      if (message.type === "error") codes.push(...(message.payload as { extensions?: { code?: string } }[]).map((e) => String(e.extensions?.code)));
      if (message.type === "next") codes.push(...codesIn(message.payload));
      if (message.type === "pong") finish({ label: codes.length > 0 ? `pong after ${codes.join(",")}` : "pong", failure: judge(codes) });
    });
    socket.on("close", (code) => finish({ label: `close ${code}`, failure: ACCEPTED_CLOSES.has(code) ? judge(codes) : `closed with ${code}` }));
    socket.on("error", (error) => {
      // The server answered a subprotocol it does not speak by choosing none; the client gives up there.
      if (testCase.protocol !== "graphql-transport-ws" && /no subprotocol/.test(error.message)) return finish({ label: "subprotocol refused" });
      finish({ label: "error", failure: `socket error: ${error.message}` });
    });
    socket.on("open", () => {
      for (let i = 0; i < testCase.init; i++) socket.send(JSON.stringify({ type: "connection_init" }));
      for (const message of testCase.messages) socket.send(message);
      socket.send(JSON.stringify({ type: "ping" }));
    });
  });
}

/** Runs one operation through the graphql-ws client: its first answer, or "open" for a live subscription. */
function overClient(client: ReturnType<typeof connect>, op: Operation): Promise<Outcome> {
  return new Promise((resolve) => {
    let dispose = () => {};
    const finish = (outcome: Outcome) => {
      clearTimeout(timer);
      dispose();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ label: "open" }), 500);
    dispose = client.subscribe(op, {
      next: (value) => {
        const codes = codesIn(value as never);
        finish({ label: `next ${codes.length > 0 ? codes.join(",") : "data"}`, failure: judge(codes) });
      },
      error: (error) => {
        if (Array.isArray(error)) {
          const codes = error.map((e: { extensions?: { code?: string } }) => String(e.extensions?.code));
          return finish({ label: `error ${codes.join(",")}`, failure: judge(codes) });
        }
        finish({ label: "closed", failure: `the connection failed: ${(error as { code?: number }).code ?? String(error)}` });
      },
      complete: () => finish({ label: "complete" }),
    });
  });
}
