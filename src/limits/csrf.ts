// Cross-site requests: a browser form on any site can POST a urlencoded, multipart or text/plain
// body without asking first (no CORS preflight). Yoga's CSRF prevention refuses those bodies unless
// they carry a header only a script allowed by CORS could add. GET is left alone: Yoga runs no
// mutation over GET, and CORS keeps another site from reading the answer.
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { createGraphQLError, type Plugin, type YogaServerOptions } from "graphql-yoga";

/** The header that marks a form-encoded request as sent by a script, not a form. */
export const CSRF_HEADER = "x-graphql-yoga-csrf";

/** Refuses, with 403 CSRF_HEADER_REQUIRED, a POST a browser form could have sent. */
export function useCsrfPrevention(): Plugin {
  const prevention = useCSRFPrevention({ requestHeaders: [CSRF_HEADER] });
  return {
    onRequestParse(payload) {
      // A body no parser reads (multipart, text/plain) is refused as 415 by Yoga in any case.
      if (payload.request.method === "GET" || !payload.requestParser) return;
      try {
        return prevention.onRequestParse!(payload);
      } catch {
        throw createGraphQLError(`A form, multipart or text/plain request must carry the ${CSRF_HEADER} header; send JSON instead.`, {
          extensions: { code: "CSRF_HEADER_REQUIRED", http: { status: 403 } },
        });
      }
    },
  };
}

/** Yoga's CORS options for `origins`: any origin ("*"), or only those listed. No cookies are read, so no credentials. */
export function corsOptions(origins: "*" | string[]): NonNullable<YogaServerOptions<object, object>["cors"]> {
  return { origin: origins === "*" ? "*" : origins, credentials: false, methods: ["GET", "POST"] };
}
