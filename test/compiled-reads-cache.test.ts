// The compiled reads' statement cache is keyed by the shape of a read, its values bound as
// parameters: many articles mean one statement, and a bad value still goes to Prisma.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";

const PAGE = `query ($id: ID!) { article(id: $id) { title authors { name } comments(first: 3) { nodes { id body } } } }`;

describe.each(providers)("the compiled reads' statement cache on %s", (provider) => {
  let t: TestApp;
  let ids: number[];
  beforeAll(async () => {
    t = await createTestApp({ provider });
    ids = (await t.prisma.article.findMany({ where: { status: "PUBLISHED" }, select: { id: true } })).map((row) => row.id);
  });
  afterAll(() => t.close());

  const fallbacks = () => [...t.app.database.reads.counts.fallbacks.values()].reduce((sum, reasons) => sum + [...reasons.values()].reduce((a, b) => a + b, 0), 0);

  it("holds one statement for the article page whichever article it reads, and shows the count on /metrics", async () => {
    const reads = t.app.database.reads;
    const first = await t.graphql(PAGE, { variables: { id: globalId("Article", ids[0]!) } });
    expect(first.data.article.title).toBeTruthy();
    const held = reads.counts.statements;
    expect(held).toBeGreaterThan(0);
    const compiledBefore = reads.counts.compiled;
    const titles = new Set<string>();
    // The published articles, then ids of none: each a read of the same shape.
    for (const id of [...ids, ...Array.from({ length: 100 }, (_, index) => 1_000_000 + index)]) {
      const { data, errors } = await t.graphql(PAGE, { variables: { id: globalId("Article", id) } });
      expect(errors).toBeUndefined();
      if (data.article) titles.add(data.article.title);
    }
    expect(titles.size).toBe(ids.length);
    expect(reads.counts.compiled - compiledBefore).toBe(ids.length + 100);
    expect(reads.counts.statements).toBe(held);
    const metrics = await (await t.app.yoga.fetch("http://newsgraph.test/metrics")).text();
    expect(metrics).toMatch(new RegExp(`^newsgraph_compiled_read_statements ${held}$`, "m"));
  });

  it("compiles ten thousand reads of different ids into one statement", async () => {
    const reads = t.app.database.reads;
    const find = (id: number) => reads.findFirst<{ id: number }>("Article", { where: { id, status: "PUBLISHED" }, select: { id: true, slug: true } }, () => Promise.reject(new Error("fell back")));
    await find(0);
    const held = reads.counts.statements;
    for (let start = 1; start <= 10_000; start += 100) {
      const batch = Array.from({ length: 100 }, (_, index) => start + index);
      const rows = await Promise.all(batch.map(find));
      expect(rows.map((row, index) => row?.id ?? batch[index])).toEqual(batch);
    }
    expect(reads.counts.statements).toBe(held);
  });

  it("leaves a read with a bad value to Prisma, whether or not its shape was compiled before", async () => {
    const reads = t.app.database.reads;
    const find = (createdAt: unknown) => {
      let fellBack = false;
      const rows = reads.findMany("Comment", { where: { createdAt: { gt: createdAt } }, select: { id: true }, take: 2 }, async () => {
        fellBack = true;
        return [];
      });
      return rows.then((found) => ({ found, fellBack }));
    };
    const before = fallbacks();
    expect(await find("not a date")).toEqual({ found: [], fellBack: true });
    const good = await find("2000-01-01T00:00:00Z");
    expect(good.fellBack).toBe(false);
    expect(good.found).toHaveLength(2);
    expect(await find("2026-13-45")).toEqual({ found: [], fellBack: true });
    expect(await find(new Date(Number.NaN))).toEqual({ found: [], fellBack: true });
    expect(fallbacks() - before).toBe(3);
    expect(reads.counts.fallbacks.get("Comment")?.get("date filter")).toBe(3);
  });

  it("keeps apart reads whose shapes differ only in what the SQL depends on: null, list length, kind", async () => {
    const reads = t.app.database.reads;
    const prisma = t.prisma;
    const compare = async (where: Record<string, unknown>) => {
      const args = { where, select: { id: true }, orderBy: { id: "asc" as const } };
      expect(await reads.findMany("Comment", args, () => Promise.reject(new Error("fell back")))).toEqual(await prisma.comment.findMany(args as never));
    };
    await compare({ parentId: 1 });
    await compare({ parentId: null });
    await compare({ id: { in: [1, 2] } });
    await compare({ id: { in: [1, 2, 3] } });
    await compare({ id: { in: [] } });
    await compare({ body: { contains: "the" } });
    await compare({ body: { contains: "Geneva" } });
  });
});
