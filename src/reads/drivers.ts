// How the compiled reads reach the database: the pg pool Prisma shares, or a second
// better-sqlite3 connection to the same file (WAL lets it read while Prisma writes).
import { utcDate } from "./instant.js";
import type { Send } from "./run.js";

export interface Driver {
  send: Send;
  close(): Promise<void> | void;
}

/** The type of `timestamp` columns, where Prisma stores UTC without a zone: read as UTC. */
const TIMESTAMP = 1114;
/** Distinct SQL texts kept prepared, per driver; past this many, a statement is prepared each time. */
const PREPARED = 500;

export function postgresSend(pool: import("pg").Pool, defaults: typeof import("pg").types, counted: (sql: string) => void): Driver {
  const names = new Map<string, string>();
  const types = {
    getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === TIMESTAMP ? utcDate : defaults.getTypeParser(oid, format))) as typeof defaults.getTypeParser,
  };
  return {
    async send(sql, params) {
      counted(sql);
      let name = names.get(sql);
      if (!name && names.size < PREPARED) names.set(sql, (name = `newsgraph_read_${names.size}`));
      const result = await pool.query({ name, text: sql, values: params, rowMode: "array", types });
      return result.rows as unknown[][];
    },
    close: () => pool.end(),
  };
}

export async function sqliteSend(file: string, counted: (sql: string) => void, busyTimeoutMs = 5000): Promise<Driver> {
  const { default: SQLite } = await import("better-sqlite3");
  const db = new SQLite(file);
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  const prepared = new Map<string, import("better-sqlite3").Statement>();
  return {
    async send(sql, params) {
      counted(sql);
      let statement = prepared.get(sql);
      if (!statement) {
        statement = db.prepare(sql).raw(true);
        if (prepared.size < PREPARED) prepared.set(sql, statement);
      }
      return statement.all(...params) as unknown[][];
    },
    close: () => void db.close(),
  };
}
