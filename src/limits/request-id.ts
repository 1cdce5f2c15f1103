// Every response carries a request id (the `x-request-id` header). An unexpected error, masked for
// the client, carries the same id in its `extensions.requestId`, and the structured log holds the
// id with the cause: an operator finds a user's report in the log by it.
import { randomUUID } from "node:crypto";
import { GraphQLError, type ExecutionResult } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Logger } from "../log.js";

export const REQUEST_ID_HEADER = "x-request-id";

/** The exception behind each masked error, kept on the server side only. */
const causes = new WeakMap<object, unknown>();

/** Records `cause` as what lay under the masked error `masked`; returns `masked`. */
export function rememberCause<T extends object>(masked: T, cause: unknown): T {
  causes.set(masked, cause);
  return masked;
}

/** A proxy's id is kept when it looks like one; anything else gets a fresh id. */
const fromProxy = (value: string | null) => (value && /^[\w.:-]{8,128}$/.test(value) ? value : null);

/** Gives each HTTP request an id, sets it on the response, and logs each masked error's cause under it. */
export function useRequestId(options: { logger: Logger }): Plugin {
  const ids = new WeakMap<Request, string>();
  const idOf = (request: Request) => {
    let id = ids.get(request);
    if (!id) ids.set(request, (id = fromProxy(request.headers.get(REQUEST_ID_HEADER)) ?? randomUUID()));
    return id;
  };
  return {
    onRequest({ request }) {
      idOf(request);
    },
    onResultProcess({ request, result }) {
      const results = (Array.isArray(result) ? result : [result]) as ExecutionResult[];
      for (const { errors } of results) {
        for (const error of errors ?? []) {
          if (!(error instanceof GraphQLError) || error.extensions.code !== "INTERNAL_SERVER_ERROR") continue;
          const requestId = idOf(request);
          (error.extensions as Record<string, unknown>).requestId = requestId;
          options.logger.error({ requestId, err: causes.get(error) ?? error.originalError ?? error }, "Unexpected error, masked for the client");
        }
      }
    },
    onResponse({ request, response }) {
      response.headers.set(REQUEST_ID_HEADER, idOf(request));
    },
  };
}
