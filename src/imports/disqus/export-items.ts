// A Disqus export's <thread> and <post> elements read into plain records. The export's own ids
// are the `dsq:id` attributes; a post names its thread and parent by them.
import { isStorableDate } from "../../dates.js";
import { child, textOf, type XmlElement } from "../xml-items.js";

/** A Disqus thread: one page that had comments, with its link and optional identifier. */
export interface DisqusThread {
  dsqId: string;
  /** The site's own identifier for the page (often its slug or post id); "" when none was set. */
  identifier: string;
  link: string;
  title: string;
  line: number;
}

/** A Disqus post (a comment), as the export holds it. */
export interface DisqusPost {
  dsqId: string;
  threadDsqId: string;
  parentDsqId: string | null;
  /** HTML. */
  message: string;
  createdAt: Date;
  isDeleted: boolean;
  isSpam: boolean;
  author: { name: string; email: string | null; username: string | null; isAnonymous: boolean };
  line: number;
}

/** An element that cannot be read as a thread or post; `line` is where it opened in the file. */
export class DisqusItemError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
    this.name = "DisqusItemError";
  }
}

/** The element names the importer streams. */
export const DISQUS_ITEMS: ReadonlySet<string> = new Set(["thread", "post"]);

/** A <thread> element as a DisqusThread. Throws DisqusItemError when it has no dsq:id. */
export function readThread(element: XmlElement): DisqusThread {
  return { dsqId: dsqId(element, "thread"), identifier: textOf(element, "id"), link: textOf(element, "link"), title: textOf(element, "title"), line: element.line };
}

/** A <post> element as a DisqusPost. Throws DisqusItemError for a missing id or thread, or a date that is not one. */
export function readPost(element: XmlElement): DisqusPost {
  const thread = child(element, "thread");
  if (!thread) throw new DisqusItemError(element.line, "the post names no thread");
  const parent = child(element, "parent");
  const author = child(element, "author");
  const createdAt = readDate(element);
  return {
    dsqId: dsqId(element, "post"),
    threadDsqId: dsqId(thread, "post's thread"),
    parentDsqId: parent ? dsqId(parent, "post's parent") : null,
    message: child(element, "message")?.text ?? "",
    createdAt,
    isDeleted: flag(element, "isDeleted"),
    isSpam: flag(element, "isSpam"),
    author: {
      name: author ? textOf(author, "name") : "",
      email: (author && textOf(author, "email")) || null,
      username: (author && textOf(author, "username")) || null,
      isAnonymous: author ? flag(author, "isAnonymous") : true,
    },
    line: element.line,
  };
}

function dsqId(element: XmlElement, what: string): string {
  const id = element.attributes["dsq:id"]?.trim();
  if (!id) throw new DisqusItemError(element.line, `the ${what} has no dsq:id`);
  return id;
}

function flag(element: XmlElement, name: string): boolean {
  return textOf(element, name).toLowerCase() === "true";
}

// Disqus writes ISO 8601 in UTC ("2024-05-02T09:15:00Z"); anything else is refused, not guessed.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function readDate(element: XmlElement): Date {
  const text = textOf(element, "createdAt");
  const iso = ISO_DATE_TIME.exec(text);
  // A time without a zone is read as UTC, as Disqus means it, not as this machine's local time.
  const date = new Date(iso && !iso[1] ? `${text}Z` : text);
  if (!iso || Number.isNaN(date.getTime()) || !isStorableDate(date)) {
    throw new DisqusItemError(child(element, "createdAt")?.line ?? element.line, `the post's createdAt "${text.slice(0, 40)}" is not a date`);
  }
  return date;
}
