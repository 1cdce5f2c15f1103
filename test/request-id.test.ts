// Masked errors carry a request id, in the response and its header, and the structured log holds
// the same id with the cause; introspection is on by default and off by setting.
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../src/context.js";
import { REQUEST_ID_HEADER } from "../src/limits/request-id.js";
import { createYogaApp, type Yoga } from "../src/yoga.js";
import { createTestApp, type TestApp } from "./helpers/app.js";

const url = "http://newsgraph.test/graphql";
const post = (yoga: Yoga, query: string, headers: Record<string, string> = {}) =>
  yoga.fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query }) });

describe("request ids", () => {
  let t: TestApp;
  let yoga: Yoga;
  const lines: Record<string, any>[] = [];
  beforeAll(async () => {
    t = await createTestApp({ provider: "sqlite", env: { COMPILED_READS: "false" } });
    // A database that fails in a way nobody expected, behind the same Yoga, logging to a captured stream.
    const failing = new Proxy(t.prisma, {
      get: (target, property, receiver) => {
        if (property === "article") throw new Error("disk on fire under /var/lib/newsgraph");
        return Reflect.get(target, property, receiver);
      },
    });
    const services: Services = { ...t.app.services, database: { ...t.app.services.database, prisma: failing } };
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    yoga = createYogaApp(services, { bodyCounts: t.app.bodyCounts, logger });
  });
  afterAll(() => t.close());

  it("gives a masked error the request's id, which the log holds with the cause", async () => {
    const response = await post(yoga, "{ articles(first: 1) { totalCount } }");
    const body = await response.json();
    expect(body.errors).toMatchObject([{ message: "Unexpected error.", extensions: { code: "INTERNAL_SERVER_ERROR" } }]);
    expect(JSON.stringify(body)).not.toMatch(/disk on fire/);
    const requestId = body.errors[0].extensions.requestId;
    expect(requestId).toMatch(/^[\w-]{8,}$/);
    expect(response.headers.get(REQUEST_ID_HEADER)).toBe(requestId);
    const logged = lines.filter((line) => line.requestId === requestId);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.err.message).toMatch(/disk on fire/);
    expect(logged[0]!.level).toBe(50);
  });

  it("keeps the id a proxy gave the request, and gives each request without one its own", async () => {
    const given = await post(t.app.yoga, "{ __typename }", { [REQUEST_ID_HEADER]: "lb-7f3a9c21" });
    expect(given.headers.get(REQUEST_ID_HEADER)).toBe("lb-7f3a9c21");
    const first = (await post(t.app.yoga, "{ __typename }")).headers.get(REQUEST_ID_HEADER);
    const second = (await post(t.app.yoga, "{ __typename }")).headers.get(REQUEST_ID_HEADER);
    expect(first).toBeTruthy();
    expect(first).not.toBe(second);
    const forged = await post(t.app.yoga, "{ __typename }", { [REQUEST_ID_HEADER]: "<script>" });
    expect(forged.headers.get(REQUEST_ID_HEADER)).not.toBe("<script>");
  });

  it("adds no id to an expected error", async () => {
    const body = await (await post(t.app.yoga, '{ node(id: "zzz") { id } }')).json();
    expect(body.errors[0].extensions.code).toBe("INVALID_ID");
    expect(body.errors[0].extensions.requestId).toBeUndefined();
  });
});

describe("introspection", () => {
  const INTROSPECT = "{ __schema { queryType { name } } }";

  it("is answered by default", async () => {
    const t = await createTestApp({ provider: "sqlite" });
    try {
      expect((await t.graphql(INTROSPECT)).data).toEqual({ __schema: { queryType: { name: "Query" } } });
    } finally {
      await t.close();
    }
  });

  it("is refused with INTROSPECTION=false, and field suggestions are hidden with it", async () => {
    const t = await createTestApp({ provider: "sqlite", env: { INTROSPECTION: "false" } });
    try {
      const refused = await t.graphql(INTROSPECT);
      expect(refused.data).toBeUndefined();
      expect(new Set(refused.errors!.map((error) => error.extensions?.code))).toEqual(new Set(["GRAPHQL_VALIDATION_FAILED"]));
      expect(refused.errors![0]!.message).toMatch(/introspection/i);
      const typo = await t.graphql("{ articls(first: 1) { totalCount } }");
      expect(typo.errors![0]!.message).not.toMatch(/Did you mean/);
      expect((await t.graphql("{ articles(first: 1) { totalCount } }")).errors).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
