// `/ready`: whether this instance should receive traffic, as a list of named checks.
import type { Plugin } from "graphql-yoga";
import type { HealthCheck } from "./database-health.js";

/** A check /ready runs on every call; each bounds its own time. */
export type ReadinessCheck = () => Promise<HealthCheck>;

/**
 * Answers `/ready` with `{ status, checks }`: 200 while every check is ok or degraded, 503 when one
 * is down. Yoga's own readiness plugin matches every request's URL against a URLPattern as well,
 * which showed in the profile of a small read; the path alone decides here.
 */
export function useReadiness(checks: ReadinessCheck[]): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== "/ready") return;
      return Promise.all(checks.map((check) => check())).then((results) => {
        const status = results.some((check) => check.status === "down") ? "down" : results.some((check) => check.status === "degraded") ? "degraded" : "ok";
        const body = JSON.stringify({ status, checks: results });
        endResponse(
          new fetchAPI.Response(body, {
            status: status === "down" ? 503 : 200,
            headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
          }),
        );
      });
    },
  };
}

/** Redis out is degraded, not down: this instance still serves everything, its own subscribers included. */
/** Only for an instance configured with Redis. */
export function redisCheck(events: { readonly redis: "off" | "up" | "down" }): ReadinessCheck {
  return async () => {
    if (events.redis === "down") return { name: "redis", status: "degraded", reason: "Redis does not answer; live events from other instances arrive late" };
    return { name: "redis", status: "ok" };
  };
}
