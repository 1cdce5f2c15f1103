// WXR (WordPress eXtended RSS, 1.1 and 1.2) as the importer reads it: the channel's authors and
// terms, and each <item> (post, page, attachment) with its postmeta, terms and comments.
import { child, children, textOf, type XmlElement } from "../xml-items.js";

/** The channel elements and items the importer wants from the stream, at any depth. */
export const WXR_ELEMENTS = new Set(["wp:author", "wp:category", "wp:tag", "item"]);

/** A `<wp:author>`: a WordPress user who wrote posts. */
export interface WxrAuthor {
  id: string;
  login: string;
  email: string;
  displayName: string;
  line: number;
}

/** A category or tag, from the channel or from an item's `<category domain nicename>`. */
export interface WxrTerm {
  slug: string;
  name: string;
  line: number;
}

/** A `<wp:comment>`. Dates are WordPress' "YYYY-MM-DD HH:MM:SS" text, read by ./dates.ts. */
export interface WxrComment {
  id: string;
  parent: string;
  author: string;
  email: string;
  date: string;
  dateGmt: string;
  content: string;
  approved: string;
  type: string;
  userId: string;
  line: number;
}

/** An `<item>` of any post type. */
export interface WxrItem {
  line: number;
  id: string;
  title: string;
  type: string;
  status: string;
  slug: string;
  date: string;
  dateGmt: string;
  creator: string;
  content: string;
  excerpt: string;
  attachmentUrl: string;
  meta: Map<string, string>;
  terms: { taxonomy: string; slug: string; name: string }[];
  comments: WxrComment[];
}

/** A channel `<wp:author>`. */
export function readAuthor(element: XmlElement): WxrAuthor {
  return {
    id: textOf(element, "wp:author_id"),
    login: textOf(element, "wp:author_login"),
    email: textOf(element, "wp:author_email"),
    displayName: textOf(element, "wp:author_display_name"),
    line: element.line,
  };
}

/** A channel `<wp:category>` or `<wp:tag>`. */
export function readTerm(element: XmlElement): WxrTerm {
  const isTag = element.name === "wp:tag";
  return {
    slug: textOf(element, isTag ? "wp:tag_slug" : "wp:category_nicename"),
    name: textOf(element, isTag ? "wp:tag_name" : "wp:cat_name"),
    line: element.line,
  };
}

/** An `<item>`, its text decoded (CDATA and entities alike). */
export function readItem(element: XmlElement): WxrItem {
  const meta = new Map<string, string>();
  for (const entry of children(element, "wp:postmeta")) meta.set(textOf(entry, "wp:meta_key"), child(entry, "wp:meta_value")?.text ?? "");
  return {
    line: element.line,
    id: textOf(element, "wp:post_id"),
    title: textOf(element, "title"),
    type: textOf(element, "wp:post_type"),
    status: textOf(element, "wp:status"),
    slug: textOf(element, "wp:post_name"),
    date: textOf(element, "wp:post_date"),
    dateGmt: textOf(element, "wp:post_date_gmt"),
    creator: textOf(element, "dc:creator"),
    content: child(element, "content:encoded")?.text ?? "",
    excerpt: child(element, "excerpt:encoded")?.text.trim() ?? "",
    attachmentUrl: textOf(element, "wp:attachment_url"),
    meta,
    terms: children(element, "category").map((term) => ({ taxonomy: term.attributes.domain ?? "", slug: term.attributes.nicename ?? "", name: term.text.trim() })),
    comments: children(element, "wp:comment").map(readComment),
  };
}

function readComment(element: XmlElement): WxrComment {
  return {
    id: textOf(element, "wp:comment_id"),
    parent: textOf(element, "wp:comment_parent"),
    author: textOf(element, "wp:comment_author"),
    email: textOf(element, "wp:comment_author_email"),
    date: textOf(element, "wp:comment_date"),
    dateGmt: textOf(element, "wp:comment_date_gmt"),
    content: child(element, "wp:comment_content")?.text ?? "",
    approved: textOf(element, "wp:comment_approved"),
    type: textOf(element, "wp:comment_type"),
    userId: textOf(element, "wp:comment_user_id"),
    line: element.line,
  };
}
