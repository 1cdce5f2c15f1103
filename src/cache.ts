// The response cache for public reads. Only anonymous requests (no token, no edit keys) are cached,
// so nothing that depends on the viewer is ever shared. Entries are dropped the moment a comment
// event touches their article or comment, on this instance at once and on the others through
// pub/sub; the TTL is only a safety net for changes made outside the API.
import { createHash } from "node:crypto";
import { createInMemoryCache, useResponseCache, type Cache } from "@graphql-yoga/plugin-response-cache";
import type { Plugin } from "graphql-yoga";
import type { CommentNotice } from "./pubsub.js";
import { encodeId } from "./schema/ids.js";

export const RESPONSE_CACHE_TTL_MS = 5 * 60_000;

export interface ResponseCache {
  plugin: Plugin;
  /** Drops every cached response that contains the article or the comments of these events. */
  invalidate(notices: (CommentNotice | { articleId: number })[]): void;
}

export function createResponseCache(options: { isPublic: (request: Request) => boolean }): ResponseCache {
  const cache: Cache = createInMemoryCache({ max: 10_000 });
  return {
    plugin: useResponseCache({
      cache,
      session: () => null,
      enabled: (request) => options.isPublic(request),
      ttl: RESPONSE_CACHE_TTL_MS,
      // Node's synchronous hash: the default WebCrypto digest cost a seventh of a cached read.
      buildResponseCacheKey: ({ documentString, variableValues, operationName }) =>
        createHash("sha1").update(`${documentString}|${JSON.stringify(variableValues ?? {})}|${operationName ?? ""}`).digest("base64"),
      // Never cached, whoever asks: they describe the asker or are for moderators.
      scopePerSchemaCoordinate: {
        "Query.viewer": "PRIVATE",
        "Query.moderationQueue": "PRIVATE",
        "Comment.viewerCanEdit": "PRIVATE",
        "Comment.email": "PRIVATE",
      },
      includeExtensionMetadata: false,
    }),
    invalidate(notices) {
      const entities = notices.flatMap((notice) => [
        { typename: "Article", id: encodeId("Article", notice.articleId) },
        ...("commentId" in notice ? [{ typename: "Comment", id: encodeId("Comment", notice.commentId) }] : []),
        ...("parentId" in notice && notice.parentId ? [{ typename: "Comment", id: encodeId("Comment", notice.parentId) }] : []),
      ]);
      if (entities.length > 0) void cache.invalidate(entities);
    },
  };
}
