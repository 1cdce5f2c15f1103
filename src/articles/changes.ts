// What a create, update or correction asks to change, checked as a whole: every bad field is
// reported at once with its path (["body", "3", "imageId"]), before anything is written.
import type { FieldProblem } from "../errors.js";
import type { Tx } from "../events/record.js";
import { decodeId } from "../ids.js";
import { htmlBlockKey, parseBody, type Block } from "./blocks.js";
import { MAX_SLUG, SLUG_PATTERN } from "../slugs.js";
import { slugTaken } from "./slug.js";
import { cleanText, type TextRule } from "../text.js";

/** The text rule of an HTML block's `html` in an input (the schema's BodyBlockInput.html). */
export const HTML_TEXT: TextRule = { kind: "multiline", maxLength: 200_000 };

export type BlockType = "PARAGRAPH" | "HEADING" | "QUOTE" | "IMAGE" | "HTML";

/** A body block as a client sends it: `type` says which of the other fields it needs. */
export interface BlockInput {
  type: BlockType;
  text?: string | null;
  level?: number | null;
  citationId?: string | null;
  imageId?: string | null;
  htmlKey?: string | null;
  html?: string | null;
}

/** The fields a write may change; absent fields stay as they are, null clears an optional one. */
export interface ArticleChangesInput {
  title?: string | null;
  subtitle?: string | null;
  dateline?: string | null;
  excerpt?: string | null;
  slug?: string | null;
  body?: BlockInput[] | null;
  byline?: { authorId: string; role?: string | null }[] | null;
  topicIds?: string[] | null;
  commentsOpen?: boolean | null;
  moderation?: "PRE" | "POST" | null;
}

/** The checked changes, in the database's terms. */
export interface ArticleChanges {
  title?: string;
  subtitle?: string | null;
  dateline?: string | null;
  excerpt?: string | null;
  slug?: string;
  body?: Block[];
  byline?: { authorId: number; role: string | null }[];
  topicIds?: number[];
  commentsOpen?: boolean;
  moderation?: "PRE" | "POST";
}

/** Heading levels a body may hold: the article's title is the one level-1 heading. */
const HEADING_LEVELS = { min: 2, max: 6 };

/**
 * Checks `input` against the database (ids exist, belong to the article, the slug is free) and gives
 * the changes, or every problem found. `articleId`: null when the article is being created.
 */
export async function checkChanges(tx: Tx, input: ArticleChangesInput, articleId: number | null): Promise<{ changes: ArticleChanges; problems: FieldProblem[] }> {
  const problems: FieldProblem[] = [];
  const problem = (path: (string | number)[], message: string) => void problems.push({ path: path.map(String), message });
  const changes: ArticleChanges = {};

  if (input.title !== undefined) {
    if (!input.title) problem(["title"], "A title is required.");
    else changes.title = input.title;
  }
  for (const name of ["subtitle", "dateline", "excerpt"] as const) {
    if (input[name] !== undefined) changes[name] = input[name] || null;
  }
  if (input.commentsOpen != null) changes.commentsOpen = input.commentsOpen;
  if (input.moderation != null) changes.moderation = input.moderation;
  if (input.slug != null) {
    if (!SLUG_PATTERN.test(input.slug) || input.slug.length > MAX_SLUG) {
      problem(["slug"], `A slug is lowercase letters and digits in words joined by single hyphens, at most ${MAX_SLUG} characters.`);
    } else if (await slugTaken(tx, input.slug, articleId)) {
      problem(["slug"], "Another article has (or had) this slug.");
    } else changes.slug = input.slug;
  }
  if (input.byline != null) changes.byline = await checkByline(tx, input.byline, problem);
  if (input.topicIds != null) changes.topicIds = await checkTopics(tx, input.topicIds, problem);
  if (input.body != null) changes.body = await checkBody(tx, input.body, articleId, problem);
  return { changes, problems };
}

type Problem = (path: (string | number)[], message: string) => void;

/** The numeric id of a global id of `typename`, or null with a problem at `path`. */
function idOf(globalId: string, typename: string, path: (string | number)[], problem: Problem): number | null {
  try {
    const decoded = decodeId(globalId);
    if (decoded.typename === typename) return Number(decoded.id);
  } catch {
    // Reported below, with the field's path.
  }
  problem(path, `"${globalId}" is not a valid ${typename} id.`);
  return null;
}

async function checkByline(tx: Tx, byline: NonNullable<ArticleChangesInput["byline"]>, problem: Problem) {
  const entries = byline.map((entry, index) => ({ authorId: idOf(entry.authorId, "Author", ["byline", index, "authorId"], problem), role: entry.role || null, index }));
  const ids = entries.flatMap((entry) => (entry.authorId === null ? [] : [entry.authorId]));
  const found = new Set((await tx.author.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((author) => author.id));
  const seen = new Set<number>();
  for (const entry of entries) {
    if (entry.authorId === null) continue;
    if (!found.has(entry.authorId)) problem(["byline", entry.index, "authorId"], "No such author.");
    else if (seen.has(entry.authorId)) problem(["byline", entry.index, "authorId"], "An author stands on a byline once.");
    seen.add(entry.authorId);
  }
  return entries.flatMap((entry) => (entry.authorId === null ? [] : [{ authorId: entry.authorId, role: entry.role }]));
}

async function checkTopics(tx: Tx, topicIds: string[], problem: Problem) {
  const ids = topicIds.map((id, index) => ({ id: idOf(id, "Topic", ["topicIds", index], problem), index }));
  const found = new Set((await tx.topic.findMany({ where: { id: { in: ids.flatMap((entry) => (entry.id === null ? [] : [entry.id])) } }, select: { id: true } })).map((topic) => topic.id));
  for (const entry of ids) if (entry.id !== null && !found.has(entry.id)) problem(["topicIds", entry.index], "No such topic.");
  return [...new Set(ids.flatMap((entry) => (entry.id === null ? [] : [entry.id])))].sort((a, b) => a - b);
}

async function checkBody(tx: Tx, blocks: BlockInput[], articleId: number | null, problem: Problem): Promise<Block[]> {
  const [citations, images, held] = articleId
    ? await Promise.all([
        tx.citation.findMany({ where: { articleId }, select: { id: true } }),
        tx.articleImage.findMany({ where: { articleId }, select: { id: true, mediaId: true } }),
        blocks.some((block) => block.type === "HTML") ? tx.article.findUnique({ where: { id: articleId }, select: { body: true } }) : null,
      ])
    : [[], [], null];
  const citationIds = new Set(citations.map((row) => row.id));
  // A block names the image (its global id); it is stored as the article's placement of it.
  const placements = new Map(images.map((row) => [row.mediaId, row.id]));
  const heldHtml = heldHtmlBlocks(held?.body);
  const body: Block[] = [];
  blocks.forEach((block, index) => {
    const at = (field: string) => ["body", index, field];
    const text = block.text ?? "";
    if (block.type !== "IMAGE" && block.type !== "HTML" && !text) problem(at("text"), `A ${block.type.toLowerCase()} block needs its text.`);
    if (block.type === "PARAGRAPH") body.push({ type: "paragraph", text });
    else if (block.type === "HEADING") {
      const level = block.level ?? HEADING_LEVELS.min;
      if (level < HEADING_LEVELS.min || level > HEADING_LEVELS.max) problem(at("level"), `A heading's level is ${HEADING_LEVELS.min} to ${HEADING_LEVELS.max}.`);
      body.push({ type: "heading", text, level });
    } else if (block.type === "QUOTE") {
      const citationId = block.citationId == null ? null : idOf(block.citationId, "Citation", at("citationId"), problem);
      if (citationId !== null && !citationIds.has(citationId)) problem(at("citationId"), "The citation is not one of this article's.");
      body.push({ type: "quote", text, ...(citationId !== null ? { citationId } : {}) });
    } else if (block.type === "HTML") {
      // Markup is kept, never written here: an HTML block is one the article holds (from an import), moved or left out.
      const kept = block.htmlKey != null ? heldHtml.byKey.get(block.htmlKey) : heldHtml.byText.get(block.html ?? "");
      if (kept === undefined) {
        const field = block.htmlKey != null || block.html == null ? "htmlKey" : "html";
        problem(at(field), "An HTML block keeps one this article holds, named by `HtmlBlock.key` (or its `html` as read): markup can be kept, moved or removed here, not written.");
      } else body.push({ type: "html", html: kept });
    } else {
      const mediaId = block.imageId == null ? null : idOf(block.imageId, "Image", at("imageId"), problem);
      if (block.imageId == null) problem(at("imageId"), "An image block names one of the article's images.");
      else if (mediaId !== null && !placements.has(mediaId)) problem(at("imageId"), "The image is not one of this article's.");
      body.push({ type: "image", imageId: (mediaId !== null && placements.get(mediaId)) || 0 });
    }
  });
  return body;
}

/** The html blocks of a stored body, to the markup stored: by key, and by their markup as the input's text rule leaves it when sent back. */
function heldHtmlBlocks(stored: unknown): { byKey: Map<string, string>; byText: Map<string, string> } {
  const held = { byKey: new Map<string, string>(), byText: new Map<string, string>() };
  for (const block of parseBody(stored)) {
    if (block.type !== "html") continue;
    held.byKey.set(htmlBlockKey(block.html), block.html);
    try {
      held.byText.set(cleanText(block.html, "html", HTML_TEXT), block.html);
    } catch {
      // Markup the text rule refuses (too long, control characters) comes back by its key only.
    }
  }
  return held;
}
