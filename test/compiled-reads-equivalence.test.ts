// The compiled reads answer as Prisma does, proven by generation: find arguments drawn from the
// shapes the schema produces (test/helpers/read-arguments.ts) go through the compiled reader and
// through Prisma on the same database, and must give the same rows in the same order. A case the
// compiler declines proves nothing, so every generated case must compile. Reproduce a run with
// FUZZ_SEED=<the printed seed>; a failure prints the model and arguments of the smallest case.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle, createAuthor, createComment } from "./helpers/fixtures.js";
import { reads, type Facts, type Read } from "./helpers/read-arguments.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const RUNS = Number(process.env.EQUIVALENCE_RUNS ?? 250);
const EDIT_KEY = "e".repeat(64);

const fallbacks = (t: TestApp) => [...t.app.database.reads.counts.fallbacks.values()].reduce((sum, reasons) => sum + [...reasons.values()].reduce((a, b) => a + b, 0), 0);

describe.each(providers)("compiled reads equal Prisma's on %s", (provider) => {
  let t: TestApp;
  let facts: Facts;

  beforeAll(async () => {
    t = await createTestApp({ provider });
    const prisma = t.prisma;
    // Ties and nulls, so that keyset pages and nulls-last orders meet them: two articles published
    // at the same instant, drafts with no date, comments posted in the same millisecond.
    const tied = new Date("2026-11-20T08:00:00.000Z");
    const writer = await createAuthor(prisma, { name: "Tied Writer", avatarUrl: null });
    const topic = await prisma.topic.findFirstOrThrow({ orderBy: { id: "asc" } });
    for (const [index, publishedAt] of [tied, tied, null, null].entries()) {
      const article = await createArticle(prisma, { title: `Tie ${index} geneva`, status: publishedAt ? "PUBLISHED" : "DRAFT", publishedAt, subtitle: index % 2 ? null : "Sub" });
      await prisma.byline.create({ data: { articleId: article.id, authorId: writer.id, position: 0 } });
      await prisma.articleTopic.create({ data: { articleId: article.id, topicId: topic.id } });
      const at = new Date("2026-11-21T10:00:00.000Z");
      const first = await createComment(prisma, { articleId: article.id, createdAt: at });
      await createComment(prisma, { articleId: article.id, createdAt: at, status: "PENDING", userId: "reader-1" });
      await createComment(prisma, { articleId: article.id, createdAt: at, status: "PENDING", editKeyHash: EDIT_KEY });
      await createComment(prisma, { articleId: article.id, parentId: first.id, createdAt: at });
      await createComment(prisma, { articleId: article.id, parentId: first.id, createdAt: at, status: "SPAM" });
      // BEST scores, tied across articles and fractional, for the BEST order's keyset pages.
      await createComment(prisma, { articleId: article.id, createdAt: at, reactionCounts: { RESPECT: 2 }, reactionTotal: 2, bestScore: 2222.5849625007214 });
    }
    // Table sizes as the planner knows them, so pages filtered through a relation take each of their forms (src/reads/density.ts).
    if (provider === "postgresql") await prisma.$executeRawUnsafe("ANALYZE");
    const withArticle = { include: { article: { select: { publishedAt: true } } } } as const;
    facts = {
      articles: await prisma.article.findMany(),
      comments: await prisma.comment.findMany(),
      bylines: await prisma.byline.findMany(withArticle),
      links: await prisma.articleTopic.findMany(withArticle),
      topicSlugs: (await prisma.topic.findMany()).map((row) => row.slug),
      authorSlugs: (await prisma.author.findMany()).map((row) => row.slug),
      sourceIds: (await prisma.source.findMany()).map((row) => row.id),
      words: ["geneva", "GENEVA", "Tie", "the", "minister", "zzz-nothing"],
      userId: "reader-1",
      editKeyHash: EDIT_KEY,
    };
  });
  afterAll(() => t.close());

  it("answers every generated read as Prisma does, row for row and in order, and compiles every one", { timeout: 300_000 }, async () => {
    console.log(`equivalence seed ${SEED} on ${provider}, ${RUNS} runs (set FUZZ_SEED to change it)`);
    const prisma = t.prisma as unknown as Record<string, { findMany(args: unknown): Promise<unknown[]> }>;
    const delegate = (model: string) => prisma[model[0]!.toLowerCase() + model.slice(1)]!;
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(reads(facts, provider), async ({ model, args }: Read) => {
        const before = fallbacks(t);
        const compiled = await t.app.database.reads.findMany(model, structuredClone(args), () => Promise.resolve([{ declined: true }]));
        expect(fallbacks(t) - before, "the compiler declined this case").toBe(0);
        const reference = await delegate(model).findMany(structuredClone(args));
        expect(compiled).toEqual(reference);
        if (reference.length > 0) nonEmpty++;
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // Cases that match nothing prove little: most must return rows.
    expect(nonEmpty).toBeGreaterThan(RUNS / 3);
  });
});
