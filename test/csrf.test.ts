// Cross-site requests: a browser form on another site cannot run a mutation here, while JSON POSTs,
// GET queries and GraphiQL work as before; CORS origins are a setting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeId } from "../src/ids.js";
import { CSRF_HEADER } from "../src/limits/csrf.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { createArticle } from "./helpers/fixtures.js";

const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { __typename } }`;
const url = "http://newsgraph.test/graphql";

describe("cross-site request forgery", () => {
  let t: TestApp;
  let articleId: number;
  let input: object;
  beforeAll(async () => {
    t = await createTestApp({ provider: "sqlite", env: { GRAPHIQL: "true" } });
    articleId = (await createArticle(t.prisma)).id;
    input = { articleId: encodeId("Article", articleId), body: "Posted from a form on another site", guest: { name: "Forger", email: "forger@example.org" } };
  });
  afterAll(() => t.close());

  const comments = () => t.prisma.comment.count({ where: { articleId } });

  it("refuses a mutation sent as a form (application/x-www-form-urlencoded), and posts nothing", async () => {
    const body = new URLSearchParams({ query: ADD, variables: JSON.stringify({ input }) });
    const response = await t.app.yoga.fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    expect(response.status).toBe(403);
    expect((await response.json()).errors).toMatchObject([{ extensions: { code: "CSRF_HEADER_REQUIRED" } }]);
    expect(await comments()).toBe(0);
  });

  it("refuses a mutation sent as multipart/form-data or text/plain, and posts nothing", async () => {
    const form = new FormData();
    form.set("query", ADD);
    form.set("variables", JSON.stringify({ input }));
    const multipart = await t.app.yoga.fetch(url, { method: "POST", body: form });
    expect(multipart.status).toBeGreaterThanOrEqual(400);
    expect(multipart.status).toBeLessThan(500);
    const plain = await t.app.yoga.fetch(url, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ query: ADD, variables: { input } }) });
    expect(plain.status).toBeGreaterThanOrEqual(400);
    expect(plain.status).toBeLessThan(500);
    expect(await comments()).toBe(0);
  });

  it("lets a script that sets the CSRF header send a form", async () => {
    const body = new URLSearchParams({ query: "{ articles(first: 1) { totalCount } }" });
    const response = await t.app.yoga.fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", [CSRF_HEADER]: "1" }, body });
    expect(response.status).toBe(200);
    expect((await response.json()).data.articles.totalCount).toBeGreaterThan(0);
  });

  it("still runs a mutation sent as JSON", async () => {
    const result = await t.graphql(ADD, { variables: { input } });
    expect(result.data).toEqual({ addComment: { __typename: "AddCommentPayload" } });
    expect(await comments()).toBe(1);
  });

  it("still answers a GET query without any header", async () => {
    const response = await t.app.yoga.fetch(`${url}?query=${encodeURIComponent("{ articles(first: 1) { totalCount } }")}`);
    expect(response.status).toBe(200);
    expect((await response.json()).data.articles.totalCount).toBeGreaterThan(0);
  });

  it("still serves GraphiQL", async () => {
    const response = await t.app.yoga.fetch(url, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/GraphiQL/);
  });
});

describe("CORS origins", () => {
  const preflight = (t: TestApp, origin: string) =>
    t.app.yoga.fetch(url, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" } });

  it("answers any origin by default: a public read API, signed in by bearer token rather than cookies", async () => {
    const t = await createTestApp({ provider: "sqlite" });
    try {
      const response = await preflight(t, "https://reader.example");
      expect(["*", "https://reader.example"]).toContain(response.headers.get("access-control-allow-origin"));
      expect(response.headers.get("access-control-allow-credentials")).not.toBe("true");
    } finally {
      await t.close();
    }
  });

  it("answers only the origins listed in CORS_ORIGINS", async () => {
    const t = await createTestApp({ provider: "sqlite", env: { CORS_ORIGINS: "https://news.example, https://app.news.example" } });
    try {
      expect((await preflight(t, "https://app.news.example")).headers.get("access-control-allow-origin")).toBe("https://app.news.example");
      const foreign = (await preflight(t, "https://elsewhere.example")).headers.get("access-control-allow-origin");
      expect(foreign === null || !foreign.includes("elsewhere")).toBe(true);
      expect(foreign).not.toBe("*");
    } finally {
      await t.close();
    }
  });
});
