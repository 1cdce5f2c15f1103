// Comment writes are admitted a few at a time per database, so a storm of posts queues here, in
// order and for a bounded time, instead of holding every pooled connection while it waits for the
// write lock: reads (live feeds included) keep connections of their own, and a post that cannot
// start in time is refused with OVERLOADED and a Retry-After, never masked.
import { Gate } from "../admission.js";
import type { Context } from "../context.js";
import type { Db } from "../db.js";
import { OverloadedError } from "../errors.js";

const gates = new WeakMap<Db, Gate>();

/** Runs one write transaction once admitted; an overload, here or in starting the transaction, is OVERLOADED. */
export async function admitWrite<T>(ctx: Context, write: () => Promise<T>): Promise<T> {
  let gate = gates.get(ctx.prisma);
  if (!gate) gates.set(ctx.prisma, (gate = new Gate({ concurrency: ctx.config.writes.concurrency, maxWaitMs: ctx.config.writes.queueTimeoutMs })));
  try {
    return await gate.run(write);
  } catch (error) {
    // Prisma's P2028: no connection came free within the transaction's wait.
    if ((error as { code?: unknown }).code === "P2028" && /start a transaction/i.test(String((error as Error).message))) {
      throw new OverloadedError(Math.max(1, Math.ceil(ctx.config.writes.queueTimeoutMs / 1000)));
    }
    throw error;
  }
}
