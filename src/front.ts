// Node's request listener in front of Yoga. It reads the request body itself and hands it to
// Yoga's adapter as a buffer: Yoga's own body-size check pipes every body through a stream (an
// abort signal and a DOMException per request), which cost a third of a small read. With the
// response cache on, a repeated anonymous read is answered here from the cache (src/cache.ts)
// and never enters Yoga.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { createGraphQLError, type Plugin } from "graphql-yoga";
import type { ResponseCache } from "./cache.js";
import type { Yoga } from "./yoga.js";

/** The largest request body accepted: a GraphQL request is a few kilobytes, and there are no uploads. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

const TOO_LARGE = { message: "Request body too large", code: "REQUEST_ENTITY_TOO_LARGE" } as const;

export function frontOfYoga(yoga: Yoga, cache: ResponseCache | null): RequestListener {
  const endpoint = yoga.graphqlEndpoint;
  return (request, response) => {
    if (request.method !== "POST") {
      if (!cache?.serve(request, response, null, endpoint)) void yoga(request, response);
      return;
    }
    // A body declared too large is Yoga's to refuse (useDeclaredBodyLimit), unread.
    if (Number(request.headers["content-length"]) > MAX_REQUEST_BODY_BYTES) return void yoga(request, response);
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BODY_BYTES) chunks.push(chunk);
    });
    request.once("error", () => response.destroy());
    request.once("end", () => {
      if (size > MAX_REQUEST_BODY_BYTES) return refuseTooLarge(response);
      const body = Buffer.concat(chunks);
      if (cache?.serve(request, response, body, endpoint)) return;
      // Yoga's Node adapter takes an already-read body from `request.body`.
      if (body.length > 0) (request as IncomingMessage & { body?: Buffer }).body = body;
      void yoga(request, response);
    });
  };
}

/** Yoga's side of the limit: a declared Content-Length over it is a 413 before anything is read. */
export function useDeclaredBodyLimit(): Plugin {
  return {
    onRequestParse({ request }) {
      if (Number(request.headers.get("content-length")) > MAX_REQUEST_BODY_BYTES) {
        throw createGraphQLError(TOO_LARGE.message, { extensions: { code: TOO_LARGE.code, http: { status: 413 } } });
      }
    },
  };
}

/** The same answer for a body that turned out too large as it streamed in. */
function refuseTooLarge(response: ServerResponse): void {
  const body = JSON.stringify({ errors: [{ message: TOO_LARGE.message, extensions: { code: TOO_LARGE.code } }] });
  response.writeHead(413, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) }).end(body);
}
