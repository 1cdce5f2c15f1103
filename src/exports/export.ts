// Writes the whole database as NDJSON, one file per table, reading each table a page at a time by primary key.
import { createWriteStream } from "node:fs";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { once } from "node:events";
import { join } from "node:path";
import type { Database } from "../db.js";
import { delegate, keyOf, type Client } from "./delegates.js";
import { ExportTargetError, NotEmptyError } from "./errors.js";
import { encodeRow } from "./lines.js";
import { MANIFEST_FILE, manifestText } from "./manifest.js";
import { TABLES, type Table } from "./tables.js";

/** Rows read per query: memory holds one page of one table at a time. */
const PAGE_SIZE = 1000;
/** An export reads in one transaction, so every file shows the same moment; a large archive takes a while. */
const EXPORT_TIMEOUT_MS = 6 * 60 * 60 * 1000;

export interface ExportOptions {
  /** Write into a directory that already holds files (the export's own files are replaced). */
  force?: boolean;
  /** The time the manifest records; now by default. */
  now?: Date;
  pageSize?: number;
  /** Called after each file with its rows, for a progress line. */
  onFile?: (file: string, rows: number) => void;
}

/**
 * Exports every table into `dir` (made if missing) as `<table>.ndjson` plus manifest.json; returns
 * the rows per file. Throws NotEmptyError when `dir` holds files and `force` is not set.
 */
export async function exportAll(database: Pick<Database, "prisma" | "provider">, dir: string, options: ExportOptions = {}): Promise<Record<string, number>> {
  // The files hold commenters' emails: readable by their owner only.
  await mkdir(dir, { recursive: true, mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    throw new ExportTargetError(`${dir} cannot be made a directory (${error.code ?? error.message})`);
  });
  const present = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    throw new ExportTargetError(`${dir} is not a directory this export can write to (${error.code ?? error.message})`);
  });
  if (present.length > 0 && !options.force) throw new NotEmptyError(`${dir} is not empty (${present.length} entries): choose an empty directory, or pass --force to replace an earlier export there`);
  // An earlier manifest would vouch for files this run has not finished.
  await rm(join(dir, MANIFEST_FILE), { force: true });
  const now = options.now ?? new Date();
  const counts: Record<string, number> = {};
  await database.prisma.$transaction(
    async (tx) => {
      for (const table of TABLES) {
        counts[table.file] = await exportTable(tx, table, join(dir, table.file), options.pageSize ?? PAGE_SIZE);
        options.onFile?.(table.file, counts[table.file]!);
      }
    },
    {
      timeout: EXPORT_TIMEOUT_MS,
      maxWait: 60_000,
      // PostgreSQL's snapshot for the whole transaction (the SQLite client's type, standing for both, lacks the level); SQLite's transactions are serializable already.
      ...(database.provider === "postgresql" && { isolationLevel: "RepeatableRead" as unknown as "Serializable" }),
    },
  );
  await writeFile(join(dir, MANIFEST_FILE), manifestText({ exportedAt: now, database: database.provider, counts }), { mode: 0o600 });
  return counts;
}

/** Streams one table to `path` in primary-key order; returns its rows. */
async function exportTable(client: Client, table: Table, path: string, pageSize: number): Promise<number> {
  const out = createWriteStream(path, { encoding: "utf8", mode: 0o600 });
  const failed = once(out, "error").then(([error]) => Promise.reject(error as Error));
  failed.catch(() => undefined);
  const model = delegate(client, table.model);
  const orderBy = table.primaryKey.map((name) => ({ [name]: "asc" }));
  let rows = 0;
  let last: Record<string, unknown> | undefined;
  for (;;) {
    const page = await model.findMany({ orderBy, take: pageSize, ...(last && { cursor: keyOf(table.primaryKey, last), skip: 1 }) });
    for (const row of page) {
      if (!out.write(`${encodeRow(table, row)}\n`)) await Promise.race([once(out, "drain"), failed]);
    }
    rows += page.length;
    if (page.length < pageSize) break;
    last = page[page.length - 1];
  }
  out.end();
  await Promise.race([once(out, "finish"), failed]);
  return rows;
}
