import { randomUUID } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";
import { startupReport } from "../src/startup/report.js";
import { resolveSigningSecret } from "../src/startup/signing-secret.js";
import { signToken } from "../src/tokens.js";
import { SQLITE_TEMPLATE, TEST_DATA_DIR, postgresUrlFor, testPostgresUrl, withPostgresAdmin } from "./helpers/databases.js";
import { lines, mintToken, startEntryPoint, type Started } from "./helpers/entry-point.js";

/** The development secret that was once in the source code: it must sign no one in, anywhere. */
const OLD_PUBLIC_SECRET = "newsgraph-development-secret-do-not-use-in-production";
const PRODUCTION_SECRET = "a-production-secret-of-at-least-32-characters";
const STACK_FRAME = /^\s+at /m;

const signedWith = async (secret: string) =>
  `Bearer ${await signToken({ secret, subject: "ana", name: "Ana", roles: ["MODERATOR"] })}`;

async function graphql(url: string, query: string, authorization?: string) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

function up(started: Started): Extract<Started, { up: true }> {
  if (!started.up) throw new Error(`the server exited with ${started.code}:\n${started.stdout}${started.stderr}`);
  return started;
}

function refused(started: Started): { code: number | null; output: string } {
  if (started.up) {
    void started.stop();
    throw new Error(`the server started at ${started.url}`);
  }
  return { code: started.code, output: started.stdout + started.stderr };
}

let folder: string;
const seededCopy = () => {
  const file = join(TEST_DATA_DIR, `startup-${randomUUID().slice(0, 8)}.db`);
  copyFileSync(SQLITE_TEMPLATE, file);
  return `file:${file}`;
};
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "newsgraph-startup-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("production mode", () => {
  it("refuses to start without JWT_SECRET, in one line that says what to set", { timeout: 120_000 }, async () => {
    const { code, output } = refused(await startEntryPoint({ NODE_ENV: "production", DATABASE_URL: seededCopy() }));
    expect(code).toBe(1);
    expect(lines(output)).toEqual([expect.stringMatching(/^newsgraph: JWT_SECRET is not set.*set JWT_SECRET .*JWT_JWKS_URL.*SIGN_IN=false/)]);
  });

  it("starts with JWT_SECRET on a fresh database: migrated, no demo content, no GraphiQL, says what is off, and refuses the old public secret", { timeout: 120_000 }, async () => {
    const fresh = `file:${join(TEST_DATA_DIR, `startup-fresh-${randomUUID().slice(0, 8)}.db`)}`;
    const server = up(await startEntryPoint({ NODE_ENV: "production", JWT_SECRET: PRODUCTION_SECRET, DATABASE_URL: fresh }));
    try {
      expect((await graphql(server.url, "{ articles { totalCount } }")).body).toEqual({ data: { articles: { totalCount: 0 } } });
      const page = await fetch(server.url, { headers: { accept: "text/html" } });
      expect(await page.text()).not.toMatch(/graphiql/i);
      // The structured log may add JSON lines of its own; what is said for a human starts with the name.
      expect(lines(server.stdout).filter((line) => line.startsWith("newsgraph: "))).toEqual([
        expect.stringMatching(/^newsgraph: serving sqlite at http:\/\/127\.0\.0\.1:\d+\/graphql$/),
        "newsgraph: sign-in: tokens signed with JWT_SECRET",
        expect.stringMatching(/^newsgraph: Redis off: REDIS_URL is not set/),
        "newsgraph: GraphiQL off: production mode (GRAPHIQL=true serves it)",
        "newsgraph: demo content off: production mode (SEED_DEMO_CONTENT=true seeds an empty database)",
      ]);
      expect(server.stderr).not.toMatch(STACK_FRAME);

      const forged = await graphql(server.url, "{ viewer { name } }", await signedWith(OLD_PUBLIC_SECRET));
      expect([forged.status, forged.body.errors[0].extensions.code]).toEqual([401, "UNAUTHENTICATED"]);
      expect((await graphql(server.url, "{ viewer { name } }", await signedWith(PRODUCTION_SECRET))).body).toEqual({ data: { viewer: { name: "Ana" } } });
    } finally {
      await server.stop();
    }
  });

  it("is what the production start command runs: `npm run start:built` sets NODE_ENV=production itself", () => {
    const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;
    expect(scripts["start:built"]).toMatch(/^NODE_ENV=production node .*dist\/main\.js$/);
  });
});

describe("development mode without JWT_SECRET", () => {
  it("generates a secret once for the data folder (owner-only), keeps it across restarts, and `npm run token` signs with it", { timeout: 120_000 }, async () => {
    const env = { DATABASE_URL: seededCopy(), JWT_DEV_SECRET_FILE: join(folder, "data", "jwt-dev-secret") };
    const first = up(await startEntryPoint(env));
    let token: string;
    let secret: string;
    try {
      expect(statSync(env.JWT_DEV_SECRET_FILE).mode & 0o777).toBe(0o600);
      secret = readFileSync(env.JWT_DEV_SECRET_FILE, "utf8").trim();
      expect(secret).toMatch(/^[A-Za-z0-9_-]{64}$/);
      expect(lines(first.stdout)).toContainEqual(expect.stringMatching(/^newsgraph: sign-in: development tokens, signed with this data folder's own secret in .*jwt-dev-secret/));
      token = await mintToken(env, ["--role", "moderator", "--name", "Ana"]);
      expect((await graphql(first.url, "{ viewer { name roles } }", `Bearer ${token}`)).body).toEqual({ data: { viewer: { name: "Ana", roles: ["MODERATOR"] } } });
      const forged = await graphql(first.url, "{ viewer { name } }", await signedWith(OLD_PUBLIC_SECRET));
      expect([forged.status, forged.body.errors[0].extensions.code]).toEqual([401, "UNAUTHENTICATED"]);
    } finally {
      await first.stop();
    }

    const second = up(await startEntryPoint(env));
    try {
      expect(readFileSync(env.JWT_DEV_SECRET_FILE, "utf8").trim()).toBe(secret);
      expect((await graphql(second.url, "{ viewer { name } }", `Bearer ${token}`)).body).toEqual({ data: { viewer: { name: "Ana" } } });
    } finally {
      await second.stop();
    }
  });

  it("gives another data folder a secret of its own, so its tokens are refused here", { timeout: 120_000 }, async () => {
    const here = { DATABASE_URL: seededCopy(), JWT_DEV_SECRET_FILE: join(folder, "here", "jwt-dev-secret") };
    const elsewhere = { JWT_DEV_SECRET_FILE: join(folder, "elsewhere", "jwt-dev-secret") };
    const server = up(await startEntryPoint(here));
    try {
      const foreign = await mintToken(elsewhere, ["--name", "Ana"]);
      expect(readFileSync(elsewhere.JWT_DEV_SECRET_FILE, "utf8")).not.toBe(readFileSync(here.JWT_DEV_SECRET_FILE, "utf8"));
      expect((await graphql(server.url, "{ viewer { name } }", `Bearer ${foreign}`)).status).toBe(401);
    } finally {
      await server.stop();
    }
  });
});

describe("a port already taken", () => {
  it("stops the server with one line naming PORT and the fix, no stack trace", { timeout: 120_000 }, async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      const { code, output } = refused(await startEntryPoint({ DATABASE_URL: seededCopy(), JWT_SECRET: PRODUCTION_SECRET, PORT: String(port) }));
      expect(code).toBe(1);
      expect(output).not.toMatch(STACK_FRAME);
      expect(lines(output)).toEqual([`newsgraph: port ${port} is already in use on 127.0.0.1 (PORT): stop what holds it, or set PORT to a free port`]);
    } finally {
      holder.close();
    }
  });
});

describe("MIGRATE_ON_START=false", () => {
  const env = { NODE_ENV: "production", JWT_SECRET: PRODUCTION_SECRET, MIGRATE_ON_START: "false" };
  const refusal = /^newsgraph: the database in DATABASE_URL (has none of this release's tables|lacks 1 of this release's migrations \(the latest: \d+_\w+\)), and MIGRATE_ON_START=false leaves them to you: run `npm run db:migrate`, then start again$/;

  it("serves a database that has every migration", { timeout: 120_000 }, async () => {
    const server = up(await startEntryPoint({ ...env, DATABASE_URL: seededCopy() }));
    await server.stop();
  });

  it.each([
    ["a new SQLite file", () => `file:${join(folder, `new-${randomUUID().slice(0, 8)}.db`)}`],
    [
      "a SQLite database one migration behind",
      () => {
        const url = seededCopy();
        const db = new SQLite(url.slice("file:".length));
        db.prepare("DELETE FROM _prisma_migrations WHERE migration_name = (SELECT MAX(migration_name) FROM _prisma_migrations)").run();
        db.close();
        return url;
      },
    ],
  ])("refuses %s in one line naming the fix, not a stack trace", { timeout: 120_000 }, async (_name, url) => {
    const { code, output } = refused(await startEntryPoint({ ...env, DATABASE_URL: url() }));
    expect(code).toBe(1);
    expect(output).not.toMatch(STACK_FRAME);
    expect(lines(output)).toEqual([expect.stringMatching(refusal)]);
  });

  it.runIf(testPostgresUrl)("refuses a PostgreSQL database it had to create, after saying so", { timeout: 120_000 }, async () => {
    const name = `newsgraph_t_unmigrated_${randomUUID().replace(/-/g, "").slice(0, 8)}`;
    try {
      const { code, output } = refused(await startEntryPoint({ ...env, DATABASE_URL: postgresUrlFor(name) }));
      expect(code).toBe(1);
      expect(output).not.toMatch(STACK_FRAME);
      expect(lines(output)).toEqual(["newsgraph: created the PostgreSQL database named in DATABASE_URL, which did not exist", expect.stringMatching(refusal)]);
    } finally {
      await withPostgresAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  });
});

describe.runIf(testPostgresUrl)("a PostgreSQL database that does not exist", () => {
  const name = `newsgraph_t_missing_${randomUUID().replace(/-/g, "").slice(0, 8)}`;
  const role = `newsgraph_t_nocreate_${randomUUID().replace(/-/g, "").slice(0, 8)}`;
  afterAll(async () => {
    await withPostgresAdmin(async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.query(`DROP ROLE IF EXISTS "${role}"`);
    });
  });

  it("stops with one line naming DATABASE_URL and how to create it when the role may not", { timeout: 120_000 }, async () => {
    await withPostgresAdmin((client) => client.query(`CREATE ROLE "${role}" LOGIN NOCREATEDB PASSWORD 'startup-test'`));
    const url = new URL(postgresUrlFor(name));
    url.username = role;
    url.password = "startup-test";
    const { code, output } = refused(await startEntryPoint({ NODE_ENV: "production", JWT_SECRET: PRODUCTION_SECRET, DATABASE_URL: url.toString() }));
    expect(code).toBe(1);
    expect(output).not.toMatch(STACK_FRAME);
    expect(lines(output)).toEqual([
      expect.stringMatching(new RegExp(`^newsgraph: PostgreSQL database "${name}" on .* does not exist \\(DATABASE_URL\\), and ${role} may not create it .*createdb .* ${name}\``)),
    ]);
    expect(output).not.toContain("startup-test");
  });

  it("is created, migrated and served, empty, when the role may create it", { timeout: 120_000 }, async () => {
    const server = up(await startEntryPoint({ NODE_ENV: "production", JWT_SECRET: PRODUCTION_SECRET, DATABASE_URL: postgresUrlFor(name) }));
    try {
      expect(lines(server.stdout)).toContain("newsgraph: created the PostgreSQL database named in DATABASE_URL, which did not exist");
      expect((await graphql(server.url, "{ articles { totalCount } }")).body).toEqual({ data: { articles: { totalCount: 0 } } });
    } finally {
      await server.stop();
    }
  });
});

describe("what the server says at start", () => {
  const report = (env: Record<string, string>) => startupReport(resolveSigningSecret(loadConfig(env)), env);

  it("names each part that is off, and why, one line each", () => {
    const env = {
      NODE_ENV: "production", SIGN_IN: "false", MIGRATE_ON_START: "false", RESPONSE_CACHE: "false", COMPILED_READS: "false",
      INTROSPECTION: "false", RATE_LIMITS: "false", TRUSTED_DOCUMENTS: "true",
    };
    expect(report(env)).toEqual([
      "sign-in off: SIGN_IN=false, so every request is anonymous",
      expect.stringMatching(/^Redis off: REDIS_URL is not set/),
      "GraphiQL off: production mode (GRAPHIQL=true serves it)",
      "demo content off: production mode (SEED_DEMO_CONTENT=true seeds an empty database)",
      expect.stringMatching(/^migrations at start off: MIGRATE_ON_START=false/),
      "response cache off: RESPONSE_CACHE=false",
      expect.stringMatching(/^compiled reads off: COMPILED_READS=false/),
      expect.stringMatching(/^introspection off: INTROSPECTION=false/),
      expect.stringMatching(/^rate limits off: RATE_LIMITS=false/),
      expect.stringMatching(/^only trusted documents run: TRUSTED_DOCUMENTS=true/),
    ]);
  });

  it("says only how sign-in works when everything is on", () => {
    const env = { NODE_ENV: "production", JWT_SECRET: PRODUCTION_SECRET, REDIS_URL: "redis://redis.internal:6379", GRAPHIQL: "true", SEED_DEMO_CONTENT: "true" };
    expect(report(env)).toEqual(["sign-in: tokens signed with JWT_SECRET"]);
  });

  it("seeds demo content and serves GraphiQL by default in development only", () => {
    expect([loadConfig({}).seedDemoContent, loadConfig({}).graphiql]).toEqual([true, true]);
    expect([loadConfig({ NODE_ENV: "production" }).seedDemoContent, loadConfig({ NODE_ENV: "production" }).graphiql]).toEqual([false, false]);
    expect(loadConfig({ NODE_ENV: "production", SEED_DEMO_CONTENT: "true" }).seedDemoContent).toBe(true);
  });

  it("never echoes a secret in the line about a bad one", () => {
    expect(() => loadConfig({ JWT_SECRET: "too-short-but-private" })).toThrow(ConfigError);
    expect(() => loadConfig({ JWT_SECRET: "too-short-but-private" })).toThrow(/^Invalid JWT_SECRET=\(hidden\): must be at least 32 characters$/);
  });

  it("has sign-in off in test mode without JWT_SECRET, refuses production without one, and serves production anonymously with SIGN_IN=false", () => {
    expect(resolveSigningSecret(loadConfig({ NODE_ENV: "test" })).auth.secret).toBeUndefined();
    expect(() => resolveSigningSecret(loadConfig({ NODE_ENV: "production" }))).toThrow(/^JWT_SECRET is not set/);
    expect(resolveSigningSecret(loadConfig({ NODE_ENV: "production", SIGN_IN: "false" })).auth.enabled).toBe(false);
  });
});
