import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../src/app.js";
import { openEventBus } from "../src/events/bus.js";
import { ModerationRules } from "../src/moderation-rules/rules.js";
import type { RunningServer } from "../src/server.js";
import { bearer, globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers, testPostgresUrl } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";
import { connect, subscribe } from "./helpers/ws.js";

const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { __typename ... on AddCommentPayload { editKey cursor comment { id status body } } ... on Error { code } } }`;
const ADD_RULE = `mutation ($input: AddModerationRuleInput!) { addModerationRule(input: $input) { __typename ... on ModerationRulePayload { rule { id kind value } } ... on Error { code message } } }`;
const REMOVE_RULE = `mutation ($id: ID!) { removeModerationRule(id: $id) { __typename ... on ModerationRulePayload { rule { id } } } }`;
const SETTINGS = `mutation ($input: ModerationSettingsInput!) { setModerationSettings(input: $input) { __typename ... on ModerationSettingsPayload { settings { maxLinks premodNewcomers } } ... on Error { code } } }`;
const REASONS = `query ($id: ID!) { node(id: $id) { ... on Comment { status moderationReasons { code detail } } } }`;

describe.each(providers)("spam and abuse rules on %s", (provider) => {
  let t: TestApp;
  let server: RunningServer;
  let admin: string;
  let moderator: string;
  let articleId: string;
  let guestNumber = 0;

  const post = async (body: string, options: { email?: string; article?: string } = {}) => {
    const guest = { name: "Guest", email: options.email ?? `guest${++guestNumber}@example.org` };
    const { data } = await t.graphql(ADD, { variables: { input: { articleId: options.article ?? articleId, body, guest } } });
    return data.addComment;
  };
  const statusOf = async (body: string) => (await post(body)).comment.status;
  const asAdmin = (query: string, variables: Record<string, unknown>) => t.graphql(query, { variables, headers: { authorization: admin } });
  const addRule = async (kind: string, value: string) => (await asAdmin(ADD_RULE, { input: { kind, value } })).data.addModerationRule.rule;
  const reasonsOf = async (id: string) => (await t.graphql(REASONS, { variables: { id }, headers: { authorization: moderator } })).data.node;

  beforeAll(async () => {
    t = await createTestApp({ provider });
    server = await t.listen();
    admin = await bearer({ name: "Ada Admin", subject: "ada", roles: ["ADMIN"] });
    moderator = await bearer({ name: "Mona Moderator", subject: "mona", roles: ["MODERATOR"] });
    articleId = globalId("Article", (await createArticle(t.prisma)).id);
    await addRule("BANNED_WORD", "banned");
    await addRule("BANNED_WORD", "ass");
    await addRule("BANNED_WORD", "kill yourself");
    await addRule("SUSPECT_WORD", "crypto");
  });
  afterAll(() => t.close());

  it("stores a comment with a banned word as REJECTED, with the reason for moderators only, and never shows it to the public", async () => {
    const rejected = await post("This is banned talk.");
    expect(rejected.comment.status).toBe("REJECTED");
    expect(await reasonsOf(rejected.comment.id)).toEqual({ status: "REJECTED", moderationReasons: [{ code: "BANNED_WORD", detail: "banned" }] });
    const asReader = await t.graphql(REASONS, { variables: { id: rejected.comment.id }, headers: { authorization: await bearer() } });
    expect(asReader.data?.node ?? null).toBeNull();
    const asAuthor = await t.graphql(`query ($id: ID!) { node(id: $id) { ... on Comment { moderationReasons { code } } } }`, {
      variables: { id: rejected.comment.id },
      headers: { "x-comment-edit-keys": rejected.editKey },
    });
    expect(asAuthor.data?.node ?? null).toBeNull();
    const approved = await post("A kind word");
    const reasonsAsReader = await t.graphql(REASONS, { variables: { id: approved.comment.id }, headers: { authorization: await bearer() } });
    expect(reasonsAsReader.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const thread = await t.graphql(`query ($id: ID!) { node(id: $id) { ... on Article { comments { nodes { id } } } } }`, { variables: { id: articleId } });
    expect(thread.data.node.comments.nodes.map((c: { id: string }) => c.id)).not.toContain(rejected.comment.id);
  });

  it("sees through disguised banned words: spaced, dotted, hyphenated, homoglyphs, full-width, zero-width joiners, accents", async () => {
    const disguises = [
      "b a n n e d",
      "b.a.n.n.e.d",
      "b-a-n-n-e-d",
      "ban-ned",
      "B_A_N_N_E_D",
      "b\u0430nned", // Cyrillic а
      "B\u0410NN\u0415D", // Cyrillic capitals А and Е
      "ＢＡＮＮＥＤ", // full-width
      "ban\u200Dned", // zero-width joiner
      "b\u200Ba\u200Bnned", // zero-width spaces
      "bännéd",
      "BaNnEd",
      "you a s s",
      "k i l l   y o u r s e l f",
      "kill\u00A0yourself",
    ];
    for (const body of disguises) expect([body, await statusOf(body)]).toEqual([body, "REJECTED"]);
  });

  it("keeps word boundaries: a banned word inside another word, or split across two real words, does not trip", async () => {
    const innocent = ["A class act.", "I passed the exam.", "a ss-class vessel", "Tea, a scone, a snack", "glass-assault", "unbanned", "bandwidth", "kill your darlings", "Cyrillic сlаss"];
    for (const body of innocent) expect([body, await statusOf(body)]).toEqual([body, "APPROVED"]);
  });

  it("holds a comment with a suspect word for review, recording why, and delivers it live to moderators but not to the public", async () => {
    const article = await createArticle(t.prisma);
    const id = globalId("Article", article.id);
    const { data: page } = await t.graphql(`query ($slug: String!) { article(slug: $slug) { liveCursor } }`, { variables: { slug: article.slug } });
    const readerClient = connect(server.url);
    const readerFeed = subscribe(readerClient, `subscription ($a: ID!, $after: Cursor) { commentAdded(articleId: $a, after: $after) { ... on CommentAdded { comment { body } } } }`, { a: id, after: page.article.liveCursor });
    const modClient = connect(server.url, { authorization: moderator });
    const modFeed = subscribe(modClient, `subscription ($after: Cursor) { moderationEvents(after: $after) { ... on ModerationEvent { toStatus comment { body moderationReasons { code detail } } } } }`, { after: page.article.liveCursor });

    const held = await post("Buy CRYPTO now", { article: id });
    expect(held.comment.status).toBe("PENDING");
    expect((await modFeed.next()).data.moderationEvents).toEqual({ toStatus: "PENDING", comment: { body: "Buy CRYPTO now", moderationReasons: [{ code: "SUSPECT_WORD", detail: "crypto" }] } });
    const rejected = await post("b a n n e d", { article: id });
    expect((await modFeed.next()).data.moderationEvents).toMatchObject({ toStatus: "REJECTED" });
    const fine = await post("A fine remark", { article: id });
    expect((await readerFeed.next()).data.commentAdded.comment.body).toBe("A fine remark");
    await readerFeed.expectSilence(300);
    expect([held.comment.status, rejected.comment.status, fine.comment.status]).toEqual(["PENDING", "REJECTED", "APPROVED"]);
    await Promise.all([readerClient.dispose(), modClient.dispose()]);
  });

  it("holds a comment with more links than the setting allows, and passes one at the limit", async () => {
    await asAdmin(SETTINGS, { input: { maxLinks: 2 } });
    try {
      const two = "See https://a.example/x and www.b.example";
      expect(await statusOf(two)).toBe("APPROVED");
      const three = await post(`${two} and c.example/page`);
      expect(await reasonsOf(three.comment.id)).toEqual({ status: "PENDING", moderationReasons: [{ code: "TOO_MANY_LINKS", detail: "3" }] });
    } finally {
      await asAdmin(SETTINGS, { input: { maxLinks: 3 } });
    }
  });

  it("rejects a comment naming a blocked domain or its subdomains, even bare, in homoglyphs or with ideographic dots, and passes others", async () => {
    const rule = await addRule("BLOCKED_DOMAIN", "https://www.Spam.Example/landing");
    expect(rule).toMatchObject({ kind: "BLOCKED_DOMAIN", value: "spam.example" });
    try {
      for (const body of ["go to https://spam.example/offer", "visit shop.spam.example", "write to sp\u0430m.example today", "https://spam\u3002example/x", "spam\uff0eexample"]) {
        expect([body, await statusOf(body)]).toEqual([body, "REJECTED"]);
      }
      for (const body of ["https://notspam.example is fine", "spam example"]) expect([body, await statusOf(body)]).toEqual([body, "APPROVED"]);
    } finally {
      await asAdmin(REMOVE_RULE, { id: rule.id });
    }
  });

  it("holds a link outside the allowed domains once any are set, and passes links within them", async () => {
    const rule = await addRule("ALLOWED_DOMAIN", "news.example");
    try {
      expect(await statusOf("Source: https://www.news.example/story and https://news.example/other")).toBe("APPROVED");
      const held = await post("Source: https://elsewhere.example/story");
      expect(await reasonsOf(held.comment.id)).toEqual({ status: "PENDING", moderationReasons: [{ code: "UNLISTED_DOMAIN", detail: "elsewhere.example" }] });
    } finally {
      await asAdmin(REMOVE_RULE, { id: rule.id });
    }
    expect(await statusOf("Source: https://elsewhere.example/story")).toBe("APPROVED");
  });

  it("premoderates a newcomer's comments until one is approved, when newcomers are premoderated", async () => {
    await asAdmin(SETTINGS, { input: { premodNewcomers: true } });
    try {
      const first = await post("Hello, first time here", { email: "newcomer@example.org" });
      expect(await reasonsOf(first.comment.id)).toEqual({ status: "PENDING", moderationReasons: [{ code: "NEW_COMMENTER", detail: null }] });
      expect((await post("Still new", { email: "newcomer@example.org" })).comment.status).toBe("PENDING");
      await t.graphql(`mutation ($id: ID!) { moderateComment(input: { id: $id, decision: APPROVE }) { __typename } }`, { variables: { id: first.comment.id }, headers: { authorization: moderator } });
      expect((await post("Back again", { email: "newcomer@example.org" })).comment.status).toBe("APPROVED");
      expect((await post("Someone else", { email: "other-newcomer@example.org" })).comment.status).toBe("PENDING");
    } finally {
      await asAdmin(SETTINGS, { input: { premodNewcomers: false } });
    }
    expect((await post("Anyone", { email: "third-newcomer@example.org" })).comment.status).toBe("APPROVED");
  });

  it("holds an edit of an approved comment that adds a banned word, keeping the approved text public", async () => {
    const posted = await post("A clean remark");
    const edited = await t.graphql(`mutation ($input: EditCommentInput!) { editComment(input: $input) { ... on CommentPayload { comment { body status pendingEdit { body } } } } }`, {
      variables: { input: { id: posted.comment.id, body: "A b a n n e d remark", editKey: posted.editKey } },
    });
    expect(edited.data.editComment.comment).toEqual({ body: "A clean remark", status: "APPROVED", pendingEdit: { body: "A b a n n e d remark" } });
    expect((await reasonsOf(posted.comment.id)).moderationReasons).toEqual([{ code: "BANNED_WORD", detail: "banned" }]);
  });

  it("lets only admins change the rules; moderators read them, readers and guests cannot", async () => {
    const input = { kind: "BANNED_WORD", value: "forbidden" };
    for (const authorization of [moderator, await bearer()]) {
      for (const [query, variables] of [[ADD_RULE, { input }], [SETTINGS, { input: { maxLinks: 0 } }], [REMOVE_RULE, { id: globalId("ModerationRule", 1) }]] as const) {
        const response = await t.graphql(query, { variables, headers: { authorization } });
        expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      }
    }
    expect((await t.graphql(ADD_RULE, { variables: { input } })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const LIST = `{ moderationRules(first: 100) { nodes { kind value } } }`;
    expect((await t.graphql(LIST, { headers: { authorization: await bearer() } })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await t.graphql(LIST, { headers: { authorization: moderator } })).data.moderationRules.nodes).toContainEqual({ kind: "SUSPECT_WORD", value: "crypto" });
    expect(await statusOf("forbidden fruit")).toBe("APPROVED");
  });

  it("refuses rule values that are not words or domains, with the field at fault", async () => {
    const blank = await asAdmin(ADD_RULE, { input: { kind: "BANNED_WORD", value: " \u200B " } });
    expect(blank.data.addModerationRule).toMatchObject({ __typename: "ValidationError", code: "VALIDATION_FAILED" });
    const domain = await asAdmin(ADD_RULE, { input: { kind: "BLOCKED_DOMAIN", value: "not a domain" } });
    expect(domain.data.addModerationRule).toMatchObject({ __typename: "ValidationError", code: "VALIDATION_FAILED" });
    const links = await asAdmin(SETTINGS, { input: { maxLinks: -1 } });
    expect(links.data.setModerationSettings).toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("applies a rule change to the very next comment, and a removal too, and logs each change with its admin", async () => {
    expect(await statusOf("a rhubarb pie")).toBe("APPROVED"); // the rules are cached now
    const rule = await addRule("BANNED_WORD", "rhubarb");
    expect(await statusOf("a rhubarb pie")).toBe("REJECTED");
    await asAdmin(REMOVE_RULE, { id: rule.id });
    expect(await statusOf("a rhubarb pie")).toBe("APPROVED");
    const log = await t.prisma.moderationAction.findMany({ where: { kind: { in: ["ADD_RULE", "REMOVE_RULE", "CHANGE_RULE_SETTINGS"] } }, orderBy: { id: "asc" } });
    expect(log.filter((entry) => entry.note?.includes("rhubarb")).map((entry) => [entry.kind, entry.actorId, entry.note])).toEqual([
      ["ADD_RULE", "ada", "BANNED_WORD rhubarb"],
      ["REMOVE_RULE", "ada", "BANNED_WORD rhubarb"],
    ]);
    expect(log.some((entry) => entry.kind === "CHANGE_RULE_SETTINGS" && entry.note === "maxLinks 3 -> 2, premodNewcomers false -> false")).toBe(true);
  });
});

describe.runIf(testPostgresUrl && process.env.TEST_REDIS_URL)("spam and abuse rules across instances", () => {
  it("drops every instance's cached rules and standings when they change on one", async () => {
    const t = await createTestApp({ provider: "postgresql", env: { REDIS_URL: process.env.TEST_REDIS_URL! } });
    const other: App = await createApp({ config: { ...t.app.config } });
    try {
      const article = await createArticle(t.prisma);
      const post = async (app: App) => {
        const response = await app.yoga.fetch("http://newsgraph.test/graphql", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: ADD, variables: { input: { articleId: globalId("Article", article.id), body: "quince jam", guest: { name: "G", email: "g@example.org" } } } }),
        });
        const { addComment } = ((await response.json()) as any).data;
        return addComment.code === "COMMENTER_BANNED" ? undefined : addComment.comment.status;
      };
      expect(await post(other)).toBe("APPROVED"); // the other instance holds the rules now
      await t.graphql(ADD_RULE, { variables: { input: { kind: "BANNED_WORD", value: "quince" } }, headers: { authorization: await bearer({ roles: ["ADMIN"] }) } });
      await expect.poll(() => post(other), { timeout: 5_000, interval: 100 }).toBe("REJECTED");
      // Commenter standings travel with the rules: a ban set on one instance holds on the other.
      const SET = `mutation ($input: SetCommenterStandingInput!) { setCommenterStanding(input: $input) { __typename } }`;
      await t.graphql(SET, { variables: { input: { commenter: { match: "EMAIL", value: "g@example.org" }, standing: "BANNED" } }, headers: { authorization: await bearer({ roles: ["MODERATOR"] }) } });
      await expect.poll(() => post(other), { timeout: 5_000, interval: 100 }).toBe(undefined);
    } finally {
      await other.close();
      await t.close();
    }
  });
});

describe("the rules cache without Redis", () => {
  it("lets another instance, which hears no notice, pick up a change once its copy expires", async () => {
    const t = await createTestApp({ provider: "sqlite" });
    const elsewhere = await openEventBus({});
    let clock = 0;
    const rules = new ModerationRules({ db: t.prisma, events: elsewhere, ttlMs: 30_000, now: () => clock });
    try {
      const admin = await bearer({ roles: ["ADMIN"] });
      await t.graphql(ADD_RULE, { variables: { input: { kind: "BANNED_WORD", value: "quince" } }, headers: { authorization: admin } });
      expect((await rules.current()).banned.find("quince")).toEqual(["quince"]);
      await t.graphql(ADD_RULE, { variables: { input: { kind: "BANNED_WORD", value: "medlar" } }, headers: { authorization: admin } });
      clock += 29_000;
      expect((await rules.current()).banned.find("medlar")).toEqual([]);
      clock += 1_000;
      expect((await rules.current()).banned.find("medlar")).toEqual(["medlar"]);
    } finally {
      rules.close();
      await elsewhere.close();
      await t.close();
    }
  });
});
