// Subscribers who share a selection and a visibility share one execution per event: ten thousand
// anonymous readers of a thread cost one GraphQL execution (and one read) per new comment, not ten
// thousand. Each subscriber's stream is still filtered by its own visibility first.
//
// The shared result is one object, handed to every subscriber's stream; each transport delivers it
// its own way (graphql-ws as a `next` message, Yoga as a server-sent event), through the plugins of
// both, so the work per subscriber is only the transport's serialisation.
import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from "graphql";
import { isAsyncIterable, mapAsyncIterator, type Plugin } from "graphql-yoga";
import { documentId } from "../document-ids.js";
import { Slicer } from "./slices.js";
import type { FeedItem } from "./stream.js";

const SHARED_RESULT_MS = 10_000;
/** Hands a shared result that was still being executed to the subscribers waiting on it, a slice per turn. */
const release = new Slicer();

type Made = ExecutionResult | Promise<ExecutionResult>;
type Waiter = { resolve: (result: ExecutionResult) => void; reject: (error: unknown) => void };

/**
 * One execution's result for every subscriber with the same key. Those who ask before it is ready
 * wait, and are let go a slice per turn: released at once, ten thousand continuations would run
 * back to back, the serialisation and socket writes of each included, before any I/O callback.
 */
class SharedResult {
  private outcome: { ok: true; result: ExecutionResult } | { ok: false; error: unknown } | null = null;
  private waiting: Waiter[] = [];

  constructor(made: Made) {
    if (!isThenable(made)) this.outcome = { ok: true, result: made };
    else made.then((result) => this.settle({ ok: true, result }), (error: unknown) => this.settle({ ok: false, error }));
  }

  get(): Made {
    const { outcome } = this;
    if (outcome?.ok) return outcome.result;
    if (outcome) return Promise.reject(outcome.error);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private settle(outcome: NonNullable<SharedResult["outcome"]>): void {
    this.outcome = outcome;
    const waiting = this.waiting;
    this.waiting = [];
    void release.forEach(waiting, (waiter) => (outcome.ok ? waiter.resolve(outcome.result) : waiter.reject(outcome.error)));
  }
}

/** Subscribers with equal keys see equal results; null means this one is not shared. */
function shareKey(args: ExecutionArgs): string | null {
  const ctx = args.contextValue as { viewer: object | null; editKeyHashes: readonly string[]; readerKeyHash: string | null };
  // Only anonymous readers without edit or reader keys are alike; anyone else may see their own comments or reactions.
  if (ctx.viewer || ctx.editKeyHashes.length > 0 || ctx.readerKeyHash) return null;
  const { after: _after, ...variables } = (args.variableValues ?? {}) as Record<string, unknown>;
  return `${documentId(args.document)}|${args.operationName ?? ""}|${JSON.stringify(variables)}`;
}

export function useSharedSubscriptionExecution(): Plugin {
  const results = new Map<number, Map<string, SharedResult>>();

  /**
   * The shared result of an item for subscribers with this key; reused for SHARED_RESULT_MS.
   * By position, then key: ten thousand readers of one event look up a number and a key string
   * each already holds, rather than hashing a new string apiece.
   */
  function shared(key: string | null, item: FeedItem, make: () => Made): Made {
    if (key === null || item?.type !== "event") return make();
    const { position } = item.event;
    let byKey = results.get(position);
    if (!byKey) {
      results.set(position, (byKey = new Map()));
      setTimeout(() => results.delete(position), SHARED_RESULT_MS).unref();
    }
    let result = byKey.get(key);
    if (!result) byKey.set(key, (result = new SharedResult(make())));
    return result.get();
  }

  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (args) => {
        const source = await createSourceEventStream(args);
        if (!isAsyncIterable(source)) return source;
        const key = shareKey(args);
        return mapAsyncIterator(source, (payload: unknown) =>
          shared(key, payload as FeedItem, () => execute({ ...args, rootValue: payload }) as Made),
        );
      });
    },
  };
}

function isThenable(value: Made): value is Promise<ExecutionResult> {
  return typeof (value as { then?: unknown }).then === "function";
}
