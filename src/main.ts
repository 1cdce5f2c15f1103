// `npm start`: validate the environment, migrate, seed when asked, serve, stop cleanly on signals.
import { createApp, type App } from "./app.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { installProcessGuards } from "./process-guards.js";
import { startServer, type RunningServer } from "./server.js";
import { assertMigrated, CREATED_DATABASE, ensurePostgresDatabase } from "./startup/database.js";
import { assertCanListen, explainListenError, StartupError } from "./startup/errors.js";
import { startupReport } from "./startup/report.js";
import { resolveSigningSecret } from "./startup/signing-secret.js";

async function main(): Promise<void> {
  installProcessGuards();
  const config = resolveSigningSecret(loadConfig());
  // A taken port is found before migrations and the database, not after them.
  await assertCanListen(config);
  if (config.database === "postgresql" && (await ensurePostgresDatabase(config.databaseUrl)).created) {
    say(CREATED_DATABASE);
  }
  if (!config.migrateOnStart) await assertMigrated(config.databaseUrl);
  const app = await createApp({ config });
  const server = await listen(app, config);
  // One write, so the report reaches a terminal or a log collector whole.
  say(`serving ${config.database} at ${server.url}${config.graphiql ? " (GraphiQL in the browser)" : ""}`, ...startupReport(config));

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      say(`${signal}: finishing in-flight requests, then stopping`);
      // Whatever stop waits on (a frozen database, a stuck socket), the process leaves after the grace period.
      setTimeout(() => {
        console.error(`${signal}: not stopped within SHUTDOWN_TIMEOUT_MS=${config.shutdownTimeoutMs}; exiting`);
        process.exit(1);
      }, config.shutdownTimeoutMs + 2000).unref();
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

async function listen(app: App, config: Config): Promise<RunningServer> {
  try {
    return await startServer(app);
  } catch (error) {
    throw explainListenError(error, config) ?? error;
  }
}

function say(...lines: string[]): void {
  console.log(lines.map((line) => `newsgraph: ${line}`).join("\n"));
}

main().catch((error: unknown) => {
  // A failure with a known fix is one line; anything else keeps its stack for whoever debugs it.
  console.error(error instanceof ConfigError || error instanceof StartupError ? `newsgraph: ${error.message}` : error);
  process.exit(1);
});
