// The embargo probe: an article scheduled for later, and one under embargo, are out of the public's
// sight on every read path until their time, and in it after (the clock moved, the scheduler run);
// the newsroom sees both throughout. Each row is a read path; each is probed before and after the
// time, anonymously and as an editor. The response cache is on, so a cached page must change too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, globalId, manualClock } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle, createAuthor, createComment, createSource } from "./helpers/fixtures.js";
import { connect, subscribe } from "./helpers/ws.js";

const HOUR = 3_600_000;
type Probe = { ids: { article: string; slug: string; citation: string; comment: string; image: string; id: number }; topic: string; author: string; source: string; word: string };
/** A read path: a query and whether its answer shows the article. */
type Path = {
  name: string;
  query: string;
  variables: (p: Probe) => Record<string, unknown>;
  shows: (data: any, p: Probe) => boolean;
  /** Whether the viewer should see it, when not "the public after the time, the newsroom always". */
  sees?: (viewer: Viewer, after: boolean) => boolean;
};

/** The public, a comment moderator (who is no newsroom staff: embargoed copy is not theirs to read), and an editor. */
type Viewer = "anonymous" | "moderator" | "editor";
const VIEWERS: readonly Viewer[] = ["anonymous", "moderator", "editor"];

const listed = (nodes: { id: string }[] | undefined, p: Probe) => !!nodes?.some((node) => node.id === p.ids.article);
const paths: Path[] = [
  { name: "article(id)", query: `query ($id: ID!) { article(id: $id) { id } }`, variables: (p) => ({ id: p.ids.article }), shows: (d) => !!d?.article },
  { name: "article(slug)", query: `query ($slug: String!) { article(slug: $slug) { id } }`, variables: (p) => ({ slug: p.ids.slug }), shows: (d) => !!d?.article },
  { name: "node", query: `query ($id: ID!) { node(id: $id) { id } }`, variables: (p) => ({ id: p.ids.article }), shows: (d) => !!d?.node },
  { name: "nodes", query: `query ($id: ID!) { nodes(ids: [$id]) { id } }`, variables: (p) => ({ id: p.ids.article }), shows: (d) => !!d?.nodes?.[0] },
  { name: "articles", query: `{ articles(first: 100) { nodes { id } } }`, variables: () => ({}), shows: (d, p) => listed(d?.articles.nodes, p) },
  ...(["topic", "author", "source", "search"] as const).map((filter): Path => ({
    name: `articles(filter: ${filter})`,
    query: `query ($filter: ArticleFilter) { articles(first: 100, filter: $filter) { totalCount nodes { id } } }`,
    variables: (p) => ({ filter: { topic: { topic: p.topic }, author: { author: p.author }, source: { source: p.source }, search: { search: p.word } }[filter] }),
    shows: (d, p) => listed(d?.articles.nodes, p) || d?.articles.totalCount > 0,
  })),
  ...(["PUBLISHED", "SCHEDULED"] as const).map((status): Path => ({
    name: `articles(filter: status ${status})`,
    query: `query ($status: ArticleStatus) { articles(first: 100, filter: { status: $status }) { nodes { id } } }`,
    variables: () => ({ status }),
    shows: (d, p) => listed(d?.articles.nodes, p),
    // The newsroom finds it under SCHEDULED until its time, under PUBLISHED after; the public never sees SCHEDULED.
    sees: (viewer, after) => (status === "PUBLISHED" ? after : viewer === "editor" && !after),
  })),
  { name: "topic.articles", query: `query ($slug: String!) { topic(slug: $slug) { articles(first: 100) { nodes { id } } } }`, variables: (p) => ({ slug: p.topic }), shows: (d, p) => listed(d?.topic?.articles.nodes, p) },
  { name: "author.articles", query: `query ($slug: String!) { author(slug: $slug) { articles(first: 100) { nodes { id } } } }`, variables: (p) => ({ slug: p.author }), shows: (d, p) => listed(d?.author?.articles.nodes, p) },
  { name: "source.citations", query: `query ($id: ID!) { source(id: $id) { citations(first: 100) { totalCount nodes { id } } } }`, variables: (p) => ({ id: p.source }), shows: (d) => d?.source?.citations.nodes.length > 0 || d?.source?.citations.totalCount > 0 },
  { name: "image node", query: `query ($id: ID!) { node(id: $id) { id } }`, variables: (p) => ({ id: p.ids.image }), shows: (d) => !!d?.node },
  { name: "source.credits", query: `query ($id: ID!) { source(id: $id) { credits(first: 100) { totalCount nodes { id } } } }`, variables: (p) => ({ id: p.source }), shows: (d) => d?.source?.credits.nodes.length > 0 || d?.source?.credits.totalCount > 0 },
  { name: "citation node", query: `query ($id: ID!) { node(id: $id) { id } }`, variables: (p) => ({ id: p.ids.citation }), shows: (d) => !!d?.node },
  { name: "comment node", query: `query ($id: ID!) { node(id: $id) { id } }`, variables: (p) => ({ id: p.ids.comment }), shows: (d) => !!d?.node },
  { name: "article.comments", query: `query ($id: ID!) { article(id: $id) { comments(first: 10) { nodes { id } } } }`, variables: (p) => ({ id: p.ids.article }), shows: (d) => d?.article?.comments.nodes.length > 0 },
];

describe.each(providers)("embargoes and schedules on %s", (provider) => {
  const clock = manualClock();
  let t: TestApp;
  let url: string;
  let editor: string;
  let moderator: string;
  const probes: Record<string, Probe> = {};

  beforeAll(async () => {
    t = await createTestApp({ provider, now: clock.now, env: { RESPONSE_CACHE: "true" } });
    url = (await t.listen()).url;
    editor = await bearer({ roles: ["EDITOR"] });
    moderator = await bearer({ subject: "embargo-moderator", roles: ["MODERATOR"] });
    const at = new Date(clock.now().getTime() + HOUR);
    // Drafts, then scheduled through the newsroom's mutations: one with a time, one by an embargo it is published under.
    const steps: Record<string, { mutation: string; input: Record<string, unknown> }[]> = {
      scheduled: [{ mutation: "publishArticle", input: { version: 1, publishAt: at.toISOString() } }],
      embargoed: [
        { mutation: "setArticleEmbargo", input: { version: 1, embargoUntil: at.toISOString() } },
        { mutation: "publishArticle", input: { version: 2 } },
      ],
    };
    const state = { status: "DRAFT" as const, publishedAt: null };
    for (const name of Object.keys(steps)) {
      const word = `zebrafinch${name}`;
      const topic = await t.prisma.topic.create({ data: { slug: `embargo-${name}-${provider}`, name: `Embargo ${name}` } });
      const author = await createAuthor(t.prisma);
      const source = await createSource(t.prisma);
      const article = await createArticle(t.prisma, { ...state, title: `The ${word} story`, excerpt: `About the ${word}.` });
      await t.prisma.articleTopic.create({ data: { articleId: article.id, topicId: topic.id } });
      await t.prisma.byline.create({ data: { articleId: article.id, authorId: author.id, position: 0 } });
      const citation = await t.prisma.citation.create({ data: { articleId: article.id, sourceId: source.id, quote: "Not yet." } });
      const comment = await createComment(t.prisma, { articleId: article.id });
      const image = await t.prisma.media.create({ data: { url: `https://img.example.org/${word}.jpg`, altText: `The ${word}`, creditId: source.id } });
      await t.prisma.articleImage.create({ data: { articleId: article.id, mediaId: image.id, position: 0 } });
      for (const step of steps[name]!) {
        const type = step.mutation === "publishArticle" ? "PublishArticleInput" : "SetEmbargoInput";
        const result = await t.graphql(`mutation ($input: ${type}!) { ${step.mutation}(input: $input) { __typename ... on Error { code message } } }`, {
          variables: { input: { id: globalId("Article", article.id), ...step.input } },
          headers: { authorization: editor },
        });
        expect(result.data?.[step.mutation]).toEqual({ __typename: "ArticlePayload" });
      }
      probes[name] = {
        ids: { id: article.id, article: globalId("Article", article.id), slug: article.slug, citation: globalId("Citation", citation.id), comment: globalId("Comment", comment.id), image: globalId("Image", image.id) },
        topic: topic.slug,
        author: author.slug,
        source: globalId("Source", source.id),
        word,
      };
    }
  });
  afterAll(() => t.close());

  const read = async (path: Path, probe: Probe, viewer: Viewer) => {
    const authorization = { anonymous: null, moderator, editor }[viewer];
    const response = await t.graphql(path.query, { variables: path.variables(probe), headers: authorization ? { authorization } : {} });
    expect(response.errors ?? []).toEqual([]);
    return path.shows(response.data, probe);
  };

  /** Every path × article × viewer, as "path/article/viewer: seen". */
  const probeAll = async () => {
    const seen: Record<string, boolean> = {};
    for (const [name, probe] of Object.entries(probes)) {
      for (const path of paths) for (const viewer of VIEWERS) seen[`${path.name} / ${name} / ${viewer}`] = await read(path, probe, viewer);
    }
    return seen;
  };
  const expected = (after: boolean) =>
    Object.fromEntries(
      Object.keys(probes).flatMap((name) =>
        paths.flatMap((path) => VIEWERS.map((viewer) => [`${path.name} / ${name} / ${viewer}`, path.sees ? path.sees(viewer, after) : viewer === "editor" || after])),
      ),
    );

  it("hides both articles from the public on every path, and the cache, the comments and the subscriptions, until their time; then shows them", async () => {
    // Before: the front page is read twice, so the second answer comes from the response cache.
    const front = `{ articles(first: 100) { totalCount nodes { id } } }`;
    const cachedBefore = await t.graphql(front);
    const hitsBefore = t.app.responseCache!.hits;
    expect((await t.graphql(front)).data).toEqual(cachedBefore.data);
    expect(t.app.responseCache!.hits).toBe(hitsBefore + 1);

    expect(await probeAll()).toEqual(expected(false));

    const addComment = `mutation ($input: AddCommentInput!) { addComment(input: $input) { __typename ... on Error { code } } }`;
    const comment = (probe: Probe) => ({ input: { articleId: probe.ids.article, body: "First!", guest: { name: "Early Reader", email: "early@example.org" } } });
    for (const probe of Object.values(probes)) {
      const refused = await t.graphql(addComment, { variables: comment(probe) });
      expect(refused.data?.addComment ?? refused.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND" });
    }

    const client = connect(url);
    const staff = connect(url, { authorization: editor });
    const publicFront = subscribe(client, `subscription { articlePublished { ... on ArticlePublication { article { id } } } }`);
    const publicBlog = subscribe(client, `subscription ($id: ID!) { articleUpdated(id: $id) { __typename } }`, { id: probes.scheduled!.ids.article });
    const publicThread = subscribe(client, `subscription ($id: ID!) { threadUpdated(rootId: $id) { __typename } }`, { id: probes.scheduled!.ids.comment });
    const publicComments = subscribe(client, `subscription ($id: ID!) { commentAdded(articleId: $id) { __typename } }`, { id: probes.embargoed!.ids.article });
    for (const refused of [publicBlog, publicThread, publicComments]) expect((await refused.next()).errors).toMatchObject([{ extensions: { code: "NOT_FOUND" } }]);
    const staffBlog = subscribe(staff, `subscription ($id: ID!) { articleUpdated(id: $id) { ... on ArticleUpdate { kind article { id } } } }`, { id: probes.scheduled!.ids.article });
    await expect.poll(() => t.app.services.articleFeeds.size).toBe(2);
    // The scheduler runs before the time: nothing is published, nothing is sent.
    await t.app.scheduler.wake();
    await publicFront.expectSilence(300);

    clock.advance(HOUR);
    await t.app.scheduler.wake();

    const announced = [(await publicFront.next()).data.articlePublished.article.id, (await publicFront.next()).data.articlePublished.article.id];
    expect(announced.sort()).toEqual([probes.scheduled!.ids.article, probes.embargoed!.ids.article].sort());
    expect((await staffBlog.next()).data.articleUpdated).toEqual({ kind: "PUBLISHED", article: { id: probes.scheduled!.ids.article } });
    expect(await t.prisma.articleEvent.count({ where: { kind: "PUBLISHED" } })).toBe(2);

    // The cached front page was dropped by the publication events.
    const after = await t.graphql(front);
    expect(after.data.articles.totalCount).toBe(cachedBefore.data.articles.totalCount + 2);
    expect(await probeAll()).toEqual(expected(true));
    for (const probe of Object.values(probes)) expect((await t.graphql(addComment, { variables: comment(probe) })).data.addComment.__typename).toBe("AddCommentPayload");
    const thread = subscribe(client, `subscription ($id: ID!) { threadUpdated(rootId: $id) { __typename } }`, { id: probes.scheduled!.ids.comment });
    await thread.expectSilence(200);
    await client.dispose();
    await staff.dispose();
  });
});
