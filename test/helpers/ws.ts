// A graphql-ws client over a real WebSocket, with a queue of what each subscription receives.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

export interface Subscription<T = any> {
  /** The next payload, or a rejection after `timeoutMs`. */
  next(timeoutMs?: number): Promise<T>;
  /** Resolves with nothing when no payload arrives within `ms`. */
  expectSilence(ms: number): Promise<void>;
  /** Payloads received and not yet taken by `next`. */
  received: T[];
  error: Promise<unknown>;
  unsubscribe(): void;
}

export function connect(url: string, connectionParams?: Record<string, unknown>): Client & { closed: Promise<{ code: number; reason: string }> } {
  let resolveClosed!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (resolveClosed = resolve));
  const client = createClient({
    url: url.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams,
    on: { closed: (event) => resolveClosed(event as { code: number; reason: string }) },
    onNonLazyError: () => {},
  });
  return Object.assign(client, { closed });
}

export function subscribe<T = any>(client: Client, query: string, variables?: Record<string, unknown>): Subscription<T> {
  const received: T[] = [];
  const waiters: ((value: T) => void)[] = [];
  let rejectError!: (error: unknown) => void;
  const error = new Promise<unknown>((_, reject) => (rejectError = reject));
  error.catch(() => {});
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        const waiter = waiters.shift();
        if (waiter) waiter(value as T);
        else received.push(value as T);
      },
      error: (e) => rejectError(e),
      complete: () => {},
    },
  );
  return {
    received,
    error,
    unsubscribe,
    next(timeoutMs = 10_000) {
      const queued = received.shift();
      if (queued !== undefined) return Promise.resolve(queued);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no payload within ${timeoutMs} ms`)), timeoutMs);
        waiters.push((value) => {
          clearTimeout(timer);
          resolve(value);
        });
        error.catch((e) => {
          clearTimeout(timer);
          reject(e);
        });
      });
    },
    async expectSilence(ms) {
      await new Promise((resolve) => setTimeout(resolve, ms));
      if (received.length > 0) throw new Error(`expected silence, got ${JSON.stringify(received[0])}`);
    },
  };
}
