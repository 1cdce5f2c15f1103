// A reaction storm with readers watching, run as its own process: N graphql-ws clients follow the
// thread of the hot article's first comment (threadUpdated), then R reactions are sent to that comment
// over HTTP at an even pace across S seconds (at most C in flight), each by another guest browser
// key so that every one moves the count. Counted: reactions accepted per second, refused (which
// code) and masked answers, reaction latency, and per subscriber the messages received per second
// and whether the last one carried the final count (coalescing must not lose the last change).
//   tsx bench/reaction-storm.ts --url http://127.0.0.1:4000/graphql --subs 500 --reactions 5000 --seconds 10 --article <id>
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    subs: { type: "string", default: "500" },
    reactions: { type: "string", default: "5000" },
    seconds: { type: "string", default: "10" },
    concurrency: { type: "string", default: "64" },
    article: { type: "string" },
  },
});
const url = values.url!;
const N = Number(values.subs);
const R = Number(values.reactions);
const spacing = (Number(values.seconds) * 1000) / R;
const C = Number(values.concurrency);
const THREAD = `subscription ($c: ID!) { threadUpdated(rootId: $c) { ... on ThreadUpdate { kind comment { reactions { kind count } } } } }`;
const REACT = `mutation ($c: ID!) { react(input: { commentId: $c, kind: "RESPECT" }) { __typename ... on Error { code } } }`;
const pct = (list: number[], p: number) => {
  if (list.length === 0) return null;
  const sorted = [...list].sort((x, y) => x - y);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
};
const post = async (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(120_000) });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), json: (await response.json().catch(() => null)) as any };
};
// A private header: the answer is read fresh, never from the response cache.
const fresh = { "x-reader-key": randomBytes(16).toString("hex") };
const respectOf = async (commentId: string) =>
  (await post(`query ($c: ID!) { node(id: $c) { ... on Comment { reactions { kind count } } } }`, { c: commentId }, fresh)).json?.data?.node?.reactions?.find((r: { kind: string }) => r.kind === "RESPECT")?.count as number;

const page = await post(`query ($a: ID!) { article(id: $a) { comments(first: 1, orderBy: OLDEST) { nodes { id } } } }`, { a: values.article });
const commentId: string = page.json.data.article.comments.nodes[0].id;
const before = await respectOf(commentId);

// Per subscriber: messages received, and the last count each carried.
const received = Array.from({ length: N }, () => ({ messages: 0, last: -1 }));
let subscriberErrors = 0;
const clients: Client[] = [];
for (let i = 0; i < N; i += 250) {
  await Promise.all(
    Array.from({ length: Math.min(250, N - i) }, (_, j) => {
      const seen = received[i + j]!;
      return new Promise<void>((resolve) => {
        const client = createClient({
          url: url.replace(/^http/, "ws"),
          webSocketImpl: WebSocket,
          lazy: false,
          retryAttempts: 0,
          onNonLazyError: () => {},
          on: { connected: () => resolve(), closed: () => resolve(), error: () => subscriberErrors++ },
        });
        clients.push(client);
        client.subscribe(
          { query: THREAD, variables: { c: commentId } },
          {
            next: ({ data }) => {
              const update = (data as any)?.threadUpdated;
              if (update?.kind !== "REACTIONS_CHANGED") return;
              seen.messages++;
              seen.last = update.comment?.reactions?.find((r: { kind: string }) => r.kind === "RESPECT")?.count ?? seen.last;
            },
            error: () => subscriberErrors++,
            complete: () => {},
          },
        );
      });
    }),
  );
}
await new Promise((resolve) => setTimeout(resolve, 1000));

const latencies: number[] = [];
let accepted = 0;
const refused = new Map<string, number>();
const masked = new Map<string, number>();
const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
let inFlight = 0;
let waiting: (() => void) | null = null;

async function reactOnce(): Promise<void> {
  const started = performance.now();
  try {
    const { status, retryAfter, json } = await post(REACT, { c: commentId }, { "x-reader-key": randomBytes(16).toString("hex") });
    const result = json?.data?.react;
    const code: string | undefined = result?.code ?? json?.errors?.[0]?.extensions?.code;
    if (result?.__typename === "ReactionPayload") accepted++;
    else if (!code || code === "INTERNAL_SERVER_ERROR" || (status >= 500 && !retryAfter)) count(masked, code ?? `HTTP ${status}`);
    else count(refused, code);
  } catch (error) {
    count(masked, (error as Error).name);
  } finally {
    latencies.push(performance.now() - started);
    inFlight--;
    waiting?.();
  }
}

const started = performance.now();
const sent: Promise<void>[] = [];
for (let i = 0; i < R; i++) {
  const wait = started + i * spacing - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  while (inFlight >= C) await new Promise<void>((resolve) => (waiting = resolve));
  inFlight++;
  sent.push(reactOnce());
}
await Promise.all(sent);
const stormSeconds = (performance.now() - started) / 1000;

// The trailing announcement comes a window after the last; give it, and its fan-out, up to 30 s.
const final = await respectOf(commentId);
for (let i = 0; i < 300 && received.some((seen) => seen.last !== final); i++) await new Promise((resolve) => setTimeout(resolve, 100));
const listenedSeconds = (performance.now() - started) / 1000;
const rates = received.map((seen) => seen.messages / listenedSeconds);

const result = {
  subscribers: N,
  reactions: R,
  seconds: +stormSeconds.toFixed(1),
  concurrency: C,
  accepted,
  accepted_per_second: +(accepted / stormSeconds).toFixed(1),
  counted: final - before,
  refused: Object.fromEntries(refused),
  masked: Object.fromEntries(masked),
  react_ms: { p50: pct(latencies, 50), p99: pct(latencies, 99), max: pct(latencies, 100) },
  messages_per_subscriber_per_second: { p50: N ? +(pct(rates.map((r) => r * 1000), 50)! / 1000).toFixed(2) : null, max: N ? +(Math.max(...rates)).toFixed(2) : null },
  subscribers_with_final_count: received.filter((seen) => seen.last === final).length,
  subscriber_errors: subscriberErrors,
};
console.log(JSON.stringify(result));
await Promise.all(clients.map((client) => client.dispose()));
process.exit(0);
