// Loads a Newsgraph export into an empty database, keeping every id: all of it in one transaction, or none of it.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Database } from "../db.js";
import { delegate, keyOf, type Client } from "./delegates.js";
import { ExportFormatError, NotEmptyError } from "./errors.js";
import { decodeRow } from "./lines.js";
import { readManifest } from "./manifest.js";
import { resetSequences } from "./sequences.js";
import { ALL_MODELS, TABLES, type Table } from "./tables.js";

/** Rows per INSERT: memory holds one batch at a time, and Prisma's work on a larger batch grows faster than the batch. */
const BATCH_SIZE = 100;
/** One transaction holds the whole import, so a large archive needs a long one. */
const IMPORT_TIMEOUT_MS = 6 * 60 * 60 * 1000;

export interface ImportOptions {
  batchSize?: number;
  /** Called after each file with its rows, for a progress line. */
  onFile?: (file: string, rows: number) => void;
}

/**
 * Loads the export in `dir` into the database; returns the rows per file. Throws NotEmptyError when
 * the database holds any row, and ExportFormatError (file and line) for a bad manifest, a missing
 * file or a line that cannot be stored; then nothing is written.
 */
export async function importAll(database: Pick<Database, "prisma" | "provider">, dir: string, options: ImportOptions = {}): Promise<Record<string, number>> {
  const manifest = await readManifest(dir);
  for (const table of TABLES) {
    const found = await stat(join(dir, table.file)).then((s) => s.isFile(), () => false);
    if (!found) throw new ExportFormatError(table.file, null, `missing from ${dir}`);
  }
  await refuseUnlessEmpty(database.prisma);
  const counts: Record<string, number> = {};
  await database.prisma.$transaction(
    async (tx) => {
      for (const table of TABLES) {
        counts[table.file] = await importTable(tx, table, join(dir, table.file), options.batchSize ?? BATCH_SIZE);
        if (counts[table.file] !== manifest.counts[table.file]) {
          throw new ExportFormatError(table.file, null, `holds ${counts[table.file]} rows but the manifest says ${manifest.counts[table.file]}: the copy is incomplete`);
        }
        options.onFile?.(table.file, counts[table.file]!);
      }
      if (database.provider === "postgresql") await resetSequences(tx);
    },
    { timeout: IMPORT_TIMEOUT_MS, maxWait: 60_000 },
  );
  return counts;
}

/** Throws NotEmptyError naming the tables that hold rows: kept ids would collide with them. */
async function refuseUnlessEmpty(client: Client): Promise<void> {
  const held: string[] = [];
  for (const model of ALL_MODELS) if ((await delegate(client, model).findFirst({})) !== null) held.push(model);
  if (held.length > 0) {
    throw new NotEmptyError(`the database is not empty (it holds ${held.join(", ")} rows): an export loads into an empty database only, such as a new one made by npm run db:migrate`);
  }
}

/** Streams one file into its table in batches; returns its rows. */
async function importTable(client: Client, table: Table, path: string, batchSize: number): Promise<number> {
  const model = delegate(client, table.model);
  // Rows that name a row of their own table not yet loaded: those columns are set once the file is in.
  const later: { key: Record<string, unknown>; data: Record<string, unknown> }[] = [];
  let batch: Record<string, unknown>[] = [];
  let firstLine = 1;
  let lineNumber = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    try {
      await model.createMany({ data: batch });
    } catch (error) {
      throw new ExportFormatError(table.file, firstLine, `lines ${firstLine}-${lineNumber} could not be stored: ${storeFailure(error)}`);
    }
    batch = [];
  };
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  for await (const text of lines) {
    lineNumber++;
    if (batch.length === 0) firstLine = lineNumber;
    let row: Record<string, unknown>;
    try {
      if (text.trim() === "") throw new Error("empty line");
      row = decodeRow(table, text);
    } catch (error) {
      throw new ExportFormatError(table.file, lineNumber, (error as Error).message);
    }
    const forward = table.selfReferences.filter((name) => row[name] !== null && (row[name] as number) >= (row.id as number));
    if (forward.length > 0) {
      later.push({ key: keyOf(table.primaryKey, row), data: Object.fromEntries(forward.map((name) => [name, row[name]])) });
      for (const name of forward) row[name] = null;
    }
    batch.push(row);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  for (const { key, data } of later) {
    try {
      await model.update({ where: key, data });
    } catch (error) {
      throw new ExportFormatError(table.file, null, `the row ${JSON.stringify(key)} names a row that is not in the file: ${storeFailure(error)}`);
    }
  }
  return lineNumber;
}

/** The database's reason, without Prisma's stack of call sites. */
function storeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split("\n").map((line) => line.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? "unknown error";
}
