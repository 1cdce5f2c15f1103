// `npm run db:seed`: loads the demo newsroom into DATABASE_URL when it holds no articles.
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db.js";
import { seedDemoContent } from "../src/seed/demo.js";
import { migrateCreatingDatabase } from "../src/startup/database.js";

const config = loadConfig();
await migrateCreatingDatabase(config);
const database = await openDatabase({ url: config.databaseUrl });
try {
  if ((await database.prisma.article.count()) > 0) console.log("database already has content; nothing seeded");
  else {
    await seedDemoContent(database.prisma);
    console.log("seeded the demo newsroom");
  }
} finally {
  await database.close();
}
