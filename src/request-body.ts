// How request bodies reach Yoga, and the limit on them.
// - The limit is a plugin in Yoga's chain in place of Yoga's own (`maxRequestBodySize`), which pipes
//   every body through a counting stream. A body that declares its length needs none: Node's HTTP
//   parser hands Yoga exactly the declared bytes, so the declaration is checked and the body read as
//   it is. Only a body streamed without a length is counted as it arrives.
// - On a real port, a body of a declared length within the limit is read into a buffer before Yoga
//   sees the request, and handed over the way Yoga's Node adapter takes an already-read body: Yoga
//   reading the stream itself (a Request over a web stream over the Node stream) cost a small read's
//   throughput measurably, in the benchmark's run. Yoga still answers every request, 413 included.
import type { IncomingMessage, RequestListener } from "node:http";
import { createGraphQLError, type Plugin } from "graphql-yoga";

/** How bodies reached Yoga and were held to the limit, for /metrics. */
export interface BodyLimitCounts {
  declared: number;
  streamed: number;
  /** Bodies read into a buffer before Yoga (readBodiesBeforeYoga). */
  readBeforeYoga: number;
}

/** Node's request listener in front of `yoga`: reads a POST body of a declared length up to `maxBytes`, then hands the request over. */
export function readBodiesBeforeYoga(yoga: RequestListener, options: { maxBytes: number; counts: BodyLimitCounts }): RequestListener {
  return (request, response) => {
    const declared = Number(request.headers["content-length"]);
    // Anything else (no body, no declared length, too large) reaches Yoga as it comes.
    if (request.method !== "POST" || !(declared > 0 && declared <= options.maxBytes)) return void yoga(request, response);
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.once("error", () => response.destroy());
    request.once("end", () => {
      options.counts.readBeforeYoga++;
      (request as IncomingMessage & { body?: Buffer }).body = Buffer.concat(chunks);
      void yoga(request, response);
    });
  };
}

const tooLarge = () => createGraphQLError("Request body too large", { extensions: { code: "REQUEST_ENTITY_TOO_LARGE", http: { status: 413 } } });

export function useRequestBodyLimit(options: { maxBytes: number; counts: BodyLimitCounts }): Plugin {
  const { maxBytes, counts } = options;
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const declared = request.headers.get("content-length");
      if (declared !== null) {
        // One non-negative integer; anything else (a smuggling attempt, say) is refused outright.
        if (!/^\d+$/.test(declared)) {
          throw createGraphQLError("Content-Length header is invalid.", { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
        }
        if (Number(declared) > maxBytes) throw tooLarge();
        counts.declared++;
        return;
      }
      if (!requestParser || !request.body) return;
      counts.streamed++;
      setRequestParser((request) => {
        let size = 0;
        const body = request.body!.pipeThrough(
          new fetchAPI.TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              size += chunk.byteLength;
              if (size > maxBytes) controller.error(tooLarge());
              else controller.enqueue(chunk);
            },
          }),
        );
        return requestParser(new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, body, duplex: "half" } as RequestInit));
      });
    },
  };
}
