// The structured log: one JSON line per event (pino), shared by the server, Yoga and background work.
import { pino, type Logger } from "pino";

export type { Logger };

/** Level from LOG_LEVEL (default "info"; "silent" under vitest unless LOG_LEVEL is set). */
export const log: Logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
  base: { service: "newsgraph" },
  timestamp: pino.stdTimeFunctions.isoTime,
});
