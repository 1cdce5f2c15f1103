// /metrics: a few counters in Prometheus' text format, for operators and the benchmark.
import type { Plugin } from "graphql-yoga";
import type { ResponseCache } from "./cache.js";
import type { Services } from "./context.js";
import type { ExecutorCounts } from "./execution/executor.js";
import type { BodyLimitCounts } from "./request-body.js";

export function useMetrics(
  services: Pick<Services, "database" | "feeds" | "events">,
  options: { responseCache: Pick<ResponseCache, "hits"> | null; bodyLimitCounts: BodyLimitCounts; executorCounts: ExecutorCounts },
): Plugin {
  const { responseCache, bodyLimitCounts, executorCounts } = options;
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
        "# HELP newsgraph_compiled_read_statements Compiled statements cached, one per shape of read.",
        "# TYPE newsgraph_compiled_read_statements gauge",
        `newsgraph_compiled_read_statements ${reads.statements}`,
        "# HELP newsgraph_compiled_read_candidates_total Pages by source, author or topic read from the relation's first rows (src/reads/prefix.ts): answered by them, or by the density statement after.",
        "# TYPE newsgraph_compiled_read_candidates_total counter",
        `newsgraph_compiled_read_candidates_total{answered_by="candidates"} ${reads.candidates.answered}`,
        `newsgraph_compiled_read_candidates_total{answered_by="density"} ${reads.candidates.density}`,
        "# HELP newsgraph_comment_posts_total Comments posted, by how they were written: one SQL statement, or a Prisma transaction.",
        "# TYPE newsgraph_comment_posts_total counter",
        `newsgraph_comment_posts_total{path="one_statement"} ${services.database.posts.oneStatement}`,
        `newsgraph_comment_posts_total{path="transaction"} ${services.database.posts.transaction}`,
        "# HELP newsgraph_operations_total Operations run, by executor: graphql-jit's compiled code, or Yoga's own (src/execution/executor.ts).",
        "# TYPE newsgraph_operations_total counter",
        `newsgraph_operations_total{executor="jit"} ${executorCounts.jit}`,
        `newsgraph_operations_total{executor="standard"} ${executorCounts.standard}`,
        "# TYPE newsgraph_sql_statements_total counter",
        `newsgraph_sql_statements_total ${services.database.statements.count}`,
        "# TYPE newsgraph_live_subscribers gauge",
        `newsgraph_live_subscribers ${services.feeds.size}`,
        ...(services.events.redis === "off"
          ? []
          : ["# HELP newsgraph_redis_up Whether Redis carries live events between instances now (1) or is unreachable (0).", "# TYPE newsgraph_redis_up gauge", `newsgraph_redis_up ${services.events.redis === "up" ? 1 : 0}`]),
        ...(responseCache
          ? ["# TYPE newsgraph_response_cache_hits_total counter", `newsgraph_response_cache_hits_total ${responseCache.hits}`]
          : []),
        "# HELP newsgraph_request_bodies_total Request bodies held to the size limit by their declared length, or counted as they streamed.",
        "# TYPE newsgraph_request_bodies_total counter",
        `newsgraph_request_bodies_total{limit="declared"} ${bodyLimitCounts.declared}`,
        `newsgraph_request_bodies_total{limit="streamed"} ${bodyLimitCounts.streamed}`,
        "# HELP newsgraph_request_bodies_read_before_yoga_total Request bodies read into a buffer before Yoga (src/request-body.ts).",
        "# TYPE newsgraph_request_bodies_read_before_yoga_total counter",
        `newsgraph_request_bodies_read_before_yoga_total ${bodyLimitCounts.readBeforeYoga}`,
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
