// Streams an XML export as the elements an importer wants (WXR's <item>, Disqus' <thread> and
// <post>), one at a time: only the element being read is held, so a 1 GB file reads in bounded memory.
import { createReadStream } from "node:fs";
import { SaxesParser } from "saxes";

/** One element as read: its qualified name ("wp:post_id"), attributes, children and text, and the line it opened on. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Its own text and CDATA, concatenated (children's text excluded). */
  text: string;
  line: number;
}

/** The file is not well-formed XML from `line` on: nothing after it can be read. */
export class XmlSyntaxError extends Error {
  constructor(readonly line: number, readonly column: number, message: string) {
    super(`line ${line}, column ${column}: ${message}`);
    this.name = "XmlSyntaxError";
  }
}

/** Where the reader is: bytes read so far (for a progress bar) and the line. */
export interface XmlProgress {
  bytes: number;
  line: number;
}

/**
 * Yields each element named in `names` (at any depth, not inside another such element) once it has
 * closed, in document order. `progress` is updated as the file is read. Throws XmlSyntaxError with
 * the line when the file is not well-formed, after yielding every element closed before it.
 */
export async function* readXmlElements(path: string, names: ReadonlySet<string>, progress: XmlProgress = { bytes: 0, line: 1 }): AsyncGenerator<XmlElement> {
  const parser = new SaxesParser({ position: true });
  const ready: XmlElement[] = [];
  // The open elements being collected; empty while outside any wanted element.
  const open: XmlElement[] = [];
  let failure: XmlSyntaxError | null = null;
  parser.on("opentag", (tag) => {
    if (failure || (open.length === 0 && !names.has(tag.name))) return;
    const element: XmlElement = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, children: [], text: "", line: parser.line };
    open.at(-1)?.children.push(element);
    open.push(element);
  });
  const addText = (text: string) => {
    const current = open.at(-1);
    if (current) current.text += text;
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
  parser.on("closetag", () => {
    // Nothing after the first syntax error is trusted: the reader stops there.
    if (failure) return;
    const element = open.pop();
    if (element && open.length === 0) ready.push(element);
  });
  parser.on("error", (error) => {
    failure ??= new XmlSyntaxError(parser.line, parser.column, error.message.replace(/^(?:.*?:)?\d+:\d+: /, ""));
  });

  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      progress.bytes += Buffer.byteLength(chunk);
      parser.write(chunk);
      progress.line = parser.line;
      yield* ready.splice(0);
      if (failure) throw failure;
    }
    parser.close();
    yield* ready.splice(0);
    if (failure) throw failure;
  } finally {
    stream.destroy();
  }
}

/** The first child named `name`, if any. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((candidate) => candidate.name === name);
}

/** Every child named `name`. */
export function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((candidate) => candidate.name === name);
}

/** A child's text, trimmed; "" when it is absent. */
export function textOf(element: XmlElement, name: string): string {
  return child(element, name)?.text.trim() ?? "";
}
