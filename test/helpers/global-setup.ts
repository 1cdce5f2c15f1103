// Builds the template databases once per run: migrations through the Prisma CLI, then the demo seed.
import { rmSync } from "node:fs";
import { loadConfig } from "../../src/config.js";
import { migrate, openDatabase } from "../../src/db.js";
import { seedDemoContent } from "../../src/seed/demo.js";
import { PG_TEMPLATE, SQLITE_TEMPLATE, TEST_DATA_DIR, postgresUrlFor, testPostgresUrl, withPostgresAdmin } from "./databases.js";

export default async function setup(): Promise<() => Promise<void>> {
  rmSync(TEST_DATA_DIR, { recursive: true, force: true });
  await buildTemplate(`file:${SQLITE_TEMPLATE}`);

  if (testPostgresUrl) {
    try {
      await withPostgresAdmin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS "${PG_TEMPLATE}" WITH (FORCE)`);
        await client.query(`CREATE DATABASE "${PG_TEMPLATE}"`);
      });
    } catch (error) {
      throw new Error(`PostgreSQL suite is on (TEST_DATABASE_URL=${testPostgresUrl}) but the server does not answer: ${String(error)}`);
    }
    await buildTemplate(postgresUrlFor(PG_TEMPLATE));
  } else {
    console.log("PostgreSQL suite skipped: set TEST_DATABASE_URL=postgresql://... to run it.");
  }
  if (!process.env.TEST_REDIS_URL) console.log("Redis suite skipped: set TEST_REDIS_URL=redis://... to run it.");

  return async () => {
    rmSync(TEST_DATA_DIR, { recursive: true, force: true });
    if (testPostgresUrl) {
      await withPostgresAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${PG_TEMPLATE}" WITH (FORCE)`));
    }
  };
}

async function buildTemplate(url: string): Promise<void> {
  loadConfig({ DATABASE_URL: url });
  await migrate(url);
  const database = await openDatabase({ url });
  try {
    await seedDemoContent(database.prisma);
  } finally {
    await database.close();
  }
}
