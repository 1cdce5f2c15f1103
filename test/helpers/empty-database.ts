// A migrated database with no rows: a copy of the template with every table emptied and its ids restarted.
import SQLite from "better-sqlite3";
import pg from "pg";
import { sqlitePath } from "../../src/db.js";
import { createTestDatabase, type Provider } from "./databases.js";

/** A fresh, migrated, empty database; returns its URL and how to drop it. */
export async function createEmptyTestDatabase(provider: Provider): Promise<{ url: string; drop(): Promise<void> }> {
  const database = await createTestDatabase(provider);
  if (provider === "sqlite") {
    const db = new SQLite(sqlitePath(database.url));
    try {
      db.pragma("foreign_keys = OFF");
      const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'").pluck().all();
      db.transaction(() => {
        for (const table of tables) db.exec(`DELETE FROM "${table}"`);
        db.exec("DELETE FROM sqlite_sequence");
      })();
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'");
      await client.query(`TRUNCATE ${rows.map((row) => `"${row.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
    } finally {
      await client.end();
    }
  }
  return database;
}
