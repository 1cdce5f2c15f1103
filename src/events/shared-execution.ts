// Subscribers who share a selection and a visibility share one execution per event: ten thousand
// anonymous readers of a thread cost one GraphQL execution (and one read) per new comment, not ten
// thousand. Each subscriber's stream is still filtered by its own visibility first.
//
// The shared result is one object, handed to every subscriber's stream; each transport delivers it
// its own way (graphql-ws as a `next` message, Yoga as a server-sent event), through the plugins of
// both, so the work per subscriber is only the transport's serialisation.
import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from "graphql";
import { isAsyncIterable, mapAsyncIterator, type Plugin } from "graphql-yoga";
import type { FeedItem } from "./stream.js";

const SHARED_RESULT_MS = 10_000;

const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;

/** Subscribers with equal keys see equal results; null means this one is not shared. */
function shareKey(args: ExecutionArgs): string | null {
  const ctx = args.contextValue as { viewer: object | null; editKeyHashes: readonly string[] };
  // Only anonymous readers without edit keys are alike; anyone else may see their own comments.
  if (ctx.viewer || ctx.editKeyHashes.length > 0) return null;
  let id = documentIds.get(args.document);
  if (id === undefined) documentIds.set(args.document, (id = nextDocumentId++));
  const { after: _after, ...variables } = (args.variableValues ?? {}) as Record<string, unknown>;
  return `${id}|${args.operationName ?? ""}|${JSON.stringify(variables)}`;
}

export function useSharedSubscriptionExecution(): Plugin {
  const results = new Map<number, Map<string, ExecutionResult | Promise<ExecutionResult>>>();

  /**
   * The shared result of an item for subscribers with this key; reused for SHARED_RESULT_MS.
   * By position, then key: ten thousand readers of one event look up a number and a key string
   * each already holds, rather than hashing a new string apiece.
   */
  function shared(key: string | null, item: FeedItem, make: () => ExecutionResult | Promise<ExecutionResult>) {
    if (key === null || item?.type !== "event") return make();
    const { position } = item.event;
    let byKey = results.get(position);
    if (!byKey) {
      results.set(position, (byKey = new Map()));
      setTimeout(() => results.delete(position), SHARED_RESULT_MS).unref();
    }
    let value = byKey.get(key);
    if (!value) byKey.set(key, (value = make()));
    return value;
  }

  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (args) => {
        const source = await createSourceEventStream(args);
        if (!isAsyncIterable(source)) return source;
        const key = shareKey(args);
        return mapAsyncIterator(source, (payload: unknown) =>
          shared(key, payload as FeedItem, () => execute({ ...args, rootValue: payload }) as ExecutionResult | Promise<ExecutionResult>),
        );
      });
    },
  };
}
