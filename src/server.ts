// HTTP and WebSocket (graphql-ws) on one port, with graceful shutdown.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GraphQLError } from "graphql";
import type { ServerOptions } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import type { App } from "./app.js";
import { frontOfYoga } from "./front.js";
import { parseEditKeys, type Identity } from "./auth.js";
import type { Channel } from "./live/shared-execution.js";

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to the shutdown timeout), closes sockets. */
  stop(): Promise<void>;
}

export async function startServer(app: App, options: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const { yoga, config } = app;
  const server: Server = createServer(frontOfYoga(yoga, app.responseCache));
  const wss = new WebSocketServer({ server, path: yoga.graphqlEndpoint });
  const graphqlWs = useServer<Record<string, unknown> | undefined, { identity: Identity }>(
    {
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      // The token is checked once, at connection init; a bad one closes the socket with 4403.
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = params.authorization ?? params.Authorization;
        try {
          const viewer = await app.services.authenticate(typeof authorization === "string" ? authorization : null);
          ctx.extra.identity = { viewer, editKeys: parseEditKeys(params.editKeys) };
          // Nothing reads the upgrade request after this; holding it costs every socket memory.
          (ctx.extra as { request?: unknown }).request = undefined;
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: async (ctx, id, params) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          identity: ctx.extra.identity,
          params,
        });
        let document;
        try {
          document = parse(params.query);
        } catch (error) {
          // A syntax error is the client's: an `error` message for that operation, not a closed socket.
          return [error instanceof GraphQLError ? error : new GraphQLError("The operation could not be parsed.")];
        }
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
        return {
          schema,
          document,
          operationName: params.operationName,
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe, channel: channelFor(ctx.extra.socket, id) },
        };
      },
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
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive connections become idle as their last request finishes; close them as they do.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.closeIdleConnections();
    for (const socket of wss.clients) socket.close(1001, "Server shutting down");
    await graphqlWs.dispose();
    const timer = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
    await closed;
    clearTimeout(timer);
    clearInterval(sweep);
    await app.close();
  }
}

type Execute = NonNullable<ServerOptions["execute"]>;

/** Yoga's enveloped execute/subscribe, carried to graphql-ws through rootValue. */
interface Enveloped {
  execute: Execute;
  subscribe: Execute;
}

/** Where live results for operation `id` on this socket are written straight to (src/live/shared-execution.ts). */
function channelFor(socket: WebSocket, id: string): Channel {
  return {
    id,
    send: (message) => {
      if (socket.readyState === socket.OPEN) socket.send(message);
    },
    buffered: () => socket.bufferedAmount,
  };
}
