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
}

export interface HttpResult {
  label: string;
  runs: { reqPerSec: number; p50: number; p99: number; non2xx: number; errors: number; cpuMsPerReq: number | null; rssMaxMiB: number | null }[];
  spreadPct: number;
  statementsPerRequest?: number;
  responseBytes: number;
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
  if (status !== 200 || json.errors || !json.data || (typename && typename.endsWith("Error"))) {
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

export async function runHttp(
  scenario: HttpScenario,
  options: { pid: number; connections: number; seconds: number; warmup: number; runs: number },
): Promise<HttpResult> {
  const responseBytes = await preflight(scenario);
  if (options.warmup > 0) await cannon(scenario, options.warmup, options.connections);
  const runs: HttpResult["runs"] = [];
  for (let i = 0; i < options.runs; i++) {
    const before = procStats(options.pid);
    let rssMax = 0;
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, procStats(options.pid)?.rssKiB ?? 0)), 250);
    const result = await cannon(scenario, options.seconds, options.connections);
    clearInterval(sampler);
    const after = procStats(options.pid);
    const ok = result["2xx"];
    runs.push({
      reqPerSec: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      cpuMsPerReq: before && after ? +((1000 * (after.cpuSec - before.cpuSec)) / Math.max(1, ok)).toFixed(2) : null,
      rssMaxMiB: rssMax ? +(rssMax / 1024).toFixed(0) : null,
    });
    console.error(`  ${scenario.label} run ${i + 1}: ${runs.at(-1)!.reqPerSec} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
  }
  await preflight(scenario);
  const rates = runs.map((run) => run.reqPerSec);
  return {
    label: scenario.label,
    runs,
    spreadPct: rates.length > 1 ? +((100 * (Math.max(...rates) - Math.min(...rates))) / Math.min(...rates)).toFixed(1) : 0,
    responseBytes,
  };
}

/** SQL statements per request, from the server's own counter on /metrics. */
export async function statementsPerRequest(scenario: HttpScenario, metricsUrl: string, requests = 50): Promise<number> {
  const read = async () => Number(/newsgraph_sql_statements_total (\d+)/.exec(await (await fetch(metricsUrl)).text())![1]);
  const body = JSON.stringify({ query: scenario.query, variables: scenario.variables ?? {} });
  const before = await read();
  for (let i = 0; i < requests; i++) await post(scenario.url, scenario.bodies ? scenario.bodies() : body);
  return +((await read()) - before) / requests;
}
