// A Disqus XML export imported in two streamed passes: the threads first (matched to articles),
// then the posts, batched per article. Memory holds the thread map and the open batches, never the file.
import type { ImportRun } from "../cli.js";
import { COMMENT_KIND } from "../comment-threads.js";
import { readXmlElements, type XmlProgress } from "../xml-items.js";
import { DISQUS_ITEMS, DisqusItemError, readPost } from "./export-items.js";
import { DEFAULT_BATCH_LIMITS, PostBatches, type BatchLimits } from "./post-batches.js";
import { postComment } from "./posts.js";
import { readThreadMap, reportUnmatched } from "./thread-pass.js";

/** What an import reads and writes to; `progress` and `bytes` are optional outside the command line. */
export type DisqusRun = Pick<ImportRun, "file" | "session" | "summary"> & Partial<Pick<ImportRun, "progress" | "bytes">> & { limits?: BatchLimits };

/**
 * Imports the Disqus export at `run.file`: posts of matched threads become comments (summary counts
 * and notes with lines), the rest are skipped and reported. A file that is not well-formed XML
 * throws XmlSyntaxError from the first pass, before anything is written.
 */
export async function importDisqus(run: DisqusRun): Promise<void> {
  const { file, session, summary } = run;
  // Each pass reads the whole file: the bar shows the first as its first half.
  const threadsRead: XmlProgress = { bytes: 0, line: 1 };
  const postsRead: XmlProgress = { bytes: 0, line: 1 };
  let posts = 0;
  const tick = () => run.progress?.update({ items: posts, bytes: (threadsRead.bytes + postsRead.bytes) / 2 });

  const threads = await readThreadMap({ prisma: session.prisma, file, summary, progress: threadsRead });
  tick();
  const batches = new PostBatches(session, summary, run.limits ?? DEFAULT_BATCH_LIMITS);
  const missing = new Map<string, { line: number; posts: number }>();
  for await (const element of readXmlElements(file, DISQUS_ITEMS, postsRead)) {
    if (element.name !== "post") continue;
    posts++;
    if (posts % 1000 === 0) tick();
    let post;
    try {
      post = readPost(element);
    } catch (error) {
      if (!(error instanceof DisqusItemError)) throw error;
      summary.skip(COMMENT_KIND, error.line, error.message);
      continue;
    }
    const articleId = threads.articles.get(post.threadDsqId);
    if (articleId !== undefined) {
      await batches.add(articleId, postComment(post));
      continue;
    }
    // Skipped posts are counted per thread and reported once for it, not once each.
    summary.count(COMMENT_KIND, "skipped");
    const unmatched = threads.unmatched.get(post.threadDsqId);
    if (unmatched) unmatched.posts++;
    else {
      const thread = missing.get(post.threadDsqId) ?? { line: post.line, posts: 0 };
      thread.posts++;
      missing.set(post.threadDsqId, thread);
    }
  }
  await batches.finish();
  tick();
  reportUnmatched(threads, summary);
  reportMissing(missing, summary);
}

function reportMissing(missing: Map<string, { line: number; posts: number }>, summary: DisqusRun["summary"]): void {
  for (const [dsqId, thread] of missing) {
    summary.note(COMMENT_KIND, thread.line, `${thread.posts} comment(s) name thread ${dsqId}, which is not in the export; skipped`);
  }
}
