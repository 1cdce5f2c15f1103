import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../src/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { bearer, globalId } from "./helpers/auth.js";
import { providers } from "./helpers/databases.js";
import { createArticle, createAuthor } from "./helpers/fixtures.js";

const ERRORS = `... on Error { code message } ... on ValidationError { problems { path message } } ... on ConflictError { currentVersion }`;
const PAYLOAD = `... on ArticlePayload { article { id slug title status version } } ${ERRORS}`;
const mutation = (name: string, input: string) =>
  `mutation ($id: ID!, $version: Int!) { ${name}(input: { id: $id, version: $version ${input} }) { ${name === "deleteArticle" ? `... on DeleteArticlePayload { deletedArticleId } ${ERRORS}` : PAYLOAD} } }`;

type Viewer = "anonymous" | "reader" | "own author" | "other author" | "editor" | "moderator" | "admin";
const VIEWERS: Viewer[] = ["anonymous", "reader", "own author", "other author", "editor", "moderator", "admin"];
const roles: Record<Exclude<Viewer, "anonymous">, { roles: Role[]; subject: string }> = {
  reader: { roles: ["READER"], subject: "reader-1" },
  "own author": { roles: ["AUTHOR"], subject: "author-own" },
  "other author": { roles: ["AUTHOR"], subject: "author-other" },
  editor: { roles: ["EDITOR"], subject: "editor-1" },
  moderator: { roles: ["MODERATOR"], subject: "moderator-1" },
  admin: { roles: ["ADMIN"], subject: "admin-1" },
};
const headersOf = async (viewer: Viewer): Promise<Record<string, string>> => (viewer === "anonymous" ? {} : { authorization: await bearer({ ...roles[viewer], name: viewer }) });

const OK = "ok";
const DENIED = { anonymous: "UNAUTHENTICATED", reader: "FORBIDDEN", "other author": "FORBIDDEN", moderator: "FORBIDDEN" } as const;
const editorsOnly = { ...DENIED, "own author": "FORBIDDEN", editor: OK, admin: OK };
const authorsToo = { ...DENIED, "own author": OK, editor: OK, admin: OK };

/** Each mutation, the state its article starts in, and who may run it. */
const MATRIX: { name: string; input: string; status: "DRAFT" | "PUBLISHED"; allowed: Record<Viewer, string> }[] = [
  { name: "updateArticle", input: `, title: "Retitled"`, status: "DRAFT", allowed: authorsToo },
  { name: "submitArticle", input: "", status: "DRAFT", allowed: authorsToo },
  { name: "deleteArticle", input: "", status: "DRAFT", allowed: authorsToo },
  { name: "publishArticle", input: "", status: "DRAFT", allowed: editorsOnly },
  { name: "unpublishArticle", input: "", status: "PUBLISHED", allowed: editorsOnly },
  { name: "archiveArticle", input: "", status: "PUBLISHED", allowed: editorsOnly },
  { name: "setArticleEmbargo", input: `, embargoUntil: "2099-01-01T00:00:00Z"`, status: "DRAFT", allowed: editorsOnly },
  { name: "correctArticle", input: `, note: "An earlier version misspelt a name."`, status: "PUBLISHED", allowed: editorsOnly },
];

/** A refusal's code: a typed error in the payload, or a GraphQL error raised before the resolver (sign-in and role). */
const codeOf = (response: { data?: any; errors?: readonly { extensions?: Record<string, unknown> }[] }, name: string): string | undefined =>
  response.data?.[name]?.code ?? (response.errors?.[0]?.extensions?.code as string | undefined);

describe.each(providers)("newsroom article writes on %s", (provider) => {
  let t: TestApp;
  const as = async (viewer: Viewer, query: string, variables?: Record<string, unknown>) => t.graphql(query, { variables, headers: await headersOf(viewer) });
  const editor = (query: string, variables?: Record<string, unknown>) => as("editor", query, variables);

  beforeAll(async () => {
    t = await createTestApp({ provider });
    await createAuthor(t.prisma, { slug: "own-author", name: "Own Author", userId: "author-own" });
  });
  afterAll(() => t.close());

  describe("the role matrix: every article mutation tried by every role", () => {
    for (const row of MATRIX) {
      it.each(VIEWERS)(`${row.name} by %s`, async (viewer) => {
        const article = await createArticle(t.prisma, { status: row.status, createdById: "author-own", publishedAt: row.status === "PUBLISHED" ? new Date("2026-01-01T00:00:00Z") : null });
        const response = await as(viewer, mutation(row.name, row.input), { id: globalId("Article", article.id), version: 1 });
        const expected = row.allowed[viewer];
        expect(codeOf(response, row.name) ?? OK, JSON.stringify(response)).toBe(expected);
        const stored = await t.prisma.article.findUnique({ where: { id: article.id } });
        if (expected !== OK) expect(stored?.version).toBe(1);
      });
    }

    it.each(VIEWERS.filter((viewer) => viewer !== "other author"))("createArticle by %s", async (viewer) => {
      const response = await as(viewer, `mutation { createArticle(input: { title: "A new draft" }) { ${PAYLOAD} } }`);
      const expected = { ...authorsToo, "own author": OK }[viewer];
      expect(codeOf(response, "createArticle") ?? OK).toBe(expected);
      if (expected === OK) expect(response.data?.createArticle.article).toMatchObject({ status: "DRAFT", version: 1 });
    });

    it("lets an author edit their draft only while it is a draft, and by byline as well as by creation", async () => {
      const article = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null });
      const author = await t.prisma.author.findFirstOrThrow({ where: { userId: "author-own" } });
      await t.prisma.byline.create({ data: { articleId: article.id, authorId: author.id, position: 0 } });
      const edit = (version: number) => as("own author", mutation("updateArticle", `, title: "By the byline"`), { id: globalId("Article", article.id), version });
      expect((await edit(1)).data.updateArticle.article.title).toBe("By the byline");
      await editor(mutation("publishArticle", ""), { id: globalId("Article", article.id), version: 2 });
      expect(codeOf(await edit(3), "updateArticle")).toBe("FORBIDDEN");
    });
  });

  it("creates a draft with a body, byline and topics, a unique slug made from the title, and revision 1", async () => {
    const author = await createAuthor(t.prisma);
    const topic = await t.prisma.topic.create({ data: { slug: "elections-x", name: "Elections" } });
    const create = (title: string) =>
      editor(`mutation ($input: CreateArticleInput!) { createArticle(input: $input) { ${PAYLOAD} ... on ArticlePayload { article { authors { name } topics { slug } body { __typename ... on HeadingBlock { level text } } } } } }`, {
        input: { title, dateline: "GENEVA", body: [{ type: "HEADING", text: "Talks", level: 2 }, { type: "PARAGRAPH", text: "Ministers met." }], byline: [{ authorId: globalId("Author", author.id) }], topicIds: [globalId("Topic", topic.id)] },
      });
    const first = (await create("Talks resume in Génève!")).data.createArticle.article;
    expect(first).toMatchObject({ slug: "talks-resume-in-geneve", status: "DRAFT", version: 1, authors: [{ name: author.name }], topics: [{ slug: "elections-x" }] });
    expect(first.body).toEqual([{ __typename: "HeadingBlock", level: 2, text: "Talks" }, { __typename: "ParagraphBlock" }]);
    expect((await create("Talks resume in Génève!")).data.createArticle.article.slug).toBe("talks-resume-in-geneve-2");
    const revisions = await t.prisma.articleRevision.findMany({ where: { articleId: Number(Buffer.from(first.id, "base64url").toString().split(":")[1]) } });
    expect(revisions).toMatchObject([{ version: 1, kind: "CREATED", actorName: "editor" }]);
  });

  it("gives concurrent drafts of one title distinct slugs, never an unexpected error", async () => {
    const title = `Race for the slug ${provider}`;
    const results = await Promise.all(Array.from({ length: 6 }, () => editor(`mutation { createArticle(input: { title: "${title}" }) { ${PAYLOAD} } }`)));
    const slugs = results.map((result) => result.data?.createArticle.article?.slug);
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    expect(new Set(slugs).size).toBe(6);
    expect(slugs).toContain(`race-for-the-slug-${provider}`);
  });

  it("lists every bad field with its path in one typed error, and writes nothing", async () => {
    const article = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null });
    const result = await editor(`mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { ${PAYLOAD} } }`, {
      input: {
        id: globalId("Article", article.id),
        version: 1,
        slug: "Not A Slug",
        body: [{ type: "PARAGRAPH", text: "fine" }, { type: "HEADING", text: "", level: 9 }, { type: "IMAGE", imageId: globalId("Image", 999999) }],
        byline: [{ authorId: "nonsense" }],
        topicIds: [globalId("Topic", 999999)],
      },
    });
    const error = result.data.updateArticle;
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.problems.map((problem: { path: string[] }) => problem.path.join("."))).toEqual(
      expect.arrayContaining(["slug", "body.1.text", "body.1.level", "body.2.imageId", "byline.0.authorId", "topicIds.0"]),
    );
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).version).toBe(1);
    expect(await t.prisma.articleRevision.count({ where: { articleId: article.id } })).toBe(0);
  });

  it("keeps an imported HTML block through an edit of the body, and refuses markup it does not hold, writing nothing", async () => {
    // As an import stores it: markup that no other block holds, with CRLF line breaks and a decomposed accent.
    const markup = "<ul>\r\n<li>Cafe\u0301</li>\r\n</ul>";
    const article = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null });
    await t.prisma.article.update({ where: { id: article.id }, data: { body: [{ type: "paragraph", text: "Before" }, { type: "html", html: markup }] } });
    const id = globalId("Article", article.id);
    const read = await editor(`query ($id: ID!) { node(id: $id) { ... on Article { body { __typename ... on HtmlBlock { html } } } } }`, { id });
    const held = read.data.node.body.find((block: { __typename: string }) => block.__typename === "HtmlBlock").html;
    const update = (body: unknown[]) => editor(`mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { ${PAYLOAD} } }`, { input: { id, version: 1, body } });

    const refused = (await update([{ type: "PARAGRAPH", text: "After" }, { type: "HTML", html: "<script>alert(1)</script>" }])).data.updateArticle;
    expect(refused.code).toBe("VALIDATION_FAILED");
    expect(refused.problems.map((problem: { path: string[] }) => problem.path.join("."))).toEqual(["body.1.html"]);
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).version).toBe(1);

    const kept = (await update([{ type: "HTML", html: held }, { type: "PARAGRAPH", text: "After" }])).data.updateArticle;
    expect(kept.article.version).toBe(2);
    const stored = await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } });
    expect(stored.body).toEqual([{ type: "html", html: markup }, { type: "paragraph", text: "After" }]);
  });

  it("keeps by its key an imported HTML block no text input could carry back (250,000 characters, a DEL and a C1 control inside)", async () => {
    const table = `<table>${"<tr><td>cell</td></tr>".repeat(12_000)}</table><p>a\u007fb\u0085c</p>`;
    expect(table.length).toBeGreaterThan(200_000);
    const article = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null, body: [{ type: "html", html: table }, { type: "paragraph", text: "Before" }] });
    const id = globalId("Article", article.id);
    const read = await editor(`query ($id: ID!) { node(id: $id) { ... on Article { body { ... on HtmlBlock { key } } } } }`, { id });
    const key = read.data.node.body[0].key;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const update = (body: unknown[], version: number) => editor(`mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { ${PAYLOAD} } }`, { input: { id, version, body } });

    const unknown = (await update([{ type: "HTML", htmlKey: "0".repeat(64) }], 1)).data.updateArticle;
    expect(unknown.problems.map((problem: { path: string[] }) => problem.path.join("."))).toEqual(["body.0.htmlKey"]);
    expect((await update([{ type: "PARAGRAPH", text: "After" }, { type: "HTML", htmlKey: key }], 1)).data.updateArticle.article.version).toBe(2);
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).body).toEqual([{ type: "paragraph", text: "After" }, { type: "html", html: table }]);
  });

  it("lists several bad text fields at once, each with its path", async () => {
    const article = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null });
    const result = await editor(`mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { ${PAYLOAD} } }`, {
      input: { id: globalId("Article", article.id), version: 1, title: "x".repeat(301), dateline: "two\nlines", body: [{ type: "PARAGRAPH", text: "ok" }, { type: "PARAGRAPH", text: "bad \u0000" }] },
    });
    expect(result.data.updateArticle.problems.map((problem: { path: string[] }) => problem.path.join("."))).toEqual(["title", "dateline", "body.1.text"]);
  });

  it("lists bad text and every other bad field together, in one error", async () => {
    const result = await editor(`mutation ($input: CreateArticleInput!) { createArticle(input: $input) { ${PAYLOAD} } }`, {
      input: { title: "", excerpt: "bad \u0000", slug: "Bad Slug!!", body: [{ type: "PARAGRAPH" }, { type: "HEADING", text: "x", level: 9 }], byline: [{ authorId: "nope" }] },
    });
    const paths = result.data.createArticle.problems.map((problem: { path: string[] }) => problem.path.join("."));
    expect(paths).toEqual(["title", "excerpt", "slug", "byline.0.authorId", "body.0.text", "body.1.level"]);
  });

  it("refuses an edit of a stale version with the current one, and keeps the colleague's edit", async () => {
    const article = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null });
    const variables = { id: globalId("Article", article.id), version: 1 };
    expect((await editor(mutation("updateArticle", `, title: "First editor"`), variables)).data.updateArticle.article.version).toBe(2);
    const stale = (await editor(mutation("updateArticle", `, title: "Second editor"`), variables)).data.updateArticle;
    expect(stale).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).title).toBe("First editor");
  });

  it("lets two editors race on one version: exactly one wins, the other gets a conflict", async () => {
    const article = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null });
    const variables = { id: globalId("Article", article.id), version: 1 };
    const results = await Promise.all(["One", "Two", "Three"].map((title) => editor(mutation("updateArticle", `, title: "${title}"`), variables)));
    const outcomes = results.map((result) => result.data.updateArticle.code ?? "ok").sort();
    expect(outcomes).toEqual(["CONFLICT", "CONFLICT", "ok"]);
    expect(await t.prisma.articleRevision.count({ where: { articleId: article.id } })).toBe(1);
  });

  it("keeps an old slug resolving after a rename, and refuses a slug another article holds or held", async () => {
    const article = await createArticle(t.prisma, { status: "PUBLISHED", slug: "old-name-x" });
    const other = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null });
    await editor(mutation("updateArticle", `, slug: "new-name-x"`), { id: globalId("Article", article.id), version: 1 });
    const read = async (slug: string) => (await t.graphql(`{ article(slug: "${slug}") { slug } }`)).data.article;
    expect(await read("old-name-x")).toEqual({ slug: "new-name-x" });
    expect(await read("new-name-x")).toEqual({ slug: "new-name-x" });
    const taken = await editor(mutation("updateArticle", `, slug: "old-name-x"`), { id: globalId("Article", other.id), version: 1 });
    expect(taken.data.updateArticle.problems).toEqual([{ path: ["slug"], message: "Another article has (or had) this slug." }]);
    await editor(mutation("updateArticle", `, slug: "old-name-x"`), { id: globalId("Article", article.id), version: 2 });
    expect(await read("new-name-x")).toEqual({ slug: "old-name-x" });
    expect(await read("old-name-x")).toEqual({ slug: "old-name-x" });
  });

  it("never tells anyone a draft's working slug, even once the article is published", async () => {
    const draft = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null, slug: "ceo-to-resign-x" });
    await editor(mutation("updateArticle", `, slug: "quarterly-results-x"`), { id: globalId("Article", draft.id), version: 1 });
    await editor(mutation("publishArticle", ""), { id: globalId("Article", draft.id), version: 2 });
    expect((await t.graphql(`{ article(slug: "quarterly-results-x") { slug } }`)).data.article).toEqual({ slug: "quarterly-results-x" });
    expect((await t.graphql(`{ article(slug: "ceo-to-resign-x") { slug } }`)).data.article).toBeNull();
    const other = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null });
    const reused = await editor(mutation("updateArticle", `, slug: "ceo-to-resign-x"`), { id: globalId("Article", other.id), version: 1 });
    expect(reused.data.updateArticle.article.slug).toBe("ceo-to-resign-x");
  });

  it("records who changed which fields, before and after; editors read revisions and a diff of two versions", async () => {
    const article = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null, title: "Version one" });
    const id = globalId("Article", article.id);
    await editor(mutation("updateArticle", `, title: "Version two"`), { id, version: 1 });
    await editor(mutation("updateArticle", `, excerpt: "Now with an excerpt"`), { id, version: 2 });
    await editor(mutation("updateArticle", `, title: "Version four"`), { id, version: 3 });
    const HISTORY = `query ($id: ID!) { node(id: $id) { ... on Article { revisions(first: 10) { totalCount nodes { version kind actorName fields changes { field before after } } } revisionDiff(from: 1, to: 4) { field before after textChanges { kind text } } } } }`;
    const history = (await editor(HISTORY, { id })).data.node;
    expect(history.revisions.totalCount).toBe(3);
    expect(history.revisions.nodes[0]).toMatchObject({ version: 4, kind: "EDITED", actorName: "editor", fields: ["title"], changes: [{ field: "title", before: '"Version two"', after: '"Version four"' }] });
    expect(history.revisionDiff.map((change: { field: string }) => change.field)).toEqual(["excerpt", "title"]);
    expect(history.revisionDiff[1]).toMatchObject({ before: '"Version one"', after: '"Version four"' });
    expect(history.revisionDiff[1].textChanges).toEqual([{ kind: "UNCHANGED", text: "Version " }, { kind: "REMOVED", text: "one" }, { kind: "ADDED", text: "four" }]);
    const asAuthor = await as("own author", HISTORY, { id });
    expect(asAuthor.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("writes nothing for an edit that changes nothing", async () => {
    const article = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null, title: "Same" });
    const result = await editor(mutation("updateArticle", `, title: "Same"`), { id: globalId("Article", article.id), version: 1 });
    expect(result.data.updateArticle.article.version).toBe(1);
    expect(await t.prisma.articleRevision.count({ where: { articleId: article.id } })).toBe(0);
  });

  it("takes a draft through review to publication, and a published one back, refusing steps its state does not allow", async () => {
    const article = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null, createdById: "author-own" });
    const step = async (viewer: Viewer, name: string, version: number, input = "") => (await as(viewer, mutation(name, input), { id: globalId("Article", article.id), version })).data[name];
    expect((await step("own author", "submitArticle", 1)).article.status).toBe("IN_REVIEW");
    expect((await step("own author", "submitArticle", 2)).code).toBe("INVALID_TRANSITION");
    expect((await step("editor", "publishArticle", 2)).article.status).toBe("PUBLISHED");
    expect((await t.graphql(`{ node(id: "${globalId("Article", article.id)}") { id } }`)).data.node).not.toBeNull();
    expect((await step("editor", "publishArticle", 3)).code).toBe("INVALID_TRANSITION");
    expect((await step("editor", "deleteArticle", 3)).code).toBe("INVALID_TRANSITION");
    expect((await step("editor", "unpublishArticle", 3)).article.status).toBe("DRAFT");
    expect((await t.graphql(`{ node(id: "${globalId("Article", article.id)}") { id } }`)).data.node).toBeNull();
    expect((await step("editor", "archiveArticle", 4)).article.status).toBe("ARCHIVED");
    const kinds = (await t.prisma.articleRevision.findMany({ where: { articleId: article.id }, orderBy: { version: "asc" } })).map((revision) => revision.kind);
    expect(kinds).toEqual(["SUBMITTED", "PUBLISHED", "UNPUBLISHED", "ARCHIVED"]);
    const events = (await t.prisma.articleEvent.findMany({ where: { articleId: article.id }, orderBy: { position: "asc" } })).map((event) => event.kind);
    expect(events).toEqual(["PUBLISHED", "UNPUBLISHED"]);
  });

  it("schedules a publication for later, and never publishes before an embargo", async () => {
    const article = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null });
    const id = globalId("Article", article.id);
    const later = new Date(Date.now() + 3_600_000).toISOString();
    await editor(mutation("setArticleEmbargo", `, embargoUntil: "${later}"`), { id, version: 1 });
    const published = (await editor(mutation("publishArticle", ""), { id, version: 2 })).data.publishArticle.article;
    expect(published.status).toBe("SCHEDULED");
    const stored = await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } });
    expect(stored.publishedAt?.toISOString()).toBe(later);
    expect(stored.publicationPending).toBe(true);
    expect((await t.graphql(`{ node(id: "${id}") { id } }`)).data.node).toBeNull();
    expect(await t.prisma.articleEvent.count({ where: { articleId: article.id } })).toBe(0);
  });

  it("holds a public article back when an embargo is set after it went out", async () => {
    const article = await createArticle(t.prisma, { status: "PUBLISHED" });
    const id = globalId("Article", article.id);
    await editor(mutation("setArticleEmbargo", `, embargoUntil: "${new Date(Date.now() + 3_600_000).toISOString()}"`), { id, version: 1 });
    expect((await t.graphql(`{ node(id: "${id}") { id } }`)).data.node).toBeNull();
    expect((await t.prisma.articleEvent.findMany({ where: { articleId: article.id } })).map((event) => event.kind)).toEqual(["UNPUBLISHED"]);
  });

  it("publishes corrections with their public note, in order, and announces them", async () => {
    const article = await createArticle(t.prisma, { status: "PUBLISHED", title: "Minister says talks failed" });
    const id = globalId("Article", article.id);
    await editor(`mutation { correctArticle(input: { id: "${id}", version: 1, note: "An earlier version misattributed a quote to the minister.", title: "Spokesman says talks failed" }) { ${PAYLOAD} } }`);
    await editor(`mutation { correctArticle(input: { id: "${id}", version: 2, note: "The dateline was wrong." , dateline: "BERN" }) { ${PAYLOAD} } }`);
    const read = (await t.graphql(`{ node(id: "${id}") { ... on Article { title dateline corrections { note version } } } }`)).data.node;
    expect(read).toEqual({
      title: "Spokesman says talks failed",
      dateline: "BERN",
      corrections: [
        { note: "An earlier version misattributed a quote to the minister.", version: 2 },
        { note: "The dateline was wrong.", version: 3 },
      ],
    });
    expect((await t.prisma.articleEvent.findMany({ where: { articleId: article.id } })).map((event) => event.kind)).toEqual(["CORRECTED", "CORRECTED"]);
    const draft = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null });
    const refused = await editor(`mutation { correctArticle(input: { id: "${globalId("Article", draft.id)}", version: 1, note: "No." }) { ${PAYLOAD} } }`);
    expect(refused.data.correctArticle.code).toBe("INVALID_TRANSITION");
  });

  it("announces an edit of a public article as an UPDATED event, and not an edit of a draft", async () => {
    const [live, draft] = [await createArticle(t.prisma, { status: "PUBLISHED" }), await createArticle(t.prisma, { status: "DRAFT", publishedAt: null })];
    for (const article of [live, draft]) {
      await editor(`mutation { updateArticle(input: { id: "${globalId("Article", article.id)}", version: 1, body: [{ type: PARAGRAPH, text: "First." }, { type: PARAGRAPH, text: "New block." }] }) { ${PAYLOAD} } }`);
    }
    expect((await t.prisma.articleEvent.findMany({ where: { articleId: live.id } })).map((event) => event.kind)).toEqual(["UPDATED"]);
    expect(await t.prisma.articleEvent.count({ where: { articleId: draft.id } })).toBe(0);
  });

  it("deletes a draft with its revisions", async () => {
    const article = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null, createdById: "author-own" });
    const id = globalId("Article", article.id);
    await as("own author", mutation("updateArticle", `, title: "Changed"`), { id, version: 1 });
    const deleted = (await as("own author", mutation("deleteArticle", ""), { id, version: 2 })).data.deleteArticle;
    expect(deleted).toEqual({ deletedArticleId: id });
    expect(await t.prisma.article.findUnique({ where: { id: article.id } })).toBeNull();
    expect(await t.prisma.articleRevision.count({ where: { articleId: article.id } })).toBe(0);
  });

  it.each(["+010000-01-01T00:00:00Z", "+275760-09-13T00:00:00.000Z", "-000001-01-01T00:00:00Z"])("refuses a time %s no database can store, before writing anything", async (time) => {
    const article = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null });
    const id = globalId("Article", article.id);
    for (const [name, input] of [["publishArticle", `, publishAt: "${time}"`], ["setArticleEmbargo", `, embargoUntil: "${time}"`]] as const) {
      const result = await editor(mutation(name, input), { id, version: 1 });
      expect(result.errors?.[0]?.message).toMatch(/years 1 to 9999/);
      expect(result.errors?.[0]?.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
    }
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).version).toBe(1);
  });

  it("answers an unknown article and a malformed id with typed errors, never a 500", async () => {
    const missing = await editor(mutation("updateArticle", `, title: "x"`), { id: globalId("Article", 999999), version: 1 });
    expect(missing.data.updateArticle.code).toBe("NOT_FOUND");
    const malformed = await editor(mutation("publishArticle", ""), { id: "not-an-id", version: 1 });
    expect(malformed.status).toBe(200);
    expect(malformed.data.publishArticle.code).toBe("INVALID_ID");
  });
});
