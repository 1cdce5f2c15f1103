// Comment HTML as the plain text comments are stored as: an export's comment bodies are HTML (a few
// tags, entities), ours are text. Read with htmlparser2, never with regular expressions.
import { Parser } from "htmlparser2";

// Elements that end a line or a paragraph where they close.
const PARAGRAPHS = new Set(["p", "div", "blockquote", "pre", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6"]);
const LINES = new Set(["li", "tr"]);
// Their text is not text a reader sees.
const SILENT = new Set(["script", "style", "template"]);

/**
 * Plain text of comment HTML: paragraphs separated by a blank line, <br> and list items as line
 * breaks (and the text's own line breaks), a link as its text followed by its URL in parentheses when they differ, entities decoded,
 * runs of spaces collapsed. Gives "" for empty or markup-only input.
 */
export function htmlToText(html: string): string {
  let out = "";
  const links: { href: string; start: number }[] = [];
  let silent = 0;
  const breakLine = (count: 1 | 2) => {
    out = out.replace(/[ \t]+$/, "");
    if (out === "") return;
    const trailing = out.length - out.trimEnd().length;
    if (trailing < count) out = out.trimEnd() + "\n".repeat(count);
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (SILENT.has(name)) silent++;
        else if (name === "br") breakLine(1);
        else if (PARAGRAPHS.has(name)) breakLine(2);
        else if (LINES.has(name)) breakLine(1);
        if (name === "a") links.push({ href: attributes.href?.trim() ?? "", start: out.length });
      },
      ontext(text) {
        if (silent > 0) return;
        // Line breaks in the text are the writer's (WordPress keeps comments as text with newlines).
        const spaced = text.replace(/\r\n?/g, "\n").replace(/[^\S\n]+/g, " ");
        out += out === "" || out.endsWith("\n") ? spaced.replace(/^ +/, "") : spaced;
      },
      onclosetag(name) {
        if (SILENT.has(name)) silent = Math.max(0, silent - 1);
        else if (PARAGRAPHS.has(name)) breakLine(2);
        else if (LINES.has(name)) breakLine(1);
        if (name === "a") {
          const link = links.pop();
          const label = link ? out.slice(link.start).trim() : "";
          if (link?.href && isShownUrl(link.href) && label !== link.href) out += label === "" ? link.href : ` (${link.href})`;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

// Only web and mail links are worth printing; a "javascript:" href is not a destination.
const isShownUrl = (href: string) => /^(https?:|mailto:)/i.test(href);
