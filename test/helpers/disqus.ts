// Disqus exports written for a test, and comment threads read back as an outline.
import { writeFileSync } from "node:fs";

interface ThreadSpec {
  dsqId: string;
  identifier?: string;
  link: string;
}

interface PostSpec {
  dsqId: string;
  thread: string;
  parent?: string;
  /** HTML; defaults to "<p>Post <dsqId>.</p>". */
  message?: string;
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Writes a Disqus export with these threads and posts (in this order, a minute apart, authors "Reader <dsqId>") to `path`; gives `path`. */
export function writeDisqusExport(path: string, spec: { threads: ThreadSpec[]; posts: PostSpec[] }): string {
  const start = Date.UTC(2024, 0, 1);
  const threads = spec.threads.map(
    (thread) => `  <thread dsq:id="${thread.dsqId}">
    <id>${escape(thread.identifier ?? "")}</id>
    <forum>harbourgazette</forum>
    <link>${escape(thread.link)}</link>
    <title>Thread ${thread.dsqId}</title>
    <createdAt>2024-01-01T00:00:00Z</createdAt>
    <isClosed>false</isClosed>
    <isDeleted>false</isDeleted>
  </thread>`,
  );
  const posts = spec.posts.map(
    (post, index) => `  <post dsq:id="${post.dsqId}">
    <id/>
    <message><![CDATA[${post.message ?? `<p>Post ${post.dsqId}.</p>`}]]></message>
    <createdAt>${new Date(start + (index + 1) * 60_000).toISOString().replace(".000", "")}</createdAt>
    <isDeleted>false</isDeleted>
    <isSpam>false</isSpam>
    <author>
      <email>reader.${post.dsqId.toLowerCase()}@example.org</email>
      <name>Reader ${post.dsqId}</name>
      <isAnonymous>true</isAnonymous>
    </author>
    <thread dsq:id="${post.thread}"/>${post.parent ? `\n    <parent dsq:id="${post.parent}"/>` : ""}
  </post>`,
  );
  writeFileSync(
    path,
    `<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
${[...threads, ...posts].join("\n")}
</disqus>
`,
  );
  return path;
}

type Node = { authorName: string | null; body: string | null; isDeleted: boolean; replies?: { nodes: Node[] } };

/** Comments and their loaded replies, one line each, indented by depth: "Name: text" (paragraphs joined by " / "), or "(deleted)". */
export function outline(nodes: Node[], depth = 0): string[] {
  return nodes.flatMap((node) => [
    `${"  ".repeat(depth)}${node.isDeleted ? "(deleted)" : `${node.authorName}: ${node.body?.replace(/\n+/g, " / ")}`}`,
    ...outline(node.replies?.nodes ?? [], depth + 1),
  ]);
}
