// The command line every importer shares: `<export.xml> [--dry-run]`, a progress bar on a terminal,
// the summary at the end, and exit 0, or 1 with one clear line (no stack) when the run fails.
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError } from "../config.js";
import { CREATED_DATABASE } from "../startup/database.js";
import { startProgress, type ImportProgress } from "./progress.js";
import { openImportSession, type ImportSession } from "./session.js";
import { ImportSummary } from "./summary.js";
import { XmlSyntaxError } from "./xml-items.js";

/** What an importer's run is handed: the file and its size, the open session, the summary to fill and the bar to move. */
export interface ImportRun {
  file: string;
  bytes: number;
  session: ImportSession;
  summary: ImportSummary;
  progress: ImportProgress;
}

/** An importer as the command line runs it. */
export interface ImportCommand {
  /** "npm run import:wordpress": shown in the usage line. */
  command: string;
  /** What it reads, for --help ("a WordPress WXR export"). */
  reads: string;
  /** Counted on the bar ("items"). */
  unit: string;
  run(run: ImportRun): Promise<void>;
}

/** Runs an importer from `argv` (without node and the script); gives the exit code. Writes the summary to stdout, errors to stderr. */
export async function runImportCli(command: ImportCommand, argv: string[] = process.argv.slice(2)): Promise<number> {
  const usage = `usage: ${command.command} -- <export.xml> [--dry-run]\n  reads ${command.reads}; --dry-run reads and checks everything and writes nothing`;
  let file: string | undefined;
  let dryRun = false;
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { "dry-run": { type: "boolean" }, help: { type: "boolean", short: "h" } } });
    if (values.help) {
      console.log(usage);
      return 0;
    }
    if (positionals.length !== 1) throw new Error(positionals.length === 0 ? "no export file given" : "give one export file");
    [file] = positionals;
    dryRun = values["dry-run"] ?? false;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 1;
  }
  let bytes: number;
  try {
    const stat = statSync(file!);
    if (!stat.isFile()) throw new Error();
    bytes = stat.size;
  } catch {
    console.error(`cannot read ${file}: no such file`);
    return 1;
  }
  let session: ImportSession;
  try {
    session = await openImportSession({ dryRun });
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `cannot open the database: ${(error as Error).message}`);
    return 1;
  }
  const summary = new ImportSummary();
  if (session.createdDatabase) summary.note("database", 0, CREATED_DATABASE);
  const progress = startProgress(bytes, command.unit);
  try {
    await command.run({ file: file!, bytes, session, summary, progress });
    progress.stop();
    console.log(summary.format({ dryRun }));
    return 0;
  } catch (error) {
    progress.stop();
    // What was imported before the failure stays imported (each article is whole): say so, then why it stopped.
    console.log(summary.format({ dryRun }));
    console.error(error instanceof XmlSyntaxError ? `${file} is not well-formed XML at ${error.message.replace(/\.$/, "")}; the import stopped there` : `import failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await session.close();
  }
}
