// createYoga({ schema, context, plugins }): the GraphQL-over-HTTP handler, also used by graphql-ws.
import { PothosValidationError } from "@pothos/core";
import { ForbiddenError as ScopeForbiddenError } from "@pothos/plugin-scope-auth";
import { GraphQLError } from "graphql";
import { createGraphQLError, createYoga, maskError as yogaMaskError, type Plugin, type YogaServerInstance } from "graphql-yoga";
import type { IncomingMessage } from "node:http";
import type { ResponseCache } from "./cache.js";
import { addressOfRequest } from "./client-address.js";
import { parseEditKeys, parseReaderKey, type Identity } from "./auth.js";
import { createContext, type Context, type Services } from "./context.js";
import { AppError, ERROR_CODES, OverloadedError, ServiceUnavailableError, type ErrorCode } from "./errors.js";
import { useExecutor, type ExecutorCounts } from "./execution/executor.js";
import { defaultQuery } from "./graphiql.js";
import { renderLocalGraphiQL, useGraphiQLAssets } from "./graphiql-assets.js";
import { useSharedSubscriptionExecution } from "./events/shared-execution.js";
import { armorPlugins } from "./limits/armor.js";
import { useCostLimit } from "./limits/cost.js";
import { corsOptions, useCsrfPrevention } from "./limits/csrf.js";
import { useNoIntrospection } from "./limits/introspection.js";
import { rememberCause, useRequestId } from "./limits/request-id.js";
import { sentFromGraphiQL, trustedDocuments, useTrustedDocuments } from "./limits/trusted-documents.js";
import { log, yogaLogger, type Logger } from "./log.js";
import { useMetrics } from "./metrics.js";
import { useRequestBodyLimit, type BodyLimitCounts } from "./request-body.js";
import { databaseProbe, noteDatabaseOutcome } from "./database-health.js";
import { redisCheck, useReadiness } from "./readiness.js";
import { schema } from "./schema/index.js";

/** What the transport hands over: an HTTP request, or the identity a WebSocket proved at connection. */
export interface ServerContext {
  identity?: Identity;
  /** The client's address, resolved by the WebSocket server at connection. */
  clientAddress?: string | null;
  /** Node's request, when Yoga serves a real port over HTTP. */
  req?: IncomingMessage;
}

/** The largest request body accepted: a GraphQL request is a few kilobytes, and there are no uploads. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/** Header carrying a guest's edit keys (comma-separated), so they see their own pending comments. */
export const EDIT_KEYS_HEADER = "x-comment-edit-keys";

/** Header carrying a guest's per-browser reader key, so a guest can report a comment once. */
export const READER_KEY_HEADER = "x-reader-key";

export type Yoga = YogaServerInstance<ServerContext, Context>;

/**
 * `bodyCounts`: how request bodies reached Yoga, for /metrics (the server's body reader adds to it too).
 * `logger`: where masked errors' causes are logged with their request id (default: the server's log).
 */
export function createYogaApp(
  services: Services,
  options: { now?: () => Date; responseCache?: ResponseCache | null; bodyCounts: BodyLimitCounts; logger?: Logger },
): Yoga {
  const bodyLimitCounts = options.bodyCounts;
  const executorCounts: ExecutorCounts = { jit: 0, standard: 0 };
  const { config } = services;
  const graphqlEndpoint = "/graphql";
  return createYoga<ServerContext, Context>({
    schema,
    context: async ({ identity, clientAddress, request, req }) => {
      if (identity) return createContext(services, identity, { now: options.now, clientAddress });
      const viewer = await authenticateRequest(services, request.headers.get("authorization"));
      const address = req ? addressOfRequest(services.resolveAddress, req) : null;
      return createContext(services, { viewer, editKeys: parseEditKeys(request.headers.get(EDIT_KEYS_HEADER)), readerKey: parseReaderKey(request.headers.get(READER_KEY_HEADER)) }, { now: options.now, clientAddress: address });
    },
    graphqlEndpoint,
    // No uploads exist: a multipart request is refused, not parsed.
    multipart: false,
    // One operation per request: an array of them is refused, so each is held to the limits alone.
    batching: false,
    cors: corsOptions(config.corsOrigins),
    // Held to MAX_REQUEST_BODY_BYTES by useRequestBodyLimit, which spares declared bodies Yoga's counting stream.
    maxRequestBodySize: false,
    healthCheckEndpoint: "/health",
    landingPage: false,
    graphiql: services.config.graphiql && {
      title: "Newsgraph",
      subscriptionsProtocol: "WS",
      defaultQuery,
      // Empty means anonymous; the default query says how to fill it in.
      headers: JSON.stringify({ Authorization: "" }, null, 2),
      shouldPersistHeaders: true,
    },
    renderGraphiQL: renderLocalGraphiQL,
    maskedErrors: { maskError },
    // Yoga speaks through the same structured log as the rest of the server.
    logging: yogaLogger(options.logger ?? log),
    plugins: [
      useRequestId({ logger: options.logger ?? log }),
      useGraphiQLAssets(),
      useCsrfPrevention(),
      useMalformedParamsAsBadRequest(),
      useCodedRefusals(),
      useRequestBodyLimit({ maxBytes: MAX_REQUEST_BODY_BYTES, counts: bodyLimitCounts }),
      useMetrics(services, { responseCache: options.responseCache ?? null, bodyLimitCounts, executorCounts }),
      useSharedSubscriptionExecution(),
      useReadiness([databaseProbe(services.database, services.config.readyTimeoutMs), ...(services.config.redisUrl ? [redisCheck(services.events)] : [])]),
      useServiceUnavailableStatus(services.config.retryAfterSeconds),
      // Hostile queries are refused before they run: unlisted ones (when only trusted documents run),
      // then by size and shape, then by what they would load.
      ...(config.trustedDocuments
        ? useTrustedDocuments({
            documents: trustedDocuments(),
            allowAny: (request) => config.env === "development" && config.graphiql && sentFromGraphiQL(request, graphqlEndpoint),
          })
        : []),
      ...armorPlugins(config.queryLimits, { blockFieldSuggestions: !config.introspection }),
      useCostLimit({ maxCost: config.queryLimits.maxCost }),
      ...(config.introspection ? [] : [useNoIntrospection()]),
      // Before the response cache, which wraps whichever executor this picks.
      useExecutor({ jit: config.graphqlJit, counts: executorCounts }),
      ...(options.responseCache ? [options.responseCache.plugin] : []),
    ],
  });
}

/** An answer whose every error is SERVICE_UNAVAILABLE is HTTP 503 with Retry-After, for clients and proxies that read only the status. */
function useServiceUnavailableStatus(retryAfterSeconds: number): Plugin {
  return {
    onResultProcess({ result }) {
      if (Array.isArray(result) || !("errors" in result) || !result.errors?.length) return;
      if (!result.errors.every((error) => (error as GraphQLError).extensions?.code === "SERVICE_UNAVAILABLE")) return;
      const extensions = ((result as { extensions?: Record<string, unknown> }).extensions ??= {});
      extensions.http = { status: 503, headers: { "Retry-After": String(retryAfterSeconds) } };
    },
  };
}

/**
 * Yoga parses `variables` and `extensions` from a query string or a form with a bare JSON.parse:
 * malformed, they would surface as a 500. They are the client's error, typed as a JSON body's is.
 */
function useMalformedParamsAsBadRequest(): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser }) {
      // A JSON body's parser types its own errors; only query-string and form parameters need this.
      const fromParams = request.method === "GET" || request.headers.get("content-type")?.startsWith("application/x-www-form-urlencoded");
      if (!requestParser || !fromParams) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
          // The parser's own words stay on the server: they are an exception's text.
          throw createGraphQLError("Request parameters sent invalid JSON.", {
            extensions: { code: "BAD_REQUEST", http: { status: 400 } },
          });
        }
      });
    },
  };
}

/** Yoga's own refusals of a request's form (415 for a content type it does not read, 406 for an Accept it cannot meet) have empty bodies: they gain an error with a documented code. */
function useCodedRefusals(): Plugin {
  const reasons: Record<number, string> = {
    406: "The Accept header names no media type this server answers in.",
    415: "The request's content type is not one this server reads (there are no uploads).",
  };
  return {
    onResponse({ response, setResponse, fetchAPI }) {
      const reason = reasons[response.status];
      if (!reason || response.headers.get("content-type")) return;
      const body = JSON.stringify({ errors: [{ message: reason, extensions: { code: "BAD_REQUEST" } }] });
      setResponse(new fetchAPI.Response(body, { status: response.status, headers: { ...Object.fromEntries(response.headers), "content-type": "application/json; charset=utf-8" } }));
    },
  };
}

/** A bad token over HTTP is a 401 with a typed error; no token is simply an anonymous reader. */
async function authenticateRequest(services: Services, authorization: string | null) {
  try {
    return await services.authenticate(authorization);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new GraphQLError(error.message, {
      extensions: { code: error.code, http: { status: 401, headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' } } },
    });
  }
}

/**
 * What clients see of an error. Expected failures keep their message and gain their code; anything
 * unexpected is masked. Every error leaves with a code of the documented ErrorCode enum, and
 * without the text of whatever exception lay under it.
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  // The database cannot answer now: the client may retry, so this is said, not masked.
  if (noteDatabaseOutcome(original)) {
    const at = error instanceof GraphQLError ? { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path } : {};
    return createGraphQLError(new ServiceUnavailableError().message, { ...at, extensions: { code: "SERVICE_UNAVAILABLE" } });
  }
  const code = codeOf(original);
  if (code && error instanceof GraphQLError) {
    (error.extensions as Record<string, unknown>).code = code;
    // Plain HTTP clients and proxies read an overload from the status and Retry-After.
    if (original instanceof OverloadedError) {
      (error.extensions as Record<string, unknown>).retryAfterSeconds = original.retryAfterSeconds;
      (error.extensions as Record<string, unknown>).http = { status: 503, headers: { "Retry-After": String(original.retryAfterSeconds) } };
    }
    // The same error, so Yoga does not log it; without the exception under it, so Yoga does not
    // take it for a server error (an answer with one and no data would be HTTP 500).
    Object.defineProperty(error, "originalError", { value: undefined });
    return error;
  }
  // An expected failure that ended a stream (a subscriber too slow, say) arrives bare.
  if (code) return createGraphQLError((original as Error).message, { extensions: { code } });
  // Input nested deeper than the parser or a serialiser can recurse is the client's, not a fault.
  if ((original instanceof RangeError && /call stack/i.test(original.message)) || isQueryTooDeepForPrisma(original)) {
    return createGraphQLError("The request is nested too deeply.", { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
  }
  const masked = yogaMaskError(error, message, isDev);
  if (masked instanceof GraphQLError) {
    const extensions = masked.extensions as Record<string, unknown>;
    delete extensions.originalError;
    // Yoga answers some malformed bodies with 200 under application/json: a malformed request is a 4xx whatever it accepts.
    if (extensions.code === "BAD_REQUEST") delete (extensions.http as { spec?: boolean } | undefined)?.spec;
    extensions.code = documentedCode(masked);
    // An error nobody gave a code is unexpected, whoever raised it: its text stays on the server.
    if (extensions.code === "INTERNAL_SERVER_ERROR" && masked.message !== message) {
      return rememberCause(createGraphQLError(message, { extensions: { code: "INTERNAL_SERVER_ERROR", http: extensions.http }, originalError: masked }), error);
    }
    // The cause is logged with the request's id (src/limits/request-id.ts).
    if (extensions.code === "INTERNAL_SERVER_ERROR") rememberCause(masked, error);
  }
  return masked;
}

/** Prisma refuses a query whose nested selection is deeper than its JSON protocol reads. */
function isQueryTooDeepForPrisma(error: unknown): boolean {
  return error instanceof Error && error.name === "PrismaClientUnknownRequestError" && /JSON Error: recursion limit exceeded/.test(error.message);
}

/** The documented code for an error Yoga or graphql-js raised, with a code of its own or none. */
function documentedCode(error: GraphQLError): ErrorCode {
  const code = error.extensions.code;
  if (typeof code === "string" && (ERROR_CODES as readonly string[]).includes(code)) return code as ErrorCode;
  if (code === undefined && !error.path) {
    // graphql-js raises these without a code (Yoga adds one over HTTP only): syntax errors,
    // variables that do not fit, and validation errors.
    if (error.message.startsWith("Syntax Error")) return "GRAPHQL_PARSE_FAILED";
    // graphql-ws's word for Yoga's OPERATION_RESOLUTION_FAILURE.
    if (error.message === "Unable to identify operation") return "OPERATION_RESOLUTION_FAILURE";
    return /^Variable "\$/.test(error.message) ? "BAD_USER_INPUT" : "GRAPHQL_VALIDATION_FAILED";
  }
  return "INTERNAL_SERVER_ERROR";
}

function codeOf(error: unknown): ErrorCode | null {
  if (error instanceof AppError) return error.code;
  if (error instanceof ScopeForbiddenError) return "FORBIDDEN";
  if (error instanceof PothosValidationError) {
    // Pothos raises these for malformed client input only: global ids, cursors, page arguments.
    return /\bID\b/.test(error.message) ? "INVALID_ID" : "INVALID_PAGINATION";
  }
  return null;
}
