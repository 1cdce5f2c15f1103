// `npm run export -- <dir> [--force]`: writes everything in DATABASE_URL as NDJSON files (docs/export.md).
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db.js";
import { ExportFormatError, ExportTargetError, NotEmptyError } from "../src/exports/errors.js";
import { exportAll } from "../src/exports/export.js";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { force: { type: "boolean", default: false } } });
if (positionals.length !== 1) {
  console.error("usage: npm run export -- <dir> [--force]");
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl });
try {
  const counts = await exportAll(database, positionals[0]!, { force: values.force, onFile: (file, rows) => console.log(`${file}: ${rows} rows`) });
  const total = Object.values(counts).reduce((sum, rows) => sum + rows, 0);
  console.log(`exported ${total} rows to ${positionals[0]}; the files hold personal data (commenters' emails): keep them guarded`);
} catch (error) {
  if (!(error instanceof NotEmptyError || error instanceof ExportFormatError || error instanceof ExportTargetError)) throw error;
  console.error(`export failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
