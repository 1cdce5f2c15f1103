// Environment -> validated configuration. A bad value stops the server with one line naming it.
import { z } from "zod";
import { parseTrustProxy, type TrustProxy } from "./client-address.js";

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
  SEED_DEMO_CONTENT: flag.optional(),
  MIGRATE_ON_START: flag.default("true"),
  GRAPHIQL: flag.optional(),
  LOG_QUERIES: flag.default("false"),
  RESPONSE_CACHE: flag.default("true"),
  COMPILED_READS: flag.default("true"),
  GRAPHQL_JIT: flag.default("true"),
  ONE_STATEMENT_POSTS: flag.default("true"),
  /** false: no token is accepted and every request is anonymous. */
  SIGN_IN: flag.default("true"),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Development without JWT_SECRET: the secret generated for this data folder (relative to the project root). */
  JWT_DEV_SECRET_FILE: z.string().min(1).default("data/jwt-dev-secret"),
  JWT_JWKS_URL: z.string().url().optional(),
  /** Signs preview links; without it they are signed with a key derived from JWT_SECRET. */
  PREVIEW_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  JWT_ISSUER: z.string().optional(),
  JWT_AUDIENCE: z.string().optional(),
  COMMENT_MAX_DEPTH: positiveInt(3),
  COMMENT_EDIT_WINDOW_SECONDS: positiveInt(900),
  EVENT_RETENTION_DAYS: positiveInt(30),
  // A commenter's data rights (src/data-rights/): what an erasure does with their comments' bodies, and how long guest emails are kept (0: for good).
  ERASURE_BODIES: z.enum(["tombstone", "keep"]).default("tombstone"),
  GUEST_EMAIL_RETENTION_DAYS: z.coerce.number().int().min(0).default(365),
  // Reactions to comments: the kinds offered (upper-case names, comma-separated), whether guests may react by a browser key, and how often live readers hear of a comment's new counts.
  REACTION_KINDS: z
    .string()
    .default("RESPECT,INSIGHTFUL,FUNNY")
    .transform((value) => [...new Set(value.split(",").map((kind) => kind.trim()).filter(Boolean))])
    .refine((kinds) => kinds.length > 0 && kinds.length <= 20 && kinds.every((kind) => /^[A-Z][A-Z0-9_]{0,31}$/.test(kind)), "must be 1 to 20 names like RESPECT,INSIGHTFUL"),
  GUEST_REACTIONS: flag.default("true"),
  REACTION_ANNOUNCE_MS: positiveInt(1000),
  REACTION_RATE_LIMIT_BURST: positiveInt(30),
  REACTION_RATE_LIMIT_BURST_SECONDS: positiveInt(10),
  REACTION_RATE_LIMIT_SUSTAINED: positiveInt(600),
  REACTION_RATE_LIMIT_SUSTAINED_SECONDS: positiveInt(3600),
  SHUTDOWN_TIMEOUT_MS: positiveInt(10_000),
  // Rate limits on comment writes and the proxies trusted to name the client's address.
  RATE_LIMITS: flag.default("true"),
  RATE_LIMIT_BURST: positiveInt(1),
  RATE_LIMIT_BURST_SECONDS: positiveInt(3),
  RATE_LIMIT_SUSTAINED: positiveInt(20),
  RATE_LIMIT_SUSTAINED_SECONDS: positiveInt(3600),
  RATE_LIMIT_REDIS_URL: z.string().regex(/^rediss?:\/\/.+/, "must be redis://...").optional(),
  RATE_LIMIT_KEY_PREFIX: z.string().min(1).default("newsgraph:rate"),
  TRUST_PROXY: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parseTrustProxy(value);
      } catch (error) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
      }
    }),
  // Moderation rules: how long an instance may keep its copy when a change notice does not reach it.
  MODERATION_RULES_CACHE_SECONDS: positiveInt(30),
  // Bounds on every database call, so an outage fails requests instead of holding them.
  DB_CONNECT_TIMEOUT_MS: positiveInt(5_000),
  DB_STATEMENT_TIMEOUT_MS: positiveInt(5_000),
  DB_TRANSACTION_TIMEOUT_MS: positiveInt(10_000),
  DB_TRANSACTION_MAX_WAIT_MS: positiveInt(5_000),
  READY_TIMEOUT_MS: positiveInt(800),
  DB_RETRY_AFTER_SECONDS: positiveInt(5),
  // Overload and connection limits.
  WRITE_CONCURRENCY: positiveInt(4),
  WRITE_QUEUE_TIMEOUT_MS: positiveInt(10_000),
  HTTP_HEADERS_TIMEOUT_MS: positiveInt(10_000),
  HTTP_REQUEST_TIMEOUT_MS: positiveInt(30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: positiveInt(5000),
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).default(256),
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

export interface Config {
  env: "development" | "production" | "test";
  host: string;
  port: number;
  databaseUrl: string;
  database: "sqlite" | "postgresql";
  redisUrl: string | undefined;
  /** Seed the demo newsroom into an empty database (default outside production only). */
  seedDemoContent: boolean;
  migrateOnStart: boolean;
  graphiql: boolean;
  logQueries: boolean;
  /** Cache anonymous reads, invalidated by comment events. */
  responseCache: boolean;
  /** Article pages and lists read through SQL compiled from the query, not through Prisma. */
  compiledReads: boolean;
  /** Queries and mutations run as graphql-jit compiles them, not on Yoga's executor (src/execution/executor.ts). */
  graphqlJit: boolean;
  /** A plain post on PostgreSQL written by one SQL statement (src/comments/insert-comment.ts), not a Prisma transaction. */
  oneStatementPosts: boolean;
  auth: {
    /** SIGN_IN: whether tokens are accepted at all. */
    enabled: boolean;
    /** HS256 secret: JWT_SECRET, or in development the one kept in `developmentSecretFile` (read at start). */
    secret?: string;
    /** Development without JWT_SECRET: where a secret generated for this data folder is kept. */
    developmentSecretFile?: string;
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
  };
  /** PREVIEW_SECRET: signs preview links when set (src/articles/previews.ts). */
  previewSecret?: string;
  comments: { maxDepth: number; editWindowSeconds: number };
  /** Reactions (src/comments/reactions.ts): the kinds offered, guests by browser key, and the least time between two live announcements of one comment's counts. */
  reactions: { kinds: string[]; guests: boolean; announceMs: number };
  /** Comment events older than this are pruned; a resume from before them gets a resync. */
  eventRetentionDays: number;
  /** A commenter's data rights: an erasure's bodies by default (TOMBSTONE or KEEP), and the days a guest's email and edit key are kept (null: for good). */
  dataRights: { erasureBodies: "TOMBSTONE" | "KEEP"; guestEmailRetentionDays: number | null };
  shutdownTimeoutMs: number;
  /** How fast commenters may write (src/abuse/rate-limits.ts). */
  rateLimits: RateLimitConfig;
  /** Which peers are proxies whose X-Forwarded-For names the client (TRUST_PROXY); none by default. */
  trustProxy: TrustProxy;
  /** The longest an instance serves spam and abuse rules a change notice did not reach it about. */
  moderationRulesCacheSeconds: number;
  /** Bounds on database calls; see DatabaseLimits. */
  databaseLimits: DatabaseLimits;
  /** How long /ready waits for each of its checks before calling it down. */
  readyTimeoutMs: number;
  /** The Retry-After (seconds) sent with SERVICE_UNAVAILABLE. */
  retryAfterSeconds: number;
  /** Comment writes run `concurrency` at a time, leaving the rest of Prisma's pool to its reads; one waiting longer than `queueTimeoutMs` is refused with OVERLOADED. */
  writes: { concurrency: number; queueTimeoutMs: number };
  /** Time allowed for a request's headers, for the whole request (body included), and idle between keep-alive requests; open sockets per client address (0: no cap). */
  connections: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number; maxPerAddress: number };
  /** Refused before execution beyond these (src/limits/). */
  queryLimits: QueryLimits;
  /** Only the operations under schema/operations are accepted, by hash or exact text. */
  trustedDocuments: boolean;
  /** Origins browsers may call from: "*" for any, or a list. */
  corsOrigins: "*" | string[];
  /** Schema introspection (GraphiQL's docs, codegen) answered. */
  introspection: boolean;
}

/** How fast one user, and one client address, may write comments (each kind of write counted apart). */
export interface RateLimitConfig {
  /** Off only where every writer is trusted (load tests). */
  enabled: boolean;
  /** At most `burst` writes per `burstSeconds`. */
  burst: number;
  burstSeconds: number;
  /** At most `sustained` writes per `sustainedSeconds`. */
  sustained: number;
  sustainedSeconds: number;
  /** Reactions' own limits, looser than posting's: a reader taps many in a minute. */
  reactions: { burst: number; burstSeconds: number; sustained: number; sustainedSeconds: number };
  /** Where the counters are shared by all instances; in memory when unset. */
  redisUrl: string | undefined;
  /** Prefix of the counters' Redis keys. */
  keyPrefix: string;
}

/** How long any database call may take, so an unreachable or frozen database fails requests fast. */
export interface DatabaseLimits {
  /** Opening a connection (PostgreSQL). */
  connectTimeoutMs: number;
  /** One statement: PostgreSQL's statement_timeout (and the client's read timeout), SQLite's busy_timeout. */
  statementTimeoutMs: number;
  /** A whole transaction, once started; PostgreSQL also ends a session idle in a transaction this long. */
  transactionTimeoutMs: number;
  /** Waiting for a connection to start a transaction on. */
  transactionMaxWaitMs: number;
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
    const name = String(issue.path[0]);
    // A secret is never echoed, even a wrong one: the line ends up in logs.
    const shown = name.includes("SECRET") ? "(hidden)" : JSON.stringify(present[name] ?? "");
    throw new ConfigError(`Invalid ${issue.path.join(".")}=${shown}: ${issue.message}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    database: e.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql",
    redisUrl: e.REDIS_URL,
    // A production database starts empty unless demo content is asked for.
    seedDemoContent: e.SEED_DEMO_CONTENT ?? !production,
    migrateOnStart: e.MIGRATE_ON_START,
    graphiql: e.GRAPHIQL ?? !production,
    logQueries: e.LOG_QUERIES,
    responseCache: e.RESPONSE_CACHE,
    compiledReads: e.COMPILED_READS,
    graphqlJit: e.GRAPHQL_JIT,
    oneStatementPosts: e.ONE_STATEMENT_POSTS,
    auth: e.SIGN_IN
      ? {
          enabled: true,
          secret: e.JWT_SECRET,
          // No secret is ever public: development without one gets its own, generated once (src/startup/signing-secret.ts).
          developmentSecretFile: e.JWT_SECRET || e.JWT_JWKS_URL || e.NODE_ENV !== "development" ? undefined : e.JWT_DEV_SECRET_FILE,
          jwksUrl: e.JWT_JWKS_URL,
          issuer: e.JWT_ISSUER,
          audience: e.JWT_AUDIENCE,
        }
      : { enabled: false },
    previewSecret: e.PREVIEW_SECRET,
    comments: { maxDepth: e.COMMENT_MAX_DEPTH, editWindowSeconds: e.COMMENT_EDIT_WINDOW_SECONDS },
    reactions: { kinds: e.REACTION_KINDS, guests: e.GUEST_REACTIONS, announceMs: e.REACTION_ANNOUNCE_MS },
    eventRetentionDays: e.EVENT_RETENTION_DAYS,
    dataRights: {
      erasureBodies: e.ERASURE_BODIES === "keep" ? "KEEP" : "TOMBSTONE",
      guestEmailRetentionDays: e.GUEST_EMAIL_RETENTION_DAYS === 0 ? null : e.GUEST_EMAIL_RETENTION_DAYS,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    rateLimits: {
      enabled: e.RATE_LIMITS,
      burst: e.RATE_LIMIT_BURST,
      burstSeconds: e.RATE_LIMIT_BURST_SECONDS,
      sustained: e.RATE_LIMIT_SUSTAINED,
      sustainedSeconds: e.RATE_LIMIT_SUSTAINED_SECONDS,
      reactions: {
        burst: e.REACTION_RATE_LIMIT_BURST,
        burstSeconds: e.REACTION_RATE_LIMIT_BURST_SECONDS,
        sustained: e.REACTION_RATE_LIMIT_SUSTAINED,
        sustainedSeconds: e.REACTION_RATE_LIMIT_SUSTAINED_SECONDS,
      },
      redisUrl: e.RATE_LIMIT_REDIS_URL ?? e.REDIS_URL,
      keyPrefix: e.RATE_LIMIT_KEY_PREFIX,
    },
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    moderationRulesCacheSeconds: e.MODERATION_RULES_CACHE_SECONDS,
    databaseLimits: {
      connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
      transactionTimeoutMs: e.DB_TRANSACTION_TIMEOUT_MS,
      transactionMaxWaitMs: e.DB_TRANSACTION_MAX_WAIT_MS,
    },
    readyTimeoutMs: e.READY_TIMEOUT_MS,
    retryAfterSeconds: e.DB_RETRY_AFTER_SECONDS,
    writes: { concurrency: e.WRITE_CONCURRENCY, queueTimeoutMs: e.WRITE_QUEUE_TIMEOUT_MS },
    connections: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxPerAddress: e.MAX_CONNECTIONS_PER_ADDRESS,
    },
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
