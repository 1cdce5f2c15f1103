// A TCP proxy a test owns, put between the server and a database to make the network fail on cue.
import { createServer, connect, type Socket } from "node:net";

export interface TcpProxy {
  /** The port clients connect to, on 127.0.0.1. */
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string;
  /** Drops every connection and resets new ones at once, as a cut cable or a dead host would. */
  cut(): void;
  /** Holds every byte in both directions, open connections and new ones alike, as a hung network would. */
  freeze(): void;
  /** Forwards again: held bytes flow, new connections reach the target. */
  restore(): void;
  close(): Promise<void>;
}

type Mode = "open" | "cut" | "frozen";

/** Listens on a free port and forwards each connection to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: Mode = "open";
  const pairs = new Set<{ client: Socket; upstream: Socket | null; held: Buffer[] }>();

  const server = createServer((client) => {
    if (mode === "cut") return void client.resetAndDestroy();
    const pair = { client, upstream: null as Socket | null, held: [] as Buffer[] };
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      pair.upstream?.destroy();
    };
    client.on("error", drop).on("close", drop);
    // Bytes a client sends while frozen wait here until the upstream is connected and the proxy restored.
    client.on("data", (chunk) => {
      if (pair.upstream && mode === "open" && pair.held.length === 0) pair.upstream.write(chunk);
      else pair.held.push(chunk);
    });
    if (mode === "frozen") client.pause();
    const openUpstream = () => {
      const upstream = connect(target.port, target.host);
      pair.upstream = upstream;
      upstream.on("error", drop).on("close", drop);
      upstream.on("data", (chunk) => client.write(chunk));
      upstream.once("connect", () => flush(pair));
    };
    if (mode === "frozen") held.push(openUpstream);
    else openUpstream();
  });
  // Connections that arrived while frozen, waiting to be forwarded.
  const held: (() => void)[] = [];

  function flush(pair: { upstream: Socket | null; held: Buffer[] }): void {
    if (mode !== "open" || !pair.upstream) return;
    for (const chunk of pair.held.splice(0)) pair.upstream.write(chunk);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;

  const proxy: TcpProxy = {
    port,
    urlFor(url) {
      const parsed = new URL(url);
      parsed.hostname = "127.0.0.1";
      parsed.port = String(port);
      return parsed.toString();
    },
    cut() {
      mode = "cut";
      held.length = 0;
      for (const pair of [...pairs]) {
        pair.client.resetAndDestroy();
        pair.upstream?.destroy();
      }
      pairs.clear();
    },
    freeze() {
      mode = "frozen";
      for (const pair of pairs) {
        pair.client.pause();
        pair.upstream?.pause();
      }
    },
    restore() {
      mode = "open";
      for (const open of held.splice(0)) open();
      for (const pair of pairs) {
        pair.client.resume();
        pair.upstream?.resume();
        flush(pair);
      }
    },
    async close() {
      proxy.cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
