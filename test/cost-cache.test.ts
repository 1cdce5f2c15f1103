// The cache of accepted costs stays bounded and keeps apart what could cost differently.
import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { COST_CACHE_MAX_KEY, CostCache } from "../src/limits/cost-cache.js";

describe("cost cache", () => {
  it("keys by document, operation name and variables", () => {
    const cache = new CostCache();
    const [a, b] = [parse("{ articles { nodes { id } } }"), parse("{ articles { nodes { id } } }")];
    const keys = [cache.key(a, null, { n: 1 }), cache.key(a, null, { n: 2 }), cache.key(a, "Other", { n: 1 }), cache.key(b, null, { n: 1 })];
    expect(new Set(keys).size).toBe(4);
    expect(cache.key(a, null, { n: 1 })).toBe(keys[0]);
  });

  it("drops the least recently used past its size", () => {
    const cache = new CostCache(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1);
    cache.set("c", 3);
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([1, undefined, 3]);
  });

  it("keeps no key for variables too long to hold", () => {
    const cache = new CostCache();
    expect(cache.key(parse("{ __typename }"), null, { text: "x".repeat(COST_CACHE_MAX_KEY) })).toBeNull();
  });
});
