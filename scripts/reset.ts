// `npm run db:reset`: empties DATABASE_URL, migrates it from scratch and seeds the demo newsroom.
import { rmSync } from "node:fs";
import { loadConfig } from "../src/config.js";
import { migrate, openDatabase, sqlitePath } from "../src/db.js";
import { seedDemoContent } from "../src/seed/demo.js";

const config = loadConfig();
if (config.database === "sqlite") {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(sqlitePath(config.databaseUrl) + suffix, { force: true });
} else {
  const database = await openDatabase({ url: config.databaseUrl });
  await database.prisma.$executeRawUnsafe("DROP SCHEMA IF EXISTS public CASCADE");
  await database.prisma.$executeRawUnsafe("CREATE SCHEMA public");
  await database.close();
}
await migrate(config.databaseUrl);
const database = await openDatabase({ url: config.databaseUrl });
await seedDemoContent(database.prisma);
await database.close();
console.log(`reset the ${config.database} database and seeded the demo newsroom`);
