// Connection limits: a request whose body never comes is answered 408 once the request timeout
// passes, and one client address cannot hold more sockets (HTTP or WebSocket) than the cap while
// everyone else is still served.
import { connect as tcp, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { RunningServer } from "../src/server.js";
import { createTestApp, type TestApp } from "./helpers/app.js";

/** Opens a raw TCP socket to the server, from `localAddress` when given. */
function open(server: RunningServer, localAddress?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcp({ host: "127.0.0.1", port: server.port, localAddress }, () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Everything the server sends on `socket` until it closes it. */
function readAll(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    socket.on("data", (chunk) => (text += chunk.toString()));
    socket.on("error", () => {});
    socket.once("close", () => resolve(text));
  });
}

const QUERY = JSON.stringify({ query: "{ __typename }" });
const request = (body: string, length = Buffer.byteLength(body)) =>
  `POST /graphql HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: ${length}\r\nconnection: close\r\n\r\n${body}`;

describe("a request that is slow to arrive", () => {
  let t: TestApp;
  let server: RunningServer;
  beforeAll(async () => {
    t = await createTestApp({ provider: "sqlite", env: { HTTP_REQUEST_TIMEOUT_MS: "1000", HTTP_HEADERS_TIMEOUT_MS: "1000" } });
    server = await t.listen();
  });
  afterAll(() => t.close());

  it("is answered 408 with a documented code once the request timeout passes, when its body never comes", async () => {
    const socket = await open(server);
    const answer = readAll(socket);
    const started = Date.now();
    // Ten of the hundred bytes promised.
    socket.write(request(QUERY.slice(0, 10), 100));
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4))).toMatchObject({ errors: [{ extensions: { code: "BAD_REQUEST" } }] });
    // The timeout is a second; Node checks for expired requests every half second here.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("is answered 408 when even its headers never finish", async () => {
    const socket = await open(server);
    const answer = readAll(socket);
    socket.write("POST /graphql HTTP/1.1\r\nhost: localhost\r\n");
    expect(await answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it("is answered as usual when the whole request arrives within the timeout, even in pieces", async () => {
    const socket = await open(server);
    const answer = readAll(socket);
    const whole = request(QUERY);
    socket.write(whole.slice(0, 40));
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.write(whole.slice(40));
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(text).toContain('"__typename":"Query"');
  });
});

describe("connections per client address", () => {
  const CAP = 5;
  let t: TestApp;
  let server: RunningServer;
  const held: Socket[] = [];
  let live: WebSocket;
  beforeAll(async () => {
    t = await createTestApp({ provider: "sqlite", env: { MAX_CONNECTIONS_PER_ADDRESS: String(CAP) } });
    server = await t.listen();
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    live?.terminate();
    await t.close();
  });

  it("are served up to the cap, HTTP and WebSocket alike", async () => {
    for (let i = 0; i < CAP - 1; i++) held.push(await open(server));
    live = new WebSocket(server.url.replace(/^http/, "ws"), "graphql-transport-ws");
    await new Promise((resolve, reject) => {
      live.once("open", resolve);
      live.once("error", reject);
    });
  });

  it("refuse the socket past the cap with 429 and TOO_MANY_CONNECTIONS, over HTTP and WebSocket", async () => {
    const socket = await open(server);
    const answer = readAll(socket);
    socket.write(request(QUERY));
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 429 /);
    expect(JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4))).toMatchObject({ errors: [{ extensions: { code: "TOO_MANY_CONNECTIONS" } }] });

    const refused = new WebSocket(server.url.replace(/^http/, "ws"), "graphql-transport-ws");
    const status = await new Promise<number>((resolve) => {
      refused.once("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
      refused.once("error", () => resolve(-1));
    });
    expect(status).toBe(429);
  });

  it("never run a request sent on a refused socket: a 429 wrote nothing", async () => {
    const article = await t.prisma.article.findFirstOrThrow({ where: { status: "PUBLISHED" } });
    const body = `Sent past the cap ${Date.now()}`;
    const post = JSON.stringify({
      query: `mutation ($input: AddCommentInput!) { addComment(input: $input) { __typename } }`,
      variables: { input: { articleId: Buffer.from(`Article:${article.id}`).toString("base64url"), body, guest: { name: "Past", email: "past@example.org" } } },
    });
    for (let i = 0; i < 3; i++) {
      const socket = await open(server);
      const answer = readAll(socket);
      socket.write(request(post));
      expect(await answer).toMatch(/^HTTP\/1\.1 429 /);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await t.prisma.comment.count({ where: { body } })).toBe(0);
  });

  it("still serve every other address while one is at the cap", async () => {
    const socket = await open(server, "127.0.0.2");
    const answer = readAll(socket);
    socket.write(request(QUERY));
    expect(await answer).toMatch(/^HTTP\/1\.1 200 /);
  });

  it("serve the capped address again once it closes a socket", async () => {
    const closed = new Promise((resolve) => held[0]!.once("close", resolve));
    held.shift()!.destroy();
    await closed;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const socket = await open(server);
    const answer = readAll(socket);
    socket.write(request(QUERY));
    expect(await answer).toMatch(/^HTTP\/1\.1 200 /);
  });
});
