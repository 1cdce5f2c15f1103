// One WordPress post as one article, written whole in one transaction with its byline, topics,
// images and comments (or not at all): WordPress' status says how public it is, post_name stays the
// slug, the body becomes blocks, and a re-run updates what the last run wrote.
import type { Viewer } from "../../auth.js";
import type { ArticleStatus, Prisma } from "../../generated/prisma/client.js";
import { recordArticleEvents, type ArticleEventInput } from "../../events/article-log.js";
import { publishArticleEvents, publishArticleScheduled, publishCommentEvents, publishNewsroomChanged } from "../../events/publish.js";
import { recordCommentEventsInBulk } from "../../events/record.js";
import { changedFields, recordRevision, takeNextVersion } from "../../articles/revisions.js";
import { SNAPSHOT_SELECT, valuesOf, type ArticleRow } from "../../articles/snapshot.js";
import { freeSlug, slugTaken } from "../../articles/slug.js";
import { isPublicAt } from "../../visibility/articles.js";
import { SLUG_PATTERN, slugify } from "../../slugs.js";
import { writeImportedComments } from "../comment-threads.js";
import { htmlToText } from "../html-text.js";
import { findImported, rememberImported } from "../records.js";
import { inImportTransaction, type ImportSession } from "../session.js";
import { ImportSummary } from "../summary.js";
import { bodyBlocks } from "./body.js";
import { importableComments } from "./comments.js";
import type { SiteClock } from "./dates.js";
import { placeImages } from "./images.js";
import { decodeSafely, ensureAuthor, ensureTopic, ORIGIN } from "./newsroom.js";
import type { WxrItem } from "./wxr.js";

/** WordPress' post statuses as ours; a private post is kept from the public as a draft. Trash is skipped. */
const STATUSES: Record<string, ArticleStatus> = { publish: "PUBLISHED", future: "PUBLISHED", draft: "DRAFT", "auto-draft": "DRAFT", pending: "IN_REVIEW", private: "DRAFT" };

/** Who imported revisions are by. */
const IMPORTER: Viewer = { id: "import:wordpress", name: "WordPress import", roles: [] };

/** What posts share across a run: the session, the site's clock, users as authors and subjects, the summary. */
export interface PostRun {
  session: ImportSession;
  clock: SiteClock;
  /** WordPress login -> author id, for authors already written (never in a dry run). */
  authors: Map<string, number>;
  /** WordPress login -> the channel's user, for an author still to write. */
  users: Map<string, { login: string; displayName: string }>;
  /** WordPress user id -> our signed-in subject (an author linked to a user). */
  subjects: Map<string, string>;
  summary: ImportSummary;
  /** Attachment id -> articles whose featured image it is, for attachments that come later in the file. */
  waitingThumbnails: Map<string, number[]>;
}

/**
 * Keeps the slug WordPress gave a post, where it is not a slug here (percent-encoded non-ASCII) or
 * was taken, as a former slug of its article, decoded and as written: `article(slug:)` and the
 * Disqus importer find the article by the old link's last segment. A form another article holds is left to it.
 */
async function keepWordpressSlugs(tx: Prisma.TransactionClient, articleId: number, wordpressSlug: string): Promise<void> {
  for (const slug of new Set([decodeSafely(wordpressSlug).toLowerCase(), wordpressSlug.toLowerCase()])) {
    const held = (await tx.article.findUnique({ where: { slug }, select: { id: true } })) ?? (await tx.articleSlug.findUnique({ where: { slug }, select: { articleId: true } }));
    if (!held) await tx.articleSlug.create({ data: { slug, articleId } });
  }
}

/** Whether anyone but the importer wrote the article's latest revision: a newsroom edit, publication step or correction. */
async function editedHere(tx: Prisma.TransactionClient, articleId: number): Promise<boolean> {
  const latest = await tx.articleRevision.findFirst({ where: { articleId }, orderBy: { version: "desc" }, select: { actorId: true } });
  return latest !== null && latest.actorId !== IMPORTER.id;
}

/** Imports a post with its comments, or skips it with the reason and its line. Never throws for a bad item. */
export async function importPost(run: PostRun, item: WxrItem): Promise<void> {
  const { session, summary } = run;
  const skip = (why: string) => summary.skip("article", item.line, `post ${item.id} "${item.title}": ${why}`);
  if (item.status === "trash") return skip("it is in the trash");
  const status = STATUSES[item.status];
  if (!status) return skip(`its status "${item.status}" is not one WordPress gives a post`);
  const date = run.clock.instant(item.date, item.dateGmt);
  if (date && Number.isNaN(date.getTime())) return skip(`its date "${item.dateGmt || item.date}" is not a date`);
  if (status === "PUBLISHED" && !date) return skip("it is published but has no date");
  const local = new ImportSummary();
  if (item.status === "private") local.note("article", item.line, `post ${item.id} is private; imported as a draft, seen by the newsroom only`);
  const comments = importableComments(item.comments, { clock: run.clock, subjects: run.subjects, summary: local });
  const now = new Date();
  const publishedAt = status === "PUBLISHED" ? date : null;
  const scheduled = publishedAt !== null && publishedAt > now;

  let written;
  try {
    written = await inImportTransaction(session, async (tx) => {
      const key = { origin: ORIGIN, kind: "post", externalId: item.id };
      const knownId = await findImported(tx, key);
      const before = knownId === null ? null : ((await tx.article.findUnique({ where: { id: knownId }, select: SNAPSHOT_SELECT })) as ArticleRow | null);
      const kept = before !== null && (await editedHere(tx, before.id));
      // The newsroom's word wins: a takedown, a correction or an edit made here is never undone by the old export.
      if (kept) local.note("article", item.line, `post ${item.id}: edited here since it was imported; the article is kept as it is, only its new comments are imported`);
      const { articleId, events, waiting } = kept ? { articleId: before.id, events: [], waiting: null } : await writeArticle(tx, { run, item, before, local, status, publishedAt, date, now });
      const threads = await writeImportedComments(tx, session, { origin: ORIGIN, articleId, comments });
      await rememberImported(tx, key, articleId, now);
      // Events last: nothing but COMMIT may follow them (src/events/record.ts).
      const articleEvents = await recordArticleEvents(tx, session.database, events);
      const commentEvents = await recordCommentEventsInBulk(tx, session.database, threads.events);
      return { articleId, created: !before, waiting, articleEvents, commentEvents, threads: threads.summary };
    });
  } catch (error) {
    return skip(`it could not be written (${(error as Error).message.split("\n").at(-1)})`);
  }
  summary.count("article", written.created ? "created" : "updated");
  summary.add(local);
  summary.add(written.threads);
  if (session.dryRun) return;
  if (written.waiting) run.waitingThumbnails.set(written.waiting, [...(run.waitingThumbnails.get(written.waiting) ?? []), written.articleId]);
  publishArticleEvents(session.events, written.articleEvents);
  publishCommentEvents(session.events, written.commentEvents);
  publishNewsroomChanged(session.events, ["Article", "Author", "Topic", "Image", "ArticleImage", "Source"]);
  if (scheduled) publishArticleScheduled(session.events, written.articleId, publishedAt!);
}

/** What a post's transaction hands the article's write: the run, the item, the article as it was (null: new), its notes, and its status and dates as read. */
interface ArticleWrite {
  run: PostRun;
  item: WxrItem;
  before: ArticleRow | null;
  local: ImportSummary;
  status: ArticleStatus;
  publishedAt: Date | null;
  date: Date | null;
  now: Date;
}

/** Writes the post's article (fields, byline, topics, images, body) and its revision; gives its id, the events to record and a featured image still to come. */
async function writeArticle(tx: Prisma.TransactionClient, write: ArticleWrite): Promise<{ articleId: number; events: ArticleEventInput[]; waiting: string | null }> {
  const { run, item, before, local, status, publishedAt, date, now } = write;
  const scheduled = publishedAt !== null && publishedAt > now;
  const wanted = SLUG_PATTERN.test(item.slug) ? item.slug : slugify(decodeSafely(item.slug) || item.title, `post-${item.id}`);
  if (item.slug && wanted !== item.slug) local.note("article", item.line, `post ${item.id}: its slug "${decodeSafely(item.slug)}" is not a slug here; imported as "${wanted}"`);
  let slug = wanted;
  if (await slugTaken(tx, wanted, before?.id ?? null)) {
    slug = await freeSlug(tx, wanted, before?.id ?? null);
    local.note("article", item.line, `post ${item.id}: the slug "${wanted}" is taken by another article; imported as "${slug}"`);
  }
  const data = {
    slug,
    title: item.title || `(untitled ${item.id})`,
    excerpt: htmlToText(item.excerpt) || null,
    status,
    publishedAt,
    publicationPending: scheduled,
  };
  const articleId = before
    ? (await tx.article.update({ where: { id: before.id }, data: { ...data, updatedAt: now }, select: { id: true } })).id
    : (await tx.article.create({ data: { ...data, body: [], createdAt: date ?? now, updatedAt: now }, select: { id: true } })).id;

  const authorId = item.creator ? (run.authors.get(item.creator) ?? (await ensureAuthor(tx, run.users.get(item.creator) ?? { login: item.creator, displayName: item.creator })).id) : null;
  await tx.byline.deleteMany({ where: { articleId } });
  if (authorId !== null) await tx.byline.create({ data: { articleId, authorId, position: 0 } });
  const topicIds = new Set<number>();
  for (const term of item.terms) if ((term.taxonomy === "category" || term.taxonomy === "post_tag") && (term.slug || term.name)) topicIds.add((await ensureTopic(tx, term)).id);
  await tx.articleTopic.deleteMany({ where: { articleId } });
  if (topicIds.size > 0) await tx.articleTopic.createMany({ data: [...topicIds].map((topicId) => ({ articleId, topicId })) });

  const placed = await placeImages(tx, articleId, { thumbnailId: item.meta.get("_thumbnail_id")?.trim() || null, blocks: bodyBlocks(item.content) });
  if (placed.kept.length > 0) local.note("article", item.line, `post ${item.id}: kept as html blocks: ${placed.kept.join(", ")}`);
  await tx.article.update({ where: { id: articleId }, data: { body: placed.body as Prisma.InputJsonValue } });
  if (slug !== item.slug && item.slug) await keepWordpressSlugs(tx, articleId, item.slug);

  const after = (await tx.article.findUnique({ where: { id: articleId }, select: SNAPSHOT_SELECT })) as ArticleRow;
  const events: ArticleEventInput[] = [];
  const wasPublic = before !== null && isPublicAt(before, now);
  const isPublic = isPublicAt(after, now);
  if (!before) {
    const revisionId = await recordRevision(tx, { articleId, version: 1, kind: "CREATED", actor: IMPORTER, before: {}, after: valuesOf(after), note: `imported from WordPress post ${item.id}`, at: now });
    if (isPublic) events.push({ kind: "PUBLISHED", articleId, revisionId });
  } else if (changedFields(valuesOf(before), valuesOf(after)).length > 0) {
    const version = await takeNextVersion(tx, articleId, before.version);
    const revisionId = await recordRevision(tx, { articleId, version, kind: "EDITED", actor: IMPORTER, before: valuesOf(before), after: valuesOf(after), note: `imported again from WordPress post ${item.id}`, at: now });
    if (wasPublic || isPublic) events.push({ kind: isPublic ? (wasPublic ? "UPDATED" : "PUBLISHED") : "UNPUBLISHED", articleId, revisionId });
  }
  return { articleId, events, waiting: placed.waitingThumbnail };
}
