// manifest.json: what an export holds, written last so its presence marks a finished export.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ExportFormatError } from "./errors.js";
import { FORMAT_VERSION, TABLES } from "./tables.js";

export const MANIFEST_FILE = "manifest.json";

/** The manifest's fields, in the order it is written. */
export interface Manifest {
  format: "newsgraph-export";
  formatVersion: number;
  exportedAt: string;
  /** The database the export was read from. */
  database: "sqlite" | "postgresql";
  /** Rows (lines) in each file. */
  counts: Record<string, number>;
}

/** The manifest of a finished export as text: `counts` maps each file to its rows. */
export function manifestText(options: { exportedAt: Date; database: Manifest["database"]; counts: Record<string, number> }): string {
  const manifest: Manifest = {
    format: "newsgraph-export",
    formatVersion: FORMAT_VERSION,
    exportedAt: options.exportedAt.toISOString(),
    database: options.database,
    counts: Object.fromEntries(TABLES.map((table) => [table.file, options.counts[table.file] ?? 0])),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Reads and checks the manifest in `dir`; throws ExportFormatError when it is missing, malformed or of another format version. */
export async function readManifest(dir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), "utf8");
  } catch {
    throw new ExportFormatError(MANIFEST_FILE, null, `not found in ${dir}: is this a finished Newsgraph export?`);
  }
  let manifest: Partial<Manifest>;
  try {
    manifest = JSON.parse(text) as Partial<Manifest>;
  } catch (error) {
    throw new ExportFormatError(MANIFEST_FILE, null, `not valid JSON (${(error as Error).message})`);
  }
  if (manifest.format !== "newsgraph-export") throw new ExportFormatError(MANIFEST_FILE, null, `"format" must be "newsgraph-export"`);
  if (manifest.formatVersion !== FORMAT_VERSION) {
    throw new ExportFormatError(MANIFEST_FILE, null, `format version ${String(manifest.formatVersion)} cannot be imported; this Newsgraph reads version ${FORMAT_VERSION}`);
  }
  const counts = manifest.counts ?? {};
  for (const table of TABLES) {
    if (!Number.isSafeInteger(counts[table.file]) || counts[table.file]! < 0) throw new ExportFormatError(MANIFEST_FILE, null, `"counts" lacks a row count for ${table.file}`);
  }
  return manifest as Manifest;
}
