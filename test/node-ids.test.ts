// A node's `id` answers from its row without a promise (patches/@pothos+plugin-relay): a promise
// per row would make every row of a page wait a turn of the microtask queue before it completes.
import { GraphQLObjectType, type GraphQLResolveInfo } from "graphql";
import { describe, expect, it } from "vitest";
import { encodeId, NODE_TYPES } from "../src/ids.js";
import { schema } from "../src/schema/index.js";

describe("a node's id", () => {
  for (const type of NODE_TYPES) {
    it(`${type}.id is its global id, given at once`, () => {
      const resolve = (schema.getType(type) as GraphQLObjectType).getFields().id!.resolve!;
      const info = { path: { prev: undefined, key: "id", typename: type }, parentType: schema.getType(type), fieldName: "id" } as unknown as GraphQLResolveInfo;
      // An admin, whom every type's authorization lets read ids (moderation rules are moderators' only).
      const id = resolve({ id: 42 }, {}, { viewer: { id: 1, roles: ["ADMIN"] } }, info);
      expect(id).not.toBeInstanceOf(Promise);
      expect(id).toBe(encodeId(type, 42));
    });
  }
});
