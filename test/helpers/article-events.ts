// Article changes written the way the newsroom's writes write them (a version, a revision and an
// article event in one transaction through writeArticles), for suites that need article events.
import type { App } from "../../src/app.js";
import { recordRevision, takeNextVersion, type FieldValues } from "../../src/articles/revisions.js";
import { writeArticles } from "../../src/articles/transaction.js";
import { createContext } from "../../src/context.js";
import type { ArticleEventKind, Prisma, RevisionKind } from "../../src/generated/prisma/client.js";

const editor = { id: "fixture-editor", name: "Fixture Editor", roles: ["EDITOR" as const] };
const revisionKinds: Record<ArticleEventKind, RevisionKind> = { UPDATED: "EDITED", PUBLISHED: "PUBLISHED", UNPUBLISHED: "UNPUBLISHED", CORRECTED: "CORRECTED", COMMENTS_CLOSED: "EDITED" };

/** Sets `fields` on the article and records `kind` with a revision of them (and `note` for a correction); gives the event's position. */
export async function changeArticle(app: App, change: { articleId: number; kind: ArticleEventKind; fields: FieldValues; note?: string; now?: () => Date }): Promise<number> {
  const ctx = createContext(app.services, { viewer: editor, editKeys: [] }, { now: change.now });
  const { events } = await writeArticles(ctx, async (tx, log) => {
    const current = await tx.article.findUniqueOrThrow({ where: { id: change.articleId } });
    const before = Object.fromEntries(Object.keys(change.fields).map((name) => [name, (current as Record<string, unknown>)[name]]));
    const version = await takeNextVersion(tx, change.articleId, current.version);
    await tx.article.update({ where: { id: change.articleId }, data: change.fields as Prisma.ArticleUpdateInput });
    const revisionId = await recordRevision(tx, { articleId: change.articleId, version, kind: revisionKinds[change.kind], actor: editor, before, after: change.fields, note: change.note, at: ctx.now() });
    log.record({ kind: change.kind, articleId: change.articleId, revisionId });
  });
  return events[0]!.position;
}
