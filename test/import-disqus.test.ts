import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDisqus } from "../src/imports/disqus/import.js";
import type { BatchLimits } from "../src/imports/disqus/post-batches.js";
import { threadSlugs } from "../src/imports/disqus/thread-articles.js";
import { importSessionOf } from "../src/imports/session.js";
import { ImportSummary } from "../src/imports/summary.js";
import { XmlSyntaxError } from "../src/imports/xml-items.js";
import { bearer } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";
import { outline, writeDisqusExport } from "./helpers/disqus.js";

const FIXTURES = "test/fixtures/disqus";
const FERRY = "ferry-timetable-changes-this-winter";
const LIGHTHOUSE = "lighthouse-keepers-cottage-for-sale";

const THREAD = `query ($slug: String!) { article(slug: $slug) { commentCount comments(first: 10, orderBy: OLDEST) { nodes {
  ...C replies(first: 10) { nodes { ...C replies(first: 5) { nodes { ...C replies(first: 5) { nodes { ...C } } } } } } } } } }
  fragment C on Comment { authorName body status isDeleted createdAt }`;

describe.each(providers)("importing a Disqus export on %s", (provider) => {
  let t: TestApp;
  let moderator: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), "disqus-"));

  const run = async (file: string, options: { dryRun?: boolean; limits?: BatchLimits } = {}) => {
    const session = importSessionOf(t.app, { dryRun: options.dryRun });
    const summary = new ImportSummary();
    await importDisqus({ file, session, summary, limits: options.limits });
    return summary;
  };
  const thread = async (slug: string, headers?: Record<string, string>) => {
    const { data, errors } = await t.graphql(THREAD, { variables: { slug }, headers });
    expect(errors).toBeUndefined();
    return data.article;
  };
  const disqusRows = () => t.prisma.importedRecord.count({ where: { origin: "disqus" } });

  beforeAll(async () => {
    // The export dates from 2024: kept emails are tested with retention off (the shared import tests retention).
    t = await createTestApp({ provider, env: { QUERY_MAX_COST: "100000", GUEST_EMAIL_RETENTION_DAYS: "0" } });
    moderator = { authorization: await bearer({ name: "Mod Erator", roles: ["MODERATOR"] }) };
    await createArticle(t.prisma, { slug: FERRY, title: "Ferry timetable changes this winter" });
    await createArticle(t.prisma, { slug: LIGHTHOUSE, title: "Lighthouse keeper's cottage for sale" });
  });
  afterAll(() => t.close());

  it("writes nothing on a dry run, and reports what a run would do", async () => {
    const events = await t.prisma.commentEvent.count();
    const summary = await run(`${FIXTURES}/export.xml`, { dryRun: true });

    expect(summary.of("comment")).toEqual({ created: 8, updated: 0, skipped: 1 });
    expect(await t.prisma.comment.count({ where: { article: { slug: FERRY } } })).toBe(0);
    expect(await disqusRows()).toBe(0);
    expect(await t.prisma.commentEvent.count()).toBe(events);
    // The reply that comes before its parent in the file is placed under it on a dry run too.
    expect(summary.notes.filter((note) => note.message.includes("top-level"))).toEqual([]);
  });

  it("threads the posts under their parents, a reply listed before its parent included, with their dates and names", async () => {
    const summary = await run(`${FIXTURES}/export.xml`);

    // Each imported comment is an event, as a posted one is: live feeds and caches hear of it.
    const ferry = await t.prisma.article.findUniqueOrThrow({ where: { slug: FERRY } });
    expect(await t.prisma.commentEvent.count({ where: { kind: "ADDED", articleId: ferry.id } })).toBe(8);

    expect(summary.of("comment")).toEqual({ created: 8, updated: 0, skipped: 1 });
    const article = await thread(FERRY);
    expect(outline(article.comments.nodes)).toEqual([
      "Ingrid Løvås: Finally an evening sailing on Sundays. My commute just got half an hour shorter.",
      "  Mateus Araújo: Same here, though the Saturday gap at noon is worse now. / Two hours with no boat & no bus.",
      "(deleted)",
      "  Zoë Ngata: Whatever was said above, the fares went up as well.",
      "    Mateus Araújo: By twelve percent, according to the operator's own notice.",
      "田中 浩二 (Kōji): Nobody mentions the pier at night. Half the lights are out.",
      "  Ingrid Løvås: Agreed with Kōji: the pier lights are the real problem.",
    ]);
    expect(article.comments.nodes[0].createdAt).toBe("2024-05-02T09:15:00.000Z");
    expect(article.commentCount).toBe(7);
  });

  it("keeps a deleted post as a tombstone that holds its replies, without its text or name", async () => {
    const article = await thread(FERRY);
    const tombstone = article.comments.nodes[1];

    expect(tombstone).toMatchObject({ isDeleted: true, body: null, authorName: null, status: "DELETED" });
    expect(tombstone.replies.nodes.map((reply: any) => reply.authorName)).toEqual(["Zoë Ngata"]);
  });

  it("hides spam from the public and shows it to a moderator", async () => {
    const spam = (nodes: any[]) => nodes.filter((comment) => comment.status === "SPAM").map((comment) => comment.body);

    expect(spam((await thread(FERRY)).comments.nodes)).toEqual([]);
    expect(spam((await thread(FERRY, moderator)).comments.nodes)).toEqual(["Cheap ferry tickets!!! Visit our site (https://spam.example/) today."]);
  });

  it("keeps guests' emails, anonymous and registered alike, for moderators only", async () => {
    const query = `{ article(slug: "${FERRY}") { comments(first: 50) { nodes { authorName email replies(first: 50) { nodes { authorName email } } } } } }`;
    const reader = { authorization: await bearer({ name: "Curious Reader" }) };
    for (const headers of [undefined, reader]) {
      const response = await t.graphql(query, { headers });
      expect(JSON.stringify(response)).not.toMatch(/@example\.(org|net|com|jp)/);
    }

    const { data } = await t.graphql(query, { headers: moderator });
    const emails = data.article.comments.nodes.flatMap((comment: any) => [comment, ...comment.replies.nodes]).map((comment: any) => `${comment.authorName} <${comment.email}>`);
    expect(emails).toContain("Ingrid Løvås <ingrid.lovas@example.org>");
    expect(emails).toContain("Mateus Araújo <mateus.araujo@example.net>");
    // A registered Disqus author is a guest here, not a signed-in subject: no token can claim their comments.
    expect(await t.prisma.comment.count({ where: { article: { slug: FERRY }, userId: { not: null } } })).toBe(0);
  });

  it("reports the thread that matches no article with its link and line, and skips its posts", async () => {
    const summary = await run(`${FIXTURES}/export.xml`, { dryRun: true });

    expect(summary.notes).toContainEqual({
      line: 24,
      kind: "thread",
      skipped: true,
      message: "thread 800200 (https://news.example/2019/01/a-story-that-moved-away/) matches no article by slug or link; its 1 comment(s) were skipped",
    });
    expect(await t.prisma.comment.count({ where: { body: { contains: "old market hall" } } })).toBe(0);
  });

  it("updates on a re-run instead of adding duplicates", async () => {
    const before = await t.prisma.comment.count();
    const edited = join(dir, "edited.xml");
    writeFileSync(edited, readFileSync(`${FIXTURES}/export.xml`, "utf8").replace("My commute just got <b>half an hour</b> shorter.", "My commute is shorter now."));

    const summary = await run(edited);

    expect(summary.of("comment")).toEqual({ created: 0, updated: 8, skipped: 1 });
    expect(await t.prisma.comment.count()).toBe(before);
    expect(await disqusRows()).toBe(8);
    expect(outline((await thread(FERRY)).comments.nodes)[0]).toBe("Ingrid Løvås: Finally an evening sailing on Sundays. My commute is shorter now.");
  });

  it("reports a post with a bad date with its line and imports the rest of the file", async () => {
    const summary = await run(`${FIXTURES}/export-malformed.xml`);

    expect(summary.of("comment")).toEqual({ created: 2, updated: 0, skipped: 1 });
    expect(summary.notes).toContainEqual({ line: 28, kind: "comment", skipped: true, message: 'the post\'s createdAt "the second of June, about noon" is not a date' });
    expect(outline((await thread(LIGHTHOUSE)).comments.nodes)).toEqual([
      "Agnes Murphy: Whoever buys it, please keep the lamp room open on Sundays.",
      "  Piotr Wiśniewski: Seconded, Agnes.",
    ]);
  });

  it("refuses a file cut mid-way with its line, before writing anything", async () => {
    const comments = await t.prisma.comment.count();
    const records = await disqusRows();

    const failure = await run(`${FIXTURES}/export-truncated.xml`).catch((error) => error);

    expect(failure).toBeInstanceOf(XmlSyntaxError);
    expect(failure.line).toBe(42);
    expect(await t.prisma.comment.count()).toBe(comments);
    expect(await disqusRows()).toBe(records);
  });

  it("matches a thread by an article's former slug in its link, or by its identifier", async () => {
    const renamed = await createArticle(t.prisma, { slug: "harbour-fees-rise-again" });
    await t.prisma.articleSlug.create({ data: { slug: "harbour-fees-to-rise", articleId: renamed.id } });
    const identified = await createArticle(t.prisma, { slug: "night-bus-returns" });
    const file = writeDisqusExport(join(dir, "slugs.xml"), {
      threads: [
        { dsqId: "1", link: "https://news.example/2023/11/harbour-fees-to-rise.html" },
        { dsqId: "2", identifier: "night-bus-returns", link: "https://news.example/?p=4711" },
      ],
      posts: [
        { dsqId: "11", thread: "1", message: "<p>Again?</p>" },
        { dsqId: "21", thread: "2", message: "<p>About time.</p>" },
      ],
    });

    expect((await run(file)).of("comment")).toEqual({ created: 2, updated: 0, skipped: 0 });
    expect(outline((await thread(renamed.slug)).comments.nodes)).toEqual(["Reader 11: Again?"]);
    expect(outline((await thread(identified.slug)).comments.nodes)).toEqual(["Reader 21: About time."]);
  });

  it("places replies under their parents across small batches, whether the parent came in an earlier batch or comes later in the file", async () => {
    const a = await createArticle(t.prisma, { slug: "pier-lights-fixed" });
    const b = await createArticle(t.prisma, { slug: "pier-lights-broken-again" });
    // Posts of two articles interleaved; replies before their parents, and chains of them.
    const file = writeDisqusExport(join(dir, "batches.xml"), {
      threads: [
        { dsqId: "A", link: `https://news.example/${a.slug}/` },
        { dsqId: "B", link: `https://news.example/${b.slug}/` },
      ],
      posts: [
        { dsqId: "a1", thread: "A" },
        { dsqId: "b3", thread: "B", parent: "b2" },
        { dsqId: "a2", thread: "A", parent: "a1" },
        { dsqId: "b2", thread: "B", parent: "b1" },
        { dsqId: "a3", thread: "A", parent: "a1" },
        { dsqId: "a5", thread: "A", parent: "a4" },
        { dsqId: "b1", thread: "B" },
        { dsqId: "a6", thread: "A", parent: "a5" },
        { dsqId: "a4", thread: "A", parent: "a2" },
      ],
    });
    const limits = { batchSize: 2, buffered: 3, waiting: 10 };

    const dry = await run(file, { dryRun: true, limits });
    const real = await run(file, { limits });

    expect(real.of("comment")).toEqual({ created: 9, updated: 0, skipped: 0 });
    expect(real.notes).toEqual([]);
    expect(dry.of("comment")).toEqual(real.of("comment"));
    expect(dry.notes).toEqual(real.notes);
    expect(outline((await thread(a.slug)).comments.nodes)).toEqual([
      "Reader a1: Post a1.",
      "  Reader a2: Post a2.",
      "    Reader a4: Post a4.",
      // The depth cap (3) places a5's reply beside it, as a live reply would be.
      "      Reader a5: Post a5.",
      "      Reader a6: Post a6.",
      "  Reader a3: Post a3.",
    ]);
    expect(outline((await thread(b.slug)).comments.nodes)).toEqual(["Reader b1: Post b1.", "  Reader b2: Post b2.", "    Reader b3: Post b3."]);
  });

  it("imports at the top, with a note, a reply whose parent comes later than the waiting room holds or never comes", async () => {
    const article = await createArticle(t.prisma, { slug: "ferry-strike-called-off" });
    const file = writeDisqusExport(join(dir, "waiting.xml"), {
      threads: [{ dsqId: "S", link: `https://news.example/${article.slug}/` }],
      posts: [
        { dsqId: "s2", thread: "S", parent: "s1" },
        { dsqId: "s4", thread: "S", parent: "s3" },
        { dsqId: "s5", thread: "S", parent: "gone" },
        { dsqId: "s1", thread: "S" },
        { dsqId: "s3", thread: "S" },
      ],
    });

    const summary = await run(file, { limits: { batchSize: 1, buffered: 1, waiting: 1 } });

    expect(summary.of("comment")).toEqual({ created: 5, updated: 0, skipped: 0 });
    expect(summary.notes.map((note) => `${note.line}: ${note.message}`)).toEqual([
      expect.stringMatching(/^\d+: comment s2: its parent s1 comes too far after it in the file to wait for; imported as a top-level comment$/),
      expect.stringMatching(/^\d+: comment s4: its parent s3 comes too far after it in the file to wait for; imported as a top-level comment$/),
      expect.stringMatching(/^\d+: the parent of comment s5 \(gone\) is not in the export; imported as a top-level comment$/),
    ]);
    expect(outline((await thread(article.slug)).comments.nodes)).toHaveLength(5);
  });

  it("runs as a command: the summary on stdout, and a cut file refused with its line and exit code 1", async () => {
    const command = (file: string) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "test", DATABASE_URL: t.app.config.databaseUrl };
        delete env.REDIS_URL;
        execFile(process.execPath, ["--import", "tsx", "scripts/import-disqus.ts", file, "--dry-run"], { env }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
        );
      });

    const [whole, cut] = await Promise.all([command(`${FIXTURES}/export.xml`), command(`${FIXTURES}/export-truncated.xml`)]);

    expect(whole).toMatchObject({ code: 0, stderr: "" });
    expect(whole.stdout).toContain("comment: 0 created, 8 updated, 1 skipped");
    expect(whole.stdout).toContain("line 24: thread skipped: thread 800200 (https://news.example/2019/01/a-story-that-moved-away/) matches no article");
    expect(cut.code).toBe(1);
    expect(cut.stderr.trim()).toBe(`${FIXTURES}/export-truncated.xml is not well-formed XML at line 42, column 20: unclosed tag: isDeleted; the import stopped there`);
  }, 60_000);
});

it("reads a thread's link in any script, as the WordPress import keeps a non-ASCII slug", () => {
  expect(threadSlugs({ identifier: "", link: "https://news.example/2024/05/%C5%BColw-i-%C5%BCuraw/" })).toEqual(["żolw-i-żuraw"]);
  expect(threadSlugs({ identifier: "42 https://news.example/?p=42", link: "https://news.example/a/b%20c/" })).toEqual([]);
});
