import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { postgresSchemaFrom, MIGRATED_SNAPSHOT, POSTGRES_SCHEMA, SQLITE_SCHEMA } from "../scripts/prisma-schemas.js";
import { NODE_TYPES } from "../src/ids.js";
import { schema } from "../src/schema/index.js";
import { printedSchema } from "../src/schema/print.js";

describe("the committed contracts", () => {
  it("schema/schema.graphql matches the schema the code builds (run `npm run schema:print`)", () => {
    expect(readFileSync("schema/schema.graphql", "utf8")).toBe(printedSchema());
  });

  it("the PostgreSQL Prisma schema is derived from the SQLite one (run `npm run db:sync-schemas`)", () => {
    expect(readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchemaFrom(readFileSync(SQLITE_SCHEMA, "utf8")));
  });

  it("every change to the Prisma schema has its migration (run `npm run db:migration -- <name>`)", () => {
    const models = (text: string) => text.slice(text.indexOf("enum "));
    expect(models(readFileSync(MIGRATED_SNAPSHOT, "utf8"))).toBe(models(readFileSync(SQLITE_SCHEMA, "utf8")));
  });

  it("decodes global ids of exactly the types that implement Node", () => {
    const implementations = schema.getPossibleTypes(schema.getType("Node") as never).map((type) => type.name);
    expect([...NODE_TYPES].sort()).toEqual(implementations.sort());
  });

  it("mentions email only where a guest gives it, where moderators read it and where an admin names a data subject", () => {
    const lines = printedSchema()
      .split("\n")
      .filter((line) => /^\s*\w*email\w*\s*[(:]/i.test(line));
    // Comment.email (moderators), DataSubjectInput.email (admins), GuestInput.email (the guest).
    expect(lines.map((line) => line.trim())).toEqual(["email: String", "email: String", "email: String!"]);
    expect(printedSchema()).not.toMatch(/guestEmail|editKeyHash|userId/);
  });
});
