// Guest emails are kept for GUEST_EMAIL_RETENTION_DAYS (storage limitation, GDPR Article 5(1)(e)):
// once a guest's comment is older, its email, its edit key and the idempotency hashes derived from
// them are erased; the name and body stay. Each instance runs the sweep at start and then at the
// next comment's due moment (at least hourly, so rows written around the API, like an import's,
// are found too). Passes are batched and idempotent: instances racing over one row clear it once.
// The rules that key on email (standings by email or domain, the newcomer rule's count of earlier
// approved comments) no longer see those old comments.
import type { Services } from "../context.js";
import { startDueTimer, type DueTimer } from "../articles/due-timer.js";
import type { Prisma } from "../generated/prisma/client.js";

const DAY_MS = 86_400_000;
/** The longest between two passes. */
const MAX_WAIT_MS = 60 * 60_000;
/** The shortest: a clock held still (tests) never spins the timer. */
const MIN_WAIT_MS = 1000;
/** Rows per statement. */
const BATCH = 500;

/** A guest's comment still holding what identifies its writer. */
const HOLDS_GUEST_DATA: Prisma.CommentWhereInput = {
  userId: null,
  OR: [{ guestEmail: { not: null } }, { editKeyHash: { not: null } }, { idempotencyKey: { not: null } }],
};

/** The sweep's timer; `ready` resolves once its first pass (at start) has ended, well or not. */
export interface GuestEmailRetention extends DueTimer {
  ready: Promise<void>;
}

/** The retention boundary: guest emails of comments created at or before it are erased (GUEST_EMAIL_RETENTION_DAYS). */
export const guestEmailCutoff = (days: number, now: Date): Date => new Date(now.getTime() - days * DAY_MS);

/**
 * Erases guest emails and edit keys of comments created `days` or more before `now`, `BATCH` rows at
 * a time. Gives how many comments it changed and the milliseconds until the next one falls due (null: none held).
 */
export async function sweepGuestEmails(prisma: Services["database"]["prisma"], options: { days: number; now: Date }): Promise<{ erased: number; nextDueMs: number | null }> {
  const cutoff = guestEmailCutoff(options.days, options.now);
  const due: Prisma.CommentWhereInput = { ...HOLDS_GUEST_DATA, createdAt: { lte: cutoff } };
  let erased = 0;
  for (;;) {
    const batch = await prisma.comment.findMany({ where: due, select: { id: true }, orderBy: { id: "asc" }, take: BATCH });
    if (batch.length === 0) break;
    const { count } = await prisma.comment.updateMany({
      // The condition again: a row another instance cleared meanwhile is not counted twice.
      where: { ...due, id: { in: batch.map((row) => row.id) } },
      data: { guestEmail: null, editKeyHash: null, idempotencyKey: null, requestHash: null },
    });
    erased += count;
    if (batch.length < BATCH) break;
  }
  const oldest = await prisma.comment.findFirst({ where: HOLDS_GUEST_DATA, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  return { erased, nextDueMs: oldest ? oldest.createdAt.getTime() + options.days * DAY_MS - options.now.getTime() : null };
}

/** Starts this instance's sweep over `services`, on the clock `now` (tests fix it); off when GUEST_EMAIL_RETENTION_DAYS is 0. */
export function startGuestEmailRetention(options: { services: Services; now?: () => Date }): GuestEmailRetention {
  const { services } = options;
  const now = options.now ?? (() => new Date());
  const days = services.config.dataRights.guestEmailRetentionDays;
  let firstPassEnded!: () => void;
  const ready = new Promise<void>((resolve) => (firstPassEnded = resolve));
  const pass = async (): Promise<number | null> => {
    try {
      if (days === null) return null;
      const { nextDueMs } = await sweepGuestEmails(services.database.prisma, { days, now: now() });
      return Math.max(MIN_WAIT_MS, Math.min(nextDueMs ?? MAX_WAIT_MS, MAX_WAIT_MS));
    } finally {
      firstPassEnded();
    }
  };
  const timer = startDueTimer({ name: "guest email retention", pass, listen: () => [] });
  return { ...timer, ready };
}
