import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle, createAuthor, createSource } from "./helpers/fixtures.js";
import { ASKERS, outcome, roleHeaders, type Asker } from "./helpers/newsroom.js";

const ERR = `... on Error { code message } ... on ValidationError { problems { path message } }`;
const CREATE_SOURCE = `mutation ($input: CreateSourceInput!) { createSource(input: $input) { __typename ... on SourcePayload { source { id name url kind organization { id } } } ${ERR} } }`;
const UPDATE_SOURCE = `mutation ($input: UpdateSourceInput!) { updateSource(input: $input) { __typename ... on SourcePayload { source { id name url } } ${ERR} } }`;
const CREATE_AUTHOR = `mutation ($input: CreateAuthorInput!) { createAuthor(input: $input) { __typename ... on AuthorPayload { author { id slug name avatarUrl } } ${ERR} } }`;
const UPDATE_AUTHOR = `mutation ($input: UpdateAuthorInput!) { updateAuthor(input: $input) { __typename ... on AuthorPayload { author { id slug name } } ${ERR} } }`;
const CREATE_TOPIC = `mutation ($input: CreateTopicInput!) { createTopic(input: $input) { __typename ... on TopicPayload { topic { id slug name } } ${ERR} } }`;
const UPDATE_TOPIC = `mutation ($input: UpdateTopicInput!) { updateTopic(input: $input) { __typename ... on TopicPayload { topic { id slug name } } ${ERR} } }`;
const MERGE = (field: string, payload: string) => `mutation ($input: MergeInput!) { ${field}(input: $input) { __typename ... on ${payload} { __typename } ${ERR} } }`;

const staff: Asker[] = ["AUTHOR", "EDITOR", "ADMIN"];
const admins: Asker[] = ["ADMIN"];
const expected = (allowed: Asker[]) =>
  Object.fromEntries(ASKERS.map((asker) => [asker, allowed.includes(asker) ? "ok" : asker === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN"]));

describe.each(providers)("writing sources, authors and topics on %s", (provider) => {
  let t: TestApp;
  let as: Awaited<ReturnType<typeof roleHeaders>>;
  beforeAll(async () => {
    t = await createTestApp({ provider });
    as = await roleHeaders();
  });
  afterAll(() => t.close());

  let n = 0;
  const mutations: { name: string; query: string; allowed: Asker[]; variables: () => Promise<Record<string, unknown>> }[] = [
    { name: "createSource", query: CREATE_SOURCE, allowed: staff, variables: async () => ({ input: { kind: "PERSON", name: `Person ${++n}` } }) },
    { name: "updateSource", query: UPDATE_SOURCE, allowed: staff, variables: async () => ({ input: { id: globalId("Source", (await createSource(t.prisma)).id), name: `Renamed ${++n}` } }) },
    {
      name: "mergeSources",
      query: MERGE("mergeSources", "SourcePayload"),
      allowed: admins,
      variables: async () => ({ input: { survivorId: globalId("Source", (await createSource(t.prisma)).id), duplicateId: globalId("Source", (await createSource(t.prisma)).id) } }),
    },
    { name: "createAuthor", query: CREATE_AUTHOR, allowed: admins, variables: async () => ({ input: { name: `Writer ${++n}` } }) },
    { name: "updateAuthor", query: UPDATE_AUTHOR, allowed: admins, variables: async () => ({ input: { id: globalId("Author", (await createAuthor(t.prisma)).id), bio: "Covers courts." } }) },
    {
      name: "mergeAuthors",
      query: MERGE("mergeAuthors", "AuthorPayload"),
      allowed: admins,
      variables: async () => ({ input: { survivorId: globalId("Author", (await createAuthor(t.prisma)).id), duplicateId: globalId("Author", (await createAuthor(t.prisma)).id) } }),
    },
    { name: "createTopic", query: CREATE_TOPIC, allowed: admins, variables: async () => ({ input: { name: `Topic ${++n}` } }) },
    {
      name: "updateTopic",
      query: UPDATE_TOPIC,
      allowed: admins,
      variables: async () => ({ input: { id: globalId("Topic", (await t.prisma.topic.create({ data: { name: "T", slug: `t-${++n}` } })).id), description: "All of it." } }),
    },
    {
      name: "mergeTopics",
      query: MERGE("mergeTopics", "TopicPayload"),
      allowed: admins,
      variables: async () => {
        const [a, b] = [await t.prisma.topic.create({ data: { name: "A", slug: `a-${++n}` } }), await t.prisma.topic.create({ data: { name: "B", slug: `b-${++n}` } })];
        return { input: { survivorId: globalId("Topic", a.id), duplicateId: globalId("Topic", b.id) } };
      },
    },
  ];

  it.each(mutations.map((m) => [m.name, m] as const))("lets only the right roles run %s, telling anonymous callers to sign in and others they may not", async (_name, mutation) => {
    const seen: Record<string, string> = {};
    for (const asker of ASKERS) seen[asker] = await outcome(t, mutation.query, { variables: await mutation.variables(), headers: as[asker] });
    expect(seen).toEqual(expected(mutation.allowed));
  });

  it("lists every bad field of a source at once, with its path, and writes nothing", async () => {
    const person = await createSource(t.prisma, { kind: "PERSON" });
    const before = await t.prisma.source.count();
    const { data } = await t.graphql(CREATE_SOURCE, {
      variables: { input: { kind: "PERSON", name: "Ann Example", url: "ftp://files.example.org/ann", organizationId: globalId("Source", person.id) } },
      headers: as.AUTHOR,
    });
    expect(data.createSource.code).toBe("VALIDATION_FAILED");
    expect(data.createSource.problems.map((p: { path: string[] }) => p.path)).toEqual([["url"], ["organizationId"]]);
    expect(await t.prisma.source.count()).toBe(before);
  });

  it("links a person to an organisation, and refuses to make a source its own member", async () => {
    const org = await createSource(t.prisma, { kind: "ORGANIZATION", name: "Ministry of Examples" });
    const { data } = await t.graphql(CREATE_SOURCE, { variables: { input: { kind: "PERSON", name: "Minister", url: "https://ministry.example/minister", organizationId: globalId("Source", org.id) } }, headers: as.EDITOR });
    expect(data.createSource.source.organization).toEqual({ id: globalId("Source", org.id) });
    const self = await t.graphql(UPDATE_SOURCE, { variables: { input: { id: globalId("Source", org.id), organizationId: globalId("Source", org.id) } }, headers: as.EDITOR });
    expect(self.data.updateSource.problems).toEqual([{ path: ["organizationId"], message: "A source cannot belong to itself." }]);
    const demote = await t.graphql(UPDATE_SOURCE, { variables: { input: { id: globalId("Source", org.id), kind: "PERSON" } }, headers: as.EDITOR });
    expect(demote.data.updateSource.problems[0].path).toEqual(["kind"]);
  });

  it("makes slugs from names, suffixed -2, -3 when taken, and lists a bad slug and avatar URL together", async () => {
    const slugs = [];
    for (let i = 0; i < 3; i++) slugs.push((await t.graphql(CREATE_AUTHOR, { variables: { input: { name: "Zoë Ångström" } }, headers: as.ADMIN })).data.createAuthor.author.slug);
    expect(slugs).toEqual(["zoe-angstrom", "zoe-angstrom-2", "zoe-angstrom-3"]);
    const topic = (await t.graphql(CREATE_TOPIC, { variables: { input: { name: "Élections 2027!" } }, headers: as.ADMIN })).data.createTopic.topic;
    expect(topic.slug).toBe("elections-2027");
    const bad = await t.graphql(CREATE_AUTHOR, { variables: { input: { name: "Bad", slug: "Not A Slug", avatarUrl: "javascript:alert(1)" } }, headers: as.ADMIN });
    expect(bad.data.createAuthor.problems.map((p: { path: string[] }) => p.path.join("."))).toEqual(["avatarUrl", "slug"]);
    const taken = await t.graphql(UPDATE_TOPIC, { variables: { input: { id: topic.id, slug: "zoe-angstrom" } }, headers: as.ADMIN });
    expect(taken.data.updateTopic.__typename).toBe("TopicPayload");
    const clash = await t.graphql(CREATE_TOPIC, { variables: { input: { name: "Other", slug: "zoe-angstrom" } }, headers: as.ADMIN });
    expect(clash.data.createTopic.problems).toEqual([{ path: ["slug"], message: 'The slug "zoe-angstrom" is taken.' }]);
  });

  it("gives authors and topics created at once under one name distinct slugs, never an unexpected error", async () => {
    const create = (query: string, name: string) => t.graphql(query, { variables: { input: { name } }, headers: as.ADMIN });
    const authors = await Promise.all(Array.from({ length: 5 }, () => create(CREATE_AUTHOR, `Same Writer ${provider}`)));
    const topics = await Promise.all(Array.from({ length: 5 }, () => create(CREATE_TOPIC, `Same Topic ${provider}`)));
    expect([...authors, ...topics].flatMap((result) => result.errors ?? [])).toEqual([]);
    expect(new Set(authors.map((result) => result.data.createAuthor.author.slug)).size).toBe(5);
    expect(new Set(topics.map((result) => result.data.createTopic.topic.slug)).size).toBe(5);
  });

  it("lists bad text beside every other bad field of an author, a source and a topic, in one error", async () => {
    const paths = (result: any, field: string) => result.data[field].problems.map((p: { path: string[] }) => p.path.join("."));
    const author = await t.graphql(CREATE_AUTHOR, { variables: { input: { name: "\u202Ebad", slug: "Bad!", avatarUrl: "javascript:alert(1)", bio: "\u0000" } }, headers: as.ADMIN });
    expect(paths(author, "createAuthor")).toEqual(["name", "bio", "avatarUrl", "slug"]);
    const source = await t.graphql(CREATE_SOURCE, { variables: { input: { kind: "DOCUMENT", name: "Memo", url: "ftp://x", role: "\u0007" } }, headers: as.EDITOR });
    expect(paths(source, "createSource")).toEqual(["role", "url"]);
    const topic = await t.graphql(CREATE_TOPIC, { variables: { input: { name: "Ok", slug: "Not A Slug", description: "\u0000" } }, headers: as.ADMIN });
    expect(paths(topic, "createTopic")).toEqual(["description", "slug"]);
  });

  it("links an author to a sign-in subject once", async () => {
    const first = await t.graphql(CREATE_AUTHOR, { variables: { input: { name: "Linked", signInSubject: "sub-linked" } }, headers: as.ADMIN });
    expect(first.data.createAuthor.__typename).toBe("AuthorPayload");
    expect((await t.prisma.author.findUniqueOrThrow({ where: { userId: "sub-linked" } })).name).toBe("Linked");
    const second = await t.graphql(CREATE_AUTHOR, { variables: { input: { name: "Other", signInSubject: "sub-linked" } }, headers: as.ADMIN });
    expect(second.data.createAuthor.problems[0].path).toEqual(["signInSubject"]);
  });
});

describe.each(providers)("cached reads of sources on %s", (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ provider, env: { RESPONSE_CACHE: "true" } });
  });
  afterAll(() => t.close());

  it("serves a source's new name to the public right after a rename, and its citations' source too", async () => {
    const source = await createSource(t.prisma, { name: "Old Name" });
    const article = await createArticle(t.prisma);
    await t.prisma.citation.create({ data: { articleId: article.id, sourceId: source.id, quote: "Words." } });
    const READ = `query ($id: ID!) { source(id: $id) { name citations(first: 5) { nodes { quote source { name } } } } }`;
    const LIST = `{ sources(first: 50) { nodes { name } } }`;
    const id = globalId("Source", source.id);
    const read = async () => (await t.graphql(READ, { variables: { id } })).data.source;
    const names = async () => (await t.graphql(LIST)).data.sources.nodes.map((s: { name: string }) => s.name);
    expect(await read()).toEqual({ name: "Old Name", citations: { nodes: [{ quote: "Words.", source: { name: "Old Name" } }] } });
    expect(await names()).toContain("Old Name");
    expect(await t.countStatements(read)).toBe(0);

    const editor = (await roleHeaders()).EDITOR;
    expect((await t.graphql(UPDATE_SOURCE, { variables: { input: { id, name: "New Name" } }, headers: editor })).data.updateSource.source.name).toBe("New Name");
    expect(await read()).toEqual({ name: "New Name", citations: { nodes: [{ quote: "Words.", source: { name: "New Name" } }] } });
    expect(await names()).toContain("New Name");
    expect(await names()).not.toContain("Old Name");
  });
});
