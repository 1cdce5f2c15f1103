// The request body limit, as a plugin in Yoga's chain in place of Yoga's own (`maxRequestBodySize`).
// Yoga's pipes every body through a counting stream. A body that declares its length needs none:
// Node's HTTP parser hands Yoga exactly the declared bytes, so the declaration is checked and the
// body read as it is. Only a body streamed without a length is counted as it arrives.
import { createGraphQLError, type Plugin } from "graphql-yoga";

/** How bodies were held to the limit, for /metrics. */
export interface BodyLimitCounts {
  declared: number;
  streamed: number;
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
