// The structured log: one JSON line per event (pino), shared by the server, Yoga and background work.
import { pino, type Logger } from "pino";

export type { Logger };

/** Level from LOG_LEVEL (default "info"; "silent" under vitest unless LOG_LEVEL is set). */
export const log: Logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
  base: { service: "newsgraph" },
  timestamp: pino.stdTimeFunctions.isoTime,
});

type Level = "debug" | "info" | "warn" | "error";

/** Yoga's logger interface over `logger`, so Yoga's own lines are JSON lines of the same log, not multi-line text. */
export function yogaLogger(logger: Logger): Record<Level, (...args: unknown[]) => void> {
  const at =
    (level: Level) =>
    (...args: unknown[]) => {
      // Yoga logs at debug on every request: below the level, nothing is built.
      if (!logger.isLevelEnabled(level)) return;
      const [first, ...rest] = args;
      const detail = rest.length > 0 ? { detail: rest } : {};
      if (first instanceof Error) logger[level]({ err: first, ...detail }, first.message);
      else logger[level](detail, String(first));
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
