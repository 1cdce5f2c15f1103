import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle, createSource } from "./helpers/fixtures.js";
import { ASKERS, outcome, roleHeaders } from "./helpers/newsroom.js";

const ERR = `... on Error { code message } ... on ValidationError { problems { path message } } ... on ConflictError { currentVersion }`;
const CITATION = `__typename ... on CitationPayload { version citation { id quote context blockIndex source { name } } } ${ERR}`;
const IMAGE = `__typename ... on ImagePayload { version image { id url altText width credit { name } } } ${ERR}`;
const ADD_CITATION = `mutation ($input: AddCitationInput!) { addCitation(input: $input) { ${CITATION} } }`;
const UPDATE_CITATION = `mutation ($input: UpdateCitationInput!) { updateCitation(input: $input) { ${CITATION} } }`;
const EDIT = `__typename ... on ArticleEditPayload { version article { id } } ${ERR}`;
const REMOVE_CITATION = `mutation ($input: RemoveCitationInput!) { removeCitation(input: $input) { ${EDIT} } }`;
const REORDER_CITATIONS = `mutation ($input: ReorderCitationsInput!) { reorderCitations(input: $input) { ${EDIT} } }`;
const CORRECT_CITATION = `mutation ($input: CorrectCitationInput!) { correctCitation(input: $input) { __typename ... on CorrectCitationPayload { version citation { quote } affectedArticles { id } } ${ERR} } }`;
const ADD_IMAGE = `mutation ($input: AddImageInput!) { addImage(input: $input) { ${IMAGE} } }`;
const UPDATE_IMAGE = `mutation ($input: UpdateImageInput!) { updateImage(input: $input) { ${IMAGE} } }`;
const REMOVE_IMAGE = `mutation ($input: RemoveImageInput!) { removeImage(input: $input) { ${EDIT} } }`;

/** A draft with two body blocks, one citation and one image, at version 1. */
async function draftWithMedia(t: TestApp, options: { createdById?: string | null; status?: "DRAFT" | "PUBLISHED"; body?: unknown[] } = {}) {
  const article = await createArticle(t.prisma, {
    status: options.status ?? "DRAFT",
    publishedAt: options.status === "PUBLISHED" ? new Date("2026-01-01T00:00:00Z") : null,
    createdById: options.createdById ?? null,
    body: (options.body ?? [{ type: "paragraph", text: "One." }, { type: "paragraph", text: "Two." }]) as never,
  });
  const source = await createSource(t.prisma, { name: "A Source" });
  const citation = await t.prisma.citation.create({ data: { articleId: article.id, sourceId: source.id, quote: "We will.", position: 0 } });
  const media = await t.prisma.media.create({ data: { url: "https://img.example/1.jpg", altText: "A harbour" } });
  await t.prisma.articleImage.create({ data: { articleId: article.id, mediaId: media.id, position: 0 } });
  return { article, source, citation, media, ids: { article: globalId("Article", article.id), source: globalId("Source", source.id), citation: globalId("Citation", citation.id), image: globalId("Image", media.id) } };
}

describe.each(providers)("editing an article's citations and images on %s", (provider) => {
  let t: TestApp;
  let as: Awaited<ReturnType<typeof roleHeaders>>;
  beforeAll(async () => {
    t = await createTestApp({ provider });
    as = await roleHeaders();
  });
  afterAll(() => t.close());

  type Fixture = Awaited<ReturnType<typeof draftWithMedia>>;
  const edits: { name: string; query: string; editorsOnly?: boolean; input: (f: Fixture) => Record<string, unknown> }[] = [
    { name: "addCitation", query: ADD_CITATION, input: (f) => ({ articleId: f.ids.article, version: 1, sourceId: f.ids.source, quote: "More.", blockIndex: 1 }) },
    { name: "updateCitation", query: UPDATE_CITATION, input: (f) => ({ id: f.ids.citation, version: 1, context: "press conference" }) },
    { name: "removeCitation", query: REMOVE_CITATION, input: (f) => ({ id: f.ids.citation, version: 1 }) },
    { name: "reorderCitations", query: REORDER_CITATIONS, input: (f) => ({ articleId: f.ids.article, version: 1, ids: [f.ids.citation] }) },
    { name: "correctCitation", query: CORRECT_CITATION, editorsOnly: true, input: (f) => ({ id: f.ids.citation, version: 1, quote: "We won't.", note: "An earlier version misquoted the source." }) },
    { name: "addImage", query: ADD_IMAGE, input: (f) => ({ articleId: f.ids.article, version: 1, url: "https://img.example/2.jpg", altText: "A boat", creditId: f.ids.source, width: 800, height: 600 }) },
    { name: "updateImage", query: UPDATE_IMAGE, input: (f) => ({ articleId: f.ids.article, imageId: f.ids.image, version: 1, caption: "At dawn." }) },
    { name: "removeImage", query: REMOVE_IMAGE, input: (f) => ({ articleId: f.ids.article, imageId: f.ids.image, version: 1 }) },
  ];

  it.each(edits.map((e) => [e.name, e] as const))("lets %s be run by an author on their own draft (unless editors only), editors and admins, and no one else", async (_name, edit) => {
    const seen: Record<string, string> = {};
    const attempt = async (label: string, headers: Record<string, string>, createdById: string) => {
      const fixture = await draftWithMedia(t, { createdById });
      seen[label] = await outcome(t, edit.query, { variables: { input: edit.input(fixture) }, headers });
    };
    for (const asker of ASKERS) await attempt(asker === "AUTHOR" ? "AUTHOR, own draft" : asker, as[asker], "author-user");
    await attempt("AUTHOR, someone else's draft", as.AUTHOR, "someone-else");
    expect(seen).toEqual({
      anonymous: "UNAUTHENTICATED",
      READER: "FORBIDDEN",
      "AUTHOR, own draft": edit.editorsOnly ? "FORBIDDEN" : "ok",
      "AUTHOR, someone else's draft": "FORBIDDEN",
      EDITOR: "ok",
      MODERATOR: "FORBIDDEN",
      ADMIN: "ok",
    });
  });

  it("lists every bad field of a citation at once, and writes nothing, not even the version", async () => {
    const f = await draftWithMedia(t);
    const { data } = await t.graphql(ADD_CITATION, {
      variables: { input: { articleId: f.ids.article, version: 1, sourceId: globalId("Source", 999_999), blockIndex: 7, position: -1 } },
      headers: as.EDITOR,
    });
    expect(data.addCitation.code).toBe("VALIDATION_FAILED");
    expect(data.addCitation.problems.map((p: { path: string[] }) => p.path.join("."))).toEqual(["sourceId", "blockIndex", "position"]);
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: f.article.id } })).version).toBe(1);
    expect(await t.prisma.citation.count({ where: { articleId: f.article.id } })).toBe(1);
    expect(await t.prisma.articleRevision.count({ where: { articleId: f.article.id } })).toBe(0);
  });

  it("lists every bad field of an image at once", async () => {
    const f = await draftWithMedia(t);
    const { data } = await t.graphql(ADD_IMAGE, {
      variables: { input: { articleId: f.ids.article, version: 1, url: "data:image/png;base64,AAAA", altText: "Dots", width: 0, height: -5, creditId: globalId("Source", 999_999), blockIndex: 2 } },
      headers: as.EDITOR,
    });
    expect(data.addImage.problems.map((p: { path: string[] }) => p.path.join("."))).toEqual(["url", "width", "height", "creditId", "blockIndex"]);
    expect(await t.prisma.media.count({ where: { url: { startsWith: "data:" } } })).toBe(0);
  });

  it("refuses an edit made on a stale version with the current one, and keeps the colleague's edit", async () => {
    const f = await draftWithMedia(t);
    const first = await t.graphql(UPDATE_CITATION, { variables: { input: { id: f.ids.citation, version: 1, context: "interview" } }, headers: as.EDITOR });
    expect(first.data.updateCitation).toMatchObject({ version: 2, citation: { context: "interview" } });
    const stale = await t.graphql(UPDATE_CITATION, { variables: { input: { id: f.ids.citation, version: 1, context: "speech" } }, headers: as.EDITOR });
    expect(stale.data.updateCitation).toMatchObject({ __typename: "ConflictError", code: "CONFLICT", currentVersion: 2 });
    expect((await t.prisma.citation.findUniqueOrThrow({ where: { id: f.citation.id } })).context).toBe("interview");
    const image = await t.graphql(UPDATE_IMAGE, { variables: { input: { articleId: f.ids.article, imageId: f.ids.image, version: 1, width: 10 } }, headers: as.EDITOR });
    expect(image.data.updateImage).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
  });

  it("records each edit as a revision with the list before and after, and tells live readers of a public article", async () => {
    const f = await draftWithMedia(t, { status: "PUBLISHED" });
    const added = await t.graphql(ADD_CITATION, { variables: { input: { articleId: f.ids.article, version: 1, sourceId: f.ids.source, quote: "Soon.", context: "rally", blockIndex: 0 } }, headers: as.EDITOR });
    expect(added.data.addCitation).toMatchObject({ version: 2, citation: { quote: "Soon.", context: "rally", blockIndex: 0, source: { name: "A Source" } } });
    const revision = await t.prisma.articleRevision.findFirstOrThrow({ where: { articleId: f.article.id } });
    expect(revision).toMatchObject({ version: 2, kind: "EDITED", actorId: "editor-user", fields: ["citations"] });
    expect((revision.before as { citations: unknown[] }).citations).toHaveLength(1);
    expect((revision.after as { citations: { quote: string }[] }).citations.map((c) => c.quote)).toEqual(["We will.", "Soon."]);
    const events = await t.prisma.articleEvent.findMany({ where: { articleId: f.article.id } });
    expect(events.map((e) => [e.kind, e.revisionId])).toEqual([["UPDATED", revision.id]]);

    const newId = added.data.addCitation.citation.id;
    const reordered = await t.graphql(REORDER_CITATIONS, { variables: { input: { articleId: f.ids.article, version: 2, ids: [newId, f.ids.citation] } }, headers: as.EDITOR });
    expect(reordered.data.reorderCitations.version).toBe(3);
    const order = await t.prisma.citation.findMany({ where: { articleId: f.article.id }, orderBy: { position: "asc" }, select: { quote: true } });
    expect(order.map((c) => c.quote)).toEqual(["Soon.", "We will."]);

    const draft = await draftWithMedia(t);
    await t.graphql(ADD_IMAGE, { variables: { input: { articleId: draft.ids.article, version: 1, url: "https://img.example/3.jpg", altText: "A crowd" } }, headers: as.EDITOR });
    const imageRevision = await t.prisma.articleRevision.findFirstOrThrow({ where: { articleId: draft.article.id } });
    expect(imageRevision.fields).toEqual(["images"]);
    expect((imageRevision.after as { images: { url: string }[] }).images.map((i) => i.url)).toEqual(["https://img.example/1.jpg", "https://img.example/3.jpg"]);
    expect(await t.prisma.articleEvent.count({ where: { articleId: draft.article.id } })).toBe(0);
  });

  it("keeps a citation a quote block names, and an image an image block shows", async () => {
    const f = await draftWithMedia(t);
    const placement = await t.prisma.articleImage.findFirstOrThrow({ where: { articleId: f.article.id } });
    await t.prisma.article.update({ where: { id: f.article.id }, data: { body: [{ type: "quote", text: "We will.", citationId: f.citation.id }, { type: "image", imageId: placement.id }] } });
    const citation = await t.graphql(REMOVE_CITATION, { variables: { input: { id: f.ids.citation, version: 1 } }, headers: as.EDITOR });
    expect(citation.data.removeCitation.problems).toEqual([{ path: ["id"], message: "Quote block 0 cites this citation: change the body first." }]);
    const image = await t.graphql(REMOVE_IMAGE, { variables: { input: { articleId: f.ids.article, imageId: f.ids.image, version: 1 } }, headers: as.EDITOR });
    expect(image.data.removeImage.problems[0].path).toEqual(["imageId"]);
    expect(await t.prisma.citation.count({ where: { id: f.citation.id } })).toBe(1);
  });

  it("corrects a published quote with a public note, and lists every other article that used the same quote of the same source", async () => {
    const f = await draftWithMedia(t, { status: "PUBLISHED" });
    const reused = await createArticle(t.prisma);
    const reusedDraft = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null });
    const unrelated = await createArticle(t.prisma);
    await t.prisma.citation.createMany({
      data: [
        { articleId: reused.id, sourceId: f.source.id, quote: "We will." },
        { articleId: reusedDraft.id, sourceId: f.source.id, quote: "We will." },
        { articleId: unrelated.id, sourceId: f.source.id, quote: "Something else." },
      ],
    });
    const note = "An earlier version misquoted the minister.";
    const { data } = await t.graphql(CORRECT_CITATION, { variables: { input: { id: f.ids.citation, version: 1, quote: "We won't.", note } }, headers: as.EDITOR });
    expect(data.correctCitation).toEqual({
      __typename: "CorrectCitationPayload",
      version: 2,
      citation: { quote: "We won't." },
      affectedArticles: [{ id: globalId("Article", reused.id) }, { id: globalId("Article", reusedDraft.id) }],
    });
    const revision = await t.prisma.articleRevision.findFirstOrThrow({ where: { articleId: f.article.id } });
    expect(revision).toMatchObject({ kind: "CORRECTED", note, fields: ["citations"] });
    expect((await t.prisma.articleEvent.findMany({ where: { articleId: f.article.id } })).map((e) => e.kind)).toEqual(["CORRECTED"]);
  });
});
