// Failures at start that one line explains, naming the setting and the fix, instead of a stack trace.
import { createServer } from "node:net";
import type { Config } from "../config.js";

/** A failure at start that one line explains, naming the setting and the fix. */
export class StartupError extends Error {
  override name = "StartupError";
}

/** The line for an error from listening on HOST:PORT, or null when it is not one of those. */
export function explainListenError(error: unknown, config: Pick<Config, "host" | "port">): StartupError | null {
  const where = `${config.host}:${config.port}`;
  switch ((error as NodeJS.ErrnoException).code) {
    case "EADDRINUSE":
      return new StartupError(`port ${config.port} is already in use on ${config.host} (PORT): stop what holds it, or set PORT to a free port`);
    case "EACCES":
      return new StartupError(`no permission to listen on ${where} (PORT): use a port above 1023, or a proxy in front`);
    case "EADDRNOTAVAIL":
      return new StartupError(`${config.host} is not an address of this machine (HOST): use 0.0.0.0 for every interface, or 127.0.0.1`);
    default:
      return null;
  }
}

/** Fails with the line for HOST:PORT when nothing could listen there, before any other start-up work is done. */
export async function assertCanListen(config: Pick<Config, "host" | "port">): Promise<void> {
  if (config.port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", (error) => reject(explainListenError(error, config) ?? error));
    probe.listen(config.port, config.host, () => probe.close(() => resolve()));
  });
}
