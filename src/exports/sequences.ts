// PostgreSQL id sequences moved past imported ids, so the next row a newsroom writes gets a fresh id.
import type { Client } from "./delegates.js";
import { TABLES } from "./tables.js";

/** Sets each sequenced table's sequence to its highest id (or back to the start when it is empty). SQLite's AUTOINCREMENT follows inserted ids by itself. */
export async function resetSequences(client: Client): Promise<void> {
  for (const table of TABLES) {
    if (!table.sequenced) continue;
    const [key] = table.primaryKey;
    await client.$queryRawUnsafe(
      `SELECT setval(pg_get_serial_sequence('"${table.model}"', '${key}'), COALESCE(MAX("${key}"), 1), MAX("${key}") IS NOT NULL) FROM "${table.model}"`,
    );
  }
}
