// Subscribers who share a selection and a visibility share one execution per event: ten thousand
// anonymous readers of a thread cost one GraphQL execution (and one Prisma read) per new comment,
// not ten thousand. Each subscriber's stream is still filtered by its own visibility first.
import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from "graphql";
import { isAsyncIterable, mapAsyncIterator, type Plugin } from "graphql-yoga";
import type { Context } from "../context.js";
import type { FeedItem } from "./stream.js";

const SHARED_RESULT_MS = 10_000;
const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;

/** Subscribers with equal keys see equal results; null means this one is not shared. */
function shareKey(args: ExecutionArgs): string | null {
  const ctx = args.contextValue as Context;
  // Only anonymous readers without edit keys are alike; anyone else may see their own comments.
  if (ctx.viewer || ctx.editKeyHashes.length > 0) return null;
  let id = documentIds.get(args.document);
  if (id === undefined) documentIds.set(args.document, (id = nextDocumentId++));
  const { after: _after, ...variables } = (args.variableValues ?? {}) as Record<string, unknown>;
  return `${id}|${args.operationName ?? ""}|${JSON.stringify(variables)}`;
}

export function useSharedSubscriptionExecution(): Plugin {
  const results = new Map<string, ExecutionResult | Promise<ExecutionResult>>();
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (args) => {
        const source = await createSourceEventStream(args);
        if (!isAsyncIterable(source)) return source;
        const key = shareKey(args);
        return mapAsyncIterator(source, (payload: unknown) => {
          const item = payload as FeedItem;
          if (key === null || item?.type !== "event") return execute({ ...args, rootValue: payload });
          const entry = `${item.event.position}|${key}`;
          let result = results.get(entry);
          if (!result) {
            result = execute({ ...args, rootValue: payload });
            results.set(entry, result);
            setTimeout(() => results.delete(entry), SHARED_RESULT_MS).unref();
          }
          return result;
        });
      });
    },
  };
}
