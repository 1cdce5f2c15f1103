// The response cache for public reads. Only anonymous requests (none of the viewer's headers) are
// cached, so nothing that depends on the viewer is ever shared. Entries are dropped the moment a
// comment event touches their article or comment, on this instance at once and on the others
// through pub/sub; the TTL is only a safety net for changes made outside the API.
//
// It is Yoga's response-cache plugin, inside Yoga's plugin chain: a hit is answered there, after
// every plugin before it has seen the request. Operations over graphql-ws have no HTTP request and
// are never cached.
import { createHash } from "node:crypto";
import { createInMemoryCache, useResponseCache } from "@graphql-yoga/plugin-response-cache";
import type { Plugin } from "graphql-yoga";
import type { CommentNotice } from "./events/bus.js";
import { encodeId } from "./ids.js";

export const RESPONSE_CACHE_TTL_MS = 5 * 60_000;

export interface ResponseCache {
  plugin: Plugin;
  /** Drops every cached response that contains the article, or a comment, that these notices changed. */
  invalidate(notices: (CommentNotice | { articleId: number })[]): void;
  /** Drops every cached response holding an object of one of these types (a connection's type included). */
  invalidateTypes(typenames: string[]): void;
  /** Drops every cached response: an article event can move any list, count or search. */
  clear(): void;
  /** Responses answered from the cache. */
  readonly hits: number;
}

/** The plugin's mark on a result it answered from the cache. */
const SERVED_FROM_CACHE = Symbol.for("servedFromResponseCache");

/** `privateHeaders`: request headers that name a viewer; a request carrying any of them is never cached. */
export function createResponseCache(options: { privateHeaders: string[] }): ResponseCache {
  const stored = createInMemoryCache({ max: 10_000 });
  // Every typename a cached response held, so clear() can name them all to the store.
  const typenames = new Set<string>();
  const results: typeof stored = {
    ...stored,
    set(responseId, result, collected, ttl) {
      // The plugin may hand an iterator, read once.
      const entities = [...collected];
      for (const { typename } of entities) typenames.add(typename);
      return stored.set(responseId, result, entities, ttl);
    },
  };
  // No request: an operation over graphql-ws, which the cache leaves alone.
  const isPublic = (request: Request | undefined) => !!request?.headers && options.privateHeaders.every((name) => !request.headers.get(name));
  let hits = 0;

  const cache = useResponseCache({
    cache: results,
    session: () => null,
    enabled: (request) => isPublic(request),
    ttl: RESPONSE_CACHE_TTL_MS,
    // Node's synchronous hash: the default WebCrypto digest cost a seventh of a cached read.
    buildResponseCacheKey: ({ documentString, variableValues, operationName }) =>
      createHash("sha1").update(`${documentString}|${JSON.stringify(variableValues ?? {})}|${operationName ?? ""}`).digest("base64"),
    // Never cached, whoever asks: they describe the asker or are for moderators.
    scopePerSchemaCoordinate: {
      "Query.viewer": "PRIVATE",
      "Query.moderationQueue": "PRIVATE",
      // A preview token opens one draft to whoever holds it: never a shared answer.
      "Query.articlePreview": "PRIVATE",
      // A commenter's personal data, for them or an admin alone.
      "Query.commenterData": "PRIVATE",
      "Comment.viewerCanEdit": "PRIVATE",
      "Comment.email": "PRIVATE",
      "Comment.pendingEdit": "PRIVATE",
    },
    includeExtensionMetadata: false,
    // A miss (a root field that found nothing) names no entity an event could drop, so it is not kept.
    shouldCacheResult: ({ result }) => !result.errors?.length && !hasMissingRoot(result.data),
  });

  return {
    plugin: {
      onPluginInit({ addPlugin }) {
        addPlugin(cache);
        addPlugin({
          onResultProcess({ result }) {
            if (!Array.isArray(result) && (result as Record<symbol, unknown>)[SERVED_FROM_CACHE]) hits++;
          },
        });
      },
    },
    invalidate(notices) {
      const entities = notices.flatMap((notice) => [
        { typename: "Article", id: encodeId("Article", notice.articleId) },
        ...("commentId" in notice ? changedComments(notice).map((id) => ({ typename: "Comment", id: encodeId("Comment", id) })) : []),
      ]);
      if (entities.length > 0) void results.invalidate(entities);
    },
    invalidateTypes(names) {
      void results.invalidate(names.map((typename) => ({ typename })));
    },
    clear() {
      void results.invalidate([...typenames].map((typename) => ({ typename })));
    },
    get hits() {
      return hits;
    },
  };
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
