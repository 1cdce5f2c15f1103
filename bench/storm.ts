// A comment storm with readers watching, run as its own process: N graphql-ws clients subscribe to
// one article, then P comments are posted on it over HTTP at an even pace across S seconds (at most
// C in flight). Every answer is counted as accepted, refused with a documented code (which), or
// masked (INTERNAL_SERVER_ERROR, a 5xx, no answer); post latency is timed per request; every
// accepted comment is checked off at every subscriber, and each delivery is timed from the comment's
// commit (its createdAt, stamped in the writing transaction) to its receipt.
//   tsx bench/storm.ts --url http://127.0.0.1:4000/graphql --subs 500 --posts 2000 --seconds 60 --concurrency 64 --article <id>
import { parseArgs } from "node:util";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    subs: { type: "string", default: "500" },
    posts: { type: "string", default: "2000" },
    seconds: { type: "string", default: "60" },
    concurrency: { type: "string", default: "64" },
    article: { type: "string" },
  },
});
const url = values.url!;
const N = Number(values.subs);
const P = Number(values.posts);
const spacing = (Number(values.seconds) * 1000) / P;
const C = Number(values.concurrency);
const SUBSCRIPTION = `subscription ($a: ID!) { commentAdded(articleId: $a) { ... on CommentAdded { comment { id createdAt } } } }`;
const ADD = `mutation ($a: ID!, $b: String!) { addComment(input: { articleId: $a, body: $b, guest: { name: "Storm", email: "storm@example.org" } }) { __typename ... on AddCommentPayload { comment { id } } ... on Error { code } } }`;
const pct = (list: number[], p: number) => {
  if (list.length === 0) return null;
  const sorted = [...list].sort((x, y) => x - y);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
};

// Deliveries per comment id, counted across subscribers.
const delivered = new Map<string, number>();
const deliveryLatencies: number[] = [];
let subscriberErrors = 0;
const clients: Client[] = [];
for (let i = 0; i < N; i += 250) {
  await Promise.all(
    Array.from({ length: Math.min(250, N - i) }, () => {
      return new Promise<void>((resolve) => {
        // A refused socket counts as an error and does not hold up the start.
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
          { query: SUBSCRIPTION, variables: { a: values.article } },
          {
            next: ({ data }) => {
              const comment = (data as any)?.commentAdded?.comment as { id: string; createdAt: string } | undefined;
              if (!comment) return;
              delivered.set(comment.id, (delivered.get(comment.id) ?? 0) + 1);
              deliveryLatencies.push(Date.now() - Date.parse(comment.createdAt));
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
const accepted: string[] = [];
const refused = new Map<string, number>();
const masked = new Map<string, number>();
const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
let inFlight = 0;
let waiting: (() => void) | null = null;

async function postOne(i: number): Promise<void> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: ADD, variables: { a: values.article, b: `Storm comment ${i}` } }),
      signal: AbortSignal.timeout(120_000),
    });
    const json = (await response.json().catch(() => null)) as any;
    const result = json?.data?.addComment;
    const code: string | undefined = result?.code ?? json?.errors?.[0]?.extensions?.code;
    if (result?.__typename === "AddCommentPayload") accepted.push(result.comment.id);
    else if (!code || code === "INTERNAL_SERVER_ERROR" || response.status >= 500 && !response.headers.get("retry-after")) count(masked, code ?? `HTTP ${response.status}`);
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
const posts: Promise<void>[] = [];
for (let i = 0; i < P; i++) {
  const due = started + i * spacing;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  while (inFlight >= C) await new Promise<void>((resolve) => (waiting = resolve));
  inFlight++;
  posts.push(postOne(i));
}
await Promise.all(posts);
const postingSeconds = (performance.now() - started) / 1000;

// Deliveries still in flight get up to a minute to land.
const expected = accepted.length * N;
const deliveredOf = () => accepted.reduce((sum, id) => sum + Math.min(N, delivered.get(id) ?? 0), 0);
for (let i = 0; i < 600 && deliveredOf() < expected; i++) await new Promise((resolve) => setTimeout(resolve, 100));

const result = {
  subscribers: N,
  posts: P,
  seconds: +postingSeconds.toFixed(1),
  concurrency: C,
  accepted: accepted.length,
  refused: Object.fromEntries(refused),
  masked: Object.fromEntries(masked),
  post_ms: { p50: pct(latencies, 50), p99: pct(latencies, 99), max: pct(latencies, 100) },
  delivery_ms: { p50: pct(deliveryLatencies, 50), p99: pct(deliveryLatencies, 99), max: pct(deliveryLatencies, 100) },
  delivered: deliveredOf(),
  expected_deliveries: expected,
  lost: expected - deliveredOf(),
  subscriber_errors: subscriberErrors,
};
console.log(JSON.stringify(result));
await Promise.all(clients.map((client) => client.dispose()));
process.exit(0);
