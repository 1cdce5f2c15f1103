// `npm run import:wordpress`: streams a WXR file one element at a time (authors, terms, items) and
// imports each as it comes, so memory holds one item and its comments however large the file is.
import { publishNewsroomChanged } from "../../events/publish.js";
import type { ImportRun } from "../cli.js";
import { inImportTransaction } from "../session.js";
import { readXmlElements, type XmlElement, type XmlProgress } from "../xml-items.js";
import { SiteClock } from "./dates.js";
import { placeWaitingThumbnail } from "./images.js";
import { importAttachment } from "./media.js";
import { ensureAuthor, ensureTopic, topicSlug } from "./newsroom.js";
import { importPost, type PostRun } from "./post.js";
import { readAuthor, readItem, readTerm, WXR_ELEMENTS } from "./wxr.js";

/** Imports a WXR file into the session's database, filling `summary`. Throws XmlSyntaxError (after importing what came before it) when the file breaks. */
export async function importWordpress(run: Pick<ImportRun, "file" | "session" | "summary"> & Partial<Pick<ImportRun, "progress">>): Promise<void> {
  const { session, summary } = run;
  const posts: PostRun = { session, summary, clock: new SiteClock(), authors: new Map(), users: new Map(), subjects: new Map(), waitingThumbnails: new Map() };
  const position: XmlProgress = { bytes: 0, line: 1 };
  let items = 0;
  for await (const element of readXmlElements(run.file, WXR_ELEMENTS, position)) {
    await importElement(posts, element);
    run.progress?.update({ items: ++items, bytes: position.bytes });
  }
  for (const [attachmentId, articleIds] of posts.waitingThumbnails) {
    summary.note("article", 0, `the featured image (attachment ${attachmentId}) of ${articleIds.length === 1 ? "an article" : `${articleIds.length} articles`} is not in the export`);
  }
}

async function importElement(run: PostRun, element: XmlElement): Promise<void> {
  const { session, summary } = run;
  if (element.name === "wp:author") {
    const user = readAuthor(element);
    if (!user.login) return summary.skip("author", user.line, "a user without a login");
    run.users.set(user.login, user);
    const author = await inImportTransaction(session, (tx) => ensureAuthor(tx, user));
    summary.count("author", author.created ? "created" : "updated");
    if (session.dryRun) return;
    run.authors.set(user.login, author.id);
    if (user.id && author.userId) run.subjects.set(user.id, author.userId);
    return;
  }
  if (element.name === "wp:category" || element.name === "wp:tag") {
    const term = readTerm(element);
    if (!term.slug && !term.name) return summary.skip("topic", term.line, "a term without a slug or a name");
    const topic = await inImportTransaction(session, (tx) => ensureTopic(tx, term));
    summary.count("topic", topic.created ? "created" : "updated");
    if (term.slug && topicSlug(term) !== term.slug) summary.note("topic", term.line, `"${term.slug}" is not a slug here; imported as "${topicSlug(term)}"`);
    return;
  }
  const item = readItem(element);
  if (item.type === "post") return importPost(run, item);
  if (item.type === "attachment") {
    try {
      const media = await inImportTransaction(session, async (tx) => {
        const written = await importAttachment(tx, item);
        const waiting = run.waitingThumbnails.get(item.id);
        if (waiting) await placeWaitingThumbnail(tx, waiting, written.id);
        return written;
      });
      summary.count("media", media.created ? "created" : "updated");
      run.waitingThumbnails.delete(item.id);
      if (!session.dryRun) publishNewsroomChanged(session.events, ["Image", "ArticleImage", "Source"]);
    } catch (error) {
      summary.skip("media", item.line, `attachment ${item.id}: ${(error as Error).message.split("\n").at(-1)}`);
    }
    return;
  }
  // Pages are a site's furniture (about, contact), not journalism: the newsroom makes its own.
  if (item.type === "page") return summary.skip("page", item.line, `page ${item.id} "${item.title}" is not imported (pages are not articles)`);
  summary.skip("item", item.line, `${item.type || "an item"} ${item.id} is not a post, page or attachment`);
}
