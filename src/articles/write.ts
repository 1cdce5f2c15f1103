// Creating, editing and deleting articles: each write checked whole, versioned, revised and, when
// the public can see the article, announced as an article event.
import type { Viewer } from "../auth.js";
import type { Context } from "../context.js";
import { ForbiddenError, InvalidTransitionError, NotFoundError, UnauthenticatedError, ValidationError } from "../errors.js";
import type { Prisma, RevisionKind } from "../generated/prisma/client.js";
import type { Tx } from "../events/record.js";
import { hasRole } from "../auth.js";
import { isPublicAt } from "../visibility/articles.js";
import { checkChanges, type ArticleChanges, type ArticleChangesInput } from "./changes.js";
import { assertCanEditArticle, ownershipOf } from "./permissions.js";
import { recordRevision, takeNextVersion } from "./revisions.js";
import { slugify } from "../slugs.js";
import { freeSlug } from "./slug.js";
import { SNAPSHOT_SELECT, valuesOf, type ArticleRow } from "./snapshot.js";
import { writeArticles, type ArticleWriteLog } from "./transaction.js";

/** Loads an article for a write, or NotFoundError. */
export async function loadForWrite(tx: Tx, id: number): Promise<ArticleRow> {
  const row = await tx.article.findUnique({ where: { id }, select: SNAPSHOT_SELECT });
  if (!row) throw new NotFoundError("Article");
  return row as ArticleRow;
}

/** Creates a draft from `input` (title required); the creator may edit it as its author. Gives the new article's id. */
export async function createArticle(ctx: Context, input: ArticleChangesInput): Promise<number> {
  const viewer = requireNewsroom(ctx.viewer);
  const { result } = await writeArticles(ctx, async (tx) => {
    const { changes, problems } = await checkChanges(tx, input, null);
    if (problems.length > 0) throw ValidationError.of(problems);
    const now = ctx.now();
    const article = await tx.article.create({
      data: {
        title: changes.title!,
        slug: changes.slug ?? (await freeSlug(tx, slugify(changes.title!, "article"), null)),
        subtitle: changes.subtitle ?? null,
        dateline: changes.dateline ?? null,
        excerpt: changes.excerpt ?? null,
        body: (changes.body ?? []) as Prisma.InputJsonValue,
        commentsOpen: changes.commentsOpen ?? true,
        moderation: changes.moderation ?? "POST",
        createdById: viewer.id,
        createdAt: now,
        updatedAt: now,
      },
      select: { id: true },
    });
    await applyRelations(tx, article.id, changes);
    const after = await loadForWrite(tx, article.id);
    await recordRevision(tx, { articleId: article.id, version: 1, kind: "CREATED", actor: viewer, before: {}, after: valuesOf(after), at: now });
    return article.id;
  });
  return result;
}

/** Applies checked changes to an article loaded as `row`, as one revision of `kind`; gives the revision's id, or null when nothing changed. */
export async function applyChanges(
  tx: Tx,
  log: ArticleWriteLog,
  edit: { ctx: Context; viewer: Viewer; row: ArticleRow; version: number; changes: ArticleChanges; kind: RevisionKind; note?: string | null },
): Promise<number | null> {
  const { ctx, viewer, row, changes, kind } = edit;
  const before = valuesOf(row);
  const now = ctx.now();
  const version = await takeNextVersion(tx, row.id, edit.version);
  const { byline: _byline, topicIds: _topicIds, body, ...scalars } = changes;
  await tx.article.update({ where: { id: row.id }, data: { ...scalars, ...(body ? { body: body as Prisma.InputJsonValue } : {}), updatedAt: now } });
  await applyRelations(tx, row.id, changes);
  // A slug the public has seen keeps resolving; a draft's working slug is never told to anyone.
  if (changes.slug && changes.slug !== row.slug && isPublicAt(row, now)) {
    // One the article held before and takes back is current again.
    await tx.articleSlug.deleteMany({ where: { slug: changes.slug, articleId: row.id } });
    await tx.articleSlug.upsert({ where: { slug: row.slug }, create: { slug: row.slug, articleId: row.id, createdAt: now }, update: {} });
  }
  const after = valuesOf(await loadForWrite(tx, row.id));
  const revisionId = await recordRevision(tx, { articleId: row.id, version, kind, actor: viewer, before, after, note: edit.note, at: now });
  if (kind === "CORRECTED") log.record({ kind: "CORRECTED", articleId: row.id, revisionId });
  else if (isPublicAt(row, now)) log.record({ kind: "UPDATED", articleId: row.id, revisionId });
  return revisionId;
}

/** Edits an article at `version` (ConflictError when stale). An edit that changes nothing writes nothing. */
export async function updateArticle(ctx: Context, input: ArticleChangesInput & { id: number; version: number }): Promise<void> {
  requireNewsroom(ctx.viewer);
  await writeArticles(ctx, async (tx, log) => {
    const row = await loadForWrite(tx, input.id);
    assertCanEditArticle(ctx.viewer, ownershipOf(row));
    const viewer = ctx.viewer;
    const { changes, problems } = await checkChanges(tx, input, row.id);
    if (row.version !== input.version) await takeNextVersion(tx, row.id, input.version);
    if (problems.length > 0) throw ValidationError.of(problems);
    if (!changesAnything(row, changes)) return;
    await applyChanges(tx, log, { ctx, viewer, row, version: input.version, changes, kind: "EDITED" });
  });
}

/** Deletes a draft (DRAFT or IN_REVIEW) at `version`: its author or an editor. A published article is archived instead. */
export async function deleteArticle(ctx: Context, input: { id: number; version: number }): Promise<void> {
  requireNewsroom(ctx.viewer);
  await writeArticles(ctx, async (tx) => {
    const row = await loadForWrite(tx, input.id);
    assertCanEditArticle(ctx.viewer, ownershipOf(row));
    if (row.status !== "DRAFT" && row.status !== "IN_REVIEW") throw new InvalidTransitionError(row.status, "Only drafts are deleted; archive a published article.");
    await takeNextVersion(tx, row.id, input.version);
    await tx.article.delete({ where: { id: row.id } });
  });
}

/** Whether applying `changes` to `row` would change a stored value. */
export function changesAnything(row: ArticleRow, changes: ArticleChanges): boolean {
  const now = valuesOf(row);
  const asked: Record<string, unknown> = { ...changes };
  if (changes.topicIds) asked.topics = changes.topicIds;
  delete asked.topicIds;
  return Object.entries(asked).some(([field, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(now[field]));
}

/** The viewer, when newsroom staff who write (an author or an editor); UNAUTHENTICATED or FORBIDDEN otherwise. */
export function requireNewsroom(viewer: Viewer | null): Viewer {
  if (!viewer) throw new UnauthenticatedError("Sign in to do this.");
  if (!hasRole(viewer, "AUTHOR", "EDITOR")) throw new ForbiddenError("Only authors and editors write articles.");
  return viewer;
}

async function applyRelations(tx: Tx, articleId: number, changes: ArticleChanges): Promise<void> {
  if (changes.byline) {
    await tx.byline.deleteMany({ where: { articleId } });
    if (changes.byline.length > 0) {
      await tx.byline.createMany({ data: changes.byline.map((entry, position) => ({ articleId, authorId: entry.authorId, role: entry.role, position })) });
    }
  }
  if (changes.topicIds) {
    await tx.articleTopic.deleteMany({ where: { articleId } });
    if (changes.topicIds.length > 0) await tx.articleTopic.createMany({ data: changes.topicIds.map((topicId) => ({ articleId, topicId })) });
  }
}
