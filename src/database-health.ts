// Whether the database can answer now: telling an outage (down, frozen, locked, overloaded) from a
// bug, and the bounded probe /ready runs.
import type { Database } from "./db.js";
import { log } from "./log.js";

/** Prisma's codes for a database it cannot reach, lost, timed out on or that has no connection to spare. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
/** Prisma's transaction errors (P2028) that mean time ran out, not a misuse. */
const PRISMA_TRANSACTION_TIMEOUTS = /Unable to start a transaction in the given time|expired transaction|Transaction already closed/i;
/** What a driver adapter reports for the same (`meta.driverAdapterError.cause.kind`). */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TransactionAlreadyClosed"]);
/**
 * PostgreSQL SQLSTATEs: connection exceptions (08), shutdown or restart (57P01-57P03), too many
 * connections (53300), statement_timeout (57014), idle_in_transaction_session_timeout (25P03).
 */
const POSTGRES_STATES = /^(08...|57P0[1-3]|53300|57014|25P03)$/;
/** Socket errors, and SQLite's lock held past the busy timeout. */
const SYSTEM_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "SQLITE_BUSY", "SQLITE_LOCKED"]);
/** node-postgres raises these without a code. */
const PG_MESSAGES = /^(Connection terminated|Query read timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable)/;

/** True when `error` (or what it wraps) says the database cannot answer right now, so a retry later may succeed. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const { code, message, meta, cause, originalError, kind, originalCode } = current as Record<string, unknown>;
    if (typeof code === "string" && (PRISMA_CODES.has(code) || SYSTEM_CODES.has(code) || POSTGRES_STATES.test(code))) return true;
    if (code === "P2028" && typeof message === "string" && PRISMA_TRANSACTION_TIMEOUTS.test(message)) return true;
    if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
    if (typeof originalCode === "string" && POSTGRES_STATES.test(originalCode)) return true;
    if (current instanceof Error && PG_MESSAGES.test(current.message)) return true;
    pending.push(cause, originalError, (meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError);
  }
  return false;
}

/** When the outage was last logged: one line per outage (and a reminder a minute on), not one per failed request. */
let reportedDownAt: number | null = null;

/** Records the outcome of a database call (`null`: it answered) for the log; returns whether it was an outage. */
export function noteDatabaseOutcome(error: unknown): boolean {
  const down = error !== null && isDatabaseUnavailable(error);
  if (down && (reportedDownAt === null || Date.now() - reportedDownAt > 60_000)) {
    log.error({ err: error }, "Database unavailable: requests answer SERVICE_UNAVAILABLE until it is back");
    reportedDownAt = Date.now();
  }
  if (error === null && reportedDownAt !== null) {
    log.info("Database available again");
    reportedDownAt = null;
  }
  return down;
}

/** One named check on /ready. "degraded" still serves; "down" takes the instance out of rotation. */
export interface HealthCheck {
  name: string;
  status: "ok" | "degraded" | "down";
  reason?: string;
}

/**
 * Asks the database for `SELECT 1`, giving up after `timeoutMs`. Probes share one query while it
 * runs, so a frozen database does not collect a connection per poll.
 */
export function databaseProbe(database: Database, timeoutMs: number): () => Promise<HealthCheck> {
  let running: Promise<HealthCheck> | null = null;
  const ask = () =>
    database.prisma.$queryRawUnsafe("SELECT 1").then(
      (): HealthCheck => (noteDatabaseOutcome(null), { name: "database", status: "ok" }),
      (error: unknown): HealthCheck => {
        noteDatabaseOutcome(error);
        return { name: "database", status: "down", reason: isDatabaseUnavailable(error) ? "unreachable" : "failing" };
      },
    );
  return () => {
    running ??= ask().finally(() => (running = null));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<HealthCheck>((resolve) => {
      timer = setTimeout(() => resolve({ name: "database", status: "down", reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
    });
    return Promise.race([running, timedOut]).finally(() => clearTimeout(timer));
  };
}
