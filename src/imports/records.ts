// The map from an export's ids to ours (ImportedRecord): what makes a re-run update, not duplicate.
import type { Tx } from "../events/record.js";

/** Where a record came from: the export ("wordpress", "disqus"), what it is ("post", "comment"), its id there. */
export interface ImportedKey {
  origin: string;
  kind: string;
  externalId: string;
}

/** The local id a record was imported as before, or null. */
export async function findImported(tx: Tx, key: ImportedKey): Promise<number | null> {
  const row = await tx.importedRecord.findUnique({ where: { origin_kind_externalId: key }, select: { localId: true } });
  return row?.localId ?? null;
}

/** The local ids of many records of one origin and kind, by external id (absent ones are left out). */
export async function findImportedMany(tx: Tx, origin: string, kind: string, externalIds: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  // Bounded chunks: SQLite caps the parameters of one statement.
  for (let start = 0; start < externalIds.length; start += 500) {
    const rows = await tx.importedRecord.findMany({
      where: { origin, kind, externalId: { in: externalIds.slice(start, start + 500) } },
      select: { externalId: true, localId: true },
    });
    for (const row of rows) found.set(row.externalId, row.localId);
  }
  return found;
}

/** Records that `key` was imported as `localId` (again: its updatedAt moves to `now`). */
export async function rememberImported(tx: Tx, key: ImportedKey, localId: number, now: Date = new Date()): Promise<void> {
  await tx.importedRecord.upsert({
    where: { origin_kind_externalId: key },
    create: { ...key, localId, importedAt: now, updatedAt: now },
    update: { localId, updatedAt: now },
  });
}
