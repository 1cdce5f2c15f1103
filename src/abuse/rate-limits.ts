// How fast commenters may write: per signed-in user and per client address, each kind of write
// (posting, editing, deleting) counted apart, in a short burst window and a sustained one. With
// Redis the counters are shared by every instance; while Redis is unreachable each instance counts
// in memory (rate-limiter-flexible's insurance limiter), so posting never depends on Redis.
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { hasRole } from "../auth.js";
import type { RateLimitConfig } from "../config.js";
import type { Viewer } from "../auth.js";
import { RateLimitedError } from "../errors.js";
import { log } from "../log.js";
import { addressKey } from "./address-key.js";

/**
 * The writes that are rate limited; a reaction toggle is `react`, counted against limits of its own;
 * a reader's report is `report`, at the posting limits, so fresh guest keys cannot pile reports from one address.
 */
export type WriteKind = "post" | "edit" | "delete" | "react" | "report";

const WRITE_KINDS: WriteKind[] = ["post", "edit", "delete", "react", "report"];

/** Who a write is counted against: the signed-in user, the client address, or both. */
export interface Writer {
  userId: string | null;
  address: string | null;
}

export interface RateLimits {
  /** Counts one write of `kind` against the writer; throws RateLimitedError when over a limit (a refused attempt counts too, so hammering does not pay). */
  consume(kind: WriteKind, writer: Writer): Promise<void>;
  close(): Promise<void>;
}

/**
 * The hook for every comment write, called before its transaction. Moderators and admins are
 * exempt: their writes are moderation, and a limit would stand between them and a flood.
 */
export function limitWriteRate(ctx: { viewer: Viewer | null; clientAddress: string | null; rateLimits: RateLimits }, kind: WriteKind): Promise<void> {
  if (hasRole(ctx.viewer, "MODERATOR")) return Promise.resolve();
  return ctx.rateLimits.consume(kind, { userId: ctx.viewer?.id ?? null, address: ctx.clientAddress });
}

/** Opens the limiters a configuration asks for: none, in memory, or in Redis with memory as insurance. */
export async function openRateLimits(config: RateLimitConfig): Promise<RateLimits> {
  if (!config.enabled) return { consume: async () => {}, close: async () => {} };
  const redis = config.redisUrl ? await connect(config.redisUrl) : null;
  const limiter = (kind: WriteKind, window: string, points: number, duration: number): RateLimiterAbstract => {
    const keyPrefix = `${config.keyPrefix}:${kind}:${window}`;
    const memory = new RateLimiterMemory({ keyPrefix, points, duration });
    return redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration, rejectIfRedisNotReady: true, insuranceLimiter: memory }) : memory;
  };
  const limiters = new Map(
    WRITE_KINDS.map((kind) => {
      const limits = kind === "react" ? config.reactions : config;
      return [kind, [limiter(kind, "burst", limits.burst, limits.burstSeconds), limiter(kind, "sustained", limits.sustained, limits.sustainedSeconds)]];
    }),
  );

  return {
    async consume(kind, writer) {
      const keys = [
        ...(writer.userId !== null ? [`user:${writer.userId}`] : []),
        ...(writer.address !== null ? [`address:${addressKey(writer.address)}`] : []),
      ];
      const waits = await Promise.all(keys.flatMap((key) => limiters.get(kind)!.map((limiter) => refusalWait(limiter, key))));
      const refusals = waits.filter((ms): ms is number => ms !== null);
      // The longest wait: a retry any sooner would be refused by another limit.
      if (refusals.length > 0) throw new RateLimitedError(Math.max(1, Math.ceil(Math.max(...refusals) / 1000)));
    },
    async close() {
      redis?.disconnect();
    },
  };
}

/** Consumes a point; gives null when allowed, or the milliseconds until the limiter allows again. */
async function refusalWait(limiter: RateLimiterAbstract, key: string): Promise<number | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return refusal.msBeforeNext;
    // Neither the store nor its insurance answered: the write goes ahead rather than fail.
    log.error({ err: refusal }, "rate limiter failed; write allowed");
    return null;
  }
}

/**
 * A connection of its own that never queues: while Redis is away a command fails at once and the
 * insurance limiter counts instead. Unreachable at start, it keeps reconnecting in the background.
 */
async function connect(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1000, connectTimeout: 2000 });
  let down = false;
  redis.on("error", (error: Error) => {
    if (down) return;
    down = true;
    log.warn({ err: error }, "rate-limit Redis unreachable; counting in memory on this instance until it returns");
  });
  redis.on("ready", () => {
    if (down) log.info("rate-limit Redis back; counters shared again");
    down = false;
  });
  await redis.connect().catch(() => {});
  return redis;
}
