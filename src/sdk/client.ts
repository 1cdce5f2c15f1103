// A small typed client for the Newsgraph API: queries and mutations over fetch, subscriptions over
// graphql-ws that resume from their last cursor after a reconnect. Documents come from
// ./generated.ts (`npm run sdk`), so results and variables are typed end to end.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type ExecutionResult, type GraphQLFormattedError } from "graphql";
import { createClient, type Client } from "graphql-ws";

export * from "./generated.js";

/** Variables are optional exactly when the operation declares none that are required. */
type VariablesArg<TVariables> = Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

export interface NewsgraphClientOptions {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql (the WebSocket URL is derived). */
  url: string;
  /** A bearer token, or a function returning the current one. */
  token?: string | (() => string | undefined);
  /** Edit keys of comments posted as a guest: they show the guest their own pending comments. */
  editKeys?: () => string[];
  fetch?: typeof fetch;
  /** A WebSocket implementation where there is no global one (Node < 22: pass `ws`). */
  webSocketImpl?: unknown;
  /** Reconnect attempts before a subscription fails; default 10, with graphql-ws's backoff. */
  retryAttempts?: number;
}

/** A response that carried GraphQL errors; `codes` are the errors' `extensions.code`. */
export class NewsgraphError extends Error {
  readonly codes: string[];
  constructor(readonly errors: readonly GraphQLFormattedError[]) {
    super(errors.map((error) => error.message).join("; "));
    this.codes = errors.map((error) => String(error.extensions?.code ?? "UNKNOWN"));
  }
}

export interface SubscriptionHandlers<TResult> {
  next(data: TResult): void;
  error?(error: unknown): void;
  complete?(): void;
}

export interface NewsgraphClient {
  request<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, ...variables: VariablesArg<TVariables>): Promise<TResult>;
  /**
   * Subscribes; after each payload that carries a `cursor`, a reconnect resumes with
   * `after: <that cursor>`, so nothing is missed or repeated. Returns the unsubscribe function.
   */
  subscribe<TResult, TVariables extends { after?: string | null }>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    handlers: SubscriptionHandlers<TResult>,
  ): () => void;
  dispose(): Promise<void>;
}

export function createNewsgraphClient(options: NewsgraphClientOptions): NewsgraphClient {
  const fetchImpl = options.fetch ?? fetch;
  const token = () => (typeof options.token === "function" ? options.token() : options.token);
  let ws: Client | null = null;
  const socket = () =>
    (ws ??= createClient({
      url: options.url.replace(/^http/, "ws"),
      webSocketImpl: options.webSocketImpl,
      retryAttempts: options.retryAttempts ?? 10,
      shouldRetry: () => true,
      connectionParams: () => {
        const bearer = token();
        return { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), editKeys: options.editKeys?.() ?? [] };
      },
    }));

  return {
    async request(document, ...[variables]) {
      const bearer = token();
      const editKeys = options.editKeys?.() ?? [];
      const response = await fetchImpl(options.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json, application/json",
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          ...(editKeys.length > 0 ? { "x-comment-edit-keys": editKeys.join(",") } : {}),
        },
        body: JSON.stringify({ query: print(document), variables: variables ?? {} }),
      });
      const result = (await response.json()) as ExecutionResult<never>;
      if (result.errors?.length) throw new NewsgraphError(result.errors);
      if (!result.data) throw new NewsgraphError([{ message: `HTTP ${response.status} without data` }]);
      return result.data;
    },

    subscribe(document, variables, handlers) {
      // graphql-ws re-sends this same payload object when it reconnects; moving `after` forward
      // in place is what makes the resubscription resume.
      const payload = { query: print(document), variables: { ...variables } as Record<string, unknown> };
      return socket().subscribe<never>(payload, {
        next(result) {
          if (result.errors?.length) {
            handlers.error?.(new NewsgraphError(result.errors));
            return;
          }
          if (!result.data) return;
          const cursor = cursorOf(result.data);
          if (cursor) payload.variables.after = cursor;
          handlers.next(result.data);
        },
        error: (error) => handlers.error?.(Array.isArray(error) ? new NewsgraphError(error) : error),
        complete: () => handlers.complete?.(),
      });
    },

    async dispose() {
      await ws?.dispose();
      ws = null;
    },
  };
}

/** The `cursor` of a subscription payload's root field, when it selected one. */
function cursorOf(data: Record<string, unknown>): string | null {
  for (const value of Object.values(data)) {
    const cursor = (value as { cursor?: unknown } | null)?.cursor;
    if (typeof cursor === "string") return cursor;
  }
  return null;
}
