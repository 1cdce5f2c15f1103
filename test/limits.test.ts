// Hostile queries are refused before they run, each with a code naming the limit it broke; every
// shipped operation fits the limits with room to spare.
import { isEnumType, isInputObjectType, isListType, isNonNullType, print, typeFromAST, type DocumentNode, type GraphQLInputType, type OperationDefinitionNode } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { encodeId } from "../src/ids.js";
import { schema } from "../src/schema/index.js";
import * as sdk from "../src/sdk/generated.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { createArticle, createThreadedArticle } from "./helpers/fixtures.js";

const codes = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => (result.errors ?? []).map((error) => error.extensions?.code);
const LIMIT_CODES = ["DEPTH_LIMIT_EXCEEDED", "ALIAS_LIMIT_EXCEEDED", "DIRECTIVE_LIMIT_EXCEEDED", "TOKEN_LIMIT_EXCEEDED", "COST_LIMIT_EXCEEDED"];

/** `article { comments { nodes { article { ... } } } }`, `depth` fields deep (a leaf field closes it). */
function cycle(depth: number): string {
  const steps = ["article", "comments(first: 1)", "nodes"];
  const leaves = ["id", "totalCount", "id"];
  let selection = leaves[(depth - 2) % 3]!;
  for (let level = depth - 1; level >= 1; level--) selection = `${level === 1 ? `article(slug: "x")` : steps[(level - 1) % 3]} { ${selection} }`;
  return `{ ${selection} }`;
}

describe("hostile queries", () => {
  let t: TestApp;
  let slug: string;
  beforeAll(async () => {
    t = await createTestApp({ provider: "sqlite" });
    const article = await createThreadedArticle(t.prisma, { comments: 3, replies: 2 });
    slug = article.slug;
  });
  afterAll(() => t.close());

  it("refuses a request of 1,000 aliases before running any of it", async () => {
    const fields = Array.from({ length: 1000 }, (_, n) => `a${n}: articles(first: 100, filter: { search: "x${n}" }) { totalCount nodes { commentCount } }`);
    const query = `{ ${fields.join(" ")} }`;
    expect(query.length).toBeGreaterThan(80_000);
    let result!: Awaited<ReturnType<TestApp["graphql"]>>;
    const statements = await t.countStatements(async () => (result = await t.graphql(query)));
    // Timed once warm, for the record (no bound asserted: the machine is shared).
    const started = performance.now();
    await t.graphql(query);
    const elapsed = performance.now() - started;
    expect(result.status).toBe(400);
    // The token count is met first, while the text is read: the aliases are never even counted.
    expect(codes(result)).toEqual(["TOKEN_LIMIT_EXCEEDED"]);
    expect(statements).toBe(0);
    console.log(`1,000 aliases (${Math.round(query.length / 1024)} KB) refused in ${elapsed.toFixed(1)} ms`);
  });

  it("counts aliases: fifteen are accepted, sixteen refused, also when hidden in fragments", async () => {
    const aliased = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: id`).join(" ");
    const accepted = await t.graphql(`{ articles(first: 1) { nodes { ${aliased(15)} } } }`);
    expect(accepted.errors).toBeUndefined();
    const refused = await t.graphql(`{ articles(first: 1) { nodes { ...A ...B } } } fragment A on Article { ${aliased(8)} } fragment B on Article { ${aliased(8).replace(/a(\d)/g, "b$1")} }`);
    expect(codes(refused)).toEqual(["ALIAS_LIMIT_EXCEEDED"]);
    expect(refused.errors![0]!.message).toMatch(/Aliases limit of 15 exceeded, found 16/);
  });

  it("refuses comments(first: 100) { replies(first: 100) }: it would load 10,000 comments", async () => {
    const query = `{ article(slug: "${slug}") { comments(first: 100) { nodes { body replies(first: 100) { nodes { body } } } } } }`;
    let result!: Awaited<ReturnType<TestApp["graphql"]>>;
    const statements = await t.countStatements(async () => (result = await t.graphql(query)));
    expect(result.status).toBe(400);
    expect(codes(result)).toEqual(["COST_LIMIT_EXCEEDED"]);
    expect(result.errors![0]!.extensions!.cost).toBeGreaterThanOrEqual(10_000);
    expect(statements).toBe(0);
  });

  it("costs a text search as the table scan it is, so aliased searches cannot pile up under the limit", async () => {
    const searches = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: articles(first: 0, filter: { search: "zz${i}" }) { totalCount }`).join(" ")} }`;
    const three = await t.graphql(searches(3));
    expect(three.errors).toBeUndefined();
    const fifteen = await t.graphql(searches(15));
    expect(codes(fifteen)).toEqual(["COST_LIMIT_EXCEEDED"]);
    // A blank search is no search, and costs nothing more than the page.
    const blank = await t.graphql(`{ ${Array.from({ length: 15 }, (_, i) => `a${i}: articles(first: 0, filter: { search: " " }) { totalCount }`).join(" ")} }`);
    expect(blank.errors).toBeUndefined();
  });

  it("accepts a cost just under the limit and refuses one just over it, page sizes read from variables", async () => {
    const limited = await createTestApp({ provider: "sqlite", env: { QUERY_MAX_COST: "1000" } });
    try {
      // 1 + 10 × (nodes 1 + comments (1 + n × nodes 1)) = 21 + 10n; the scalar `id` is free.
      const query = `query ($n: Int) { articles(first: 10) { nodes { comments(first: $n) { nodes { id } } } } }`;
      const under = await limited.graphql(query, { variables: { n: 97 } });
      expect(under.errors).toBeUndefined();
      const over = await limited.graphql(query, { variables: { n: 98 } });
      expect(codes(over)).toEqual(["COST_LIMIT_EXCEEDED"]);
      expect(over.errors![0]!.extensions).toMatchObject({ cost: 1001, maxCost: 1000 });
    } finally {
      await limited.close();
    }
  });

  it("measures an operation asked again: accepted again with the same variables, refused again over the limit", async () => {
    const limited = await createTestApp({ provider: "sqlite", env: { QUERY_MAX_COST: "1000" } });
    try {
      const query = `query ($n: Int) { articles(first: 10) { nodes { comments(first: $n) { nodes { id } } } } }`;
      for (const n of [97, 98, 97, 98]) {
        const result = await limited.graphql(query, { variables: { n } });
        expect(codes(result)).toEqual(n === 97 ? [] : ["COST_LIMIT_EXCEEDED"]);
      }
      // A page size out of range is refused whatever the same document cost before with another.
      const invalid = await limited.graphql(query, { variables: { n: -1 } });
      expect(codes(invalid)).toEqual(["INVALID_PAGINATION"]);
    } finally {
      await limited.close();
    }
  });

  it("refuses the depth-12 cycle article → comments → article, and accepts depth 10", async () => {
    const deep = await t.graphql(cycle(12));
    expect(deep.status).toBe(400);
    expect(codes(deep)).toEqual(["DEPTH_LIMIT_EXCEEDED"]);
    const allowed = await t.graphql(cycle(10));
    expect(allowed.errors).toBeUndefined();
  });

  it("counts depth through fragments spreading fragments", async () => {
    const fragments = [
      `fragment F1 on Article { comments(first: 1) { nodes { ...F2 } } }`,
      `fragment F2 on Comment { article { ...F3 } }`,
      `fragment F3 on Article { comments(first: 1) { nodes { ...F4 } } }`,
      `fragment F4 on Comment { article { comments(first: 1) { nodes { article { id } } } } }`,
    ];
    const result = await t.graphql(`{ article(slug: "x") { ...F1 } } ${fragments.join(" ")}`);
    expect(codes(result)).toEqual(["DEPTH_LIMIT_EXCEEDED"]);
  });

  it("refuses more than ten directives and accepts ten", async () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => `f${i}: id @include(if: true)`).join(" ");
    expect((await t.graphql(`{ articles(first: 1) { nodes { ${fields(10)} } } }`)).errors).toBeUndefined();
    const refused = await t.graphql(`{ articles(first: 1) @skip(if: false) { nodes { ${fields(10)} } } }`);
    expect(codes(refused)).toEqual(["DIRECTIVE_LIMIT_EXCEEDED"]);
  });

  it("refuses a huge token count while reading the text, and accepts a long ordinary operation", async () => {
    // Each id in the default list is one token; the request sends none, so nothing is looked up.
    const nodes = (n: number) => `query ($ids: [ID!]! = [${Array.from({ length: n }, (_, i) => JSON.stringify(encodeId("Article", i + 1))).join(" ")}]) { nodes(ids: $ids) { id } }`;
    expect((await t.graphql(nodes(950), { variables: { ids: [] } })).errors).toBeUndefined();
    const refused = await t.graphql(nodes(1000), { variables: { ids: [] } });
    expect(refused.status).toBe(400);
    expect(codes(refused)).toEqual(["TOKEN_LIMIT_EXCEEDED"]);
  });

  it("refuses a batch (an array of operations) and still answers one operation", async () => {
    const body = JSON.stringify([{ query: "{ articles(first: 1) { totalCount } }" }, { query: "{ articles(first: 1) { totalCount } }" }]);
    const batch = await t.app.yoga.fetch("http://newsgraph.test/graphql", { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(batch.status).toBe(400);
    expect(codes(await batch.json())).toEqual(["BAD_REQUEST"]);
    expect((await t.graphql("{ articles(first: 1) { totalCount } }")).errors).toBeUndefined();
  });

  it("still caps the body size", async () => {
    const query = `{ articles(first: 1) { totalCount } } # ${"x".repeat(1024 * 1024)}`;
    const response = await t.app.yoga.fetch("http://newsgraph.test/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
    expect(response.status).toBe(413);
  });

  it("holds a subscription to the same limits", async () => {
    const article = await createArticle(t.prisma);
    const query = `subscription { commentAdded(articleId: "${encodeId("Article", article.id)}") { ... on CommentAdded { ${Array.from({ length: 16 }, (_, i) => `a${i}: cursor`).join(" ")} } } }`;
    const result = await t.graphql(query);
    expect(codes(result)).toEqual(["ALIAS_LIMIT_EXCEEDED"]);
  });
});

/** A value of `type` that coerces: the least a required variable needs. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isInputObjectType(type)) return Object.fromEntries(Object.values(type.getFields()).filter((field) => isNonNullType(field.type)).map((field) => [field.name, sample(field.type)]));
  if (isEnumType(type)) return type.getValues()[0]!.value;
  return ({ Int: 1, Boolean: true, ID: encodeId("Comment", 1) } as Record<string, unknown>)[type.name] ?? "x";
}

describe("the shipped operations (schema/operations)", () => {
  const defaults = loadConfig({}).queryLimits;
  let t: TestApp;
  beforeAll(async () => {
    // Half of every default limit, depth excepted: two levels short of it (the deepest shipped page nests eight).
    t = await createTestApp({
      provider: "sqlite",
      env: {
        QUERY_MAX_DEPTH: String(defaults.maxDepth - 2),
        QUERY_MAX_ALIASES: String(Math.floor(defaults.maxAliases / 2)),
        QUERY_MAX_DIRECTIVES: String(Math.floor(defaults.maxDirectives / 2)),
        QUERY_MAX_TOKENS: String(Math.floor(defaults.maxTokens / 2)),
        QUERY_MAX_COST: String(Math.floor(defaults.maxCost / 2)),
      },
    });
  });
  afterAll(() => t.close());

  const documents = Object.entries(sdk).filter(([name]) => name.endsWith("Document")) as [string, DocumentNode][];

  it("are all here", () => {
    expect(documents.map(([name]) => name)).toEqual(expect.arrayContaining(["ArticlePageDocument", "AddCommentDocument", "LiveCommentsDocument"]));
  });

  it.each(documents)("%s fits within half of every limit, depth two levels short", async (_name, document) => {
    const operation = document.definitions.find((definition) => definition.kind === "OperationDefinition") as OperationDefinitionNode;
    const variables = Object.fromEntries(
      (operation.variableDefinitions ?? [])
        .filter((variable) => variable.type.kind === "NonNullType")
        .map((variable) => [variable.variable.name.value, sample(typeFromAST(schema, variable.type as never) as GraphQLInputType)]),
    );
    const result = await t.graphql(print(document), { variables });
    expect(codes(result).filter((code) => LIMIT_CODES.includes(code as string))).toEqual([]);
  });
});
