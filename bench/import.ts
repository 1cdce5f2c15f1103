// `npm run bench -- import` runs this per database: writes a generated WXR export (POSTS posts
// holding COMMENTS comments in threads, some pending or spam) to a temporary file, imports it
// into DATABASE_URL as `npm run import:wordpress` would, and prints one JSON line: time, rate, peak RSS.
import { mkdtempSync, openSync, rmSync, statSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openImportSession } from "../src/imports/session.js";
import { ImportSummary } from "../src/imports/summary.js";
import { importWordpress } from "../src/imports/wordpress/import.js";

const { values } = parseArgs({ options: { url: { type: "string" }, comments: { type: "string", default: "100000" }, posts: { type: "string", default: "300" } } });
const COMMENTS = Number(values.comments);
const POSTS = Number(values.posts);

const dir = mkdtempSync(join(tmpdir(), "newsgraph-wxr-"));
const file = join(dir, "export.xml");
writeExport(file);
const bytes = statSync(file).size;

const session = await openImportSession({ dryRun: false, env: { ...process.env, DATABASE_URL: values.url } });
const summary = new ImportSummary();
// Sampled as well as read at the end: maxRSS covers the whole process, generation included.
let peakSampled = 0;
const sampler = setInterval(() => (peakSampled = Math.max(peakSampled, process.memoryUsage().rss)), 100);
const started = performance.now();
await importWordpress({ file, session, summary });
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
await session.close();
rmSync(dir, { recursive: true, force: true });
const comments = summary.of("comment");
console.log(
  JSON.stringify({
    posts: summary.of("article").created,
    comments: comments.created,
    skipped: comments.skipped,
    file_MiB: Math.round(bytes / 1_048_576),
    seconds: Math.round(seconds * 10) / 10,
    comments_per_second: Math.round(comments.created / seconds),
    peak_rss_MiB: Math.round(Math.max(process.resourceUsage().maxRSS * 1024, peakSampled) / 1_048_576),
    sampled_peak_rss_MiB: Math.round(peakSampled / 1_048_576),
  }),
);
process.exit(0);

/** Writes the export a post at a time; replies go under a random earlier comment of the post. */
function writeExport(path: string): void {
  const fd = openSync(path, "w");
  const write = (text: string) => writeSync(fd, text);
  write(`<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<wp:wxr_version>1.2</wp:wxr_version>\n`);
  write(`<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[bench]]></wp:author_login><wp:author_display_name><![CDATA[Bench Writer]]></wp:author_display_name></wp:author>\n`);
  let id = 1000;
  for (let post = 0; post < POSTS; post++) {
    const count = Math.floor(COMMENTS / POSTS) + (post < COMMENTS % POSTS ? 1 : 0);
    const day = String(1 + (post % 28)).padStart(2, "0");
    write(`<item><title><![CDATA[Bench post ${post}]]></title><dc:creator><![CDATA[bench]]></dc:creator><content:encoded><![CDATA[<!-- wp:paragraph --><p>Body of post ${post}.</p><!-- /wp:paragraph --><!-- wp:list --><ul><li>one</li></ul><!-- /wp:list -->]]></content:encoded><wp:post_id>${post + 1}</wp:post_id><wp:post_date>2026-01-${day} 10:00:00</wp:post_date><wp:post_date_gmt>2026-01-${day} 09:00:00</wp:post_date_gmt><wp:post_name>bench-post-${post}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>\n`);
    const first = id;
    for (let n = 0; n < count; n++) {
      const parent = n === 0 || Math.random() < 0.3 ? 0 : first + Math.floor(Math.random() * n);
      const roll = Math.random();
      const approved = roll < 0.9 ? "1" : roll < 0.97 ? "0" : "spam";
      write(`<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Reader ${id % 997}]]></wp:comment_author><wp:comment_author_email>reader${id % 997}@mail.example</wp:comment_author_email><wp:comment_date>2026-01-${day} 11:00:00</wp:comment_date><wp:comment_date_gmt>2026-01-${day} 10:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[<p>Comment ${id} on post ${post}, with a few words &amp; an entity.</p>]]></wp:comment_content><wp:comment_approved>${approved}</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>\n`);
      id++;
    }
    write(`</item>\n`);
  }
  write(`</channel>\n</rss>\n`);
  closeSync(fd);
}
