// The peers (../shared/bench-peers): installed under data/ once, loaded with their own seed, and
// their HTTP servers started for the bench to measure beside Newsgraph.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { HttpScenario } from "./http.js";

/** A server the bench started: its GraphQL and metrics addresses, its process id, and how to stop it. */
export interface Server {
  url: string;
  metrics: string;
  pid: number;
  stop(): Promise<void>;
}

/** What startPeers needs from the bench: a fresh database by name, a process starter and a log. */
export interface PeerTools {
  freshPostgres(name: string): Promise<string>;
  startProcess(command: string, args: string[], options: { cwd: string; env: Record<string, string>; port: number }): Promise<Server>;
  log(line: string): void;
}

/** Takes the project root and the peers' folder; gives their page scenarios by peer and a stop. */
export async function startPeers(
  root: string,
  source: string,
  tools: PeerTools,
): Promise<{ dir: string; scenarios: { name: string; scenario: HttpScenario; pid: number }[]; stop(): Promise<void> }> {
  const dir = join(root, "data/bench-peers");
  if (!existsSync(join(dir, "node_modules"))) {
    tools.log("installing the peers (about a minute)");
    cpSync(source, dir, { recursive: true });
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  }
  const database = await tools.freshPostgres("peerbench");
  execFileSync("psql", [database, "-v", "ON_ERROR_STOP=1", "-q", "-f", "seed.sql"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  const servers: Server[] = [];
  const scenarios: { name: string; scenario: HttpScenario; pid: number }[] = [];
  for (const peer of [
    { name: "postgraphile", script: "postgraphile-server.mjs", port: 5678 },
    { name: "naive", script: "naive-yoga-server.mjs", port: 5680 },
  ]) {
    const server = await tools.startProcess("node", [peer.script], { cwd: dir, port: peer.port, env: { DATABASE_URL: database, PORT: String(peer.port) } });
    servers.push(server);
    scenarios.push(
      { name: peer.name, pid: server.pid, scenario: { label: `${peer.name} article page`, url: server.url, query: readFileSync(join(dir, "queries/postgraphile-nested.graphql"), "utf8"), variables: { id: 1 } } },
      { name: peer.name, pid: server.pid, scenario: { label: `${peer.name} front page`, url: server.url, query: readFileSync(join(dir, "queries/postgraphile-list.graphql"), "utf8") } },
    );
  }
  return { dir, scenarios, stop: () => Promise.all(servers.map((server) => server.stop())).then(() => undefined) };
}
