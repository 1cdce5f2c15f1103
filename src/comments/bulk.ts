// Bulk decisions: a list of comments, or everything one commenter wrote, decided in ONE
// transaction; each comment's decision is logged and evented as if made alone, and one that
// cannot be made leaves every comment as it was.
import type { Context } from "../context.js";
import { ValidationError, type FieldProblem } from "../errors.js";
import type { Comment } from "../generated/prisma/client.js";
import { decide, type ModerationDecision } from "./moderate.js";
import { commenterWhere } from "./queue.js";
import { writeComments } from "./transaction.js";

/**
 * Applies `decision` to every comment of `ids` (in that order; repeats once), all or nothing.
 * Throws ValidationError listing every missing id (path ["ids", index]) or the first decision that does not apply.
 */
export async function moderateComments(
  ctx: Context,
  input: { ids: number[]; decision: ModerationDecision; note?: string | null },
): Promise<Comment[]> {
  const ids = [...new Set(input.ids)];
  const { result } = await writeComments(ctx, async (tx, record) => {
    const rows = await tx.comment.findMany({ where: { id: { in: ids } } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const missing: FieldProblem[] = input.ids.flatMap((id, index) => (byId.has(id) ? [] : [{ path: ["ids", String(index)], message: "No such comment." }]));
    if (missing.length > 0) throw ValidationError.of(missing);
    const decided: Comment[] = [];
    for (const id of ids) {
      const index = input.ids.indexOf(id);
      // A comment moved by an earlier one's decision (a reply's counts) is read again.
      const comment = await tx.comment.findUniqueOrThrow({ where: { id } });
      decided.push(await decide(tx, ctx, record, { comment, decision: input.decision, note: input.note, field: `ids.${index}` }));
    }
    return decided;
  });
  return result;
}

/** Rejects every comment by a commenter (email or subject) not already rejected, spam or deleted; gives those it rejected. */
export async function rejectAllByCommenter(ctx: Context, input: { commenter: string; note?: string | null }): Promise<Comment[]> {
  if (!input.commenter.trim()) throw new ValidationError("Name the commenter by email address or sign-in subject.", "commenter");
  const { result } = await writeComments(ctx, async (tx, record) => {
    const rows = await tx.comment.findMany({
      where: { AND: [commenterWhere(ctx, input.commenter), { status: { in: ["PENDING", "APPROVED"] } }] },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    const rejected: Comment[] = [];
    for (const { id } of rows) {
      const comment = await tx.comment.findUniqueOrThrow({ where: { id } });
      rejected.push(await decide(tx, ctx, record, { comment, decision: "REJECT", note: input.note }));
    }
    return rejected;
  });
  return result;
}
