import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";

const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { __typename ... on AddCommentPayload { editKey comment { id body authorName } } ... on Error { code message } ... on ValidationError { field } } }`;
const EDIT = `mutation ($input: EditCommentInput!) { editComment(input: $input) { __typename ... on CommentPayload { comment { body } } ... on Error { code } ... on ValidationError { field } } }`;
const MODERATE = `mutation ($input: ModerateCommentInput!) { moderateComment(input: $input) { __typename ... on Error { code } ... on ValidationError { field } } }`;
const SEARCH = `query ($search: String) { articles(first: 100, filter: { search: $search }) { totalCount nodes { title } } }`;
const guest = { name: "Text Tester", email: "text.tester@example.org" };

// A family (7 code points), a flag (2), a kiss with skin tones (10), a heart with its selector (2), a face (1).
const EMOJI = ["👨‍👩‍👧‍👦", "🇫🇷", "👩🏻‍❤️‍💋‍👨🏼", "❤️", "😀"];
const emoji = (count: number) => Array.from({ length: count }, (_, i) => EMOJI[i % EMOJI.length]).join("");

describe.each(providers)("text input on %s", (provider) => {
  let t: TestApp;
  let articleId: string;
  beforeAll(async () => {
    t = await createTestApp({ provider });
    articleId = globalId("Article", (await createArticle(t.prisma, { title: "Café society returns" })).id);
  });
  afterAll(() => t.close());

  const add = async (input: Record<string, unknown>) => (await t.graphql(ADD, { variables: { input: { articleId, guest, ...input } } })).data.addComment;
  const refusal = async (input: Record<string, unknown>) => {
    const result = await add(input);
    return result.__typename === "ValidationError" ? `${result.code} ${result.field}` : result.__typename;
  };

  it("stores bodies and names in NFC, with line breaks as LF, spaces in names collapsed, and tabs kept", async () => {
    const posted = await add({ body: "Cafe\u0301\r\nsecond line\r\tindented", guest: { name: "  Zoe\u0308   \u00a0 Q.  ", email: "z@example.org" } });
    expect(posted.comment).toMatchObject({ body: "Café\nsecond line\n\tindented", authorName: "Zoë Q." });
    const row = await t.prisma.comment.findFirstOrThrow({ where: { authorName: "Zoë Q." } });
    expect(row.body).toBe("Café\nsecond line\n\tindented");
  });

  it("refuses bodies empty to the eye, and control characters other than tab and line feed", async () => {
    const before = await t.prisma.comment.count();
    const bodies = ["", "   \n\t ", "\u200b\u200c\u200d", "\u2060\ufeff", "\u3164\u3164", "\u115f\u1160\uffa0", "\u00ad\u034f", "\u0301\u0308", "\ufe0f\u{e0100}", "\u2800 \u3000", "hi\u0007", "bell\u001b[31m", "next\u0085line", "del\u007f"];
    for (const body of bodies) expect([body, await refusal({ body })]).toEqual([body, "VALIDATION_FAILED body"]);
    expect(await t.prisma.comment.count()).toBe(before);
  });

  it("refuses names with direction overrides, isolates, marks, hidden characters or line breaks, and keeps emoji sequences", async () => {
    const names = ["\u202eEvil", "Ad\u202dmin", "A\u2066B\u2069", "A\u200fB", "Ad\u200bmin", "Ad\u00admin", "Line\nbreak", "Tab\there", "\u3164", "\u200e", "   ",
      // Tag characters, blank Braille, the Mongolian vowel separator, noncharacters, line and paragraph separators.
      "A\u{e0041}\u{e0042}dmin", "Ann\u2800e", "Ann\u180ee", "Ann\uffffe", "Ann\u2028e", "Ann\u2029e"];
    for (const name of names) expect([name, await refusal({ body: "hello", guest: { name, email: "n@example.org" } })]).toEqual([name, "VALIDATION_FAILED guest.name"]);
    // Joiners and variation selectors stay: emoji and scripts need them.
    expect((await add({ body: "hello", guest: { name: "👩‍💻 Dev ❤️", email: "d@example.org" } })).comment.authorName).toBe("👩‍💻 Dev ❤️");
    expect((await add({ body: "hello", guest: { name: "Fan 🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}", email: "f@example.org" } })).comment.authorName).toMatch(/^Fan 🏴/u);
  });

  it("counts lengths in grapheme clusters: 2,600 and 5,000 emoji fit a body, 5,001 do not", async () => {
    expect((await add({ body: emoji(2600) })).comment.body).toBe(emoji(2600));
    expect((await add({ body: emoji(5000) })).__typename).toBe("AddCommentPayload");
    expect(await refusal({ body: emoji(5001) })).toBe("VALIDATION_FAILED body");
    expect(await refusal({ body: "x".repeat(5001) })).toBe("VALIDATION_FAILED body");
    expect((await add({ body: "x".repeat(5000) })).__typename).toBe("AddCommentPayload");
    expect((await add({ body: "é".repeat(5000), guest: { name: "é".repeat(80), email: "e@example.org" } })).__typename).toBe("AddCommentPayload");
    expect(await refusal({ body: "hi", guest: { name: "🇫🇷".repeat(81), email: "e@example.org" } })).toBe("VALIDATION_FAILED guest.name");
  });

  it("refuses a character stacking more than 32 code points, and takes one of 32", async () => {
    expect((await add({ body: `Z${"\u0336".repeat(31)}algo` })).__typename).toBe("AddCommentPayload");
    expect(await refusal({ body: `Z${"\u0336".repeat(32)}algo` })).toBe("VALIDATION_FAILED body");
    expect(await refusal({ body: `${"👨‍".repeat(20)}👨` })).toBe("VALIDATION_FAILED body");
  });

  it("refuses NUL and lone surrogates in every text input, on mutations and queries alike, and writes nothing", async () => {
    const posted = await add({ body: "to be edited" });
    const moderator = { authorization: await bearer({ name: "Mo", roles: ["MODERATOR"] }) };
    const before = { comments: await t.prisma.comment.count(), edits: await t.prisma.commentEdit.count(), log: await t.prisma.moderationAction.count() };
    for (const bad of ["a\u0000b", "\u0000", "a\ud800b"]) {
      expect(await refusal({ body: bad })).toBe("VALIDATION_FAILED body");
      expect(await refusal({ body: "ok", guest: { name: bad, email: "n@example.org" } })).toBe("VALIDATION_FAILED guest.name");
      expect(await refusal({ body: "ok", guest: { name: "N", email: `n${bad}@example.org` } })).toBe("VALIDATION_FAILED guest.email");
      const edit = await t.graphql(EDIT, { variables: { input: { id: posted.comment.id, body: bad, editKey: posted.editKey } } });
      expect(edit.data.editComment).toMatchObject({ code: "VALIDATION_FAILED", field: "body" });
      const key = await t.graphql(EDIT, { variables: { input: { id: posted.comment.id, body: "fine", editKey: bad } } });
      expect(key.data.editComment).toMatchObject({ code: "VALIDATION_FAILED", field: "editKey" });
      const note = await t.graphql(MODERATE, { variables: { input: { id: posted.comment.id, decision: "REJECT", note: bad } }, headers: moderator });
      expect(note.data.moderateComment).toMatchObject({ code: "VALIDATION_FAILED", field: "note" });
      for (const [query, field] of [
        [`query ($v: String) { articles(filter: { search: $v }) { totalCount } }`, "filter.search"],
        [`query ($v: String) { articles(filter: { topic: $v }) { totalCount } }`, "filter.topic"],
        [`query ($v: String) { article(slug: $v) { id } }`, "slug"],
        [`query ($v: String) { author(slug: $v) { id } }`, "slug"],
      ] as const) {
        const result = await t.graphql(query, { variables: { v: bad } });
        expect([field, result.status, result.errors?.[0]?.extensions?.code]).toEqual([field, 200, "VALIDATION_FAILED"]);
      }
    }
    expect({ comments: await t.prisma.comment.count(), edits: await t.prisma.commentEdit.count(), log: await t.prisma.moderationAction.count() }).toEqual(before);
  });

  it("holds a text input that names no rule to one line of at most 1,000 characters", async () => {
    const slug = await t.graphql(`query ($v: String) { article(slug: $v) { id } }`, { variables: { v: "two\nlines" } });
    expect(slug.errors?.[0]?.extensions?.code).toBe("VALIDATION_FAILED");
    const long = await t.graphql(`query ($v: String) { article(slug: $v) { id } }`, { variables: { v: "s".repeat(1001) } });
    expect(long.errors?.[0]?.extensions?.code).toBe("VALIDATION_FAILED");
    const fits = await t.graphql(`query ($v: String) { article(slug: $v) { id } }`, { variables: { v: "s".repeat(1000) } });
    expect(fits).toMatchObject({ data: { article: null } });
    expect(fits.errors).toBeUndefined();
  });

  it("holds every list input to 100 items", async () => {
    const NODES = `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
    const ids = (count: number) => Array.from({ length: count }, (_, n) => globalId("Article", n + 1));
    expect((await t.graphql(NODES, { variables: { ids: ids(100) } })).data.nodes).toHaveLength(100);
    const refused = await t.graphql(NODES, { variables: { ids: ids(101) } });
    expect(refused.errors?.[0]).toMatchObject({ message: "At most 100 items are allowed.", extensions: { code: "VALIDATION_FAILED" } });
  });

  it("searches in NFC, reads an empty or blank search as none, and refuses an invisible or overlong one", async () => {
    const found = await t.graphql(SEARCH, { variables: { search: "Cafe\u0301 society" } });
    expect(found.data.articles.nodes).toEqual([{ title: "Café society returns" }]);
    const everything = (await t.graphql(SEARCH)).data.articles;
    for (const blank of ["", "   ", "\u3000", " \u00a0 "]) expect((await t.graphql(SEARCH, { variables: { search: blank } })).data.articles).toEqual(everything);
    // U+FEFF is trimmed away by JavaScript as if it were a space: it is refused as the invisible character it is.
    for (const search of ["\u200b", "\u3164", "\ufeff", " \ufeff ", "x".repeat(201), "a\tb"]) {
      const refused = await t.graphql(SEARCH, { variables: { search } });
      expect([search.slice(0, 5), refused.errors?.[0]?.extensions?.code]).toEqual([search.slice(0, 5), "VALIDATION_FAILED"]);
    }
    expect((await t.graphql(SEARCH, { variables: { search: "x".repeat(200) } })).errors).toBeUndefined();
  });

  it("validates guest emails with validator's isEmail, keeping the local part's case and lowercasing the domain", async () => {
    const bad = ["test@test.co..nz", "not-an-email", "a@b", "a b@example.org", "<script>@example.org", "a@example.org <b@example.org>", ".a@example.org", "a@-example.org", "a@127.0.0.1", `${"a".repeat(65)}@example.org`];
    for (const email of bad) {
      const result = await add({ body: "hi", guest: { name: "M", email } });
      expect([email, result.code, result.field]).toEqual([email, "VALIDATION_FAILED", "guest.email"]);
      expect(result.message).not.toContain(email);
    }
    const posted = await add({ body: "mail", guest: { name: "Case", email: "  Ada.Lovelace+News@Example.ORG " } });
    const moderator = { authorization: await bearer({ name: "Mo", roles: ["MODERATOR"] }) };
    const { data } = await t.graphql(`query ($id: ID!) { node(id: $id) { ... on Comment { email } } }`, { variables: { id: posted.comment.id }, headers: moderator });
    expect(data.node.email).toBe("Ada.Lovelace+News@example.org");
    expect((await add({ body: "utf8", guest: { name: "Ü", email: "jürgen@example.de" } })).__typename).toBe("AddCommentPayload");
  });
});
