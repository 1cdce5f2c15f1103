// Every order a hot page reads in is read from an index on PostgreSQL: the planner, told to avoid
// sorting, still has to sort when no index holds the rows in that order, and then the page costs a
// sort of every article (or every comment of the article) instead of the page's rows.
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { testPostgresUrl } from "./helpers/databases.js";
import { plannerOptions } from "../src/db.js";

const FRONT = readFileSync("bench/queries/front-page-variant.graphql", "utf8");
const COMMENTS = readFileSync("bench/queries/comments-page.graphql", "utf8");

/** One request's answer and the SQL statements it sent, as the compiled reads log them. */
async function requestSql(t: TestApp, query: string, variables: Record<string, unknown>): Promise<{ data: any; statements: string[] }> {
  // The instance's own reads (due publications and closings, the site's rules) happen first, outside the page's.
  await Promise.all([t.app.scheduler.wake(), t.app.closing.wake(), t.app.services.rules.current()]);
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  try {
    const { data, errors } = await t.graphql(query, { variables });
    expect(errors).toBeUndefined();
    expect(data).toBeTruthy();
    return { data, statements: log.mock.calls.map(([line]) => String(line)).filter((line) => line.startsWith("[sql] ")).map((line) => line.slice(6)) };
  } finally {
    log.mockRestore();
  }
}

/** The plan PostgreSQL makes once for any values of `sql`; `discourage` makes sorting and whole-table scans as costly as the planner allows. */
async function genericPlan(t: TestApp, sql: string, { discourage }: { discourage: boolean }): Promise<string> {
  const parameters = Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])));
  const rows = (await t.prisma.$transaction(async (tx) => {
    if (discourage) {
      await tx.$executeRawUnsafe("SET LOCAL enable_sort = off");
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
    }
    await tx.$executeRawUnsafe("SET LOCAL plan_cache_mode = force_generic_plan");
    await tx.$executeRawUnsafe(`PREPARE order_plan AS ${sql}`);
    try {
      const nulls = Array.from({ length: parameters }, () => "NULL").join(", ");
      return await tx.$queryRawUnsafe(`EXPLAIN EXECUTE order_plan${parameters ? `(${nulls})` : ""}`);
    } finally {
      await tx.$executeRawUnsafe("DEALLOCATE order_plan");
    }
  })) as { "QUERY PLAN": string }[];
  return rows.map((row) => row["QUERY PLAN"]).join("\n");
}

describe.runIf(testPostgresUrl)("the hot pages' orders on postgresql", () => {
  let t: TestApp;
  let articleId: string;

  beforeAll(async () => {
    t = await createTestApp({ provider: "postgresql", env: { LOG_QUERIES: "true" } });
    const article = await t.prisma.article.findFirstOrThrow({ where: { status: "PUBLISHED" }, orderBy: { id: "asc" } });
    articleId = globalId("Article", article.id);
  });
  afterAll(() => t.close());

  const statementsOf = async (query: string, variables: Record<string, unknown>) => (await requestSql(t, query, variables)).statements;
  const planOf = (sql: string) => genericPlan(t, sql, { discourage: true });

  const pages: [string, string, (id: string) => Record<string, unknown>][] = [
    ...["NEWEST", "OLDEST", "RECENTLY_UPDATED", "TITLE"].map((order): [string, string, () => Record<string, unknown>] => [`articles ${order}`, FRONT, () => ({ first: 20, orderBy: order })]),
    ["articles NEWEST backwards", FRONT, () => ({ last: 20, orderBy: "NEWEST" })],
    ...["NEWEST", "OLDEST", "MOST_REPLIES", "BEST"].map((order): [string, string, (id: string) => Record<string, unknown>] => [`comments ${order}`, COMMENTS, (id) => ({ id, first: 20, orderBy: order })]),
    ["comments OLDEST backwards", COMMENTS, (id) => ({ id, last: 20, orderBy: "OLDEST" })],
  ];

  /** Pages after and before a cursor from the second page, with the column their index scan must start from. */
  const cursorPages: [string, string, "articles" | "comments", string, Record<string, unknown>][] = [
    ["articles NEWEST before a cursor", FRONT, "articles", "publishedAt", { last: 20, orderBy: "NEWEST" }],
    ["articles NEWEST after a cursor", FRONT, "articles", "publishedAt", { first: 20, orderBy: "NEWEST" }],
    ["articles OLDEST after a cursor", FRONT, "articles", "publishedAt", { first: 20, orderBy: "OLDEST" }],
    ["comments OLDEST after a cursor", COMMENTS, "comments", "createdAt", { first: 20, orderBy: "OLDEST" }],
    ["comments OLDEST before a cursor", COMMENTS, "comments", "createdAt", { last: 20, orderBy: "OLDEST" }],
    ["comments NEWEST after a cursor", COMMENTS, "comments", "createdAt", { first: 20, orderBy: "NEWEST" }],
    ["comments BEST after a cursor", COMMENTS, "comments", "bestScore", { first: 20, orderBy: "BEST" }],
  ];

  it.each(cursorPages)("starts %s where the cursor stands, with no value known when it is planned", async (_name, query, list, column, page) => {
    const firstPage = { ...(list === "comments" ? { id: articleId } : {}), first: 2, orderBy: page.orderBy };
    const { data } = await t.graphql(query, { variables: firstPage });
    const connection = list === "comments" ? data.article.comments : data.articles;
    const cursor = connection.pageInfo.endCursor;
    const variables = { ...(list === "comments" ? { id: articleId } : {}), ...page, ...("last" in page ? { before: cursor } : { after: cursor }) };
    const statements = await statementsOf(query, variables);
    expect(statements).toHaveLength(1);
    // A generic plan knows no cursor: unless the order's column bounds the scan, it filters from the first row.
    // The page's other filters may bound the column too (the public's `publishedAt <= now`): the cursor adds one more.
    const bounds = (plan: string) => (plan.match(/Index Cond: .*/g) ?? []).join("\n").match(new RegExp(`"${column}" [<>]=`, "g"))?.length ?? 0;
    const [uncursored] = await statementsOf(query, { ...variables, after: undefined, before: undefined });
    expect(bounds(await planOf(statements[0]!))).toBe(bounds(await planOf(uncursored!)) + 1);
  });

  it("counts a page's rows only when the page asks for its totalCount", async () => {
    const [page] = await statementsOf(COMMENTS, { id: articleId, first: 20, orderBy: "OLDEST" });
    expect(page).not.toMatch(/COUNT\(/i);
    const counted = COMMENTS.replace("pageInfo {", "totalCount pageInfo {");
    const [withCount] = await statementsOf(counted, { id: articleId, first: 20, orderBy: "OLDEST" });
    expect(withCount).toMatch(/COUNT\(/i);
  });

  it("tells an article cites a source from the citations' index, without reading their rows", async () => {
    const citation = await t.prisma.citation.findFirstOrThrow({ where: { article: { status: "PUBLISHED" } } });
    const [page] = await statementsOf(FRONT, { first: 20, filter: { source: globalId("Source", citation.sourceId) } });
    const plan = await planOf(page!);
    // The candidates read a source's citations in their articles' order; the density forms, by article.
    expect(plan).toMatch(/Index (Only )?Scan using "Citation_sourceId_(articlePublishedAt_)?articleId_idx"/);
    expect(plan).not.toMatch(/Filter: \(.*"sourceId"/);
  });

  it.each([
    ["topic", "Topic", async () => (await t.prisma.topic.findFirstOrThrow({ where: { articles: { some: {} } } })).slug],
    ["author", "Author", async () => (await t.prisma.author.findFirstOrThrow({ where: { bylines: { some: {} } } })).slug],
  ] as const)("finds the %s a front page is filtered by once, not for every article it passes", async (filter, table, slug) => {
    const [page] = await statementsOf(FRONT, { first: 20, filter: { [filter]: await slug() } });
    const plan = await planOf(page!);
    // Read once for the statement, as an InitPlan, rather than looked up inside the loop over articles.
    expect(plan).toMatch(new RegExp(`InitPlan \\d+ \\(returns \\$\\d+\\)\\n\\s+->  [A-Za-z ]*Scan (using \\S+ )?on "${table}"[^\\n]*\\n\\s+(Index Cond|Filter): \\(slug = `));
  });

  it("plans the compiled reads once for any values, and Prisma's as PostgreSQL chooses", async () => {
    const settings = async (options: string | undefined) => {
      const client = new pg.Client({ connectionString: testPostgresUrl!, options });
      await client.connect();
      try {
        const { rows } = await client.query("SELECT current_setting('plan_cache_mode') AS mode, current_setting('random_page_cost') AS cost");
        return rows[0];
      } finally {
        await client.end();
      }
    };
    expect(await settings(plannerOptions(testPostgresUrl!, { genericPlans: true }))).toEqual({ mode: "force_generic_plan", cost: "1.1" });
    expect(await settings(plannerOptions(testPostgresUrl!))).toEqual({ mode: "auto", cost: "1.1" });
  });

  it.each(pages)("reads %s from an index, with nothing to sort", async (_name, query, variables) => {
    const statements = await statementsOf(query, variables(articleId));
    expect(statements).toHaveLength(1);
    const plan = await planOf(statements[0]!);
    expect(plan).toMatch(/Index (Only )?Scan/);
    expect(plan).not.toMatch(/Sort/);
  });
});

// The statistics of a real comment section: one article holds most of the comments and the rest a
// few each, so the plan made once for any article expects a handful of rows. It must still read the
// hot article's page from the index in order, not gather all of its comments and sort them.
describe.runIf(testPostgresUrl)("the comments page on postgresql, planned once from skewed statistics", () => {
  let t: TestApp;
  let articleId: string;

  beforeAll(async () => {
    t = await createTestApp({ provider: "postgresql", env: { LOG_QUERIES: "true" } });
    const hot = await t.prisma.article.findFirstOrThrow({ where: { status: "PUBLISHED" }, orderBy: { id: "asc" } });
    articleId = globalId("Article", hot.id);
    const published = new Date("2026-01-01T00:00:00Z");
    await t.prisma.article.createMany({
      data: Array.from({ length: 300 }, (_, n) => ({ slug: `quiet-${n}`, title: `Quiet ${n}`, body: [], status: "PUBLISHED" as const, publishedAt: published })),
    });
    const quiet = await t.prisma.article.findMany({ where: { slug: { startsWith: "quiet-" } }, select: { id: true } });
    const at = (n: number) => new Date(published.getTime() + n * 1000);
    // As the benchmark's dataset: a tenth pending and a tenth spam, three in ten replies.
    const status = (n: number) => (["PENDING", "SPAM"] as const)[n % 10] ?? ("APPROVED" as const);
    const thread = (articleId: number, count: number) =>
      Array.from({ length: count }, (_, n) => ({ articleId, authorName: "Reader", body: `Comment ${n}`, createdAt: at(n), status: status(n), depth: n % 10 < 3 ? 1 : 0 }));
    const rows = [thread(hot.id, 2000), ...quiet.map(({ id }) => thread(id, 20))].flat();
    await t.prisma.comment.createMany({ data: rows.filter((row) => row.depth === 0) });
    const tops = await t.prisma.comment.findMany({ where: { parentId: null }, select: { id: true, articleId: true } });
    const firstTop = new Map<number, number>();
    for (const top of tops) if (!firstTop.has(top.articleId)) firstTop.set(top.articleId, top.id);
    await t.prisma.comment.createMany({
      data: rows.filter((row) => row.depth === 1).map((row) => ({ ...row, parentId: firstTop.get(row.articleId)!, rootId: firstTop.get(row.articleId)! })),
    });
    await t.prisma.$executeRawUnsafe('ANALYZE "Comment"');
  });
  afterAll(() => t.close());

  it.each([
    ["NEWEST", { first: 20, orderBy: "NEWEST" }],
    ["OLDEST", { first: 20, orderBy: "OLDEST" }],
    ["MOST_REPLIES", { first: 20, orderBy: "MOST_REPLIES" }],
    ["BEST", { first: 20, orderBy: "BEST" }],
    ["OLDEST backwards", { last: 20, orderBy: "OLDEST" }],
  ])("reads the %s page of the hot article in the index's order", async (_name, page) => {
    const { data, statements } = await requestSql(t, COMMENTS, { id: articleId, ...page });
    expect(data.article.comments.nodes).toHaveLength(20);
    expect(statements).toHaveLength(1);
    const text = await genericPlan(t, statements[0]!, { discourage: false });
    expect(text).toMatch(/Index Scan (Backward )?using "Comment_(articleId_\w+_top_idx|top_level_best_idx)"/);
    expect(text).not.toMatch(/Sort|BitmapOr/);
  });
});
