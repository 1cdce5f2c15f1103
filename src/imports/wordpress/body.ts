// A post's HTML (content:encoded, classic or Gutenberg) as body blocks: paragraphs, headings,
// quotes and images where they hold the content whole; anything else (lists, tables, embeds,
// iframes, paragraphs with links or emphasis) kept as an html block, counted so the summary can say so.
// Gutenberg's block comments (<!-- wp:image {"id":12} -->) are read for the attachment they name.
import { DomUtils, parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";

/** An image the body shows: the attachment it names (WordPress id), its address, alt text and caption. */
export interface BodyImage {
  attachmentId: string | null;
  url: string;
  alt: string;
  caption: string | null;
}

/** A block before its images are placed: an image block still names the image, not the placement. */
export type DraftBlock =
  | { type: "paragraph"; text: string }
  | { type: "heading"; text: string; level: number }
  | { type: "quote"; text: string }
  | { type: "image"; image: BodyImage }
  | { type: "html"; html: string; why: string };

const HEADINGS: Record<string, number> = { h1: 2, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
// Markup that lives inside a line of text; a run of it at the top level is classic-editor prose.
const INLINE = new Set(["a", "abbr", "b", "br", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "u", "del", "ins", "time"]);

/** The blocks of a post's HTML, in order. Never throws: markup it cannot read is kept as html. */
export function bodyBlocks(html: string): DraftBlock[] {
  const blocks: DraftBlock[] = [];
  let run: ChildNode[] = [];
  let attachmentId: string | null = null;
  const flush = () => {
    if (run.length > 0) blocks.push(...proseBlocks(run));
    run = [];
  };
  for (const node of parseDocument(html, { decodeEntities: true }).children) {
    if (node.type === "comment") {
      // `<!-- wp:image {"id":12,...} -->`: the attachment the next image shows.
      const opening = /^\s*wp:image\s+(\{.*\})\s*\/?\s*$/s.exec(node.data);
      if (opening) attachmentId = attachmentOfBlock(opening[1]!);
      continue;
    }
    if (node.type === "text" || (node.type === "tag" && INLINE.has(node.name))) {
      run.push(node);
      continue;
    }
    flush();
    if (node.type === "tag" || node.type === "script" || node.type === "style") {
      blocks.push(...elementBlocks(node as Element, attachmentId));
      attachmentId = null;
    }
  }
  flush();
  return blocks;
}

function elementBlocks(element: Element, attachmentId: string | null): DraftBlock[] {
  const name = element.name;
  if (name === "p") {
    const image = soleImage(element);
    if (image) return [{ type: "image", image: imageOf(image, null, attachmentId) }];
    return textOnly(element) ? textBlocks("paragraph", element) : [html(element, "a paragraph with links or emphasis")];
  }
  if (name in HEADINGS) return textOnly(element) ? [{ type: "heading" as const, text: textOf(element), level: HEADINGS[name]! }].filter((block) => block.text) : [html(element, "a heading with markup")];
  if (name === "blockquote" && textOnly(element, new Set(["p", "cite", "footer"]))) {
    // The <cite> is who said it: kept as the quote's last line.
    const text = DomUtils.getChildren(element)
      .map((part) => (part.type === "tag" && part.name === "cite" && textOf(part) ? `— ${textOf(part)}` : textOf(part)))
      .filter(Boolean)
      .join("\n\n");
    return text ? [{ type: "quote", text }] : [];
  }
  if (name === "figure" || name === "img") {
    const image = name === "img" ? element : soleImage(element);
    const caption = name === "figure" ? DomUtils.findOne((node) => node.name === "figcaption", element.children) : null;
    if (image) return [{ type: "image", image: imageOf(image, caption ? textOf(caption) || null : null, attachmentId) }];
  }
  return [html(element, name === "ul" || name === "ol" ? "a list" : name === "table" || DomUtils.getAttributeValue(element, "class")?.includes("wp-block-table") ? "a table" : isEmbed(element) ? "an embed" : `a <${name}> element`)];
}

/** Classic-editor prose: text and inline markup at the top level, in paragraphs at blank lines. */
function proseBlocks(run: ChildNode[]): DraftBlock[] {
  const markup = run.some((node) => node.type === "tag" && node.name !== "br");
  if (!markup) return paragraphsOf(run.map((node) => (node.type === "tag" ? "\n" : DomUtils.textContent(node))).join(""));
  return DomUtils.getOuterHTML(run)
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .flatMap((chunk): DraftBlock[] => {
      const paragraph = parseDocument(`<p>${chunk}</p>`, { decodeEntities: true }).children[0] as Element;
      return textOnly(paragraph) ? textBlocks("paragraph", paragraph) : [html(paragraph, "a paragraph with links or emphasis")];
    });
}

function paragraphsOf(text: string): DraftBlock[] {
  return text
    .split(/\n\s*\n/)
    .map((part) => part.split("\n").map((line) => line.replace(/\s+/g, " ").trim()).filter(Boolean).join("\n"))
    .filter(Boolean)
    .map((part) => ({ type: "paragraph" as const, text: part }));
}

function textBlocks(type: "paragraph", element: Element): DraftBlock[] {
  const text = textOf(element);
  return text ? [{ type, text }] : [];
}

/** Text with <br> as a line break and runs of spaces as one. */
function textOf(node: ChildNode | Element): string {
  if (node.type === "text") return node.data.replace(/\s+/g, " ").trim();
  if (!("children" in node)) return "";
  return node.children
    .map((part) => (part.type === "tag" && part.name === "br" ? "\n" : part.type === "text" ? part.data.replace(/\s+/g, " ") : textOf(part)))
    .join("")
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .trim();
}

/** Whether an element holds only text and line breaks (and the wrappers `allowed`), so a text block keeps it whole. */
function textOnly(element: Element, allowed: ReadonlySet<string> = new Set()): boolean {
  return element.children.every((node) => node.type === "text" || (node.type === "tag" && (node.name === "br" || (allowed.has(node.name) && textOnly(node)))));
}

/** The one <img> of a paragraph or figure that holds nothing else but whitespace, a link around it or a caption. */
function soleImage(element: Element): Element | null {
  const images = DomUtils.findAll((node) => node.name === "img", element.children);
  if (images.length !== 1) return null;
  const other = DomUtils.findOne((node) => !["img", "a", "figcaption", "br"].includes(node.name), element.children);
  const strayText = element.children.some((node) => node.type === "text" && node.data.trim() !== "");
  return other || strayText ? null : images[0]!;
}

function imageOf(image: Element, caption: string | null, attachmentId: string | null): BodyImage {
  const wpClass = /(?:^|\s)wp-image-(\d+)(?:\s|$)/.exec(DomUtils.getAttributeValue(image, "class") ?? "");
  return { attachmentId: attachmentId ?? wpClass?.[1] ?? null, url: DomUtils.getAttributeValue(image, "src") ?? "", alt: DomUtils.getAttributeValue(image, "alt") ?? "", caption };
}

function attachmentOfBlock(json: string): string | null {
  try {
    const id = (JSON.parse(json) as { id?: unknown }).id;
    return typeof id === "number" || typeof id === "string" ? String(id) : null;
  } catch {
    return null;
  }
}

const isEmbed = (element: Element) => element.name === "iframe" || /wp-block-embed|embed/.test(DomUtils.getAttributeValue(element, "class") ?? "");

function html(element: Element, why: string): DraftBlock {
  return { type: "html", html: DomUtils.getOuterHTML(element), why };
}
