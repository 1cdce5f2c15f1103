// Live fan-out, run as its own process: N graphql-ws clients (one WebSocket each) subscribe to one
// article, M comments are posted over HTTP, and every delivery is timed from the comment's commit
// (its createdAt, stamped inside the writing transaction) to its receipt. Also runs against the
// peers' fan-out server (--peer), timing from their publishedAtMs.
//   tsx bench/fanout.ts --url http://127.0.0.1:4000/graphql --pid 123 --subs 1000 --comments 20 --interval 1000 --article <id> [--peer] [--out f.json]
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { procStats } from "./http.js";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    pid: { type: "string" },
    subs: { type: "string", default: "1000" },
    comments: { type: "string", default: "20" },
    interval: { type: "string", default: "1000" },
    article: { type: "string" },
    peer: { type: "boolean", default: false },
    out: { type: "string" },
  },
});
const url = values.url!;
const pid = Number(values.pid);
const N = Number(values.subs);
const M = Number(values.comments);
const interval = Number(values.interval);
const peer = values.peer;

const SUBSCRIPTION = peer
  ? `subscription ($a: Int!) { commentAdded(articleId: $a) { id body publishedAtMs } }`
  : `subscription ($a: ID!) { commentAdded(articleId: $a) { ... on CommentAdded { cursor comment { id body createdAt } } } }`;
const variables = { a: peer ? Number(values.article) : values.article };
const mb = (kib: number | undefined) => (kib == null ? null : +(kib / 1024).toFixed(1));
const pct = (list: number[], p: number) => {
  if (list.length === 0) return null;
  const sorted = [...list].sort((x, y) => x - y);
  return +sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!.toFixed(1);
};

const latencies: number[] = [];
const perComment = new Map<string, { count: number; max: number }>();
let errors = 0;
const onMessage = (data: Record<string, any>) => {
  const event = data.commentAdded;
  const id: string = peer ? String(event.id) : event.comment?.id;
  if (!id) return;
  const sent = peer ? Number(event.publishedAtMs) : Date.parse(event.comment.createdAt);
  const latency = Date.now() - sent;
  latencies.push(latency);
  const entry = perComment.get(id) ?? { count: 0, max: 0 };
  entry.count++;
  entry.max = Math.max(entry.max, latency);
  perComment.set(id, entry);
};

await new Promise((resolve) => setTimeout(resolve, 500));
const idle = procStats(pid);
const clients: Client[] = [];
const started = Date.now();
for (let i = 0; i < N; i += 250) {
  await Promise.all(
    Array.from({ length: Math.min(250, N - i) }, () => {
      return new Promise<void>((resolve) => {
        const client = createClient({ url: url.replace(/^http/, "ws"), webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, on: { connected: () => resolve(), error: () => errors++ } });
        clients.push(client);
        client.subscribe({ query: SUBSCRIPTION, variables }, { next: ({ data, errors: e }) => (e ? errors++ : onMessage(data as Record<string, any>)), error: () => errors++, complete: () => {} });
      });
    }),
  );
}
const connectMs = Date.now() - started;

const publish = async (body: string): Promise<string> => {
  const query = peer
    ? `mutation ($a: Int!, $b: String!) { addComment(articleId: $a, authorName: "bench", body: $b) { id } }`
    : `mutation ($a: ID!, $b: String!) { addComment(input: { articleId: $a, body: $b, guest: { name: "Bench", email: "bench@example.org" } }) { ... on AddCommentPayload { comment { id } } } }`;
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables: { a: variables.a, b: body } }) });
  const json = (await response.json()) as { data: { addComment: { id?: string; comment?: { id: string } } } };
  return String(json.data.addComment.id ?? json.data.addComment.comment!.id);
};

// Warm-up: wait until one comment reaches every subscriber (all subscriptions are in place).
const warm = await publish("warm-up");
for (let i = 0; i < 600 && (perComment.get(warm)?.count ?? 0) < N; i++) await new Promise((r) => setTimeout(r, 50));
const warmDelivered = perComment.get(warm)?.count ?? 0;
await new Promise((resolve) => setTimeout(resolve, 500));
const subscribed = procStats(pid);
latencies.length = 0;
perComment.clear();

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, procStats(pid)?.rssKiB ?? 0)), 100);
const cpuBefore = procStats(pid)?.cpuSec ?? 0;
for (let i = 0; i < M; i++) {
  const tick = Date.now();
  await publish(`Comment ${i} ${"x".repeat(80)}`);
  await new Promise((r) => setTimeout(r, Math.max(0, interval - (Date.now() - tick))));
}
for (let i = 0; i < 200 && latencies.length < N * M; i++) await new Promise((r) => setTimeout(r, 50));
clearInterval(sampler);
const cpuUsed = (procStats(pid)?.cpuSec ?? 0) - cpuBefore;

const fanout = [...perComment.values()].map((entry) => entry.max);
const result = {
  target: peer ? "peer" : "newsgraph",
  subscribers: N,
  comments: M,
  interval_ms: interval,
  connect_all_ms: connectMs,
  warm_up_delivered: warmDelivered,
  expected: N * M,
  received: latencies.length,
  lost: N * M - latencies.length,
  errors,
  delivery_ms: { p50: pct(latencies, 50), p99: pct(latencies, 99), max: pct(latencies, 100) },
  all_reached_ms: { p50: pct(fanout, 50), p99: pct(fanout, 99), max: pct(fanout, 100) },
  server_rss_MiB: { idle: mb(idle?.rssKiB), subscribed: mb(subscribed?.rssKiB), peak: mb(peak) },
  kib_per_subscriber: idle && subscribed ? +((subscribed.rssKiB - idle.rssKiB) / N).toFixed(1) : null,
  server_cpu_s: +cpuUsed.toFixed(2),
};
console.log(JSON.stringify(result));
if (values.out) writeFileSync(values.out, JSON.stringify(result, null, 2));
await Promise.all(clients.map((client) => client.dispose()));
process.exit(0);
