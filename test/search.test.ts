import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../src/app.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createArticle } from "./helpers/fixtures.js";

const SEARCH = `query ($search: String) { articles(first: 100, filter: { search: $search }, orderBy: TITLE) { totalCount nodes { title } } }`;

describe.each(providers)("search on %s", (provider) => {
  let t: TestApp;
  let prismaOnly: App;

  beforeAll(async () => {
    t = await createTestApp({ provider });
    prismaOnly = await createApp({ config: { ...t.app.config, compiledReads: false } });
    for (const title of ["Rates rise 100% in a year", "Rates rise 1000 points", "The snake_case memo", "The snakeXcase memo", "A back\\slash in the filing", "Plain headline"]) {
      await createArticle(t.prisma, { title });
    }
  });
  afterAll(async () => {
    await prismaOnly.close();
    await t.close();
  });

  const search = async (app: App, text: string) => {
    const response = await app.yoga.fetch("http://newsgraph.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: SEARCH, variables: { search: text } }),
    });
    const { data, errors } = (await response.json()) as { data: any; errors?: unknown };
    expect(errors).toBeUndefined();
    return { titles: data.articles.nodes.map((node: { title: string }) => node.title), totalCount: data.articles.totalCount };
  };

  it.each([
    ["%", ["Rates rise 100% in a year"]],
    ["100%", ["Rates rise 100% in a year"]],
    ["_", ["The snake_case memo"]],
    ["SNAKE_CASE", ["The snake_case memo"]],
    ["\\", ["A back\\slash in the filing"]],
    ["back\\SLASH", ["A back\\slash in the filing"]],
    ["%%", []],
  ])("matches %j literally and case-insensitively, through the compiled reads and through Prisma alike", async (text, expected) => {
    for (const app of [t.app, prismaOnly]) {
      const { titles, totalCount } = await search(app, text);
      expect(titles).toEqual(expected);
      expect(totalCount).toBe(expected.length);
    }
  });
});
