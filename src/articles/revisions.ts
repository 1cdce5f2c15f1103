// Revisions: every write to an article leaves one (who, when, which fields, before and after),
// under the version it made; the version is the optimistic-concurrency check of the next write.
import type { Viewer } from "../auth.js";
import { ConflictError, NotFoundError } from "../errors.js";
import type { Prisma, RevisionKind } from "../generated/prisma/client.js";
import type { Tx } from "../events/record.js";

/** Field values as revisions keep them: JSON, dates as ISO strings. */
export type FieldValues = Record<string, unknown>;

/**
 * Moves the article from version `expected` to the next, or throws: ConflictError with the current
 * version when a colleague saved since, NotFoundError when there is no such article. Gives the new version.
 */
export async function takeNextVersion(tx: Tx, articleId: number, expected: number): Promise<number> {
  const moved = await tx.article.updateMany({ where: { id: articleId, version: expected }, data: { version: { increment: 1 } } });
  if (moved.count === 1) return expected + 1;
  const current = await tx.article.findUnique({ where: { id: articleId }, select: { version: true } });
  if (!current) throw new NotFoundError("Article");
  throw new ConflictError("Article", current.version);
}

/** The fields whose values differ between `before` and `after` (compared as JSON), sorted. */
export function changedFields(before: FieldValues, after: FieldValues): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => JSON.stringify(jsonOf(before[name])) !== JSON.stringify(jsonOf(after[name]))).sort();
}

/** Records the revision `version` of an article, keeping only the fields that changed; gives its id. */
export async function recordRevision(
  tx: Tx,
  revision: { articleId: number; version: number; kind: RevisionKind; actor: Viewer; before: FieldValues; after: FieldValues; note?: string | null; at: Date },
): Promise<number> {
  const fields = changedFields(revision.before, revision.after);
  const pick = (values: FieldValues) => Object.fromEntries(fields.map((name) => [name, jsonOf(values[name]) ?? null]));
  const row = await tx.articleRevision.create({
    data: {
      articleId: revision.articleId,
      version: revision.version,
      kind: revision.kind,
      actorId: revision.actor.id,
      actorName: revision.actor.name,
      fields,
      before: pick(revision.before) as Prisma.InputJsonValue,
      after: pick(revision.after) as Prisma.InputJsonValue,
      note: revision.note ?? null,
      createdAt: revision.at,
    },
    select: { id: true },
  });
  return row.id;
}

function jsonOf(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value === undefined ? null : value;
}
