import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, globalId, manualClock } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";

const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { __typename ... on AddCommentPayload { editKey comment { id status } } ... on CommenterBannedError { code message until } ... on CommenterSuspendedError { code message until } ... on Error { code } } }`;
const SET = `mutation ($input: SetCommenterStandingInput!) { setCommenterStanding(input: $input) { __typename ... on CommenterStandingPayload { standing { match value standing until note actorName } } ... on ValidationError { code field } } }`;
const CLEAR = `mutation ($input: ClearCommenterStandingInput!) { clearCommenterStanding(input: $input) { __typename ... on Error { code } } }`;
const EDIT = `mutation ($input: EditCommentInput!) { editComment(input: $input) { __typename ... on CommenterBannedError { code } ... on CommentPayload { comment { body } } } }`;

describe.each(providers)("commenter moderation on %s", (provider) => {
  let t: TestApp;
  const clock = manualClock();
  let moderator: string;
  let articleId: string;
  let preArticleId: string;

  const postAs = async (commenter: { email?: string; authorization?: string }, options: { article?: string; body?: string } = {}) => {
    const guest = commenter.email ? { name: "Guest", email: commenter.email } : undefined;
    const input = { articleId: options.article ?? articleId, body: options.body ?? "Hello there", guest };
    const headers: Record<string, string> = commenter.authorization ? { authorization: commenter.authorization } : {};
    return (await t.graphql(ADD, { variables: { input }, headers })).data.addComment;
  };
  const setStanding = async (input: Record<string, unknown>, authorization = moderator) =>
    (await t.graphql(SET, { variables: { input }, headers: { authorization } })).data?.setCommenterStanding;
  const clear = (commenter: Record<string, unknown>) => t.graphql(CLEAR, { variables: { input: { commenter } }, headers: { authorization: moderator } });
  const commentCount = () => t.prisma.comment.count();

  beforeAll(async () => {
    t = await createTestApp({ provider, now: clock.now });
    moderator = await bearer({ name: "Mona Moderator", subject: "mona", roles: ["MODERATOR"] });
    articleId = globalId("Article", (await createArticle(t.prisma)).id);
    preArticleId = globalId("Article", (await createArticle(t.prisma, { moderation: "PRE" })).id);
  });
  afterAll(() => t.close());

  it("refuses a banned guest email with a typed error and writes nothing, whatever the address's case", async () => {
    await setStanding({ commenter: { match: "EMAIL", value: "Troll@Example.org" }, standing: "BANNED", note: "abuse" });
    const before = await commentCount();
    const refused = await postAs({ email: "troll@EXAMPLE.org" });
    expect(refused).toEqual({ __typename: "CommenterBannedError", code: "COMMENTER_BANNED", message: "You are banned from commenting.", until: null });
    expect(await commentCount()).toBe(before);
    expect((await postAs({ email: "friend@example.org" })).comment.status).toBe("APPROVED");
  });

  it("lets a ban until a time expire, and says when it ends", async () => {
    const until = new Date(clock.now().getTime() + 60 * 60_000);
    await setStanding({ commenter: { match: "EMAIL", value: "hothead@example.org" }, standing: "BANNED", until: until.toISOString() });
    expect(await postAs({ email: "hothead@example.org" })).toMatchObject({ code: "COMMENTER_BANNED", until: until.toISOString() });
    clock.advance(59 * 60_000);
    expect(await postAs({ email: "hothead@example.org" })).toMatchObject({ code: "COMMENTER_BANNED" });
    clock.advance(60_000);
    expect((await postAs({ email: "hothead@example.org" })).comment.status).toBe("APPROVED");
  });

  it("suspends a commenter until a time, and refuses a suspension without one", async () => {
    const missing = await setStanding({ commenter: { match: "EMAIL", value: "cool-off@example.org" }, standing: "SUSPENDED" });
    expect(missing).toEqual({ __typename: "ValidationError", code: "VALIDATION_FAILED", field: "until" });
    const until = new Date(clock.now().getTime() + 24 * 60 * 60_000);
    await setStanding({ commenter: { match: "EMAIL", value: "cool-off@example.org" }, standing: "SUSPENDED", until: until.toISOString() });
    expect(await postAs({ email: "cool-off@example.org" })).toMatchObject({ __typename: "CommenterSuspendedError", code: "COMMENTER_SUSPENDED", until: until.toISOString() });
    clock.advance(24 * 60 * 60_000 + 1);
    expect((await postAs({ email: "cool-off@example.org" })).comment.status).toBe("APPROVED");
  });

  it("bans every guest address at an email domain and its subdomains, and no other domain", async () => {
    await setStanding({ commenter: { match: "EMAIL_DOMAIN", value: "Spammy.Example" }, standing: "BANNED" });
    for (const email of ["a@spammy.example", "B@SPAMMY.EXAMPLE", "c@mail.spammy.example"]) expect(await postAs({ email })).toMatchObject({ code: "COMMENTER_BANNED" });
    for (const email of ["a@notspammy.example", "a@spammy.example.org"]) expect((await postAs({ email })).comment.status).toBe("APPROVED");
  });

  it("bans a signed-in reader by subject, from posting and from editing, until the ban is lifted", async () => {
    const reader = await bearer({ name: "Rex Reader", subject: "rex" });
    const posted = await postAs({ authorization: reader });
    expect(posted.comment.status).toBe("APPROVED");
    await setStanding({ commenter: { match: "USER", value: "rex" }, standing: "BANNED" });
    expect(await postAs({ authorization: reader })).toMatchObject({ code: "COMMENTER_BANNED" });
    const edit = await t.graphql(EDIT, { variables: { input: { id: posted.comment.id, body: "Changed" } }, headers: { authorization: reader } });
    expect(edit.data.editComment).toEqual({ __typename: "CommenterBannedError", code: "COMMENTER_BANNED" });
    // Someone else trying the same edit learns nothing of the ban.
    const stranger = await t.graphql(EDIT, { variables: { input: { id: posted.comment.id, body: "Changed" } }, headers: { authorization: await bearer({ subject: "stranger" }) } });
    expect(stranger.data.editComment.__typename).toBe("ForbiddenError");
    expect((await clear({ match: "USER", value: "rex" })).data.clearCommenterStanding.__typename).toBe("CommenterStandingPayload");
    expect((await postAs({ authorization: reader })).comment.status).toBe("APPROVED");
  });

  it("lets a trusted commenter skip PRE moderation, while others wait", async () => {
    await setStanding({ commenter: { match: "EMAIL", value: "regular@example.org" }, standing: "TRUSTED" });
    expect((await postAs({ email: "regular@example.org" }, { article: preArticleId })).comment.status).toBe("APPROVED");
    expect((await postAs({ email: "stranger@example.org" }, { article: preArticleId })).comment.status).toBe("PENDING");
  });

  it("always premoderates a commenter set to be, even on a POST-moderated article, recording why", async () => {
    await setStanding({ commenter: { match: "EMAIL", value: "watch@example.org" }, standing: "PREMODERATED" });
    const held = await postAs({ email: "watch@example.org" });
    const reasons = await t.graphql(`query ($id: ID!) { node(id: $id) { ... on Comment { status moderationReasons { code } } } }`, { variables: { id: held.comment.id }, headers: { authorization: moderator } });
    expect(reasons.data.node).toEqual({ status: "PENDING", moderationReasons: [{ code: "PREMODERATED_COMMENTER" }] });
  });

  it("holds the strictest standing when several name one commenter: a trusted address at a banned domain is banned", async () => {
    await setStanding({ commenter: { match: "EMAIL", value: "insider@blocked.example" }, standing: "TRUSTED" });
    await setStanding({ commenter: { match: "EMAIL_DOMAIN", value: "blocked.example" }, standing: "BANNED" });
    expect(await postAs({ email: "insider@blocked.example" })).toMatchObject({ code: "COMMENTER_BANNED" });
  });

  it("lets only moderators set standings, and logs every change with who made it", async () => {
    const input = { commenter: { match: "EMAIL", value: "logged@example.org" }, standing: "BANNED" };
    const asReader = await t.graphql(SET, { variables: { input }, headers: { authorization: await bearer() } });
    expect(asReader.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await t.graphql(SET, { variables: { input } })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const set = await setStanding({ ...input, note: "  spam run  " });
    expect(set.standing).toEqual({ match: "EMAIL", value: "logged@example.org", standing: "BANNED", until: null, note: "spam run", actorName: "Mona Moderator" });
    await clear({ match: "EMAIL", value: "logged@example.org" });
    expect((await clear({ match: "EMAIL", value: "logged@example.org" })).data.clearCommenterStanding).toEqual({ __typename: "NotFoundError", code: "NOT_FOUND" });
    const log = await t.prisma.moderationAction.findMany({ where: { note: { contains: "logged@example.org" } }, orderBy: { id: "asc" } });
    expect(log.map((entry) => [entry.kind, entry.actorId, entry.note])).toEqual([
      ["SET_COMMENTER_STANDING", "mona", "BANNED EMAIL logged@example.org: spam run"],
      ["CLEAR_COMMENTER_STANDING", "mona", "lifted BANNED EMAIL logged@example.org"],
    ]);
    const list = await t.graphql(`{ commenterStandings(first: 100) { nodes { value standing } } }`, { headers: { authorization: moderator } });
    expect(list.data.commenterStandings.nodes).toContainEqual({ value: "spammy.example", standing: "BANNED" });
    expect((await t.graphql(`{ commenterStandings(first: 1) { nodes { value } } }`, { headers: { authorization: await bearer() } })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("refuses a standing for something that is not an email or domain, and an end in the past", async () => {
    expect(await setStanding({ commenter: { match: "EMAIL", value: "not-an-email" }, standing: "BANNED" })).toMatchObject({ field: "commenter.value" });
    expect(await setStanding({ commenter: { match: "EMAIL_DOMAIN", value: "nodot" }, standing: "BANNED" })).toMatchObject({ field: "commenter.value" });
    const past = new Date(clock.now().getTime() - 1000).toISOString();
    expect(await setStanding({ commenter: { match: "EMAIL", value: "late@example.org" }, standing: "BANNED", until: past })).toMatchObject({ field: "until" });
  });
});
