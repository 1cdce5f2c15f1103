// Connection limits for the one port that serves HTTP and WebSocket: how long a client may take to
// send a request, and how many sockets one client address may hold open at once. A client that
// trickles a body, or opens sockets by the thousand, costs the server a bounded share.
import type { Server, ServerOptions } from "node:http";
import type { Socket } from "node:net";
import type { Config } from "./config.js";
import { log } from "./log.js";

/** Node's HTTP server options for the configured header, request (body included) and idle timeouts. */
export function timeoutOptions(limits: Config["connections"]): ServerOptions {
  const requestTimeout = limits.requestTimeoutMs;
  return {
    // Node refuses a header timeout longer than the request's.
    headersTimeout: Math.min(limits.headersTimeoutMs, requestTimeout),
    requestTimeout,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node looks for expired requests this often (every 30 s by default, far past a short timeout).
    connectionsCheckingInterval: Math.min(1000, Math.ceil(requestTimeout / 2)),
  };
}

/** Refuses a socket beyond `perAddress` open from one client address (0: no cap) with HTTP 429 and a documented code. */
export function capConnectionsPerAddress(server: Server, perAddress: number): void {
  if (perAddress === 0) return;
  const open = new Map<string, number>();
  let warned = false;
  server.on("connection", (socket: Socket) => {
    const address = socket.remoteAddress ?? "";
    const count = (open.get(address) ?? 0) + 1;
    if (count > perAddress) {
      if (!warned) log.warn({ address, perAddress }, "a client address reached the connection cap; further sockets refused");
      warned = true;
      return refuse(socket);
    }
    open.set(address, count);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

/** Sockets answered 429: whatever request arrives on one is never run (see refusedRequests). */
const refused = new WeakSet<Socket>();

/**
 * Wraps the HTTP handler so that a request on a socket refused past the cap is drained and
 * dropped, never run: the 429 already on its way says nothing was done, so a retry is safe.
 */
export function refusedRequests<Rq extends { socket: Socket; resume(): unknown }, Rs>(handler: (request: Rq, response: Rs) => void): (request: Rq, response: Rs) => void {
  return (request, response) => {
    if (refused.has(request.socket)) {
      request.resume();
      return;
    }
    handler(request, response);
  };
}

function refuse(socket: Socket): void {
  refused.add(socket);
  const body = JSON.stringify({
    errors: [{ message: "Too many open connections from this address; close some and retry.", extensions: { code: "TOO_MANY_CONNECTIONS" } }],
  });
  socket.on("error", () => socket.destroy());
  socket.end(
    `HTTP/1.1 429 Too Many Requests\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nretry-after: 1\r\nconnection: close\r\n\r\n${body}`,
  );
}
