// Merging duplicates: in one transaction, everything that points at the duplicate moves to the
// survivor, a MergedRecord keeps the duplicate's id resolving to the survivor, and the duplicate goes.
import type { Context } from "../context.js";
import { NotFoundError, ValidationError } from "../errors.js";
import { writeArticles } from "../articles/transaction.js";
import type { Tx } from "../events/record.js";
import { AUTHOR_TYPES, MOVED_TYPES, SOURCE_TYPES, TOPIC_TYPES } from "./cached-types.js";
import { currentId } from "./merged-ids.js";
import { ORGANIZATION_KINDS } from "./sources.js";

/** A type whose duplicates can be merged. */
export type MergeableType = "Source" | "Author" | "Topic";

/** What a merge names: the record kept and the duplicate folded into it (either may be an id merged before). */
export interface MergeInput {
  typename: MergeableType;
  survivorId: number;
  duplicateId: number;
}

const TOUCHED: Record<MergeableType, string[]> = { Source: SOURCE_TYPES, Author: AUTHOR_TYPES, Topic: TOPIC_TYPES };

/**
 * Folds the duplicate into the survivor; gives the survivor's id. Throws NotFoundError for an unknown
 * id, ValidationError when both name the same record (or a source with members would join a person).
 */
export async function mergeRecords(ctx: Context, input: MergeInput): Promise<{ id: number }> {
  const actorId = ctx.viewer!.id;
  const { result } = await writeArticles(ctx, async (tx, log) => {
    const survivor = await currentId(tx, input.typename, input.survivorId);
    const duplicate = await currentId(tx, input.typename, input.duplicateId);
    if (survivor === duplicate) throw ValidationError.of([{ path: ["duplicateId"], message: "A record cannot be merged into itself." }]);
    await MOVE[input.typename](tx, survivor, duplicate);
    // Earlier merges into the duplicate now point at the survivor, so every chain resolves in one hop.
    await tx.mergedRecord.updateMany({ where: { typename: input.typename, toId: duplicate }, data: { toId: survivor } });
    await tx.mergedRecord.create({ data: { typename: input.typename, fromId: duplicate, toId: survivor, actorId } });
    log.touched(...TOUCHED[input.typename], ...MOVED_TYPES);
    return { id: survivor };
  });
  return result;
}

const MOVE: Record<MergeableType, (tx: Tx, survivor: number, duplicate: number) => Promise<void>> = {
  async Source(tx, survivor, duplicate) {
    const [kept, gone] = await Promise.all([
      tx.source.findUnique({ where: { id: survivor }, select: { kind: true } }),
      tx.source.findUnique({ where: { id: duplicate }, select: { id: true } }),
    ]);
    if (!kept || !gone) throw new NotFoundError("Source");
    const members = await tx.source.count({ where: { organizationId: duplicate, id: { not: survivor } } });
    if (members > 0 && !ORGANIZATION_KINDS.includes(kept.kind)) {
      throw ValidationError.of([{ path: ["survivorId"], message: "The duplicate has members, so the survivor must be an ORGANIZATION or PUBLICATION." }]);
    }
    await tx.citation.updateMany({ where: { sourceId: duplicate }, data: { sourceId: survivor } });
    await tx.media.updateMany({ where: { creditId: duplicate }, data: { creditId: survivor } });
    // The survivor never becomes its own member.
    await tx.source.updateMany({ where: { organizationId: duplicate, id: { not: survivor } }, data: { organizationId: survivor } });
    await tx.source.delete({ where: { id: duplicate } });
  },

  async Author(tx, survivor, duplicate) {
    const [kept, gone] = await Promise.all([
      tx.author.findUnique({ where: { id: survivor }, select: { userId: true } }),
      tx.author.findUnique({ where: { id: duplicate }, select: { userId: true } }),
    ]);
    if (!kept || !gone) throw new NotFoundError("Author");
    const bylines = await tx.byline.findMany({ where: { authorId: duplicate }, select: { articleId: true, position: true } });
    const shared = await tx.byline.findMany({ where: { authorId: survivor, articleId: { in: bylines.map((b) => b.articleId) } }, select: { articleId: true, position: true } });
    for (const own of shared) {
      // On a byline that had both, the survivor keeps the earlier of the two places.
      const theirs = bylines.find((b) => b.articleId === own.articleId)!;
      if (theirs.position < own.position) await tx.byline.update({ where: { articleId_authorId: { articleId: own.articleId, authorId: survivor } }, data: { position: theirs.position } });
    }
    await tx.byline.deleteMany({ where: { authorId: duplicate, articleId: { in: shared.map((b) => b.articleId) } } });
    await tx.byline.updateMany({ where: { authorId: duplicate }, data: { authorId: survivor } });
    await tx.author.delete({ where: { id: duplicate } });
    // The duplicate's sign-in link passes on, so its person keeps their drafts.
    if (gone.userId && !kept.userId) await tx.author.update({ where: { id: survivor }, data: { userId: gone.userId } });
  },

  async Topic(tx, survivor, duplicate) {
    const [kept, gone] = await Promise.all([
      tx.topic.findUnique({ where: { id: survivor }, select: { id: true } }),
      tx.topic.findUnique({ where: { id: duplicate }, select: { id: true } }),
    ]);
    if (!kept || !gone) throw new NotFoundError("Topic");
    const both = await tx.articleTopic.findMany({ where: { topicId: survivor, article: { topics: { some: { topicId: duplicate } } } }, select: { articleId: true } });
    await tx.articleTopic.deleteMany({ where: { topicId: duplicate, articleId: { in: both.map((link) => link.articleId) } } });
    await tx.articleTopic.updateMany({ where: { topicId: duplicate }, data: { topicId: survivor } });
    await tx.topic.delete({ where: { id: duplicate } });
  },
};
