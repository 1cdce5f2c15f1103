// A commenter's record for moderators: how many of their comments stand in each state, and how
// often moderators or the rules turned them down.
import type { Context } from "../context.js";
import { commenterWhere } from "./queue.js";

/** Counts of one commenter's comments by state; `rejectionRate` is rejected-or-spam over decided (approved, rejected, spam), null before any. */
export interface CommenterRecord {
  total: number;
  pending: number;
  approved: number;
  rejected: number;
  spam: number;
  deleted: number;
  rejectionRate: number | null;
}

/** The record of the commenter named by email address or sign-in subject (zeros for a stranger). */
export async function commenterRecord(ctx: Context, commenter: string): Promise<CommenterRecord> {
  const groups = await ctx.prisma.comment.groupBy({ by: ["status"], where: commenterWhere(ctx, commenter), _count: { _all: true } });
  const count = (status: string) => groups.find((group) => group.status === status)?._count._all ?? 0;
  const [pending, approved, rejected, spam, deleted] = ["PENDING", "APPROVED", "REJECTED", "SPAM", "DELETED"].map(count) as [number, number, number, number, number];
  const decided = approved + rejected + spam;
  return {
    total: pending + approved + rejected + spam + deleted,
    pending,
    approved,
    rejected,
    spam,
    deleted,
    rejectionRate: decided === 0 ? null : (rejected + spam) / decided,
  };
}
