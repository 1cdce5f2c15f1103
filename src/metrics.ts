// /metrics: a few counters in Prometheus' text format, for operators and the benchmark.
import type { Plugin } from "graphql-yoga";
import type { ResponseCache } from "./cache.js";
import type { Services } from "./context.js";

export function useMetrics(services: Pick<Services, "database" | "feeds">, responseCache: Pick<ResponseCache, "frontHits"> | null): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== "/metrics") return;
      const memory = process.memoryUsage();
      const reads = services.database.reads.counts;
      const lines = [
        "# TYPE newsgraph_compiled_reads_total counter",
        `newsgraph_compiled_reads_total ${reads.compiled}`,
        "# TYPE newsgraph_compiled_reads_fallbacks_total counter",
        ...[...reads.fallbacks].flatMap(([model, reasons]) =>
          [...reasons].map(([reason, count]) => `newsgraph_compiled_reads_fallbacks_total{model="${label(model)}",reason="${label(reason)}"} ${count}`),
        ),
        "# TYPE newsgraph_sql_statements_total counter",
        `newsgraph_sql_statements_total ${services.database.statements.count}`,
        "# TYPE newsgraph_live_subscribers gauge",
        `newsgraph_live_subscribers ${services.feeds.size}`,
        ...(responseCache
          ? ["# TYPE newsgraph_response_cache_front_hits_total counter", `newsgraph_response_cache_front_hits_total ${responseCache.frontHits}`]
          : []),
        "# TYPE process_resident_memory_bytes gauge",
        `process_resident_memory_bytes ${memory.rss}`,
        "# TYPE nodejs_heap_used_bytes gauge",
        `nodejs_heap_used_bytes ${memory.heapUsed}`,
      ];
      endResponse(new fetchAPI.Response(`${lines.join("\n")}\n`, { headers: { "content-type": "text/plain; version=0.0.4" } }));
    },
  };
}

/** A Prometheus label value: backslashes, quotes and newlines escaped. */
const label = (value: string) => value.replace(/[\\"\n]/g, (char) => (char === "\n" ? "\\n" : `\\${char}`));
