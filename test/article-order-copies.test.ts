// A citation, a byline and a topic link each carry their article's publishedAt (the
// article_order_copies migration's triggers), so a source's, an author's or a topic's front page
// reads its first candidates in order from one index (src/reads/prefix.ts). The copy must hold
// through every write, whoever makes it, and the pages read through it must be Prisma's pages.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.js";
import { compile } from "../src/reads/compile.js";
import type { Statement } from "../src/reads/statement.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { globalId } from "./helpers/auth.js";
import { providers, testPostgresUrl } from "./helpers/databases.js";
import { createArticle, createAuthor, createSource } from "./helpers/fixtures.js";
import { roleHeaders } from "./helpers/newsroom.js";

/** Rows whose copy differs from their article's publishedAt, as "table row: copy / article's". */
async function strayCopies(t: TestApp): Promise<string[]> {
  const select = { articleId: true, articlePublishedAt: true, article: { select: { publishedAt: true } } } as const;
  const tables = {
    citation: await t.prisma.citation.findMany({ select }),
    byline: await t.prisma.byline.findMany({ select }),
    topic: await t.prisma.articleTopic.findMany({ select }),
  };
  return Object.entries(tables).flatMap(([table, rows]) =>
    rows
      .filter((row) => row.articlePublishedAt?.getTime() !== row.article.publishedAt?.getTime())
      .map((row) => `${table} of ${row.articleId}: ${row.articlePublishedAt?.toISOString()} / ${row.article.publishedAt?.toISOString()}`),
  );
}

describe.each(providers)("the copies of an article's publishedAt on %s", (provider) => {
  let t: TestApp;
  let editor: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ provider });
    editor = (await roleHeaders()).EDITOR;
  });
  afterAll(() => t?.close());

  const ADD = `mutation ($input: AddCitationInput!) { addCitation(input: $input) { __typename ... on CitationPayload { version } } }`;
  const PUBLISH = `mutation ($input: PublishArticleInput!) { publishArticle(input: $input) { __typename ... on ArticlePayload { article { version } } } }`;
  const UNPUBLISH = `mutation ($input: ArticleStepInput!) { unpublishArticle(input: $input) { __typename ... on ArticlePayload { article { version } } } }`;

  it("follows the article through the API's writes and anyone's", async () => {
    const draft = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null });
    const other = await createArticle(t.prisma, { status: "PUBLISHED", publishedAt: new Date("2026-03-01T08:00:00Z") });
    const source = await createSource(t.prisma);
    const step = async (query: string, input: Record<string, unknown>) => {
      const response = await t.graphql(query, { variables: { input }, headers: editor });
      const payload = Object.values(response.data ?? {})[0] as { __typename: string; version?: number; article?: { version: number } } | undefined;
      expect(payload?.__typename, JSON.stringify(response)).toMatch(/Payload$/);
      return payload!.version ?? payload!.article!.version;
    };
    const author = await createAuthor(t.prisma);
    const topic = await t.prisma.topic.create({ data: { slug: `copies-${provider}`, name: "Copies" } });
    let version = await step(ADD, { articleId: globalId("Article", draft.id), version: 1, sourceId: globalId("Source", source.id), quote: "On the record." });
    await t.prisma.citation.createMany({ data: [{ articleId: draft.id, sourceId: source.id, position: 1 }, { articleId: other.id, sourceId: source.id, position: 0 }] });
    await t.prisma.byline.createMany({ data: [{ articleId: draft.id, authorId: author.id, position: 0 }, { articleId: other.id, authorId: author.id, position: 0 }] });
    await t.prisma.articleTopic.createMany({ data: [{ articleId: draft.id, topicId: topic.id }, { articleId: other.id, topicId: topic.id }] });
    expect(await strayCopies(t)).toEqual([]);

    version = await step(PUBLISH, { id: globalId("Article", draft.id), version });
    expect((await t.prisma.citation.findFirstOrThrow({ where: { articleId: draft.id } })).articlePublishedAt).not.toBeNull();
    expect(await strayCopies(t)).toEqual([]);
    const scheduled = await createArticle(t.prisma, { status: "DRAFT", publishedAt: null });
    await t.prisma.citation.create({ data: { articleId: scheduled.id, sourceId: source.id } });
    await step(PUBLISH, { id: globalId("Article", scheduled.id), version: 1, publishAt: "2099-05-01T00:00:00Z" });
    expect((await t.prisma.citation.findFirstOrThrow({ where: { articleId: scheduled.id } })).articlePublishedAt).toEqual(new Date("2099-05-01T00:00:00Z"));
    await step(UNPUBLISH, { id: globalId("Article", draft.id), version });
    expect(await strayCopies(t)).toEqual([]);

    // Around the API: a date moved, a citation moved to another article, the copy written itself.
    await t.prisma.article.update({ where: { id: other.id }, data: { publishedAt: new Date("2026-04-02T09:30:00Z") } });
    const moved = await t.prisma.citation.findFirstOrThrow({ where: { articleId: draft.id } });
    await t.prisma.citation.update({ where: { id: moved.id }, data: { articleId: other.id } });
    await t.prisma.citation.updateMany({ data: { articlePublishedAt: new Date("1999-01-01T00:00:00Z") } });
    await t.prisma.byline.updateMany({ data: { articlePublishedAt: new Date("1999-01-01T00:00:00Z") } });
    await t.prisma.articleTopic.update({ where: { articleId_topicId: { articleId: draft.id, topicId: topic.id } }, data: { articleId: scheduled.id } });
    await t.prisma.article.updateMany({ where: { id: other.id }, data: { publishedAt: null } });
    expect(await strayCopies(t)).toEqual([]);
    expect((await t.prisma.articleTopic.findFirstOrThrow({ where: { articleId: scheduled.id } })).articlePublishedAt).toEqual(new Date("2099-05-01T00:00:00Z"));
    expect(await t.prisma.citation.count({ where: { articleId: other.id } })).toBe(2);
  });
});

describe.runIf(testPostgresUrl)("a front page by source, author or topic read from the relation's index, on postgresql", () => {
  let t: TestApp;
  let client: pg.Client;
  type Kind = "source" | "author" | "topic";
  const KINDS: Kind[] = ["source", "author", "topic"];
  /** Each kind's filter on a busy value (most articles) and a rare one (two articles). */
  let filters: Record<Kind, { busy: Record<string, unknown>; rare: Record<string, unknown> }>;
  /** Each kind's busy and rare value as the API's filter takes it. */
  let ids: Record<Kind, string[]>;

  beforeAll(async () => {
    t = await createTestApp({ provider: "postgresql" });
    const prisma = t.prisma;
    const sources = [(await createSource(prisma)).id, (await createSource(prisma)).id];
    const authorRows = [await createAuthor(prisma), await createAuthor(prisma)];
    const authors = authorRows.map((author) => author.id);
    const topics = [(await prisma.topic.create({ data: { slug: "prefix-busy", name: "Busy" } })).id, (await prisma.topic.create({ data: { slug: "prefix-rare", name: "Rare" } })).id];
    const citations: { articleId: number; sourceId: number; position: number }[] = [];
    const bylines: { articleId: number; authorId: number; position: number }[] = [];
    const links: { articleId: number; topicId: number }[] = [];
    for (let i = 0; i < 90; i++) {
      // Drafts, a date to come and equal dates: the prefix must drop what the page drops and keep
      // the page's tie order; some articles cite the busy source twice.
      const status = i % 9 === 8 ? "DRAFT" : "PUBLISHED";
      const publishedAt = status === "DRAFT" && i % 2 === 0 ? null : i % 11 === 10 ? new Date("2099-01-01T00:00:00Z") : new Date(Date.UTC(2026, 0, 1) + (i % 30) * 3_600_000);
      const article = await createArticle(prisma, { status, publishedAt, title: `Prefix ${String(i).padStart(3, "0")}` });
      const busy = i % 3 !== 2;
      const rare = i === 40 || i === 77;
      if (busy) citations.push({ articleId: article.id, sourceId: sources[0]!, position: 0 });
      if (i % 7 === 0) citations.push({ articleId: article.id, sourceId: sources[0]!, position: 1 });
      if (rare) citations.push({ articleId: article.id, sourceId: sources[1]!, position: 2 });
      if (busy) bylines.push({ articleId: article.id, authorId: authors[0]!, position: 0 });
      if (rare) bylines.push({ articleId: article.id, authorId: authors[1]!, position: 1 });
      if (busy) links.push({ articleId: article.id, topicId: topics[0]! });
      if (rare) links.push({ articleId: article.id, topicId: topics[1]! });
    }
    await prisma.citation.createMany({ data: citations });
    await prisma.byline.createMany({ data: bylines });
    await prisma.articleTopic.createMany({ data: links });
    for (const table of ["Article", "Citation", "Byline", "ArticleTopic"]) await prisma.$executeRawUnsafe(`ANALYZE "${table}"`);
    filters = {
      source: { busy: { citations: { some: { sourceId: sources[0] } } }, rare: { citations: { some: { sourceId: sources[1] } } } },
      author: { busy: { bylines: { some: { author: { slug: authorRows[0]!.slug } } } }, rare: { bylines: { some: { authorId: authors[1] } } } },
      topic: { busy: { topics: { some: { topic: { slug: "prefix-busy" } } } }, rare: { topics: { some: { topicId: topics[1] } } } },
    };
    ids = { source: sources.map((id) => globalId("Source", id)), author: authorRows.map((author) => author.slug), topic: ["prefix-busy", "prefix-rare"] };
    client = new pg.Client({ connectionString: t.app.config.databaseUrl });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await t?.close();
  });

  const NEWEST = [{ publishedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }];
  const REVERSED = [{ publishedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }];
  const argsFor = (filter: Record<string, unknown>, orderBy: unknown, extra: Record<string, unknown>[] = [], take = 6) => ({
    where: { AND: [{ status: "PUBLISHED", publishedAt: { lte: new Date() } }, filter, ...extra] },
    orderBy,
    take,
    select: { id: true, title: true, publishedAt: true },
  });

  /** Whether the statement read from the candidates answered, leaving the density statement unread. */
  async function prefixAnswered(statement: Statement): Promise<boolean> {
    expect(statement.sql).toContain('"candidates"("id") AS MATERIALIZED');
    expect(statement.orElse?.sql).toContain('"matches" AS MATERIALIZED');
    const { rows } = await client.query(statement.sql, statement.params as unknown[]);
    return rows.length > 0;
  }

  const read = async (args: Record<string, unknown>) => {
    const statement = compile("postgresql", "Article", structuredClone(args));
    if (!("sql" in statement)) throw new Error(`declined: ${String(statement)}`);
    const compiled = await t.app.database.reads.findMany("Article", structuredClone(args), () => Promise.resolve([{ declined: true }]));
    return { statement, compiled, reference: await t.prisma.article.findMany(structuredClone(args) as never) };
  };

  it.each(KINDS)("answers a busy %s's pages from the candidates, in either direction and past a cursor, with Prisma's rows", async (kind) => {
    const busy = filters[kind].busy;
    for (const orderBy of [NEWEST, REVERSED]) {
      const first = await read(argsFor(busy, orderBy));
      expect(first.reference).toHaveLength(6);
      expect(first.compiled).toEqual(first.reference);
      expect(await prefixAnswered(first.statement)).toBe(true);
      // The next page past the first's last row, as a keyset cursor writes it.
      const last = first.reference.at(-1)!;
      const beyond = orderBy === NEWEST ? "lt" : "gt";
      const cursor = { OR: [{ publishedAt: { [beyond]: last.publishedAt } }, { publishedAt: last.publishedAt, id: { [beyond]: last.id } }] };
      const next = await read(argsFor(busy, orderBy, [cursor]));
      expect(next.reference.length).toBeGreaterThan(0);
      expect(next.compiled).toEqual(next.reference);
      expect(await prefixAnswered(next.statement)).toBe(true);
    }
  });

  it.each(KINDS)("answers from every candidate when the %s has fewer than the candidates' limit", async (kind) => {
    const { busy, rare } = filters[kind];
    for (const args of [argsFor(rare, NEWEST), argsFor(rare, REVERSED), argsFor(busy, NEWEST, [], 80)]) {
      const { statement, compiled, reference } = await read(args);
      expect(reference.length).toBeGreaterThan(0);
      expect(reference.length).toBeLessThan(args.take);
      expect(compiled).toEqual(reference);
      expect(await prefixAnswered(statement)).toBe(true);
    }
  });

  it.each(KINDS)("leaves a %s's page to the density statement when the candidates leave it short, with Prisma's rows", async (kind) => {
    const { busy } = filters[kind];
    for (const args of [argsFor(busy, NEWEST, [{ title: { contains: "Prefix 08" } }]), argsFor(busy, REVERSED, [{ title: { contains: "Prefix 01" } }])]) {
      const { statement, compiled, reference } = await read(args);
      expect(reference.length).toBeGreaterThan(0);
      expect(compiled).toEqual(reference);
      expect(await prefixAnswered(statement)).toBe(false);
    }
  });

  it.each(KINDS)("keeps a %s's page to the density forms for an order the index does not keep, and for an offset", async (kind) => {
    const { busy } = filters[kind];
    for (const args of [argsFor(busy, [{ title: "asc" }, { id: "asc" }]), argsFor(busy, [{ publishedAt: { sort: "asc", nulls: "last" } }, { id: "asc" }]), { ...argsFor(busy, NEWEST), skip: 2 }]) {
      const { statement, compiled, reference } = await read(args);
      expect(statement.sql).not.toContain('"candidates"');
      expect(statement.orElse).toBeUndefined();
      expect(compiled).toEqual(reference);
    }
  });

  it("serves the front page by source, author and topic through the API as the uncompiled path does, after articles' dates move", async () => {
    const query = `query ($filter: ArticleFilter, $after: String, $last: Int, $before: String, $first: Int) {
      articles(first: $first, last: $last, after: $after, before: $before, filter: $filter) { nodes { id title publishedAt } pageInfo { endCursor hasNextPage } }
    }`;
    const prismaOnly = await createApp({ config: { ...t.app.config, compiledReads: false } });
    const viaPrisma = async (variables: Record<string, unknown>) => {
      const response = await prismaOnly.yoga.fetch("http://newsgraph.test/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as { data: unknown };
    };
    const compare = async () => {
      for (const [kind, value] of KINDS.flatMap((kind) => ids[kind].map((value) => [kind, value] as const))) {
        const filter = { [kind]: value };
        const firstPage = await t.graphql(query, { variables: { filter, first: 5 } });
        expect(firstPage.errors).toBeUndefined();
        const after = firstPage.data.articles.pageInfo.endCursor as string;
        for (const page of [{ first: 5 }, { first: 5, after }, { last: 4, before: after }]) {
          const ours = await t.graphql(query, { variables: { filter, ...page } });
          expect(ours.errors).toBeUndefined();
          expect(ours.data).toEqual((await viaPrisma({ filter, ...page })).data);
        }
      }
    };
    try {
      await compare();
      // The newest cited article moves to the back, and an old one to the front.
      const cited = await t.prisma.article.findMany({ where: { ...filters.source.busy, status: "PUBLISHED", publishedAt: { lte: new Date() } }, orderBy: [{ publishedAt: "desc" }, { id: "desc" }] });
      await t.prisma.article.update({ where: { id: cited[0]!.id }, data: { publishedAt: new Date("2020-01-01T00:00:00Z") } });
      await t.prisma.article.update({ where: { id: cited.at(-1)!.id }, data: { publishedAt: new Date("2026-06-01T00:00:00Z") } });
      await compare();
      // A second filter leaving the candidates short: the density statement answers, and /metrics says so.
      const answeredBy = async (by: string) =>
        Number(new RegExp(`^newsgraph_compiled_read_candidates_total\\{answered_by="${by}"\\} (\\d+)$`, "m").exec(await (await t.app.yoga.fetch("http://newsgraph.test/metrics")).text())![1]);
      expect(await answeredBy("candidates")).toBeGreaterThan(0);
      const density = await answeredBy("density");
      const narrowed = { filter: { source: ids.source[0], search: "Prefix 08" }, first: 5 };
      const ours = await t.graphql(query, { variables: narrowed });
      expect(ours.data.articles.nodes.length).toBeGreaterThan(0);
      expect(ours.data).toEqual((await viaPrisma(narrowed)).data);
      expect(await answeredBy("density")).toBe(density + 1);
    } finally {
      await prismaOnly.close();
    }
  });
});
