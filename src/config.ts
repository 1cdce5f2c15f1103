// Environment -> validated configuration. A bad value stops the server with one line naming it.
import { z } from "zod";

const flag = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z
    .string()
    .regex(/^(file:.+|postgres(ql)?:\/\/.+)$/, "must be file:<path> or postgresql://...")
    .default("file:./data/newsgraph.db"),
  REDIS_URL: z.string().regex(/^rediss?:\/\/.+/, "must be redis://...").optional(),
  SEED_DEMO_CONTENT: flag.default("true"),
  MIGRATE_ON_START: flag.default("true"),
  GRAPHIQL: flag.optional(),
  LOG_QUERIES: flag.default("false"),
  RESPONSE_CACHE: flag.default("true"),
  COMPILED_READS: flag.default("true"),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  JWT_JWKS_URL: z.string().url().optional(),
  JWT_ISSUER: z.string().optional(),
  JWT_AUDIENCE: z.string().optional(),
  COMMENT_MAX_DEPTH: positiveInt(3),
  COMMENT_EDIT_WINDOW_SECONDS: positiveInt(900),
  EVENT_RETENTION_DAYS: positiveInt(30),
  SHUTDOWN_TIMEOUT_MS: positiveInt(10_000),
  // What one request may ask for, and who may ask (src/limits/).
  QUERY_MAX_DEPTH: positiveInt(10),
  QUERY_MAX_ALIASES: positiveInt(15),
  QUERY_MAX_DIRECTIVES: positiveInt(10),
  QUERY_MAX_TOKENS: positiveInt(1000),
  QUERY_MAX_COST: positiveInt(4_000),
  TRUSTED_DOCUMENTS: flag.default("false"),
  CORS_ORIGINS: z.string().min(1).default("*"),
  INTROSPECTION: flag.default("true"),
});

export type Env = z.input<typeof schema>;

/** Signs development tokens only; never accepted when NODE_ENV=production. */
export const DEVELOPMENT_JWT_SECRET = "newsgraph-development-secret-do-not-use-in-production";

export interface Config {
  env: "development" | "production" | "test";
  host: string;
  port: number;
  databaseUrl: string;
  database: "sqlite" | "postgresql";
  redisUrl: string | undefined;
  seedDemoContent: boolean;
  migrateOnStart: boolean;
  graphiql: boolean;
  logQueries: boolean;
  /** Cache anonymous reads, invalidated by comment events. */
  responseCache: boolean;
  /** Article pages and lists read through SQL compiled from the query, not through Prisma. */
  compiledReads: boolean;
  auth: { secret?: string; jwksUrl?: string; issuer?: string; audience?: string };
  comments: { maxDepth: number; editWindowSeconds: number };
  /** Comment events older than this are pruned; a resume from before them gets a resync. */
  eventRetentionDays: number;
  shutdownTimeoutMs: number;
  /** Refused before execution beyond these (src/limits/). */
  queryLimits: QueryLimits;
  /** Only the operations under schema/operations are accepted, by hash or exact text. */
  trustedDocuments: boolean;
  /** Origins browsers may call from: "*" for any, or a list. */
  corsOrigins: "*" | string[];
  /** Schema introspection (GraphiQL's docs, codegen) answered. */
  introspection: boolean;
}

/** The largest operation accepted: nesting, aliases, directives, tokens, and a cost that multiplies page sizes. */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads the configuration; throws one ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid ${issue.path.join(".")}=${JSON.stringify(present[String(issue.path[0])] ?? "")}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    database: e.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql",
    redisUrl: e.REDIS_URL,
    seedDemoContent: e.SEED_DEMO_CONTENT,
    migrateOnStart: e.MIGRATE_ON_START,
    graphiql: e.GRAPHIQL ?? e.NODE_ENV !== "production",
    logQueries: e.LOG_QUERIES,
    responseCache: e.RESPONSE_CACHE,
    compiledReads: e.COMPILED_READS,
    auth: {
      // Development and tests sign with a known secret so `npm run token` works out of the box;
      // production accepts tokens only with JWT_SECRET or JWT_JWKS_URL set.
      secret: e.JWT_SECRET ?? (e.NODE_ENV === "production" || e.JWT_JWKS_URL ? undefined : DEVELOPMENT_JWT_SECRET),
      jwksUrl: e.JWT_JWKS_URL,
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
    },
    comments: { maxDepth: e.COMMENT_MAX_DEPTH, editWindowSeconds: e.COMMENT_EDIT_WINDOW_SECONDS },
    eventRetentionDays: e.EVENT_RETENTION_DAYS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    queryLimits: {
      maxDepth: e.QUERY_MAX_DEPTH,
      maxAliases: e.QUERY_MAX_ALIASES,
      maxDirectives: e.QUERY_MAX_DIRECTIVES,
      maxTokens: e.QUERY_MAX_TOKENS,
      maxCost: e.QUERY_MAX_COST,
    },
    trustedDocuments: e.TRUSTED_DOCUMENTS,
    corsOrigins: e.CORS_ORIGINS.trim() === "*" ? "*" : e.CORS_ORIGINS.split(",").map((origin) => origin.trim()).filter(Boolean),
    introspection: e.INTROSPECTION,
  };
}
