// The event loop stays responsive while the costliest queries the limits accept run on SQLite, whose
// calls block the thread they run on: /health is answered during the query, not after it. The times
// are printed; the 100 ms bound is not asserted, as a shared machine's load decides them.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../src/config.js";
import { LONG_TEXT_COST } from "../src/limits/field-cost.js";
import type { RunningServer } from "../src/server.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { createArticle } from "./helpers/fixtures.js";

/** The longest body a comment may have: the worst case carries it in every row. */
const BODY = "Long comment. ".repeat(357).slice(0, 5000);
const maxCost = loadConfig({}).queryLimits.maxCost;
const bodyCost = LONG_TEXT_COST["Comment.body"]!;
// 1 + 100 × (nodes 1 + replies (1 + n × (nodes 1 + [body]))) + [100 × body]: the most replies each shape may ask for.
const withBodies = Math.floor((maxCost - 1 - 100 * (2 + bodyCost)) / (100 * (1 + bodyCost)));
const withoutBodies = Math.floor((maxCost - 201) / 100);

describe("the event loop under the costliest accepted queries on sqlite", () => {
  let t: TestApp;
  let server: RunningServer;
  let slug: string;
  beforeAll(async () => {
    t = await createTestApp({ provider: "sqlite" });
    const article = await createArticle(t.prisma);
    slug = article.slug;
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 2) + minute * 60_000);
    const replies = Math.max(withBodies, withoutBodies);
    await t.prisma.comment.createMany({
      data: Array.from({ length: 100 }, (_, c) => ({ articleId: article.id, authorName: "Reader", body: BODY, replyCount: replies, createdAt: at(c) })),
    });
    const tops = await t.prisma.comment.findMany({ where: { articleId: article.id }, select: { id: true }, orderBy: { id: "asc" } });
    for (const top of tops) {
      await t.prisma.comment.createMany({
        data: Array.from({ length: replies }, (_, r) => ({ articleId: article.id, parentId: top.id, rootId: top.id, depth: 1, authorName: "Replier", body: BODY, createdAt: at(1000 + r) })),
      });
    }
    server = await t.listen();
  }, 120_000);
  afterAll(() => t.close());

  /** Runs `query` on the real port, asking /health again and again until it is answered; returns what each probe waited. */
  async function probeDuring(query: string) {
    const base = server.url.replace(/\/graphql$/, "");
    let done = false;
    // The body is taken as bytes: parsing it here would hold this process's loop, which the probes share.
    const answer = fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) })
      .then(async (response) => ({ status: response.status, body: await response.arrayBuffer() }))
      .finally(() => (done = true));
    const probes: number[] = [];
    while (!done) {
      const sent = performance.now();
      await (await fetch(`${base}/health`)).arrayBuffer();
      if (!done) probes.push(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const { status, body } = await answer;
    const result = JSON.parse(Buffer.from(body).toString());
    expect(status).toBe(200);
    expect(result.errors).toBeUndefined();
    const loaded = result.data.article.comments.nodes.reduce((sum: number, node: { replies: { nodes: unknown[] } }) => sum + 1 + node.replies.nodes.length, 0);
    console.log(`${loaded} comments, ${(body.byteLength / 1e6).toFixed(1)} MB; /health asked ${probes.length} times, median ${median(probes).toFixed(1)} ms, slowest ${Math.max(...probes).toFixed(1)} ms`);
    return { probes, loaded };
  }

  it.each([
    ["bodies of 5,000 characters", withBodies, "body"],
    ["no bodies", withoutBodies, "createdAt"],
  ])("answers /health while 100 comments and their replies are read, %s, not after", async (_name, replies, field) => {
    const query = `{ article(slug: "${slug}") { comments(first: 100) { nodes { ${field} replies(first: ${replies}) { nodes { ${field} } } } } } }`;
    // Once to warm the caches, then measured.
    await probeDuring(query);
    const { probes, loaded } = await probeDuring(query);
    expect(loaded).toBe(100 * (1 + replies));
    // An operation that never let the loop turn would leave every probe waiting until it had answered.
    expect(probes.length).toBeGreaterThanOrEqual(1);
  });

  it("lets timers run while such a query executes in this process, in slices", async () => {
    const query = `{ article(slug: "${slug}") { comments(first: 100) { nodes { createdAt replies(first: ${withoutBodies}) { nodes { createdAt } } } } } }`;
    let ticks = 0;
    // Every reading of the clock counts a millisecond more, so the operation outlasts a slice on
    // any machine: on a fast one it could otherwise finish inside one and have no reason to yield.
    const realNow = performance.now.bind(performance);
    let readings = 0;
    const clock = vi.spyOn(performance, "now").mockImplementation(() => realNow() + readings++);
    const timer = setInterval(() => ticks++, 1);
    const response = await t.app.yoga.fetch("http://newsgraph.test/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
    const text = await response.text();
    clearInterval(timer);
    clock.mockRestore();
    expect(JSON.parse(text).errors).toBeUndefined();
    // Settled promises alone would run the whole operation without one timer firing.
    expect(ticks).toBeGreaterThanOrEqual(1);
  });
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
