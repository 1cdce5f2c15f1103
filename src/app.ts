// Everything one instance needs, without a port: database, schema, Yoga. Tests use it directly.
import type { Config } from "./config.js";
import { migrate, openDatabase, type Database } from "./db.js";
import { seedDemoContent } from "./seed/demo.js";
import { createYogaApp, type Yoga } from "./yoga.js";

export interface App {
  config: Config;
  database: Database;
  yoga: Yoga;
  close(): Promise<void>;
}

export async function createApp(options: { config: Config; now?: () => Date }): Promise<App> {
  const { config } = options;
  if (config.migrateOnStart) await migrate(config.databaseUrl);
  const database = await openDatabase({ url: config.databaseUrl, logQueries: config.logQueries });
  try {
    if (config.seedDemoContent && (await database.prisma.article.count()) === 0) {
      await seedDemoContent(database.prisma);
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  const yoga = createYogaApp({ config, database }, { now: options.now });
  return {
    config,
    database,
    yoga,
    close: () => database.close(),
  };
}
