// The first pass over a Disqus export: every <thread>, matched to an article. What it keeps is
// small (an id pair per thread), so the second pass can stream the posts, which are most of the file.
import type { Db } from "../../db.js";
import type { ImportSummary } from "../summary.js";
import { readXmlElements, type XmlProgress } from "../xml-items.js";
import { DISQUS_ITEMS, DisqusItemError, readThread, type DisqusThread } from "./export-items.js";
import { matchThreads } from "./thread-articles.js";

// Threads matched per round of lookups.
const MATCH_CHUNK = 500;

/** A thread that matched no article: where it was and how many of its posts were skipped. */
export interface UnmatchedThread {
  link: string;
  line: number;
  posts: number;
}

/** What the first pass learnt: thread dsq:id -> article id, and the threads that matched none. */
export interface ThreadMap {
  articles: Map<string, number>;
  unmatched: Map<string, UnmatchedThread>;
}

/**
 * Reads every thread of the export at `file` and matches it to an article. A thread that cannot be
 * read is skipped and noted in `summary`. Throws XmlSyntaxError (with its line) when the file is not well-formed.
 */
export async function readThreadMap(options: { prisma: Db; file: string; summary: ImportSummary; progress?: XmlProgress }): Promise<ThreadMap> {
  const map: ThreadMap = { articles: new Map(), unmatched: new Map() };
  let pending: DisqusThread[] = [];
  const match = async () => {
    const found = await matchThreads(options.prisma, pending);
    for (const thread of pending) {
      const articleId = found.get(thread.dsqId);
      if (articleId !== undefined) map.articles.set(thread.dsqId, articleId);
      else map.unmatched.set(thread.dsqId, { link: thread.link || thread.identifier, line: thread.line, posts: 0 });
    }
    pending = [];
  };
  for await (const element of readXmlElements(options.file, DISQUS_ITEMS, options.progress)) {
    if (element.name !== "thread") continue;
    try {
      pending.push(readThread(element));
    } catch (error) {
      if (!(error instanceof DisqusItemError)) throw error;
      options.summary.skip("thread", error.line, error.message);
      continue;
    }
    if (pending.length >= MATCH_CHUNK) await match();
  }
  await match();
  return map;
}

/** Notes each unmatched thread in `summary` (its link, line and the posts skipped with it), in file order. */
export function reportUnmatched(map: ThreadMap, summary: ImportSummary): void {
  const threads = [...map.unmatched.entries()].sort(([, a], [, b]) => a.line - b.line);
  for (const [dsqId, thread] of threads) {
    summary.skip("thread", thread.line, `thread ${dsqId} (${thread.link || "no link"}) matches no article by slug or link; its ${thread.posts} comment(s) were skipped`);
  }
}
