// `npm start`: validate the environment, migrate, seed when empty, serve, stop cleanly on signals.
import { createApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { installProcessGuards } from "./process-guards.js";
import { startServer } from "./server.js";

async function main(): Promise<void> {
  installProcessGuards();
  const config = loadConfig();
  const app = await createApp({ config });
  const server = await startServer(app);
  console.log(`Newsgraph serving ${config.database} at ${server.url}${config.graphiql ? " (GraphiQL in the browser)" : ""}`);

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      console.log(`${signal}: finishing in-flight requests, then stopping`);
      server.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `newsgraph: ${error.message}` : error);
  process.exit(1);
});
