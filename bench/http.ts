// HTTP load with autocannon: warm-up, then measured runs; the server's CPU and RSS from /proc.
import autocannon from "autocannon";
import { readFileSync } from "node:fs";

export interface HttpScenario {
  label: string;
  url: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Varies the request body per request (posting comments). */
  bodies?: () => string;
  /** Newsgraph's /metrics, to count the compiled reads and their fallbacks during the run. */
  metrics?: string;
}

export interface HttpResult {
  label: string;
  runs: { reqPerSec: number; p50: number; p99: number; non2xx: number; errors: number; cpuMsPerReq: number | null; rssMaxMiB: number | null }[];
  spreadPct: number;
  statementsPerRequest?: number;
  responseBytes: number;
  /** Compiled reads, and fallbacks to Prisma by "model reason", counted from warm-up to the end. */
  reads?: { compiled: number; fallbacks: Record<string, number> };
}

export function procStats(pid: number): { cpuSec: number; rssKiB: number; hwmKiB: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return {
      cpuSec: (Number(stat[11]) + Number(stat[12])) / 100,
      rssKiB: Number(/VmRSS:\s+(\d+)/.exec(status)![1]),
      hwmKiB: Number(/VmHWM:\s+(\d+)/.exec(status)![1]),
    };
  } catch {
    return null;
  }
}

async function post(url: string, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
  return { status: response.status, text: await response.text() };
}

export async function preflight(scenario: HttpScenario): Promise<number> {
  const body = JSON.stringify({ query: scenario.query, variables: scenario.variables ?? {} });
  const { status, text } = await post(scenario.url, body);
  const json = JSON.parse(text) as { errors?: unknown; data?: Record<string, { __typename?: string }> };
  const typename = json.data && Object.values(json.data)[0]?.__typename;
  // An empty page would measure nothing.
  if (status !== 200 || json.errors || !json.data || (typename && typename.endsWith("Error")) || findConnection(json)?.nodes.length === 0) {
    throw new Error(`${scenario.label}: preflight failed: HTTP ${status} ${text.slice(0, 300)}`);
  }
  return Buffer.byteLength(text);
}

function cannon(scenario: HttpScenario, seconds: number, connections: number): Promise<autocannon.Result> {
  const body = JSON.stringify({ query: scenario.query, variables: scenario.variables ?? {} });
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: scenario.url,
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        connections,
        duration: seconds,
        ...(scenario.bodies
          ? { requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, body: scenario.bodies!() }) }] }
          : { body }),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

export type LoadOptions = { connections: number; seconds: number; warmup: number; runs: number };

/**
 * Scenarios measured in turns: every one is warmed up, then run 1 of each, run 2 of each... On a
 * shared machine the load of other tenants drifts over minutes, so targets compared with each
 * other are measured side by side in time rather than one after the other.
 */
export async function runInterleaved(entries: { scenario: HttpScenario; pid: number }[], options: LoadOptions): Promise<HttpResult[]> {
  const readsBefore = await Promise.all(entries.map(({ scenario }) => (scenario.metrics ? readCounts(scenario.metrics) : null)));
  const responseBytes: number[] = [];
  for (const { scenario } of entries) responseBytes.push(await preflight(scenario));
  if (options.warmup > 0) for (const { scenario } of entries) await cannon(scenario, options.warmup, options.connections);
  const runs: HttpResult["runs"][] = entries.map(() => []);
  // Turns alternate their order (A B, B A, A B...), so a drift in the machine's load favours no one.
  for (let i = 0; i < options.runs; i++) {
    const order = [...entries.entries()];
    if (i % 2 === 1) order.reverse();
    for (const [index, entry] of order) runs[index]!.push(await measure(entry, options, i));
  }
  const results: HttpResult[] = [];
  for (const [index, { scenario }] of entries.entries()) {
    await preflight(scenario);
    const rates = runs[index]!.map((run) => run.reqPerSec);
    const before = readsBefore[index];
    results.push({
      label: scenario.label,
      runs: runs[index]!,
      spreadPct: rates.length > 1 ? +((100 * (Math.max(...rates) - Math.min(...rates))) / Math.min(...rates)).toFixed(1) : 0,
      responseBytes: responseBytes[index]!,
      ...(before && scenario.metrics ? { reads: difference(before, await readCounts(scenario.metrics)) } : {}),
    });
  }
  return results;
}

async function measure({ scenario, pid }: { scenario: HttpScenario; pid: number }, options: LoadOptions, index: number): Promise<HttpResult["runs"][number]> {
  const before = procStats(pid);
  let rssMax = 0;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, procStats(pid)?.rssKiB ?? 0)), 250);
  const result = await cannon(scenario, options.seconds, options.connections);
  clearInterval(sampler);
  const after = procStats(pid);
  const ok = result["2xx"];
  console.error(`  ${scenario.label} run ${index + 1}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
  return {
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpuMsPerReq: before && after ? +((1000 * (after.cpuSec - before.cpuSec)) / Math.max(1, ok)).toFixed(2) : null,
    rssMaxMiB: rssMax ? +(rssMax / 1024).toFixed(0) : null,
  };
}

/**
 * `a`'s rate against `b`'s measured in the same turns: the median of run i's ratios, each pair taken
 * minutes closer together than any two best runs, so a loaded stretch moves both sides of a ratio.
 */
export function turnRatio(a: HttpResult, b: HttpResult): number {
  const ratios = a.runs.flatMap((run, i) => (b.runs[i] ? [run.reqPerSec / b.runs[i]!.reqPerSec] : [])).sort((x, y) => x - y);
  const middle = Math.floor(ratios.length / 2);
  return ratios.length % 2 === 1 ? ratios[middle]! : (ratios[middle - 1]! + ratios[middle]!) / 2;
}

/** SQL statements per request, from the server's own counter on /metrics. */
export async function statementsPerRequest(scenario: HttpScenario, metricsUrl: string, requests = 50): Promise<number> {
  const read = async () => Number(/newsgraph_sql_statements_total (\d+)/.exec(await (await fetch(metricsUrl)).text())![1]);
  const body = JSON.stringify({ query: scenario.query, variables: scenario.variables ?? {} });
  const before = await read();
  for (let i = 0; i < requests; i++) await post(scenario.url, scenario.bodies ? scenario.bodies() : body);
  return +((await read()) - before) / requests;
}

type ReadCounts = NonNullable<HttpResult["reads"]>;

/** Compiled reads and fallbacks by "model reason" so far, from Newsgraph's /metrics. */
async function readCounts(metricsUrl: string): Promise<ReadCounts> {
  const text = await (await fetch(metricsUrl)).text();
  const fallbacks: Record<string, number> = {};
  for (const [, model, reason, count] of text.matchAll(/^newsgraph_compiled_reads_fallbacks_total\{model="([^"]*)",reason="([^"]*)"\} (\d+)$/gm)) {
    fallbacks[`${model} ${reason}`] = Number(count);
  }
  return { compiled: Number(/^newsgraph_compiled_reads_total (\d+)$/m.exec(text)?.[1] ?? 0), fallbacks };
}

function difference(before: ReadCounts, after: ReadCounts): ReadCounts {
  const fallbacks: Record<string, number> = {};
  for (const [key, count] of Object.entries(after.fallbacks)) if (count > (before.fallbacks[key] ?? 0)) fallbacks[key] = count - (before.fallbacks[key] ?? 0);
  return { compiled: after.compiled - before.compiled, fallbacks };
}

type Connection = { nodes: unknown[]; pageInfo?: { endCursor: string | null } };

/** The first object with `nodes` in a GraphQL response (a connection), or null. */
export function findConnection(value: unknown): Connection | null {
  if (!value || typeof value !== "object") return null;
  if ("nodes" in value && Array.isArray(value.nodes)) return value as Connection;
  for (const child of Object.values(value)) {
    const found = findConnection(child);
    if (found) return found;
  }
  return null;
}
