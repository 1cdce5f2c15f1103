// The publishing workflow: submit for review, publish now or at a time, embargo, unpublish,
// archive, and correct. An article is public from `publishedAt` on (src/visibility/articles.ts);
// a time still to come leaves `publicationPending` for the scheduler to announce when it comes.
import type { Viewer } from "../auth.js";
import type { Context } from "../context.js";
import { ForbiddenError, InvalidTransitionError, UnauthenticatedError, ValidationError } from "../errors.js";
import { hasRole } from "../auth.js";
import { publishArticleScheduled } from "../events/publish.js";
import type { ArticleStatus, RevisionKind } from "../generated/prisma/client.js";
import type { Tx } from "../events/record.js";
import { isPublicAt } from "../visibility/articles.js";
import { checkChanges, type ArticleChangesInput } from "./changes.js";
import { assertCanEditArticle, ownershipOf } from "./permissions.js";
import { recordRevision, takeNextVersion } from "./revisions.js";
import { valuesOf, type ArticleRow } from "./snapshot.js";
import { writeArticles, type ArticleWriteLog } from "./transaction.js";
import { applyChanges, loadForWrite, requireNewsroom } from "./write.js";

type Step = { id: number; version: number };

/** An author (their own draft) or an editor sends a draft for review. */
export async function submitArticle(ctx: Context, step: Step): Promise<void> {
  requireNewsroom(ctx.viewer);
  await writeArticles(ctx, async (tx, log) => {
    const row = await loadForWrite(tx, step.id);
    assertCanEditArticle(ctx.viewer, ownershipOf(row));
    if (row.status !== "DRAFT") throw new InvalidTransitionError(row.status, "Only a draft is submitted for review.");
    await moveTo(tx, log, { ctx, viewer: ctx.viewer, row, version: step.version, kind: "SUBMITTED", data: { status: "IN_REVIEW" } });
  });
}

/**
 * Publishes at `publishAt` (now when absent), never before the embargo: a time still to come
 * schedules the article. Editors only. Gives the time it is public from.
 */
export async function publishArticle(ctx: Context, step: Step & { publishAt?: Date | null }): Promise<Date> {
  const viewer = requireEditor(ctx.viewer);
  let at = ctx.now();
  let scheduled = false;
  await writeArticles(ctx, async (tx, log) => {
    const row = await loadForWrite(tx, step.id);
    const now = ctx.now();
    if (isPublicAt(row, now)) throw new InvalidTransitionError(row.status, "The article is already public; unpublish it first to schedule it again.");
    const asked = step.publishAt ?? now;
    at = row.embargoUntil && row.embargoUntil > asked ? row.embargoUntil : asked;
    scheduled = at > now;
    const data = { status: "PUBLISHED" as const, publishedAt: at, publicationPending: scheduled };
    await moveTo(tx, log, { ctx, viewer, row, version: step.version, kind: scheduled ? "SCHEDULED" : "PUBLISHED", data, event: scheduled ? null : "PUBLISHED" });
  });
  if (scheduled) publishArticleScheduled(ctx.events, step.id, at);
  return at;
}

/** Takes a published or scheduled article back to draft. Editors only. */
export async function unpublishArticle(ctx: Context, step: Step): Promise<void> {
  const viewer = requireEditor(ctx.viewer);
  await writeArticles(ctx, async (tx, log) => {
    const row = await loadForWrite(tx, step.id);
    if (row.status !== "PUBLISHED") throw new InvalidTransitionError(row.status, "Only a published or scheduled article is unpublished.");
    const data = { status: "DRAFT" as const, publishedAt: null, publicationPending: false };
    await moveTo(tx, log, { ctx, viewer, row, version: step.version, kind: "UNPUBLISHED", data, event: isPublicAt(row, ctx.now()) ? "UNPUBLISHED" : null });
  });
}

/** Archives an article in any state, out of the public's sight; its date is kept. Editors only. */
export async function archiveArticle(ctx: Context, step: Step): Promise<void> {
  const viewer = requireEditor(ctx.viewer);
  await writeArticles(ctx, async (tx, log) => {
    const row = await loadForWrite(tx, step.id);
    if (row.status === "ARCHIVED") throw new InvalidTransitionError(row.status, "The article is archived already.");
    const data = { status: "ARCHIVED" as const, publicationPending: false };
    await moveTo(tx, log, { ctx, viewer, row, version: step.version, kind: "ARCHIVED", data, event: isPublicAt(row, ctx.now()) ? "UNPUBLISHED" : null });
  });
}

/**
 * Sets (or with null lifts) the time before which the article may not be public. A published
 * article whose time now falls before the embargo is held until it: public now, it is withdrawn.
 */
export async function setEmbargo(ctx: Context, step: Step & { embargoUntil: Date | null }): Promise<void> {
  const viewer = requireEditor(ctx.viewer);
  let heldUntil: Date | null = null;
  await writeArticles(ctx, async (tx, log) => {
    const row = await loadForWrite(tx, step.id);
    const until = step.embargoUntil;
    const held = until && row.status === "PUBLISHED" && row.publishedAt && row.publishedAt < until && until > ctx.now();
    heldUntil = held ? until : null;
    const data = held ? { embargoUntil: until, publishedAt: until, publicationPending: true } : { embargoUntil: until };
    await moveTo(tx, log, { ctx, viewer, row, version: step.version, kind: "EDITED", data, event: held && isPublicAt(row, ctx.now()) ? "UNPUBLISHED" : null });
  });
  if (heldUntil) publishArticleScheduled(ctx.events, step.id, heldUntil);
}

/** Corrects a public article: its changes (possibly none) and a public note, as one CORRECTED revision. Editors only. */
export async function correctArticle(ctx: Context, input: ArticleChangesInput & Step & { note: string }): Promise<void> {
  const viewer = requireEditor(ctx.viewer);
  await writeArticles(ctx, async (tx, log) => {
    const row = await loadForWrite(tx, input.id);
    if (!isPublicAt(row, ctx.now())) throw new InvalidTransitionError(row.status, "Only a public article takes corrections; edit a draft or a scheduled article.");
    const { changes, problems } = await checkChanges(tx, input, row.id);
    if (row.version !== input.version) await takeNextVersion(tx, row.id, input.version);
    if (problems.length > 0) throw ValidationError.of(problems);
    await applyChanges(tx, log, { ctx, viewer, row, version: input.version, changes, kind: "CORRECTED", note: input.note });
  });
}

/** Writes a change of state as one revision and, when the public's view changes, one event. */
async function moveTo(
  tx: Tx,
  log: ArticleWriteLog,
  move: {
    ctx: Context;
    viewer: Viewer;
    row: ArticleRow;
    version: number;
    kind: RevisionKind;
    data: { status?: ArticleStatus; publishedAt?: Date | null; publicationPending?: boolean; embargoUntil?: Date | null };
    event?: "PUBLISHED" | "UNPUBLISHED" | null;
  },
): Promise<void> {
  const { row, data } = move;
  const now = move.ctx.now();
  const version = await takeNextVersion(tx, row.id, move.version);
  // A new publication time moves the comments' close time: their closing is announced again (src/articles/closing-timer.ts).
  const closing = "publishedAt" in data ? { commentsClosedAt: null } : {};
  await tx.article.update({ where: { id: row.id }, data: { ...data, ...closing, updatedAt: now } });
  const after = valuesOf({ ...row, ...data } as ArticleRow);
  const revisionId = await recordRevision(tx, { articleId: row.id, version, kind: move.kind, actor: move.viewer, before: valuesOf(row), after, at: now });
  if (move.event) log.record({ kind: move.event, articleId: row.id, revisionId });
}

function requireEditor(viewer: Viewer | null): Viewer {
  if (!viewer) throw new UnauthenticatedError("Sign in to do this.");
  if (!hasRole(viewer, "EDITOR")) throw new ForbiddenError("Only editors publish, schedule, embargo, unpublish, archive and correct.");
  return viewer;
}
