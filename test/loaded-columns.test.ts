// A field that reads only columns of its row answers from a row that carries them, without the
// Prisma plugin's per-row plan lookup; a row that lacks one still goes to the plugin's reload.
import { GraphQLObjectType, type GraphQLResolveInfo } from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "../src/schema/index.js";

/** The built resolver of `type.field`, as graphql-js calls it. */
function resolverOf(type: string, field: string) {
  const resolve = (schema.getType(type) as GraphQLObjectType).getFields()[field]!.resolve!;
  return (parent: Record<string, unknown>, context: Record<string, unknown>) =>
    resolve(parent, {}, context, { path: { prev: undefined, key: field, typename: type }, parentType: schema.getType(type), fieldName: field } as unknown as GraphQLResolveInfo);
}

/** A context whose database may not be touched: reaching Prisma's loader means the row was not used. */
function untouchable(): Record<string, unknown> {
  const context: Record<string, unknown> = { now: () => new Date("2026-01-02T00:00:00Z"), viewer: null, editKeyHashes: [], readerKeyHash: null };
  Object.defineProperty(context, "prisma", { get: () => { throw new Error("the database was asked for a column the row carries"); } });
  return context;
}

describe("fields that read columns of their row", () => {
  const cases: { type: string; field: string; row: Record<string, unknown>; expected: unknown }[] = [
    { type: "Comment", field: "body", row: { id: 1, body: "Text", status: "APPROVED" }, expected: "Text" },
    { type: "Comment", field: "body", row: { id: 1, body: "Gone", status: "DELETED" }, expected: null },
    { type: "Comment", field: "authorName", row: { id: 1, authorName: "Ada", status: "APPROVED" }, expected: "Ada" },
    { type: "Comment", field: "staffBadge", row: { id: 1, staffRole: null, status: "APPROVED" }, expected: null },
    { type: "Comment", field: "isDeleted", row: { id: 1, status: "DELETED" }, expected: true },
    { type: "Article", field: "status", row: { id: 1, status: "PUBLISHED", publishedAt: new Date("2026-01-01T00:00:00Z") }, expected: "PUBLISHED" },
    { type: "Article", field: "title", row: { id: 1, title: "A title" }, expected: "A title" },
  ];
  for (const { type, field, row, expected } of cases) {
    it(`${type}.${field} answers from a row that carries its columns (${JSON.stringify(row)})`, async () => {
      expect(await resolverOf(type, field)(row, untouchable())).toEqual(expected);
    });
  }

  it("a row without the column is not answered from the row: it goes on to the plugin's reload", async () => {
    // The reload needs a whole resolve info, which this stand-in lacks: any refusal shows the row was not used.
    await expect(async () => resolverOf("Comment", "body")({ id: 1, status: "APPROVED" }, untouchable())).rejects.toThrow();
  });
});
