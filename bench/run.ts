// `npm run bench`: loads the dataset, measures Newsgraph (HTTP load and live fan-out) on
// PostgreSQL (and the HTTP pages on SQLite), measures the peers in ../shared/bench-peers in the
// same run when they are there (each page in turns with Newsgraph's on PostgreSQL), prints one
// Markdown table and writes the raw numbers to bench/results/.
// Options: --quick (shorter runs), --sqlite-only, --no-peers, --subs 1000,10000.
// Scenarios by name run alone: `npm run bench -- storm` (a comment storm with and without readers),
// `npm run bench -- reactions` (a reaction storm on the hot article's first comment, with readers),
// `npm run bench -- import` (a generated 100,000-comment WXR imported into an empty database),
// `npm run bench -- variants` (only the hot pages' variants on PostgreSQL, beside PostGraphile).
// BENCH_DATABASE names the PostgreSQL database it recreates (newsgraph_bench by default).
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { runInterleaved, statementsPerRequest, turnRatio, type HttpResult, type HttpScenario } from "./http.js";
import { startPeers, type Server } from "./peers.js";
import { variants } from "./variants.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: "boolean", default: false },
    "sqlite-only": { type: "boolean", default: false },
    "no-peers": { type: "boolean", default: false },
    subs: { type: "string", default: "1000,10000" },
    postgres: { type: "string", default: process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
  },
});
const ROOT = resolve(import.meta.dirname, "..");
const only = new Set(positionals);
const wanted = (scenario: "http" | "variants" | "fanout" | "storm" | "reactions" | "peers" | "import") =>
  only.size === 0 || only.has(scenario) || (scenario === "variants" && only.has("http"));
/** The import: IMPORT.comments comments on IMPORT.posts posts, generated as one WXR file. */
const IMPORT = values.quick ? { comments: 20_000, posts: 100 } : { comments: 100_000, posts: 300 };
/** The storm: STORM.posts comments on one article across STORM.seconds, with 0 and then STORM.subs readers. */
const STORM = values.quick ? { posts: 600, seconds: 20, subs: 500 } : { posts: 2000, seconds: 60, subs: 500 };
/** The reaction storm: REACTIONS.reactions on one comment across REACTIONS.seconds, REACTIONS.subs readers following its thread. */
const REACTIONS = values.quick ? { reactions: 2000, seconds: 10, subs: 200 } : { reactions: 6000, seconds: 20, subs: 500 };
const RESULTS = join(ROOT, "bench/results");
const PEERS = resolve(ROOT, "../shared/bench-peers");
const load = values.quick
  ? { connections: 20, seconds: 5, warmup: 2, runs: 2 }
  : { connections: 20, seconds: 10, warmup: 5, runs: 3 };
/**
 * The hot pages' variants run shorter, in five turns with PostGraphile of 3 s each: the same time as
 * three of 5 s, with more turns for the median, so one loaded stretch of a shared machine does not
 * decide a row.
 */
const variantLoad = values.quick ? { connections: 20, seconds: 3, warmup: 1, runs: 1 } : { connections: 20, seconds: 3, warmup: 2, runs: 5 };
const fanoutComments = values.quick ? 5 : 15;
const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64url");
// The command `npm run start:built` runs (its Node flags included; its environment is set below), run
// without npm in between so that /proc/<pid> is the server's.
const START_BUILT = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts["start:built"]!
  .split(" ")
  .filter((word) => !/^[A-Z_]+=/.test(word));
const query = (name: string) => readFileSync(join(ROOT, "bench/queries", `${name}.graphql`), "utf8");
const log = (line: string) => console.error(`[bench] ${line}`);

interface Report {
  startedAt: string;
  machine: { node: string; cpus: number };
  http: (HttpResult & { target: string; database: string; variant?: boolean })[];
  fanout: Record<string, unknown>[];
  storm: Record<string, unknown>[];
  reactions: Record<string, unknown>[];
  imports: Record<string, unknown>[];
  notes: string[];
}
const report: Report = { startedAt: new Date().toISOString(), machine: { node: process.version, cpus: (await import("node:os")).cpus().length }, http: [], fanout: [], storm: [], reactions: [], imports: [], notes: [] };

// The server runs built, as `npm run start:built` runs it in production.
execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "inherit" });
const postgresUp = !values["sqlite-only"] && (await canConnect(values.postgres));
if (!postgresUp && !values["sqlite-only"]) report.notes.push(`PostgreSQL did not answer at ${values.postgres}: SQLite only.`);

// The peers' HTTP servers run beside Newsgraph's on PostgreSQL, so each page is measured on all
// three in turns (see runInterleaved); their fan-out server runs after.
// `-- http` alone brings the peers' HTTP servers too, as its pages are compared with theirs.
const peersWanted = postgresUp && !values["no-peers"] && (wanted("peers") || wanted("variants") || wanted("fanout")) && existsSync(PEERS);
if (!peersWanted && !values["no-peers"]) report.notes.push(existsSync(PEERS) ? "peers need PostgreSQL: skipped" : `no peers at ${PEERS}: skipped`);
const peers = peersWanted ? await startPeers(ROOT, PEERS, { freshPostgres, startProcess, log }) : null;

// --- Newsgraph ---------------------------------------------------------------------------------
const targets: { database: string; url: string }[] = [];
if (postgresUp) targets.push({ database: "postgresql", url: await freshPostgres(process.env.BENCH_DATABASE ?? "newsgraph_bench") });
targets.push({ database: "sqlite", url: `file:${join(ROOT, "data/bench.db")}` });

// The import writes into an empty database of its own, before the dataset is loaded for the rest.
for (const target of wanted("import") ? targets : []) {
  const url = target.database === "sqlite" ? `file:${join(ROOT, "data/bench-import.db")}` : await freshPostgres(`${process.env.BENCH_DATABASE ?? "newsgraph_bench"}_import`);
  if (target.database === "sqlite") for (const suffix of ["", "-wal", "-shm"]) rmSync(join(ROOT, `data/bench-import.db${suffix}`), { force: true });
  log(`import: ${IMPORT.comments} comments on ${IMPORT.posts} posts into ${target.database}`);
  const output = execFileSync("node", ["--import", "tsx", "bench/import.ts", "--url", url, "--comments", String(IMPORT.comments), "--posts", String(IMPORT.posts)], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  report.imports.push({ database: target.database, ...(JSON.parse(output.trim().split("\n").at(-1)!) as Record<string, unknown>) });
}

const dataWanted = (["http", "variants", "fanout", "storm", "reactions"] as const).some(wanted);
// The variants alone are measured where PostGraphile runs beside them: on PostgreSQL when it answers.
const variantsAlone = !(["http", "fanout", "storm", "reactions"] as const).some(wanted);
for (const target of dataWanted ? targets.filter((t) => !variantsAlone || !postgresUp || t.database === "postgresql") : []) {
  if (target.database === "sqlite") for (const suffix of ["", "-wal", "-shm"]) rmSync(join(ROOT, `data/bench.db${suffix}`), { force: true });
  const started = Date.now();
  execFileSync("node", ["--import", "tsx", "bench/dataset.ts"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: target.url }, stdio: ["ignore", "inherit", "inherit"] });
  report.notes.push(`dataset on ${target.database} loaded in ${((Date.now() - started) / 1000).toFixed(1)} s (migrations included)`);

  for (const cache of wanted("http") ? [false, true] : wanted("variants") ? [false] : []) {
    const server = await startNewsgraph({ DATABASE_URL: target.url, RESPONSE_CACHE: String(cache) });
    const label = (name: string) => `newsgraph${cache ? "+cache" : ""} ${name}`;
    const scenarios: HttpScenario[] = !wanted("http") ? [] : [
      { label: label("article page"), url: server.url, query: query("article-page"), variables: { id: globalId("Article", 1) }, metrics: server.metrics },
      { label: label("front page"), url: server.url, query: query("front-page"), metrics: server.metrics },
    ];
    if (!cache && wanted("http")) {
      let n = 0;
      const mutation = `mutation ($input: AddCommentInput!) { addComment(input: $input) { __typename } }`;
      scenarios.push({
        label: label("post comment"),
        url: server.url,
        query: mutation,
        variables: { input: { articleId: globalId("Article", 5), body: "Benchmark comment", guest: { name: "Bench", email: "bench@example.org" } } },
        bodies: () => JSON.stringify({ query: mutation, variables: { input: { articleId: globalId("Article", 5 + (n++ % 50)), body: `Benchmark comment ${n}`, guest: { name: "Bench", email: "bench@example.org" } } } }),
      });
    }
    // The one-statement post is measured in turns with the Prisma transaction it stands in for.
    const transactions = target.database === "postgresql" && !cache && wanted("http") ? await startNewsgraph({ DATABASE_URL: target.url, RESPONSE_CACHE: "false", ONE_STATEMENT_POSTS: "false" }) : null;
    // The pages are measured in turns with Yoga's own executor, which graphql-jit stands in for.
    const standard = target.database === "postgresql" && !cache && wanted("http") ? await startNewsgraph({ DATABASE_URL: target.url, RESPONSE_CACHE: "false", GRAPHQL_JIT: "false" }) : null;
    for (const scenario of scenarios) {
      const page = scenario.label.replace(/^\S+ /, "");
      const rivals = target.database === "postgresql" && !cache ? (peers?.scenarios.filter((peer) => peer.scenario.label.endsWith(page)) ?? []) : [];
      if (transactions && page === "post comment") {
        rivals.push({ name: "newsgraph, every post a transaction", scenario: { ...scenario, label: "newsgraph post comment, every post a transaction", url: transactions.url }, pid: transactions.pid });
      }
      if (standard && page !== "post comment") {
        rivals.push({ name: "newsgraph, Yoga's executor", scenario: { ...scenario, label: `newsgraph ${page}, Yoga's executor`, url: standard.url, metrics: standard.metrics }, pid: standard.pid });
      }
      const [result, ...peerResults] = await runInterleaved([{ scenario, pid: server.pid }, ...rivals], load);
      result!.statementsPerRequest = await statementsPerRequest(scenario, server.metrics);
      report.http.push({ ...result!, target: "newsgraph", database: target.database });
      for (const [index, peerResult] of peerResults.entries()) report.http.push({ ...peerResult, target: rivals[index]!.name, database: "postgresql" });
    }
    if (!cache && (target.database === "postgresql" || !postgresUp)) {
      // The posting rows just wrote thousands of comments to Newsgraph's database alone: settled
      // now, autovacuum does not take its turn on them while the reads are timed beside the peer's.
      if (target.database === "postgresql" && wanted("http")) await vacuumAnalyze(target.url);
      const peer = target.database === "postgresql" ? (peers?.scenarios.find((rival) => rival.name === "postgraphile") ?? null) : null;
      for (const variant of await variants(ROOT, server.url, peer?.scenario.url ?? null)) {
        const ours = { scenario: { ...variant.ours, metrics: server.metrics }, pid: server.pid };
        const [result, peerResult] = await runInterleaved(variant.peer && peer ? [ours, { scenario: variant.peer, pid: peer.pid }] : [ours], variantLoad);
        result!.statementsPerRequest = await statementsPerRequest(variant.ours, server.metrics, 20);
        report.http.push({ ...result!, target: "newsgraph", database: target.database, variant: true });
        if (peerResult) report.http.push({ ...peerResult, target: "postgraphile", database: "postgresql", variant: true });
        if (variant.note && peerResult) report.notes.push(`${variant.page}: ${variant.note}`);
      }
    }
    await transactions?.stop();
    await standard?.stop();
    await server.stop();
  }

  if (wanted("storm")) {
    for (const subs of [0, STORM.subs]) {
      const server = await startNewsgraph({ DATABASE_URL: target.url, RESPONSE_CACHE: "true" });
      report.storm.push({ database: target.database, ...(await storm({ url: server.url, subs, article: globalId("Article", subs === 0 ? 300 : 301) })) });
      await server.stop();
    }
  }

  if (wanted("reactions")) {
    const server = await startNewsgraph({ DATABASE_URL: target.url, RESPONSE_CACHE: "true" });
    report.reactions.push({ database: target.database, ...(await reactionStorm({ url: server.url, article: globalId("Article", 1) })) });
    await server.stop();
  }

  if (target.database === "postgresql" && wanted("fanout")) {
    for (const [i, subs] of values.subs.split(",").map(Number).entries()) {
      const server = await startNewsgraph({ DATABASE_URL: target.url, RESPONSE_CACHE: "true" });
      report.fanout.push(await fanout({ url: server.url, pid: server.pid, subs, article: globalId("Article", 100 + i) }));
      await server.stop();
    }
  }
}

// --- Peers' fan-out ---------------------------------------------------------------------------
if (peers) await peers.stop();
if (peers && (wanted("fanout") || wanted("peers"))) {
  for (const subs of values.subs.split(",").map(Number)) {
    const server = await startProcess("node", ["sub-server.mjs"], { cwd: peers.dir, port: 5690, env: { PORT: "5690" } });
    report.fanout.push(await fanout({ url: server.url, pid: server.pid, subs, article: "1", peer: true }));
    await server.stop();
  }
}

// --- Report ------------------------------------------------------------------------------------
mkdirSync(RESULTS, { recursive: true });
const stamp = report.startedAt.replace(/[:.]/g, "-");
// A run of named scenarios keeps its own latest file, beside the full run's.
const suffix = only.size > 0 ? `-${[...only].join("+")}` : "";
writeFileSync(join(RESULTS, `${stamp}${suffix}.json`), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(RESULTS, `latest${suffix}.json`), `${JSON.stringify(report, null, 2)}\n`);
console.log(markdown(report));
process.exit(0);

// --- helpers -----------------------------------------------------------------------------------
async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function freshPostgres(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: values.postgres });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(values.postgres);
  url.pathname = `/${name}`;
  return url.toString();
}

/** VACUUM ANALYZE of the database at `url`. */
async function vacuumAnalyze(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("VACUUM ANALYZE");
  } finally {
    await client.end();
  }
}

async function startProcess(command: string, args: string[], options: { cwd: string; env: Record<string, string>; port: number; path?: string }): Promise<Server> {
  const child: ChildProcess = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${options.port}`;
  for (let i = 0; i < 150; i++) {
    try {
      await fetch(`${base}${options.path ?? "/graphql"}`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{__typename}"}' });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await new Promise((r) => setTimeout(r, 500));
  return {
    url: `${base}/graphql`,
    metrics: `${base}/metrics`,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((done) => {
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
}

function startNewsgraph(env: Record<string, string>): Promise<Server> {
  const port = 4700 + Math.floor(Math.random() * 200);
  return startProcess(START_BUILT[0]!, START_BUILT.slice(1), {
    cwd: ROOT,
    port,
    // Every benchmark client connects from this one address, and posts faster than a reader may.
    env: { ...env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", SEED_DEMO_CONTENT: "false", JWT_SECRET: randomBytes(32).toString("hex"), MAX_CONNECTIONS_PER_ADDRESS: "0", RATE_LIMITS: "false" },
  });
}

async function storm(options: { url: string; subs: number; article: string }): Promise<Record<string, unknown>> {
  log(`storm: ${STORM.posts} posts in ${STORM.seconds} s, ${options.subs} subscribers`);
  const output = execFileSync(
    "node",
    ["--import", "tsx", "bench/storm.ts", "--url", options.url, "--subs", String(options.subs), "--posts", String(STORM.posts), "--seconds", String(STORM.seconds), "--article", options.article],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24, stdio: ["ignore", "pipe", "inherit"] },
  );
  return JSON.parse(output.trim().split("\n").at(-1)!) as Record<string, unknown>;
}

async function reactionStorm(options: { url: string; article: string }): Promise<Record<string, unknown>> {
  log(`reactions: ${REACTIONS.reactions} reactions in ${REACTIONS.seconds} s, ${REACTIONS.subs} subscribers`);
  const output = execFileSync(
    "node",
    ["--import", "tsx", "bench/reaction-storm.ts", "--url", options.url, "--subs", String(REACTIONS.subs), "--reactions", String(REACTIONS.reactions), "--seconds", String(REACTIONS.seconds), "--article", options.article],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24, stdio: ["ignore", "pipe", "inherit"] },
  );
  return JSON.parse(output.trim().split("\n").at(-1)!) as Record<string, unknown>;
}

async function fanout(options: { url: string; pid: number; subs: number; article: string; peer?: boolean }): Promise<Record<string, unknown>> {
  log(`fan-out: ${options.subs} subscribers${options.peer ? " (peer)" : ""}`);
  const output = execFileSync(
    "node",
    ["--import", "tsx", "bench/fanout.ts", "--url", options.url, "--pid", String(options.pid), "--subs", String(options.subs), "--comments", String(fanoutComments), "--interval", "1000", "--article", options.article, ...(options.peer ? ["--peer"] : [])],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24, stdio: ["ignore", "pipe", "inherit"] },
  );
  return JSON.parse(output.trim().split("\n").at(-1)!) as Record<string, unknown>;
}

function markdown(r: Report): string {
  const rate = (result: HttpResult) => result.runs.map((run) => run.reqPerSec).join(" / ");
  const find = (target: string, name: string) => r.http.find((h) => h.target === target && h.label.endsWith(name) && h.database === "postgresql");
  const lines = [
    `## HTTP (concurrency ${load.connections}, ${load.warmup} s warm-up, ${load.runs} × ${load.seconds} s)`,
    "",
    `Variants (the rows after each database's main pages): ${variantLoad.warmup} s warm-up, ${variantLoad.runs} × ${variantLoad.seconds} s. Compiled / fallbacks: Newsgraph's compiled reads and its fallbacks to Prisma during the row's runs.`,
    "",
    "Ratios (vs PostGraphile, vs naive): the median over the turns of the two rates measured in that turn; turns alternate which side runs first.",
    "",
    "| target | database | req/s (runs) | spread | p50 ms | p99 ms | CPU ms/req | peak RSS MiB | SQL/req | compiled / fallbacks | vs PostGraphile | vs naive |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
  ];
  const reads = (h: HttpResult) =>
    h.reads ? `${h.reads.compiled} / ${Object.entries(h.reads.fallbacks).map(([reason, n]) => `${n} ${reason}`).join(", ") || "0"}` : "";
  // A run of other scenarios alone has no HTTP rows: no empty table.
  if (r.http.length === 0) lines.length = 0;
  for (const h of r.http) {
    const page = h.label.replace(/^\S+ /, "");
    const pgRef = find("postgraphile", page);
    const naiveRef = find("naive", page);
    const ratio = (ref?: HttpResult) => (ref && h.target.startsWith("newsgraph") ? `${turnRatio(h, ref).toFixed(2)}×` : "");
    lines.push(
      `| ${h.label} | ${h.database} | ${rate(h)} | ${h.spreadPct}% | ${h.runs.map((x) => x.p50).join("/")} | ${h.runs.map((x) => x.p99).join("/")} | ${h.runs.map((x) => x.cpuMsPerReq).join("/")} | ${Math.max(...h.runs.map((x) => x.rssMaxMiB ?? 0))} | ${h.statementsPerRequest ?? ""} | ${reads(h)} | ${ratio(pgRef)} | ${ratio(naiveRef)} |`,
    );
  }
  const executorRatios = ["article page", "front page"].flatMap((page) => {
    const jit = r.http.find((h) => h.target === "newsgraph" && h.label === `newsgraph ${page}` && h.database === "postgresql");
    const standard = find("newsgraph, Yoga's executor", `${page}, Yoga's executor`);
    return jit && standard ? [`${page} ${turnRatio(jit, standard).toFixed(2)}×`] : [];
  });
  if (executorRatios.length > 0) lines.push("", `graphql-jit against Yoga's own executor, same build, in turns (median of the turns' ratios): ${executorRatios.join(", ")}.`);
  if (r.fanout.length > 0) {
    lines.push("", `## Live fan-out (one article, ${fanoutComments} comments at 1 per second, subscribers in a separate process)`, "");
    lines.push("| target | subscribers | received / expected | lost | delivery p50 ms | p99 ms | all reached p99 ms | RSS idle → subscribed MiB | KiB per subscriber | server CPU s |");
    lines.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |");
  }
  for (const f of r.fanout as any[]) {
    lines.push(
      `| ${f.target} | ${f.subscribers} | ${f.received} / ${f.expected} | ${f.lost} | ${f.delivery_ms.p50} | ${f.delivery_ms.p99} | ${f.all_reached_ms.p99} | ${f.server_rss_MiB.idle} → ${f.server_rss_MiB.subscribed} | ${f.kib_per_subscriber} | ${f.server_cpu_s} |`,
    );
  }
  if (r.storm.length > 0) {
    lines.push("", `## Comment storm (${STORM.posts} posts on one article across ${STORM.seconds} s, at most 64 in flight)`, "");
    lines.push("| database | subscribers | accepted | refused (code) | masked | post p50 ms | p99 ms | delivery p50 ms | p99 ms | delivered / expected | lost |");
    lines.push("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    const codes = (counts: Record<string, number>) => Object.entries(counts).map(([code, n]) => `${n} ${code}`).join(", ") || "0";
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    for (const s of r.storm as any[]) {
      lines.push(`| ${s.database} | ${s.subscribers} | ${s.accepted} | ${codes(s.refused)} | ${total(s.masked)} | ${s.post_ms.p50} | ${s.post_ms.p99} | ${s.delivery_ms?.p50 ?? ""} | ${s.delivery_ms?.p99 ?? ""} | ${s.delivered} / ${s.expected_deliveries} | ${s.lost} |`);
    }
  }
  if (r.reactions.length > 0) {
    lines.push("", `## Reaction storm (${REACTIONS.reactions} reactions on the hot article's first comment across ${REACTIONS.seconds} s, at most 64 in flight, each by another guest)`, "");
    lines.push("| database | subscribers | accepted | accepted / s | counted | refused (code) | masked | react p50 ms | p99 ms | messages / s per subscriber (p50, max) | final count reached |");
    lines.push("| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
    const codes = (counts: Record<string, number>) => Object.entries(counts).map(([code, n]) => `${n} ${code}`).join(", ") || "0";
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    for (const s of r.reactions as any[]) {
      lines.push(`| ${s.database} | ${s.subscribers} | ${s.accepted} | ${s.accepted_per_second} | ${s.counted} | ${codes(s.refused)} | ${total(s.masked)} | ${s.react_ms.p50} | ${s.react_ms.p99} | ${s.messages_per_subscriber_per_second.p50}, ${s.messages_per_subscriber_per_second.max} | ${s.subscribers_with_final_count} / ${s.subscribers} |`);
    }
  }
  if (r.imports.length > 0) {
    lines.push("", `## WordPress import (a generated WXR: ${IMPORT.comments} comments in threads on ${IMPORT.posts} posts, into an empty database)`, "");
    lines.push("| database | posts | comments | file MiB | seconds | comments / s | peak RSS MiB |");
    lines.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const i of r.imports as any[]) lines.push(`| ${i.database} | ${i.posts} | ${i.comments} | ${i.file_MiB} | ${i.seconds} | ${i.comments_per_second} | ${i.peak_rss_MiB} |`);
  }
  if (r.notes.length > 0) lines.push("", ...r.notes.map((note) => `- ${note}`));
  return lines.join("\n");
}
