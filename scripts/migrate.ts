// `npm run db:migrate`: applies pending migrations to DATABASE_URL (SQLite by default), creating a missing PostgreSQL database first.
import { ConfigError, loadConfig } from "../src/config.js";
import { CREATED_DATABASE, migrateCreatingDatabase } from "../src/startup/database.js";
import { StartupError } from "../src/startup/errors.js";

try {
  const config = loadConfig();
  if ((await migrateCreatingDatabase(config)).created) console.log(CREATED_DATABASE);
  console.log(`migrated ${config.database} database`);
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof StartupError)) throw error;
  console.error(`newsgraph: ${error.message}`);
  process.exit(1);
}
