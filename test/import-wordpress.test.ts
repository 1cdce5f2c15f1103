import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImportCli } from "../src/imports/cli.js";
import { importComments, type ImportedComment } from "../src/imports/comment-threads.js";
import { importSessionOf } from "../src/imports/session.js";
import { ImportSummary } from "../src/imports/summary.js";
import { importWordpress } from "../src/imports/wordpress/import.js";
import { XmlSyntaxError } from "../src/imports/xml-items.js";
import { bearer, globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers, testPostgresUrl } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";
import { connect, subscribe } from "./helpers/ws.js";

const NEWSROOM = "test/fixtures/wordpress/newsroom.wxr.xml";
const BROKEN = "test/fixtures/wordpress/broken.wxr.xml";

const ARTICLE = /* GraphQL */ `
  query ($slug: String!) {
    article(slug: $slug) {
      title status publishedAt excerpt
      authors { name slug }
      topics { slug name }
      images { position caption image { url altText caption credit { name } } }
      body {
        __typename
        ... on ParagraphBlock { text }
        ... on HeadingBlock { text level }
        ... on QuoteBlock { text }
        ... on ImageBlock { image { caption image { url } } }
        ... on HtmlBlock { html }
      }
    }
  }
`;
const REPLIES = "replies(first: 20) { nodes { authorName body depth email status replies(first: 20) { nodes { authorName depth replies(first: 20) { nodes { authorName depth body replies(first: 20) { nodes { authorName depth } } } } } } } }";
const THREADS = `query ($slug: String!) { article(slug: $slug) { commentCount comments(first: 20, orderBy: OLDEST) { totalCount nodes { authorName body depth email status ${REPLIES} } } } }`;

async function importFile(t: TestApp, file: string, options: { dryRun?: boolean } = {}): Promise<ImportSummary> {
  const summary = new ImportSummary();
  await importWordpress({ file, session: importSessionOf(t.app, options), summary });
  return summary;
}

const rowCounts = (t: TestApp) =>
  Promise.all([t.prisma.article.count(), t.prisma.comment.count(), t.prisma.media.count(), t.prisma.author.count(), t.prisma.topic.count(), t.prisma.source.count(), t.prisma.articleImage.count(), t.prisma.importedRecord.count()]);

describe.each(providers)("a WordPress import on %s", (provider) => {
  let t: TestApp;
  let first: ImportSummary;
  let moderator: string;
  let editor: string;
  beforeAll(async () => {
    // A thread read five levels down is deeper than a page's query needs.
    // Retention off: the export's dates would otherwise age out of GUEST_EMAIL_RETENTION_DAYS (tested below on its own).
    t = await createTestApp({ provider, env: { QUERY_MAX_DEPTH: "16", QUERY_MAX_COST: "10000000", GUEST_EMAIL_RETENTION_DAYS: "0" } });
    moderator = await bearer({ name: "Mona Moderator", subject: "mona", roles: ["MODERATOR"] });
    editor = await bearer({ name: "Ed Editor", subject: "ed", roles: ["EDITOR"] });
    first = await importFile(t, NEWSROOM);
  });
  afterAll(() => t.close());

  it("imports published posts under their WordPress slugs, with byline, topics, blocks and the html the blocks cannot hold", async () => {
    const { data } = await t.graphql(ARTICLE, { variables: { slug: "harbour-plan-approved" } });
    const article = data.article;
    expect(article).toMatchObject({ title: "Council approves the harbour plan", status: "PUBLISHED", publishedAt: "2026-03-02T08:30:00.000Z", authors: [{ name: "Zoë Ångström", slug: "zoe" }] });
    expect(article.topics.map((topic: { slug: string }) => topic.slug).sort()).toEqual(["ferries", "harbour"]);
    expect(article.body.map((block: { __typename: string }) => block.__typename)).toEqual(["ParagraphBlock", "HeadingBlock", "ImageBlock", "HtmlBlock", "QuoteBlock", "HtmlBlock"]);
    expect(article.body[3].html).toBe("<ul><li>A ferry terminal by spring</li><li>Dredging in the summer</li></ul>");
    expect(article.body[4].text).toBe("We have waited thirty years for this.\n\n— A fisherman on the quay");
    expect(article.body[5].html).toContain("https://video.example/watch/harbour");
    expect(first.notes).toContainEqual(expect.objectContaining({ kind: "article", message: "post 10: kept as html blocks: a list, an embed" }));

    const fares = (await t.graphql(ARTICLE, { variables: { slug: "ferry-fares-april" } })).data.article;
    expect(fares.authors).toEqual([{ name: "李雷", slug: "lilei" }]);
    expect(fares.topics).toEqual([{ slug: "elections", name: "Élections" }]);
    expect(fares.body).toEqual([
      { __typename: "ParagraphBlock", text: "Fares on the island ferry rise by a tenth from April." },
      { __typename: "HtmlBlock", html: '<p>Season tickets keep their price, the operator <a href="https://ferry.example/fares">said on Friday</a>.</p>' },
      { __typename: "ParagraphBlock", text: "Pensioners travel free, as before." },
    ]);
  });

  it("imports attachments as media with alt text, caption and credit, and a featured image first", async () => {
    const harbour = (await t.graphql(ARTICLE, { variables: { slug: "harbour-plan-approved" } })).data.article;
    expect(harbour.images).toEqual([
      {
        position: 0,
        caption: "The quay on its first night.",
        image: { url: "https://gazette.example/uploads/2026/03/quay-at-night.jpg", altText: "Lamps reflected in the water along a long stone quay", caption: "The new quay on its first night, seen from the lighthouse.", credit: { name: "Maja Lindqvist" } },
      },
    ]);
    expect(harbour.body[2].image.caption).toBe("The quay on its first night.");
    // The fare board's attachment comes after the post that features it, and its credit is in its description.
    const fares = (await t.graphql(ARTICLE, { variables: { slug: "ferry-fares-april" } })).data.article;
    expect(fares.images).toEqual([{ position: 0, caption: "The fare board by the ticket office.", image: { url: "https://gazette.example/uploads/2026/03/fare-board.jpg", altText: "Fare board at the terminal", caption: "The fare board by the ticket office.", credit: { name: "Tomás Ó Briain" } } }]);
  });

  it("keeps drafts, pending, private and scheduled posts from the public, and skips trash and pages with their lines", async () => {
    for (const slug of ["draft-the-lighthouse-keeper-s-memoir", "desk-rota", "regatta-returns", "fish-market-indoors"]) {
      expect((await t.graphql(ARTICLE, { variables: { slug } })).data.article, slug).toBeNull();
    }
    const asEditor = async (slug: string) => (await t.graphql(ARTICLE, { variables: { slug }, headers: { authorization: editor } })).data.article;
    expect(await asEditor("draft-the-lighthouse-keeper-s-memoir")).toMatchObject({ status: "DRAFT", publishedAt: null });
    expect(await asEditor("desk-rota")).toMatchObject({ status: "DRAFT" });
    expect(await asEditor("fish-market-indoors")).toMatchObject({ status: "IN_REVIEW" });
    expect(await asEditor("regatta-returns")).toMatchObject({ status: "SCHEDULED", publishedAt: "2099-07-01T08:00:00.000Z" });
    expect(first.of("article")).toEqual({ created: 6, updated: 0, skipped: 1 });
    expect(first.notes).toContainEqual({ line: 281, kind: "article", skipped: true, message: 'post 15 "An old rumour": it is in the trash' });
    expect(first.notes).toContainEqual(expect.objectContaining({ line: 294, kind: "page", skipped: true }));
    expect(first.notes).toContainEqual(expect.objectContaining({ line: 268, kind: "article", message: "post 14 is private; imported as a draft, seen by the newsroom only" }));
  });

  it("threads comments five deep, re-parenting replies past the depth cap as live replies are, and reports a missing parent", async () => {
    const { data, errors } = await t.graphql(THREADS, { variables: { slug: "harbour-plan-approved" } });
    // The public is refused guests' addresses (and only them).
    expect((errors ?? []).every((error) => error.path?.at(-1) === "email")).toBe(true);
    const top = data.article.comments.nodes;
    const zoe = top.find((comment: { body: string }) => comment.body === "At last. Will the ferry run on Sundays?");
    const li = zoe.replies.nodes[0];
    expect(li).toMatchObject({ authorName: "李雷", depth: 1 });
    const bram = li.replies.nodes[0];
    expect(bram).toMatchObject({ authorName: "Bram de Wit", depth: 2 });
    // 104 at the cap (3); 105 and 106, deeper in WordPress, join 104 beside it under 103.
    expect(bram.replies.nodes.map((reply: { authorName: string; depth: number; body: string }) => [reply.authorName, reply.depth, reply.body])).toEqual([
      ["Zoë Ångström", 3, "Night boats would help the late shift at the cannery."],
      ["Bram de Wit", 3, "The union asked for them in January."],
      ["李雷", 3, "And the council said it would look at it in June."],
    ]);
    expect(bram.replies.nodes[0].replies.nodes).toEqual([]);
    const orphan = top.find((comment: { body: string }) => comment.body === "A reply to a comment that was never exported.");
    expect(orphan).toMatchObject({ depth: 0 });
    expect(first.notes).toContainEqual(expect.objectContaining({ kind: "comment", skipped: false, message: expect.stringContaining("the parent of comment 111 (999) is not in the export") }));
    expect(first.notes).toContainEqual(expect.objectContaining({ kind: "comment", skipped: true, message: "comment 110 is a pingback, not a reader's comment" }));
  });

  it("shows pending and spam comments and the replies under them to moderators only, and guest emails to no one else", async () => {
    const asPublic = (await t.graphql(THREADS, { variables: { slug: "harbour-plan-approved" } })).data.article;
    const publicBodies = JSON.stringify(asPublic);
    expect(publicBodies).not.toContain("Waiting for a moderator");
    expect(publicBodies).not.toContain("Buy boats");
    expect(publicBodies).not.toContain("Please stop.");
    expect(publicBodies).not.toContain("@mail.example");
    expect(asPublic.comments.nodes.every((comment: { email: string | null }) => comment.email === null)).toBe(true);
    const withEmails = await t.graphql(THREADS, { variables: { slug: "harbour-plan-approved" } });
    expect(withEmails.errors?.length).toBeGreaterThan(0);
    expect(withEmails.errors!.every((error) => error.path?.at(-1) === "email" && error.extensions?.code === "UNAUTHENTICATED")).toBe(true);
    expect(asPublic.commentCount).toBe(7);

    const asModerator = (await t.graphql(THREADS, { variables: { slug: "harbour-plan-approved" }, headers: { authorization: moderator } })).data.article;
    const statuses = Object.fromEntries(asModerator.comments.nodes.map((comment: { authorName: string; status: string }) => [comment.authorName, comment.status]));
    expect(statuses).toMatchObject({ "Cheap Boats": "SPAM", "Zoë Ångström": "APPROVED" });
    const pending = asModerator.comments.nodes.find((comment: { status: string }) => comment.status === "PENDING");
    expect(pending).toMatchObject({ authorName: "Ines Moreau", email: "ines@mail.example" });
    const spam = asModerator.comments.nodes.find((comment: { status: string }) => comment.status === "SPAM");
    expect(spam.replies.nodes).toEqual([expect.objectContaining({ body: "Please stop.", status: "APPROVED" })]);
  });

  it("updates every record on a re-run of the same file and duplicates none, and an unchanged post stays at its version", async () => {
    const before = await rowCounts(t);
    const versions = () => t.prisma.article.findMany({ orderBy: { id: "asc" }, select: { id: true, version: true, body: true } });
    const articlesBefore = await versions();
    const again = await importFile(t, NEWSROOM);
    expect(await rowCounts(t)).toEqual(before);
    expect(await versions()).toEqual(articlesBefore);
    expect(again.of("article")).toEqual({ created: 0, updated: 6, skipped: 1 });
    expect(again.of("comment")).toEqual({ created: 0, updated: 10, skipped: 1 });
    expect(again.of("media")).toEqual({ created: 0, updated: 2, skipped: 0 });
    expect(again.of("author")).toEqual({ created: 0, updated: 2, skipped: 0 });
    const { data } = await t.graphql(THREADS, { variables: { slug: "harbour-plan-approved" } });
    expect(data.article.commentCount).toBe(7);
  });

  it("delivers an imported comment to a live subscriber, as any other comment", async () => {
    const server = await t.listen();
    const article = await t.prisma.article.findUniqueOrThrow({ where: { slug: "harbour-plan-approved" } });
    const { data } = await t.graphql(`query ($slug: String!) { article(slug: $slug) { liveCursor } }`, { variables: { slug: article.slug } });
    const client = connect(server.url);
    const sub = subscribe(client, `subscription ($a: ID!, $after: Cursor) { commentAdded(articleId: $a, after: $after) { __typename ... on CommentAdded { comment { body authorName depth } } } }`, { a: globalId("Article", article.id), after: data.article.liveCursor });
    const file = join(mkdtempSync(join(tmpdir(), "wxr-")), "more.xml");
    const extra = `<wp:comment><wp:comment_id>112</wp:comment_id><wp:comment_author><![CDATA[Åsa Berg]]></wp:comment_author><wp:comment_author_email>asa@mail.example</wp:comment_author_email><wp:comment_date>2026-03-03 08:00:00</wp:comment_date><wp:comment_date_gmt>2026-03-03 07:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[Arrived with the import.]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>101</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>`;
    writeFileSync(file, readFileSync(NEWSROOM, "utf8").replace("<wp:comment>", `${extra}<wp:comment>`));
    const summary = await importFile(t, file);
    expect(summary.of("comment")).toMatchObject({ created: 1, updated: 10 });
    const message = await sub.next();
    expect(message.data.commentAdded).toEqual({ __typename: "CommentAdded", comment: { body: "Arrived with the import.", authorName: "Åsa Berg", depth: 1 } });
    await client.dispose();
  });

  it("never undoes on a re-run what moderators, the newsroom or an erasure did here since the import", async () => {
    const admin = await bearer({ name: "Ada Admin", subject: "ada", roles: ["ADMIN"] });
    const thread = async (headers: Record<string, string> = {}) => JSON.stringify((await t.graphql(THREADS, { variables: { slug: "harbour-plan-approved" }, headers })).data);
    const li = await t.prisma.comment.findFirstOrThrow({ where: { guestEmail: "li.lei@mail.example", status: "APPROVED" } });
    const moderated = await t.graphql(`mutation ($input: ModerateCommentInput!) { moderateComment(input: $input) { __typename } }`, {
      variables: { input: { id: globalId("Comment", li.id), decision: "REJECT" } }, headers: { authorization: moderator } });
    expect(moderated.data.moderateComment.__typename).toBe("CommentPayload");
    const erased = await t.graphql(`mutation ($input: EraseCommenterDataInput!) { eraseCommenterData(input: $input) { __typename } }`, {
      variables: { input: { commenter: { email: "bram@mail.example" }, bodies: "KEEP" } }, headers: { authorization: admin } });
    expect(erased.data.eraseCommenterData.__typename).toBe("EraseCommenterDataPayload");
    const ferry = (await t.graphql(`{ article(slug: "ferry-fares-april") { id version } }`, { headers: { authorization: editor } })).data.article;
    const unpublished = await t.graphql(`mutation ($input: ArticleStepInput!) { unpublishArticle(input: $input) { __typename } }`, {
      variables: { input: { id: ferry.id, version: ferry.version } }, headers: { authorization: editor } });
    expect(unpublished.data.unpublishArticle.__typename).toBe("ArticlePayload");
    const before = await thread();
    expect(before).not.toContain(li.body);
    expect(before).not.toContain("Bram de Wit");

    const again = await importFile(t, NEWSROOM);

    expect(await thread()).toBe(before);
    expect(await thread({ authorization: moderator })).not.toMatch(/Bram de Wit|bram@mail\.example/);
    expect((await t.graphql(`{ article(slug: "ferry-fares-april") { id } }`)).data.article).toBeNull();
    expect(again.notes.some((note) => note.message.includes("edited here since it was imported"))).toBe(true);
    expect(again.notes.filter((note) => note.skipped && note.message.includes("kept as it is")).length).toBeGreaterThanOrEqual(2);
  });
});

describe.each(providers)("a WordPress import that must not write on %s", (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ provider });
  });
  afterAll(() => t.close());

  it("writes nothing in a dry run, and still reports what it would have done", async () => {
    const before = await rowCounts(t);
    const events = await t.prisma.commentEvent.count();
    const summary = await importFile(t, NEWSROOM, { dryRun: true });
    expect(summary.of("article")).toEqual({ created: 6, updated: 0, skipped: 1 });
    expect(summary.of("comment")).toEqual({ created: 10, updated: 0, skipped: 1 });
    expect(await rowCounts(t)).toEqual(before);
    expect(await t.prisma.commentEvent.count()).toBe(events);
  });

  it("skips a bad item with its line, keeps the items around it, and stops with the line where the file breaks", async () => {
    const summary = new ImportSummary();
    const run = importWordpress({ file: BROKEN, session: importSessionOf(t.app), summary });
    await expect(run).rejects.toThrow(XmlSyntaxError);
    await expect(run).rejects.toMatchObject({ line: 40 });
    expect(summary.of("article")).toEqual({ created: 2, updated: 0, skipped: 1 });
    expect(summary.notes).toEqual([expect.objectContaining({ line: 17, kind: "article", skipped: true, message: 'post 31 "A post with a broken date": its date "2026-02-31 09:00:00" is not a date' })]);
    const slugs = (await t.prisma.article.findMany({ where: { slug: { startsWith: "tide-tables" } }, select: { slug: true }, orderBy: { slug: "asc" } })).map((row) => row.slug);
    expect(slugs).toEqual(["tide-tables-april", "tide-tables-march"]);
    expect(await t.prisma.article.count({ where: { slug: "broken-date" } })).toBe(0);
  });

  it("refuses a missing file with one line and exit code 1", async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => void errors.push(line);
    try {
      expect(await runImportCli({ command: "npm run import:wordpress", reads: "a WXR export", unit: "items", run: async () => {} }, ["no/such/export.xml"])).toBe(1);
    } finally {
      console.error = original;
    }
    expect(errors).toEqual(["cannot read no/such/export.xml: no such file"]);
  });
});

describe.runIf(testPostgresUrl)("the WordPress import into a PostgreSQL database that does not exist yet", () => {
  it("creates the database DATABASE_URL names, migrates it, imports, and says so in the summary", async () => {
    const url = new URL(testPostgresUrl!);
    url.pathname = `/newsgraph_import_new_${process.pid}_${Date.now()}`;
    const saved = { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL };
    const printed: string[] = [];
    const original = console.log;
    console.log = (line: string) => void printed.push(line);
    process.env.DATABASE_URL = url.toString();
    delete process.env.REDIS_URL;
    try {
      const command = { command: "npm run import:wordpress", reads: "a WXR export", unit: "items", run: (run: Parameters<typeof importWordpress>[0]) => importWordpress(run) };
      expect(await runImportCli(command, ["test/fixtures/wordpress/newsroom.wxr.xml"])).toBe(0);
    } finally {
      console.log = original;
      Object.assign(process.env, saved);
      if (saved.REDIS_URL === undefined) delete process.env.REDIS_URL;
      if (saved.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
    }
    expect(printed.join("\n")).toMatch(/database: created the PostgreSQL database named in DATABASE_URL/);
    const admin = new pg.Client({ connectionString: testPostgresUrl });
    await admin.connect();
    try {
      const name = url.pathname.slice(1);
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM "Article"`);
      await client.end();
      expect(rows[0].n).toBeGreaterThan(0);
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  });
});

describe.each(providers)("the shared comment import on %s", (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ provider });
  });
  afterAll(() => t.close());

  const comment = (externalId: string, parentExternalId: string | null, overrides: Partial<ImportedComment> = {}): ImportedComment => ({
    externalId,
    parentExternalId,
    authorName: "Ola Nordmann",
    guestEmail: "ola@mail.example",
    userId: null,
    body: `Comment ${externalId}`,
    status: "APPROVED",
    createdAt: new Date("2026-03-01T10:00:00Z"),
    line: Number(externalId),
    ...overrides,
  });

  it("threads a later batch onto comments imported before, hides the replies of a comment turned spam on a re-run, and adds none twice", async () => {
    const article = await createArticle(t.prisma, { slug: "shared-import" });
    const session = importSessionOf(t.app);
    const first = await importComments(session, { origin: "test", articleId: article.id, comments: [comment("1", null), comment("2", "1")] });
    expect(first.of("comment")).toEqual({ created: 2, updated: 0, skipped: 0 });
    const second = await importComments(session, {
      origin: "test",
      articleId: article.id,
      comments: [comment("3", "2"), comment("4", "3", { createdAt: new Date("not a date") }), comment("1", null, { status: "SPAM" })],
    });
    expect(second.of("comment")).toEqual({ created: 1, updated: 1, skipped: 1 });
    expect(second.notes).toEqual([expect.objectContaining({ line: 4, skipped: true, message: "comment 4: its date is missing or not a date" })]);
    const rows = await t.prisma.comment.findMany({ where: { articleId: article.id }, orderBy: { id: "asc" }, select: { body: true, depth: true, status: true, hiddenAncestors: true, replyCount: true } });
    expect(rows).toEqual([
      { body: "Comment 1", depth: 0, status: "SPAM", hiddenAncestors: 0, replyCount: 1 },
      { body: "Comment 2", depth: 1, status: "APPROVED", hiddenAncestors: 1, replyCount: 1 },
      { body: "Comment 3", depth: 2, status: "APPROVED", hiddenAncestors: 1, replyCount: 0 },
    ]);
    const { data } = await t.graphql(`{ article(slug: "shared-import") { commentCount } }`);
    expect(data.article.commentCount).toBe(0);
  });

  it("keeps a non-ASCII WordPress slug as a former slug, so the old link's last segment still finds the article", async () => {
    const dir = mkdtempSync(join(tmpdir(), "newsgraph-wxr-"));
    const file = join(dir, "slug.wxr.xml");
    writeFileSync(file, `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Żółw i żuraw</title><content:encoded><![CDATA[<p>A fable.</p>]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>501</wp:post_id><wp:post_date>2026-03-06 12:00:00</wp:post_date><wp:post_date_gmt>2026-03-06 11:00:00</wp:post_date_gmt>
<wp:post_name>%c5%bcolw-i-%c5%bcuraw</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
</channel></rss>`);
    const session = importSessionOf(t.app);
    await importWordpress({ file, session, summary: new ImportSummary() });
    await importWordpress({ file, session, summary: new ImportSummary() });
    const titles = [];
    for (const slug of ["zolw-i-zuraw", "żolw-i-żuraw", "%c5%bcolw-i-%c5%bcuraw"]) titles.push((await t.graphql(`query ($slug: String!) { article(slug: $slug) { title } }`, { variables: { slug } })).data.article?.title);
    expect(titles).toEqual(["Żółw i żuraw", "Żółw i żuraw", "Żółw i żuraw"]);
  });

  it("never stores a guest email older than the retention period, which the sweep would only erase again", async () => {
    const article = await createArticle(t.prisma, { slug: "retention-import" });
    const day = 86_400_000;
    const comments = [comment("11", null, { createdAt: new Date(Date.now() - 400 * day) }), comment("12", null, { createdAt: new Date(Date.now() - day) })];
    await importComments(importSessionOf(t.app), { origin: "retention", articleId: article.id, comments });
    const rows = await t.prisma.comment.findMany({ where: { articleId: article.id }, orderBy: { id: "asc" }, select: { body: true, guestEmail: true } });
    expect(rows).toEqual([{ body: "Comment 11", guestEmail: null }, { body: "Comment 12", guestEmail: "ola@mail.example" }]);
  });
});
