// The response cache for public reads. Only anonymous requests (none of the viewer's headers) are
// cached, so nothing that depends on the viewer is ever shared. Entries are dropped the moment a
// comment event touches their article or comment, on this instance at once and on the others
// through pub/sub; the TTL is only a safety net for changes made outside the API.
//
// Two layers share one store. Yoga's response-cache plugin fills it and answers hits inside Yoga.
// In front of Yoga (src/front.ts), `serve` answers a repeated anonymous read straight from Node's
// request: it reads the operation, finds the stored result and sends the bytes serialised for that
// very result object, so an entry dropped or replaced in the store is never answered from old bytes.
import { createHash } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { createInMemoryCache, useResponseCache } from "@graphql-yoga/plugin-response-cache";
import type { ExecutionResult } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { CommentNotice } from "./events/bus.js";
import { encodeId } from "./ids.js";

export const RESPONSE_CACHE_TTL_MS = 5 * 60_000;

export interface ResponseCache {
  plugin: Plugin;
  /** Drops every cached response that contains the article, or a comment, that these notices changed. */
  invalidate(notices: (CommentNotice | { articleId: number })[]): void;
  /**
   * Answers a repeated anonymous read of GraphQL at `endpoint` (with its request body, already
   * read; null for a GET) from the cache, before Yoga. False: the request is Yoga's to answer.
   */
  serve(request: IncomingMessage, response: ServerResponse, body: Buffer | null, endpoint: string): boolean;
  /** Responses `serve` has sent without Yoga. */
  readonly frontHits: number;
}

interface Operation {
  query: string;
  variables?: unknown;
  operationName?: string | null;
}

type CachedResult = ExecutionResult & { extensions?: { http?: { headers?: Record<string, string> } } };

/** `privateHeaders`: request headers that name a viewer; a request carrying any of them is never cached. */
export function createResponseCache(options: { privateHeaders: string[] }): ResponseCache {
  const results = createInMemoryCache({ max: 10_000 });
  const isPublic = (header: (name: string) => unknown) => options.privateHeaders.every((name) => !header(name));
  const keyOf = ({ query, variables, operationName }: Operation) =>
    // Node's synchronous hash: the default WebCrypto digest cost a seventh of a cached read.
    createHash("sha1").update(`${query}|${JSON.stringify(variables ?? {})}|${operationName ?? ""}`).digest("base64");
  const bodies = new WeakMap<object, Buffer>();
  let frontHits = 0;

  /** The bytes Yoga would send for this stored result: the result without its `http` extension. */
  const bodyOf = (result: CachedResult): Buffer => {
    let body = bodies.get(result);
    if (!body) {
      const { http: _http, ...extensions } = result.extensions ?? {};
      body = Buffer.from(JSON.stringify({ ...result, extensions: Object.keys(extensions).length > 0 ? extensions : undefined }));
      bodies.set(result, body);
    }
    return body;
  };

  const answer = (request: IncomingMessage, response: ServerResponse, operation: Operation | null, mediaType: string): boolean => {
    const result = operation && (results.get(keyOf(operation)) as CachedResult | null);
    if (!result) return false;
    const body = bodyOf(result);
    const headers: OutgoingHttpHeaders = { "content-type": `${mediaType}; charset=utf-8`, ...result.extensions?.http?.headers, "content-length": body.length };
    const origin = request.headers.origin;
    // What Yoga's default CORS adds to an answer for a page on another origin.
    if (origin) Object.assign(headers, { "access-control-allow-origin": origin, vary: "Origin", "access-control-allow-credentials": "true" });
    response.writeHead(200, headers).end(body);
    frontHits++;
    return true;
  };

  return {
    plugin: useResponseCache({
      cache: results,
      session: () => null,
      enabled: (request) => isPublic((name) => request.headers.get(name)),
      ttl: RESPONSE_CACHE_TTL_MS,
      buildResponseCacheKey: ({ documentString, variableValues, operationName }) => keyOf({ query: documentString, variables: variableValues, operationName }),
      // Never cached, whoever asks: they describe the asker or are for moderators.
      scopePerSchemaCoordinate: {
        "Query.viewer": "PRIVATE",
        "Query.moderationQueue": "PRIVATE",
        "Comment.viewerCanEdit": "PRIVATE",
        "Comment.email": "PRIVATE",
      },
      includeExtensionMetadata: false,
      // A miss (a root field that found nothing) names no entity an event could drop, so it is not kept.
      shouldCacheResult: ({ result }) => !result.errors?.length && !hasMissingRoot(result.data),
    }),
    invalidate(notices) {
      const entities = notices.flatMap((notice) => [
        { typename: "Article", id: encodeId("Article", notice.articleId) },
        ...("commentId" in notice ? changedComments(notice).map((id) => ({ typename: "Comment", id: encodeId("Comment", id) })) : []),
      ]);
      if (entities.length > 0) void results.invalidate(entities);
    },
    get frontHits() {
      return frontHits;
    },
    serve(request, response, body, endpoint) {
      const mediaType = servableMediaType(request, endpoint, isPublic);
      return mediaType !== null && answer(request, response, body ? operationFromBody(body) : operationFromQueryString(request.url!), mediaType);
    },
  };
}

/**
 * The media type of a read `serve` may answer, or null: an anonymous POST of JSON or GET on the
 * GraphQL endpoint, not conditional, asking for plain JSON. Anything else is Yoga's to answer.
 */
function servableMediaType(request: IncomingMessage, endpoint: string, isPublic: (header: (name: string) => unknown) => boolean): string | null {
  const { headers, method, url = "" } = request;
  if (!isPublic((name) => headers[name]) || headers["if-none-match"] || headers.upgrade) return null;
  if (method === "POST") {
    if (url !== endpoint || !headers["content-type"]?.startsWith("application/json")) return null;
  } else if (method !== "GET" || !url.startsWith(`${endpoint}?`)) {
    return null;
  }
  return mediaTypeFor(headers);
}

function mediaTypeFor(headers: IncomingHttpHeaders): string | null {
  const accept = headers.accept;
  if (accept === undefined || accept === "*/*" || accept === "application/json") return "application/json";
  if (accept === "application/graphql-response+json") return accept;
  return null;
}

function operationFromBody(body: Buffer): Operation | null {
  try {
    const { query, variables, operationName, ...rest } = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
    return operation(query, variables, operationName, Object.keys(rest).length === 0);
  } catch {
    return null;
  }
}

function operationFromQueryString(url: string): Operation | null {
  const search = new URLSearchParams(url.slice(url.indexOf("?") + 1));
  try {
    const variables = search.get("variables");
    const known = [...search.keys()].every((key) => key === "query" || key === "variables" || key === "operationName");
    return operation(search.get("query"), variables ? JSON.parse(variables) : undefined, search.get("operationName"), known);
  } catch {
    return null;
  }
}

/** Only the plain form: a query string, variables as an object, no extensions (persisted queries and the like). */
function operation(query: unknown, variables: unknown, operationName: unknown, plain: boolean): Operation | null {
  if (!plain || typeof query !== "string") return null;
  if (variables != null && (typeof variables !== "object" || Array.isArray(variables))) return null;
  if (operationName != null && typeof operationName !== "string") return null;
  return { query, variables: variables ?? undefined, operationName: operationName ?? undefined };
}

/** The comment of a notice, its parent, and every other comment whose counts or visibility it moved. */
function changedComments(notice: CommentNotice): number[] {
  return [notice.commentId, ...(notice.parentId ? [notice.parentId] : []), ...notice.related];
}

/** Whether a root field of the result is null or a list holding null (`node`, `nodes`, `article` that found nothing). */
function hasMissingRoot(data: unknown): boolean {
  if (!data || typeof data !== "object") return true;
  return Object.values(data).some((value) => value === null || (Array.isArray(value) && value.includes(null)));
}
