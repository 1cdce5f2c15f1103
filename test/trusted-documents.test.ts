// Trusted documents: with TRUSTED_DOCUMENTS on, only the operations under schema/operations run,
// sent by hash or as the SDK sends them, over HTTP and graphql-ws; GraphiQL still works in development.
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeId } from "../src/ids.js";
import { documentHash } from "../src/limits/trusted-documents.js";
import { ArticleListDocument, createNewsgraphClient, LiveCommentsDocument } from "../src/sdk/client.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { createArticle } from "./helpers/fixtures.js";
import { connect, subscribe } from "./helpers/ws.js";

const url = "http://newsgraph.test/graphql";
const ARBITRARY = "{ articles(first: 1) { totalCount } }";
const codes = (body: { errors?: { extensions?: { code?: string } }[] }) => (body.errors ?? []).map((error) => error.extensions?.code);
const post = (t: TestApp, body: object, headers: Record<string, string> = {}) =>
  t.app.yoga.fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

describe("trusted documents", () => {
  it("are off by default: any operation runs", async () => {
    const t = await createTestApp({ provider: "sqlite" });
    try {
      expect((await t.graphql(ARBITRARY)).errors).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  describe("with TRUSTED_DOCUMENTS=true", () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ provider: "sqlite", env: { TRUSTED_DOCUMENTS: "true" } });
    });
    afterAll(() => t.close());

    it("refuses an operation that is not listed", async () => {
      const response = await post(t, { query: ARBITRARY });
      expect(response.status).toBe(403);
      expect(codes(await response.json())).toEqual(["TRUSTED_DOCUMENTS_ONLY"]);
    });

    it("runs a listed operation sent by the SDK as text", async () => {
      const client = createNewsgraphClient({ url, fetch: ((input: string, init: RequestInit) => t.app.yoga.fetch(input, init)) as typeof fetch });
      const { articles } = await client.request(ArticleListDocument, { first: 2 });
      expect(articles.nodes).toHaveLength(2);
      await client.dispose();
    });

    it("runs a listed operation sent by its hash, and refuses an unknown hash", async () => {
      const sha256Hash = documentHash(print(ArticleListDocument));
      const listed = await post(t, { variables: { first: 1 }, extensions: { persistedQuery: { version: 1, sha256Hash } } });
      expect((await listed.json()).data.articles.nodes).toHaveLength(1);
      const unknown = await post(t, { extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(ARBITRARY) } } });
      expect(codes(await unknown.json())).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
    });

    it("refuses a listed operation changed by a single character", async () => {
      const response = await post(t, { query: print(ArticleListDocument).replace("totalCount", "totalCount ") });
      expect(codes(await response.json())).toEqual(["TRUSTED_DOCUMENTS_ONLY"]);
    });

    it("holds graphql-ws to the same list", async () => {
      const server = await t.listen();
      const article = await createArticle(t.prisma);
      const client = connect(server.url);
      try {
        const unlisted = subscribe(client, `subscription ($id: ID!) { commentAdded(articleId: $id) { __typename } }`, { id: encodeId("Article", article.id) });
        await expect(unlisted.error).rejects.toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: "TRUSTED_DOCUMENTS_ONLY" }) })]);
        const listed = subscribe(client, print(LiveCommentsDocument), { articleId: encodeId("Article", article.id) });
        await listed.expectSilence(200);
        listed.unsubscribe();
      } finally {
        await client.dispose();
      }
    });

    it("does not let a Referer open the list outside development", async () => {
      const response = await post(t, { query: ARBITRARY }, { referer: url });
      expect(codes(await response.json())).toEqual(["TRUSTED_DOCUMENTS_ONLY"]);
    });
  });

  it("lets GraphiQL run any operation in development, and nothing else", async () => {
    const t = await createTestApp({ provider: "sqlite", env: { TRUSTED_DOCUMENTS: "true", NODE_ENV: "development" } });
    try {
      const fromGraphiQL = await post(t, { query: ARBITRARY }, { referer: url });
      expect((await fromGraphiQL.json()).data.articles.totalCount).toBeGreaterThan(0);
      const page = await t.app.yoga.fetch(url, { headers: { accept: "text/html" } });
      expect(page.status).toBe(200);
      const fromElsewhere = await post(t, { query: ARBITRARY }, { referer: "https://elsewhere.example/graphql" });
      expect(codes(await fromElsewhere.json())).toEqual(["TRUSTED_DOCUMENTS_ONLY"]);
    } finally {
      await t.close();
    }
  });
});
