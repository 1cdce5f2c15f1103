// A page filtered through a to-many relation reads in the form its filter's density calls for
// (src/reads/density.ts): a source cited twice from its citations, one cited by most articles in
// the page's order. Each form must give Prisma's rows, and the statement must run the form its
// gate picks, whatever the plan PostgreSQL made for the statement once for any value.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { testPostgresUrl } from "./helpers/databases.js";
import { createArticle, createSource } from "./helpers/fixtures.js";
import { globalId } from "./helpers/auth.js";
import { createApp } from "../src/app.js";
import { compile } from "../src/reads/compile.js";
import { DENSE, MIDDLE } from "../src/reads/density.js";
import type { Statement } from "../src/reads/statement.js";

const FORMS = ["sparse", "middle", "dense"] as const;
type Form = (typeof FORMS)[number];

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Actual Loops": number;
  Plans?: PlanNode[];
}

describe.runIf(testPostgresUrl)("a to-many filter's form by density, on postgresql", () => {
  let t: TestApp;
  let client: pg.Client;
  const sources = new Map<Form, number>();

  beforeAll(async () => {
    t = await createTestApp({ provider: "postgresql" });
    const prisma = t.prisma;
    const articles: { id: number }[] = [];
    for (let i = 0; i < 120; i++) {
      // Drafts and a future date too: the forms must agree on who sees what as well as on order.
      const status = i % 10 === 9 ? "DRAFT" : "PUBLISHED";
      const publishedAt = i % 15 === 14 ? new Date("2099-01-01T00:00:00Z") : new Date(Date.UTC(2026, 0, 1) + (i % 40) * 3_600_000);
      articles.push(await createArticle(prisma, { status, publishedAt, title: `Density ${String(i).padStart(3, "0")}` }));
    }
    await prisma.$executeRawUnsafe('ANALYZE "Article"');
    const [{ r }] = await prisma.$queryRawUnsafe<[{ r: number }]>(`SELECT sqrt(GREATEST(reltuples, 0)) AS r FROM pg_class WHERE oid = '"Article"'::regclass`);
    // Citations per source: below MIDDLE·√N, between the bounds, and past DENSE·√N (articles cite it more than once).
    const counts: Record<Form, number> = { sparse: 3, middle: Math.ceil((MIDDLE + 1) * r), dense: Math.ceil((DENSE + 1) * r) };
    for (const form of FORMS) {
      const source = await createSource(prisma);
      sources.set(form, source.id);
      const data = Array.from({ length: counts[form] }, (_, k) => ({ articleId: articles[(k * 7) % articles.length]!.id, sourceId: source.id, position: k }));
      await prisma.citation.createMany({ data });
    }
    client = new pg.Client({ connectionString: t.app.config.databaseUrl });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await t?.close();
  });

  const orders = [
    [{ publishedAt: "desc" }, { id: "desc" }],
    [{ publishedAt: "asc" }, { id: "asc" }],
    [{ title: "asc" }, { id: "asc" }],
  ];
  const visible = () => ({ status: "PUBLISHED", publishedAt: { lte: new Date() } });
  const argsFor = (sourceId: number, orderBy: unknown) => ({
    where: { AND: [visible(), { citations: { some: { sourceId } } }] },
    orderBy,
    take: 5,
    select: { id: true, title: true, publishedAt: true },
  });

  /** Which forms' scans of Article ran when `statement` was executed. */
  async function formsRun(statement: Statement): Promise<Form[]> {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.sql}`, statement.params as unknown[]);
    const root = (rows[0]["QUERY PLAN"] as { Plan: PlanNode }[])[0]!.Plan;
    const branches = root["Node Type"] === "Append" ? root.Plans!.filter((plan) => plan["Node Type"] === "Limit") : [];
    const scanned = (node: PlanNode): boolean => (node["Relation Name"] === "Article" && node["Actual Loops"] > 0) || (node.Plans ?? []).some(scanned);
    return FORMS.filter((_, index) => branches[index] && scanned(branches[index]!));
  }

  it.each(FORMS)("reads a %s source's pages in that form, with Prisma's rows", async (form) => {
    const sourceId = sources.get(form)!;
    for (const orderBy of orders) {
      const first = argsFor(sourceId, orderBy);
      const statement = compile("postgresql", "Article", structuredClone(first));
      if (!("sql" in statement)) throw new Error(`declined: ${String(statement)}`);
      expect(await formsRun(statement)).toEqual([form]);
      const reference = await t.prisma.article.findMany(structuredClone(first) as never);
      expect(reference.length).toBeGreaterThan(0);
      expect(await t.app.database.reads.findMany("Article", structuredClone(first), () => Promise.resolve([{ declined: true }]))).toEqual(reference);
      const offset = { ...structuredClone(first), skip: 5 };
      const compiledOffset = await t.app.database.reads.findMany("Article", structuredClone(offset), () => Promise.resolve([{ declined: true }]));
      expect(compiledOffset).toEqual(await t.prisma.article.findMany(offset as never));
    }
  });

  it("serves the front page by each source through the API in one statement, as the uncompiled path does", async () => {
    const query = `query ($filter: ArticleFilter, $after: String, $last: Int, $before: String, $first: Int) {
      articles(first: $first, last: $last, after: $after, before: $before, filter: $filter) { nodes { id title } pageInfo { endCursor hasNextPage } }
    }`;
    // The same database read by an instance whose compiled reads are off: Prisma answers every page.
    const prismaOnly = await createApp({ config: { ...t.app.config, compiledReads: false } });
    const viaPrisma = async (variables: Record<string, unknown>) => {
      const response = await prismaOnly.yoga.fetch("http://newsgraph.test/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as { data: unknown };
    };
    try {
      for (const form of FORMS) {
        const filter = { source: globalId("Source", sources.get(form)!) };
        const firstPage = await t.graphql(query, { variables: { filter, first: 4 } });
        expect(firstPage.errors).toBeUndefined();
        expect(firstPage.data.articles.nodes.length).toBeGreaterThan(1);
        expect(await t.countStatements(() => t.graphql(query, { variables: { filter, first: 4 } }))).toBe(1);
        const after = firstPage.data.articles.pageInfo.endCursor as string;
        for (const page of [{ first: 4 }, { first: 4, after }, { last: 3, before: after }]) {
          const ours = await t.graphql(query, { variables: { filter, ...page } });
          expect(ours.errors).toBeUndefined();
          expect(ours.data).toEqual((await viaPrisma({ filter, ...page })).data);
        }
      }
    } finally {
      await prismaOnly.close();
    }
  });
});
