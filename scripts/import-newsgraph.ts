// `npm run import:newsgraph -- <dir>`: loads a Newsgraph export into an empty DATABASE_URL, keeping every id (docs/export.md).
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db.js";
import { ExportFormatError, NotEmptyError } from "../src/exports/errors.js";
import { importAll } from "../src/exports/import.js";
import { migrateCreatingDatabase } from "../src/startup/database.js";

const { positionals } = parseArgs({ allowPositionals: true });
if (positionals.length !== 1) {
  console.error("usage: npm run import:newsgraph -- <dir>");
  process.exit(2);
}
const config = loadConfig();
await migrateCreatingDatabase(config);
const database = await openDatabase({ url: config.databaseUrl });
try {
  const counts = await importAll(database, positionals[0]!, { onFile: (file, rows) => console.log(`${file}: ${rows} rows`) });
  const total = Object.values(counts).reduce((sum, rows) => sum + rows, 0);
  console.log(`imported ${total} rows from ${positionals[0]}`);
} catch (error) {
  if (!(error instanceof NotEmptyError || error instanceof ExportFormatError)) throw error;
  console.error(`import failed, nothing was written: ${error.message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
