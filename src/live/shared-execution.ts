// Subscribers who share a selection and a visibility share one execution per event: ten thousand
// anonymous readers of a thread cost one GraphQL execution (and one read) per new comment, not ten
// thousand. Each subscriber's stream is still filtered by its own visibility first.
//
// Over WebSockets they share the serialised message too. The transport hands over a channel (the
// operation id and the socket); the subscriber's queue is diverted to it, so an event goes from the
// feed to the socket as one string concatenation and one write: no iterator step, promise or
// JSON.stringify per subscriber. Messages are those graphql-ws would send, in the same order; over
// HTTP (server-sent events) the results go through Yoga as before.
import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLError } from "graphql";
import { isAsyncIterable, mapAsyncIterator, type Plugin } from "graphql-yoga";
import type { Context } from "../context.js";
import { PushQueue } from "../events/queue.js";
import type { FeedItem } from "../events/stream.js";

const SHARED_RESULT_MS = 10_000;
/** A socket holding more unsent bytes than this belongs to a reader too far behind to catch up. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** A WebSocket subscription's way out: its operation id and its socket. */
export interface Channel {
  id: string;
  send(message: string): void;
  /** Bytes written to the socket that the client has not taken yet. */
  buffered(): number;
}

type MaskError = (error: unknown, message: string) => Error;

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

/** One event's result for the subscribers who share it, serialised once. */
class Shared {
  payload: string | undefined;
  failure: { error: unknown } | undefined;
  waiters: Member[] = [];

  /** `mask`: what the subscriber is told when the execution itself fails. */
  constructor(result: ExecutionResult | Promise<ExecutionResult>, serialise: (result: ExecutionResult) => string, mask: (error: unknown) => Error) {
    Promise.resolve(result)
      .then(serialise)
      .then(
        (payload) => (this.payload = payload),
        (error: unknown) => (this.failure = { error: mask(error) }),
      )
      .then(() => {
        const waiters = this.waiters;
        this.waiters = [];
        for (const member of waiters) member.flush();
      });
  }

  get settled(): boolean {
    return this.payload !== undefined || this.failure !== undefined;
  }
}

/** One subscriber on a channel: results go out in the order its stream delivered them. */
class Member {
  private backlog: Shared[] = [];
  private closed = false;
  private readonly prefix: string;

  constructor(
    private readonly channel: Channel,
    private readonly stop: (error: unknown) => void,
  ) {
    this.prefix = `{"id":${JSON.stringify(channel.id)},"type":"next","payload":`;
  }

  offer(shared: Shared): void {
    if (this.closed) return;
    if (this.backlog.length === 0 && shared.settled) return this.send(shared);
    this.backlog.push(shared);
    if (!shared.settled) shared.waiters.push(this);
  }

  flush(): void {
    while (!this.closed && this.backlog.length > 0 && this.backlog[0]!.settled) this.send(this.backlog.shift()!);
  }

  close(): void {
    this.closed = true;
    this.backlog = [];
  }

  private send(shared: Shared): void {
    if (shared.failure) return this.fail(shared.failure.error);
    if (this.channel.buffered() > MAX_BUFFERED_BYTES) return this.fail(new Error("The subscriber fell too far behind."));
    this.channel.send(`${this.prefix}${shared.payload}}`);
  }

  /** Nothing more is sent once the stream has failed, not even results already settled. */
  private fail(error: unknown): void {
    this.close();
    this.stop(error);
  }
}

/** `maskError`: the function Yoga masks errors with, for the messages that bypass Yoga. */
export function useSharedSubscriptionExecution(options: { maskError: MaskError }): Plugin {
  const results = new Map<number, Map<string, ExecutionResult | Promise<ExecutionResult>>>();
  const serialised = new Map<number, Map<string, Shared>>();

  /** The payload graphql-ws would send: the result with its errors masked as Yoga masks them. */
  const mask = (error: unknown) => options.maskError(error, "Unexpected error.");
  const serialise = ({ errors, ...rest }: ExecutionResult): string => {
    if (!errors) return JSON.stringify(rest);
    const masked = errors.map((error) => mask(error) as GraphQLError);
    return JSON.stringify({ ...rest, errors: masked.map((error) => (typeof error.toJSON === "function" ? error.toJSON() : { message: error.message })) });
  };

  /**
   * The shared result of an item for subscribers with this key; reused for SHARED_RESULT_MS.
   * By position, then key: ten thousand readers of one event look up a number and a key string
   * each already holds, rather than hashing a new string apiece.
   */
  function shared<T extends object>(cache: Map<number, Map<string, T>>, key: string | null, item: FeedItem, make: () => T): T {
    if (key === null || item?.type !== "event") return make();
    const { position } = item.event;
    let byKey = cache.get(position);
    if (!byKey) {
      cache.set(position, (byKey = new Map()));
      setTimeout(() => cache.delete(position), SHARED_RESULT_MS).unref();
    }
    let value = byKey.get(key);
    if (!value) byKey.set(key, (value = make()));
    return value;
  }

  function overChannel(source: PushQueue<FeedItem>, key: string | null, channel: Channel, args: ExecutionArgs): AsyncIterableIterator<never> {
    const member = new Member(channel, (error) => source.fail(error));
    const ended = source.divert((item) =>
      member.offer(shared(serialised, key, item, () => new Shared(execute({ ...args, rootValue: item }), serialise, mask))),
    );
    // graphql-ws asks for the next result once and waits: it comes when the stream ends.
    ended.catch(() => {});
    const finish = (): Promise<IteratorResult<never>> => {
      member.close();
      void source.return();
      return Promise.resolve({ value: undefined, done: true });
    };
    return {
      next: () => ended.then(() => ({ value: undefined, done: true })),
      return: finish,
      throw: (error: unknown) => finish().then(() => Promise.reject(error)),
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (args) => {
        const source = await createSourceEventStream(args);
        if (!isAsyncIterable(source)) return source;
        const key = shareKey(args);
        const channel = (args.rootValue as { channel?: Channel } | undefined)?.channel;
        if (channel && source instanceof PushQueue) return overChannel(source as PushQueue<FeedItem>, key, channel, args);
        return mapAsyncIterator(source, (payload: unknown) =>
          shared(results, key, payload as FeedItem, () => execute({ ...args, rootValue: payload }) as ExecutionResult | Promise<ExecutionResult>),
        );
      });
    },
  };
}
