// `npm run db:migrate`: applies pending migrations to DATABASE_URL (SQLite by default).
import { loadConfig } from "../src/config.js";
import { migrate } from "../src/db.js";

const config = loadConfig();
await migrate(config.databaseUrl);
console.log(`migrated ${config.database} database`);
