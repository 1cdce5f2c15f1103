// A failure nobody waited for (a rejected promise, an `error` event without a listener) is logged
// and survived: one stray callback must not take every request of the instance down with it.
import { log } from "./log.js";

/** Logs unhandled rejections and uncaught exceptions instead of letting Node exit on them. */
export function installProcessGuards(): void {
  process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled promise rejection (survived)"));
  process.on("uncaughtException", (error, origin) => log.error({ err: error, origin }, "uncaught exception (survived)"));
}
