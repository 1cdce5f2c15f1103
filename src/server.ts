// HTTP and WebSocket (graphql-ws) on one port, with graceful shutdown.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { ServerOptions } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { App } from "./app.js";
import { capConnectionsPerAddress, refusedRequests, timeoutOptions } from "./connections.js";
import { parseEditKeys, parseReaderKey, type Identity } from "./auth.js";
import { addressOfRequest } from "./client-address.js";
import { SubscriberTooSlowError } from "./errors.js";
import { log } from "./log.js";
import { readBodiesBeforeYoga } from "./request-body.js";
import { MAX_REQUEST_BODY_BYTES, maskError, type Yoga } from "./yoga.js";

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to the shutdown timeout), closes sockets. */
  stop(): Promise<void>;
}

export async function startServer(app: App, options: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const { yoga, config } = app;
  const server: Server = createServer(timeoutOptions(config.connections), refusedRequests(readBodiesBeforeYoga(yoga, { maxBytes: MAX_REQUEST_BODY_BYTES, counts: app.bodyCounts })));
  capConnectionsPerAddress(server, config.connections.maxPerAddress);
  // A request Node's HTTP parser cannot read (cut short, malformed framing) never reaches Yoga: it
  // is answered here, in the same shape and with a documented code, and the connection closed.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const timedOut = error.code === "ERR_HTTP_REQUEST_TIMEOUT";
    const body = JSON.stringify({ errors: [{ message: timedOut ? "The request took too long to arrive." : "The HTTP request is malformed.", extensions: { code: "BAD_REQUEST" } }] });
    socket.end(`HTTP/1.1 ${timedOut ? "408 Request Timeout" : "400 Bad Request"}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  // A WebSocket message is held to the same limit as an HTTP body.
  const wss = new WebSocketServer({ server, path: yoga.graphqlEndpoint, maxPayload: MAX_REQUEST_BODY_BYTES });
  const toClientError = (error: unknown) => clientError(error, yoga.logger);
  const guarded = async (run: () => ReturnType<Execute>): Promise<Awaited<ReturnType<Execute>>> => {
    try {
      return await run();
    } catch (error) {
      return { errors: [toClientError(error)] };
    }
  };
  const graphqlWs = useServer<Record<string, unknown> | undefined, { identity: Identity; clientAddress: string | null }>(
    {
      // Close reasons never carry an exception's text, whatever NODE_ENV says.
      isProd: true,
      // An operation that fails unexpectedly gets a masked error of its own; the socket and its
      // other subscriptions carry on.
      execute: (args) => guarded(() => (args.rootValue as Enveloped).execute(args)),
      subscribe: (args) => guarded(() => (args.rootValue as Enveloped).subscribe(args)),
      // The token is checked once, at connection init; a bad one closes the socket with 4403.
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = params.authorization ?? params.Authorization;
        // A token that is not even a string is a bad token, not an anonymous reader.
        if (authorization != null && typeof authorization !== "string") return false;
        try {
          const viewer = await app.services.authenticate(typeof authorization === "string" ? authorization : null);
          ctx.extra.identity = { viewer, editKeys: parseEditKeys(params.editKeys), readerKey: parseReaderKey(params.readerKey) };
          ctx.extra.clientAddress = addressOfRequest(app.services.resolveAddress, ctx.extra.request);
          // Nothing reads the upgrade request after this; holding it costs every socket memory.
          (ctx.extra as { request?: unknown }).request = undefined;
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: async (ctx, _id, params) => {
        try {
          const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({ identity: ctx.extra.identity, clientAddress: ctx.extra.clientAddress, params });
          const document = parse(params.query);
          const errors = validate(schema, document);
          if (errors.length > 0) return errors.map(toClientError);
          return {
            schema,
            document,
            operationName: params.operationName,
            variableValues: params.variables,
            contextValue: await contextFactory(),
            rootValue: { execute, subscribe },
          };
        } catch (error) {
          // A syntax error is the client's; anything else is masked. Either way an `error` message for that operation.
          return [toClientError(error)];
        }
      },
      // A reader whose socket holds too much unsent is dropped rather than buffered without end.
      onNext: (ctx, _id, _params, _args, result) => {
        if (ctx.extra.socket.bufferedAmount > MAX_BUFFERED_BYTES) throw new SubscriberTooSlowError();
        // Errors leave without Yoga's internal marks, as Yoga's HTTP responses do; a result without errors goes as it is.
        if (result.errors) return { ...result, errors: result.errors.map((error) => publicJSON(error as GraphQLError)) as never };
      },
      // graphql-ws turns a failing stream into an error carrying its message: masked like any other.
      onError: (_ctx, _id, _params, errors) => errors.map((error) => publicJSON(toClientError(error))),
    },
    wss,
  );

  const port = options.port ?? config.port;
  const host = options.host ?? config.host;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  let stopping: Promise<void> | null = null;

  return {
    port: address.port,
    url: `http://${shownHost}:${address.port}${yoga.graphqlEndpoint}`,
    stop: () => (stopping ??= stop()),
  };

  async function stop(): Promise<void> {
    const deadline = Date.now() + config.shutdownTimeoutMs;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive connections become idle as their last request finishes; close them as they do.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.closeIdleConnections();
    for (const socket of wss.clients) socket.close(1001, "Server shutting down");
    const timer = setTimeout(() => {
      server.closeAllConnections();
      for (const socket of wss.clients) socket.terminate();
    }, config.shutdownTimeoutMs);
    await graphqlWs.dispose();
    await closed;
    clearTimeout(timer);
    clearInterval(sweep);
    // Closing the database waits on its connections; a frozen one would hold the process forever.
    await withinGrace(app.close(), Math.max(deadline - Date.now(), 1000));
  }
}

/** Waits for `work`, or gives up after `ms` and logs that it did (the process exits without it). */
async function withinGrace(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<"expired">((resolve) => (timer = setTimeout(() => resolve("expired"), ms)));
  const outcome = await Promise.race([work.then(() => "done" as const), expired]).finally(() => clearTimeout(timer));
  if (outcome === "expired") log.warn("Shutdown: the database did not close within the grace period; leaving it to the process exit");
}

type Execute = NonNullable<ServerOptions["execute"]>;

/** Yoga's enveloped execute/subscribe, carried to graphql-ws through rootValue (as in Yoga's graphql-ws example). */
interface Enveloped {
  execute: Execute;
  subscribe: Execute;
}

/** A socket holding more unsent bytes than this belongs to a reader too far behind to catch up. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** An error as JSON without the marks Yoga keeps for itself (`http`, `unexpected`). */
function publicJSON(error: GraphQLError): GraphQLFormattedError {
  const json = error.toJSON();
  if (!json.extensions) return json;
  const { http: _http, unexpected: _unexpected, ...extensions } = json.extensions;
  return { ...json, extensions };
}

/** What a client may see of an error: masked as Yoga masks, with a documented code. */
function clientError(error: unknown, logger: Yoga["logger"]): GraphQLError {
  const masked = maskError(error, "Unexpected error.");
  // Logged on the server as Yoga logs what it masks.
  if (masked !== error) logger.error(error);
  return masked instanceof GraphQLError ? masked : new GraphQLError("Unexpected error.", { extensions: { code: "INTERNAL_SERVER_ERROR" } });
}
