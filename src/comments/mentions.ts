// `@Name` addressing an earlier commenter in the same thread becomes a Mention of that
// commenter's latest earlier comment. Names may contain spaces ("@Marta K."), so the body is
// matched against the names actually present in the thread, longest first.
import type { Tx } from "../events/record.js";

/** Replaces the comment's mentions with those its body makes now; `fresh`: a new comment, with none to replace. */
export async function linkMentions(tx: Tx, comment: { id: number; body: string; rootId: number | null; createdAt: Date }, options: { fresh?: boolean } = {}): Promise<void> {
  if (!options.fresh) await tx.mention.deleteMany({ where: { commentId: comment.id } });
  if (comment.rootId == null || !comment.body.includes("@")) return;
  const earlier = await tx.comment.findMany({
    where: {
      OR: [{ id: comment.rootId }, { rootId: comment.rootId }],
      id: { not: comment.id },
      createdAt: { lte: comment.createdAt },
      status: { in: ["APPROVED", "PENDING"] },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, authorName: true },
  });
  const latestByName = new Map<string, number>();
  for (const { id, authorName } of earlier) if (!latestByName.has(authorName)) latestByName.set(authorName, id);
  const names = [...latestByName.keys()].sort((a, b) => b.length - a.length);
  const found = new Map<number, string>();
  let rest = comment.body;
  for (const name of names) {
    if (!rest.includes(`@${name}`)) continue;
    found.set(latestByName.get(name)!, name);
    rest = rest.split(`@${name}`).join(" ");
  }
  if (found.size === 0) return;
  await tx.mention.createMany({
    data: [...found].map(([mentionedCommentId, name]) => ({ commentId: comment.id, mentionedCommentId, name })),
  });
}
