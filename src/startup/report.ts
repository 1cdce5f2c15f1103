// What the server says at start: one line for sign-in, and one for each thing that is off, with why.
import { relative } from "node:path";
import type { Config } from "../config.js";
import { developmentSecretPath } from "./signing-secret.js";

type Env = Record<string, string | undefined>;

/** Lines for a human at a terminal: how sign-in works, then each part that is off and why. */
export function startupReport(config: Config, env: Env = process.env): string[] {
  const mode = `${config.env} mode`;
  const why = (setting: string, fallback: string) => (env[setting] ? `${setting}=${env[setting]}` : fallback);
  const lines = [signInLine(config, env)];
  if (!config.redisUrl) {
    lines.push("Redis off: REDIS_URL is not set, so live events and cache invalidation stay within this instance (set it to run more than one)");
  }
  if (!config.graphiql) lines.push(`GraphiQL off: ${why("GRAPHIQL", mode)} (GRAPHIQL=true serves it)`);
  if (!config.seedDemoContent) lines.push(`demo content off: ${why("SEED_DEMO_CONTENT", mode)} (SEED_DEMO_CONTENT=true seeds an empty database)`);
  if (!config.migrateOnStart) lines.push("migrations at start off: MIGRATE_ON_START=false (run `npm run db:migrate` before each release)");
  if (!config.responseCache) lines.push("response cache off: RESPONSE_CACHE=false");
  if (!config.graphqlJit) lines.push("graphql-jit off: GRAPHQL_JIT=false, so every operation runs on Yoga's executor");
  if (!config.compiledReads) lines.push("compiled reads off: COMPILED_READS=false, so every read goes through Prisma");
  if (!config.introspection) lines.push("introspection off: INTROSPECTION=false, so GraphiQL's docs and codegen against this server are refused");
  if (!config.rateLimits.enabled) lines.push("rate limits off: RATE_LIMITS=false, so commenters may write as fast as they like");
  if (config.trustedDocuments) lines.push("only trusted documents run: TRUSTED_DOCUMENTS=true, so operations outside schema/operations are refused");
  return lines;
}

function signInLine(config: Config, env: Env): string {
  const { auth } = config;
  if (auth.jwksUrl) return `sign-in: tokens verified with the keys at ${auth.jwksUrl} (JWT_JWKS_URL)`;
  if (auth.developmentSecretFile) {
    const path = developmentSecretPath(auth.developmentSecretFile);
    const file = relative(process.cwd(), path).startsWith("..") ? path : relative(process.cwd(), path);
    return `sign-in: development tokens, signed with this data folder's own secret in ${file} (\`npm run token\` mints one)`;
  }
  if (!auth.enabled) return `sign-in off: SIGN_IN=${env.SIGN_IN ?? "false"}, so every request is anonymous`;
  if (auth.secret) return "sign-in: tokens signed with JWT_SECRET";
  return `sign-in off: no JWT_SECRET or JWT_JWKS_URL in ${config.env} mode, so every request is anonymous`;
}
