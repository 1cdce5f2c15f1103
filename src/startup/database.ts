// Before anything else touches PostgreSQL: the database exists (created when the role may), or one line says how to fix it.
import pg from "pg";
import type { Config } from "../config.js";
import { migrate, pendingMigrations } from "../db.js";
import { StartupError } from "./errors.js";

/** What is said when a missing PostgreSQL database was created. */
export const CREATED_DATABASE = "created the PostgreSQL database named in DATABASE_URL, which did not exist";

/** Migrates the database of `config`, creating it first on PostgreSQL when missing and the role may. Says whether it did; throws StartupError with the fix. */
export async function migrateCreatingDatabase(config: Pick<Config, "database" | "databaseUrl">): Promise<{ created: boolean }> {
  const { created } = config.database === "postgresql" ? await ensurePostgresDatabase(config.databaseUrl) : { created: false };
  await migrate(config.databaseUrl);
  return { created };
}

/**
 * With MIGRATE_ON_START=false, the release's migrations are `npm run db:migrate`'s to apply: a
 * database lacking any (a new one included) is refused with StartupError naming the fix, before a
 * query fails on a table that is not there.
 */
export async function assertMigrated(url: string): Promise<void> {
  const pending = await pendingMigrations(url);
  if (pending?.length === 0) return;
  const lacks = pending === null ? "has none of this release's tables" : `lacks ${pending.length} of this release's migrations (the latest: ${pending.at(-1)})`;
  throw new StartupError(`the database in DATABASE_URL ${lacks}, and MIGRATE_ON_START=false leaves them to you: run \`npm run db:migrate\`, then start again`);
}

/** Connects once to DATABASE_URL; creates its database when missing and the role may. Says whether it did. */
export async function ensurePostgresDatabase(url: string, options: { connectTimeoutMs?: number } = {}): Promise<{ created: boolean }> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const where = `${target.hostname}:${target.port || 5432}`;
  const connectionTimeoutMillis = options.connectTimeoutMs ?? 10_000;
  try {
    await probe(url, connectionTimeoutMillis);
    return { created: false };
  } catch (error) {
    if (code(error) !== "3D000" || name === "") throw explain(error, where);
  }
  // The maintenance database every PostgreSQL server has, on the same server with the same role.
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.toString(), connectionTimeoutMillis });
  try {
    await client.connect();
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    return { created: true };
  } catch (error) {
    // Another instance created it first: that is what was wanted.
    if (code(error) === "42P04") return { created: false };
    const role = decodeURIComponent(target.username) || "the connecting role";
    throw new StartupError(
      `PostgreSQL database "${name}" on ${where} does not exist (DATABASE_URL), and ${role} may not create it (${(error as Error).message}): create it with \`createdb -h ${target.hostname} -p ${target.port || 5432} -O ${role} ${name}\` as a role that may, or point DATABASE_URL at an existing database`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

async function probe(url: string, connectionTimeoutMillis: number): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis });
  try {
    await client.connect();
  } finally {
    await client.end().catch(() => {});
  }
}

function code(error: unknown): string | undefined {
  return (error as { code?: string }).code;
}

function explain(error: unknown, where: string): Error {
  const message = (error as Error).message || String(error);
  switch (code(error)) {
    case "ECONNREFUSED":
      return new StartupError(`PostgreSQL refuses connections at ${where} (DATABASE_URL): start it, or point DATABASE_URL at the server`);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new StartupError(`PostgreSQL host in DATABASE_URL (${where}) cannot be resolved: check the host name`);
    case "28P01":
    case "28000":
      return new StartupError(`PostgreSQL at ${where} refuses the role in DATABASE_URL (${message}): check the user name and password`);
    default:
      if (/timeout/i.test(message)) return new StartupError(`PostgreSQL at ${where} did not answer in time (DATABASE_URL): check that it is reachable from here`);
      return new StartupError(`PostgreSQL at ${where} cannot be used (DATABASE_URL): ${message}`);
  }
}
